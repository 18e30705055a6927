"""RDF terms as N-Triples text: the form documents travel in between build stages.

The mapper writes each triple as one ``"<s> <p> o"`` string; a document graph is
an ordered set of them, and its N-Quads are those strings with the graph name
appended. Building text directly (instead of rdflib terms and graphs) keeps
mapping cheap, and pyoxigraph parses the text in one call when loading.
"""

from __future__ import annotations

from collections.abc import Iterable

from rdflib import Namespace

_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


def iri(value: str) -> str:
    """``<value>``: an IRI term (the value is trusted to be a valid IRI)."""
    return f"<{value}>"


def literal(value: str, lang: str | None = None) -> str:
    """A plain (xsd:string) or language-tagged literal."""
    text = '"' + value.translate(_ESCAPES) + '"'
    return f"{text}@{lang}" if lang else text


def typed(value: str, datatype: str) -> str:
    """A typed literal; ``datatype`` is an IRI term (``<…>``)."""
    return '"' + value.translate(_ESCAPES) + '"^^' + datatype


class Terms:
    """IRI terms of one namespace by attribute: ``Terms(K).title`` -> ``"<…#title>"``."""

    def __init__(self, namespace: Namespace | str) -> None:
        self._base = str(namespace)

    def __getattr__(self, name: str) -> str:
        term = f"<{self._base}{name}>"
        setattr(self, name, term)  # computed once per name
        return term


def nquads_text(triples: Iterable[str], graph: str) -> str:
    """N-Quads of ``"<s> <p> o"`` strings, all in ``graph`` (an IRI string)."""
    suffix = f" <{graph}> .\n"
    return "".join(triple + suffix for triple in triples)


def ntriples_text(triples: Iterable[str]) -> str:
    return "".join(triple + " .\n" for triple in triples)
