"""Deterministic, order-independent keys and URIs (design §2).

No counters and no blank nodes: every node is named from its content, so the
same records give the same graph whatever order they are read in.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from pathlib import PurePath
from typing import Any

from kg import config
from kg.ingest.keys import source_key  # noqa: F401  (re-exported for the mapper and store)
from kg.link.model import slug
from kg.rdf.nquads import clean_text

TITLE_LANGS = ("fi", "sv", "en")
_SPACES = re.compile(r"\s+")


def normalise(text: str) -> str:
    """NFC, no control characters, single spaces, no surrounding space: the form keys,
    comparisons and text literals use."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", clean_text(text))).strip()


def digest(*parts: Any) -> str:
    """First 10 hex digits of sha1 over the normalised parts joined by '|'."""
    joined = "|".join("" if part is None else normalise(str(part)) for part in parts)
    return hashlib.sha1(joined.encode("utf-8")).hexdigest()[:10]


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


def project_key(project: dict[str, Any], language: str | None, source: str = "",
                position: int = 0) -> str:
    """slug(normalised main title)-startyear, or the slug alone when no start is known;
    an untitled project: slug(its generated label)-digest(its content). A project with a
    register code (``identifier``) gets it appended, since registers repeat generic titles
    ("Investointi ja kehittäminen") for different grants."""
    title = main_title(project, language)
    if title is None:
        content = json.dumps(_canonical(project), sort_keys=True, ensure_ascii=False, default=str)
        return f"{slug(generated_label(project, source, position))}-{digest(content)}"
    start = project.get("start_date")
    year = start[:4] if start else None
    key = f"{slug(title[1])}-{year}" if year else slug(title[1])
    return f"{key}-{slug(project['identifier'])}" if project.get("identifier") else key


def _canonical(value: Any) -> Any:
    """``value`` with every list sorted, so the order a record lists things in changes no key."""
    if isinstance(value, dict):
        return {name: _canonical(item) for name, item in value.items()}
    if isinstance(value, list):
        items = [_canonical(item) for item in value]
        return sorted(items, key=lambda item: json.dumps(item, sort_keys=True, default=str))
    return value


def generated_label(project: dict[str, Any], source: str, position: int) -> str:
    """A label for an untitled project (not a title: the build marks it as generated):
    recipient – funder, year; the source and position when the record names neither."""
    funders = [*(project.get("funders") or []), *(project.get("funding_programmes") or [])]
    shares = [share.get("organisation") for share in
              ((project.get("budget") or {}).get("shares") or [])]
    recipient_groups = (project.get("lead_organisations") or [],
                        [name for name in shares if name and name not in funders],
                        project.get("partner_organisations") or [])
    recipient = next(filter(None, map(_least_name, recipient_groups)), "")
    names = [name for name in (recipient, _least_name(funders)) if name]
    date = project.get("start_date") or project.get("end_date")
    label = " – ".join(names) or f"{PurePath(source).stem} {position}"
    return f"{label}, {date[:4]}" if date else label


def _least_name(names: list[str | None]) -> str:
    """The alphabetically least name of a group: not the first listed, so keys are order-free."""
    return min((normalise(name) for name in names if name and name.strip()), default="")


def thing(kind: str, key: str) -> str:
    """``{base}id/{kind}/{key}`` as a plain IRI string."""
    return config.thing_uri(kind, key)


def document_graph(source: str) -> str:
    return config.graph_uri("doc", source_key(source))


def fragment(node: str, name: str, *parts: Any) -> str:
    """``{node}#{name}-{digest(parts)}``; for node kinds without a path of their own."""
    return f"{node}#{name}-{digest(*parts)}"
