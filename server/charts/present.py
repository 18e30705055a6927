"""A SELECT result made ready for the templates: its cells as labels and local links, and
the chosen view (table, bar, line, map) drawn as SVG geometry beside its figures."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from decimal import Decimal

from server import i18n
from server.browse.catalogue import Catalogue, catalogue
from server.charts import maps
from server.charts.results import (
    MAX_BARS,
    Binding,
    Cell,
    Series,
    available,
    bars,
    by_region,
    classify,
    measure_name,
    place_label,
    series,
    view_name,
)
from server.engine import QueryRequest
from server.search.index import index_for
from server.services import get_engine
from server.web import local_href, settings

BAR_SPACE = 400                  # SVG units of the longest bar
LINE_BOX = (60, 20, 620, 260)    # plot area of a line chart: left, top, right, bottom
LEGEND_ROW = 18                  # SVG units of one row of the map's legend
UNKNOWN_FILL = "url(#unknown-hatch)"   # a region whose figure is unknown (pattern in the SVG)
BLANK_FILL = "#f1f1f1"                 # a region with no figure at all
YEAR_LABEL_GAP = 30              # SVG units between two year labels under a line chart
COLOURS = ("#0b5c8a", "#d08a1c", "#3c8d2f", "#a8326e", "#6a4fb3", "#7a6a00", "#00838f",
           "#b33a3a")


def select(sparql: str) -> tuple[list[str], list[Binding]]:
    """Variables and bindings of a SELECT query on the served build (EngineError if it
    fails; ValueError when the answer is not a SELECT result)."""
    result = get_engine().execute(QueryRequest(sparql, "json", None))
    try:
        document = json.loads(b"".join(result))
    finally:
        result.close()
    if "results" not in document:
        raise ValueError("not a SELECT result")
    return document["head"]["vars"], document["results"]["bindings"]


def cell(term: dict[str, str] | None, lang: str) -> Cell:
    """A result term for people: an IRI as its label linking to its page, a literal as its
    plain value (no datatype, no language tag)."""
    if term is None:
        return Cell("", None)
    if term["type"] == "uri":
        labels = index_for(settings()).labels.get(term["value"])
        text = i18n.pick_label(labels, lang) if labels else None
        return Cell(text or term["value"], local_href(term["value"]))
    return Cell(term["value"], None)


@dataclass
class DrawnBar:
    label: str
    href: str | None
    value: Decimal | None
    width: float


@dataclass
class DrawnLine:
    name: str
    colour: str
    points: list[tuple[int, Decimal, float, float]]   # year, value, x, y

    def polyline(self) -> str:
        return " ".join(f"{x},{y}" for _year, _value, x, y in self.points)


@dataclass
class LineChart:
    lines: list[DrawnLine]
    years: list[int]                       # every year of the figures
    year_labels: list[tuple[int, float]]   # the years written under the axis, and their x
    ticks: list[tuple[Decimal, float]]     # value and its y
    box: tuple[int, int, int, int] = LINE_BOX


@dataclass
class SymbolMap:
    path: str
    width: int
    height: int
    symbols: list[maps.Symbol]
    measure: str | None
    rows_column: bool = True     # a query's map says how many rows each circle adds up
    kind: str = "symbols"

    @property
    def places(self) -> list[maps.Symbol]:
        return self.symbols


@dataclass
class Area:
    label: str
    href: str | None
    value: Decimal | None
    rows: int
    code: str                    # Statistics Finland maakunta code
    path: str
    level: int | None            # shade class, 0 = lowest; None = unknown figure
    colour: str                  # the class's shade, or the unknown hatching


@dataclass
class LegendStep:
    kind: str                    # "class", "unknown" (hatched) or "blank" (no figure)
    fill: str
    y: int
    low: Decimal | None = None
    high: Decimal | None = None


@dataclass
class Choropleth:
    width: int
    height: int
    areas: list[Area]            # the regions with a figure, largest first
    blank: list[str]             # paths of the regions with no figure at all
    legend: list[LegendStep]
    measure: str | None
    rows_column: bool = True
    highlight: str | None = None  # path of the region outlined (its own page)
    kind: str = "choropleth"
    blank_fill: str = BLANK_FILL

    @property
    def places(self) -> list[Area]:
        return self.areas


@dataclass
class ResultView:
    head: list[str]
    rows: list[list[Cell]]
    total: int
    truncated: bool
    views: list[str]
    view: str
    measures: list[str]
    measure: str | None
    bars: list[DrawnBar] = field(default_factory=list)
    bars_cut: bool = False
    line: LineChart | None = None
    map: Choropleth | SymbolMap | None = None


def draw_bars(drawn: list, limit: int = MAX_BARS) -> tuple[list[DrawnBar], bool]:
    largest = max((bar.value for bar in drawn if bar.value is not None), default=0) or 1
    return ([DrawnBar(bar.label, bar.href, bar.value,
                      round(BAR_SPACE * float(max(bar.value or 0, 0) / largest), 1))
             for bar in drawn[:limit]], len(drawn) > limit)


def draw_lines(lines: list[Series]) -> LineChart | None:
    years = sorted({year for line in lines for year in line.points})
    if not years:
        return None
    left, top, right, bottom = LINE_BOX
    largest = max(value for line in lines for value in line.points.values())
    top_value = largest if largest > 0 else Decimal(1)
    span = max(years[-1] - years[0], 1)

    def x_of(year: int) -> float:
        return round(left + (right - left) * (year - years[0]) / span, 1)

    def y_of(value: Decimal) -> float:
        return round(bottom - (bottom - top) * float(max(value, 0) / top_value), 1)

    drawn = [DrawnLine(line.name, COLOURS[index % len(COLOURS)],
                       [(year, line.points[year], x_of(year), y_of(line.points[year]))
                        for year in sorted(line.points)])
             for index, line in enumerate(lines)]
    ticks = [(top_value * step / 4, y_of(top_value * step / 4)) for step in range(5)]
    return LineChart(drawn, years, _year_labels([(year, x_of(year)) for year in years]), ticks)


def _year_labels(placed: list[tuple[int, float]]) -> list[tuple[int, float]]:
    """Years far enough apart to be read under the axis (the figures table has them all)."""
    shown: list[tuple[int, float]] = []
    for year, x in placed:
        if not shown or x - shown[-1][1] >= YEAR_LABEL_GAP:
            shown.append((year, x))
    return shown


def symbol_map(figures: list[tuple[str, Decimal | None, int]], known: Catalogue, lang: str,
               measure: str | None) -> SymbolMap:
    """Circles at the regions' centres for (region IRI, value, rows) figures."""
    outline = maps.outline()
    largest = max((value for _r, value, _n in figures if value is not None), default=Decimal(0))
    symbols = []
    for region, value, rows in sorted(figures, key=lambda figure: -(figure[1] or 0)):
        centre = outline.centres.get(known.region_code.get(region, ""))
        if centre is None:
            continue
        symbols.append(maps.Symbol(place_label(known, region, lang), local_href(region),
                                   value, rows, *centre, maps.radius(value, largest)))
    return SymbolMap(outline.path, maps.WIDTH, outline.frame.height, symbols, measure)


