"""Base forms in Finnish, Swedish and English (issue 11, deliverable 2): one morphology
module, Voikko for Finnish and spaCy's lookup-lemmatiser tables for Swedish and English, and
the target groups read through it. All texts are synthetic."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

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


def _tables_loaded_after_each(*texts: str) -> list[int]:
    """How many lookup tables one fresh process has read after extracting each text in turn."""
    script = ("import sys\nfrom kg import morphology\nfrom kg.extract import extract_text\n"
              "for text in sys.argv[1:]:\n"
              "    extract_text(text, 'synthetic.txt')\n"
              "    print(morphology._lemma_table.cache_info().currsize)\n")
    done = subprocess.run([sys.executable, "-c", script, *texts], capture_output=True,
                          text=True, check=True, cwd=Path(__file__).resolve().parents[2])
    return [int(count) for count in done.stdout.split()]


def test_the_tables_are_read_lazily_once_per_language() -> None:
    finnish = "Soiva kylä\n\nSoiva kylä -hanke tuo musiikkia nuorille.\n"
    swedish = "Klingande by\n\nProjektet Klingande by ger musik till unga och äldre i byarna.\n"
    assert _tables_loaded_after_each(finnish, swedish, swedish) == [0, 1, 1]
