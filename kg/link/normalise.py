"""Name normalisation shared by every index of the link stage (base forms: kg.morphology)."""

from __future__ import annotations

import re
import unicodedata

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
