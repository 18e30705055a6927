"""N-Quads (CONSTRUCT results land in the default graph)."""

import pyoxigraph as ox

from server.renderers import GRAPH, Renderer
from server.renderers._oxigraph import graph_writer

RENDERER = Renderer(
    key="nquads",
    media_type="application/n-quads",
    kind=GRAPH,
    write=graph_writer(ox.RdfFormat.N_QUADS),
    format_names=("nq", "nquads", "n-quads"),
    format_iri=ox.RdfFormat.N_QUADS.iri,
    extension="nq",
)
