"""Prose cues of the second round of issue 11, per language: status and scope phrases from the
cue tables, name lists after a Swedish funding cue, headlines that are no description, quoted
project names, periods and target groups. All texts are synthetic."""

from __future__ import annotations

import pytest

from kg.extract import extract_text
from kg.extract.cues import LANGUAGES, cue_table
from kg.extract.dates import find_periods
from kg.extract.normalise import normalise_text
from kg.extract.segment import segment

STATUS_SCOPE_TEXTS = {
    "fi": ("Soiva kylä\n\nSoiva kylä -hanke tuo musiikkia kyliin ja palvelutaloihin. Soiva kylä "
           "on valtakunnallinen hanke, jota koordinoi Lapuan kaupunki. Hanke päättyi "
           "viime vuonna.\n", "national", "completed"),
    "sv": ("Klingande by\n\nProjektet Klingande by ger musik till byarna och servicehusen. Det "
           "regionala projektet genomförs av Vasa stad och kommer att pågå till slutet av "
           "nästa år.\n", "regional", "ongoing"),
    "en": ("Singing Village\n\nA national project has started in Finland to bring music to "
           "villages and care homes. The project Singing Village is coordinated by the City "
           "of Turku.\n", "national", "ongoing"),
}


def only_project(text: str) -> dict:
    (project,) = extract_text(text, "prose.txt")["projects"]
    return project


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_language_has_status_and_scope_phrases(language: str) -> None:
    table = cue_table(language)
    for category in ("status_completed", "status_ongoing", "status_planned",
                     "scope_national", "scope_regional", "scope_international", "scope_local"):
        assert table.get(category), f"{language}: {category}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_status_and_scope_are_read_from_prose_phrases(language: str) -> None:
    text, scope, status = STATUS_SCOPE_TEXTS[language]
    project = only_project(text)
    assert project["scope"] == scope
    assert project["status"] == status


def test_a_swedish_funding_cue_keeps_the_whole_list_of_names() -> None:
    project = only_project(
        "Klingande by\n\nProjektet Klingande by ger musik till byarna. För finansieringen av "
        "projektet ansvarar Österbottens förbund, Vasa stad och Svenska kulturfonden.\n")
    assert project["funders"] == ["Österbottens förbund", "Vasa stad", "Svenska kulturfonden"]


def test_an_english_apposition_after_a_comma_is_not_a_second_name() -> None:
    project = only_project(
        "Singing Village\n\nThe project Singing Village brings music to care homes. It is "
        "funded by the Finnish Cultural Foundation, the largest private funder of the arts.\n")
    assert project["funders"] == ["Finnish Cultural Foundation"]


@pytest.mark.parametrize(("text", "description"), [
    ("Soiva kylä tuo musiikkia kaikille kylille nyt\n\nSoiva kylä -hanke vie musiikkia "
     "kyliin ja palvelutaloihin koko maakunnassa.\n",
     "Soiva kylä -hanke vie musiikkia kyliin ja palvelutaloihin koko maakunnassa."),
    ("Accessible arts and culture for all children\n\nThe project Singing Village brings "
     "music to villages and care homes in the region.\n",
     "The project Singing Village brings music to villages and care homes in the region."),
])
def test_a_headline_is_never_the_description(text: str, description: str) -> None:
    assert only_project(text)["description"] == description


@pytest.mark.parametrize(("text", "title", "language"), [
    ("Kulturnotiser\n\nEn arbetsgrupp har tillsatts för pilotprojektet ”Kultur i vården”. "
     "Gruppen ska föreslå program för äldreomsorgshemmen.\n", "Kultur i vården", "sv"),
    ("News\n\nThe city launched the project \"Music for Everyone\" for older people living alone. "
     "The work continues next year.\n", "Music for Everyone", "en"),
])
def test_a_quoted_project_name_is_the_title(text: str, title: str, language: str) -> None:
    assert only_project(text)["title"][language] == title


@pytest.mark.parametrize(("text", "start", "end"), [
    ("Programmet genomförs åren 2015–2019.", "2015", "2019"),
    ("Hanke toteutetaan vuosina 2021-2023.", "2021", "2023"),
    ("Föreningen har sedan år 2015 genomfört projektet Klingande by.", "2015", None),
    ("Since 2018 the project has brought music to care homes.", "2018", None),
    ("Det ordnas Storfester i Houtskär och Nagu också under 2024.", "2024", "2024"),
])
def test_periods_before_a_full_stop_and_since_a_year(text: str, start: str,
                                                     end: str | None) -> None:
    (period,) = find_periods(text)
    assert (period.start, period.end) == (start, end)


def test_since_a_year_without_a_project_is_no_period() -> None:
    assert find_periods("Avustussumma pysyi samana vuodesta 2012.") == []


@pytest.mark.parametrize(("text", "group", "language"), [
    ("Klingande by\n\nProjektet Klingande by ger musik till personer med rörelsehinder och "
     "ensamboende äldre personer i byarna.\n", "personer med rörelsehinder", "sv"),
    ("Singing Village\n\nThe project Singing Village brings music to older people and to "
     "children with special needs in care homes.\n", "children with special needs", "en"),
])
def test_multi_word_target_groups(text: str, group: str, language: str) -> None:
    project = only_project(text)
    assert group in project["target_groups"]
    assert not set(project["target_groups"]) & set(project["topics"])


