"""Roles of issue 11, round of held-out set 11: a subject of organisations' names before "is the
coordinator" / "är samarbetspartner" / "toimi yhteistyökumppanina", a list after the colon of
a participation statement, a partner list opened by "together with its partners", and Swedish
municipalities sharing the head word "stad". All texts are synthetic."""

from __future__ import annotations

import pytest

from kg.extract import orgs
from tests.extract.extract_helpers import only_project

_OPENINGS = {
    "en": "Singing Village\n\nThe Singing Village project brings music to villages. ",
    "sv": "Klingande by\n\nProjektet Klingande by ger musik till byarna. ",
    "fi": "Soiva kylä\n\nSoiva kylä -hanke tuo musiikkia kyliin. ",
}


def roles_in(language: str, sentence: str) -> dict:
    return only_project(_OPENINGS[language] + sentence + "\n")


@pytest.mark.parametrize(("language", "sentence", "field", "expected"), [
    ("en", "The Lakeside Arts Association is the coordinator in the project.",
     "lead_organisations", ["Lakeside Arts Association"]),
    ("en", "The Cultural Centre Kaiku and the City of Tampere are the partnering organisations.",
     "partner_organisations", ["Cultural Centre Kaiku", "City of Tampere"]),
    ("sv", "Vasa stad och Åbo Akademi är projektets samarbetspartner.",
     "partner_organisations", ["Vasa stad", "Åbo Akademi"]),
    ("fi", "Jyväskylän kaupunki toimi yhteistyökumppanina ja tarjosi tilat.",
     "partner_organisations", ["Jyväskylän kaupunki"]),
    ("fi", "Suomen Kulttuurirahasto on hankkeen rahoittaja.", "funders",
     ["Suomen Kulttuurirahasto"]),
])
def test_the_subject_has_the_role_the_noun_names(language: str, sentence: str, field: str,
                                                 expected: list[str]) -> None:
    assert roles_in(language, sentence)[field] == expected


@pytest.mark.parametrize(("language", "sentence"), [
    # a person, a place or a clause before the noun is no organisation
    ("en", "Anna Virtanen is the coordinator of the project."),
    ("fi", "Tavoitteena on löytää uusia yhteistyökumppaneita."),
    ("en", "In the project, the museum is a partner."),
])
def test_no_role_without_an_organisation_subject(language: str, sentence: str) -> None:
    project = roles_in(language, sentence)
    assert project["lead_organisations"] == [] and project["partner_organisations"] == []


def test_the_list_after_a_participation_statement_names_partners() -> None:
    project = roles_in("sv", "Flera grupper deltar i projektet Klingande by: Sirkus Magenta, "
                             "Teatteri Ilmi Ö och Loiske Company.")
    assert project["partner_organisations"] == ["Sirkus Magenta", "Teatteri Ilmi Ö",
                                                "Loiske Company"]


def test_a_colon_list_of_places_names_no_partners() -> None:
    project = roles_in("sv", "Flera kommuner deltar i projektet: Vasa, Korsholm och Närpes.")
    assert project["partner_organisations"] == []


def test_its_partners_open_a_partner_list() -> None:
    project = roles_in("en", "The museum runs it together with its partners Oslo Museum "
                             "(Kari Nordmann), Bymuseet and Aarhus University.")
    assert project["partner_organisations"] == ["Oslo Museum", "Bymuseet", "Aarhus University"]


@pytest.mark.parametrize(("value", "expected"), [
    ("Åbo, Kuopio och Tammerfors stad", ["Åbo stad", "Kuopio stad", "Tammerfors stad"]),
    ("Helsingfors och Esbo städer", ["Helsingfors stad", "Esbo stad"]),
    ("Vasa stad och Åbo Akademi", ["Vasa stad", "Åbo Akademi"]),
])
def test_swedish_municipalities_share_the_head_word(value: str, expected: list[str]) -> None:
    assert orgs.split_names(value) == expected


@pytest.mark.parametrize(("sentence", "programmes"), [
    ("The project is financed by the Grundtvig programme of adult education.", ["Grundtvig"]),
    ("It is co-funded by the Nordplus Programme.", ["Nordplus Programme"]),
])
def test_a_programme_after_a_funder_cue_is_no_funder(sentence: str,
                                                     programmes: list[str]) -> None:
    project = roles_in("en", sentence)
    assert (project["funders"], project["funding_programmes"]) == ([], programmes)


def test_the_second_verb_of_a_pair_names_the_funder() -> None:
    project = roles_in("fi", "Hanketta koordinoi Etelä-Savon liitto ja rahoittaa Suomen "
                             "Kulttuurirahasto.")
    assert (project["lead_organisations"], project["funders"]) == (
        ["Etelä-Savon liitto"], ["Suomen Kulttuurirahasto"])


def test_labels_stacked_under_a_role_label_are_no_funders() -> None:
    text = ("Singing Village\n\nThe Singing Village project brings music to villages.\n\n"
            "Funder\n\nKone Foundation\n\nFunding instrument\n\nOther information\n\n"
            "Funding decision number\n\n338448\n")
    assert only_project(text)["funders"] == ["Kone Foundation"]


@pytest.mark.parametrize(("written", "expected"), [
    ("Aluehallintovirastot", "Aluehallintovirasto"),  # the known organisation, in the plural
    ("Seinäjoen kaupungin kulttuuripalveluilla", "Seinäjoen kaupungin kulttuuripalvelut"),
])
def test_a_plural_stays_plural_unless_the_singular_is_known(written: str, expected: str) -> None:
    assert orgs.canonical_org(written) == expected