def _shade(level: int, classes: int) -> str:
    """Classes spread over the palette so the highest class is always the darkest shade."""
    top = len(maps.SHADES) - 1
    return maps.SHADES[top if classes < 2 else round(level * top / (classes - 1))]


def _legend(values: list[Decimal], bounds: list[Decimal], unknown: bool, blank: bool,
            top: int) -> list[LegendStep]:
    """One row per class (its lowest and highest figure), then unknown and no-figure rows."""
    steps = []
    for level in range(len(bounds)):
        members = [value for value in values if maps.shade_of(value, bounds) == level]
        if members:
            steps.append(LegendStep("class", _shade(level, len(bounds)), 0,
                                    min(members), max(members)))
    steps += [LegendStep("unknown", UNKNOWN_FILL, 0)] if unknown else []
    steps += [LegendStep("blank", BLANK_FILL, 0)] if blank else []
    for row, step in enumerate(steps):
        step.y = top + LEGEND_ROW * row
    return steps


def choropleth(figures: list[tuple[str, Decimal | None, int]], known: Catalogue, lang: str,
               measure: str | None, boundaries: maps.Boundaries,
               highlight: str | None = None) -> Choropleth:
    """The regions of (region IRI, value, rows) figures shaded by their value's class."""
    values = [value for _r, value, _n in figures if value is not None]
    bounds = maps.shade_classes(values)
    areas = []
    for region, value, rows in sorted(figures, key=lambda figure: -(figure[1] or 0)):
        code = known.region_code.get(region, "")
        if code not in boundaries.paths:
            continue
        level = maps.shade_of(value, bounds)
        areas.append(Area(place_label(known, region, lang), local_href(region), value, rows,
                          code, boundaries.paths[code], level,
                          UNKNOWN_FILL if level is None else _shade(level, len(bounds))))
    drawn = {area.code for area in areas}
    blank = [path for code, path in sorted(boundaries.paths.items()) if code not in drawn]
    legend = _legend(values, bounds, any(area.level is None for area in areas), bool(blank),
                     boundaries.height)
    return Choropleth(maps.WIDTH, boundaries.height + LEGEND_ROW * len(legend), areas, blank,
                      legend, measure, highlight=boundaries.paths.get(highlight or ""))


def region_map(figures: list[tuple[str, Decimal | None, int]], known: Catalogue, lang: str,
               measure: str | None, highlight: str | None = None) -> Choropleth | SymbolMap:
    """A choropleth on the regions' boundaries; circles on the outline where none is vendored."""
    boundaries = maps.boundaries()
    if boundaries is None:
        return symbol_map(figures, known, lang, measure)
    return choropleth(figures, known, lang, measure, boundaries, highlight)


def result_view(head: list[str], bindings: list[Binding], lang: str,
                asked_view: str | None = None, asked_measure: str | None = None) -> ResultView:
    limit = settings().html_row_limit
    known = catalogue()
    cells = [[cell(row.get(name), lang) for name in head] for row in bindings]
    columns = classify(head, bindings, known)
    views = available(columns)
    view = view_name(asked_view, views)
    measure = measure_name(asked_measure, columns)
    shown = ResultView(head, cells[:limit], len(bindings), len(bindings) > limit, views, view,
                       columns.measures(), measure)
    if view == "bar":
        shown.bars, shown.bars_cut = draw_bars(bars(head, bindings, cells, columns, measure))
    elif view == "line":
        shown.line = draw_lines(series(head, bindings, cells, columns, measure))
    elif view == "map":
        figures = [(place.region, place.value, place.rows)
                   for place in by_region(bindings, columns, known, measure)]
        shown.map = region_map(figures, known, lang, measure)
    return shown
