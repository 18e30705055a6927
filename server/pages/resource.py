"""What the graph says about one resource, read with a few targeted SELECTs.

A resource's description is: its own triples; the nodes hanging off it
(participations, fundings, person roles, outcomes, indicators) with theirs; the
resources pointing at it (climbing from a hanging node to its project, so an
organisation sees its projects and roles); the Web Annotations whose body is
the resource or one of its hanging nodes; the labels of everything linked; and
the source documents of the named graphs the facts came from. The HTML page and
the RDF documents are both made from this one description.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import FOAF, OWL, RDF, RDFS, SKOS
from rdflib.term import Node

from kg.rdf.vocab import OA, PREFIXES, K
from server.services import get_engine
from server.sparql.terms import iri, iri_list, iris

HANGING = (K.hasParticipation, K.hasFunding, K.hasPersonRole, K.hasOutcome, K.hasIndicator)
LABEL_PROPS = (SKOS.prefLabel, RDFS.label, K.title, FOAF.name, K.text, K.sourceFile)
# Links that only repeat what the page shows another way; not listed as "referenced by".
IGNORED_INCOMING = (OA.hasBody, OA.hasSource, OWL.sameAs)
INCOMING_LIMIT = 200
# An entity named in many documents is described in each document's graph; its facts are
# read up to this many (graph, triple) rows and the documents of up to SOURCE_LIMIT graphs.
FACT_ROW_LIMIT = 1000
SOURCE_LIMIT = 50


@dataclass
class Document:
    uri: URIRef
    source_file: str | None = None
    url: str | None = None


@dataclass
class Evidence:
    body: URIRef
    field: str | None
    value: str | None
    document: URIRef | None
    exact: str | None
    prefix: str | None
    suffix: str | None


@dataclass
class Incoming:
    subject: URIRef          # the resource that links here (a project when climbed)
    predicate: URIRef        # how: kuhy:organisation, kuhy:funder, kuhy:municipality …
    via: URIRef | None       # the hanging node in between, if any
    role: URIRef | None = None
    role_name: Literal | None = None


@dataclass
class Description:
    uri: URIRef
    facts: list[tuple[URIRef, URIRef, Node, URIRef | None]] = field(default_factory=list)
    incoming: list[Incoming] = field(default_factory=list)
    incoming_truncated: bool = False
    extra_triples: set[tuple[Node, Node, Node]] = field(default_factory=set)
    labels: dict[Node, list[tuple[URIRef, str | None, str]]] = field(default_factory=dict)
    evidence: list[Evidence] = field(default_factory=list)
    documents: dict[URIRef, Document] = field(default_factory=dict)
    graph_documents: dict[URIRef, URIRef] = field(default_factory=dict)

    @property
    def exists(self) -> bool:
        return bool(self.facts or self.incoming)

    def own_facts(self) -> list[tuple[URIRef, Node, URIRef | None]]:
        return [(p, o, g) for s, p, o, g in self.facts if s == self.uri]

    def node_facts(self, node: Node) -> list[tuple[URIRef, Node, URIRef | None]]:
        return [(p, o, g) for s, p, o, g in self.facts if s == node]

    def label_pairs(self, node: Node) -> list[tuple[str | None, str]]:
        """(language, text) of the node's labels, best-suited property first."""
        rows = self.labels.get(node, [])
        order = {prop: index for index, prop in enumerate(LABEL_PROPS)}
        return [(lang, text) for _p, lang, text in sorted(rows, key=lambda r: order[r[0]])]

    def to_graph(self) -> Graph:
        """Everything in the description as RDF (for Turtle, JSON-LD, N-Triples, RDF/XML)."""
        graph = Graph()
        for prefix, namespace in PREFIXES.items():
            graph.bind(prefix, namespace)
        for subject, predicate, obj, _graph in self.facts:
            graph.add((subject, predicate, obj))
        for triple in self.extra_triples:
            graph.add(triple)
        for node, rows in self.labels.items():
            for predicate, lang, text in rows:
                graph.add((node, predicate, Literal(text, lang=lang)))
        return graph


def _named(nodes: Iterable[Node]) -> list[URIRef]:
    """The IRIs among nodes (blank nodes cannot be named in a query)."""
    return [node for node in nodes if isinstance(node, URIRef)]


def _text(term: Node | None) -> str | None:
    return None if term is None else str(term)


def _read_facts(description: Description) -> None:
    uri = iri(description.uri)
    rows = get_engine().select(f"""
        SELECT DISTINCT ?s ?p ?o ?g WHERE {{
          {{ GRAPH ?g {{ {uri} ?p ?o }} BIND({uri} AS ?s) }}
          UNION
          {{ VALUES ?hp {{ {iris(HANGING)} }} {uri} ?hp ?s . GRAPH ?g {{ ?s ?p ?o }} }}
        }} LIMIT {FACT_ROW_LIMIT}""")
    description.facts = [(row["s"], row["p"], row["o"], row.get("g")) for row in rows]


