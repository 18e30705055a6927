"""Cue tables kept as data, one file per language (``cue_tables/{fi,sv,en}.tsv``) with the
same categories in each: role cues, page furniture and generic headings."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

CUE_DIR = Path(__file__).resolve().parent / "cue_tables"
LANGUAGES: tuple[str, ...] = ("fi", "sv", "en")


@cache
def cue_table(language: str) -> dict[str, tuple[str, ...]]:
    """Category -> cues (lower case) for one language."""
    table: dict[str, list[str]] = {}
    for line in (CUE_DIR / f"{language}.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            category, cue = line.split("\t", 1)
            table.setdefault(category.strip(), []).append(cue.strip().lower())
    return {category: tuple(cues) for category, cues in table.items()}


@cache
def cues(category: str) -> tuple[str, ...]:
    """The cues of one category in all languages (a text may mix them)."""
    return tuple(dict.fromkeys(cue for language in LANGUAGES
                               for cue in cue_table(language).get(category, ())))


def is_furniture(line: str) -> bool:
    """A whole line that is navigation or boilerplate ("Tillbaka", "Briefly in English"), or
    a menu or breadcrumb of short items between bars ("Home | About | Contact", "Published
    12.3.2022 | Share")."""
    key = line.strip().strip(":|").strip().lower()
    if key in cues("furniture") or any(key == cue or key.startswith(cue + " ")
                                       for cue in cues("furniture_prefix")):
        return True
    items = [item.strip() for item in key.split("|")]
    if len(items) >= 2 and all(item in cues("language_switch") for item in items):
        return True  # "Selkokieli | Lättläst språk": a language menu
    return len(items) >= 2 and all(0 < len(item.split()) <= _MENU_ITEM_WORDS for item in items) \
        and (len(items) >= _MENU_ITEMS or any(is_furniture(item) for item in items))


_MENU_ITEM_WORDS = 3  # a menu entry between bars has this many words at most
_MENU_ITEMS = 3  # and a menu this many entries at least (fewer when one is furniture)


def is_generic_heading(line: str) -> bool:
    """A section heading that names no project: a listed one ("Project background",
    "Hankkeet") or one made of section words only ("Purpose and goal", "Syfte och mål")."""
    key = line.strip().rstrip(":").strip().lower()
    if key in cues("generic_heading"):
        return True
    words = key.replace(",", " ").split()
    return 0 < len(words) <= _HEADING_WORDS and all(word in cues("heading_word") for word in words)


_HEADING_WORDS = 6  # a heading of section words has this many words at most


@cache
def phrase_pattern(category: str) -> re.Pattern[str] | None:
    """The cues of one category (all languages) as whole words, any case; None if none."""
    phrases = sorted(cues(category), key=len, reverse=True)
    if not phrases:
        return None
    return re.compile(r"\b(?:" + "|".join(map(re.escape, phrases)) + r")\b", re.I)


def _stem_regex(cue: str) -> str:
    """A cue with '*' for word characters: "tavoit*" -> tavoit\\w*, "*taan" -> \\w+taan."""
    words = []
    for word in cue.split():
        parts = [re.escape(part) for part in word.split("*")]
        lead = r"\w+" if word.startswith("*") else ""
        words.append(lead + r"\w*".join(parts[1:] if lead else parts))
    return r"\s+".join(words)


@cache
def stem_pattern(category: str) -> re.Pattern[str]:
    """The cues of one category (all languages, '*' for word characters) as whole words in
    any case; a pattern that matches nothing if the category is empty."""
    phrases = sorted(cues(category), key=len, reverse=True)
    if not phrases:
        return re.compile(r"(?!x)x")
    return re.compile(r"\b(?:" + "|".join(map(_stem_regex, phrases)) + r")\b", re.I)
