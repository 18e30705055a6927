"""SPARQL 1.1 Query Results JSON."""

import pyoxigraph as ox

from server.renderers import RESULTS, Renderer
from server.renderers._oxigraph import results_writer

RENDERER = Renderer(
    key="json",
    media_type="application/sparql-results+json",
    kind=RESULTS,
    write=results_writer(ox.QueryResultsFormat.JSON),
    format_names=("json", "srj"),
    aliases=("application/json",),
    format_iri=ox.QueryResultsFormat.JSON.iri,
    extension="srj",
)
