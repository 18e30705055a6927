"""Run a canned or own SPARQL query on the served store and write its answer as a file format."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from kg import config
from kg.queries import QueryFileError, load_query

RESULT_FORMATS = {
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
    "json": ox.QueryResultsFormat.JSON,
    "xml": ox.QueryResultsFormat.XML,
}
# What a CONSTRUCT or DESCRIBE answer is written as, for each result format asked for.
GRAPH_FORMATS = {
    "csv": ox.RdfFormat.N_TRIPLES,
    "tsv": ox.RdfFormat.N_TRIPLES,
    "json": ox.RdfFormat.JSON_LD,
    "xml": ox.RdfFormat.RDF_XML,
}


def query_text(name_or_file: str, params: dict[str, str]) -> str:
    """The SPARQL of a ``.rq`` file or of the canned query so named, with parameters bound."""
    path = Path(name_or_file)
    if not path.suffix:
        path = config.QUERIES_DIR / f"{name_or_file}.rq"
    if not path.is_file():
        raise QueryFileError(f"no query file or canned query named {name_or_file!r}")
    if not params:
        return path.read_text(encoding="utf-8")
    return load_query(path).bind(**params)


def run_query(store: ox.Store, sparql: str, format_name: str) -> bytes:
    """The answer serialised; ``SyntaxError`` carries the parser's message."""
    answer = store.query(sparql, use_default_graph_as_union=True)
    if isinstance(answer, ox.QueryTriples):
        return answer.serialize(format=GRAPH_FORMATS[format_name])
    return answer.serialize(format=RESULT_FORMATS[format_name])
