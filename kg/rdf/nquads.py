"""rdflib triples -> N-Quads lines, the form documents travel in between build stages."""

from __future__ import annotations

from collections.abc import Iterable

from rdflib import Graph, URIRef
from rdflib.plugins.serializers.nt import _nt_row


def nquad_lines(triples: Iterable, graph: URIRef) -> list[str]:
    """One N-Quads line (with newline) per triple, all in ``graph``."""
    suffix = f" <{graph}> .\n"
    return [_nt_row(triple)[:-3] + suffix for triple in triples]


def nt_lines(graph: Graph) -> list[str]:
    return [_nt_row(triple) for triple in graph]
