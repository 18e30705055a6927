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

from rdflib.namespace import DCAT, DCTERMS, PROV, RDF, VOID, XSD

from kg import __version__, config
from kg.ingest.inputs import SourceFile
from kg.rdf.keys import document_graph
from kg.rdf.nquads import Terms, iri, literal, typed
from kg.rdf.vocab import K

CC_BY = iri("https://creativecommons.org/licenses/by/4.0/")
_rdf, _dcat, _dcterms, _prov, _void, _k = (Terms(ns) for ns in (RDF, DCAT, DCTERMS, PROV, VOID, K))
_DATETIME, _INTEGER = iri(str(XSD.dateTime)), iri(str(XSD.integer))


def build_time() -> dt.datetime:
    """Now (UTC, whole seconds), or ``SOURCE_DATE_EPOCH`` when that is set."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    now = (dt.datetime.fromtimestamp(int(epoch), dt.UTC) if epoch
           else dt.datetime.now(dt.UTC))
    return now.replace(microsecond=0)


def dataset_uri(*parts: str) -> str:
    return config.BASE_URI + "dataset" + "".join("/" + part for part in parts)


def subset_uri(graph: str) -> str:
    return config.BASE_URI + "dataset/" + graph.removeprefix(config.BASE_URI)


def _time(moment: dt.datetime) -> str:
    return typed(moment.strftime("%Y-%m-%dT%H:%M:%SZ"), _DATETIME)


def _count(number: int) -> str:
    return typed(str(number), _INTEGER)


def meta_graph(counts: dict[str, tuple[int, int]], sources: list[SourceFile],
               started: dt.datetime, ended: dt.datetime) -> list[str]:
    """The metadata graph, as ``"<s> <p> o"`` N-Triples strings, for graphs with
    (triples, entities) ``counts`` and ``sources`` (written as text: it has a few
    triples per document, and rdflib graphs cost seconds at 10 000 documents)."""
    dataset = iri(dataset_uri())
    build = iri(dataset_uri("build", started.strftime("%Y%m%dT%H%M%SZ")))
    version = literal(__version__)
    triples = [
        f"{dataset} {_rdf.type} {_void.Dataset}",
        f"{dataset} {_rdf.type} {_dcat.Dataset}",
        f"{dataset} {_dcterms.title} "
        f"{literal('kuhy: Finnish cultural-wellbeing projects', 'en')}",
        f"{dataset} {_dcterms.title} {literal('kuhy: kulttuurihyvinvointihankkeet', 'fi')}",
        f"{dataset} {_dcterms.license} {CC_BY}",
        f"{dataset} {_dcterms.modified} {_time(ended)}",
        f"{dataset} {_k.softwareVersion} {version}",
        f"{dataset} {_prov.wasGeneratedBy} {build}",
        f"{dataset} {_void.triples} {_count(sum(t for t, _ in counts.values()))}",
        f"{dataset} {_void.entities} {_count(sum(e for _, e in counts.values()))}",
        f"{build} {_rdf.type} {_prov.Activity}",
        f"{build} {_prov.startedAtTime} {_time(started)}",
        f"{build} {_prov.endedAtTime} {_time(ended)}",
        f"{build} {_k.softwareVersion} {version}",
    ]
    for graph_name, (graph_triples, entities) in sorted(counts.items()):
        subset = iri(subset_uri(graph_name))
        triples += [f"{dataset} {_void.subset} {subset}",
                    f"{subset} {_rdf.type} {_void.Dataset}",
                    f"{subset} {_k.graph} {iri(graph_name)}",
                    f"{subset} {_void.triples} {_count(graph_triples)}",
                    f"{subset} {_void.entities} {_count(entities)}"]
    for source in sources:
        node = iri(dataset_uri("source", quote(source.name)))
        triples += [f"{dataset} {_prov.wasDerivedFrom} {node}",
                    f"{node} {_rdf.type} {_prov.Entity}",
                    f"{node} {_k.sourceFile} {literal(source.name)}",
                    f"{node} {_k.sha256} {literal(source.sha256)}"]
        graph_name = source.graph or (document_graph(source.record_source)
                                      if source.record_source else None)
        if graph_name:
            triples.append(f"{node} {_k.graph} {iri(graph_name)}")
    return triples
