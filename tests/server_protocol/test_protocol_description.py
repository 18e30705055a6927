"""Service Description at /sparql without a query, by content negotiation."""

from __future__ import annotations

import pytest
import requests
from rdflib import Dataset, Graph, Namespace, URIRef
from rdflib.namespace import RDF

from tests.server_protocol.conftest import ENDPOINT_IRI

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")


@pytest.mark.parametrize(("accept", "rdflib_format"), [
    ("text/turtle", "turtle"), ("application/ld+json", "json-ld"),
    ("application/rdf+xml", "xml"), ("application/n-triples", "nt"),
])
def test_service_description(protocol_server: str, accept: str, rdflib_format: str) -> None:
    response = requests.get(protocol_server, headers={"Accept": accept}, timeout=30)
    assert response.status_code == 200
    assert response.headers["Content-Type"].split(";")[0] == accept
    graph = Graph().parse(data=response.content, format=rdflib_format)
    service = URIRef(ENDPOINT_IRI)
    assert (service, RDF.type, SD.Service) in graph
    assert (service, SD.endpoint, service) in graph
    assert (service, SD.supportedLanguage, SD.SPARQL11Query) in graph
    assert (service, SD.feature, SD.UnionDefaultGraph) in graph
    formats = set(graph.objects(service, SD.resultFormat))
    assert URIRef("http://www.w3.org/ns/formats/SPARQL_Results_JSON") in formats
    assert URIRef("http://www.w3.org/ns/formats/Turtle") in formats
    named = {str(name) for name in graph.objects(None, SD.name)}
    listed = requests.get(protocol_server, timeout=30, params={
        "query": "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"}).json()
    assert named == {row["g"]["value"] for row in listed["results"]["bindings"]}


def test_service_description_defaults_to_turtle(protocol_server: str) -> None:
    response = requests.get(protocol_server, timeout=30)
    assert response.headers["Content-Type"].startswith("text/turtle")
    dataset = Dataset()
    dataset.parse(data=response.content, format="turtle")
    assert len(dataset) > 5
