"""RDF/XML."""

import pyoxigraph as ox

from server.renderers import GRAPH, Renderer
from server.renderers._oxigraph import graph_writer

RENDERER = Renderer(
    key="rdfxml",
    media_type="application/rdf+xml",
    kind=GRAPH,
    write=graph_writer(ox.RdfFormat.RDF_XML, with_prefixes=True),
    format_names=("rdfxml", "rdf", "xml", "owl"),
    aliases=("application/xml", "text/xml"),
    format_iri=ox.RdfFormat.RDF_XML.iri,
    extension="rdf",
)
