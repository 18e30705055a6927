"""People's names beyond Voikko's Finnish first names: the given-name reference list."""

from __future__ import annotations

import pytest
from extract_helpers import only_project

from kg.extract.people import find_people, is_first_name
from kg.extract.segment import segment

CONTACT = ("Kulturprojektet Sånglust\n\nProjektet Sånglust ordnar sångstunder för äldre i "
           "Vasa 2024–2025. Projektet drivs av Vasa stad.\n\nKontakt:\n{name}\nprojektledare\n")


@pytest.mark.parametrize("word", ["Åsa", "Tine", "Emelie", "Anna-Mari", "Tiina"])
def test_nordic_given_names_voikko_does_not_know_are_first_names(word: str) -> None:
    assert is_first_name(word)


@pytest.mark.parametrize("word", ["May", "Grace", "Kulturrådet", "Taide"])
def test_english_words_and_common_nouns_are_no_first_names(word: str) -> None:
    assert not is_first_name(word)


@pytest.mark.parametrize("name", ["Åsa Lindqvist", "Emelie Berg", "Marja Susi"])
def test_a_contact_with_a_swedish_or_finnish_name_is_found(name: str) -> None:
    people = only_project(CONTACT.format(name=name))["people"]
    assert [(person["name"], person["roles"]) for person in people] == [
        (name, ["projektledare"])]


@pytest.mark.parametrize(("line", "name", "roles"), [
    ("– Det är viktigt, säger handläggare Eva Lind på Kulturrådet.", "Eva Lind", ["handläggare"]),
    ("Kontakt: Karin Holm, ombudsman", "Karin Holm", ["ombudsman"]),
    ("Ota yhteyttä: muotoilija Katri Laine", "Katri Laine", ["muotoilija"]),
])
def test_role_head_words_of_the_cue_tables_make_roles(line: str, name: str,
                                                      roles: list[str]) -> None:
    text = CONTACT.format(name="Anna Berg").replace("Kontakt:\n", line + "\n\nKontakt:\n")
    people = {person["name"]: person["roles"] for person in only_project(text)["people"]}
    assert people[name] == roles


LEADER = ("Arts, Health and Well-being\n\nThe research group develops arts-based services in "
          "Turku 2022–2024. The project is led by Turku University of Applied Sciences.\n\n"
          "Contact\nLiisa Laine, leader\nMarja Susi\n")


def test_a_role_line_that_names_another_person_is_not_the_next_persons_role() -> None:
    people = {person["name"]: person["roles"] for person in only_project(LEADER)["people"]}
    assert people == {"Liisa Laine": ["leader"], "Marja Susi": []}


@pytest.mark.parametrize("credit", ["Fotograf: Jan Berg.", "Kuvaaja: Jan Berg", "Photo: Jan Berg",
                                    "Translated by Jan Berg.", "Teksti: Jan Berg",
                                    "Written by Jan Berg"])
def test_a_credited_photographer_or_translator_is_no_person_of_the_project(credit: str) -> None:
    text = CONTACT.format(name="Anna Berg").replace("Kontakt:\n", credit + "\n\nKontakt:\n")
    assert [person["name"] for person in only_project(text)["people"]] == ["Anna Berg"]


PROGRAMME = ("Kultur och hälsa i Vasa\n\nProjektet Kultur och hälsa ordnar ett seminarium 2024. "
             "Projektet drivs av Vasa stad.\n\nProgram\n{line}\n\nKontakt:\nAnna Berg\n"
             "projektledare\n")


@pytest.mark.parametrize(("line", "people"), [
    ("Jari Lind: Kultur som social- och hälsovårdstjänst (på finska)", ["Anna Berg"]),
    ("Jari Lind: projektledare", ["Jari Lind", "Anna Berg"]),
])
def test_a_speakers_talk_line_names_no_person_of_the_project(line: str,
                                                             people: list[str]) -> None:
    found = [person["name"] for person in only_project(PROGRAMME.format(line=line))["people"]]
    assert found == people


@pytest.mark.parametrize(("text", "person"), [
    ("– Det är viktigt, säger Tua Stenström, handläggare på Kulturrådet.",
     ("Tua Stenström", ["handläggare"], None)),
    ("– Bra ansökningar, säger Åsa Rosenberg, Kulturfondens ombudsman i Åboland.",
     ("Åsa Rosenberg", ["ombudsman"], "Svenska kulturfonden")),
    ("– Bra, säger Åsa Rosenberg som är Svenska kulturfondens ombudsman i Åboland.",
     ("Åsa Rosenberg", ["ombudsman"], "Svenska kulturfonden")),
    ("Antti Klemettilä toimii hankkeen projektipäällikkönä.",
     ("Antti Klemettilä", ["projektipäällikkö"], None)),
    ("Kontaktperson (Musik i Syd)\nGunilla Lundh-Tobiasson\nTelefon: 070 602 63 23",
     ("Gunilla Lundh-Tobiasson", ["kontaktperson"], "Musik i Syd")),
    ("Ria Heilä-Ylikallio (Ansvarig forskare)",
     ("Ria Heilä-Ylikallio", ["ansvarig forskare"], None)),
    ("Arja Packalén\nProject Assistant (absent)", ("Arja Packalén", ["project Assistant"], None)),
    ("Teppo Särkämö Orcid 0000-0001", ("Teppo Särkämö", [], None)),
])
def test_speakers_and_roles_in_prose_and_blocks(text: str,
                                                person: tuple[str, list[str], str | None]) -> None:
    found = [(p.name, p.roles, p.organisation) for p in find_people(text, segment(text))]
    assert found == [person]


@pytest.mark.parametrize("line", [
    "Professori Janne Laine, Terveystieteiden tiedekunta, Farmasian laitos, Itä-Suomen yliopisto",
    "Tutkimusjohtaja Janne Laine, Yhteiskuntatieteiden laitos, Sosiaalityö, Itä-Suomen yliopisto",
])
def test_the_parent_after_a_faculty_or_department_is_the_organisation(line: str) -> None:
    assert [p.organisation for p in find_people(line, segment(line))] == ["Itä-Suomen yliopisto"]


FESTIVAL = """Kulttuuri ja hyvinvointi -seminaari 12.2.2026

Seminaari kokoaa kulttuurihyvinvoinnin hankkeet Helsinkiin.

10.00 Kulttuuri elinvoiman lähteenä

  • Dialogi: Kulttuuri ratkaisuna - KULTA ry:n pääsihteeri Rosa Laine & toimittaja Jani Halme
  • Case Ikävoimaa - hankepäällikkö Emma Niemi

12.00 Lounas

Lisätietoja: tuottaja Anna Berg, anna.berg@example.fi
"""


def test_programme_speakers_count_only_with_a_role_in_a_project() -> None:
    text = FESTIVAL
    names = [p.name for p in find_people(text, segment(text))]
    assert names == ["Emma Niemi", "Anna Berg"]


@pytest.mark.parametrize(("field", "name"), [
    ("Kontaktperson: Nomi Szpiro Eriksen, projektledare", "Nomi Szpiro Eriksen"),
    ("Hankkeen yhteyshenkilön nimi: Heimovaara-Kotonen Essi", "Essi Heimovaara-Kotonen"),
])
def test_the_value_of_a_contact_label_is_a_persons_name(field: str, name: str) -> None:
    text = f"Kulturprojektet Sånglust\n\nProjektet drivs av Vasa stad.\n\n{field}\n"
    assert [p.name for p in find_people(text, segment(text))] == [name]
