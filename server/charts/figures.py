"""Projects and euros by start year, region and funder, for all projects or those of one
organisation, programme or region: the figures behind every chart and its CSV.

Euros add up known amounts only; a group where no amount is known has ``euros`` None,
and ``with_amount`` says for how many of its projects an amount is known. A project
counts once per group (a project in two municipalities of a region counts once there).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from server.browse.catalogue import Catalogue

DIMENSIONS = ("year", "region", "funder")
TOP_GROUPS = 12  # regions and funders shown (by projects); years all


@dataclass
class Bar:
    key: str              # a year, or an entity IRI
    projects: int
    euros: Decimal | None
    with_amount: int


def scope_projects(catalogue: Catalogue, entity: str | None) -> set[str]:
    """All projects, or those of one region, organisation or programme."""
    if entity is None:
        return set(catalogue.projects)
    if entity in catalogue.region_code:
        return {p for p in catalogue.projects if entity in catalogue.project_regions.get(p, ())}
    return catalogue.projects_of(entity) & catalogue.projects


def _bars(groups: dict[str, dict[str, Decimal | None]]) -> list[Bar]:
    bars = []
    for key, amounts in groups.items():
        known = [amount for amount in amounts.values() if amount is not None]
        bars.append(Bar(key, len(amounts), sum(known, Decimal(0)) if known else None,
                        len(known)))
    return bars


def figures(catalogue: Catalogue, projects: set[str], dimension: str,
            top: int | None = TOP_GROUPS) -> list[Bar]:
    """Bars for ``dimension`` over ``projects``: years in order, else the ``top`` largest
    groups (all when None)."""
    groups: dict[str, dict[str, Decimal | None]] = defaultdict(dict)
    if dimension == "funder":
        for project, funder, _programme, amount in catalogue.fundings:
            if project in projects and funder:
                known = groups[funder].get(project)
                groups[funder][project] = (amount if known is None
                                           else known + (amount or Decimal(0)))
    else:
        for project in projects:
            keys = ([str(catalogue.start_year[project])] if project in catalogue.start_year
                    else []) if dimension == "year" else \
                catalogue.project_regions.get(project, ())
            for key in keys:
                groups[key][project] = catalogue.euros.get(project)
    bars = _bars(groups)
    if dimension == "year":
        return sorted(bars, key=lambda bar: bar.key)
    return sorted(bars, key=lambda bar: (-bar.projects, bar.key))[:top]
