"""Finnish project names written after the project word ('projektissa X', 'hankkeesta X'),
a fourth-round title candidate of issue 11 (found on a fresh unlabelled dev half, kept where its
held-out half did not get worse). All sentences are synthetic."""

from __future__ import annotations

import pytest

from kg.extract.titles import head_first_candidates


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
