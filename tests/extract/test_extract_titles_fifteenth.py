"""Titles and project boundaries from layout (issue 11): section-word headings, language
menus, a label opening a line, and "Owner / Title (Translation)" headings of a grant list."""

from __future__ import annotations

import pytest
from extract_helpers import only_project, projects_of

from kg.extract.cues import is_furniture, is_generic_heading


@pytest.mark.parametrize(("heading", "generic"), [
    ("Purpose and goal", True), ("Results and expected effects", True),
    ("Approach and implementation", True), ("Syfte och mål", True),
    ("Bakgrund och genomförande:", True), ("Tausta ja tavoitteet", True),
    ("Hankkeen tavoitteet ja tulokset", True),
    ("Culture for Health", False), ("Musik för alla sinnen", False),
    ("Kulttuuria kaikille", False),
])
def test_a_heading_of_section_words_only_is_generic(heading: str, generic: bool) -> None:
    assert is_generic_heading(heading) is generic


@pytest.mark.parametrize("line", [
    "Selkokieli | Lättläst språk", "Viittomakieli | Teckenspråk", "Svenska | English",
])
def test_a_language_menu_is_furniture(line: str) -> None:
    assert is_furniture(line)
    assert not is_furniture("Kulttuuri | Hyvinvointi")


SECTIONED = (
    "Singing together in elderly care - an online course\n\n"
    "Coordinator Northtown Municipality - Research Unit\n"
    "Funding from Innovation Agency SEK 400 000\n"
    "Project duration January 2016 - December 2016\n\n"
    "Purpose and goal\n\n"
    "The purpose of the project was to teach care workers to sing with residents.\n\n"
    "Results and expected effects\n\n"
    "The online course is ready and will be launched at a conference in March.\n\n"
    "Approach and implementation\n\n"
    "Musicians recorded the songs and a designer built the course.\n"
)


def test_section_headings_and_a_label_line_give_one_project_titled_by_its_first_line() -> None:
    project = only_project(SECTIONED)
    assert project["title"]["en"] == "Singing together in elderly care - an online course"


OWNED = (
    "The following projects have received Riverside Model grants:\n"
    "Riverside Theatre Foundation / Laulava Kortteli (Singing Block)\n"
    "Residents and the theatre plan workshops and one-off events in the block together.\n"
    "Kulttuuriyhdistys Silta ry / Ääni ja kuva – Tarinoita Rantakylästä (Sound and Image – "
    "Stories from Rantakylä)\n"
    "The association's community art project works with local residents and artists.\n"
    "Taideyhdistys Virta ry / Kaupungin kaiku Niemessä (Echo of the city in Niemi)\n"
    "The project brings year-round art activities to Niemi.\n\n"
    "Further information\nAnna Example\nRiverside University / Taideakatemia\n"
)


def test_owner_slash_title_headings_give_one_project_each_with_the_translation() -> None:
    projects = projects_of(OWNED)
    assert [p["title"]["fi"] for p in projects] == [
        "Laulava Kortteli", "Ääni ja kuva – Tarinoita Rantakylästä", "Kaupungin kaiku Niemessä"]
    assert [p["title"]["en"] for p in projects] == [
        "Singing Block", "Sound and Image – Stories from Rantakylä", "Echo of the city in Niemi"]
    assert projects[1]["lead_organisations"] == ["Kulttuuriyhdistys Silta ry"]


def test_two_hanke_names_joined_in_one_sentence_give_two_projects_without_the_town() -> None:
    text = ("Aluehallintovirasto myönsi avustuksia kirjastojen kehittämiseen.\n\n"
            "Kuopion Lukuhetket kotiin -hankkeessa ja Lahden Tarinatuvat kylille -hankkeessa "
            "on tavoitteena viedä lukemista ikäihmisten koteihin.\n")
    titles = [p["title"]["fi"] for p in projects_of(text)]
    assert sorted(titles) == ["Lukuhetket kotiin", "Tarinatuvat kylille"]


