"""Canned competency queries: ``kg/queries/*.rq`` files with a bilingual header comment.

Header lines (before the first non-comment line)::

    # title-fi: …
    # title-en: …
    # description-fi: …
    # description-en: …
    # param: ?code = "091"      (zero or more; default value as a SPARQL term)

A parameter is a ``VALUES ?name { … }`` clause in the query whose default is the
documented value; :meth:`CannedQuery.bind` replaces the values in that clause with
checked terms of the default's kind (an IRI, or a literal with its language tag or
datatype), serialised by pyoxigraph, so a value can never change the query around it.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

import pyoxigraph as ox

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

    def bind(self, **values: ParamValue | list[ParamValue]) -> str:
        """The SPARQL with ``VALUES ?name { … }`` set to the given value(s).

        A value is a term, or plain text made into a term of the parameter's kind by
        :meth:`term`; a value that cannot be such a term raises ``ValueError``."""
        spans = []  # found in the file's own text, so a value can never be mistaken for a clause
        for name, given in values.items():
            listed = " ".join(str(self.term(name, value))
                              for value in (given if isinstance(given, list) else [given]))
            spans += [(match.start(2), match.end(2), f" {listed} ")
                      for match in _values_clause(name).finditer(self.sparql)]
        sparql = self.sparql
        for start, end, listed in sorted(spans, reverse=True):
            sparql = sparql[:start] + listed + sparql[end:]
        return sparql

    def term(self, name: str, value: ParamValue) -> ox.NamedNode | ox.Literal:
        """``value`` as a term of the same kind as parameter ``name``'s default."""
        if name not in self.params:
            raise KeyError(f"{self.name}: no parameter ?{name}")
        if isinstance(value, ox.NamedNode | ox.Literal):
            return value
        return term_like(default_term(self.params[name]), value)


ParamValue = str | ox.NamedNode | ox.Literal
_NUMERIC = {f"http://www.w3.org/2001/XMLSchema#{name}" for name in ("integer", "decimal")}


def default_term(sparql_term: str) -> ox.NamedNode | ox.Literal:
    """The term a query file writes as a parameter's default (``"091"``, ``2021``, ``"X"@fi``)."""
    solutions = ox.Store().query(f"SELECT ?value WHERE {{ VALUES ?value {{ {sparql_term} }} }}")
    return next(iter(solutions))["value"]


def term_like(default: ox.NamedNode | ox.Literal, text: str) -> ox.NamedNode | ox.Literal:
    """``text`` as an IRI, or a literal with the default's language tag or datatype."""
    if isinstance(default, ox.NamedNode):
        if not text.startswith(("http://", "https://")):
            raise ValueError(f"not an http(s) IRI: {text!r}")
        return ox.NamedNode(text)
    if default.language:
        return ox.Literal(text, language=default.language)
    if default.datatype.value in _NUMERIC:
        try:
            number = Decimal(text)
        except InvalidOperation as error:
            raise ValueError(f"not a number: {text!r}") from error
        if default.datatype.value.endswith("#integer") and number != number.to_integral_value():
            raise ValueError(f"not a whole number: {text!r}")
    return ox.Literal(text, datatype=default.datatype)


def _values_clause(name: str) -> re.Pattern[str]:
    """``VALUES ?name { … }``; group 2 is what stands between the braces."""
    return re.compile(r"(VALUES\s+\?" + name + r"\s*\{)([^}]*)(\})")


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
    for name, default in params.items():
        if not _values_clause(name).search(text):
            raise QueryFileError(f"{path}: parameter ?{name} has no VALUES ?{name} {{ … }} clause")
        try:
            default_term(default)
        except SyntaxError as error:
            raise QueryFileError(f"{path}: default of ?{name} is not a SPARQL term") from error
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
