"""TriG (CONSTRUCT results land in the default graph)."""

import pyoxigraph as ox

from server.renderers import GRAPH, Renderer
from server.renderers._oxigraph import graph_writer

RENDERER = Renderer(
    key="trig",
    media_type="application/trig",
    kind=GRAPH,
    write=graph_writer(ox.RdfFormat.TRIG, with_prefixes=True),
    format_names=("trig",),
    format_iri=ox.RdfFormat.TRIG.iri,
    extension="trig",
)