@pytest.mark.parametrize("text", [
    ("Dags att söka bidrag\n\nKulturföreningen i Staden beviljar bidrag och nu är det dags att "
     "söka. Skicka in din ansökan senast den 15.5. Bidrag kan sökas av föreningar och "
     "arbetsgrupper för projekt. Ansökningarna behandlas av styrelsen.\n"),
    ("Erillishaku: avustukset ikäihmisten kulttuuritoimintaan\n\nAvustus tulee hakuun 15.1. "
     "Avustusta voivat hakea yhteisöt. Hakemukseen liitetään toimintasuunnitelma, ja "
     "hakijoilta toivotaan yhteistyötä. Jaosto päättää rahoitettavista hankkeista.\n"),
    ("Apply for a culture grant\n\nApplications are open until 31 May. Associations are "
     "eligible to apply for projects that bring art to care homes. The application must "
     "include a budget.\n"),
])
def test_a_grant_call_naming_no_project_gives_none(text: str) -> None:
    assert projects_of(text) == []


def test_a_heading_over_many_projects_is_no_title() -> None:
    text = ("Alueelliset kehittämishankkeet\n\nKeskuksen alueellisia kehittämishankkeita "
            "toteutetaan eri puolilla Suomea. Hankkeiden tarkoituksena on tukea taiteilijoita.\n")
    assert all(p["title"]["fi"] != "Alueelliset kehittämishankkeet" for p in projects_of(text))


def test_a_grant_named_in_the_lead_paragraph_joins_the_list_below() -> None:
    text = ("Keskus myönsi avustuksia kulttuurihyvinvointiin.\n\n"
            "Uusi avustus jaettiin yhdelle toimijalle. Laulukuoro Helmi ry - Sångkören Pärlan rf "
            "(Vaasa) sai 40 000 euroa laulutoimintaan palvelutaloissa.\n\n"
            "Vuoden avustukset:\n\n"
            "Taideyhdistys Aalto ry, Oulu. Taidepajat, 20 000 €\n\n"
            "Teatteriyhdistys Kaari ry, Turku. Teatteri kylissä, 25 000 €\n\n"
            "Sirkusyhdistys Kupoli ry, Lahti. Sirkuskoulu, 15 000 €\n")
    projects = projects_of(text)
    leads = [p["lead_organisations"] for p in projects]
    assert leads[0] == ["Laulukuoro Helmi ry"]
    assert projects[0]["budget"]["shares"][0]["eur"] == 40000
    assert len(projects) == 4


@pytest.mark.parametrize(("headline", "language"), [
    ("Museum continues its art project for older people", "en"),
    ("Äldreboenden i länet ska få kulturbesök", "sv"),
    ("Kirjasto tarjoaa lukupiirejä ikäihmisille", "fi"),
])
def test_a_news_headline_with_a_finite_verb_is_no_title(headline: str, language: str) -> None:
    body = {"en": "The project brings artists to care homes. It is funded by the city.",
            "sv": "Projektet för konstnärer till äldreboenden. Det finansieras av regionen.",
            "fi": "Hanke vie taiteilijoita palvelutaloihin. Sitä rahoittaa kaupunki."}[language]
    for project in projects_of(f"{headline}\n\n{body}\n"):
        assert headline not in project["title"].values()


def test_an_acronym_in_brackets_after_a_first_line_title_is_an_alt_title() -> None:
    text = ("Mapping musical memory in older people with dementia (MUMEM)\n\n"
            "The project studies how music is remembered. It is funded by the Research Council "
            "of Finland.\n")
    project = only_project(text)
    assert project["title"]["en"] == "Mapping musical memory in older people with dementia"
    assert project["alt_titles"] == ["MUMEM"]
    programme = only_project("Kulttuurihyvinvoinnin palvelut maakunnassa (AIKO)\n\nHanke "
                             "kehittää kulttuuripalveluja. Hanketta rahoittaa maakunnan liitto.\n")
    assert programme["alt_titles"] == []


def test_perfect_tense_funders_grant_and_a_grant_noun_before_the_title_is_no_part_of_it() -> None:
    text = ("Kirjastoille avustuksia\n\n"
            "Aluehallintovirastot ovat myöntäneet kirjastojen kehittämiseen avustuksia 1,9 "
            "miljoonaa euroa 90 hankkeelle.\n\n"
            "Lohjan kaupungille myönnettiin 7000 euroa Lukukoira vierailee -hankkeeseen.\n\n"
            "Sallan kunnalle myönnettiin 5000 euron avustus Pyörällä kirjastoon -hankkeeseen.\n")
    projects = projects_of(text)
    assert [p["title"]["fi"] for p in projects] == ["Lukukoira vierailee", "Pyörällä kirjastoon"]
    assert all("Aluehallintovirastot" not in p["lead_organisations"] for p in projects)


