"""Swedish and English read on a fifth held-out set: English organisation names that hold a
preposition, amounts in millions after the euro sign, Swedish grants whose recipient is the
subject of a passive verb, and pages that name no project. All texts are synthetic."""

from __future__ import annotations

import pytest
from extract_helpers import only_project, projects_of

from kg.extract.dates import find_periods
from kg.extract.grants import sentence_grants
from kg.extract.money import find_amounts
from kg.extract.people import find_people
from kg.extract.segment import segment


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




def _leads_and_shares(projects: list[dict]) -> list[tuple[list[str], list[float]]]:
    return [(p["lead_organisations"], [s["eur"] for s in p["budget"]["shares"]])
            for p in projects]


def test_swedish_recipients_as_subjects_of_a_passive_grant_verb() -> None:
    projects = projects_of(
        "Kulturfonden delar ut miljoner\n\nSvenska kulturfonden har delat ut bidrag. Teater "
        "Alfa beviljades 20 000 euro i understöd. De största bidragen gick till Betas "
        "konsertförening som beviljades 15 000 euro samt Gamma Damkör som beviljades 12 000 "
        "euro.\n")
    assert _leads_and_shares(projects) == [(["Teater Alfa"], [20000]),
                                           (["Betas konsertförening"], [15000]),
                                           (["Gamma Damkör"], [12000])]


def test_swedish_bullets_of_recipients_without_amounts() -> None:
    projects = projects_of(
        "Projektstöd kultur och hälsa\n\nKulturnämnden har beslutat om projektstöd.\n\n"
        "  • Stiftelsen Alfa som har beviljats medel för konserter på sjukhus.\n\n"
        "  • Föreningen Beta Gamma som har beviljats stöd till teater för unga.\n")
    assert [p["lead_organisations"] for p in projects] == [["Stiftelsen Alfa"],
                                                           ["Föreningen Beta Gamma"]]


def test_a_long_quoted_swedish_title_after_projektet() -> None:
    projects = projects_of(
        "Bidrag till kulturarv\n\nAlfa museum har fått bidrag för att filma intervjuer.\n\n"
        "Betas riksförbund har beviljats 600 000 kronor för projektet ”Dövas minnen – en "
        "saknad länk i vårt gemensamma kulturarv”.\n")
    assert [p["title"]["sv"] for p in projects] == [
        None, "Dövas minnen – en saknad länk i vårt gemensamma kulturarv"]
    assert [p["lead_organisations"] for p in projects] == [["Alfa museum"],
                                                           ["Betas riksförbund"]]


@pytest.mark.parametrize(("text", "eur"), [("EUR 2 million", 2_000_000),
                                           ("nearly EUR 7.8 million.", 7_800_000),
                                           ("EUR 1.200", 1_200), ("€ 20 000", 20_000)])
def test_millions_after_the_euro_sign(text: str, eur: int) -> None:
    assert [a.eur for a in find_amounts(text)] == [eur]



def test_a_database_entry_with_its_fields_repeated_is_one_project() -> None:
    project = only_project(
        "Till innehållet\n\nKulturföreningen Alfa\n\nProjektet drevs av: Studiefrämjandet Beta\n\n"
        "Beskrivning av projektet\n\nSyftet med projektet är att unga vuxna ska kunna erbjudas "
        "en meningsfull aktivitet på sin fritid.\n\nBeviljat belopp\n\n3 745 650 kronor\n\n"
        "Projektets tidstatus\n\n100%\n\nProjektet startade i maj 2020.\n\nBeviljat belopp\n\n"
        "3 745 650 kronor\n\nProjektets tidstatus\n\n100%\n\nProjektet startade i maj 2020.\n")
    assert project["title"]["sv"] == "Kulturföreningen Alfa"
    assert project["lead_organisations"] == ["Studiefrämjandet Beta"]


def test_a_role_before_the_organisation_in_apposition() -> None:
    project = only_project(
        "Innan allt\n\nProjektet Innan allt startar i höst. – Vi är glada, säger Jenny Lind, "
        "projektledare Studieförbundet Alfa.\n")
    person = project["people"][0]
    assert (person["name"], person["roles"], person["organisation"]) == \
        ("Jenny Lind", ["projektledare"], "Studieförbundet Alfa")


def test_a_news_page_quoting_people_names_no_project() -> None:
    text = ("Alfa University promotes cultural well-being in and through its social and health "
            "care degree programmes.\nThe topic is explored at the annual Landscape event, which "
            "brings together 500 students each year.\n“We aim to strengthen our leadership in "
            "promoting cultural well-being.”\n“Future professionals need creative skills,” says "
            "Laura Hilden.\nCamilla Vesterinen, a student in the degree programme, believes that "
            "creative approaches are essential in the health and social care field.\n")
    assert projects_of(text) == []


