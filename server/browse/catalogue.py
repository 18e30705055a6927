"""Per-build facts the list pages and charts read: projects' years and known euros,
fundings, participations, places. Read with a few one-predicate scans, once per build.

Unknown stays unknown: a project's euros are the sum of its fundings' known amounts, or
None when no amount is known.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from rdflib.namespace import RDF, RDFS, SKOS

from kg.rdf.vocab import K
from server.engine import QueryRequest
from server.services import get_engine, served_build
from server.sparql.terms import iri, iris

SCAN_TIMEOUT_S = 120.0  # bulk scans of a large build; they run once per build


@dataclass
class Catalogue:
    projects: set[str] = field(default_factory=set)
    start_year: dict[str, int] = field(default_factory=dict)
    euros: dict[str, Decimal] = field(default_factory=dict)          # project -> known sum
    # (project, funder IRI or "", programme IRI or "", amount or None) per funding
    fundings: list[tuple[str, str, str, Decimal | None]] = field(default_factory=list)
    participants: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    roles: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))  # org -> roles
    municipality_code: dict[str, str] = field(default_factory=dict)
    region_code: dict[str, str] = field(default_factory=dict)
    region_of: dict[str, str] = field(default_factory=dict)          # municipality -> region
    organisations: set[str] = field(default_factory=set)
    programme_funder: dict[str, str] = field(default_factory=dict)
    # project -> regions: its own, its municipalities', its areas' (each region once)
    project_regions: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    labels: dict[str, list[tuple[str | None, str]]] = field(
        default_factory=lambda: defaultdict(list))

    def funders(self) -> set[str]:
        return {funder for _p, funder, _g, _a in self.fundings if funder}

    def projects_of(self, entity: str) -> set[str]:
        """Projects an organisation takes part in or funds, or a programme funds."""
        funded = {p for p, funder, programme, _a in self.fundings if entity in (funder, programme)}
        return funded | self.participants.get(entity, set())


# Everything the catalogue reads, fetched by one query: a page that needs the catalogue
# waits behind other work (the warm-up) once, not once per predicate.
READ = (RDF.type, K.startDate, K.funder, K.programme, K.amount, K.hasFunding, K.organisation,
        K.role, K.hasParticipation, K.statisticsFinlandCode, K.regionCode, K.inRegion,
        K.overlapsRegion, K.region, K.municipality, SKOS.prefLabel, RDFS.label)
KEPT_TYPES = (K.Project, K.Organisation, K.Municipality, K.Region)

Object = tuple[str, str | None]  # value and language tag


class Triples:
    """The catalogue's triples by predicate: (subject, (object value, language))."""

    def __init__(self) -> None:
        query = f"""SELECT DISTINCT ?s ?p ?o WHERE {{ VALUES ?p {{ {iris(READ)} }} ?s ?p ?o
            FILTER(?p != {iri(RDF.type)} || ?o IN ({", ".join(iri(t) for t in KEPT_TYPES)})) }}"""
        result = get_engine().execute(QueryRequest(query, "json", None, timeout=SCAN_TIMEOUT_S))
        try:
            bindings = json.loads(b"".join(result))["results"]["bindings"]
        finally:
            result.close()
        self.by_predicate: dict[str, list[tuple[str, Object]]] = defaultdict(list)
        for row in bindings:
            self.by_predicate[row["p"]["value"]].append(
                (row["s"]["value"], (row["o"]["value"], row["o"].get("xml:lang"))))
        self.types: dict[str, set[str]] = defaultdict(set)
        for subject, (cls, _lang) in self.by_predicate[str(RDF.type)]:
            self.types[cls].add(subject)

    def pairs(self, prop: object, subject_class: object | None = None) -> list[tuple[str, str]]:
        rows = self.by_predicate.get(str(prop), [])
        members = self.types[str(subject_class)] if subject_class is not None else None
        return [(s, o) for s, (o, _lang) in rows if members is None or s in members]

    def subjects(self, cls: object) -> set[str]:
        return set(self.types[str(cls)])


def _year(value: object) -> int | None:
    text = str(value)[:4]
    return int(text) if text.isdigit() else None


def _decimal(value: object) -> Decimal | None:
    try:
        return Decimal(str(value))
    except ArithmeticError:
        return None


def _add_fundings(catalogue: Catalogue, read: Triples) -> None:
    funder = {f: str(o) for f, o in read.pairs(K.funder)}
    programme = {f: str(o) for f, o in read.pairs(K.programme)}
    amount = {f: _decimal(o) for f, o in read.pairs(K.amount)}
    for project, funding in read.pairs(K.hasFunding):
        known = amount.get(str(funding))
        catalogue.fundings.append((project, funder.get(str(funding), ""),
                                   programme.get(str(funding), ""), known))
        if known is not None:
            catalogue.euros[project] = catalogue.euros.get(project, Decimal(0)) + known
    for _project, funder_iri, programme_iri, _a in catalogue.fundings:
        if programme_iri and funder_iri:
            catalogue.programme_funder.setdefault(programme_iri, funder_iri)


def _add_participations(catalogue: Catalogue, read: Triples) -> None:
    organisation = {p: str(o) for p, o in read.pairs(K.organisation)}
    role = {p: str(o).rsplit("#", 1)[-1] for p, o in read.pairs(K.role)}
    for project, participation in read.pairs(K.hasParticipation):
        org = organisation.get(str(participation))
        if org:
            catalogue.participants[org].add(project)
            catalogue.roles[org].add(role.get(str(participation), "Partner"))
    for funder in catalogue.funders():
        catalogue.roles[funder].add("Funder")


def _add_places(catalogue: Catalogue, read: Triples) -> None:
    for place, code in read.pairs(K.statisticsFinlandCode, K.Municipality):
        catalogue.municipality_code[place] = str(code)
    for place, code in read.pairs(K.regionCode, K.Region):
        catalogue.region_code[place] = str(code)
    for region in read.subjects(K.Region):
        catalogue.region_code.setdefault(region, region.rsplit("/", 1)[-1])
    for municipality, region in read.pairs(K.inRegion):
        catalogue.region_of[municipality] = str(region)
    overlaps: dict[str, set[str]] = defaultdict(set)
    for area, region in read.pairs(K.overlapsRegion):
        overlaps[area].add(str(region))
    for project, place in read.pairs(K.region):
        place = str(place)
        regions = {place} if place in catalogue.region_code else overlaps.get(place, set())
        catalogue.project_regions[project].update(regions)
    for project, municipality in read.pairs(K.municipality):
        region = catalogue.region_of.get(str(municipality))
        if region:
            catalogue.project_regions[project].add(region)


def _add_labels(catalogue: Catalogue, read: Triples) -> None:
    for prop in (SKOS.prefLabel, RDFS.label):
        for uri, (label, lang) in read.by_predicate.get(str(prop), []):
            catalogue.labels[uri].append((lang, label))


def read_catalogue() -> Catalogue:
    read = Triples()
    catalogue = Catalogue(projects=read.subjects(K.Project),
                          organisations=read.subjects(K.Organisation))
    for project, start in read.pairs(K.startDate):
        year = _year(start)
        if year is not None:
            catalogue.start_year.setdefault(project, year)
    _add_fundings(catalogue, read)
    _add_participations(catalogue, read)
    _add_places(catalogue, read)
    _add_labels(catalogue, read)
    return catalogue


def catalogue() -> Catalogue:
    """The served build's catalogue, read once per build and process."""
    return served_build().cached("catalogue", read_catalogue)