def test_a_name_written_apart_from_its_activity_word_is_a_title_but_a_compound_is_not() -> None:
    text = ("Kulttuurinen vanhustyö\n\nKulttuuritiistai 70+ -toimintaa kokeiltiin ensimmäistä "
            "kertaa syksyllä. Konsertit järjestetään kaupungin kirjastossa. Toiminta jatkuu "
            "keväällä – toiminta on maksutonta.\n")
    assert [p["title"]["fi"] for p in projects_of(text)] == ["Kulttuuritiistai 70+"]
    compound = ("Hyvinvointia kulttuurista -hanke\n\nHyvinvointia kulttuurista -hanke etsii "
                "keinoja ottaa ikäihmiset huomioon Kaikukortti-toiminnassa.\n")
    assert [p["title"]["fi"] for p in projects_of(compound)] == ["Hyvinvointia kulttuurista"]


@pytest.mark.parametrize("dateline", ["19 november 2013", "Tuesday 3 May 2022", "March 3, 2021"])
def test_a_dateline_above_the_headline_is_no_title(dateline: str) -> None:
    project = only_project(
        f"{dateline}\n\nSång och hälsa i Kalmar län\n\nRegionförbundet har startat ett projekt "
        "kring sång och hälsa. Projektet leds av Kalmar läns museum.\n")
    assert project["title"]["sv"] == "Sång och hälsa i Kalmar län"


def test_a_preposition_opening_the_sentence_is_no_part_of_the_name() -> None:
    project = only_project(
        "Work packages\n\nIn the ARTHEWE project our team is working with seven work packages. "
        "The modules are piloted in international collaboration.\n")
    assert project["title"]["en"] == "ARTHEWE"


@pytest.mark.parametrize("headline", [
    "691 000 euro till kulturverksamhet för äldre",
    "Arts Foundation grants EUR 400,000 to support children's art activities",
    "Kulturrådet ger 2 miljoner kronor till sång i vården"])
def test_a_headline_stating_a_sum_is_no_title(headline: str) -> None:
    project = only_project(
        f"{headline}\n\nThe project brings dance to older people in care homes. It is led by "
        "the Helsinki Dance Association and funded by the Arts Foundation.\n")
    assert not any(project["title"].values())


def test_the_years_after_a_first_line_title_and_a_search_line_are_no_title() -> None:
    project = only_project(
        "Search for European Projects\nInclusion through Art 2020-2023\n\nThe project offers "
        "people in a difficult position chances to take part in art and culture.\n")
    assert project["title"]["en"] == "Inclusion through Art"


@pytest.mark.parametrize(("text", "title"), [
    ("Hembesök av musiker\n\nMusikerna gör hembesök inom Korpo Kulturgilles projekt Musik för "
     "äldre. Pengarna kommer från en fond.\n", "Musik för äldre"),
    ("Äldreboenden får kulturbesök\n\nProjektet, som heter Kultur på hjul, är ett led i "
     "samarbetet kring kultur och hälsa. Personalen deltar i Kultur på hjul.\n",
     "Kultur på hjul"),
])
def test_a_project_named_after_its_owners_genitive_or_after_som_heter(text: str,
                                                                      title: str) -> None:
    assert only_project(text)["title"]["sv"] == title


def test_the_project_word_opening_a_heading_with_its_period_is_no_part_of_the_title() -> None:
    projects = projects_of(
        "Våra projekt\n\nKulturvård 1.1.2014–31.12.2015\n\nProjektet utvecklade kultur i vården."
        "\n\nProjektet Välfärd utan gränser 1.3.2016–31.3.2018\n\nProjektet förde kultur till "
        "kommunerna.\n")
    assert [p["title"]["sv"] for p in projects] == ["Kulturvård", "Välfärd utan gränser"]
