"""Finnish layouts of the fourth round of issue 11 (found on a fresh unlabelled dev half, kept
where its held-out half did not get worse): names listed one a line under a role label, a
register's numbered section heading that is no value, the partner cue 'yhteistyökumppanina
toimi', and skip links that are page furniture. All texts are synthetic."""

from __future__ import annotations

import pytest

from kg.extract import extract_text
from kg.extract.cues import is_furniture


def only_project(text: str) -> dict:
    (project,) = extract_text(text, "lists.txt")["projects"]
    return project


OPENING = "Soiva kylä -hanke (2021-2022)\n\nSoiva kylä -hanke tuo musiikkia kyliin.\n\n"


@pytest.mark.parametrize(("layout", "field", "expected"), [
    # names one a line under a label, blank lines between or none
    ("Hankekumppanit:\n\nSirkus Magenta.\n\nTanssiteatteri Hurjaruuth.\n\nOta yhteyttä:\n\n"
     "Projektipäällikkö Eila Rajala\n", "partner_organisations",
     ["Sirkus Magenta", "Tanssiteatteri Hurjaruuth"]),
    ("Toimintamallin rahoittaja\nSosiaali- ja terveysministeriö (STM)\n"
     "Taiteen edistämiskeskus (Taike)\n\nTekijä\n\nEila Rajala\n\nLuotu\n\n08.10.2021\n",
     "funders", ["Sosiaali- ja terveysministeriö", "Taiteen edistämiskeskus"]),
    # a fact box of label and value lines is no list: the next label is no name
    ("Rahoitus\nOKM\nKumppanin rooli\nOsatoteuttaja\nYksikkö\nHyvinvointi\n", "funders",
     ["Opetus- ja kulttuuriministeriö"]),
    # a numbered section heading below an empty role label is no partner
    ("Osatoteuttajat\n\n3 Suunnitelman mukainen tiivistelmä toteutuksesta\n\n"
     "Hanke tarjoaa musiikkia kyliin.\n", "partner_organisations", []),
    # the partner cue in the singular
    ("Hankkeen yhteistyökumppanina toimi Etelä-Pohjanmaan Nuorisoseura ry.\n",
     "partner_organisations", ["Etelä-Pohjanmaan Nuorisoseura ry"]),
])
def test_finnish_role_layouts(layout: str, field: str, expected: list[str]) -> None:
    assert only_project(OPENING + layout)[field] == expected


@pytest.mark.parametrize("line", ["Hyppää pääsisältöön", "Ohita navigaatio", "Tekstin koko",
                                  "Kielivalinta", "Siirry pääsisältöön"])
def test_skip_links_are_furniture_and_never_titles(line: str) -> None:
    assert is_furniture(line)
    assert only_project(f"{line}\n\n{OPENING}")["title"]["fi"] == "Soiva kylä"


def test_a_grant_given_to_an_allative_recipient_names_the_lead() -> None:
    """'myönsi X:lle' and 'X:lle myönnettiin': the recipient in the allative leads the project
    the grant is for, a name before or after the project word."""
    text = ("Avustuksia kulttuurihyvinvointiin\n\nTaiteen edistämiskeskus myönsi Kulttuuriyhdistys "
            "Kipinä ry:lle 20 000 euroa Soiva kylä -hankkeeseen. Lisäksi Lapuan kaupungille "
            "myönnettiin 15 000 euroa hankkeeseen Tanssiva koti.\n")
    found = [(p["title"]["fi"], p["lead_organisations"], p["budget"]["shares"])
             for p in extract_text(text, "grants.txt")["projects"]]
    assert found == [
        ("Soiva kylä", ["Kulttuuriyhdistys Kipinä ry"],
         [{"organisation": "Taiteen edistämiskeskus", "eur": 20000}]),
        ("Tanssiva koti", ["Lapuan kaupunki"],
         [{"organisation": "Taiteen edistämiskeskus", "eur": 15000}])]


def test_other_partners_label_and_a_news_heading() -> None:
    project = only_project("Uutinen\n\nSoiva kylä -hanke tuo musiikkia kyliin.\n\n"
                           "Päätoteuttaja: Lapuan kaupunki\n"
                           "Muut osatoteuttajat: Kuortaneen kunta, Alajärven kaupunki\n")
    assert project["title"]["fi"] == "Soiva kylä"
    assert project["partner_organisations"] == ["Kuortaneen kunta", "Alajärven kaupunki"]