def test_a_surname_that_is_a_town_names_a_person_not_a_place() -> None:
    project = only_project(
        "Kulturkompis\n\nKulturkompisverksamheten erbjuder sällskap till konserter i Vasa, "
        "berättar Niina Nokia som är kulturkompis. Enligt Nokia är verksamheten populär.\n")
    assert "Niina Nokia" in [person["name"] for person in project["people"]]
    assert project["municipalities"] == ["Vasa"]


def test_a_capitalised_swedish_compound_inside_a_sentence_is_the_name() -> None:
    project = only_project(
        "Vill du bli\n\nkulturkompis?\n\nSom kulturkompis följer du med till konserter. Syftet "
        "med Kulturkompisverksamheten är att minska ensamhet bland äldre i staden.\n")
    assert project["title"]["sv"] == "Kulturkompisverksamheten"


@pytest.mark.parametrize(("text", "regions"), [
    ("Soiva kylä\n\nSoiva kylä -hanke tuo musiikkia Hämeeseen. Hanketta rahoittaa Hämeen "
     "ELY-keskus.\n", ["Häme"]),
    ("Soiva kylä\n\nSoiva kylä -hanke tuo musiikkia Kaakkois-Suomeen, Kymenlaaksoon ja "
     "Etelä-Karjalaan.\n", ["Kymenlaakso", "Etelä-Karjala"]),
    ("Soiva kylä\n\nSoiva kylä -hanke tuo musiikkia kyliin. Hanketta rahoittaa Hämeen "
     "ELY-keskus.\n", []),
])
def test_wider_areas_are_regions_unless_an_owner_or_said_more_exactly(text: str,
                                                                      regions: list[str]) -> None:
    assert only_project(text)["regions"] == regions


def test_a_grant_says_what_it_is_for_in_its_activities() -> None:
    record = extract_text(
        "Kulturnotiser\n\nFöreningen Kökarkultur får ett projektunderstöd på 5.000 euro av "
        "kulturdelegationen. Pengarna skall användas för projektet Kökarform.\n\n"
        "Föräldraföreningen vid musikinstitutet får 1.500 euro av Ålands kulturdelegation för "
        "konserter på äldreboenden i skärgården.\n", "grants.txt")
    first = record["projects"][0]
    assert "Pengarna skall användas för projektet Kökarform." in first["activities"]
    assert record["projects"][1]["activities"] == [record["projects"][1]["description"]]


@pytest.mark.parametrize(("heading", "language"), [
    ("Genomförande", "sv"), ("Implementation", "en")])
def test_an_implementation_section_holds_activities(heading: str, language: str) -> None:
    sentence = {"sv": "Länskonstnärerna hjälper intresserade att komma igång och hitta partners.",
                "en": "Regional artists help those interested to get started and find partners."}
    text = {"sv": "Klingande by\n\nProjektet Klingande by ger musik till byarna och "
                  "servicehusen i regionen.\n\n",
            "en": "Singing Village\n\nThe project Singing Village brings music to villages and "
                  "care homes in the region.\n\n"}[language]
    project = only_project(f"{text}{heading}\n\n{sentence[language]}\n")
    assert sentence[language] in project["activities"]
    assert record_language(f"{text}{heading}\n\n{sentence[language]}\n") == language


def record_language(text: str) -> str:
    return extract_text(text, "lang.txt")["language"]


@pytest.mark.parametrize(("sentence", "group"), [
    ("Soiva kylä -hanke vie musiikkia nuorille ja heidän perheilleen kylissä.", "nuoret"),
    ("Soiva kylä -hanke vie musiikkia vanhusten palvelutaloihin kylissä.", "vanhukset"),
    ("Soiva kylä -hanke vie musiikkia ikääntyneille kylissä ja kaupungeissa.", "ikääntyneet"),
    ("Soiva kylä -hanke vie musiikkia jokaiselle pitkäaikaispotilaalle sairaalassa.",
     "pitkäaikaispotilaat"),
])
def test_finnish_target_groups_in_any_case_keep_the_gazetteer_form(sentence: str,
                                                                   group: str) -> None:
    assert group in only_project(f"Soiva kylä\n\n{sentence}\n")["target_groups"]


def test_news_briefs_beside_grants_keep_a_quoted_project_as_its_own_entry() -> None:
    record = extract_text(
        "Kulturnotiser\n\nKulturlivet får dela på 600.000 euro i nästa års budget. Anna "
        "Lindqvist leder en arbetsgrupp som tillsatts för pilotprojektet ”Musik i vården”. I "
        "gruppen sitter också Heidi Wingren (Rosengården) och Hannes Vaitilo.\n\n"
        "Föreningen Kökarkultur får ett projektunderstöd på 5.000 euro av kulturdelegationen. "
        "Pengarna skall användas för projektet Kökarform.\n\n"
        "Föräldraföreningen vid musikinstitutet får 1.500 euro av Ålands kulturdelegation för "
        "konserter på äldreboenden i skärgården.\n", "briefs.txt")
    named, *grants = record["projects"]
    assert named["title"]["sv"] == "Musik i vården"
    assert [p["name"] for p in named["people"]] == ["Anna Lindqvist", "Heidi Wingren",
                                                    "Hannes Vaitilo"]
    assert named["budget"]["shares"] == []
    assert [p["organisation"] for p in named["people"]] == [None, "Rosengården", None]
    assert len(grants) == 2
    assert "Kökarform" not in [g["title"]["sv"] for g in grants[1:]]


