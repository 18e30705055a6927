"""RDF terms as N-Triples text: the form documents travel in between build stages.

The mapper writes each triple as one ``"<s> <p> o"`` string; a document graph is
an ordered set of them, and its N-Quads are those strings with the graph name
appended. Every term from input data is checked and serialised by pyoxigraph
(``NamedNode``/``Literal``: IRI syntax, BCP 47 language tags, N-Triples
escaping); a value that cannot be a term raises :class:`TermError`, which the
mapper reports as a dropped value. Characters that no RDF/XML or SPARQL XML
result may carry, or that reorder text on display, are removed from literals
(:func:`clean_text`). Subject IRIs made by ``kg.rdf.keys`` from the configured
base, slugs and hex digests are valid by construction and pasted as they are.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from urllib.parse import quote, urlsplit

import pyoxigraph as ox
from rdflib import Namespace

# C0 controls except tab, newline and carriage return; DEL and C1 controls; the bidi
# embedding/override/isolate controls; lone surrogates and the non-characters U+FFFE/F.
_UNWANTED = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069"
                       "\ud800-\udfff\ufffe\uffff]")
WEB_SCHEMES = ("http", "https")
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+-]*:(?![0-9])")  # not host:port


class TermError(ValueError):
    """A value that cannot be written as an RDF term."""


def clean_text(value: str) -> str:
    """``value`` without the characters :data:`_UNWANTED` lists."""
    return _UNWANTED.sub("", value) if _UNWANTED.search(value) else value


def iri(value: str) -> str:
    """``<value>``: an IRI term; TermError when ``value`` is not an absolute IRI."""
    try:
        return str(ox.NamedNode(value))
    except ValueError as error:
        raise TermError(f"not a valid IRI: {value!r} ({error})") from None


def literal(value: str, lang: str | None = None) -> str:
    """A plain (xsd:string) or language-tagged literal; TermError for a bad language tag."""
    text = clean_text(value)
    if not lang:
        return str(ox.Literal(text))
    try:
        return str(ox.Literal(text, language=lang))
    except ValueError as error:
        raise TermError(f"not a BCP 47 language tag: {lang!r} ({error})") from None


@lru_cache(maxsize=64)
def _datatype(term: str) -> ox.NamedNode:
    return ox.NamedNode(term[1:-1])


def typed(value: str, datatype: str) -> str:
    """A typed literal; ``datatype`` is an IRI term (``<…>``)."""
    return str(ox.Literal(clean_text(value), datatype=_datatype(datatype)))


def web_link(value: str) -> str:
    """An ``http``/``https`` IRI with a host from a link as written (``www.x.fi/a`` gets
    ``http://``; characters an IRI cannot hold are percent-encoded);
    TermError naming the reason for anything else (``javascript:``, ``file:``, ``data:`` …)."""
    link = clean_text(value).strip()
    if not link or any(char.isspace() for char in link):
        raise TermError(f"not a link: {value!r}")
    if not _SCHEME.match(link):
        link = "http://" + link
    parts = urlsplit(link)
    if parts.scheme.lower() not in WEB_SCHEMES:
        raise TermError(f"not an http(s) link: {value!r}")
    if not parts.hostname:
        raise TermError(f"link without a host: {value!r}")
    return iri(quote(link, safe=":/?#[]@!$&'()*+,;=%~-._"))


class Terms:
    """IRI terms of one namespace by attribute: ``Terms(K).title`` -> ``"<…#title>"``."""

    def __init__(self, namespace: Namespace | str) -> None:
        self._base = str(namespace)

    def __getattr__(self, name: str) -> str:
        term = iri(self._base + name)
        setattr(self, name, term)  # computed once per name
        return term


def nquads_text(triples: Iterable[str], graph: str) -> str:
    """N-Quads of ``"<s> <p> o"`` strings, all in ``graph`` (an IRI string)."""
    suffix = f" {iri(graph)} .\n"
    return "".join(triple + suffix for triple in triples)


def ntriples_text(triples: Iterable[str]) -> str:
    return "".join(triple + " .\n" for triple in triples)
