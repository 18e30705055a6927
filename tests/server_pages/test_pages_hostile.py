"""Hostile data and hostile requests against the real app (issue 16).

A store holding what a hostile record could put there (javascript: and file: IRIs as a
web page, a source URL, an external link and a resource; a right-to-left override in a
name) gives no link other than http(s) on any page; paths that try to inject SPARQL or
carry invalid UTF-8 are 404s; a page whose queries run past their limit is a 503; and a
hostile Host header appears nowhere in what the server writes.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
import requests
from rdflib import Graph

from server.settings import Settings
from tests.server_pages.conftest import PUBLIC_URL, SAMPLE_TRIG

SCRIPT_URL = "javascript://%0Aalert(16)"
FILE_URL = "file:///etc/passwd"
RLO = "\u202e"
HOSTILE_TRIG = f"""
@prefix kuhy: <https://w3id.org/kuhy/ontology#> .
@prefix id: <https://w3id.org/kuhy/id/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
<https://w3id.org/kuhy/graph/doc/h16> {{
  id:document\\/h16 a kuhy:Document ; kuhy:sourceFile "h16.txt" ; kuhy:url <{SCRIPT_URL}> .
  id:project\\/hostile-2024 a kuhy:Project ;
      kuhy:title "Hostile {RLO}txt.exe"@en ; rdfs:label "Hostile {RLO}txt.exe"@en ;
      kuhy:webPage <{SCRIPT_URL}> , <{FILE_URL}> ;
      owl:sameAs <{SCRIPT_URL}> ; skos:exactMatch <{FILE_URL}> ;
      kuhy:municipality id:municipality\\/905 ; kuhy:sourceDocument id:document\\/h16 .
  <{FILE_URL}> rdfs:label "passwd" ; kuhy:topic id:project\\/hostile-2024 .
  <{SCRIPT_URL}> kuhy:topic id:project\\/hostile-2024 .
}}
"""
PAGES = ["/", "/page/project/hostile-2024", "/page/document/h16", "/page/municipality/905",
         "/search?q=hostile", "/search?q=passwd", "/dumps/", "/dataset", "/query",
         "/sparql?format=html&query=SELECT+*+WHERE+%7B+%3Fs+%3Fp+%3Fo+%7D"]
DANGEROUS_LINK = re.compile(
    r"""(?:href|src|action)\s*=\s*["']?\s*(?:javascript|file|data|vbscript):""", re.I)
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", re.I)


