"""What each list page holds: its columns, facets and rows, made from the catalogue and the
search index of the served build."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from server.browse.catalogue import Catalogue
from server.search.index import SearchIndex

Cell = str | int | Decimal | list[str] | None


@dataclass(frozen=True)
class Column:
    name: str   # URL sort key and UI string "col_<name>"
    kind: str   # "text", "number", "euros" or "links" (a list of IRIs)


@dataclass
class Row:
    uri: str
    cells: dict[str, Cell]
    facets: dict[str, set[str]] = field(default_factory=dict)


@dataclass(frozen=True)
class ListSpec:
    kind: str           # the kind of the rows' pages (/page/{kind}/{key})
    columns: tuple[Column, ...]
    facets: tuple[str, ...]
    rows: Callable[[Catalogue, SearchIndex], list[Row]]


def _known_sum(amounts: list[Decimal | None]) -> Decimal | None:
    known = [amount for amount in amounts if amount is not None]
    return sum(known, Decimal(0)) if known else None


def _project_rows(catalogue: Catalogue, index: SearchIndex) -> list[Row]:
    rows = []
    for project in catalogue.projects:
        facets = index.facets.get(project, {})
        rows.append(Row(project, {
            "start_year": catalogue.start_year.get(project),
            "funders": sorted(facets.get("funder", ())),
            "regions": sorted(facets.get("region", ())),
            "euros": catalogue.euros.get(project)},
            {name: set(values) for name, values in facets.items()}))
    return rows


def _granted(catalogue: Catalogue, entity: str, position: int) -> list[Decimal | None]:
    return [funding[3] for funding in catalogue.fundings if funding[position] == entity]


def _organisation_rows(catalogue: Catalogue, index: SearchIndex) -> list[Row]:
    return [Row(org, {"projects": len(catalogue.projects_of(org)),
                      "euros_granted": _known_sum(_granted(catalogue, org, 1))},
                {"role": set(catalogue.roles.get(org, ()))})
            for org in catalogue.organisations]


def _funder_rows(catalogue: Catalogue, index: SearchIndex) -> list[Row]:
    rows = []
    for funder in catalogue.funders():
        fundings = [f for f in catalogue.fundings if f[1] == funder]
        rows.append(Row(funder, {
            "projects": len({f[0] for f in fundings}), "fundings": len(fundings),
            "euros_granted": _known_sum([f[3] for f in fundings])},
            {"programme": {f[2] for f in fundings if f[2]}}))
    return rows


def _programme_rows(catalogue: Catalogue, index: SearchIndex) -> list[Row]:
    programmes = {uri for uri, kind in index.kinds.items() if kind == "programme"}
    rows = []
    for programme in programmes:
        funder = catalogue.programme_funder.get(programme)
        rows.append(Row(programme, {
            "funders": [funder] if funder else [],
            "projects": len(catalogue.projects_of(programme)),
            "euros_granted": _known_sum(_granted(catalogue, programme, 2))},
            {"funder": {funder} if funder else set()}))
    return rows


def _region_rows(catalogue: Catalogue, index: SearchIndex) -> list[Row]:
    per_region = Counter(r for facets in index.facets.values() for r in facets.get("region", ()))
    municipalities = Counter(catalogue.region_of.values())
    return [Row(region, {"code": code, "municipalities": municipalities[region],
                         "projects": per_region[region]})
            for region, code in catalogue.region_code.items()]


def _municipality_rows(catalogue: Catalogue, index: SearchIndex) -> list[Row]:
    rows = []
    for municipality, code in catalogue.municipality_code.items():
        region = catalogue.region_of.get(municipality)
        projects = {p for p in index.linked_projects.get(municipality, ())
                    if p in catalogue.projects}
        rows.append(Row(municipality, {"code": code, "regions": [region] if region else [],
                                       "projects": len(projects)},
                        {"region": {region} if region else set()}))
    return rows


LISTS: dict[str, ListSpec] = {
    "project": ListSpec("project", (
        Column("start_year", "number"), Column("funders", "links"),
        Column("regions", "links"), Column("euros", "euros")),
        ("funder", "region", "year", "target_group"), _project_rows),
    "organisation": ListSpec("organisation", (
        Column("projects", "number"), Column("euros_granted", "euros")),
        ("role",), _organisation_rows),
    "funder": ListSpec("organisation", (
        Column("projects", "number"), Column("fundings", "number"),
        Column("euros_granted", "euros")), ("programme",), _funder_rows),
    "programme": ListSpec("programme", (
        Column("funders", "links"), Column("projects", "number"),
        Column("euros_granted", "euros")), ("funder",), _programme_rows),
    "region": ListSpec("region", (
        Column("code", "text"), Column("municipalities", "number"),
        Column("projects", "number")), (), _region_rows),
    "municipality": ListSpec("municipality", (
        Column("code", "text"), Column("regions", "links"), Column("projects", "number")),
        ("region",), _municipality_rows),
}
