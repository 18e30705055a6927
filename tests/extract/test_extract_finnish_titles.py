"""Finnish project names written after the project word ('projektissa X', 'hankkeesta X'),
a fourth-round title candidate of issue 11 (found on a fresh unlabelled dev half, kept where its
held-out half did not get worse). All sentences are synthetic."""

from __future__ import annotations

import pytest

from kg.extract import extract_text
from kg.extract.titles import head_first_candidates, name_before_hanke


@pytest.mark.parametrize(("sentence", "title"), [
    ("Hanke on osa Opetus- ja kulttuuriministeriön rahoittamassa projektissa Osallistuminen "
     "aluetaiteilijahankkeissa. Hanke jatkuu kesäkuuhun.",
     "Osallistuminen aluetaiteilijahankkeissa"),
    ("Puhujana on Miina Sillanpään Säätiön hankkeesta Ikävoimaa-valmentajat hankepäällikkö "
     "Eila Rajala.", "Ikävoimaa-valmentajat"),
    # a demonstrative makes the project word no head of a name; a place is no name
    ("Toimin tässä hankkeessa Hämeen kylien asukkaille.", None),
    ("Työ tehtiin hankkeessa Tampereella vuonna 2020.", None),
])
def test_a_name_after_its_project_word(sentence: str, title: str | None) -> None:
    found = [c.text for c in head_first_candidates(sentence)]
    assert found == ([title] if title else [])


@pytest.mark.parametrize(("words", "title"), [
    # an agenda line names the project after a person and role, an organisation before a comma
    ("Kukunorin toiminnanjohtaja Markus Raivion haastateltavana Uusimaa 2019", "Uusimaa 2019"),
    ("THL, Sokra", "Sokra"),
    # an organisation in the genitive before the name owns the project
    ("Juttusarja alkaa Pieksämäen kaupungin Yhtä rataa", "Yhtä rataa"),
    ("Kestävän kasvun Satakunta 2", "Kestävän kasvun Satakunta 2"),
    # a title with a comma of its own keeps it
    ("Eloa ja iloa, kulttuuria", "Eloa ja iloa, kulttuuria"),
    ("Kaupunki sai 35 000 euroa Taide toipumisen tukena", "Taide toipumisen tukena"),
])
def test_the_name_before_its_project_word_on_agenda_lines(words: str, title: str) -> None:
    assert name_before_hanke(words) == title


def test_a_project_word_after_the_project_word_starts_no_name() -> None:
    assert head_first_candidates("Yhteenveto hankkeesta Hankkeen kohderyhmänä ja hyödynsaajina "
                                 "olivat asukkaat.") == []


@pytest.mark.parametrize(("text", "title"), [
    ("Projekti\n\nMUS&TE - Musiikista etähoivaa ja terveyttä\n\nMusiikista etähoivaa "
     "-hankkeessa tuodaan musiikki hoitotyöhön.\n", "MUS&TE - Musiikista etähoivaa ja terveyttä"),
    ("Projekti\n\nIKO - Hyvinvointia kulttuurista ikäihmisille -hankkeet\n\nTaike toteuttaa "
     "hankkeita.\n", "IKO - Hyvinvointia kulttuurista ikäihmisille"),
])
def test_the_name_under_a_projekti_heading_is_the_title(text: str, title: str) -> None:
    (project,) = extract_text(text, "projekti.txt")["projects"]
    assert project["title"]["fi"] == title
