"""Blueprint: charts' figures as CSV (``/charts/{year,region,funder}.csv[?of=<IRI>]``) and
the chart models the home page and the organisation, programme and region pages draw as
server-side SVG (templates/_charts.html; no script, no CDN)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from flask import Blueprint, Response, abort, render_template, request, url_for

from server import i18n
from server.browse.catalogue import catalogue
from server.charts.figures import DIMENSIONS, Bar, figures, scope_projects
from server.charts.present import Choropleth, SymbolMap, result_view, select
from server.charts.present import region_map as draw_region_map
from server.engine import EngineError
from server.export import csv_response
from server.sparql.protocol import ProtocolError
from server.sparql.responses import engine_error
from server.sparql.views import check_query
from server.web import local_href, render_html, settings

bp = Blueprint("charts", __name__)

BAR_SPACE = 250  # SVG units the longest bar of each measure spans (its figure follows it)


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
    programmes = {programme for _p, _f, programme, _a in known.fundings}
    if entity in known.region_code or entity in known.organisations or entity in programmes:
        return entity
    abort(404)


def _bars(dimension: str, entity: str | None) -> list[Bar]:
    return figures(catalogue(), scope_projects(catalogue(), entity), dimension)


def _label(dimension: str, key: str, lang: str) -> str:
    if dimension == "year":
        return key
    return i18n.pick_label(catalogue().labels.get(key, []), lang) or key.rsplit("/", 1)[-1]


def charts(lang: str, entity: str | None = None) -> list[Chart]:
    """The charts of all projects or of one entity's; charts with no bar are left out."""
    drawn = [_chart(dimension, entity, lang) for dimension in DIMENSIONS]
    return [chart for chart in drawn if chart.bars]


@dataclass
class ChartLink:
    dimension: str
    title: str
    svg_url: str
    csv_url: str


def chart_links(lang: str, entity: str, skip: str) -> list[ChartLink]:
    """An entity page's charts as images: the page itself asks nothing of the engine (the
    image requests do), so it stays as quick as before. ``skip`` leaves out the entity's own
    dimension (a region's page has no chart by region)."""
    scope = {"of": entity, "lang": lang}
    return [ChartLink(dimension, i18n.t(f"chart_{dimension}", lang),
                      url_for("charts.figures_svg", dimension=dimension, **scope),
                      url_for("charts.figures_csv", dimension=dimension, **scope))
            for dimension in DIMENSIONS if dimension != skip]


def _chart(dimension: str, entity: str | None, lang: str) -> Chart:
    bars = _bars(dimension, entity)
    most_projects = max((bar.projects for bar in bars), default=0) or 1
    most_euros = max((bar.euros for bar in bars if bar.euros is not None), default=0) or 1
    return Chart(dimension, i18n.t(f"chart_{dimension}", lang), [
        DrawnBar(_label(dimension, bar.key, lang),
                 None if dimension == "year" else local_href(bar.key),
                 bar.projects, bar.euros, bar.with_amount,
                 round(BAR_SPACE * bar.projects / most_projects, 1),
                 round(BAR_SPACE * float((bar.euros or 0) / most_euros), 1))
        for bar in bars],
        url_for("charts.figures_csv", dimension=dimension, **({"of": entity} if entity else {})),
        22 * max(1, len(bars)) + 30)


@bp.get("/charts/<dimension>.svg")
def figures_svg(dimension: str) -> Response:
    if dimension not in DIMENSIONS:
        abort(404)
    chart = _chart(dimension, _entity(request.args.get("of")), i18n.request_lang(request))
    return Response(render_template("chart.svg", chart=chart, lang=i18n.request_lang(request),
                                    t=lambda key, **kw: i18n.t(key, i18n.request_lang(request))
                                    .format(**kw)),
                    content_type="image/svg+xml; charset=utf-8")


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


def region_map(lang: str, entity: str | None = None,
               highlight: str | None = None) -> Choropleth | SymbolMap | None:
    """Projects per region of all projects (or one entity's), the regions shaded by their
    figure; ``highlight`` (a region IRI) is outlined."""
    known = catalogue()
    regions = figures(known, scope_projects(known, entity), "region", top=None)
    if not regions:
        return None
    drawn = draw_region_map([(bar.key, Decimal(bar.projects), bar.projects) for bar in regions],
                            known, lang, i18n.t("chart_projects", lang),
                            highlight=known.region_code.get(highlight or ""))
    drawn.rows_column = False
    return drawn


def _view_href(make_url: Callable[..., str]) -> Callable[[str, str | None], str]:
    def href(view: str, measure: str | None) -> str:
        return make_url(view=view, **({"measure": measure} if measure else {}))
    return href


def render_result_view(template: str, sparql: str, view_url: Callable[..., str],
                       **context: object) -> Response:
    """``template`` with the result of ``sparql`` (also given to it as ``sparql``) in the
    asked view (``view``, ``measure`` from the request), or with the reason it failed."""
    context["sparql"] = sparql
    lang = i18n.request_lang(request)
    values = request.values
    csv_url = url_for("sparql.endpoint", query=sparql, format="csv")
    try:
        head, bindings = select(sparql)
    except EngineError as error:
        return render_html(template, error=engine_error(error)[1], **context)
    except ValueError:
        return render_html(template, error=i18n.t("select_only", lang), **context)
    shown = result_view(head, bindings, lang, values.get("view"), values.get("measure"))
    return render_html(template, shown=shown, view_href=_view_href(view_url), csv_url=csv_url,
                       **context)


@bp.route("/query/view", methods=["GET", "POST"])
def query_view() -> Response:
    """Any SELECT query's result as a table, bar or line chart or map; ``part=1`` gives the
    view alone (the query page puts it under the editor)."""
    sparql = request.values.get("query", "")
    if not sparql.strip():
        abort(400, description="query is required")
    part = request.values.get("part") == "1"
    try:
        check_query(sparql, settings())
    except ProtocolError as error:
        abort(error.status, description=error.message)

    def view_url(**args: str) -> str:
        return url_for("charts.query_view", query=sparql, **args, **({"part": "1"} if part else {}))

    template = "_result_part.html" if part else "result_view.html"
    page_url = url_for("charts.query_view", query=sparql,
                       **{name: request.values[name] for name in ("view", "measure")
                          if name in request.values})
    return render_result_view(template, sparql, view_url, part=part,
                              page_url=page_url, editor_url=url_for("ui.query", query=sparql))


@bp.get("/charts/map.svg")
def map_svg() -> Response:
    """The home page's map as an image, a region outlined (``?region=<IRI>``) for its page."""
    lang = i18n.request_lang(request)
    drawn = region_map(lang, highlight=request.args.get("region"))
    if drawn is None:
        abort(404)
    return Response(render_template("map.svg", drawn=drawn, lang=lang,
                                    t=lambda key, **kw: i18n.t(key, lang).format(**kw)),
                    content_type="image/svg+xml; charset=utf-8")


@bp.get("/charts/map.csv")
def map_csv() -> Response:
    """The figures of the home page's map: projects per region, every region."""
    known = catalogue()
    lang = i18n.request_lang(request)
    rows = [(known.region_code.get(bar.key, ""), bar.key, _label("region", bar.key, lang),
             bar.projects)
            for bar in figures(known, scope_projects(known, None), "region", top=None)]
    return csv_response(("region_code", "region", "label", "projects"), rows,
                        "projects-by-region-map")
