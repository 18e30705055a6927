"""Turn a resource description into what the HTML page shows, in one UI language."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from urllib.parse import urlsplit

from rdflib import Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS, XSD
from rdflib.term import Node

from kg.rdf.vocab import K
from server import i18n
from server.pages.resource import HANGING, Description, Evidence
from server.web import local_href, settings, web_url

PREDICATE_ORDER = [
    K.title, SKOS.prefLabel, K.altTitle, SKOS.altLabel, K.description, K.startDate, K.endDate,
    K.status, K.scope, K.hasParticipation, K.hasFunding, K.totalBudget, K.municipality,
    K.region, K.inRegion, K.overlapsRegion, K.targetGroup, K.topic, K.goal, K.activity,
    K.hasOutcome, K.hasIndicator, K.hasPersonRole, K.hasEvent, K.webPage, K.sourceDocument,
]
EXTERNAL_PROPS = (OWL.sameAs, SKOS.exactMatch, SKOS.closeMatch, K.rorId)
HIDDEN_PROPS = (RDF.type, RDFS.label)
HIDDEN_NODE_PROPS = (RDF.type, K.currency)  # every amount is in euros
MAIN_OF_NODE = (K.person, K.organisation, K.funder, K.programme, K.text)


@dataclass
class SourceRef:
    label: str
    href: str | None  # None: no http(s) address to link to


@dataclass
class Value:
    text: str
    href: str | None = None
    lang: str | None = None
    notes: list[str] = field(default_factory=list)
    sources: list[SourceRef] = field(default_factory=list)
    quotes: list[Evidence] = field(default_factory=list)


@dataclass
class Row:
    label: str
    values: list[Value]


@dataclass
class Page:
    uri: str
    title: str
    kind: str
    rows: list[Row]
    incoming: list[Row]
    incoming_truncated: bool
    external: list[str]
    evidence: list[tuple[Evidence, SourceRef | None]]
    documents: list[SourceRef]
    completeness: list[tuple[str, bool]] = field(default_factory=list)


def _cut_start(text: str) -> str:
    """A prefix without the word it begins inside of: 'rtaa -hanke vie' -> '…-hanke vie'."""
    head, space, rest = text.partition(" ")
    return f"…{space}{rest}" if rest.strip() and head[:1].isalnum() else text


def _cut_end(text: str) -> str:
    rest, space, tail = text.rpartition(" ")
    return f"{rest}{space}…" if rest.strip() and tail[-1:].isalnum() else text


def trimmed(evidence: Evidence, field_label: str) -> Evidence:
    """The quote with its context cut at word boundaries and its field named for people."""
    return replace(evidence, field=field_label,
                   prefix=_cut_start(evidence.prefix) if evidence.prefix else evidence.prefix,
                   suffix=_cut_end(evidence.suffix) if evidence.suffix else evidence.suffix)


def local_name(term: Node) -> str:
    text = str(term)
    return text.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


class Presenter:
    def __init__(self, description: Description, lang: str) -> None:
        self.d = description
        self.lang = lang

    # --- labels -------------------------------------------------------------------------
    def label(self, node: Node) -> str:
        if isinstance(node, Literal):
            return self.literal_text(node)
        picked = i18n.pick_label(self.d.label_pairs(node), self.lang)
        return picked or local_name(node)

    def literal_text(self, literal: Literal) -> str:
        if literal.datatype == XSD.decimal:
            number = literal.toPython()
            return f"{number:,.2f}".replace(",", "\u202f").removesuffix(".00")
        status = i18n.term_label(str(literal), self.lang, i18n.STATUS_LABELS)
        return status or str(literal)

    def predicate_label(self, predicate: Node) -> str:
        name = local_name(predicate)
        return (i18n.term_label(name, self.lang, i18n.PROPERTY_LABELS)
                or i18n.pick_label(self.d.label_pairs(predicate), self.lang) or name)

    def role_label(self, role: Node) -> str:
        name = local_name(role)
        return (i18n.term_label(name, self.lang, i18n.ROLE_LABELS)
                or i18n.pick_label(self.d.label_pairs(role), self.lang) or name)

    def kind_label(self, uri: Node) -> str:
        parts = str(uri)[len(settings().base_uri):].split("/")
        key = f"kind_{parts[1]}" if len(parts) > 2 and parts[0] == "id" else ""
        return i18n.t(key, self.lang) if key in i18n.STRINGS else ""

    # --- values -------------------------------------------------------------------------
    def source_of(self, graph: URIRef | None) -> SourceRef | None:
        doc = self.d.graph_documents.get(graph) if graph is not None else None
        return self.document_ref(doc) if doc is not None else None

    def document_ref(self, doc: URIRef) -> SourceRef:
        """A source named by its web address (host and path) when it has one, else by its
        file or register row."""
        info = self.d.documents.get(doc)
        url = web_url(info.url if info else None)
        label = (info.source_file if info and info.source_file else None) or local_name(doc)
        if url:
            parts = urlsplit(url)
            label = (parts.netloc.removeprefix("www.") + parts.path.rstrip("/")) or label
        return SourceRef(label, url or local_href(str(doc)))

    def field_label(self, name: str | None) -> str:
        """An evidence quote's record field in the page language."""
        if not name:
            return ""
        return i18n.term_label(name, self.lang, i18n.FIELD_LABELS) or name.replace("_", " ")

    def completeness(self) -> list[tuple[str, bool]]:
        """Which of funder, amount, dates and place a project's own facts give."""
        own = {(p, o) for p, o, _g in self.d.own_facts()}
        predicates = {p for p, _o in own}
        fundings = [o for p, o in own if p == K.hasFunding]
        funding_facts = {p for f in fundings for p, _o, _g in self.d.node_facts(f)}
        return [(i18n.t(f"known_{name}", self.lang), known) for name, known in (
            ("funder", K.funder in funding_facts), ("amount", K.amount in funding_facts),
            ("dates", bool({K.startDate, K.endDate} & predicates)),
            ("place", bool({K.municipality, K.region} & predicates)))]

    def plain_value(self, obj: Node) -> Value:
        if isinstance(obj, Literal):
            return Value(self.literal_text(obj), lang=obj.language)
        text = self.label(obj)
        return Value(text, href=local_href(str(obj)))

    def node_value(self, node: Node) -> Value:
        facts = {p: o for p, o, _g in self.d.node_facts(node) if p not in HIDDEN_NODE_PROPS}
        main = next((p for p in MAIN_OF_NODE if p in facts), None)
        value = self.plain_value(facts[main]) if main else Value(local_name(node))
        for predicate, obj in facts.items():
            if predicate == main:
                continue
            if predicate == K.role:
                value.notes.append(self.role_label(obj))
            elif predicate == K.roleName:
                value.notes.append(str(obj))
            else:
                value.notes.append(f"{self.predicate_label(predicate)}: {self.label(obj)}")
        value.quotes = [e for e in self.d.evidence if e.body == node]
        return value

    def fact_value(self, predicate: URIRef, obj: Node, graph: URIRef | None) -> Value:
        value = self.node_value(obj) if predicate in HANGING else self.plain_value(obj)
        source = self.source_of(graph)
        if source:
            value.sources.append(source)
        if predicate not in HANGING:
            wanted = {value.text.casefold(), str(obj).casefold()}
            value.quotes = [e for e in self.d.evidence if e.body == self.d.uri
                            and (e.value or "").casefold() in wanted]
        return value

    # --- rows ---------------------------------------------------------------------------
    def rows(self) -> list[Row]:
        grouped: dict[URIRef, list[Value]] = {}
        seen: set[tuple[URIRef, Node]] = set()
        for predicate, obj, graph in self.d.own_facts():
            if predicate in HIDDEN_PROPS or predicate in EXTERNAL_PROPS:
                continue
            if (predicate, obj) in seen:
                sources = self.source_of(graph)
                if sources:
                    self._add_source(grouped[predicate], obj, sources)
                continue
            seen.add((predicate, obj))
            grouped.setdefault(predicate, []).append(self.fact_value(predicate, obj, graph))
        order = {p: i for i, p in enumerate(PREDICATE_ORDER)}
        ranked = sorted(grouped, key=lambda p: (order.get(p, len(order)), self.predicate_label(p)))
        return [Row(self.predicate_label(p), grouped[p]) for p in ranked]

    def _add_source(self, values: list[Value], obj: Node, source: SourceRef) -> None:
        text = self.plain_value(obj).text
        for value in values:
            if value.text == text and source not in value.sources:
                value.sources.append(source)

    def incoming(self) -> list[Row]:
        grouped: dict[str, list[Value]] = {}
        for item in self.d.incoming:
            label = f"{self.kind_label(item.subject)} – {self.predicate_label(item.predicate)}"
            value = self.plain_value(item.subject)
            if item.role is not None:
                value.notes.append(self.role_label(item.role))
            if item.role_name is not None:
                value.notes.append(str(item.role_name))
            grouped.setdefault(label.strip(" –"), []).append(value)
        return [Row(label, sorted(values, key=lambda v: v.text.casefold()))
                for label, values in sorted(grouped.items())]

    def page(self) -> Page:
        external = sorted({str(o) for p, o, _g in self.d.own_facts()
                           if p in EXTERNAL_PROPS and web_url(str(o))})
        evidence = [(trimmed(e, self.field_label(e.field)),
                     self.document_ref(e.document) if e.document else None)
                    for e in self.d.evidence]
        documents = [self.document_ref(doc) for doc in sorted(self.d.documents)]
        return Page(uri=str(self.d.uri), title=self.label(self.d.uri),
                    kind=self.kind_label(self.d.uri), rows=self.rows(), incoming=self.incoming(),
                    incoming_truncated=self.d.incoming_truncated, external=external,
                    evidence=evidence, documents=documents,
                    completeness=self.completeness() if self.is_project() else [])

    def is_project(self) -> bool:
        return (K.Project in {o for p, o, _g in self.d.own_facts() if p == RDF.type})
