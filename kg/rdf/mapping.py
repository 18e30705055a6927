"""Extraction record -> one named graph per source document (shape: ``kg/rdf/vocab.py``).

Organisation, place and concept names go through a linker (``kg.link``); an
entity the linker marks ``from_reference`` is described in the reference graph
(once), every other node inside the document graph. Each node is named from
its content (``kg.rdf.keys``), so the output does not depend on input order.
What happens to each record field is listed in ``kg.rdf.fields.FIELD_MAPPING``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from typing import Any

from rdflib import Graph
from rdflib.namespace import DCTERMS, FOAF, OWL, PROV, RDF, RDFS, SKOS, XSD

from kg import config
from kg.link.model import Entity, Linker, slug
from kg.rdf import keys
from kg.rdf.contacts import keep, scrub
from kg.rdf.evidence import annotation_triples
from kg.rdf.nquads import (
    TermError,
    Terms,
    iri,
    literal,
    nquads_text,
    ntriples_text,
    typed,
    web_link,
)
from kg.rdf.vocab import ROLE_TERMS, SCHEMA, WD, K

# IRI terms as N-Triples text, by namespace
KT, RDFT, RDFST, SKOST, OWLT = Terms(K), Terms(RDF), Terms(RDFS), Terms(SKOS), Terms(OWL)
DCT, PROVT, FOAFT, SCHEMAT, XSDT = Terms(DCTERMS), Terms(PROV), Terms(FOAF), Terms(SCHEMA), \
    Terms(XSD)
A = RDFT.type
ENTITY_CLASSES = {
    "organisation": KT.Organisation,
    "municipality": KT.Municipality,
    "region": KT.Region,
    "subregion": KT.SubRegion,
    "area": KT.Area,
    "concept": SKOST.Concept,
}
IDENTIFIER_PROPERTIES = {
    "kunta": KT.statisticsFinlandCode,
    "maakunta": KT.regionCode,
    "seutukunta": KT.subRegionCode,
    "business_id": KT.businessId,
}
ROLES = {role: iri(term) for role, term in ROLE_TERMS.items()}
DATE_TYPES = {4: XSDT.gYear, 7: XSDT.gYearMonth, 10: XSDT.date}
REFERENCE_GRAPH = config.graph_uri("reference")
GENERATED = typed("true", XSDT.boolean)


@dataclass
class MappedDocument:
    """The RDF read from one record: its document graph and reference-entity triples,
    each an ordered set of ``"<s> <p> o"`` N-Triples strings (see ``kg.rdf.nquads``)."""

    source: str
    graph_uri: str
    triples: dict[str, None] = field(default_factory=dict)
    reference: dict[str, None] = field(default_factory=dict)
    projects: list[str] = field(default_factory=list)
    left_out: list[str] = field(default_factory=list)  # notices: what was written differently
    # values left out of the graph, as (focus, reason): the rest of the document stands
    dropped: list[tuple[str | None, str]] = field(default_factory=list)

    def nquads(self) -> str:
        """The document graph as N-Quads text."""
        return nquads_text(self.triples, self.graph_uri)

    def reference_nquads(self) -> str:
        return nquads_text(self.reference, REFERENCE_GRAPH)

    @cached_property
    def graph(self) -> Graph:
        """The document graph as an rdflib Graph (tests, the pyshacl engine)."""
        return Graph().parse(data=ntriples_text(self.triples), format="nt")

    @cached_property
    def reference_graph(self) -> Graph:
        return Graph().parse(data=ntriples_text(self.reference), format="nt")

    def subjects(self) -> set[str]:
        """The IRI subjects of the document graph (its entities)."""
        return {triple[:triple.index(">") + 1] for triple in self.triples}


def date_literal(value: str) -> str:
    return typed(value, DATE_TYPES[len(value)])


def decimal_literal(value: float | int) -> str:
    return typed(format(Decimal(str(value)).normalize(), "f"), XSDT.decimal)


def time_literal(value: str) -> str:
    return typed(value.replace(".", ":") + ":00", XSDT.time)


class RecordMapper:
    """Maps records with one linker; ``include_contacts`` writes e-mail and phone.

    The triples describing an entity depend on the entity alone, so they are
    made once per mapper and reused by every document that names it.
    """

    def __init__(self, linker: Linker, include_contacts: bool = False) -> None:
        self.linker = linker
        self.include_contacts = include_contacts
        self.descriptions: dict[Entity, tuple[list[str], list[str]]] = {}

    def map(self, record: dict[str, Any], text: str | None = None,
            text_sha256: str | None = None, extraction_version: str = "curated") -> MappedDocument:
        builder = _DocumentBuilder(self, record, text)
        builder.add_document(text_sha256, extraction_version)
        for position, project in enumerate(record["projects"], start=1):
            builder.add_project(builder.checked_titles(project, position), position)
        return builder.result

    def description(self, entity: Entity) -> tuple[list[str], list[str]]:
        """(document-graph triples, reference-graph triples) describing the entity."""
        found = self.descriptions.get(entity)
        if found is None:
            found = self.descriptions[entity] = ([], [])
            _describe(entity, found)
        return found


def _describe(entity: Entity, out: tuple[list[str], list[str]]) -> str:
    """Append the entity's (and its broader areas') triples to ``out``; return its IRI."""
    uri = keys.thing(entity.uri_kind, entity.key)
    target = out[1] if entity.from_reference else out[0]
    s = f"<{uri}> "
    add = target.append
    add(s + A + " " + ENTITY_CLASSES[entity.kind])
    for lang, label in ((entity.lang, entity.name), *entity.labels):
        add(s + SKOST.prefLabel + " " + literal(label, lang))
        add(s + RDFST.label + " " + literal(label, lang))
    for lang, label in entity.alt_labels:
        add(s + SKOST.altLabel + " " + literal(label, lang))
    for prop, iris in ((OWLT.sameAs, entity.same_as), (SKOST.exactMatch, entity.exact_match),
                       (SKOST.closeMatch, entity.close_match),
                       (SKOST.broadMatch, entity.broad_match)):
        for value in iris:
            add(s + prop + " " + iri(value))
    for scheme, value in entity.identifiers:
        if scheme == "ror":
            add(s + KT.rorId + " " + iri(value))
        elif scheme == "wikidata":
            add(s + OWLT.sameAs + " " + iri(WD[value]))
        else:
            add(s + IDENTIFIER_PROPERTIES.get(scheme, DCT.identifier) + " " + literal(value))
    _yso_labels(entity, out[1])
    link = KT.inRegion if entity.kind == "municipality" else KT.overlapsRegion
    for parent in entity.broader:
        add(s + link + " " + iri(_describe(parent, out)))
    for member in entity.members:
        add(s + KT.memberMunicipality + " " + iri(_describe(member, out)))
    return uri


def _yso_labels(entity: Entity, reference: list[str]) -> None:
    """A concept from reference data bears its YSO concept's labels: write them on the
    YSO IRI too (reference graph), so queries that reach YSO can show its name."""
    matches = entity.exact_match + entity.close_match
    if entity.kind != "concept" or not entity.from_reference or len(matches) != 1:
        return
    for lang, label in ((entity.lang, entity.name), *entity.labels):
        reference.append(f"<{matches[0]}> {SKOST.prefLabel} {literal(label, lang)}")


class _DocumentBuilder:
    """Writes one record; keeps the fact nodes evidence entries attach to."""

    def __init__(self, mapper: RecordMapper, record: dict[str, Any], text: str | None) -> None:
        self.mapper = mapper
        self.linker = mapper.linker
        self.include_contacts = mapper.include_contacts
        self.scrub: Callable[[str], str] = keep if mapper.include_contacts else scrub
        self.record = record
        self.text = text
        self.lang = record.get("language") or None
        self.source = record["source"]
        self.doc = keys.thing("document", keys.source_key(self.source))
        self.result = MappedDocument(self.source, keys.document_graph(self.source))
        self.triples = self.result.triples
        self.facts: dict[tuple[str, str], str] = {}

    # -- helpers ---------------------------------------------------------
    def add(self, s: str, p: str, o: str) -> None:
        """One triple: subject IRI (plain string), predicate and object as N-Triples terms."""
        self.triples[f"<{s}> {p} {o}"] = None

    def link(self, s: str, p: str, o: str) -> None:
        """One triple whose object is an IRI (plain string)."""
        self.triples[f"<{s}> {p} <{o}>"] = None

    def text_literal(self, value: str, lang: str | None = None) -> str:
        """A free-text literal: normalised, contacts scrubbed unless the build keeps them."""
        return literal(self.scrub(keys.normalise(value)), lang or self.lang)

    def drop(self, focus: str | None, reason: str) -> None:
        """Report a value left out of the graph (the rest of the document stands)."""
        self.result.dropped.append((focus, reason))

    def checked_titles(self, project: dict[str, Any], position: int) -> dict[str, Any]:
        """The project with only the titles whose keys are BCP 47 language tags."""
        titles = project.get("title") or {}
        valid = {}
        for lang, title in titles.items():
            try:
                literal("", lang)
                valid[lang] = title
            except TermError as error:
                self.drop(None, f"projects/{position - 1}/title: {error}; title left out")
        return project if len(valid) == len(titles) else {**project, "title": valid}

    def remember(self, field_name: str, value: Any, node: str) -> None:
        """Note the node a (field, value) fact lives on; the smallest IRI wins a tie."""
        if value is not None:
            fact = (field_name, keys.normalise(str(value)).casefold())
            known = self.facts.get(fact)
            self.facts[fact] = node if known is None else min(known, node)

    # -- document --------------------------------------------------------
    def add_document(self, text_sha256: str | None, extraction_version: str) -> None:
        doc = self.doc
        self.add(doc, A, KT.Document)
        self.add(doc, KT.sourceFile, literal(self.source))
        self.add(doc, RDFST.label, literal(self.source))
        if self.record.get("url"):
            try:
                url = web_link(self.record["url"])
                self.add(doc, KT.url, url)
                self.add(doc, PROVT.wasDerivedFrom, url)
            except TermError as error:
                self.drop(doc, f"url: {error}; left out")
        if self.lang:
            self.add(doc, DCT.language, literal(self.lang))
        extraction = self.record.get("extraction") or {}
        text_sha256 = text_sha256 or extraction.get("text_sha256")
        if text_sha256:
            self.add(doc, KT.sha256, literal(text_sha256))
        activity = f"{doc}#extraction"
        self.add(doc, PROVT.wasGeneratedBy, iri(activity))
        self.add(activity, A, PROVT.Activity)
        self.add(activity, KT.extractionVersion, literal(extraction_version))
        method = extraction.get("method") or ("curated" if extraction_version == "curated"
                                               else None)
        if method in ("machine", "curated"):
            self.add(activity, KT.extractionMethod, literal(method))
        if isinstance(extraction.get("confidence"), int | float):
            self.add(activity, KT.confidence, decimal_literal(extraction["confidence"]))

    # -- entities ----------------------------------------------------------
    def entity(self, entity: Entity, written_as: str | None = None) -> str:
        uri = keys.thing(entity.uri_kind, entity.key)
        in_document, in_reference = self.mapper.description(entity)
        self.triples.update(dict.fromkeys(in_document))
        self.result.reference.update(dict.fromkeys(in_reference))
        if written_as and keys.normalise(written_as) != entity.name:
            known = {entity.name, *(label for _, label in entity.labels),
                     *(label for _, label in entity.alt_labels)}
            if keys.normalise(written_as) not in known:
                self.add(uri, SKOST.altLabel, self.text_literal(written_as))
        return uri

    def organisation(self, name: str) -> str:
        return self.entity(self.linker.organisation(keys.normalise(name), self.lang), name)

    # -- projects ----------------------------------------------------------
    def add_project(self, project: dict[str, Any], position: int) -> None:
        key = keys.project_key(project, self.lang, self.source, position)
        node = keys.thing("project", key)
        self.result.projects.append(node)
        self.facts = {}
        self.add(node, A, KT.Project)
        self.add(node, KT.sourceDocument, iri(self.doc))
        _ProjectWriter(self, project, node, key, position).write()
        for index, evidence in enumerate(project.get("evidence") or []):
            body = self.facts.get((evidence["field"],
                                   keys.normalise(str(evidence.get("value"))).casefold()), node)
            try:
                self.triples.update(dict.fromkeys(annotation_triples(
                    node, body, self.doc, evidence, self.text, self.scrub)))
            except TermError as error:
                self.drop(node, f"evidence/{index}: {error}; left out")


class _ProjectWriter:
    """The triples of one project, one method per group of record fields."""

    def __init__(self, doc: _DocumentBuilder, project: dict[str, Any], node: str,
                 key: str, position: int) -> None:
        self.doc = doc
        self.project = project
        self.node = node
        self.key = key
        self.position = position
        self.add, self.link = doc.add, doc.link
        self.participations: dict[str, str] = {}
        self.fundings: dict[str, str] = {}  # funder organisation -> its funding node
        self.all_fundings: list[str] = []
        self.funderless: list[str] = []  # fundings of a programme alone

    def write(self) -> None:
        """Each group of fields alone: a value that cannot be written drops its group's
        remaining values (reported), never the project or the document."""
        for group in (self.titles, self.plain_facts, self.funding, self.participation,
                      self.places_and_concepts, self.outcomes_and_indicators, self.people,
                      self.events):
            try:
                group()
            except TermError as error:
                self.doc.drop(self.node, f"{group.__name__}: {error}; left out")

    def titles(self) -> None:
        doc, node = self.doc, self.node
        main = keys.main_title(self.project, doc.lang)
        if main:
            self.add(node, RDFST.label, literal(doc.scrub(main[1]), main[0]))
        else:  # a label for people and pages, marked as generated; never a title
            label = keys.generated_label(self.project, doc.source, self.position)
            self.add(node, RDFST.label, literal(label))
            self.add(node, KT.labelGenerated, GENERATED)
        for lang, title in sorted((self.project.get("title") or {}).items()):
            if title and title.strip():
                self.add(node, KT.title, literal(doc.scrub(keys.normalise(title)), lang))
                doc.remember("title", title, node)
        for alt in self.project.get("alt_titles") or []:
            self.add(node, KT.altTitle, literal(doc.scrub(keys.normalise(alt))))
            doc.remember("alt_titles", alt, node)

    def plain_facts(self) -> None:
        project, node, doc = self.project, self.node, self.doc
        if project.get("description"):
            self.add(node, KT.description, doc.text_literal(project["description"]))
        for field_name, prop in self.dates():
            self.add(node, prop, date_literal(project[field_name]))
        for field_name, prop in (("status", KT.status), ("scope", KT.scope)):
            if project.get(field_name):
                self.add(node, prop, literal(project[field_name]))
        budget = project.get("budget") or {}
        if project.get("identifier"):
            self.add(node, DCT.identifier, literal(keys.normalise(project["identifier"])))
        relevance = project.get("relevance") or {}
        if relevance.get("score") is not None:
            self.add(node, KT.relevanceScore, decimal_literal(relevance["score"]))
        if budget.get("total_eur") is not None:
            self.add(node, KT.totalBudget, decimal_literal(budget["total_eur"]))
        for field_name, prop in (("goals", KT.goal), ("activities", KT.activity)):
            for value in project.get(field_name) or []:
                self.add(node, prop, doc.text_literal(value))
        for index, link in enumerate(project.get("links") or []):
            try:
                self.add(node, KT.webPage, web_link(link))
            except TermError as error:
                doc.drop(node, f"links/{index}: {error}; left out")

    def dates(self) -> list[tuple[str, str]]:
        """(field, property) of the project's dates; none of them when start is after end
        (which one is wrong cannot be told: both are reported and left out)."""
        start, end = self.project.get("start_date"), self.project.get("end_date")
        if start and end and start > end and not start.startswith(end):
            self.doc.drop(self.node, f"start date {start} is after end date {end}; "
                                     "both left out")
            return []
        return [(name, prop) for name, prop in (("start_date", KT.startDate),
                                                ("end_date", KT.endDate))
                if self.project.get(name)]

    def participation_node(self, org: str) -> str:
        if org not in self.participations:
            part = keys.fragment(self.node, "participation", org)
            self.participations[org] = part
            self.link(self.node, KT.hasParticipation, part)
            self.add(part, A, KT.Participation)
            self.link(part, KT.organisation, org)
        return self.participations[org]

    def participation(self) -> None:
        for field_name, role in (("lead_organisations", "lead"),
                                 ("partner_organisations", "partner")):
            for name in self.project.get(field_name) or []:
                part = self.participation_node(self.doc.organisation(name))
                self.add(part, KT.role, ROLES[role])
                self.doc.remember(field_name, name, part)
        for index, share in enumerate((self.project.get("budget") or {}).get("shares") or []):
            target = self.share_target(share.get("organisation"))
            if target is None:
                self.doc.drop(self.node, f"budget/shares/{index}: {share.get('eur')} € with no "
                                         "organisation and no single funding to carry it; "
                                         "left out")
                continue
            node, prop = target
            if share.get("eur") is not None:
                self.add(node, prop, decimal_literal(share["eur"]))
            self.doc.remember("budget", share.get("eur"), node)

    def share_target(self, name: str | None) -> tuple[str, str] | None:
        """(node, property) a budget share is written on: a funder's share is the amount
        of its funding; a share naming no organisation is the amount of the project's only
        funding, or of its only funding without a funder (joint funders); else None."""
        if name is None:
            only = self.all_fundings if len(self.all_fundings) == 1 else self.funderless
            return (only[0], KT.amount) if len(only) == 1 else None
        org = self.doc.organisation(name)
        funding = self.fundings.get(org)
        if funding is not None:
            return funding, KT.amount
        return self.participation_node(org), KT.budgetShare

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
            self.link(self.node, KT.hasFunding, node)
            self.all_fundings.append(node)
            self.add(node, A, KT.Funding)
            self.add(node, KT.currency, literal("EUR"))
            if not funder:
                self.funderless.append(node)
            else:
                org = self.doc.organisation(funder)
                self.link(node, KT.funder, org)
                self.fundings.setdefault(org, node)
                self.doc.remember("funders", funder, node)
            for programme in its_programmes:
                self.link(node, KT.programme, self.programme(programme))
                self.doc.remember("funding_programmes", programme, node)

    def programme(self, name: str) -> str:
        name = keys.normalise(name)
        node = keys.thing("programme", slug(name))
        self.add(node, A, KT.FundingProgramme)
        self.add(node, SKOST.prefLabel, literal(name, self.doc.lang))
        self.add(node, RDFST.label, literal(name, self.doc.lang))
        return node

    def places_and_concepts(self) -> None:
        doc, linker = self.doc, self.doc.linker
        for field_name in ("regions", "municipalities"):
            for name in self.project.get(field_name) or []:
                entity = linker.place(keys.normalise(name), doc.lang)
                prop = KT.municipality if entity.kind == "municipality" else KT.region
                self.link(self.node, prop, doc.entity(entity, name))
        for field_name, prop in (("target_groups", KT.targetGroup), ("topics", KT.topic)):
            for name in self.project.get(field_name) or []:
                entity = linker.concept(keys.normalise(name), doc.lang, field=field_name)
                self.link(self.node, prop, doc.entity(entity, name))

    def outcomes_and_indicators(self) -> None:
        for text in self.project.get("outcomes") or []:
            node = keys.thing("outcome", f"{self.key}-{keys.digest(text)}")
            self.link(self.node, KT.hasOutcome, node)
            self.add(node, A, KT.Outcome)
            self.add(node, KT.text, self.doc.text_literal(text))
            self.doc.remember("outcomes", text, node)
        for indicator in self.project.get("indicators") or []:
            value, unit, text = (indicator.get(name) for name in ("value", "unit", "text"))
            node = keys.thing("indicator", f"{self.key}-{keys.digest(value, unit, text)}")
            self.link(self.node, KT.hasIndicator, node)
            self.add(node, A, KT.Indicator)
            if value is not None:
                self.add(node, KT.value, decimal_literal(value))
                self.doc.remember("indicators", value, node)
            if unit:
                self.add(node, KT.unit, literal(unit))
            if text:
                self.add(node, KT.text, self.doc.text_literal(text))
                self.doc.remember("indicators", text, node)

    def people(self) -> None:
        for person in self.project.get("people") or []:
            name = keys.normalise(person["name"])
            node = keys.thing("person", slug(name))
            self.add(node, A, KT.Person)
            self.add(node, FOAFT.name, literal(name))
            self.add(node, RDFST.label, literal(name))
            if self.doc.include_contacts:
                if person.get("email"):
                    self.add(node, SCHEMAT.email, literal(person["email"].strip()))
                if person.get("phone"):
                    self.add(node, SCHEMAT.telephone, literal(person["phone"].strip()))
            role = keys.fragment(self.node, "person", name)
            self.link(self.node, KT.hasPersonRole, role)
            self.add(role, A, KT.PersonRole)
            self.link(role, KT.person, node)
            for role_name in person.get("roles") or []:
                self.add(role, KT.roleName, self.doc.text_literal(role_name))
            if person.get("organisation"):
                self.link(role, KT.organisation, self.doc.organisation(person["organisation"]))
            self.doc.remember("people", name, role)

    def events(self) -> None:
        for event in self.project.get("events") or []:
            name, date, place = (event.get(key) for key in ("name", "date", "place"))
            node = keys.thing("event", f"{self.key}-{keys.digest(name, date, place)}")
            self.link(self.node, KT.hasEvent, node)
            self.add(node, A, KT.Event)
            if name:
                self.add(node, RDFST.label, self.doc.text_literal(name))
            if date:
                self.add(node, KT.date, date_literal(date))
            for key, prop in (("start_time", KT.startTime), ("end_time", KT.endTime)):
                if event.get(key):
                    self.add(node, prop, time_literal(event[key]))
            if place:
                self.add(node, KT.place, literal(self.doc.scrub(keys.normalise(place))))
            self.doc.remember("events", name, node)
