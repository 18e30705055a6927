"""Morphology, the one place that analyses words: extraction, linking, register imports and
search all read it. Finnish with Voikko: only the words asked about are analysed, results are
cached, and each thread has its own Voikko handle (libvoikko's handle is not thread-safe).
Swedish and English base forms come from spaCy's lookup-lemmatiser tables
(``spacy-lookups-data``), read once per process on first use (``lemma``, ``base_forms``).
"""

from __future__ import annotations

import re
import threading
from functools import lru_cache
from typing import NamedTuple

import libvoikko

_LOCAL = threading.local()
# Voikko's names for the cases we care about.
GENITIVE = "omanto"
NOMINATIVE = "nimento"
MAX_WORD_LENGTH = 60  # longer strings are not words; Voikko is slow on them


def _voikko() -> libvoikko.Voikko:
    voikko = getattr(_LOCAL, "voikko", None)
    if voikko is None:
        voikko = libvoikko.Voikko("fi")
        _LOCAL.voikko = voikko
    return voikko


class Reading(NamedTuple):
    """One of Voikko's readings of a word, with the fields kuhy reads."""

    base: str
    word_class: str
    case: str
    number: str
    wordbases: str  # "+kulttuuri(kulttuuri)+matkailu(matkailu)"
    structure: str  # "=pppppppp=ppppp": '=' opens a compound part


@lru_cache(maxsize=200_000)
def readings(word: str) -> tuple[Reading, ...]:
    """Voikko's readings of one word ((): empty, too long to be a word, or unknown)."""
    if not word or len(word) > MAX_WORD_LENGTH:
        return ()
    return tuple(Reading(a.get("BASEFORM", ""), a.get("CLASS", ""), a.get("SIJAMUOTO", ""),
                         a.get("NUMBER", ""), a.get("WORDBASES", ""), a.get("STRUCTURE", ""))
                 for a in _voikko().analyze(word))


@lru_cache(maxsize=200_000)
def analyses(word: str) -> tuple[tuple[str, str, str, str], ...]:
    """(base form, word class, case, number) for every reading of ``word``."""
    return tuple(reading[:4] for reading in readings(word))


def base_forms(word: str, language: str = "fi") -> tuple[str, ...]:
    """Every base form of ``word`` in ``language``, case-folded and sorted; () when the word is
    unknown. Finnish: every Voikko reading's; Swedish and English: the lookup table's lemma,
    and in Swedish a genitive's nominative, which keeps a name's definite form and which no
    table lists ("kulturfondens" -> "kulturfonden"; the table's "förbundets" -> "förbunden"
    is no help for "Pensionärsförbundet")."""
    if language in LOOKUP_LANGUAGES:
        return _lookup_bases(word, language)
    return tuple(sorted({base.casefold() for base, _c, _k, _n in analyses(word) if base}))


# Languages whose base forms come from spaCy's lookup lemmatiser tables, not Voikko.
LOOKUP_LANGUAGES = ("sv", "en")
_POSSESSIVE = re.compile(r"(?<=\w)(?:['’]s|(?<=s)['’])$", re.IGNORECASE)


@lru_cache(maxsize=len(LOOKUP_LANGUAGES))
def _lemma_table(language: str) -> dict[str, str]:
    """spaCy's ``lemma_lookup`` table for ``language`` (form -> lemma), as its lookup-mode
    Lemmatizer reads it from ``spacy-lookups-data`` through spaCy's registry; a plain dict,
    loaded once per process (sv: 660 000 forms, about 0.5 s and 130 MB). spaCy is imported
    here, not with the module: the server and Finnish-only runs never load it for this."""
    from spacy.util import load_language_data, registry

    return load_language_data(registry.lookups.get(language)["lemma_lookup"])


@lru_cache(maxsize=200_000)
def lemma(word: str, language: str) -> str:
    """Base form of one word in ``language`` (the word itself when it is unknown, or the
    language is none of fi, sv, en): Finnish by Voikko (``base_form``); Swedish and English by
    the lookup table, tried as written and in lower case (a capital keeps its place), after an
    English possessive "'s" is cut: "föreningens" -> "förening", "äldres" -> "gammal",
    "children's" -> "child"."""
    if language == "fi":
        return base_form(word)
    if language not in LOOKUP_LANGUAGES:
        return word
    table = _lemma_table(language)
    stem = without_possessive(word) if language == "en" else word
    found = table.get(stem) or table.get(stem.lower())
    if found is None:
        return stem
    return _keep_case(stem, found)


def without_possessive(text: str) -> str:
    """English text without a closing possessive: "Arts Council's" -> "Arts Council",
    "artists'" -> "artists" (spaCy's English tokenizer splits the clitic off the same way)."""
    return _POSSESSIVE.sub("", text)


