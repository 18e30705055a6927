"""One renderer per output format, and the registry the protocol and pages choose from.

A renderer names a format (media type, ``format=`` names, file extension) and writes a
pyoxigraph query result in that format. Writing happens inside the query worker
processes, so this package imports nothing heavier than pyoxigraph.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import IO, Any

RESULTS = "results"  # SELECT / ASK
GRAPH = "graph"  # CONSTRUCT / DESCRIBE


@dataclass(frozen=True)
class Renderer:
    key: str
    media_type: str
    kind: str
    write: Callable[[Any, IO[bytes], dict[str, str]], None]
    format_names: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()  # further media types that select this renderer
    format_iri: str = ""
    extension: str = ""

    @property
    def content_type(self) -> str:
        if self.media_type.startswith("text/") or self.media_type.endswith("+xml"):
            return f"{self.media_type}; charset=utf-8"
        return self.media_type


def _registry() -> dict[str, Renderer]:
    from server.renderers import (
        csv,
        jsonld,
        nquads,
        ntriples,
        rdfxml,
        sparql_json,
        sparql_xml,
        trig,
        tsv,
        turtle,
    )

    modules = (sparql_json, sparql_xml, csv, tsv, turtle, ntriples, jsonld, rdfxml, trig, nquads)
    return {module.RENDERER.key: module.RENDERER for module in modules}


RENDERERS: dict[str, Renderer] = _registry()
RESULT_RENDERERS = [r for r in RENDERERS.values() if r.kind == RESULTS]
GRAPH_RENDERERS = [r for r in RENDERERS.values() if r.kind == GRAPH]


def media_types(renderers: list[Renderer]) -> list[str]:
    """Offered media types in server preference order: main types first, then aliases."""
    return [r.media_type for r in renderers] + [a for r in renderers for a in r.aliases]


def by_media_type(renderers: list[Renderer], media_type: str) -> Renderer | None:
    for renderer in renderers:
        if media_type == renderer.media_type or media_type in renderer.aliases:
            return renderer
    return None


def by_format_name(renderers: list[Renderer], name: str) -> Renderer | None:
    name = name.strip().lower()
    for renderer in renderers:
        if name in renderer.format_names or name == renderer.media_type:
            return renderer
    return None