def test_artists_grants_name_people_not_organisations() -> None:
    projects = projects_of(
        "Alm och Berg får bidrag\n\nVästra Alfas konstkommission har delat ut 290 000 euro i "
        "form av stipendier. Bland dem musikern Nils Alm från Reso. Alm får 7600 euro för "
        "konstnärligt arbete.\nOckså konstnären Jan-Erik Berg får 6000 euro för en utställning.\n")
    assert [([p["name"] for p in x["people"]], x["lead_organisations"], x["funders"])
            for x in projects] == [(["Nils Alm"], [], ["Västra Alfas konstkommission"]),
                                   (["Jan-Erik Berg"], [], ["Västra Alfas konstkommission"])]


def test_an_english_list_of_artists_grants() -> None:
    projects = projects_of(
        "Arts Council grants\n\nThe Arts Council gives out annual grants for art and culture. "
        "Among the recipients:\n\n  • Anna Berg, 10.500 € for a comic album.\n"
        "  • Olli Virta, 7.900 € for a movie script.\n")
    assert [(x["people"][0]["name"], x["lead_organisations"], x["budget"]["shares"])
            for x in projects] == [
        ("Anna Berg", [], [{"organisation": "Arts Council", "eur": 10500}]),
        ("Olli Virta", [], [{"organisation": "Arts Council", "eur": 7900}])]


@pytest.mark.parametrize(("line", "name"), [
    ("  • Maria Kvist Kåse som har beviljats medel för konserter.", "Maria Kvist Kåse"),
    ("Anna Kristiina Tuura, 7.900 € for a movie script.", "Anna Kristiina Tuura"),
    ("Anna Berg Helsinki on mukana.", "Anna Berg"),
    ("Hanna Metsävainio, Laura Rekilä Kuva: Tatu", "Hanna Metsävainio"),
])
def test_names_of_three_words(line: str, name: str) -> None:
    assert [person.name for person in find_people(line, segment(line))][:1] == [name]
    assert not any(p.name.endswith("Kuva") for p in find_people(line, segment(line)))



def test_an_event_schedule_is_no_programme_and_art_no_first_name() -> None:
    project = only_project(
        "National seminar on Arts on Prescription\n\nProject: Arts on Prescription\n\nThe seminar "
        "presents the Arts on Prescription model. National Seminar on Art Prescription for "
        "Mental Well-being.\n\nProgram:\n\n8:45–9:15 | Registration and Morning "
        "Coffee\n\n9:15–9:20 | Welcome!\n")
    assert project["funding_programmes"] == []
    assert [p["name"] for p in project["people"]] == []


def test_a_title_across_for_the_and_a_photographer_as_no_person() -> None:
    english = only_project(
        "Art for the aging\n\nPhotographer Marko Alanen, from the film Morning.\n\nThe Centre "
        "received funding for the Cultural Well-being for the Aging project.\n")
    assert english["title"]["en"] == "Cultural Well-being for the Aging"
    assert english["people"] == []





@pytest.mark.parametrize(("text", "period"), [
    ("19th of January 2026 to 16th of March 2026", ("2026-01-19", "2026-03-16")),
    ("Duration: Sep 2023 – Aug 2025 |", ("2023-09", "2025-08")),
    ("19 juli 2021 – 31 oktober 2022", ("2021-07-19", "2022-10-31")),
    ("The initiative is planned to take place between 2018 and 2020.", ("2018", "2020")),
    ("Forskningsperioden sträcker sig från 09/2024 till 05/2025.", ("2024-09", "2025-05")),
    ("Projektet startade i maj 2020 och avslutades i augusti 2023.", ("2020-05", "2023-08")),
])
def test_swedish_and_english_periods_with_named_months(text: str, period: tuple) -> None:
    assert [(p.start, p.end) for p in find_periods(text)][:1] == [period]


def test_a_known_name_after_the_and_a_bullet_before_a_name() -> None:
    english = only_project(
        "Culture for me\n\nThe Culture for me project is part of a programme that is funded by "
        "STEA, The Funding Centre for Social Welfare and Health Organisations.\n")
    assert english["funders"] == ["Sosiaali- ja terveysjärjestöjen avustuskeskus"]
    swedish = only_project("Skapa\n\nProjektet Skapa leds av Åbo Akademi.\n\n"
                           "Samarbetspartner: • Sydkustens landskapsförbund\n")
    assert swedish["partner_organisations"] == ["Sydkustens landskapsförbund"]




def test_a_list_entry_amount_with_no_funder_named_is_a_share_of_no_one() -> None:
    projects = projects_of(
        "Development projects\n\nThe projects were selected in two rounds.\n\nDevelopment "
        "projects\n\nSupport association for Alfa centre for art and culture    €155,000\n\n"
        "The project develops models for art in care.\n\nCity of Betaby                €110,000\n\n"
        "Aili is a municipal network for cultural work with the elderly.\n")
    assert [p["budget"]["shares"] for p in projects] == [
        [{"organisation": None, "eur": 155000}], [{"organisation": None, "eur": 110000}]]