@pytest.mark.parametrize(("language", "sentence", "expected"), [
    ("en", "The project is co-funded by the European Union.", ["European Union"]),
    ("fi", "Hanketta rahoittaa Euroopan unioni.", ["Euroopan unioni"]),
    ("sv", "Projektet medfinansieras av Svenska kulturfonden.", ["Svenska kulturfonden"]),
])
def test_the_union_after_a_funder_cue_funds(language: str, sentence: str,
                                            expected: list[str]) -> None:
    assert roles_in(language, sentence)["funders"] == expected


@pytest.mark.parametrize(("language", "sentence", "field", "expected"), [
    ("en", "Partners in the project are the City of Espoo and Aalto University.",
     "partner_organisations", ["City of Espoo", "Aalto University"]),
    ("sv", "Samarbetspartner i projektet är Vasa stad och Åbo Akademi.",
     "partner_organisations", ["Vasa stad", "Åbo Akademi"]),
    ("fi", "Hankkeen yhteistyökumppanit ovat Lahden kaupunki ja Lahden kansanopisto.",
     "partner_organisations", ["Lahden kaupunki", "Lahden kansanopisto"]),
    ("en", "The project is funded through a grant from the Kone Foundation.", "funders",
     ["Kone Foundation"]),
    ("sv", "Projektet finansieras med medel från Svenska kulturfonden.", "funders",
     ["Svenska kulturfonden"]),
])
def test_role_nouns_with_the_project_between(language: str, sentence: str, field: str,
                                             expected: list[str]) -> None:
    assert roles_in(language, sentence)[field] == expected


@pytest.mark.parametrize("sentence", [
    "Approximately one million euros of the grants were allocated to theatres.",
    "The Finnish call opens on 25 February and ends on 31 March.",
])
def test_an_amount_of_grants_or_a_call_of_the_text_is_no_programme(sentence: str) -> None:
    assert roles_in("en", sentence)["funding_programmes"] == []


def test_a_person_before_an_organisation_is_cut_from_the_name() -> None:
    project = roles_in("fi", "Hanketta hallinnoi Susanna Kolehmainen Turun kaupunginkirjasto.")
    assert project["lead_organisations"] == ["Turun kaupunginkirjasto"]


def test_who_answers_for_carrying_out_leads() -> None:
    project = roles_in("fi", "Hankkeen toteutuksesta vastasivat Lahden kaupunki ja Lahden "
                             "kansanopisto.")
    assert project["lead_organisations"] == ["Lahden kaupunki", "Lahden kansanopisto"]


def test_the_coordinator_of_a_whole_of_projects_leads_no_project_in_it() -> None:
    project = roles_in("fi", "Se on osa Taiteen edistämiskeskuksen koordinoimaa Kulttuuria "
                             "kaikille hankekokonaisuutta.")
    assert project["lead_organisations"] == []


def test_names_listed_after_a_plural_noun_of_organisations_are_partners() -> None:
    project = roles_in("en", "The piloting partners are supported by three universities: the "
                             "University of Oulu, Aalto University and the Lapland University "
                             "of Applied Sciences.")
    assert project["partner_organisations"] == [
        "University of Oulu", "Aalto University", "Lapland University of Applied Sciences"]


def test_places_listed_after_a_plural_noun_are_no_partners() -> None:
    project = roles_in("en", "The partners include three local authorities (Saldus/LV, "
                             "Odense/DK) and partners (Vaasa, Oulu).")
    assert project["partner_organisations"] == []


def test_a_funding_instrument_label_names_a_programme() -> None:
    text = ("Singing Village\n\nThe Singing Village project brings music to villages.\n\n"
            "Funder\n\nKone Foundation\n\nFunding instrument\n\nArtist residencies\n")
    project = only_project(text)
    assert (project["funders"], project["funding_programmes"]) == (
        ["Kone Foundation"], ["Artist residencies"])


@pytest.mark.parametrize(("sentence", "expected"), [
    ("It is done in close collaboration with the mental health services of the South "
     "Ostrobothnia Wellbeing Services County.", ["South Ostrobothnia Wellbeing Services County"]),
    ("It is done in cooperation with various fields of art.", []),
])
def test_the_organisation_after_common_words_of_its_part(sentence: str,
                                                         expected: list[str]) -> None:
    assert roles_in("en", sentence)["partner_organisations"] == expected


def test_the_partner_marked_as_coordinator_leads() -> None:
    text = ("Soiva kylä\n\nSoiva kylä -hanke tuo musiikkia kyliin.\n\nKonsortiopartnerit: "
            "Taideyliopisto (koordinaattori), Turun yliopisto, Lapin yliopisto\n")
    project = only_project(text)
    assert (project["lead_organisations"], project["partner_organisations"]) == (
        ["Taideyliopisto"], ["Turun yliopisto", "Lapin yliopisto"])


def test_the_article_before_an_english_name_is_no_part_of_it() -> None:
    text = ("Singing Village\n\nThe Singing Village project brings music to villages.\n\n"
            "Funding source\n\nThe Finnish Cultural Foundation\n")
    assert only_project(text)["funders"] == ["Finnish Cultural Foundation"]


def test_genitives_sharing_a_plural_head_are_partners_each() -> None:
    project = roles_in("fi", "Hanke toteutetaan yhteistyössä Turun ja Imatran kaupunkien kanssa.")
    assert project["partner_organisations"] == ["Turun kaupunki", "Imatran kaupunki"]


def test_a_programme_of_the_european_union_is_funded_by_it() -> None:
    project = roles_in("en", "It is part of the Lifelong Learning Programme of the European "
                             "Union.")
    assert (project["funders"], project["funding_programmes"]) == (
        ["European Union"], ["Lifelong Learning Programme"])
