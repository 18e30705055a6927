"""The formats the SPARQL protocol offers (rows of the one table, kg.formats) and the one
pyoxigraph writer for all of them."""

from __future__ import annotations

from typing import IO, Any

import pyoxigraph as ox

from kg.formats import FORMATS, GRAPH, RESULTS, Format, by_media_type, by_name, media_types

__all__ = ["GRAPH", "RESULTS", "Format", "by_media_type", "by_name", "media_types"]

RENDERERS: dict[str, Format] = {f.key: f for f in FORMATS}
RESULT_RENDERERS = [f for f in FORMATS if f.kind == RESULTS]
GRAPH_RENDERERS = [f for f in FORMATS if f.kind == GRAPH]


def write(fmt: Format, result: Any, output: IO[bytes], prefixes: dict[str, str]) -> None:
    """Serialise a pyoxigraph query result, or an iterable of triples, in `fmt`."""
    if fmt.kind == RESULTS or isinstance(result, ox.QueryTriples):
        # serialised inside pyoxigraph: no Python object per triple (and so no prefixes)
        result.serialize(output, format=fmt.oxigraph)
    elif fmt.with_prefixes:
        ox.serialize(result, output, format=fmt.oxigraph, prefixes=prefixes)
    else:
        ox.serialize(result, output, format=fmt.oxigraph)


def worker_formats() -> dict[str, str]:
    """What the query workers need to know of the table: key -> media type."""
    return {f.key: f.media_type for f in FORMATS}