@lru_cache(maxsize=200_000)
def _lookup_bases(word: str, language: str) -> tuple[str, ...]:
    found = {lemma(word, language)} - {word}
    if language == "sv" and len(word) > 3 and word[-1:] in "sS" and word[-2:-1] not in "sxzSXZ":
        found.add(word[:-1])
    return tuple(sorted({base.casefold() for base in found}))


def word_classes(word: str) -> frozenset[str]:
    """Voikko's word classes of ``word`` ("etunimi", "sukunimi", "paikannimi", "teonsana"…)."""
    return frozenset(cls for _b, cls, _c, _n in analyses(word))


@lru_cache(maxsize=65536)
def compound_starts(word: str) -> tuple[int, ...]:
    """Positions (> 0) where Voikko sees a new compound part: 'kesätaiteilijat' -> (4,)."""
    starts: set[int] = set()
    for reading in readings(word):
        position = 0
        for mark in reading.structure:
            if mark == "=":
                starts.add(position)
            else:
                position += 1
    return tuple(sorted(s for s in starts if s > 0))


def _keep_case(original: str, base: str) -> str:
    if original[:1].isupper() and base[:1].islower():
        return base[:1].upper() + base[1:]
    if original[:1].islower() and base[:1].isupper() and base.lower().startswith(original[:2]):
        return base[:1].lower() + base[1:]
    return base


@lru_cache(maxsize=200_000)
def base_form(word: str, prefer: str = "") -> str:
    """Nominative base form of one word (the word itself when Voikko does not know it).

    ``prefer`` names a word class (e.g. "paikannimi") whose reading wins when there are several.
    """
    readings = analyses(word)
    if not readings:
        if "-" in word.strip("-"):
            head, tail = word.rsplit("-", 1)
            return head + "-" + base_form(tail, prefer) if analyses(tail) else word
        return word
    chosen = next((r for r in readings if prefer and r[1] == prefer), readings[0])
    if "-" in word and "-" not in chosen[0]:
        # Voikko analyses the last part of some hyphenated words only.
        head = word.rsplit("-", 1)
        return head[0] + "-" + _keep_case(head[1], chosen[0])
    return _keep_case(word, chosen[0])


def plural_base(word: str) -> str:
    """Nominative plural of a plural word form ("toimijoiden" -> "toimijat"); else the base form."""
    readings = analyses(word)
    if readings and readings[0][3] == "plural" and readings[0][2] == NOMINATIVE:
        return word
    if readings and readings[0][3] == "plural" and readings[0][2] != NOMINATIVE:
        base = base_form(word)
        if base.endswith(("nen",)):
            return base[:-3] + "set"
        if base[-1:] in "aeiouyäö":
            return base + "t"
        return base
    return base_form(word)


def phrase_base_form(phrase: str) -> str:
    """Only the inflected head (last word) changes: "Etelä-Pohjanmaan liiton" -> "...liitto"."""
    words = phrase.split(" ")
    head = words[-1]
    stripped = head.rstrip(".,;:!?")
    words[-1] = base_form(stripped) + head[len(stripped):]
    return " ".join(words)


def is_first_name(word: str) -> bool:
    return any(reading[1] == "etunimi" for reading in analyses(word))


def is_known(word: str) -> bool:
    return bool(analyses(word))


def case_of(word: str) -> set[str]:
    return {reading[2] for reading in analyses(word)}


def is_finite_verb(word: str) -> bool:
    """Every reading is a finite verb ("otti", "julkistettiin"; Voikko gives those no case)."""
    readings = analyses(word)
    return bool(readings) and all(cls == "teonsana" and not case for _b, cls, case, _n in readings)


@lru_cache(maxsize=50_000)
def is_passive_finite(word: str) -> bool:
    """Some reading is an indicative passive verb ("valittiin", "parannetaan"): the verb of a
    news headline, never of a project's name."""
    if not word or len(word) > MAX_WORD_LENGTH:
        return False
    return any(a.get("CLASS") == "teonsana" and a.get("PERSON") == "4" and
               a.get("MOOD") == "indicative" for a in _voikko().analyze(word))


_WORD_BASE = re.compile(r"\+[^+(]*\(([^)]*)\)")


@lru_cache(maxsize=200_000)
def lemma_parts(word: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(base form, base forms of its compound parts) for every reading, lower-case:
    'kulttuurimatkailua' -> (('kulttuurimatkailu', ('kulttuuri', 'matkata')),)."""
    found = []
    for reading in readings(word):
        parts = tuple(base.casefold() for base in _WORD_BASE.findall(reading.wordbases)
                      if base and not base.startswith("+"))
        found.append((reading.base.casefold(), parts))
    return tuple(dict.fromkeys(found))
