"""Views of any SELECT result: a table, a bar chart, a line chart or a map, chosen by the
reader, with the figures each chart draws.

A column is *numeric* when every bound cell is a number literal; a *year* column is a
numeric column named ``…year`` (or ``vuosi``) or typed ``xsd:gYear``; a *place* column
holds regions or municipalities of the build (their IRIs, or municipality codes as
literals). A bar chart needs a label (any non-numeric column) and a numeric column; a line
chart a year column and another numeric column; a map a place column. Unbound cells stay
unknown: they are neither drawn as 0 nor added to a sum.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from server import i18n
from server.browse.catalogue import Catalogue

XSD = "http://www.w3.org/2001/XMLSchema#"
NUMERIC_TYPES = {XSD + name for name in (
    "integer", "decimal", "double", "float", "int", "long", "short", "byte",
    "nonNegativeInteger", "positiveInteger", "nonPositiveInteger", "negativeInteger",
    "unsignedInt", "unsignedLong", "unsignedShort", "unsignedByte", "gYear")}
YEAR_NAMES = ("year", "vuosi")
VIEWS = ("table", "bar", "line", "map")
MAX_BARS = 60      # rows drawn as bars (the figures table lists all of them)
MAX_SERIES = 8     # lines drawn (the largest by total)

Binding = dict[str, dict[str, str]]


@dataclass
class Cell:
    text: str
    href: str | None


@dataclass
class Columns:
    """What each column of a result can be used for."""
    numeric: list[str]
    years: list[str]
    labels: list[str]
    places: dict[str, str]   # column -> "region" or "municipality"
    iris: list[str] = field(default_factory=list)   # label columns holding IRIs

    def measures(self) -> list[str]:
        return [name for name in self.numeric if name not in self.years]

    def naming(self) -> list[str]:
        """The columns that name a row: its IRIs (shown by their labels) when it has any,
        else its other non-numeric columns (a label column beside an IRI repeats it)."""
        return [name for name in self.labels if name in self.iris] or self.labels


def number(term: dict[str, str] | None) -> Decimal | None:
    """A number literal's value; None for an unbound cell or anything else."""
    if term is None or term.get("type") not in ("literal", "typed-literal"):
        return None
    if term.get("datatype") not in NUMERIC_TYPES:
        return None
    try:
        return Decimal(term["value"])
    except InvalidOperation:
        return None


def _place_kind(values: list[dict[str, str]], known: Catalogue) -> str | None:
    codes = set(known.municipality_code.values())
    kinds = set()
    for term in values:
        if term["type"] == "uri":
            kinds.add("region" if term["value"] in known.region_code else
                      "municipality" if term["value"] in known.municipality_code else None)
        else:
            kinds.add("municipality" if term["value"] in codes else None)
    return kinds.pop() if len(kinds) == 1 and None not in kinds else None


def classify(head: list[str], bindings: list[Binding], known: Catalogue) -> Columns:
    numeric, years, labels, places, iris = [], [], [], {}, []
    for name in head:
        bound = [row[name] for row in bindings if name in row]
        if not bound:
            continue
        if all(number(term) is not None for term in bound):
            numeric.append(name)
            if name.lower().endswith(YEAR_NAMES) or \
                    all(term.get("datatype") == XSD + "gYear" for term in bound):
                years.append(name)
            continue
        labels.append(name)
        if all(term["type"] == "uri" for term in bound):
            iris.append(name)
        kind = _place_kind(bound, known)
        if kind:
            places[name] = kind
    return Columns(numeric, years, labels, places, iris)


def available(columns: Columns) -> list[str]:
    """The views this result can be shown as, table first."""
    views = ["table"]
    if columns.labels and columns.measures():
        views.append("bar")
    if columns.years and columns.measures():
        views.append("line")
    if columns.places:
        views.append("map")
    return views


@dataclass
class Bar:
    label: str
    href: str | None
    value: Decimal | None


@dataclass
class Series:
    name: str
    points: dict[int, Decimal] = field(default_factory=dict)   # year -> value

    def total(self) -> Decimal:
        return sum(self.points.values(), Decimal(0))


def row_label(row: list[Cell], head: list[str], label_columns: list[str]) -> Cell:
    """A row's name: the cells of ``label_columns`` joined (the first link is its link)."""
    cells = [row[head.index(name)] for name in label_columns]
    text = " · ".join(cell.text for cell in cells if cell.text)
    href = next((cell.href for cell in cells if cell.href), None)
    return Cell(text or "–", href)


def bars(head: list[str], bindings: list[Binding], cells: list[list[Cell]],
         columns: Columns, measure: str) -> list[Bar]:
    """One bar per row, in the result's order, named by its naming and year columns."""
    named_by = columns.naming() + columns.years
    return [Bar(*_astuple(row_label(row, head, named_by)), number(binding.get(measure)))
            for binding, row in zip(bindings, cells, strict=True)]


def _astuple(cell: Cell) -> tuple[str, str | None]:
    return cell.text, cell.href


def series(head: list[str], bindings: list[Binding], cells: list[list[Cell]],
           columns: Columns, measure: str) -> list[Series]:
    """Lines over the year column: one per label (the label columns joined) of ``measure``,
    or, when the result has no label column, one per numeric column. Rows of one label and
    year are added up; rows without a year are left out."""
    year_column = columns.years[0]
    lines: dict[str, Series] = {}
    names = [measure] if columns.labels else columns.measures()
    for binding, row in zip(bindings, cells, strict=True):
        year = number(binding.get(year_column))
        if year is None:
            continue
        for name in names:
            value = number(binding.get(name))
            if value is None:
                continue
            key = row_label(row, head, columns.naming()).text if columns.labels else name
            line = lines.setdefault(key, Series(key))
            line.points[int(year)] = line.points.get(int(year), Decimal(0)) + value
    ranked = sorted(lines.values(), key=lambda line: -line.total())
    return ranked[:MAX_SERIES]


@dataclass
class PlaceValue:
    region: str                  # region IRI
    rows: int
    value: Decimal | None        # the sum of known values of the measure, or None


def by_region(bindings: list[Binding], columns: Columns, known: Catalogue,
              measure: str | None) -> list[PlaceValue]:
    """The rows' figures summed per region (a municipality's rows count for its region);
    with no measure, the number of rows per region."""
    column = next(iter(columns.places))
    code_to_municipality = {code: uri for uri, code in known.municipality_code.items()}
    rows: dict[str, int] = defaultdict(int)
    sums: dict[str, Decimal] = {}
    for binding in bindings:
        term = binding.get(column)
        if term is None:
            continue
        place = term["value"] if term["type"] == "uri" else code_to_municipality.get(term["value"])
        region = place if place in known.region_code else known.region_of.get(place or "")
        if region is None:
            continue
        rows[region] += 1
        value = number(binding.get(measure)) if measure else Decimal(1)
        if value is not None:
            sums[region] = sums.get(region, Decimal(0)) + value
    return [PlaceValue(region, count, sums.get(region)) for region, count in rows.items()]


def view_name(asked: str | None, views: list[str]) -> str:
    return asked if asked in views else "table"


def measure_name(asked: str | None, columns: Columns) -> str | None:
    measures = columns.measures()
    return asked if asked in measures else (measures[0] if measures else None)


def place_label(known: Catalogue, uri: str, lang: str) -> str:
    return i18n.pick_label(known.labels.get(uri, []), lang) or uri.rsplit("/", 1)[-1]
