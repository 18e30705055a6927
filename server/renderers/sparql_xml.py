"""SPARQL Query Results XML."""

import pyoxigraph as ox

from server.renderers import RESULTS, Renderer
from server.renderers._oxigraph import results_writer

RENDERER = Renderer(
    key="xml",
    media_type="application/sparql-results+xml",
    kind=RESULTS,
    write=results_writer(ox.QueryResultsFormat.XML),
    format_names=("xml", "srx"),
    aliases=("application/xml", "text/xml"),
    format_iri=ox.QueryResultsFormat.XML.iri,
    extension="srx",
)
