"""Role cues of the third round of issue 11 (found on unlabelled texts of corpus/more, kept
only where a fresh held-out set did not get worse): relative clauses that name who carries
out or pays for a project, and partner lists introduced by a plural role noun. All texts are
synthetic."""

from __future__ import annotations

import pytest

from kg.extract import extract_text


def only_project(text: str) -> dict:
    (project,) = extract_text(text, "roles.txt")["projects"]
    return project


def test_a_relative_clause_names_every_lead_of_a_joint_project() -> None:
    project = only_project(
        "Soiva kylä\n\nSoiva kylä on musiikkihanke, jota toteuttavat yhteistyössä Lapuan "
        "kaupunki ja Seinäjoen ammattikorkeakoulu.\n")
    assert project["lead_organisations"] == ["Lapuan kaupunki", "Seinäjoen ammattikorkeakoulu"]


def test_a_relative_clause_names_the_funder() -> None:
    project = only_project(
        "Soiva kylä\n\nSoiva kylä on musiikkihanke, jota rahoittaa Opetus- ja "
        "kulttuuriministeriö.\n")
    assert project["funders"] == ["Opetus- ja kulttuuriministeriö"]


@pytest.mark.parametrize("sentence", [
    "Hankkeen yhteistyökumppaneina toimivat Lapuan kaupunki ja Kuortaneen kunta.",
    "Hankkeen yhteistyökumppaneita ovat Lapuan kaupunki ja Kuortaneen kunta.",
    "Hankkeessa ovat mukana Lapuan kaupunki ja Kuortaneen kunta.",
])
def test_a_plural_partner_noun_introduces_the_partners(sentence: str) -> None:
    project = only_project(f"Soiva kylä\n\nSoiva kylä -hanke tuo musiikkia kyliin. {sentence}\n")
    assert project["partner_organisations"] == ["Lapuan kaupunki", "Kuortaneen kunta"]
