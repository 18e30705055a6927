"""Swedish and English read on a fifth held-out set: English organisation names that hold a
preposition, Swedish grants whose recipient is the subject of a passive verb, and pages that
name no project. All texts are synthetic."""

from __future__ import annotations

from extract_helpers import only_project


def test_english_names_holding_a_preposition_are_kept_whole() -> None:
    project = only_project(
        "Culture Cares project\n\nThe Culture Cares project is led by the Northern Dimension "
        "Partnership on Culture in partnership with the Centre for Arts in Health and the "
        "University of Eastern Finland. The project is funded by the Finnish Cultural Foundation "
        "and the City of Turku.\n")
    assert project["lead_organisations"] == ["Northern Dimension Partnership on Culture"]
    assert project["partner_organisations"] == ["Centre for Arts in Health",
                                                "University of Eastern Finland"]
    assert project["funders"] == ["Finnish Cultural Foundation", "City of Turku"]


def test_a_name_with_a_preposition_and_a_conjunction_is_one_name() -> None:
    project = only_project(
        "Culture for me\n\nThe Culture for me project is funded by the Partnership in Public "
        "Health and Social Well-being and the Arts Council.\n")
    assert project["funders"] == ["Partnership in Public Health and Social Well-being",
                                  "Arts Council"]


def test_a_place_after_the_preposition_ends_the_name() -> None:
    project = only_project(
        "Culture Cares project\n\nThe Culture Cares project is coordinated by the Centre for "
        "Arts in Turku.\n")
    assert project["lead_organisations"] == ["Centre for Arts"]