@pytest.fixture(scope="module")
def hostile_server(in_process_app, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("hostile-store")
    build = root / "builds" / "hostile-1"
    build.mkdir(parents=True)
    store = ox.Store(str(build))
    store.load(path=str(SAMPLE_TRIG), format=ox.RdfFormat.TRIG)
    store.load(HOSTILE_TRIG.encode(), format=ox.RdfFormat.TRIG)
    store.flush()
    del store
    os.symlink(build, root / "current")
    settings = Settings(store_root=root, query_workers=2, public_url=PUBLIC_URL,
                        result_cache_dir=None)
    with in_process_app(settings) as url:
        yield url


@pytest.mark.parametrize("path", PAGES)
def test_only_http_links_and_strict_headers(hostile_server: str, path: str) -> None:
    response = requests.get(hostile_server + path, timeout=60,
                            headers={"Accept": "text/html"})
    assert response.status_code == 200, response.text[:500]
    page = response.text
    assert not DANGEROUS_LINK.search(page), DANGEROUS_LINK.search(page)
    assert RLO not in page
    assert not INLINE_SCRIPT.search(page)
    headers = response.headers
    policy = headers["Content-Security-Policy"]
    script_src = re.search(r"script-src ([^;]*)", policy).group(1)
    assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src
    assert "frame-ancestors 'none'" in policy
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"]


def test_hostile_values_still_shown_as_text(hostile_server: str) -> None:
    page = requests.get(hostile_server + "/page/project/hostile-2024", timeout=60).text
    assert "<bdi>Hostile txt.exe</bdi>" in page  # the override is gone, the name is there
    assert "h16.txt" in page  # the source document, without a link to its script URL


INJECTION = ("x%3E%20%3Fp%20%3Fo%20%7D%20UNION%20%7B%20%3Fa%20%3Fb%20%3Fc%20%7D%20%7D%23")


@pytest.mark.parametrize("path", [
    f"/id/project/{INJECTION}", f"/page/project/{INJECTION}", f"/data/project/{INJECTION}.ttl",
    "/id/project/x%3E%20%3Fp%20%3Fo%20.%20%3Fa%20%3Fb%20%3Fc%20.%20%3Fd%20%3Fe%20%3Ff%20%7D%23",
    "/page/project/%3Cscript%3Ealert(1)%3C/script%3E", "/page/project/%C3%28",
    "/id/project/%FF%FE", "/data/project/%FF%FE.ttl", "/page/nokind/laulusilta-2021",
    "/data/project/x%0A%3Chttp://a/%3E%20%3Chttp://b/%3E%20%3Chttp://c/%3E.ttl",
    "/data/project/x%3E%20%3Curn:b%3E%20%3Curn:c%3E.ttl",
])
def test_malformed_keys_are_not_found(hostile_server: str, path: str) -> None:
    response = requests.get(hostile_server + path, timeout=60, allow_redirects=False)
    assert response.status_code == 404
    assert "Traceback" not in response.text and "<script>" not in response.text
    if response.headers["Content-Type"].startswith("text/turtle"):
        assert len(Graph().parse(data=response.text, format="turtle")) == 0


def test_not_found_page_escapes_the_path(hostile_server: str) -> None:
    response = requests.get(hostile_server + "/page/project/%3Cscript%3E", timeout=60)
    assert response.status_code == 404
    assert "&lt;script&gt;" in response.text and "<script>" not in response.text


def test_page_queries_past_their_limit_answer_503(in_process_app, sample_store: Path) -> None:
    settings = Settings(store_root=sample_store, query_workers=1, query_timeout_s=1e-6,
                        result_cache_bytes=0, result_cache_dir=None, warmup=False)
    with in_process_app(settings) as url:
        for path in ("/page/project/laulusilta-2021", "/id/project/laulusilta-2021",
                     "/data/project/laulusilta-2021.ttl"):
            response = requests.get(url + path, timeout=60, allow_redirects=False)
            assert response.status_code == 503
            assert "limit" in response.text or "busy" in response.text
            assert "Traceback" not in response.text


HOST_PROBES = [
    ("/", "text/html"), ("/sparql", "text/turtle"), ("/sparql", "application/ld+json"),
    ("/sparql", "application/rdf+xml"), ("/sparql", "application/n-triples"),
    ("/sparql", "text/html"), ("/dataset", "text/turtle"), ("/dataset", "text/html"),
    ("/.well-known/void", "application/ld+json"), ("/.well-known/void", "application/rdf+xml"),
    ("/dumps/", "text/html"), ("/dumps/kuhy.ttl", "text/turtle"),
    ("/id/project/laulusilta-2021", "text/html"), ("/id/project/laulusilta-2021", "text/turtle"),
    ("/page/project/laulusilta-2021", "text/html"),
    ("/data/project/laulusilta-2021.jsonld", "application/ld+json"),
    ("/search?q=laulu", "text/html"), ("/query", "text/html"), ("/health", "*/*"),
    ("/sparql?query=SELECT+*+WHERE+%7B+BIND(%3Cx%3E+AS+%3Fx)+%7D",
     "application/sparql-results+json"),
    ("/sparql?format=html&query=ASK+%7B%7D", "text/html"),
    ("/page/project/unknown-key", "text/html"),
]


@pytest.mark.parametrize(("path", "accept"), HOST_PROBES)
def test_host_header_is_never_trusted(hostile_server: str, path: str, accept: str) -> None:
    response = requests.get(hostile_server + path, timeout=60, allow_redirects=False, headers={
        "Accept": accept, "Host": "evil.example", "X-Forwarded-Host": "evil.example",
        "X-Forwarded-Proto": "https", "Forwarded": "host=evil.example;proto=https"})
    assert response.status_code in (200, 303, 404), response.text[:300]
    assert b"evil.example" not in response.content
    for name, value in response.headers.items():
        assert "evil.example" not in value, name


def test_absolute_urls_come_from_the_public_url(hostile_server: str) -> None:
    home = requests.get(hostile_server + "/", timeout=60, headers={"Host": "evil.example"})
    assert f"{PUBLIC_URL}sparql" in home.text  # endpoint and citation
    void = requests.get(hostile_server + "/.well-known/void", timeout=60,
                        headers={"Accept": "text/turtle", "Host": "evil.example"})
    assert f"<{PUBLIC_URL}dumps/kuhy.ttl>" in void.text


@pytest.mark.parametrize("size", [20_000, 2_000_000])
def test_long_search_text_is_refused_without_echo(hostile_server: str, size: int) -> None:
    """The app refuses search text over its limit (400); the 2 MB one the server's
    request-line limit already stops (414). Neither answer repeats the text."""
    response = requests.get(hostile_server + "/search", params={"q": "Ab" * (size // 2)},
                            timeout=60)
    assert response.status_code in (400, 414)
    assert len(response.content) < 10_000 and b"AbAbAb" not in response.content