def _read_incoming(description: Description) -> None:
    uri = iri(description.uri)
    rows = get_engine().select(f"""
        SELECT DISTINCT ?s ?p ?project ?hp ?role ?roleName WHERE {{
          ?s ?p {uri} .
          FILTER(isIRI(?s) && ?p NOT IN ({iri_list(IGNORED_INCOMING)}))
          OPTIONAL {{ ?project ?hp ?s FILTER(?hp IN ({iri_list(HANGING)})) }}
          OPTIONAL {{ ?s {iri(K.role)} ?role }}
          OPTIONAL {{ ?s {iri(K.roleName)} ?roleName }}
        }} LIMIT {INCOMING_LIMIT + 1}""")
    description.incoming_truncated = len(rows) > INCOMING_LIMIT
    for row in rows[:INCOMING_LIMIT]:
        subject, predicate, project = row["s"], row["p"], row.get("project")
        description.extra_triples.add((subject, predicate, description.uri))
        if project is not None:
            description.extra_triples.add((project, row["hp"], subject))
        for key, prop in (("role", K.role), ("roleName", K.roleName)):
            if key in row:
                description.extra_triples.add((subject, prop, row[key]))
        description.incoming.append(Incoming(
            subject=project or subject, predicate=predicate,
            via=subject if project is not None else None,
            role=row.get("role"), role_name=row.get("roleName")))


def _read_evidence(description: Description) -> None:
    bodies = {description.uri} | {s for s, _p, _o, _g in description.facts
                                   if isinstance(s, URIRef)}
    nodes = get_engine().select(f"""
        SELECT ?ann ?body ?target ?selector WHERE {{
          VALUES ?body {{ {iris(bodies)} }}
          ?ann {iri(OA.hasBody)} ?body .
          OPTIONAL {{ ?ann {iri(OA.hasTarget)} ?target .
                     OPTIONAL {{ ?target {iri(OA.hasSelector)} ?selector }} }}
        }}""")
    if not nodes:
        return
    owner: dict[Node, Node] = {}  # annotation, target or selector -> its annotation
    for row in nodes:
        for key in ("ann", "target", "selector"):
            if key in row:
                owner[row[key]] = row["ann"]
    rows = get_engine().select(f"""
        SELECT ?s ?p ?o WHERE {{ VALUES ?s {{ {iris(_named(owner))} }} ?s ?p ?o }}""")
    per_annotation: dict[Node, dict[URIRef, Node]] = {
        row["ann"]: {OA.hasBody: row["body"]} for row in nodes}
    for row in rows:
        description.extra_triples.add((row["s"], row["p"], row["o"]))
        per_annotation[owner[row["s"]]].setdefault(row["p"], row["o"])
    for values in per_annotation.values():
        description.evidence.append(Evidence(
            body=values[OA.hasBody], field=_text(values.get(K.field)),
            value=_text(values.get(K.value)), document=values.get(OA.hasSource),
            exact=_text(values.get(OA.exact)), prefix=_text(values.get(OA.prefix)),
            suffix=_text(values.get(OA.suffix))))


def _read_labels(description: Description) -> None:
    nodes: set[Node] = {description.uri}
    for _s, predicate, obj, _g in description.facts:
        nodes.add(predicate)
        if isinstance(obj, URIRef):
            nodes.add(obj)
    for item in description.incoming:
        nodes.update(n for n in (item.subject, item.predicate, item.role) if n is not None)
    # (VALUES ?p would make the engine scan every label; a FILTER keeps it on ?x lookups)
    rows = get_engine().select(f"""
        SELECT DISTINCT ?x ?p ?l WHERE {{
          VALUES ?x {{ {iris(nodes)} }} ?x ?p ?l .
          FILTER(?p IN ({iri_list(LABEL_PROPS)}) && isLiteral(?l))
        }}""")
    for row in rows:
        label = row["l"]
        description.labels.setdefault(row["x"], []).append(
            (row["p"], getattr(label, "language", None), str(label)))


def _read_documents(description: Description) -> None:
    graphs = sorted({g for *_rest, g in description.facts if g is not None})[:SOURCE_LIMIT]
    documents = {e.document for e in description.evidence if e.document is not None}
    if not graphs and not documents:
        return
    rows = get_engine().select(f"""
        SELECT DISTINCT ?g ?doc ?file ?url WHERE {{
          {{ VALUES ?g {{ {iris(graphs)} }} GRAPH ?g {{ ?doc a {iri(K.Document)} }} }}
          UNION {{ VALUES ?doc {{ {iris(documents)} }} }}
          OPTIONAL {{ ?doc {iri(K.sourceFile)} ?file }}
          OPTIONAL {{ ?doc {iri(K.url)} ?url }}
        }}""")
    for row in rows:
        doc = row["doc"]
        description.documents.setdefault(
            doc, Document(doc, _text(row.get("file")), _text(row.get("url"))))
        if "g" in row:
            description.graph_documents[row["g"]] = doc


def describe(uri: str) -> Description:
    """Read the description of ``uri`` (empty ``facts`` and ``incoming`` when unknown)."""
    description = Description(URIRef(uri))
    _read_facts(description)
    _read_incoming(description)
    if not description.exists:
        return description
    _read_evidence(description)
    _read_labels(description)
    _read_documents(description)
    return description


def type_of(description: Description) -> list[URIRef]:
    return [o for p, o, _g in description.own_facts() if p == RDF.type]
