"""Extraction record -> one named graph per source document (shape: ``kg/rdf/vocab.py``).

Organisation, place and concept names go through a linker (``kg.link``); an
entity the linker marks ``from_reference`` is described in the reference graph
(once), every other node inside the document graph. Each node is named from
its content (``kg.rdf.keys``), so the output does not depend on input order.
What happens to each record field is listed in ``kg.rdf.fields.FIELD_MAPPING``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any
from urllib.parse import quote

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, OWL, PROV, RDF, RDFS, SKOS, XSD

from kg.link.model import Entity, Linker, slug
from kg.rdf import keys
from kg.rdf.evidence import add_annotation
from kg.rdf.vocab import ROLE_TERMS, SCHEMA, WD, K

ENTITY_CLASSES = {
    "organisation": K.Organisation,
    "municipality": K.Municipality,
    "region": K.Region,
    "area": K.Area,
    "concept": SKOS.Concept,
}
IDENTIFIER_PROPERTIES = {
    "kunta": K.statisticsFinlandCode,
    "maakunta": K.regionCode,
    "business_id": K.businessId,
}
DATE_TYPES = {4: XSD.gYear, 7: XSD.gYearMonth, 10: XSD.date}


@dataclass
class MappedDocument:
    """The RDF read from one record: its document graph and reference-entity triples."""

    source: str
    graph_uri: URIRef
    graph: Graph
    reference: Graph
    projects: list[URIRef] = field(default_factory=list)
    left_out: list[str] = field(default_factory=list)  # why parts of the record were not mapped


def date_literal(value: str) -> Literal:
    return Literal(value, datatype=DATE_TYPES[len(value)])


def decimal_literal(value: float | int) -> Literal:
    lexical = format(Decimal(str(value)).normalize(), "f")
    return Literal(lexical, datatype=XSD.decimal)


def time_literal(value: str) -> Literal:
    return Literal(value.replace(".", ":") + ":00", datatype=XSD.time)


def web_iri(link: str) -> URIRef | None:
    """A link as an IRI: scheme added when missing, unsafe characters escaped."""
    link = link.strip()
    if not link or " " in link:
        return None
    if "://" not in link:
        link = "http://" + link
    return URIRef(quote(link, safe=":/?#[]@!$&'()*+,;=%~-._"))


class RecordMapper:
    """Maps records with one linker; ``include_contacts`` writes e-mail and phone."""

    def __init__(self, linker: Linker, include_contacts: bool = False) -> None:
        self.linker = linker
        self.include_contacts = include_contacts

    def map(self, record: dict[str, Any], text: str | None = None,
            text_sha256: str | None = None, extraction_version: str = "curated") -> MappedDocument:
        builder = _DocumentBuilder(self, record, text)
        builder.add_document(text_sha256, extraction_version)
        for position, project in enumerate(record["projects"], start=1):
            if keys.main_title(project, builder.lang) is None:
                builder.result.left_out.append(f"project {position} has no title in any "
                                               "language; left out")
                continue
            builder.add_project(project)
        return builder.result


class _DocumentBuilder:
    """Writes one record; keeps the fact nodes evidence entries attach to."""

    def __init__(self, mapper: RecordMapper, record: dict[str, Any], text: str | None) -> None:
        self.linker = mapper.linker
        self.include_contacts = mapper.include_contacts
        self.record = record
        self.text = text
        self.lang = record.get("language") or None
        self.source = record["source"]
        self.doc = keys.thing("document", keys.source_key(self.source))
        self.result = MappedDocument(self.source, keys.document_graph(self.source), Graph(),
                                     Graph())
        self.graph = self.result.graph
        self.described: set[URIRef] = set()
        self.facts: dict[tuple[str, str], URIRef] = {}

    # -- helpers ---------------------------------------------------------
    def add(self, s: URIRef, p: URIRef, o: Any) -> None:
        self.graph.add((s, p, o))

    def text_literal(self, value: str, lang: str | None = None) -> Literal:
        return Literal(keys.normalise(value), lang=lang or self.lang)

    def remember(self, field_name: str, value: Any, node: URIRef) -> None:
        """Note the node a (field, value) fact lives on; the smallest IRI wins a tie."""
        if value is not None:
            fact = (field_name, keys.normalise(str(value)).casefold())
            known = self.facts.get(fact)
            self.facts[fact] = node if known is None else min(known, node)

    # -- document --------------------------------------------------------
    def add_document(self, text_sha256: str | None, extraction_version: str) -> None:
        doc = self.doc
        self.add(doc, RDF.type, K.Document)
        self.add(doc, K.sourceFile, Literal(self.source))
        self.add(doc, RDFS.label, Literal(self.source))
        url = web_iri(self.record.get("url") or "")
        if url is not None:
            self.add(doc, K.url, url)
            self.add(doc, PROV.wasDerivedFrom, url)
        if self.lang:
            self.add(doc, DCTERMS.language, Literal(self.lang))
        if text_sha256:
            self.add(doc, K.sha256, Literal(text_sha256))
        activity = URIRef(f"{doc}#extraction")
        self.add(doc, PROV.wasGeneratedBy, activity)
        self.add(activity, RDF.type, PROV.Activity)
        self.add(activity, K.extractionVersion, Literal(extraction_version))

    # -- entities ----------------------------------------------------------
    def entity(self, entity: Entity, written_as: str | None = None) -> URIRef:
        uri = keys.thing(entity.uri_kind, entity.key)
        target = self.result.reference if entity.from_reference else self.graph
        if uri not in self.described:
            self.described.add(uri)
            self._describe(uri, entity, target)
        if written_as and keys.normalise(written_as) != entity.name:
            known = {entity.name, *(label for _, label in entity.labels),
                     *(label for _, label in entity.alt_labels)}
            if keys.normalise(written_as) not in known:
                self.add(uri, SKOS.altLabel, self.text_literal(written_as))
        return uri

    def _describe(self, uri: URIRef, entity: Entity, target: Graph) -> None:
        add = target.add
        add((uri, RDF.type, ENTITY_CLASSES[entity.kind]))
        add((uri, SKOS.prefLabel, Literal(entity.name, lang=entity.lang)))
        add((uri, RDFS.label, Literal(entity.name, lang=entity.lang)))
        for lang, label in entity.labels:
            add((uri, SKOS.prefLabel, Literal(label, lang=lang)))
            add((uri, RDFS.label, Literal(label, lang=lang)))
        for lang, label in entity.alt_labels:
            add((uri, SKOS.altLabel, Literal(label, lang=lang)))
        for iri in entity.same_as:
            add((uri, OWL.sameAs, URIRef(iri)))
        for iri in entity.exact_match:
            add((uri, SKOS.exactMatch, URIRef(iri)))
        for iri in entity.close_match:
            add((uri, SKOS.closeMatch, URIRef(iri)))
        for iri in entity.broad_match:
            add((uri, SKOS.broadMatch, URIRef(iri)))
        self._yso_labels(entity)
        for scheme, value in entity.identifiers:
            if scheme == "ror":
                add((uri, K.rorId, URIRef(value)))
            elif scheme == "wikidata":
                add((uri, OWL.sameAs, WD[value]))
            else:
                add((uri, IDENTIFIER_PROPERTIES.get(scheme, DCTERMS.identifier), Literal(value)))
        link = K.inRegion if entity.kind == "municipality" else K.overlapsRegion
        for parent in entity.broader:
            parent_uri = keys.thing(parent.uri_kind, parent.key)
            if parent_uri not in self.described:
                self.described.add(parent_uri)
                self._describe(parent_uri, parent, self.result.reference
                               if parent.from_reference else self.graph)
            add((uri, link, parent_uri))

    def _yso_labels(self, entity: Entity) -> None:
        """A concept from reference data bears its YSO concept's labels: write them on the
        YSO IRI too (reference graph), so queries that reach YSO can show its name."""
        matches = entity.exact_match + entity.close_match
        if entity.kind != "concept" or not entity.from_reference or len(matches) != 1:
            return
        yso = URIRef(matches[0])
        for lang, label in ((entity.lang, entity.name), *entity.labels):
            self.result.reference.add((yso, SKOS.prefLabel, Literal(label, lang=lang)))

    def organisation(self, name: str) -> URIRef:
        return self.entity(self.linker.organisation(keys.normalise(name), self.lang), name)

    # -- projects ----------------------------------------------------------
    def add_project(self, project: dict[str, Any]) -> None:
        key = keys.project_key(project, self.lang)
        node = keys.thing("project", key)
        self.result.projects.append(node)
        self.facts = {}
        self.add(node, RDF.type, K.Project)
        self.add(node, K.sourceDocument, self.doc)
        _ProjectWriter(self, project, node, key).write()
        for evidence in project.get("evidence") or []:
            body = self.facts.get((evidence["field"],
                                   keys.normalise(str(evidence.get("value"))).casefold()), node)
            add_annotation(self.graph, node, body, self.doc, evidence, self.text)


class _ProjectWriter:
    """The triples of one project, one method per group of record fields."""

    def __init__(self, doc: _DocumentBuilder, project: dict[str, Any], node: URIRef,
                 key: str) -> None:
        self.doc = doc
        self.project = project
        self.node = node
        self.key = key
        self.add = doc.add
        self.participations: dict[URIRef, URIRef] = {}
        self.fundings: dict[URIRef, URIRef] = {}  # funder organisation -> its funding node

    def write(self) -> None:
        self.titles()
        self.plain_facts()
        self.funding()
        self.participation()
        self.places_and_concepts()
        self.outcomes_and_indicators()
        self.people()
        self.events()

    def titles(self) -> None:
        doc, node = self.doc, self.node
        main = keys.main_title(self.project, doc.lang)
        if main:
            self.add(node, RDFS.label, Literal(main[1], lang=main[0]))
        for lang, title in sorted((self.project.get("title") or {}).items()):
            if title and title.strip():
                self.add(node, K.title, Literal(keys.normalise(title), lang=lang))
                doc.remember("title", title, node)
        for alt in self.project.get("alt_titles") or []:
            self.add(node, K.altTitle, Literal(keys.normalise(alt)))
            doc.remember("alt_titles", alt, node)

    def plain_facts(self) -> None:
        project, node, doc = self.project, self.node, self.doc
        if project.get("description"):
            self.add(node, K.description, doc.text_literal(project["description"]))
        for field_name, prop in (("start_date", K.startDate), ("end_date", K.endDate)):
            if project.get(field_name):
                self.add(node, prop, date_literal(project[field_name]))
        for field_name, prop in (("status", K.status), ("scope", K.scope)):
            if project.get(field_name):
                self.add(node, prop, Literal(project[field_name]))
        budget = project.get("budget") or {}
        if budget.get("total_eur") is not None:
            self.add(node, K.totalBudget, decimal_literal(budget["total_eur"]))
        for field_name, prop in (("goals", K.goal), ("activities", K.activity)):
            for value in project.get(field_name) or []:
                self.add(node, prop, doc.text_literal(value))
        for link in project.get("links") or []:
            iri = web_iri(link)
            if iri is not None:
                self.add(node, K.webPage, iri)

    def participation_node(self, org: URIRef) -> URIRef:
        if org not in self.participations:
            part = keys.fragment(self.node, "participation", str(org))
            self.participations[org] = part
            self.add(self.node, K.hasParticipation, part)
            self.add(part, RDF.type, K.Participation)
            self.add(part, K.organisation, org)
        return self.participations[org]

    def participation(self) -> None:
        for field_name, role in (("lead_organisations", "lead"),
                                 ("partner_organisations", "partner")):
            for name in self.project.get(field_name) or []:
                part = self.participation_node(self.doc.organisation(name))
                self.add(part, K.role, ROLE_TERMS[role])
                self.doc.remember(field_name, name, part)
        for share in (self.project.get("budget") or {}).get("shares") or []:
            org = self.doc.organisation(share["organisation"])
            funding = self.fundings.get(org)
            if funding is not None:  # a funder's share is the amount of its funding
                node, prop = funding, K.amount
            else:
                node, prop = self.participation_node(org), K.budgetShare
            if share.get("eur") is not None:
                self.add(node, prop, decimal_literal(share["eur"]))
            self.doc.remember("budget", share.get("eur"), node)

    def funding(self) -> None:
        funders = self.project.get("funders") or []
        programmes = sorted(self.project.get("funding_programmes") or [])
        if len(funders) == 1:
            pairs = [(funders[0], programmes)]
        else:
            pairs = [(funder, []) for funder in funders]
            pairs += [(None, [programme]) for programme in programmes]
        for funder, its_programmes in pairs:
            node = keys.thing("funding", f"{self.key}-{keys.digest(funder, *its_programmes)}")
            self.add(self.node, K.hasFunding, node)
            self.add(node, RDF.type, K.Funding)
            self.add(node, K.currency, Literal("EUR"))
            if funder:
                org = self.doc.organisation(funder)
                self.add(node, K.funder, org)
                self.fundings.setdefault(org, node)
                self.doc.remember("funders", funder, node)
            for programme in its_programmes:
                self.add(node, K.programme, self.programme(programme))
                self.doc.remember("funding_programmes", programme, node)

    def programme(self, name: str) -> URIRef:
        name = keys.normalise(name)
        node = keys.thing("programme", slug(name))
        self.add(node, RDF.type, K.FundingProgramme)
        self.add(node, SKOS.prefLabel, Literal(name, lang=self.doc.lang))
        self.add(node, RDFS.label, Literal(name, lang=self.doc.lang))
        return node

    def places_and_concepts(self) -> None:
        doc, linker = self.doc, self.doc.linker
        for field_name in ("regions", "municipalities"):
            for name in self.project.get(field_name) or []:
                entity = linker.place(keys.normalise(name), doc.lang)
                prop = K.municipality if entity.kind == "municipality" else K.region
                self.add(self.node, prop, doc.entity(entity, name))
        for field_name, prop in (("target_groups", K.targetGroup), ("topics", K.topic)):
            for name in self.project.get(field_name) or []:
                entity = linker.concept(keys.normalise(name), doc.lang, field=field_name)
                self.add(self.node, prop, doc.entity(entity, name))

    def outcomes_and_indicators(self) -> None:
        for text in self.project.get("outcomes") or []:
            node = keys.thing("outcome", f"{self.key}-{keys.digest(text)}")
            self.add(self.node, K.hasOutcome, node)
            self.add(node, RDF.type, K.Outcome)
            self.add(node, K.text, self.doc.text_literal(text))
            self.doc.remember("outcomes", text, node)
        for indicator in self.project.get("indicators") or []:
            value, unit, text = (indicator.get(name) for name in ("value", "unit", "text"))
            node = keys.thing("indicator", f"{self.key}-{keys.digest(value, unit, text)}")
            self.add(self.node, K.hasIndicator, node)
            self.add(node, RDF.type, K.Indicator)
            if value is not None:
                self.add(node, K.value, decimal_literal(value))
                self.doc.remember("indicators", value, node)
            if unit:
                self.add(node, K.unit, Literal(unit))
            if text:
                self.add(node, K.text, self.doc.text_literal(text))
                self.doc.remember("indicators", text, node)

    def people(self) -> None:
        for person in self.project.get("people") or []:
            name = keys.normalise(person["name"])
            node = keys.thing("person", slug(name))
            self.add(node, RDF.type, K.Person)
            self.add(node, FOAF.name, Literal(name))
            self.add(node, RDFS.label, Literal(name))
            if self.doc.include_contacts:
                if person.get("email"):
                    self.add(node, SCHEMA.email, Literal(person["email"].strip()))
                if person.get("phone"):
                    self.add(node, SCHEMA.telephone, Literal(person["phone"].strip()))
            role = keys.fragment(self.node, "person", name)
            self.add(self.node, K.hasPersonRole, role)
            self.add(role, RDF.type, K.PersonRole)
            self.add(role, K.person, node)
            for role_name in person.get("roles") or []:
                self.add(role, K.roleName, self.doc.text_literal(role_name))
            if person.get("organisation"):
                self.add(role, K.organisation, self.doc.organisation(person["organisation"]))
            self.doc.remember("people", name, role)

    def events(self) -> None:
        for event in self.project.get("events") or []:
            name, date, place = (event.get(key) for key in ("name", "date", "place"))
            node = keys.thing("event", f"{self.key}-{keys.digest(name, date, place)}")
            self.add(self.node, K.hasEvent, node)
            self.add(node, RDF.type, K.Event)
            if name:
                self.add(node, RDFS.label, self.doc.text_literal(name))
            if date:
                self.add(node, K.date, date_literal(date))
            for key, prop in (("start_time", K.startTime), ("end_time", K.endTime)):
                if event.get(key):
                    self.add(node, prop, time_literal(event[key]))
            if place:
                self.add(node, K.place, Literal(keys.normalise(place)))
            self.doc.remember("events", name, node)