@pytest.mark.parametrize(("sentence", "role"), [
    ("Vi träffas ofta, berättar Tarja Autio som fungerar som kulturkompis i staden.",
     "kulturkompis"),
    ("The visits are planned by Anna Lindqvist, who works as a curator at the museum.",
     "curator"),
])
def test_a_role_after_works_as(sentence: str, role: str) -> None:
    text = f"Kulturkompis\n\nProjektet Kulturkompis ger sällskap till konserter. {sentence}\n"
    (person,) = only_project(text)["people"]
    assert role in person["roles"]


def test_a_colon_case_ending_is_no_label() -> None:
    text = ("Seminaari\n\nVarsinais-Suomen taidetoimikunta ja Turun AMK:n Taideakatemia "
            "järjestävät yhteistyössä verkostoitumisseminaarin sote-alan toimijoille.\n")
    assert segment(normalise_text(text)).fields == []
    assert only_project(text)["description"].startswith("Varsinais-Suomen taidetoimikunta")


@pytest.mark.parametrize(("sentence", "leads"), [
    ("Pohjois-Pohjanmaan museon ja Oulun kaupunginkirjaston yhteistyössä suunnittelemat "
     "kierrokset on tarkoitettu muistisairaille.",
     ["Pohjois-Pohjanmaan museo", "Oulun kaupunginkirjasto"]),
    ("Muistakko nää -hanke tuo museon kyliin. Hankkeen toteuttaa Lapuan kaupunki.",
     ["Lapuan kaupunki"]),
])
def test_finnish_leads_over_coordination_and_inverted_order(sentence: str,
                                                            leads: list[str]) -> None:
    assert only_project(f"Muistakko nää\n\n{sentence}\n")["lead_organisations"] == leads


def test_a_government_key_project_is_a_programme_named_with_its_purpose() -> None:
    project = only_project(
        "Klingande by\n\nProjektet Klingande by ger musik till servicehusen. Projektet var ett "
        "av regeringens spetsprojekt för att öka kulturen inom äldreomsorgen.\n")
    assert project["funding_programmes"] == [
        "regeringens spetsprojekt för att öka kulturen inom äldreomsorgen"]


def test_a_practice_described_at_length_is_one_entry_even_without_the_word_project() -> None:
    text = ("Sairaalaklovnit\n\nSairaalaklovnit toimivat lapsen tukena sairaaloissa. Toiminnan "
            "tavoitteena on vaikuttaa lapsen sairaalakokemukseen myönteisesti. Klovnit "
            "järjestävät vierailuja kaikissa yliopistosairaaloissa joka viikko. Vierailujen "
            "tuloksena lapset unohtavat hetkeksi sairautensa ja pelkonsa. Klovnit kehittävät "
            "myös kotikäyntejä perheille, joiden lapsi on pitkään kotihoidossa.\n")
    assert len(extract_text(text, "practice.txt")["projects"]) == 1
    assert extract_text("Huomenna sataa lunta koko maassa. Tiet ovat liukkaita aamulla. "
                        "Autoilijoiden kannattaa varata aikaa.\n", "weather.txt")["projects"] == []


@pytest.mark.parametrize("heading", ["Avustukset", "Bidrag", "Grants", "Funded projects",
                                     "Rahoitetut hankkeet", "Utvalda projekt"])
def test_grant_and_section_headings_are_never_titles(heading: str) -> None:
    text = (f"{heading}\n\nThe city of Turku runs a music programme in nursing homes. Musicians "
            "visit every home once a week and the residents sing together.\n")
    titles = [t for p in extract_text(text, "heading.txt")["projects"]
              for t in p["title"].values() if t]
    assert heading not in titles


@pytest.mark.parametrize(("sentence", "start", "end"), [
    ("Hanke alkoi syksyllä 2019 ja päättyy keväällä 2021.", "2019", "2021"),
    ("Hanke käynnistettiin maaliskuussa 2016, ja hanke päättyi vuonna 2018.", "2016-03", "2018"),
    ("Projekti valmistui joulukuussa 2020.", None, "2020-12"),
    ("Kuoro aloitti toimintansa vuonna 1950.", None, None),
])
def test_finnish_project_verbs_give_start_and_end(sentence: str, start: str | None,
                                                  end: str | None) -> None:
    project = only_project(f"Soiva kylä\n\nSoiva kylä -hanke tuo musiikkia kyliin. {sentence}\n")
    assert (project["start_date"], project["end_date"]) == (start, end)
