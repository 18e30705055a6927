"""Blueprint: ``/ontology`` — the vocabulary as a page (every class and property with its
labels and definitions in fi/sv/en, alignments, domain and range, how often the graph
uses it and one example) or as Turtle, JSON-LD, RDF/XML or N-Triples by negotiation."""

from __future__ import annotations

from dataclasses import dataclass, field

from flask import Blueprint, Response
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from kg import config
from kg.rdf.vocab import PREFIXES
from server import i18n
from server.services import get_engine, served_build
from server.sparql.terms import iri
from server.web import rdf_or_page, render_html, settings

bp = Blueprint("ontology", __name__)

SECTIONS = (("classes", (OWL.Class, RDFS.Class)), ("object_properties", (OWL.ObjectProperty,)),
            ("datatype_properties", (OWL.DatatypeProperty, RDF.Property)))
ALIGNMENTS = (RDFS.subClassOf, RDFS.subPropertyOf, OWL.equivalentClass,
              OWL.equivalentProperty)


@dataclass
class Term:
    uri: str
    name: str
    labels: dict[str, str] = field(default_factory=dict)
    definitions: dict[str, str] = field(default_factory=dict)
    alignments: list[str] = field(default_factory=list)
    domain: list[str] = field(default_factory=list)
    range: list[str] = field(default_factory=list)
    uses: int = 0
    example: str | None = None


def ontology_graph() -> Graph:
    graph_iri = iri(config.graph_uri("ontology", base=settings().base_uri))
    dataset = get_engine().construct(
        f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH {graph_iri} {{ ?s ?p ?o }} }}")
    graph = Graph()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    for triple in dataset.triples((None, None, None)):
        graph.add(triple)
    return graph


def prefixed(uri: str) -> str:
    for prefix, namespace in sorted(PREFIXES.items(), key=lambda item: -len(item[1])):
        if uri.startswith(namespace):
            return f"{prefix}:{uri[len(namespace):]}"
    return uri


def _usage() -> dict[str, tuple[int, str]]:
    """How often each class has members and each predicate is used, with one example
    subject; counted once per build."""
    def read() -> dict[str, tuple[int, str]]:
        rows = get_engine().select(f"""SELECT ?t (COUNT(?s) AS ?n) (SAMPLE(?s) AS ?x) WHERE {{
            ?s {iri(RDF.type)} ?t }} GROUP BY ?t""", 120.0)
        rows += get_engine().select("""SELECT ?t (COUNT(?s) AS ?n) (SAMPLE(?s) AS ?x) WHERE {
            ?s ?t ?o } GROUP BY ?t""", 120.0)
        return {str(r["t"]): (int(r["n"]), str(r["x"])) for r in rows if "x" in r}

    return served_build().cached("ontology-usage", read)


def _texts(graph: Graph, subject: URIRef, prop: URIRef) -> dict[str, str]:
    return {getattr(o, "language", None) or "": str(o) for o in graph.objects(subject, prop)}


def terms(graph: Graph) -> list[tuple[str, list[Term]]]:
    usage = _usage()
    base = settings().base_uri + "ontology#"
    sections = []
    seen: set[str] = set()
    for name, kinds in SECTIONS:
        subjects = sorted({str(s) for kind in kinds for s in graph.subjects(RDF.type, kind)
                           if str(s).startswith(base)} - seen)
        seen.update(subjects)
        listed = []
        for uri in subjects:
            node = URIRef(uri)
            uses, example = usage.get(uri, (0, None))
            listed.append(Term(
                uri, uri[len(base):], _texts(graph, node, RDFS.label),
                _texts(graph, node, SKOS.definition) or _texts(graph, node, RDFS.comment),
                sorted(str(o) for p in ALIGNMENTS for o in graph.objects(node, p)),
                sorted(str(o) for o in graph.objects(node, RDFS.domain)),
                sorted(str(o) for o in graph.objects(node, RDFS.range)), uses, example))
        sections.append((name, listed))
    return sections


def _page(graph: Graph) -> Response:
    return render_html("ontology.html", sections=terms(graph), prefixed=prefixed,
                       langs=i18n.LANGS)


@bp.get("/ontology")
def ontology() -> Response:
    return rdf_or_page(ontology_graph, _page)
