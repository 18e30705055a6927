"""SPARQL 1.1 Service Description of the endpoint, written by the graph renderers."""

from __future__ import annotations

import io

import pyoxigraph as ox

from server.renderers import GRAPH_RENDERERS, RESULT_RENDERERS, Format, write

SD = "http://www.w3.org/ns/sparql-service-description#"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
PREFIXES = {"sd": SD, "formats": "http://www.w3.org/ns/formats/"}


def _sd(name: str) -> ox.NamedNode:
    return ox.NamedNode(SD + name)


def description_triples(endpoint: str, named_graphs: list[str]) -> list[ox.Triple]:
    service = ox.NamedNode(endpoint)
    dataset, default_graph = ox.BlankNode("dataset"), ox.BlankNode("defaultGraph")
    triples = [
        ox.Triple(service, RDF_TYPE, _sd("Service")),
        ox.Triple(service, _sd("endpoint"), service),
        ox.Triple(service, _sd("supportedLanguage"), _sd("SPARQL11Query")),
        ox.Triple(service, _sd("feature"), _sd("UnionDefaultGraph")),
        ox.Triple(service, _sd("defaultDataset"), dataset),
        ox.Triple(dataset, RDF_TYPE, _sd("Dataset")),
        ox.Triple(dataset, _sd("defaultGraph"), default_graph),
        ox.Triple(default_graph, RDF_TYPE, _sd("Graph")),
    ]
    triples += [
        ox.Triple(service, _sd("resultFormat"), ox.NamedNode(renderer.dcat_iri))
        for renderer in RESULT_RENDERERS + GRAPH_RENDERERS
    ]
    for index, graph in enumerate(named_graphs):
        node = ox.BlankNode(f"namedGraph{index}")
        triples += [
            ox.Triple(dataset, _sd("namedGraph"), node),
            ox.Triple(node, RDF_TYPE, _sd("NamedGraph")),
            ox.Triple(node, _sd("name"), ox.NamedNode(graph)),
        ]
    return triples


def render_description(endpoint: str, named_graphs: list[str], renderer: Format) -> bytes:
    output = io.BytesIO()
    write(renderer, description_triples(endpoint, named_graphs), output, PREFIXES)
    return output.getvalue()
