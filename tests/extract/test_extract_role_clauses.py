"""Role cues of the third round of issue 11 (found on unlabelled texts of corpus/more, kept
only where a fresh held-out set did not get worse): relative clauses that name who carries
out or pays for a project, and partner lists introduced by a plural role noun. All texts are
synthetic."""

from __future__ import annotations

import pytest

from kg.extract import extract_text


def in_project(sentence: str) -> dict:
    return only_project(f"Soiva kylä\n\nSoiva kylä -hanke tuo musiikkia kyliin. {sentence}\n")


@pytest.mark.parametrize(("sentence", "field", "expected"), [
    # relative clauses: every lead of a joint project, the funder
    ("Se on musiikkihanke, jota toteuttavat yhteistyössä Lapuan kaupunki ja Seinäjoen "
     "ammattikorkeakoulu.", "lead_organisations",
     ["Lapuan kaupunki", "Seinäjoen ammattikorkeakoulu"]),
    ("Se on musiikkihanke, jota rahoittaa Opetus- ja kulttuuriministeriö.", "funders",
     ["Opetus- ja kulttuuriministeriö"]),
    ("Hankkeen toteuttajana toimii Lapuan kaupunki, ja sitä rahoittavat Etelä-Pohjanmaan liitto "
     "ja Pohjanmaan liitto.", "funders", ["Etelä-Pohjanmaan liitto", "Pohjanmaan liitto"]),
    # plural partner nouns introduce the partners
    ("Hankkeen yhteistyökumppaneina toimivat Lapuan kaupunki ja Kuortaneen kunta.",
     "partner_organisations", ["Lapuan kaupunki", "Kuortaneen kunta"]),
    ("Hankkeen yhteistyökumppaneita ovat Lapuan kaupunki ja Kuortaneen kunta.",
     "partner_organisations", ["Lapuan kaupunki", "Kuortaneen kunta"]),
    ("Hankkeessa ovat mukana Lapuan kaupunki ja Kuortaneen kunta.", "partner_organisations",
     ["Lapuan kaupunki", "Kuortaneen kunta"]),
    # capitalised names after a partner cue are partners, places and people not
    ("Hankkeessa ovat mukana Sirkus Magenta, Taidekoulu Estradi, Anna Virtanen ja "
     "Etelä-Pohjanmaa.", "partner_organisations", ["Sirkus Magenta", "Taidekoulu Estradi"]),
    # with no lead named, the organisation of the project manager leads
    ("Hankkeesta kertoo Lapuan kaupungin projektipäällikkö Eila Rajala.", "lead_organisations",
     ["Lapuan kaupunki"]),
    # an organisation worked with is a partner, a counted one not
    ("Hanke tekee yhteistyötä Rovaniemen kaupungin ja myöhemmin valittavan kunnan kanssa.",
     "partner_organisations", ["Rovaniemen kaupunki"]),
    ("Hanke toteutetaan yhteistyössä 14 Pirkanmaan kunnan kanssa.", "partner_organisations", []),
])
def test_roles_read_from_one_sentence(sentence: str, field: str, expected: list[str]) -> None:
    assert in_project(sentence)[field] == expected


def only_project(text: str) -> dict:
    (project,) = extract_text(text, "roles.txt")["projects"]
    return project


@pytest.mark.parametrize(("text", "lead", "funder"), [
    ("Soiva kylä\n\nSoiva kylä -hanke tuo musiikkia kyliin. Kainuun liitto haki ja sai Taiteen "
     "edistämiskeskukselta 40 000 euron valtion tuen hankkeeseen.\n",
     "Kainuun liitto", "Taiteen edistämiskeskus"),
    ("Soiva kylä\n\nSoiva kylä -hanke tuo musiikkia kyliin. Piste Kollektiivi on saanut "
     "Taikelta rahoituksen hankkeeseen.\n", "Piste Kollektiivi", "Taiteen edistämiskeskus"),
    ("Klingande by\n\nProjektet Klingande by ger musik till byarna. Vasa stad har fått 20 000 "
     "euro i stöd från Svenska kulturfonden för projektet.\n", "Vasa stad",
     "Svenska kulturfonden"),
    ("Singing Village\n\nThe project Singing Village brings music to care homes. The City of "
     "Turku has received funding from the Finnish Cultural Foundation for the project.\n",
     "City of Turku", "Finnish Cultural Foundation"),
])
def test_who_received_money_leads_and_who_gave_it_funds(text: str, lead: str,
                                                         funder: str) -> None:
    project = only_project(text)
    assert project["lead_organisations"] == [lead]
    assert project["funders"] == [funder]


def test_a_known_name_after_an_adverb_receiving_no_money_is_no_lead() -> None:
    project = only_project(
        "Soiva kylä\n\nSoiva kylä -hanke tuo musiikkia kyliin. Kaikkiaan Taike sai Hämeestä "
        "30 hakemusta, joissa haettiin 200 000 euroa.\n")
    assert not any(lead.startswith("Kaikkiaan") for lead in project["lead_organisations"])


def test_a_trial_named_without_the_word_project_is_still_one_entry() -> None:
    record = extract_text(
        "date 2017-06 Lapuan kaupunki osallistuu Kaikukortti-toimintaan. Kortti tarjoaa "
        "asiakkaille maksuttomia pääsylippuja kulttuuritapahtumiin.\n\nLapuan Kaikukortti-kokeilu "
        "alkaa 1.6. ja jatkuu vuoden loppuun. Kokeilun jälkeen toiminta laajenee.\n", "trial.txt")
    assert len(record["projects"]) == 1


