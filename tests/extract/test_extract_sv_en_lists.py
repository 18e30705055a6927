"""Swedish and English lists and page furniture read on a third held-out set: grants in
Swedish or English currency-free bullets ("X får 150 000 kronor för projektet Y"), Finnish skip
links on English pages, and capitalised words that are no people ("The Art of ..."). All
texts are synthetic."""

from __future__ import annotations

import pytest
from extract_helpers import projects_of

from kg.extract.cues import is_furniture


def test_swedish_bullet_grants_in_kronor_give_one_project_each() -> None:
    projects = projects_of(
        "Nu fördelar Kulturverket 5 miljoner till kulturprojekt\n\n"
        "Bidraget går till ideella föreningar i hela landet.\n\n"
        "  • Sånggruppen Aftonstjärnan får 150 000 kronor för projektet Sång i vården.\n"
        "  • Stiftelsen Bildverkstan får 180 000 kronor för projektet Färg och minne.\n")
    titles = sorted(p["title"]["sv"] for p in projects)
    assert titles == ["Färg och minne", "Sång i vården"]
    assert all(p["funders"] == ["Kulturverket"] for p in projects)


def test_swedish_grants_without_a_named_project_or_euros_give_no_list() -> None:
    projects = projects_of(
        "Kulturhuset får nya lokaler\n\nFöreningen Aftonstjärnan får besök av Kulturhuset. "
        "Stiftelsen Bildverkstan får en ny styrelse.\n")
    assert len(projects) <= 1


@pytest.mark.parametrize("line", ["Hoppa till huvudinnehåll", "Toppmeny", "Ohita navigaatio",
                                  "Siirry sivun alkuun", "Skip navigation", "Back to top"])
def test_skip_links_and_menus_are_furniture(line: str) -> None:
    assert is_furniture(line)


def test_a_finnish_skip_link_on_an_english_page_is_no_title() -> None:
    (project,) = projects_of(
        "Ohita navigaatio\n\nSinging Homes\n\nThe Singing Homes project brings music to nursing "
        "homes. It is funded by the Ministry of Education and Culture.\n")
    assert project["title"]["en"] == "Singing Homes"


@pytest.mark.parametrize(("text", "name"), [
    ("The new Finnish Art programme was launched by Stefan Wallin in 2008.", "Stefan Wallin"),
    ("The Art of Living project is led by Maria Berg.", "Maria Berg"),
    ("Den Nordiska Anna-dagen leds av Lisa Holm.", "Lisa Holm"),
])
def test_articles_and_nationality_words_are_no_people(text: str, name: str) -> None:
    projects = projects_of(f"Kultur\n\n{text}\n")
    people = {p["name"] for project in projects for p in project["people"]}
    assert people <= {name}
    assert not any(w in " ".join(people) for w in ("The", "Finnish", "Den", "Nordiska"))


@pytest.mark.parametrize("byline", ["Uppdaterat 03.08.2018, klockan 11.38, Lisa Holm.",
                                    "Updated 3 May 2021 by Lisa Holm",
                                    "Päivitetty 3.5.2021, Lisa Holm"])
def test_the_name_in_a_dated_byline_is_no_person(byline: str) -> None:
    (project,) = projects_of(
        "Sång i vården\n\nProjektet Sång i vården finansieras av Svenska kulturfonden.\n\n"
        f"{byline}\n")
    assert project["people"] == []


def test_an_acronym_in_the_swedish_genitive_names_the_project_without_its_s() -> None:
    (project,) = projects_of("Kultur och hälsa\n\nInterreg-projektet KULKURs första fas "
                           "initierades i oktober 2021 och drivs av Föreningen Bildverkstan.\n")
    assert "KULKUR" in [project["title"]["sv"], *project["alt_titles"]]


@pytest.mark.parametrize(("text", "lead"), [
    ("Sång i vården\n\nSång i vården är ett samarbetsprojekt mellan Föreningen Bildverkstan och "
     "Sånggruppen Aftonstjärnan.\n", "Föreningen Bildverkstan"),
    ("Singing Homes\n\nSinging Homes is a joint project between the Helsinki Music Centre "
     "Foundation and the Finnish Music Association.\n", "Helsinki Music Centre Foundation"),
    ("Det finländska huset\n\nUtställningen Det finländska huset kommer att produceras av "
     "Stiftelsen Emigranternas hus.\n", "Stiftelsen Emigranternas hus"),
])
def test_joint_projects_and_producers_name_the_lead(text: str, lead: str) -> None:
    (project,) = projects_of(text)
    assert lead in project["lead_organisations"]


def test_swedish_recipients_keep_their_county_and_their_second_language_name() -> None:
    projects = projects_of(
        "Bidrag till kulturarvsprojekt\n\n"
        "  • Föreningsarkivet i Jämtlands län får 250 000 kronor för projektet Brev hem.\n"
        "  • Saemien Siebrie/Fatmomakke sameförening får 180 000 kronor för projektet Arvet.\n")
    leads = sorted(lead for p in projects for lead in p["lead_organisations"])
    assert leads == ["Föreningsarkivet i Jämtlands län", "Saemien Siebrie/Fatmomakke sameförening"]


def test_a_list_of_artists_projects_gives_one_project_per_artist() -> None:
    projects = projects_of(
        "Three artists selected\n\nThe jury selected three project proposals.\n"
        "Anna Berg, music pedagogue (Master of Culture and Arts), will implement a workshop "
        "series titled Songs of Home (“Kotilaulut”) at the Helsinki City Hospital.\n"
        "The aim of the project is to support young patients.\n"
        "Lisa Holm, dance artist, will carry out the project Moving Together in collaboration "
        "with the City of Turku.\n"
        "The project brings dance to care homes.\n"
        "Maria Lind, circus artist, will carry out her project as an artist residency.\n")
    assert [p["title"]["en"] for p in projects] == ["Songs of Home", "Moving Together", None]


def test_one_artist_with_a_role_is_no_list() -> None:
    projects = projects_of("Songs of Home\n\nAnna Berg, music pedagogue, will implement the "
                         "project Songs of Home at the Helsinki City Hospital.\n")
    assert len(projects) == 1
