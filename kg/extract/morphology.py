"""Finnish base forms with Voikko: only candidate words are analysed, and results are cached."""

from __future__ import annotations

import re
import threading
from functools import lru_cache

import libvoikko

_LOCAL = threading.local()
# Voikko's names for the cases we care about.
GENITIVE = "omanto"
NOMINATIVE = "nimento"


def _voikko() -> libvoikko.Voikko:
    voikko = getattr(_LOCAL, "voikko", None)
    if voikko is None:
        voikko = libvoikko.Voikko("fi")
        _LOCAL.voikko = voikko
    return voikko


@lru_cache(maxsize=200_000)
def analyses(word: str) -> tuple[tuple[str, str, str, str], ...]:
    """(base form, word class, case, number) for every reading of ``word``."""
    if not word or len(word) > 60:
        return ()
    return tuple(
        (a.get("BASEFORM", ""), a.get("CLASS", ""), a.get("SIJAMUOTO", ""), a.get("NUMBER", ""))
        for a in _voikko().analyze(word)
    )


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


_WORD_BASE = re.compile(r"\+[^+(]*\(([^)]*)\)")


@lru_cache(maxsize=200_000)
def lemma_parts(word: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(base form, base forms of its compound parts) for every reading, lower-case:
    'kulttuurimatkailua' -> (('kulttuurimatkailu', ('kulttuuri', 'matkata')),)."""
    if not word or len(word) > 60:
        return ()
    readings = []
    for analysis in _voikko().analyze(word):
        parts = tuple(base.casefold() for base in _WORD_BASE.findall(analysis.get("WORDBASES", ""))
                      if base and not base.startswith("+"))
        readings.append((analysis.get("BASEFORM", "").casefold(), parts))
    return tuple(dict.fromkeys(readings))
