"""The metadata graph ``{base}graph/meta``: VoID/DCAT description of the build.

What the server reads (home page, VoID, DCAT, dumps)::

    <{base}dataset> a void:Dataset, dcat:Dataset ;
        dcterms:title "kuhy …"@en ; dcterms:license <https://creativecommons.org/licenses/by/4.0/> ;
        void:triples N ;                        # all graphs except meta itself
        void:entities N ;
        dcterms:modified "…"^^xsd:dateTime ;     # build end time (UTC)
        kuhy:softwareVersion "0.1.0" ;           # kg.__version__
        prov:wasGeneratedBy <{base}dataset/build/{build time}> ;
        void:subset <{base}dataset/graph/doc/h002>, … ;
        prov:wasDerivedFrom <{base}dataset/source/records/h002.json>, … .
    <{base}dataset/graph/doc/h002> a void:Dataset ;
        kuhy:graph <{base}graph/doc/h002> ; void:triples N ; void:entities N .
    <{base}dataset/build/{build time}> a prov:Activity ;
        prov:startedAtTime …, prov:endedAtTime … ; kuhy:softwareVersion "0.1.0" .
    <{base}dataset/source/records/h002.json> a prov:Entity ;
        kuhy:sourceFile "records/h002.json" ; kuhy:sha256 "…" ; kuhy:graph <{base}graph/doc/h002> .

``void:entities`` counts distinct IRI subjects. The build time comes from the
clock, or from ``SOURCE_DATE_EPOCH`` when set (reproducible builds).
"""

from __future__ import annotations

import datetime as dt
import os
from urllib.parse import quote

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, PROV, RDF, VOID, XSD

from kg import __version__, config
from kg.extract.seam import SourceFile
from kg.rdf.keys import document_graph
from kg.rdf.vocab import K

CC_BY = URIRef("https://creativecommons.org/licenses/by/4.0/")


def build_time() -> dt.datetime:
    """Now (UTC, whole seconds), or ``SOURCE_DATE_EPOCH`` when that is set."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    now = (dt.datetime.fromtimestamp(int(epoch), dt.UTC) if epoch
           else dt.datetime.now(dt.UTC))
    return now.replace(microsecond=0)


def dataset_uri(*parts: str) -> URIRef:
    return URIRef(config.BASE_URI + "dataset" + "".join("/" + part for part in parts))


def subset_uri(graph: str) -> URIRef:
    return URIRef(config.BASE_URI + "dataset/" + graph.removeprefix(config.BASE_URI))


def _time(moment: dt.datetime) -> Literal:
    return Literal(moment.strftime("%Y-%m-%dT%H:%M:%SZ"), datatype=XSD.dateTime)


def meta_graph(counts: dict[str, tuple[int, int]], sources: list[SourceFile],
               started: dt.datetime, ended: dt.datetime) -> Graph:
    """The metadata graph for graphs with (triples, entities) ``counts`` and ``sources``."""
    graph = Graph()
    add = graph.add
    dataset = dataset_uri()
    build = dataset_uri("build", started.strftime("%Y%m%dT%H%M%SZ"))
    add((dataset, RDF.type, VOID.Dataset))
    add((dataset, RDF.type, DCAT.Dataset))
    add((dataset, DCTERMS.title, Literal("kuhy: Finnish cultural-wellbeing projects", lang="en")))
    add((dataset, DCTERMS.title, Literal("kuhy: kulttuurihyvinvointihankkeet", lang="fi")))
    add((dataset, DCTERMS.license, CC_BY))
    add((dataset, DCTERMS.modified, _time(ended)))
    add((dataset, K.softwareVersion, Literal(__version__)))
    add((dataset, PROV.wasGeneratedBy, build))
    add((dataset, VOID.triples, Literal(sum(t for t, _ in counts.values()))))
    add((dataset, VOID.entities, Literal(sum(e for _, e in counts.values()))))
    add((build, RDF.type, PROV.Activity))
    add((build, PROV.startedAtTime, _time(started)))
    add((build, PROV.endedAtTime, _time(ended)))
    add((build, K.softwareVersion, Literal(__version__)))
    for graph_name, (triples, entities) in sorted(counts.items()):
        subset = subset_uri(graph_name)
        add((dataset, VOID.subset, subset))
        add((subset, RDF.type, VOID.Dataset))
        add((subset, K.graph, URIRef(graph_name)))
        add((subset, VOID.triples, Literal(triples)))
        add((subset, VOID.entities, Literal(entities)))
    for source in sources:
        node = dataset_uri("source", quote(source.name))
        add((dataset, PROV.wasDerivedFrom, node))
        add((node, RDF.type, PROV.Entity))
        add((node, K.sourceFile, Literal(source.name)))
        add((node, K.sha256, Literal(source.sha256)))
        graph_name = source.graph or (document_graph(source.record_source)
                                      if source.record_source else None)
        if graph_name:
            add((node, K.graph, URIRef(graph_name)))
    return graph
