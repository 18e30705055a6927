"""Language parity and document structure (issue 11): cue tables per language, roles and
titles in fi/sv/en, page furniture, navigation pages, grant lists, mixed-language texts and
confidence on the evidence. All texts are synthetic."""

from __future__ import annotations

import pytest
from extract_helpers import only_project
from rdflib import Graph, Literal, Namespace

from kg.extract import extract_text
from kg.extract.cues import LANGUAGES, cue_table, is_furniture
from kg.extract.layout import layout
from kg.extract.normalise import normalise_text
from kg.extract.segment import segment
from kg.rdf.evidence import annotation_triples

KUHY = Namespace("https://w3id.org/kuhy/ontology#")

ROLE_TEXTS = {
    "fi": ("Soiva kylä\n\nSoiva kylä -hanke tuo musiikkia kyliin ja palvelutaloihin. Hanketta "
           "koordinoi Lapuan kaupunki. Osatoteuttajina ovat Seinäjoen ammattikorkeakoulu ja "
           "Lapuan musiikkiopisto. Hanketta rahoittaa Opetus- ja kulttuuriministeriö.\n"),
    "sv": ("Klingande by\n\nProjektet Klingande by ger musik till byarna och servicehusen. "
           "Projektet genomförs av Vasa stad i samarbete med Yrkeshögskolan Novia. Projektet "
           "finansieras av Svenska kulturfonden.\n"),
    "en": ("Singing Village\n\nThe project Singing Village brings music to villages and care "
           "homes. The project is coordinated by the City of Turku in cooperation with Turku "
           "University of Applied Sciences. It is funded by the Ministry of Education and "
           "Culture.\n"),
}
EXPECTED_ROLES = {
    "fi": ("Soiva kylä", ["Lapuan kaupunki"],
           ["Seinäjoen ammattikorkeakoulu", "Lapuan musiikkiopisto"],
           ["Opetus- ja kulttuuriministeriö"]),
    "sv": ("Klingande by", ["Vasa stad"], ["Yrkeshögskolan Novia"], ["Svenska kulturfonden"]),
    "en": ("Singing Village", ["City of Turku"], ["Turku University of Applied Sciences"],
           ["Opetus- ja kulttuuriministeriö"]),
}


def test_every_language_has_the_same_cue_categories_and_none_empty() -> None:
    categories = {language: set(cue_table(language)) for language in LANGUAGES}
    assert categories["fi"] == categories["sv"] == categories["en"]
    assert {"lead_after", "partner_after", "funder_after", "furniture", "generic_heading",
            "lead_verb", "project_object", "org_kind"} <= categories["fi"]
    for language in LANGUAGES:
        for category, cues in cue_table(language).items():
            assert cues, f"{language}: {category} is empty"
            assert all(cue == cue.lower() for cue in cues), f"{language}: {category}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_title_and_roles_are_read_in_each_language(language: str) -> None:
    record = extract_text(ROLE_TEXTS[language], f"{language}.txt")
    assert record["language"] == language
    (project,) = record["projects"]
    title, leads, partners, funders = EXPECTED_ROLES[language]
    assert project["title"][language] == title
    assert project["lead_organisations"] == leads
    assert project["partner_organisations"] == partners
    assert project["funders"] == funders


@pytest.mark.parametrize(("language", "line"), [
    ("fi", "Takaisin"), ("fi", "Jaa artikkeli"), ("sv", "Tillbaka"),
    ("sv", "Förflytta dig till innehållet"), ("en", "Briefly in English"),
    ("en", "← Back to blog"), ("en", "Previous Next Clowns"),
])
def test_page_furniture_is_recognised_and_never_a_title(language: str, line: str) -> None:
    assert is_furniture(line)
    body = ROLE_TEXTS[language].split("\n", 2)[2]  # the prose without its heading
    project = only_project(f"{line}\n\n{body}")
    assert line not in project["title"].values()


def test_agenda_lines_and_generic_headings_are_never_titles() -> None:
    text = ("Project background\n\n14.00 Osallisuus supervoimana\n\nThe project Singing Village "
            "brings music to villages. It is funded by the Ministry of Education and Culture.\n")
    project = only_project(text)
    assert project["title"]["en"] == "Singing Village"
    kinds = {block.kind for block in layout(segment(normalise_text(text))).blocks}
    assert "agenda" in kinds


