"""Base forms in Finnish, Swedish and English (issue 11, deliverable 2): one morphology
module, Voikko for Finnish and spaCy's lookup-lemmatiser tables for Swedish and English, and
the target groups read through it. All texts are synthetic."""

from __future__ import annotations

import pytest
from extract_helpers import only_project

from kg import morphology


@pytest.mark.parametrize(("word", "language", "base"), [
    ("nuorten", "fi", "nuori"),
    ("föreningens", "sv", "förening"),
    ("Föreningens", "sv", "Förening"),
    ("äldres", "sv", "gammal"),
    ("konstnärernas", "sv", "konstnär"),
    ("children's", "en", "child"),
    ("Council's", "en", "Council"),
    ("artists'", "en", "artist"),
    ("communities", "en", "community"),
])
def test_the_base_form_of_a_word_in_its_language(word: str, language: str, base: str) -> None:
    assert morphology.lemma(word, language) == base


@pytest.mark.parametrize(("word", "language"), [
    ("Helsingfors", "xx"), ("samverkan", "sv"), ("wellbeing", "en"), ("", "sv")])
def test_a_word_the_table_does_not_know_is_its_own_base_form(word: str, language: str) -> None:
    assert morphology.lemma(word, language) == word


def test_base_forms_of_a_genitive_no_table_lists() -> None:
    assert morphology.base_forms("Konstrådets", "sv") == ("konstrådet",)
    assert morphology.base_forms("Konstrådet", "sv") == ()
    assert morphology.base_forms("Council's", "en") == ("council",)


@pytest.mark.parametrize(("text", "group"), [
    ("Klingande by\n\nProjektet Klingande by stärker ungdomarnas delaktighet och "
     "konstnärernas arbete i byarna.\n", ["ungdomar", "konstnärer"]),
    ("Klingande by\n\nProjektet Klingande by främjar de äldres välbefinnande i byarna.\n",
     ["äldre"]),
])
def test_target_groups_in_any_inflected_form(text: str, group: list[str]) -> None:
    assert only_project(text)["target_groups"] == group


@pytest.mark.parametrize("text", [
    "Klingande by\n\nProjektet Klingande by renoverar den gamla skolan i byn.\n",
    "Singing Village\n\nThe project Singing Village invites an artist to the village.\n",
])
def test_another_degree_or_a_singular_names_no_group(text: str) -> None:
    assert only_project(text)["target_groups"] == []
