"""Dumps (streamed, ETag/Last-Modified, 304), VoID and DCAT-AP, health — over real HTTP."""

from __future__ import annotations

import gzip

import pytest
import requests
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, VOID

from tests.server_pages.conftest import PUBLIC_URL

BASE = "https://w3id.org/kuhy/"
DATASET = URIRef(BASE + "dataset")
DUMPS = {"ttl": "turtle", "nt": "nt", "nq": "nquads", "trig": "trig", "jsonld": "json-ld"}
QUAD_FORMATS = ("nq", "trig", "jsonld")


def _read(data: bytes, ext: str) -> Dataset:
    dataset = Dataset()
    dataset.parse(data=data, format=DUMPS[ext])
    return dataset


@pytest.mark.parametrize("ext", sorted(DUMPS))
def test_dump_reads_back_with_all_facts(sample_server: str, ext: str) -> None:
    plain = requests.get(f"{sample_server}/dumps/kuhy.{ext}", timeout=60)
    assert plain.status_code == 200
    packed = requests.get(f"{sample_server}/dumps/kuhy.{ext}.gz", timeout=60)
    assert packed.status_code == 200
    assert packed.headers["Content-Type"] == "application/gzip"
    assert gzip.decompress(packed.content) == plain.content
    dataset = _read(plain.content, ext)
    triples = {(s, p, o) for s, p, o, _g in dataset.quads((None, None, None, None))}
    project = URIRef(BASE + "id/project/laulusilta-2021")
    assert (project, URIRef(BASE + "ontology#title"), Literal("Sångbron", lang="sv")) in triples
    assert any(s == URIRef(BASE + "id/municipality/905") for s, _p, _o in triples)
    if ext in QUAD_FORMATS:
        graphs = {str(g) for *_t, g in dataset.quads((None, None, None, None)) if g is not None}
        assert BASE + "graph/doc/s1" in graphs and BASE + "graph/meta" in graphs


def test_dump_conditional_get(sample_server: str) -> None:
    url = f"{sample_server}/dumps/kuhy.nt"
    first = requests.get(url, timeout=60)
    etag, modified = first.headers["ETag"], first.headers["Last-Modified"]
    assert "kuhy.nt" in etag
    assert requests.get(url, headers={"If-None-Match": etag}, timeout=60).status_code == 304
    assert requests.get(url, headers={"If-Modified-Since": modified},
                        timeout=60).status_code == 304
    assert requests.get(url, headers={"If-None-Match": '"other"'}, timeout=60).status_code == 200


@pytest.mark.embedded_engine
def test_dump_validators_name_the_local_build(sample_server: str) -> None:
    headers = requests.get(f"{sample_server}/dumps/kuhy.nt", timeout=60).headers
    assert "sample-build-1" in headers["ETag"]
    assert "2024" in headers["Last-Modified"]  # the build time from the metadata graph


def test_unknown_dump_is_404(sample_server: str) -> None:
    assert requests.get(f"{sample_server}/dumps/kuhy.pdf", timeout=30).status_code == 404
    assert requests.get(f"{sample_server}/dumps/kuhy.ttl.zip", timeout=30).status_code == 404


@pytest.mark.parametrize(("path", "media", "rdflib_format"), [
    ("/.well-known/void", "text/turtle", "turtle"),
    ("/.well-known/void", "application/ld+json", "json-ld"),
    ("/dataset", "application/rdf+xml", "xml"),
    ("/dataset", "text/turtle", "turtle"),
    ("/dataset", "application/ld+json", "json-ld"),
])
def test_void_and_dcat(sample_server: str, path: str, media: str, rdflib_format: str) -> None:
    response = requests.get(sample_server + path, headers={"Accept": media}, timeout=30)
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith(media)
    assert "Accept" in response.headers["Vary"]
    graph = Graph().parse(data=response.content, format=rdflib_format)
    assert (DATASET, RDF.type, DCAT.Dataset) in graph and (DATASET, RDF.type, VOID.Dataset) in graph
    licence = URIRef("https://creativecommons.org/licenses/by/4.0/")
    assert (DATASET, DCTERMS.license, licence) in graph
    publisher = graph.value(DATASET, DCTERMS.publisher)
    assert (publisher, RDF.type, FOAF.Agent) in graph
    period = graph.value(DATASET, DCTERMS.temporal)
    assert str(graph.value(period, DCAT.startDate)) == "2019"
    assert str(graph.value(period, DCAT.endDate)) == "2022-12"
    spatial = set(graph.objects(DATASET, DCTERMS.spatial))
    assert {URIRef(BASE + "id/region/15"), URIRef(BASE + "id/region/01")} <= spatial
    assert int(graph.value(DATASET, VOID.triples)) == 180  # from the metadata graph
    downloads = {str(o) for d in graph.objects(DATASET, DCAT.distribution)
                 for o in graph.objects(d, DCAT.downloadURL)}
    assert f"{PUBLIC_URL}dumps/kuhy.nq.gz" in downloads and len(downloads) == 10
    services = [s for d in graph.objects(DATASET, DCAT.distribution)
                for s in graph.objects(d, DCAT.accessService)]
    assert [str(graph.value(s, DCAT.endpointURL)) for s in services] == [f"{PUBLIC_URL}sparql"]
    partitions = {graph.value(p, VOID["class"]): int(graph.value(p, VOID.entities))
                  for p in graph.objects(DATASET, VOID.classPartition)}
    assert partitions[URIRef(BASE + "ontology#Project")] == 2


def test_description_not_acceptable(sample_server: str) -> None:
    response = requests.get(f"{sample_server}/dataset", headers={"Accept": "image/png"},
                            timeout=30)
    assert response.status_code == 406


@pytest.mark.embedded_engine
def test_health_names_the_local_build(sample_server: str) -> None:
    health = requests.get(f"{sample_server}/health", timeout=30).json()
    warmup = health.pop("warmup")
    assert health.pop("statements") >= 180
    assert health == {"status": "ok", "build": "sample-build-1", "triples": 180,
                      "modified": "2024-05-01T12:00:00+00:00"}
    assert warmup["state"] in ("waiting", "running", "done")
    home = requests.get(f"{sample_server}/", headers={"Accept-Language": "en"}, timeout=30).text
    assert "sample-build-1" in home and "2024-05-01" in home


def test_home_page_links_dumps_licence_and_endpoint(sample_server: str) -> None:
    home = requests.get(f"{sample_server}/", headers={"Accept-Language": "en"}, timeout=30).text
    for expected in ("CC BY 4.0", "How to cite", 'href="/dumps/kuhy.ttl.gz"',
                     'href="/dumps/kuhy.jsonld"', "/sparql", "<strong>2</strong> project"):
        assert expected in home, expected
