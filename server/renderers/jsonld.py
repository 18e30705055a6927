"""JSON-LD (expanded form, written by pyoxigraph)."""

import pyoxigraph as ox

from server.renderers import GRAPH, Renderer
from server.renderers._oxigraph import graph_writer

RENDERER = Renderer(
    key="jsonld",
    media_type="application/ld+json",
    kind=GRAPH,
    write=graph_writer(ox.RdfFormat.JSON_LD),
    format_names=("jsonld", "json-ld", "json"),
    aliases=("application/json",),
    format_iri="http://www.w3.org/ns/formats/JSON-LD",
    extension="jsonld",
)
