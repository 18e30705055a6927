"""Finnish mechanisms from held-out set 9 (issue 11): a grant round's recipients listed after
"joiden toteuttajat ovat", and a funder whose name is a coordinated compound ("Opetus- ja
kulttuuriministeriö tukee"). All texts are synthetic."""

from __future__ import annotations

from extract_helpers import only_project, projects_of

from kg.extract.grants import recipient_list_grants
from kg.extract.segment import Sentence
from kg.extract.titles import is_valid_title

_ROUND = (
    "Kulttuuria kaikille\n\nOpetus- ja kulttuuriministeriö tukee 400 000 eurolla hankkeita, "
    "joilla lisätään osallistumista kulttuuriin. Avustusta myönnettiin neljälle hankkeelle, "
    "joiden toteuttajat ovat Laulun Ystävät ry, Kajaanin kaupunki yhteistyössä Sotkamon ja "
    "Paltamon kuntien kanssa, Teatteri Sininen sekä Pohjolan Kuoroliitto ry.\n")


def test_recipients_listed_after_the_cue_give_one_project_each() -> None:
    projects = projects_of(_ROUND)
    assert [p["lead_organisations"] for p in projects] == [
        ["Laulun Ystävät ry"], ["Kajaanin kaupunki"], ["Teatteri Sininen"],
        ["Pohjolan Kuoroliitto ry"]]
    assert projects[1]["municipalities"] == ["Kajaani"]


def test_a_coordinated_compound_funder_funds_every_listed_project() -> None:
    assert all(p["funders"] == ["Opetus- ja kulttuuriministeriö"] for p in projects_of(_ROUND))


def test_a_list_of_sums_after_the_cue_is_left_to_the_sum_reading() -> None:
    text = ("Avustusta myönnettiin hankkeille, joiden toteuttajat ovat Laulun Ystävät ry "
            "20 000 euroa ja Pohjolan Kuoroliitto ry 15 000 euroa.")
    assert recipient_list_grants(Sentence(text, 0, len(text), 0, None), "fi") == []
    listed = text.replace(" 20 000 euroa", "").replace(" 15 000 euroa", "")
    names = [g.recipient for g in recipient_list_grants(Sentence(listed, 0, len(listed), 0, None),
                                                        "fi")]
    assert names == ["Laulun Ystävät ry", "Pohjolan Kuoroliitto ry"]


def test_a_slogan_logo_under_the_funding_label_is_no_funder() -> None:
    project = only_project(
        "Soivat kylät\n\nSoivat kylät -hanketta toteuttaa Kylämusiikki ry.\n\nRahoitus\n\n"
        "Vipuvoimaa EU:lta -logo ja Euroopan sosiaalirahaston logo.\n")
    assert not any("logo" in name.lower() for name in project["funders"])
    assert "Vipuvoimaa EU:lta" not in project["funders"]


def test_a_fact_box_heading_after_the_funder_is_no_funder() -> None:
    project = only_project(
        "Hankkeen nimi\n\nLaulavat kylät\n\nRahoittaja\n\nKoneen Säätiö\n\nTiimi\n\nJohtaja\n\n"
        "Professori Maija Meikäläinen, Itä-Suomen yliopisto\n")
    assert project["funders"] == ["Koneen Säätiö"]


_AGENCY_LIST = (
    "Avustukset 2024\n\nTaiteen edistämiskeskus on myöntänyt avustuksia. Hakemuksia tuli "
    "Helsingistä ja Oulusta.\n\nMyönnetyt avustukset\n\n"
    "Laulun Ystävät ry, Porvoo. Kuorotoimintaan palvelutaloissa, 30 000 €\n\n"
    "Kylämusiikki ry, Kajaani. Kylien musiikkitoiminnan järjestäminen, 20 000 €\n")


def test_town_then_purpose_lines_give_no_title_and_their_own_town() -> None:
    projects = projects_of(_AGENCY_LIST)
    assert [p["lead_organisations"] for p in projects] == [["Laulun Ystävät ry"],
                                                           ["Kylämusiikki ry"]]
    assert [p["title"]["fi"] for p in projects] == [None, None]
    assert [p["municipalities"] for p in projects] == [["Porvoo"], ["Kajaani"]]


def test_a_heading_listing_sections_is_no_title() -> None:
    assert not is_valid_title("LAULUPAJAN LÄHTÖKOHTA, KOHDERYHMÄ JA TAVOITTEET")
    assert is_valid_title("Laulupaja – lähtökohtana kohderyhmän toiveet")
