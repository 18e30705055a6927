"""Deterministic, order-independent keys and URIs (design §2).

No counters and no blank nodes: every node is named from its content, so the
same records give the same graph whatever order they are read in.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from pathlib import PurePath
from typing import Any

from kg import config
from kg.link.model import slug

TITLE_LANGS = ("fi", "sv", "en")


def normalise(text: str) -> str:
    """NFC, single spaces, no surrounding space: the form keys and comparisons use."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()


def digest(*parts: Any) -> str:
    """First 10 hex digits of sha1 over the normalised parts joined by '|'."""
    joined = "|".join("" if part is None else normalise(str(part)) for part in parts)
    return hashlib.sha1(joined.encode("utf-8")).hexdigest()[:10]


def source_key(source: str) -> str:
    """'h002.txt' -> 'h002': the key of a source document and its graph."""
    return slug(PurePath(source).stem)


def main_title(project: dict[str, Any], language: str | None) -> tuple[str, str] | None:
    """(lang, title) in the record's language first, then fi, sv, en; None when untitled."""
    titles = project.get("title") or {}
    order = ([language] if language else []) + [lang for lang in TITLE_LANGS if lang != language]
    order += sorted(lang for lang in titles if lang not in order)
    for lang in order:
        value = titles.get(lang)
        if value and value.strip():
            return lang, normalise(value)
    return None


def project_key(project: dict[str, Any], language: str | None) -> str:
    """slug(normalised main title)-startyear, or the slug alone when no start is known;
    a project with a register code (``identifier``) gets it appended, since registers
    repeat generic titles ("Investointi ja kehittäminen") for different grants."""
    title = main_title(project, language)
    if title is None:
        raise ValueError("a project without a title has no key")
    start = project.get("start_date")
    year = start[:4] if start else None
    key = f"{slug(title[1])}-{year}" if year else slug(title[1])
    return f"{key}-{slug(project['identifier'])}" if project.get("identifier") else key


def thing(kind: str, key: str) -> str:
    """``{base}id/{kind}/{key}`` as a plain IRI string."""
    return config.thing_uri(kind, key)


def document_graph(source: str) -> str:
    return config.graph_uri("doc", source_key(source))


def fragment(node: str, name: str, *parts: Any) -> str:
    """``{node}#{name}-{digest(parts)}``; for node kinds without a path of their own."""
    return f"{node}#{name}-{digest(*parts)}"
