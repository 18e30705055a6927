"""Swedish and English read on an eighth held-out set: names of projects across a line
break. All texts are synthetic."""

from __future__ import annotations

import pytest
from extract_helpers import only_project, projects_of

from kg.extract.cues import is_furniture
from kg.extract.orgs import canonical_org
from kg.extract.people import find_people
from kg.extract.segment import segment
from kg.extract.titles import is_valid_title


def test_a_project_name_across_a_line_break_is_read_not_a_crash() -> None:
    project = only_project(
        "Alfa  Beta\nGamma Project\n\nThe Alfa Beta Gamma Project is funded by the Finnish "
        "Cultural Foundation.\n")
    assert project["funders"] == ["Finnish Cultural Foundation"]


@pytest.mark.parametrize("line", ["Hoppa till innehåll", "Cookie-inställningar", "No comments:",
                                  "Page updated 12.3.2024", "Cookie settings"])
def test_page_furniture_of_swedish_and_english_pages(line: str) -> None:
    assert is_furniture(line)


def test_swedish_partners_after_the_present_tense_cue() -> None:
    project = only_project(
        "Kulturvägen\n\nProjektet Kulturvägen 1.1–31.12.2019 administreras av Alfa förbund. "
        "Delgenomförarna är Västra Betalands och Gamma förbund samt Delta sjukvårdsdistrikt.\n")
    assert project["partner_organisations"] == ["Västra Betalands förbund", "Gamma förbund",
                                                "Delta sjukvårdsdistrikt"]


def test_the_short_name_of_a_known_foundation_is_its_full_name() -> None:
    assert canonical_org("Kulturfonden", "sv") == "Svenska kulturfonden"
    assert canonical_org("Kulturfondens", "sv") == "Svenska kulturfonden"


@pytest.mark.parametrize(("sentence", "field", "names"), [
    ("Projektet genomförs med stöd av Svenska kulturfondens projektbidrag.", "funders",
     ["Svenska kulturfonden"]),
    ("Projektet drivs av Vasa stads kulturbyrå.", "lead_organisations", ["Vasa stad"]),
    ("Projektet leds av Åbo Akademis institution för musikvetenskap.", "lead_organisations",
     ["Åbo Akademi"]),
])
def test_a_known_organisation_in_the_swedish_genitive_after_a_role_cue(
        sentence: str, field: str, names: list[str]) -> None:
    project = only_project(f"Kulturresan\n\nProjektet Kulturresan startade 2024. {sentence}\n")
    assert project[field] == names


@pytest.mark.parametrize("text", [
    "Stiftelsen Brita Maria Renlunds minne sr delar ut 9 miljoner euro i bidrag.",
    "Projektet finansieras av Maria Renlunds stiftelse.",
    "The project is funded by the Jane Smith Foundation.",
])
def test_a_name_inside_a_foundations_name_is_no_person(text: str) -> None:
    assert find_people(text, segment(text)) == []


def test_a_foundation_named_after_a_person_funds_the_project() -> None:
    project = only_project("Sånglust\n\nProjektet Sånglust finansieras av Maria Renlunds "
                           "stiftelse. Projektledare är Anna Berg.\n")
    assert project["funders"] == ["Maria Renlunds stiftelse"]
    assert [person["name"] for person in project["people"]] == ["Anna Berg"]


@pytest.mark.parametrize(("text", "funders"), [
    ("Kulturell välfärd\n\nForskningen pågår 2024–2025. Uppdragsgivarna är undervisnings- och "
     "kulturministeriet samt Centret för konstfrämjande.\n",
     ["Opetus- ja kulttuuriministeriö", "Taiteen edistämiskeskus"]),
    ("Art Now\n\nThe Art Now study 2024-2025 was commissioned by the Ministry of Education and "
     "Culture.\n", ["Opetus- ja kulttuuriministeriö"]),
])
def test_those_who_commission_a_study_fund_it(text: str, funders: list[str]) -> None:
    assert only_project(text)["funders"] == funders


@pytest.mark.parametrize(("text", "funders"), [
    ("Kulturvård II\n\nProjektet Kulturvård II 1.5–31.12.2019 administreras av Alfa förbund. "
     "Centret för konstfrämjande har beviljat projektet en finansiering på 100 000 euro.\n",
     ["Taiteen edistämiskeskus"]),
    ("Art Now\n\nThe Art Now project 2024-2025 is led by Alfa Association. The Finnish Cultural "
     "Foundation has granted the project a grant.\n", ["Finnish Cultural Foundation"]),
])
def test_a_funder_that_opens_the_sentence_granting_the_project(text: str,
                                                                funders: list[str]) -> None:
    assert only_project(text)["funders"] == funders


@pytest.mark.parametrize("text", [
    "Bidrag i Åboland\n\nSvenska kulturfonden har delat ut bidrag. De största bidragen gick till "
    "Alfa Musik- och Bildkonstskola och Beta Jazz som beviljades 17 000 euro respektive 15 000 "
    "euro.\n",
    "Grants 2024\n\nThe Delta Foundation has awarded grants. The largest grants went to Alfa "
    "Musik- och Bildkonstskola and Beta Jazz, which received EUR 17,000 and EUR 15,000 "
    "respectively.\n",
])
def test_amounts_given_respectively_go_to_the_recipients_in_order(text: str) -> None:
    grants = [(p["lead_organisations"], p["budget"]["shares"][0]["eur"]) for p in projects_of(text)]
    assert grants == [(["Alfa Musik- och Bildkonstskola"], 17000), (["Beta Jazz"], 15000)]


@pytest.mark.parametrize("heading", ["Stort intresse för", "Culture and health for the",
                                     "Kulttuuria ja"])
def test_a_heading_cut_off_by_a_line_break_is_no_title(heading: str) -> None:
    assert not is_valid_title(heading)


def test_partners_in_a_bulleted_list_under_a_cue_that_ends_in_a_colon() -> None:
    project = only_project(
        "Kulturvägen\n\nAlfa yrkeshögskola administrerar projektet Kulturvägen. Verksamheten "
        "genomförs i samarbete med följande organisationer:\n\n  • Beta förbund\n"
        "  • Forskningsenheten för kultur vid Gamma universitet\n\nMer information.\n")
    assert project["partner_organisations"] == [
        "Beta förbund", "Forskningsenheten för kultur vid Gamma universitet"]
