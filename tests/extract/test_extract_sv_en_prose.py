"""Swedish and English prose read on texts nobody had read (a second held-out set): role lists
after a cue, people with roles in apposition, sentence-case names, organisation heads, page
furniture and amounts. All texts are synthetic."""

from __future__ import annotations

import pytest
from extract_helpers import only_project

from kg.extract import extract_text
from kg.extract.money import find_amounts


def _person(project: dict, name: str) -> dict:
    return next(p for p in project["people"] if p["name"] == name)


def test_every_funder_of_a_swedish_list_after_the_cue() -> None:
    project = only_project(
        "Sång för minnet\n\nProjektet Sång för minnet är ett treårigt pilotprojekt. Projektet "
        "finansieras av Svenska kulturfonden, Konstsamfundet och Svenska folkskolans vänner, "
        "skriver Kulturfonden.\n")
    assert project["funders"] == ["Svenska kulturfonden", "Konstsamfundet",
                                  "Svenska folkskolans vänner"]


def test_a_list_of_unknown_names_after_a_cue_gives_no_funder() -> None:
    project = only_project("Sång för minnet\n\nProjektet Sång för minnet finansieras av "
                            "Alfabet och Betania.\n")
    assert project["funders"] == []


def test_a_person_after_a_lead_cue_gives_no_organisation() -> None:
    project = only_project(
        "Care Fiddler\n\nThe Care Fiddler project brings music to nursing homes. The project is "
        "coordinated by Päivi Virta, Executive Director and Producer of Rootfest.\n")
    assert project["lead_organisations"] == []
    assert _person(project, "Päivi Virta")["roles"] == ["Executive Director and Producer"]


@pytest.mark.parametrize(("text", "name", "role", "organisation"), [
    ("Projektet Alfa startar.\n\nJohanna Vuolasto, specialsakkunnig vid Taike, berättar.\n",
     "Johanna Vuolasto", "specialsakkunnig", "Taiteen edistämiskeskus"),
    ("The Alfa project starts.\n\nRiina Kalmi, dance artist, will carry out the project.\n",
     "Riina Kalmi", "dance artist", None),
    ("Projektet Alfa startar.\n\nDet berättar Jaana Erkkilä, som är forsknings- och "
     "utvecklingsledare för kulturavdelningen.\n",
     "Jaana Erkkilä", "forsknings- och utvecklingsledare", None),
])
def test_a_role_in_apposition(text: str, name: str, role: str, organisation: str | None) -> None:
    person = _person(only_project(text), name)
    assert person["roles"] == [role]
    assert person["organisation"] == organisation


def test_a_later_mention_gives_the_role() -> None:
    project = only_project(
        "Minnen\n\nProjektet Minnen leds av Lilli Lind. Projektet administreras av Teater Geist "
        "och leds i praktiken av skådespelare Lilli Lind.\n")
    assert _person(project, "Lilli Lind")["roles"] == ["skådespelare"]


def test_a_swedish_name_in_sentence_case_written_twice() -> None:
    project = only_project(
        "Nyhet\n\nStöd för äldre\n\nTaike har fått 680 000 euro till utvecklingsprojektet "
        "Kulturell välfärd för äldre.\n\nFlera grupper deltar i projektet Kulturell välfärd för "
        "äldre: A och B.\n")
    assert project["title"]["sv"] == "Kulturell välfärd för äldre"


def test_a_name_written_once_is_not_run_on() -> None:
    project = only_project("Stöd för äldre\n\nTaike stöder projektet Kulturell välfärd för "
                            "äldre i hela landet.\n")
    assert project["title"]["sv"] != "Kulturell välfärd för äldre i hela landet"


def test_an_orchestra_after_a_swedish_cue_leads() -> None:
    project = only_project(
        "Musik på väg\n\nPilotprojektet utgör en del av Tillgängliga orkestrar, ett projekt som "
        "koordineras av Helsingfors stadsorkester.\n")
    assert project["lead_organisations"] == ["Helsingfors stadsorkester"]


def test_a_headline_with_a_preposition_before_the_amount_names_no_recipient() -> None:
    text = ("Tillbaka\n\nRekreation för äldre i Åboland för 200 000 euro\n\nSvenska kulturfonden "
            "och Stiftelsen Eschnerska Frilasarettet satsar tillsammans 200 000 euro på "
            "rekreation för äldre personer i Åboland.\n")
    leads = [lead for p in extract_text(text, "x.txt")["projects"]
             for lead in p["lead_organisations"]]
    assert leads == []


def test_a_header_line_that_is_a_phrase_leads_nothing() -> None:
    project = only_project(
        "Nyhet\n\nVirtuella konserter till ett seniorcenter\n\nUnder våren 2021 samarbetar "
        "Helsingfors stadsorkester och Kasbergets seniorcenter i ett pilotprojekt.\n")
    assert project["lead_organisations"] == []
    assert project["title"]["sv"] != "Nyhet"


def test_dated_byline_compound_person_and_prepositional_programme_are_furniture() -> None:
    project = only_project(
        "8.4.21 (Redigerad 17.5.21) | Nyheter\n\nProjektet Turvapaikka får stöd.\n\nTill de "
        "större bidragen hör understödet till Martin Wegelius-institutet.\n")
    assert project["title"]["fi"] == "Turvapaikka"  # the name is a Finnish word
    assert project["lead_organisations"] == []
    assert project["funding_programmes"] == []
    assert project["people"] == []


