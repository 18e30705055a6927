"""Lists of funded projects in English, one a line that ends in its organisation's country:
"Karlstad University Dance for People with Parkinson's Disease, Sweden." Each line is one
project; its recipient and title are told apart where the line shows the seam (a closing
bracket, a word in capitals, "The", a gerund, the end of an organisation's name)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from kg.extract import orgs
from kg.extract.gazetteer import GAZETTEER_DIR
from kg.extract.segment import Segments

_ROW = re.compile(r"^(?P<body>[A-ZÅÄÖ](?:[^.!?]|\.(?=\S)){4,250}?),\s"
                  r"(?P<country>[A-Z][\w ]{2,30}?)\.?$")  # no sentence ends inside ("F.Arcas")
_MIN_ROWS = 3  # fewer lines that end in a country are addresses or prose, no list
_MAX_WORDS = 30
_BRACKETED = re.compile(r"^(?P<short>[^()]{2,40}?)\s*\((?P<full>[^()]{3,100})\)\s+(?=\S)")
_ARTICLES = frozenset(["The", "A", "An"])


@dataclass
class CountryRow:
    line: int
    title: str | None
    recipient: tuple[str, int, int] | None  # the recipient's name and offsets in the text


def is_country(name: str) -> bool:
    """A country's name in English, Finnish or Swedish ("Finland", "Suomi", "Lettland")."""
    return name.strip().lower() in _countries()


@cache
def _countries() -> frozenset[str]:
    lines = (GAZETTEER_DIR / "countries.tsv").read_text(encoding="utf-8").splitlines()
    return frozenset(name.strip().lower() for line in lines
                     if line.strip() and not line.startswith("#") for name in line.split("\t"))


def country_rows(seg: Segments) -> list[CountryRow]:
    """The rows of such a list, three at least; else none."""
    rows = []
    for index, line in enumerate(seg.lines):
        text = line.text.strip()
        match = _ROW.match(text)
        if not match or not is_country(match.group("country")) or \
                len(text.split()) > _MAX_WORDS:
            continue
        offset = line.start + len(line.text) - len(line.text.lstrip())
        recipient, at, title = split_row(match.group("body"))
        found = (recipient, offset + at, offset + at + len(recipient)) if recipient else None
        rows.append(CountryRow(index, title, found))
    return rows if len(rows) >= _MIN_ROWS else []


def split_row(body: str) -> tuple[str | None, int, str | None]:
    """(recipient, its offset in the row, title), or (None, 0, None) where no seam shows."""
    bracketed = _BRACKETED.match(body)
    if bracketed:  # "ISSP (International Summer School of Photography) Title"
        return bracketed.group("full"), bracketed.start("full"), body[bracketed.end():]
    words = body.split(" ")
    seams = [_seam_after_org(words)]
    seams += [i for i, word in enumerate(words) if i >= 1 and _opens_title(word)]
    at = min((s for s in seams if s is not None and 1 <= s < len(words)), default=None)
    if at is None:
        return None, 0, None
    return " ".join(words[:at]), 0, " ".join(words[at:])


def _opens_title(word: str) -> bool:
    letters = re.sub(r"\W", "", word.split("(")[0])
    return word in _ARTICLES or (len(letters) >= 3 and letters.isalpha() and letters.isupper()) \
        or (word[:1].isupper() and word.endswith("ing") and len(word) > 5)


def _seam_after_org(words: list[str]) -> int | None:
    """After the last of the first run of capitalised head words ("City Municipality
    Administration"), if a capitalised word follows."""
    for i, word in enumerate(words):
        if word[:1].isupper() and orgs.is_org_head(word):
            end = i
            while end + 1 < len(words) and orgs.is_org_head(words[end + 1]):
                end += 1
            following = words[end + 1] if end + 1 < len(words) else ""
            return end + 1 if following[:1].isupper() else None
    return None
