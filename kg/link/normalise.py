"""Name normalisation and Finnish base forms shared by every index of the link stage."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_DASHES = re.compile(r"[\u2010-\u2015\u2212]")
_QUALIFIER = re.compile(r"\s*\([^()]*\)\s*$")
_SPACES = re.compile(r"\s+")
_QUOTES = re.compile(r"[\"'\u2018\u2019\u201c\u201d\u00ab\u00bb]")


def norm(text: str) -> str:
    """Comparison key: NFC, case-folded, one kind of dash, single spaces, no quotes.

    A hyphen between words and a space are treated alike ("Kaakkois-Suomen" ==
    "Kaakkois Suomen") but a hyphen that ends a word ("taide- ja") is kept.
    """
    text = unicodedata.normalize("NFC", text).casefold()
    text = _QUOTES.sub("", _DASHES.sub("-", text))
    text = re.sub(r"(?<=\w)-(?=\w)", " ", text)
    return _SPACES.sub(" ", text).strip(" .,;:")


def strip_qualifier(label: str) -> str:
    """'hyvinvointi (taloudellinen)' -> 'hyvinvointi'."""
    return _QUALIFIER.sub("", label).strip()


def qualifier(label: str) -> str:
    """'lapset (ikäryhmät)' -> 'ikäryhmät'; '' when there is none."""
    match = re.search(r"\(([^()]*)\)\s*$", label)
    return match.group(1).strip() if match else ""


@lru_cache(maxsize=1)
def _voikko():  # noqa: ANN202 - libvoikko has no type stubs
    try:
        import libvoikko

        return libvoikko.Voikko("fi")
    except (ImportError, OSError):  # library or Finnish dictionary not installed
        return None


@lru_cache(maxsize=65536)
def baseforms(word: str) -> tuple[str, ...]:
    """Finnish base forms of one word as Voikko analyses it, case-folded; () if unknown."""
    voikko = _voikko()
    if voikko is None or not word:
        return ()
    forms = {a["BASEFORM"].casefold() for a in voikko.analyze(word) if a.get("BASEFORM")}
    return tuple(sorted(forms))


@lru_cache(maxsize=65536)
def analyses(word: str) -> tuple[tuple[str, str, str], ...]:
    """(base form, case, number) for each Voikko analysis of ``word``."""
    voikko = _voikko()
    if voikko is None or not word:
        return ()
    return tuple(
        (a.get("BASEFORM", "").casefold(), a.get("SIJAMUOTO", ""), a.get("NUMBER", ""))
        for a in voikko.analyze(word)
    )


def voikko_available() -> bool:
    """True when Finnish morphology is available (libvoikko + voikko-fi)."""
    return _voikko() is not None


@lru_cache(maxsize=65536)
def compound_starts(word: str) -> tuple[int, ...]:
    """Positions (> 0) where Voikko sees a new compound part: 'kesätaiteilijat' -> (4,)."""
    voikko = _voikko()
    if voikko is None or not word:
        return ()
    starts: set[int] = set()
    for analysis in voikko.analyze(word):
        position = 0
        for mark in analysis.get("STRUCTURE", ""):
            if mark == "=":
                starts.add(position)
            else:
                position += 1
    return tuple(sorted(s for s in starts if s > 0))
