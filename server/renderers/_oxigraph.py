"""Shared writers: pyoxigraph serialises its own results (no rdflib on the hot path)."""

from __future__ import annotations

from typing import IO, Any

import pyoxigraph as ox


def results_writer(fmt: ox.QueryResultsFormat):
    def write(result: Any, output: IO[bytes], prefixes: dict[str, str]) -> None:
        result.serialize(output, format=fmt)

    return write


def graph_writer(fmt: ox.RdfFormat, *, with_prefixes: bool = False):
    def write(triples: Any, output: IO[bytes], prefixes: dict[str, str]) -> None:
        if isinstance(triples, ox.QueryTriples):
            # serialised inside pyoxigraph: no Python object per triple (and so no prefixes)
            triples.serialize(output, format=fmt)
        elif with_prefixes:
            ox.serialize(triples, output, format=fmt, prefixes=prefixes)
        else:
            ox.serialize(triples, output, format=fmt)

    return write
