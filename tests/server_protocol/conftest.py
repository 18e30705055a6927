"""Fixtures for the SPARQL protocol tests: the real app on a free port over the built store."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from server.settings import Settings

QUERY_TIMEOUT_S = 3.0
HTML_ROW_LIMIT = 5
PUBLIC_URL = "https://sparql.example.org/kuhy/"  # where the test server says it is reached
ENDPOINT_IRI = PUBLIC_URL + "sparql"


def _settings(store_root: Path) -> Settings:
    return Settings(store_root=store_root, query_workers=3, query_timeout_s=QUERY_TIMEOUT_S,
                    html_row_limit=HTML_ROW_LIMIT, service_allow_list=(), public_url=PUBLIC_URL)


@pytest.fixture(scope="session")
def protocol_server(in_process_app, built_store: Path) -> Iterator[str]:
    """URL of /sparql on the app serving the store built from data/records, answered
    through ``app.test_client()`` (no socket)."""
    with in_process_app(_settings(built_store)) as url:
        yield url + "/sparql"


@pytest.fixture(scope="session")
def protocol_socket_server(running_app, built_store: Path) -> Iterator[str]:
    """The same app over a real socket on a free port, for the tests that send raw HTTP,
    read chunked streams, stop reading one or need queries served side by side."""
    with running_app(_settings(built_store)) as url:
        yield url + "/sparql"


@pytest.fixture(scope="session")
def html_row_limit() -> int:
    return HTML_ROW_LIMIT


@pytest.fixture(scope="session")
def two_graphs(protocol_server: str) -> tuple[tuple[str, str], tuple[str, str]]:
    """Two document graphs, each with a subject typed there and absent from the other graph."""
    query = """
        SELECT ?g ?s WHERE {
          GRAPH ?g { ?s a ?type }
          FILTER(CONTAINS(STR(?g), "/graph/doc/"))
        } ORDER BY ?g ?s"""
    rows = requests.get(protocol_server, params={"query": query}, timeout=30).json()
    picked: dict[str, str] = {}
    for row in rows["results"]["bindings"]:
        picked.setdefault(row["g"]["value"], row["s"]["value"])
    graphs = list(picked.items())
    assert len(graphs) >= 2, graphs
    return graphs[0], graphs[-1]
