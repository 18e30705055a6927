"""N-Triples."""

import pyoxigraph as ox

from server.renderers import GRAPH, Renderer
from server.renderers._oxigraph import graph_writer

RENDERER = Renderer(
    key="ntriples",
    media_type="application/n-triples",
    kind=GRAPH,
    write=graph_writer(ox.RdfFormat.N_TRIPLES),
    format_names=("nt", "ntriples", "n-triples"),
    aliases=("text/plain",),
    format_iri=ox.RdfFormat.N_TRIPLES.iri,
    extension="nt",
)
