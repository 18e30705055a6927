"""SPARQL 1.1 Query Results CSV."""

import pyoxigraph as ox

from server.renderers import RESULTS, Renderer
from server.renderers._oxigraph import results_writer

RENDERER = Renderer(
    key="csv",
    media_type="text/csv",
    kind=RESULTS,
    write=results_writer(ox.QueryResultsFormat.CSV),
    format_names=("csv",),
    format_iri=ox.QueryResultsFormat.CSV.iri,
    extension="csv",
)