@pytest.mark.parametrize(("sentence", "field", "expected"), [
    ("Hankkeen päätoteuttajana on Lapuan kaupunki ja osatoteuttajina Kuortaneen kunta.",
     "lead_organisations", ["Lapuan kaupunki"]),
    ("Hankkeen toteuttajina ovat Lapuan kaupunki ja Kuortaneen kunta.", "lead_organisations",
     ["Lapuan kaupunki", "Kuortaneen kunta"]),
    ("Hanketta toteuttavat Lapuan kaupunki, Kuortaneen kunta ja Alajärven kaupunki.",
     "lead_organisations", ["Lapuan kaupunki", "Kuortaneen kunta", "Alajärven kaupunki"]),
    ("Hankkeesta vastaa Lapuan kaupunki.", "lead_organisations", ["Lapuan kaupunki"]),
    ("Hankkeen hallinnoi Lapuan kaupunki.", "lead_organisations", ["Lapuan kaupunki"]),
    ("Hankkeen rahoittaa Etelä-Pohjanmaan liitto.", "funders", ["Etelä-Pohjanmaan liitto"]),
])
def test_finnish_role_cues_in_prose(sentence: str, field: str, expected: list[str]) -> None:
    assert only_project(f"Soiva kylä\n\nSoiva kylä -hanke tuo musiikkia kyliin. {sentence}\n")[
        field] == expected


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Soiva kylä on Lapuan kaupungin ja Kuortaneen kunnan yhteishanke.",
     ["Lapuan kaupunki", "Kuortaneen kunta"]),
    ("Soiva kylä -hanke oli Kulttuuriyhdistys Kipinä ry:n kolmivuotinen hanke.",
     ["Kulttuuriyhdistys Kipinä ry"]),
    # an agent participle is the agent rules' business; a place owns no project
    ("Soiva kylä on Euroopan sosiaalirahaston rahoittama hanke.", []),
    ("Soiva kylä on Suomen suurin kulttuurihanke.", []),
])
def test_an_organisations_project_after_a_copula_is_led_by_it(sentence: str,
                                                               expected: list[str]) -> None:
    assert only_project(f"Soiva kylä\n\n{sentence}\n")["lead_organisations"] == expected


@pytest.mark.parametrize(("line", "people"), [
    # a photographer named in a caption is no one of the project
    ("Soiva kylä -projektiryhmä Kuvaaja: Ida Myllärinen", []),
    # a first name in the genitive before an inflected common word is no person
    ("Toimin Taidetta kylille! -hankkeessa projektipäällikkönä.", []),
    ("Hankkeen projektipäällikkö Eila Rajala kertoo.", ["Eila Rajala"]),
])
def test_finnish_person_names_and_photo_credits(line: str, people: list[str]) -> None:
    found = extract_text(f"{OPENING}{line}\n", "people.txt")["projects"]
    assert sorted({person["name"] for project in found for person in project["people"]}) == people


def test_names_listed_under_one_role_label_make_no_list_of_projects() -> None:
    """A contact block whose role label lists two names is still one project."""
    text = ("Soiva kylä\n\nSoiva kylä -hanke tuo musiikkia kyliin.\n\n"
            "Eila Rajala\nKoordinaattori\n\nSoiva kylä -hanke\nEtelä-Pohjanmaan liitto\n"
            "Mikonkatu 5, 50100 Mikkeli\n")
    assert [p["title"]["fi"] for p in extract_text(text, "contact.txt")["projects"]] == \
        ["Soiva kylä"]


def test_a_role_field_ends_where_the_organisations_are_said_to_take_part() -> None:
    project = only_project(OPENING + "Muut osatoteuttajat: Lapha, Posio ja Ranua mukana "
                           "laskennallisella omarahoitusosuudella\n")
    # the municipalities as organisations, as the gold records write them
    assert project["partner_organisations"] == ["Lapha", "Posion kunta", "Ranuan kunta"]


LIST_UNDER_PROSE = (
    "Taike jakoi avustuksia kulttuuritoimintaan\n\n"
    "Taiteen edistämiskeskus jakoi avustuksia yhteisöjen kulttuuritoimintaan. Teatteri Lumo "
    "sai viittomakielisten esitysten tekemiseen 130 000 euroa.\n\n"
    "Toiminta-avustukset\n\n"
    "Joensuun Soittajat ry, Joensuu, 15 000 €\nKonserttien järjestämiseen\n\n"
    "Kuopion Kuvataiteilijat ry, Kuopio, 20 000 €\nTyöpajojen järjestämiseen\n")


def test_a_finnish_list_entry_is_led_by_its_recipient_alone() -> None:
    """As in Swedish and English: an organisation the paragraphs above the list name leads
    none of the list's entries."""
    leads = [project["lead_organisations"]
             for project in extract_text(LIST_UNDER_PROSE, "lists.txt")["projects"]]
    assert ["Joensuun Soittajat ry"] in leads and ["Kuopion Kuvataiteilijat ry"] in leads
    assert all("Teatteri Lumo" not in names or names == ["Teatteri Lumo"] for names in leads)