@pytest.mark.parametrize("line", ["Olet täällä", "Du är här", "You are here"])
def test_a_breadcrumb_opening_is_never_the_title(line: str) -> None:
    project = only_project(f"{line}\n\nSoiva kylä\n\nSoiva kylä -hanke tuo musiikkia kyliin. "
                           "Hanketta koordinoi Lapuan kaupunki.\n")
    assert project["title"]["fi"] == "Soiva kylä"


def test_a_headline_with_a_passive_verb_is_no_title() -> None:
    project = only_project(
        "Kulttuurisuunnittelijaksi valittiin Anna Virtanen\n\nLapuan kaupunki valitsi "
        "kulttuurisuunnittelijaksi Anna Virtasen. Lapuan kaupunki sai Taiteen "
        "edistämiskeskukselta 40 000 euron tuen kulttuurisuunnitelman laatimiseen. Suunnitelma "
        "tehdään hankkeena, ja hanke päättyy lokakuussa.\n")
    assert project["title"] == {"fi": None, "sv": None, "en": None}


@pytest.mark.parametrize(("sentence", "name", "role", "organisation"), [
    ("Asiasta kertoo toiminnanjohtaja Pilvi Kuitu.", "Pilvi Kuitu", "toiminnanjohtaja", None),
    ("Pohjois-Karjalan maakuntaliiton hyvinvointi- ja koulutusasiantuntija Mari Nupponen "
     "toteaa, että suunnitelma valmistui.", "Mari Nupponen", "koulutusasiantuntija",
     "Pohjois-Karjalan maakuntaliitto"),
    ("Hankkeesta kertoo projektipäällikkö Pia Timberg Pohjanmaan liitosta.", "Pia Timberg",
     "projektipäällikkö", "Pohjanmaan liitto"),
    ("Hanke alkoi keväällä, ja siitä kertoo Lapuan kaupungin kulttuurisihteeri Eila Rajala.",
     "Eila Rajala", "kulttuurisihteeri", "Lapuan kaupunki"),
    ("Hankkeesta iloitsee ylilääkäri Eija Pertilä.", "Eija Pertilä", "ylilääkäri", None),
    ("Työtä tekee organisaatiotaiteilija Eili Ikonen.", "Eili Ikonen", "organisaatiotaiteilija",
     None),
])
def test_a_person_in_prose_keeps_role_and_organisation(sentence: str, name: str, role: str,
                                                        organisation: str | None) -> None:
    (person,) = in_project(sentence)["people"]
    assert (person["name"], person["organisation"]) == (name, organisation)
    assert role in person["roles"]


def test_the_line_above_a_register_header_is_the_title_over_a_project_it_mentions() -> None:
    record = extract_text(
        "Soiva kylä\nVuoden 2014 ELY-hanke   (Hanke on saanut rahoitusta)\n\n\nLapuan "
        "kaupunginkirjasto\nHankkeen tavoite:\nKirjasto jatkaa aiemmin Kuulto-projektin "
        "aloittamaa työtä ja tuo musiikkia kyliin.\n", "register.txt")
    assert record["projects"][0]["title"]["fi"] == "Soiva kylä"


@pytest.mark.parametrize(("text", "lead"), [
    ("Soiva kylä\n\nVarsinais-Suomen Muistiyhdistys ry:ssä on alkanut Soiva kylä -hanke. Hanke "
     "tuo musiikkia kyliin.\n", ["Varsinais-Suomen Muistiyhdistys ry"]),
    ("Soiva kylä\n\nHelsingissä on alkanut Soiva kylä -hanke. Hanke tuo musiikkia kyliin.\n", []),
    ("Klingande by\n\nVid Vasa stad har projektet Klingande by startat. Projektet ger musik "
     "till byarna.\n", ["Vasa stad"]),
    ("Singing Village\n\nAt the City of Turku, the project Singing Village has started. The "
     "project brings music to care homes.\n", ["City of Turku"]),
])
def test_where_a_project_started_leads_but_a_place_does_not(text: str, lead: list[str]) -> None:
    assert only_project(text)["lead_organisations"] == lead


def test_a_plural_project_word_ending_the_opening_line_is_not_part_of_the_title() -> None:
    project = only_project("Projekti\n\nSoiva kylä - Musiikkia kyliin -hankkeet\n\nTaike toteuttaa "
                           "Soiva kylä -kokonaisuuksia. Hankkeet tuovat musiikkia kyliin.\n")
    assert project["title"]["fi"] == "Soiva kylä - Musiikkia kyliin"


def test_a_pilot_named_inside_a_project_is_an_entry_of_its_own() -> None:
    record = extract_text(
        "Musiikkia hoitokoteihin\n\nLapuan kaupunki on mukana Soiva kylä -hankkeen kuntapilotissa "
        "Laulava koti/Sjungande hem. Pilotissa järjestetään laulutuokioita hoitokodeissa.\n",
        "pilot.txt")
    titles = [project["title"]["fi"] for project in record["projects"]]
    assert sorted(titles) == ["Laulava koti", "Soiva kylä"]
