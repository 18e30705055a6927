"""Every engine gives the same answers through kuhy: the protocol, resource pages, search,
the dataset description and the dumps, on disk, in memory and from a remote Oxigraph
server loaded with `kg publish`."""

from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph as ox
import pytest
import requests
from rdflib import Graph, Namespace
from rdflib.compare import isomorphic

from kg.rdf.vocab import K
from kg.store.layout import current_store_path

VOID = Namespace("http://rdfs.org/ns/void#")
BASE = "https://w3id.org/kuhy/"
PROJECT, START = str(K.Project), str(K.startDate)
QUERIES = {
    "per graph": "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g "
                 "ORDER BY ?g",
    "labels of the union": "SELECT ?s ?label WHERE { ?s "
                           "<http://www.w3.org/2000/01/rdf-schema#label> ?label } "
                           "ORDER BY ?s ?label LIMIT 60",
    "ask": "ASK { ?s a ?type }",
    "optional": f"SELECT ?p ?label ?start WHERE {{ ?p a <{PROJECT}> OPTIONAL {{ ?p "
                f"<http://www.w3.org/2000/01/rdf-schema#label> ?label }} OPTIONAL {{ ?p "
                f"<{START}> ?start }} }} ORDER BY ?p ?label",
}
ACCEPTS = ("application/sparql-results+json", "text/csv", "application/sparql-results+xml")


def answer(base: str, query: str, accept: str, **params: object) -> requests.Response:
    response = requests.get(base + "/sparql", params={"query": query, **params},
                            headers={"Accept": accept}, timeout=60)
    assert response.status_code == 200, (base, response.text)
    return response


@pytest.mark.parametrize("engine", ["memory", "remote"])
@pytest.mark.parametrize("name", sorted(QUERIES))
def test_query_answers_are_the_same_bytes(servers: dict[str, str], engine: str,
                                          name: str) -> None:
    for accept in ACCEPTS:
        expected = answer(servers["disk"], QUERIES[name], accept)
        got = answer(servers[engine], QUERIES[name], accept)
        assert got.headers["Content-Type"] == expected.headers["Content-Type"]
        assert got.content == expected.content, (engine, name, accept)


@pytest.mark.parametrize("engine", ["memory", "remote"])
def test_construct_and_the_protocol_dataset_agree(servers: dict[str, str], engine: str) -> None:
    graphs = answer(servers["disk"], QUERIES["per graph"], "application/sparql-results+json")
    first = graphs.json()["results"]["bindings"][0]["g"]["value"]
    construct = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
    for base_params in ({}, {"default-graph-uri": first}):
        expected = answer(servers["disk"], construct, "application/n-triples", **base_params)
        got = answer(servers[engine], construct, "application/n-triples", **base_params)
        assert sorted(got.text.splitlines()) == sorted(expected.text.splitlines())
        assert got.text.strip()


def _projects(base: str) -> list[str]:
    query = f"SELECT ?p WHERE {{ ?p a <{PROJECT}> }} ORDER BY ?p LIMIT 4"
    rows = answer(base, query, "application/sparql-results+json").json()
    return [row["p"]["value"] for row in rows["results"]["bindings"]]


def test_resource_pages_and_their_rdf_agree(servers: dict[str, str]) -> None:
    projects = _projects(servers["remote"])
    assert projects == _projects(servers["disk"]) and len(projects) == 4
    for uri in projects:
        path = uri[len(BASE):]
        pages = {name: requests.get(f"{base}/{path}", timeout=60)
                 for name, base in servers.items()}
        assert {name: page.status_code for name, page in pages.items()} == dict.fromkeys(
            servers, 200)
        turtles = {name: Graph().parse(data=requests.get(
            f"{base}/{path}", headers={"Accept": "text/turtle"}, timeout=60).text,
            format="turtle") for name, base in servers.items()}
        assert len(turtles["disk"]) > 0
        assert isomorphic(turtles["remote"], turtles["disk"])
        assert isomorphic(turtles["memory"], turtles["disk"])


def test_search_finds_the_same_projects(servers: dict[str, str]) -> None:
    found: dict[str, list[set[str]]] = {name: [] for name in servers}
    for words in ("kulttuuri", "taide", "Helsinki", "musiikki"):
        for name, base in servers.items():
            page = requests.get(f"{base}/search", params={"q": words}, timeout=120)
            assert page.status_code == 200
            found[name].append(set(re.findall(r'href="(/id/project/[^"]+)"', page.text)))
    assert any(found["disk"]), found
    assert found["remote"] == found["disk"] == found["memory"]


def test_dataset_description_counts_the_same_triples(servers: dict[str, str]) -> None:
    counts = {}
    for name, base in servers.items():
        response = requests.get(f"{base}/dataset", headers={"Accept": "text/turtle"},
                                timeout=120)
        assert response.status_code == 200, response.text
        graph = Graph().parse(data=response.text, format="turtle")
        counts[name] = sorted(int(n) for n in graph.objects(None, VOID.triples))
    assert counts["disk"] and counts["remote"] == counts["disk"] == counts["memory"]


def test_the_remote_dump_is_the_build_read_back(servers: dict[str, str],
                                                built_store: Path) -> None:
    """Round trip: the sorted N-Quads of the build equal the N-Quads kuhy writes from the
    remote store after `kg publish`."""
    store = ox.Store.read_only(str(current_store_path(built_store)))
    expected = sorted({str(quad) + " ." for quad in store})
    del store
    dump = requests.get(f"{servers['remote']}/dumps/kuhy.nq", timeout=120)
    assert dump.status_code == 200
    quads = ox.parse(dump.content, format=ox.RdfFormat.N_QUADS)
    assert sorted({str(quad) + " ." for quad in quads}) == expected
    union = requests.get(f"{servers['remote']}/dumps/kuhy.nt", timeout=120)
    triples = {str(t) for t in ox.parse(union.content, format=ox.RdfFormat.N_TRIPLES)}
    assert triples == {str(quad.triple) for quad in ox.parse(
        dump.content, format=ox.RdfFormat.N_QUADS)}


def test_health_reports_the_same_graph(servers: dict[str, str]) -> None:
    reports = {name: requests.get(f"{base}/health", timeout=120) for name, base in
               servers.items()}
    assert {name: report.status_code for name, report in reports.items()} == dict.fromkeys(
        servers, 200)
    triples = {name: report.json()["triples"] for name, report in reports.items()}
    assert triples["disk"] > 0 and triples["remote"] == triples["disk"] == triples["memory"]
