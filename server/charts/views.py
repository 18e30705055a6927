"""Blueprint: charts' figures as CSV (``/charts/{year,region,funder}.csv[?of=<IRI>]``) and
the chart models the home page and the organisation, programme and region pages draw as
server-side SVG (templates/_charts.html; no script, no CDN)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from flask import Blueprint, Response, abort, request, url_for

from server import i18n
from server.browse.catalogue import catalogue
from server.browse.views import label_of
from server.charts.figures import DIMENSIONS, Bar, figures, scope_projects
from server.export import csv_response
from server.search.index import index_for
from server.web import local_href, settings

bp = Blueprint("charts", __name__)

BAR_SPACE = 300  # SVG units the longest bar of each measure spans


@dataclass
class DrawnBar:
    label: str
    href: str | None
    projects: int
    euros: Decimal | None
    with_amount: int
    projects_width: float
    euros_width: float


@dataclass
class Chart:
    dimension: str
    title: str
    bars: list[DrawnBar]
    csv_url: str
    height: int


def _entity(entity: str | None) -> str | None:
    """The scope IRI if it is a region, organisation or programme of the build, else 404."""
    if entity is None:
        return None
    known = catalogue()
    index = index_for(settings())
    if entity in known.region_code or entity in known.organisations \
            or index.kinds.get(entity) == "programme":
        return entity
    abort(404)


def _bars(dimension: str, entity: str | None) -> list[Bar]:
    index = index_for(settings())
    return figures(catalogue(), index, scope_projects(catalogue(), index, entity), dimension)


def _label(dimension: str, key: str, lang: str) -> str:
    return key if dimension == "year" else label_of(index_for(settings()), key, lang)


def charts(lang: str, entity: str | None = None, skip: str | None = None) -> list[Chart]:
    """The charts of all projects or of one entity's; ``skip`` leaves out one dimension
    (a region's page has no chart by region); charts with no bar are left out."""
    drawn = []
    for dimension in DIMENSIONS:
        bars = [] if dimension == skip else _bars(dimension, entity)
        if not bars:
            continue
        most_projects = max(bar.projects for bar in bars) or 1
        most_euros = max((bar.euros for bar in bars if bar.euros is not None), default=0) or 1
        drawn.append(Chart(dimension, i18n.t(f"chart_{dimension}", lang), [
            DrawnBar(_label(dimension, bar.key, lang),
                     None if dimension == "year" else local_href(bar.key),
                     bar.projects, bar.euros, bar.with_amount,
                     round(BAR_SPACE * bar.projects / most_projects, 1),
                     round(BAR_SPACE * float((bar.euros or 0) / most_euros), 1))
            for bar in bars],
            url_for("charts.figures_csv", dimension=dimension,
                    **({"of": entity} if entity else {})), 22 * len(bars) + 30))
    return drawn


@bp.get("/charts/<dimension>.csv")
def figures_csv(dimension: str) -> Response:
    if dimension not in DIMENSIONS:
        abort(404)
    entity = _entity(request.args.get("of"))
    lang = i18n.request_lang(request)
    rows = [(bar.key, _label(dimension, bar.key, lang), bar.projects,
             None if bar.euros is None else format(bar.euros, "f"), bar.with_amount)
            for bar in _bars(dimension, entity)]
    return csv_response((dimension, "label", "projects", "euros", "projects_with_amount"),
                        rows, f"projects-by-{dimension}")
