"""The Flask-free path for plain GET queries answers exactly as the /sparql view does."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from server.app import create_app
from server.settings import Settings

ORDERED = ("SELECT ?s ?type WHERE { ?s a ?type } ORDER BY ?s ?type LIMIT 30")
CASES = [
    (ORDERED, "application/sparql-results+json"),
    (ORDERED, "text/csv"),
    (ORDERED, "text/tab-separated-values"),
    (ORDERED, "application/sparql-results+xml"),
    (ORDERED, None),
    (ORDERED, "text/turtle"),  # SELECT with only a graph format acceptable: 406
    (ORDERED, "text/html"),
    ("ASK { ?s ?p ?o }", "application/sparql-results+json"),
    ("CONSTRUCT { ?s a ?type } WHERE { ?s a ?type } ORDER BY ?s LIMIT 20", "text/turtle"),
    ("CONSTRUCT { ?s a ?type } WHERE { ?s a ?type } LIMIT 20", "application/n-triples"),
    ("SELECT ?x WHERE { BIND (<relative> AS ?x) }", "application/sparql-results+json"),
    ("SELECT ?x WHERE { ?x ?y }", "application/sparql-results+json"),  # syntax error
    ("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }", None),
    ("SELECT * WHERE " + "{" * 5000, "application/sparql-results+json"),  # too deep: 400
]
COMPARED_HEADERS = ("Content-Type", "Content-Length", "Vary", "X-Kuhy-Cache",
                    "Access-Control-Allow-Origin", "Retry-After", "Content-Security-Policy",
                    "X-Content-Type-Options", "X-Frame-Options")


@pytest.fixture(scope="module")
def two_servers(in_process_app, built_store: Path) -> Iterator[tuple[str, str]]:
    """The same store served with and without the fast path (result cache off in both)."""
    def settings(fast: bool) -> Settings:
        return Settings(store_root=built_store, query_workers=1, result_cache_bytes=0,
                        sparql_fast_path=fast, service_allow_list=())

    with in_process_app(settings(True)) as fast, in_process_app(settings(False)) as flask_only:
        yield fast + "/sparql", flask_only + "/sparql"


def fetch(url: str, query: str, accept: str | None) -> requests.Response:
    headers = {"Accept": accept} if accept else {}
    return requests.get(url, params={"query": query}, headers=headers, timeout=30)


@pytest.mark.parametrize(("query", "accept"), CASES)
def test_fast_path_answers_like_the_view(two_servers: tuple[str, str], query: str,
                                         accept: str | None) -> None:
    fast_url, flask_url = two_servers
    fast, flask_only = fetch(fast_url, query, accept), fetch(flask_url, query, accept)
    assert fast.status_code == flask_only.status_code
    assert fast.content == flask_only.content  # relative IRIs resolve against the public URL
    for name in COMPARED_HEADERS:
        assert fast.headers.get(name) == flask_only.headers.get(name), name


def environ(query_string: str, method: str = "GET", accept: str = "text/csv") -> dict:
    return {"REQUEST_METHOD": method, "PATH_INFO": "/sparql", "QUERY_STRING": query_string,
            "HTTP_ACCEPT": accept, "wsgi.url_scheme": "http", "HTTP_HOST": "example.org",
            "SCRIPT_NAME": ""}


def test_only_the_plain_case_takes_the_fast_path(built_store: Path) -> None:
    app = create_app(Settings(store_root=built_store, query_workers=1,
                              public_url="https://public.example.net/"))
    try:
        fast_path = app.wsgi_app
        plain = "query=ASK%20%7B%7D"
        taken = fast_path.plain_request(environ(plain))
        assert taken is not None
        assert (taken.query, taken.results_format) == ("ASK {}", "csv")
        assert taken.base_iri == "https://public.example.net/sparql"  # never the Host
        for refused in (environ(plain, method="POST"), environ(plain + "&format=json"),
                        environ(plain, accept="text/html"), environ("query=ASK%20%7B%7D%FF"),
                        environ("query=SELECT%20*%20%7B%20SERVICE%20%3Chttp%3A%2F%2Fx%3E%20%7B%7D%7D"),
                        environ(plain, accept="image/png"),
                        environ("query=" + "%7B" * 5000)):
            assert fast_path.plain_request(refused) is None
    finally:
        app.extensions["kuhy.engine"].close()