@pytest.mark.parametrize("text", [
    "Etusivu\nHankkeet\nYhteystiedot\nIn English\nTakaisin\n",
    "Tillbaka\n\nDela\nMeny\nPå finska\n",
    "Skip to content\nMenu\nProjects\nNews\nContact information\nShare\n",
])
def test_a_page_of_navigation_only_gives_no_project(text: str) -> None:
    assert layout(segment(normalise_text(text))).genre == "navigation"
    assert extract_text(text, "navigation.txt")["projects"] == []


TOWNS = ("Kuopio", "Oulu", "Turku", "Tampere", "Lahti", "Pori", "Vaasa", "Kotka")


def _grant_list(language: str, count: int) -> str:
    intro = {"fi": "Taiteen edistämiskeskus myönsi avustuksia hyvinvointihankkeisiin.\n\n",
             "sv": "Svenska kulturfonden beviljar stöd till följande föreningar:\n\n",
             "en": "The Arts Promotion Centre Finland awarded the following grants.\n\n"}[language]
    entry = {"fi": "Kulttuuriyhdistys Numero {i} ry, {town}, {eur} euroa\ntaidetyöpajoihin\n\n",
             "sv": "• Kulturföreningen Nummer {i} rf: {eur} €\n",
             "en": "Culture Association Number {i}, {town}, EUR {eur}\nfor art workshops\n\n"}
    return intro + "".join(entry[language].format(i=i, town=TOWNS[i % len(TOWNS)],
                                                  eur=1000 + 100 * i) for i in range(count))


@pytest.mark.parametrize(("language", "funder"), [
    ("fi", "Taiteen edistämiskeskus"), ("sv", "Svenska kulturfonden"),
    ("en", "Taiteen edistämiskeskus"),
])
def test_a_grant_list_of_forty_gives_forty_entries(language: str, funder: str) -> None:
    projects = extract_text(_grant_list(language, 40), "grants.txt")["projects"]
    assert len(projects) == 40
    for i, project in enumerate(projects):
        assert len(project["lead_organisations"]) == 1
        assert f"{i} " in project["lead_organisations"][0] + " "
        assert project["funders"] == [funder]
        assert project["budget"]["shares"] == [{"organisation": funder, "eur": 1000 + 100 * i}]
        purpose = {"fi": "taidetyöpajoihin", "sv": None, "en": "for art workshops"}[language]
        assert project["title"][language] == purpose  # the line under the entry, if any


def test_mixed_finnish_and_swedish_keeps_each_title_under_its_language() -> None:
    text = ("Kulttuuria kaikille\n\nKulttuuria kaikille -hanke tuo taidetta ja kulttuuria "
            "ikäihmisten arkeen palvelutaloissa. Hankkeen toteuttaa Vaasan kaupunki.\n\n"
            "Projektet Kultur för alla ger konst och kultur till äldre personer i servicehusen. "
            "Projektet genomförs av Vasa stad.\n")
    project = only_project(text)
    assert project["title"] == {"fi": "Kulttuuria kaikille", "sv": "Kultur för alla",
                                "en": None}


def test_every_evidence_entry_has_a_confidence_that_reaches_the_annotation() -> None:
    project = only_project(ROLE_TEXTS["fi"])
    assert project["evidence"]
    for entry in project["evidence"]:
        assert 0 <= entry["confidence"] <= 1
    entry = next(e for e in project["evidence"] if e["field"] == "lead_organisations")
    triples = annotation_triples("https://w3id.org/kuhy/id/project/x", "https://w3id.org/kuhy/"
                                 "id/organisation/y", "https://w3id.org/kuhy/id/document/z",
                                 entry, ROLE_TEXTS["fi"])
    graph = Graph().parse(data=" .\n".join(triples) + " .\n", format="nt")
    (value,) = graph.objects(None, KUHY.confidence)
    assert isinstance(value, Literal) and float(value) == entry["confidence"]


