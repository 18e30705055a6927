"""SPARQL 1.1 Query Results TSV."""

import pyoxigraph as ox

from server.renderers import RESULTS, Renderer
from server.renderers._oxigraph import results_writer

RENDERER = Renderer(
    key="tsv",
    media_type="text/tab-separated-values",
    kind=RESULTS,
    write=results_writer(ox.QueryResultsFormat.TSV),
    format_names=("tsv",),
    format_iri=ox.QueryResultsFormat.TSV.iri,
    extension="tsv",
)