def test_mapping_database_labels_in_english() -> None:
    project = only_project(
        "Project title\nDescription of initiative\nThe programme promotes well-being.\n\n"
        "Organizer(s)\n\nArts Promotion Center Finland\n\nPartner(s)\n\nMinistry of Social "
        "Affairs and Health and Ministry of Education and Culture\n\nSources of funding\n\n"
        "Ministry of Education and Culture\n")
    assert project["title"]["en"] is None
    assert project["lead_organisations"] == ["Arts Promotion Center Finland"]
    assert project["partner_organisations"] == ["Sosiaali- ja terveysministeriö",
                                                "Opetus- ja kulttuuriministeriö"]
    assert project["funders"] == ["Opetus- ja kulttuuriministeriö"]


@pytest.mark.parametrize(("text", "eur"), [("Budget €2.000.000", 2_000_000),
                                           ("€155,000", 155_000), ("EUR 1.200", 1_200)])
def test_euro_sign_before_grouped_thousands(text: str, eur: int) -> None:
    assert [a.eur for a in find_amounts(text)] == [eur]


def test_english_section_headings_set_straight_under_the_paragraph_above() -> None:
    long = ("It brings culture to people who find it hard to get out, and it works with the "
            "libraries of the region.")
    text = (f"Common places\nCommon places is a project on kind places in town. {long}\n"
            f"The Library at Home | Culture from Home\nThe City of Turku's HomeLibrary Project "
            f"started in 2018. {long}\n")
    projects = extract_text(text, "x.txt")["projects"]
    assert [p["title"]["en"] for p in projects] == ["Common places",
                                                     "The Library at Home | Culture from Home"]
    assert projects[1]["lead_organisations"] == ["City of Turku"]


def test_a_swedish_subject_list_before_the_auxiliary_leads_in_the_councils_own_names() -> None:
    project = only_project(
        "Välfärd över gränser\n\nSödra Österbottens och Österbottens landskapsförbund samt "
        "SÖFUK har sedan år 2015 i samarbete genomfört projektet Välfärd över gränser.\n")
    assert project["lead_organisations"] == [
        "Södra Österbottens förbund", "Österbottens förbund",
        "Svenska Österbottens förbund för utbildning och kultur"]


def test_a_known_swedish_name_with_för_stays_whole_after_a_cue() -> None:
    project = only_project(
        "Välfärd över gränser\n\nProjektet Välfärd över gränser finansieras av Österbottens "
        "förbund och Svenska Österbottens förbund för utbildning och kultur (SÖFUK).\n")
    assert project["funders"] == ["Österbottens förbund",
                                  "Svenska Österbottens förbund för utbildning och kultur"]


@pytest.mark.parametrize(("text", "lead"), [
    ("Care Fiddler\n\nRootfest -association has started a systematic and participatory cultural "
     "project with the elderly, the Care Fiddler project.\n", "Rootfest"),
    ("Sång hemma\n\nKorpo Kulturgille startade ett nytt treårigt projekt, projektet Sång hemma.\n",
     "Korpo Kulturgille"),
])
def test_the_subject_of_a_described_project_leads(text: str, lead: str) -> None:
    assert only_project(text)["lead_organisations"] == [lead]


def test_a_role_with_its_field_and_a_swedish_genitive_owner_before_the_name() -> None:
    person = _person(only_project(
        "Projektet Alfa startar.\n\n- Det berättar Helsingfors stadsorkesters producent för "
        "publikarbete Annika Kukkonen.\n"), "Annika Kukkonen")
    assert person["roles"] == ["producent för publikarbete"]
    assert person["organisation"] == "Helsingfors stadsorkester"


def test_a_person_för_an_organisation_represents_it() -> None:
    person = _person(only_project(
        "Projektet Alfa startar.\n\nI gruppen sitter Hannes Vaitilo för Ålands kulturdelegation, "
        "som tillsatt gruppen.\n"), "Hannes Vaitilo")
    assert person["organisation"] == "Ålands kulturdelegation"


@pytest.mark.parametrize("headline", [
    "Konstsamfundet stöder kulturen med nästan en miljon",
    "Teater eller en promenad – Kulturkompisen är bara ett telefonsamtal bort",
    "City of Turku launches a new art service for seniors",
])
def test_a_news_headline_is_no_title_but_the_item_keeps_its_project(headline: str) -> None:
    project = only_project(f"{headline}\n\nVem som helst kan be om sällskap av en kulturkompis. "
                            "Mer information ger projektledare Anna Lind.\n")
    assert project["title"] == {"fi": None, "sv": None, "en": None}
    assert [p["name"] for p in project["people"]] == ["Anna Lind"]


def test_a_title_with_an_english_copula_stays_a_title() -> None:
    project = only_project("Small JOY is a BIG thing\n\nThe project brings clowns to children's "
                            "hospitals. The project is coordinated by the City of Turku.\n")
    assert project["title"]["en"] == "Small JOY is a BIG thing"


@pytest.mark.parametrize(("text", "lead"), [
    ("Konst i arbetet\n\nPå Yrkeshögskolan Novia har man under senare tid jobbat med projektet "
     "Konst i arbetet.\n", "Yrkeshögskolan Novia"),
    ("Art at Work\n\nAt the University of Lapland they have worked on the Art at Work project "
     "since 2019.\n", "University of Lapland"),
])
def test_where_a_project_was_worked_on_leads(text: str, lead: str) -> None:
    assert only_project(text)["lead_organisations"] == [lead]