def test_swedish_legal_forms_end_organisation_names() -> None:
    text = ("Konst i vardagen\n\nProjektet Konst i vardagen genomförs av Kulturhuset Fyren Ab i "
            "samarbete med Musikföreningen Ton r.f. och Bildkonstnärerna sr. Projektet "
            "finansieras av Stiftelsen Tre Smeder.\n")
    project = only_project(text)
    assert project["lead_organisations"] == ["Kulturhuset Fyren Ab"]
    assert project["partner_organisations"] == ["Musikföreningen Ton rf", "Bildkonstnärerna sr"]
    assert project["funders"] == ["Stiftelsen Tre Smeder"]


def test_grant_list_recipients_keep_their_legal_forms() -> None:
    text = ("Kaupunki myönsi avustuksia.\n\nTaidetalo Oy Ab, Vaasa, 2 000 euroa\n"
            "Teatteri Sr, Turku, 3 000 euroa\nKuoro r.y., Oulu, 1 000 euroa\n")
    leads = [p["lead_organisations"] for p in extract_text(text, "list.txt")["projects"]]
    assert leads == [["Taidetalo Oy Ab"], ["Teatteri Sr"], ["Kuoro ry"]]


@pytest.mark.parametrize(("text", "language", "second_funder"), [
    ("Konst i vården\n\nProjektet Konst i vården genomfördes 1.2.2019–31.12.2020 av Vasa stad. "
     "Det första skedet finansierades av Svenska kulturfonden.\n\nKonst i vården II är "
     "projektets andra skede 1.1.2021–31.12.2022. Det andra skedet finansieras av "
     "Undervisnings- och kulturministeriet.\n", "sv", "Opetus- ja kulttuuriministeriö"),
    ("Art for Care\n\nThe project Art for Care was implemented by the City of Turku in "
     "1.2.2019–31.12.2020. The first phase was funded by the Finnish Cultural Foundation.\n\n"
     "Art for Care II, the second phase, runs 1.1.2021–31.12.2022. The second phase is funded "
     "by the Ministry of Education and Culture.\n", "en", "Opetus- ja kulttuuriministeriö"),
])
def test_two_phases_give_two_projects(text: str, language: str, second_funder: str) -> None:
    first, second = extract_text(text, "phases.txt")["projects"]
    assert second["title"][language] == first["title"][language] + " II"
    assert (first["start_date"], first["end_date"]) == ("2019-02-01", "2020-12-31")
    assert (second["start_date"], second["end_date"]) == ("2021-01-01", "2022-12-31")
    assert second["funders"] == [second_funder]
    assert second_funder not in first["funders"]


@pytest.mark.parametrize(("text", "title"), [
    ("News\n\nVolunteers take older people to the theatre\n\nThe “Culture Buddies” project "
     "brings volunteers and older people together. It is run by Helsinki Mission.\n",
     "Culture Buddies"),
    ("Published 12.3.2022 | Share\n\nThe Finnish Hospital Clowns launched a new project called "
     "Smile at Home in spring 2022. Clowns visit families at home.\n", "Smile at Home"),
    ("Home | About | Contact\n\nProject: Singing Homes\nCoordinator: Turku Music Society\n\n"
     "Musicians visit care homes every week.\n", "Singing Homes"),
    ("Nyheter\n\nÄldre dansar\n\nVasa stad startade ett projekt som heter Dans för äldre i "
     "hela regionen. Äldre dansar varje vecka.\n", "Dans för äldre"),
])
def test_titles_named_before_their_word_or_introduced_and_menus_never_titles(
        text: str, title: str) -> None:
    project = only_project(text)
    assert title in project["title"].values()


def test_a_new_project_launched_by_an_organisation_is_led_by_it() -> None:
    text = ("In 2022 Finnish Hospital Clowns Association launched a new project called Smile "
            "at Home. Clowns visit families at home.\n")
    assert only_project(text)["lead_organisations"] == ["Finnish Hospital Clowns Association"]


@pytest.mark.parametrize("label", ["Organisation", "Main institution involved", "Organisaatio"])
def test_an_organisation_field_of_a_database_entry_names_the_lead(label: str) -> None:
    text = (f"Singing Homes\n\n{label}: Turku Music Society\nDuration: 2021–2023\n\n"
            "Musicians visit care homes every week and residents sing together.\n")
    assert only_project(text)["lead_organisations"] == ["Turku Music Society"]
