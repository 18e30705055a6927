"""The Flask-free path for plain GET queries answers exactly as the /sparql view does."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

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
]
COMPARED_HEADERS = ("Content-Type", "Content-Length", "Vary", "X-Kuhy-Cache",
                    "Access-Control-Allow-Origin", "Retry-After")


@pytest.fixture(scope="module")
def two_servers(running_app, built_store: Path) -> Iterator[tuple[str, str]]:
    """The same store served with and without the fast path (result cache off in both)."""
    def settings(fast: bool) -> Settings:
        return Settings(store_root=built_store, query_workers=1, result_cache_bytes=0,
                        sparql_fast_path=fast, service_allow_list=())

    with running_app(settings(True)) as fast, running_app(settings(False)) as flask_only:
        yield fast + "/sparql", flask_only + "/sparql"


def fetch(url: str, query: str, accept: str | None) -> requests.Response:
    headers = {"Accept": accept} if accept else {}
    return requests.get(url, params={"query": query}, headers=headers, timeout=30)


@pytest.mark.parametrize(("query", "accept"), CASES)
def test_fast_path_answers_like_the_view(two_servers: tuple[str, str], query: str,
                                         accept: str | None) -> None:
    fast_url, flask_url = two_servers
    fetch(fast_url, "ASK {}", None)  # the endpoint IRI is worked out once, by the view
    fast, flask_only = fetch(fast_url, query, accept), fetch(flask_url, query, accept)
    assert fast.status_code == flask_only.status_code
    # relative IRIs resolve against each server's own address
    expected = flask_only.content.replace(urlsplit(flask_url).netloc.encode(),
                                          urlsplit(fast_url).netloc.encode())
    assert fast.content == expected
    for name in COMPARED_HEADERS:
        wanted = flask_only.headers.get(name)
        if name == "Content-Length" and wanted is not None:
            wanted = str(len(expected))
        assert fast.headers.get(name) == wanted, name


def environ(query_string: str, method: str = "GET", accept: str = "text/csv") -> dict:
    return {"REQUEST_METHOD": method, "PATH_INFO": "/sparql", "QUERY_STRING": query_string,
            "HTTP_ACCEPT": accept, "wsgi.url_scheme": "http", "HTTP_HOST": "example.org",
            "SCRIPT_NAME": ""}


def test_only_the_plain_case_takes_the_fast_path(built_store: Path) -> None:
    app = create_app(Settings(store_root=built_store, query_workers=1))
    try:
        fast_path = app.wsgi_app
        plain = "query=ASK%20%7B%7D"
        assert fast_path.plain_request(environ(plain)) is None  # endpoint IRI not known yet
        with app.test_client() as client:
            client.get("/sparql?" + plain, base_url="http://example.org", headers={
                "Accept": "text/csv"})
        taken = fast_path.plain_request(environ(plain))
        assert taken is not None
        assert (taken.query, taken.results_format) == ("ASK {}", "csv")
        assert taken.base_iri == "http://example.org/sparql"
        for refused in (environ(plain, method="POST"), environ(plain + "&format=json"),
                        environ(plain, accept="text/html"), environ("query=ASK%20%7B%7D%FF"),
                        environ("query=SELECT%20*%20%7B%20SERVICE%20%3Chttp%3A%2F%2Fx%3E%20%7B%7D%7D"),
                        environ(plain, accept="image/png")):
            assert fast_path.plain_request(refused) is None
    finally:
        app.extensions["kuhy.engine"].close()