def test_english_grants_awarded_to_a_recipient_and_a_name_with_a_bracketed_alias() -> None:
    text = ("The largest grant, totalling EUR 240,000, was awarded to Globe Alfa for a living "
            "lab. Dance Beta (Tanssin talo) was awarded EUR 120,000.\n")
    found = [(g.recipient, g.eur) for s in segment(text).sentences
             for g in sentence_grants(s, "en")]
    assert found == [("Globe Alfa", 240000), ("Dance Beta", 120000)]


def test_a_swedish_grant_table_gives_one_project_a_row() -> None:
    projects = projects_of(
        "Beviljade bidrag\n\nEtt av projekten anordnas av Stockholms Alfa.\n\nSociala ändamål\n\n"
        "Sökande Projekttitel Beviljat belopp\nCompassen Betaby Fritid för barn 15 000\n"
        "Föreningen Gamma Utveckling för personer med hjärnskador 150 000\n"
        "Hello World! Ideell förening Digitalt skapande som framtidsväg 15 000\n"
        "Delta, Mats Tryck: När färjorna gick 15 000\n")
    assert [(p["lead_organisations"], p["title"]["sv"]) for p in projects[:3]] == [
        (["Compassen Betaby"], "Fritid för barn"),
        (["Föreningen Gamma"], "Utveckling för personer med hjärnskador"),
        (["Hello World! Ideell förening"], "Digitalt skapande som framtidsväg")]
    assert projects[3]["title"]["sv"] == "När färjorna gick"  # a person's row: no recipient


@pytest.mark.parametrize(("text", "language", "title"), [
    ("Kulturvård II\n\nProjektet Kulturvård II 1.5–31.12.2019\n\nMålet med projektet är att "
     "integrera kultur i vården. Projektet administreras av Österbottens förbund.\n",
     "sv", "Kulturvård II"),
    ("Seminar on prescriptions\n\nFor more information about the seminar and the Arts on "
     "Prescription in the Baltic Sea Region project, please contact Liisa Laitinen.\n",
     "en", "Arts on Prescription in the Baltic Sea Region"),
    ("Project Reference: 2023-1 Status: Completed | Countries Involved: Sweden, Romania "
     "Background The project Culture for Health was created to give young people the chance "
     "to connect through culture. It was coordinated by Alfa Municipality.\n",
     "en", "Culture for Health"),
    ("Culture Cares: Developing Interventions for Arts in Health Care\n\n“Culture Cares” is a "
     "Blended Intensive Programme coordinated by Alfa University of Applied Sciences.\n",
     "en", "Culture Cares: Developing Interventions for Arts in Health Care"),
    ("Minnen i Värmland\n\nStudieförbundet Alfa får stöd med 4,5 miljoner kronor av "
     "Arvsfonden för projektet Innan allt försvinner. Detta meddelar Arvsfonden.\n",
     "sv", "Innan allt försvinner"),
])
def test_titles_of_swedish_and_english_projects(text: str, language: str, title: str) -> None:
    """A date after a title, a long name before "project", a preposition after "the project",
    a colon title on the first line, a sentence-case name ending a grant sentence."""
    assert only_project(text)["title"][language] == title


@pytest.mark.parametrize(("text", "field", "names"), [
    ("Culture for me\n\nThe Culture for me project is funded by the Partnership in Public "
     "Health and Social Well-being and the Arts Council.\n",
     "funders", ["Partnership in Public Health and Social Well-being", "Arts Council"]),
    ("Culture Cares project\n\nThe Culture Cares project is coordinated by the Centre for "
     "Arts in Turku.\n", "lead_organisations", ["Centre for Arts"]),
    ("Kultur på recept\n\nKultur på recept arrangerades av Alfa läns kulturförvaltning och "
     "Smärtrehab på Betaby sjukhus under 2014-2015.\n",
     "lead_organisations", ["Alfa läns kulturförvaltning", "Smärtrehab på Betaby sjukhus"]),
    ("Open Call for Projects\n\nWith an open call for projects Alfa Foundation, Beta "
     "Global and the Gamma Association are launching a joint project “Art for Health”.\n",
     "lead_organisations", ["Alfa Foundation", "Beta Global", "Gamma Association"]),
    ("Culture, health and well-being\nThe main purpose of the project was to explore tools "
     "for studying the connections between culture, art and health.\n\nProfessor Marja "
     "Honkasalo\nUniversity of Turku\n\nPhD Anu Laukkanen\nUniversity of Turku\n",
     "lead_organisations", ["University of Turku"]),
])
def test_roles_of_swedish_and_english_organisations(text: str, field: str,
                                                    names: list[str]) -> None:
    """A name holding a preposition and a conjunction, a place ending a name, Swedish lead
    cues and head words, a list launching a joint project, the one organisation of everyone
    listed."""
    assert only_project(text)[field] == names
