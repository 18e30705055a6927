"""People's names beyond Voikko's Finnish first names: the given-name reference list."""

from __future__ import annotations

import pytest
from extract_helpers import only_project

from kg.extract.people import is_first_name

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
