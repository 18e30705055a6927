"""Per-build facts the list pages and charts read: projects' years and known euros,
fundings, participations, places. Read with a few one-predicate scans, once per build.

Unknown stays unknown: a project's euros are the sum of its fundings' known amounts, or
None when no amount is known.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from rdflib.namespace import RDF

from kg.rdf.vocab import K
from server.services import get_engine, served_build
from server.sparql.terms import iri

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

    def funders(self) -> set[str]:
        return {funder for _p, funder, _g, _a in self.fundings if funder}

    def projects_of(self, entity: str) -> set[str]:
        """Projects an organisation takes part in or funds, or a programme funds."""
        funded = {p for p, funder, programme, _a in self.fundings if entity in (funder, programme)}
        return funded | self.participants.get(entity, set())


def _pairs(prop: object, subject_class: object | None = None) -> list[tuple[str, object]]:
    query = f"SELECT ?s ?o WHERE {{ ?s {iri(prop)} ?o }}"
    if subject_class is not None:
        query = f"SELECT ?s ?o WHERE {{ ?s {iri(RDF.type)} {iri(subject_class)} ; {iri(prop)} ?o }}"
    return [(str(row["s"]), row["o"]) for row in get_engine().select(query, SCAN_TIMEOUT_S)]


def _subjects(cls: object) -> set[str]:
    rows = get_engine().select(f"SELECT ?s WHERE {{ ?s {iri(RDF.type)} {iri(cls)} }}",
                               SCAN_TIMEOUT_S)
    return {str(row["s"]) for row in rows}


def _year(value: object) -> int | None:
    text = str(value)[:4]
    return int(text) if text.isdigit() else None


def _decimal(value: object) -> Decimal | None:
    try:
        return Decimal(str(value))
    except ArithmeticError:
        return None


def _add_fundings(catalogue: Catalogue) -> None:
    funder = {f: str(o) for f, o in _pairs(K.funder)}
    programme = {f: str(o) for f, o in _pairs(K.programme)}
    amount = {f: _decimal(o) for f, o in _pairs(K.amount)}
    for project, funding in _pairs(K.hasFunding):
        known = amount.get(str(funding))
        catalogue.fundings.append((project, funder.get(str(funding), ""),
                                   programme.get(str(funding), ""), known))
        if known is not None:
            catalogue.euros[project] = catalogue.euros.get(project, Decimal(0)) + known
    for _project, funder_iri, programme_iri, _a in catalogue.fundings:
        if programme_iri and funder_iri:
            catalogue.programme_funder.setdefault(programme_iri, funder_iri)


def _add_participations(catalogue: Catalogue) -> None:
    organisation = {p: str(o) for p, o in _pairs(K.organisation)}
    role = {p: str(o).rsplit("#", 1)[-1] for p, o in _pairs(K.role)}
    for project, participation in _pairs(K.hasParticipation):
        org = organisation.get(str(participation))
        if org:
            catalogue.participants[org].add(project)
            catalogue.roles[org].add(role.get(str(participation), "Partner"))
    for funder in catalogue.funders():
        catalogue.roles[funder].add("Funder")


def _add_places(catalogue: Catalogue) -> None:
    for place, code in _pairs(K.statisticsFinlandCode, K.Municipality):
        catalogue.municipality_code[place] = str(code)
    for place, code in _pairs(K.regionCode, K.Region):
        catalogue.region_code[place] = str(code)
    for region in _subjects(K.Region):
        catalogue.region_code.setdefault(region, region.rsplit("/", 1)[-1])
    for municipality, region in _pairs(K.inRegion):
        catalogue.region_of[municipality] = str(region)


def read_catalogue() -> Catalogue:
    catalogue = Catalogue(projects=_subjects(K.Project), organisations=_subjects(K.Organisation))
    for project, start in _pairs(K.startDate):
        year = _year(start)
        if year is not None:
            catalogue.start_year.setdefault(project, year)
    _add_fundings(catalogue)
    _add_participations(catalogue)
    _add_places(catalogue)
    return catalogue


def catalogue() -> Catalogue:
    """The served build's catalogue, read once per build and process."""
    return served_build().cached("catalogue", read_catalogue)
