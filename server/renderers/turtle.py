"""Turtle, with the kuhy prefixes."""

import pyoxigraph as ox

from server.renderers import GRAPH, Renderer
from server.renderers._oxigraph import graph_writer

RENDERER = Renderer(
    key="turtle",
    media_type="text/turtle",
    kind=GRAPH,
    write=graph_writer(ox.RdfFormat.TURTLE, with_prefixes=True),
    format_names=("ttl", "turtle"),
    aliases=("application/x-turtle", "text/n3", "text/rdf+n3"),
    format_iri=ox.RdfFormat.TURTLE.iri,
    extension="ttl",
)
