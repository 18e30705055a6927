"""Canned competency queries: ``kg/queries/*.rq`` files with a bilingual header comment.

Header lines (before the first non-comment line)::

    # title-fi: …
    # title-en: …
    # description-fi: …
    # description-en: …
    # param: ?code = "091"      (zero or more; default value as a SPARQL term)

A parameter is a ``VALUES ?name { … }`` clause in the query whose default is the
documented value; :meth:`CannedQuery.bind` replaces the values in that clause.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from pathlib import Path

from kg import config

log = logging.getLogger(__name__)

_HEADER = re.compile(r"^#\s*(title|description)-([a-z]{2})\s*:\s*(.+?)\s*$")
_PARAM = re.compile(r"^#\s*param\s*:\s*\?(\w+)\s*=\s*(.+?)\s*$")
REQUIRED_LANGUAGES = ("fi", "en")


class QueryFileError(ValueError):
    """A query file whose header or parameters are not usable; names the file."""


@dataclass(frozen=True)
class CannedQuery:
    """One competency query: texts for people, SPARQL for the engine."""

    name: str
    title: dict[str, str]
    description: dict[str, str]
    sparql: str
    params: dict[str, str] = field(default_factory=dict)

    def bind(self, **values: str | list[str]) -> str:
        """The SPARQL with ``VALUES ?name { … }`` set to the given SPARQL term(s)."""
        sparql = self.sparql
        for name, terms in values.items():
            if name not in self.params:
                raise KeyError(f"{self.name}: no parameter ?{name}")
            listed = " ".join([terms] if isinstance(terms, str) else terms)
            sparql = _values_clause(name).sub(
                lambda match, listed=listed: match.group(1) + listed + match.group(2), sparql)
        return sparql


def _values_clause(name: str) -> re.Pattern[str]:
    return re.compile(r"(VALUES\s+\?" + name + r"\s*\{\s*)[^}]*?(\s*\})")


def load_query(path: Path) -> CannedQuery:
    """Read one ``.rq`` file; :class:`QueryFileError` names the file and what is wrong."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise QueryFileError(f"{path}: cannot read: {error}") from error
    texts: dict[str, dict[str, str]] = {"title": {}, "description": {}}
    params: dict[str, str] = {}
    for line in text.splitlines():
        if not line.startswith("#"):
            if line.strip():
                break
            continue
        if header := _HEADER.match(line):
            texts[header.group(1)][header.group(2)] = header.group(3)
        elif param := _PARAM.match(line):
            params[param.group(1)] = param.group(2)
    for kind, by_language in texts.items():
        missing = [lang for lang in REQUIRED_LANGUAGES if lang not in by_language]
        if missing:
            raise QueryFileError(f"{path}: header has no {kind}-{'/'.join(missing)} line")
    for name in params:
        if not _values_clause(name).search(text):
            raise QueryFileError(f"{path}: parameter ?{name} has no VALUES ?{name} {{ … }} clause")
    return CannedQuery(Path(path).stem, texts["title"], texts["description"], text, params)


def load_queries(directory: Path | None = None) -> list[CannedQuery]:
    """All usable queries of the directory, by file name; a bad file is logged and skipped."""
    directory = config.QUERIES_DIR if directory is None else Path(directory)
    queries = []
    for path in sorted(directory.glob("*.rq")):
        try:
            queries.append(load_query(path))
        except QueryFileError as error:
            log.warning("skipping canned query: %s", error)
    return queries
