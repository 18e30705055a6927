"""Blueprint: list pages ``/page/{list}/`` (projects, organisations, funders, programmes,
regions, municipalities) with sortable columns, facets and paging, and the same filtered
and sorted rows as ``/page/{list}.csv`` and ``/page/{list}.json``.

Query parameters: ``sort=<column>``, ``order=desc``, ``page=N``, and one or more
``<facet>=<value>`` (several narrow to rows having all of them). The permalink is the
public URL with these parameters in a fixed order.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from urllib.parse import urlencode

from flask import Blueprint, Response, abort, request

from server import i18n
from server.browse.catalogue import catalogue
from server.browse.lists import LISTS, Cell, ListSpec, Row
from server.export import csv_response, json_response
from server.facets import facet_values
from server.search.index import SearchIndex, index_for
from server.web import local_href, render_html, settings

bp = Blueprint("browse", __name__)

PAGE_SIZE = 50
FACET_LIMIT = 20
LIST_ARGS = ("sort", "order", "page")


@dataclass
class Listing:
    spec: ListSpec
    rows: list[Row]
    chosen: dict[str, list[str]]
    sort: str
    descending: bool


def _spec(name: str) -> ListSpec:
    if name not in LISTS:
        abort(404)
    return LISTS[name]


def label_of(index: SearchIndex, value: str, lang: str) -> str:
    """A facet or cell value for people: an entity's label, a role's name, or the value."""
    if value in index.labels:
        return i18n.pick_label(index.labels[value], lang) or value
    role = i18n.term_label(value, lang, i18n.ROLE_LABELS)
    return role or value.rsplit("/", 1)[-1]


def _sort_key(row: Row, column: str, labels: dict[str, str]) -> tuple:
    if column == "label":
        return (0, labels[row.uri].casefold())
    value = row.cells.get(column)
    if isinstance(value, list):
        value = len(value)
    return (1, "") if value is None else (0, value)


def _listing(spec: ListSpec, lang: str) -> tuple[Listing, SearchIndex, dict[str, str]]:
    index = index_for(settings())
    rows = spec.rows(catalogue(), index)
    chosen = {f: request.args.getlist(f) for f in spec.facets if request.args.getlist(f)}
    for facet, values in chosen.items():
        rows = [row for row in rows if set(values) <= row.facets.get(facet, set())]
    sort = request.args.get("sort", "label")
    if sort != "label" and sort not in {column.name for column in spec.columns}:
        sort = "label"
    descending = request.args.get("order") == "desc"
    labels = {row.uri: label_of(index, row.uri, lang) for row in rows}
    known = [row for row in rows if _sort_key(row, sort, labels)[0] == 0]
    unknown = [row for row in rows if _sort_key(row, sort, labels)[0] != 0]
    known.sort(key=lambda row: (_sort_key(row, sort, labels), labels[row.uri]),
               reverse=descending)
    unknown.sort(key=lambda row: labels[row.uri].casefold())
    return Listing(spec, known + unknown, chosen, sort, descending), index, labels


def _url(path: str, **changes: list[str]) -> str:
    args = request.args.to_dict(flat=False)
    args.pop("lang", None)
    args.update(changes)
    query = urlencode(sorted((k, v) for k, v in args.items() if v), doseq=True)
    return f"{path}?{query}" if query else path


def _facets(listing: Listing, index: SearchIndex, lang: str) -> list[tuple[str, list]]:
    facets = []
    for facet in listing.spec.facets:
        counts = Counter(v for row in listing.rows for v in row.facets.get(facet, ()))
        facets.append((facet, facet_values(
            counts, facet, listing.chosen.get(facet, []), lambda v: label_of(index, v, lang),
            lambda values, f=facet: _url(request.path, **{f: values, "page": []}),
            FACET_LIMIT)))
    return facets


def _export_cell(value: Cell, index: SearchIndex, lang: str) -> tuple[object, object]:
    """(for people, IRIs or None) of one cell."""
    if isinstance(value, list):
        return "; ".join(label_of(index, v, lang) for v in value), " ".join(value)
    if isinstance(value, Decimal):
        return format(value, "f"), None
    return value, None


@bp.get("/page/<name>/")
def listing(name: str) -> Response:
    spec = _spec(name)
    lang = i18n.request_lang(request)
    found, index, labels = _listing(spec, lang)
    page = max(1, request.args.get("page", 1, type=int) or 1)
    pages = max(1, -(-len(found.rows) // PAGE_SIZE))
    page = min(page, pages)
    shown = found.rows[(page - 1) * PAGE_SIZE: page * PAGE_SIZE]
    columns = [("label", "text"), *((c.name, c.kind) for c in spec.columns)]
    sort_links = {
        column: _url(request.path, sort=[column], page=[],
                     order=["desc"] if column == found.sort and not found.descending else [])
        for column, _kind in columns}
    cells = [[(kind, row.cells.get(column) if column != "label" else labels[row.uri])
              for column, kind in columns] for row in shown]
    args = _url("", page=[]).lstrip("?")
    return render_html(
        "list.html", name=name, listing=found, rows=list(zip(shown, cells, strict=True)),
        columns=columns, sort_links=sort_links, facets=_facets(found, index, lang),
        label_of=lambda v: label_of(index, v, lang), page=page, pages=pages,
        total=len(found.rows),
        prev_url=_url(request.path, page=[str(page - 1)]) if page > 1 else None,
        next_url=_url(request.path, page=[str(page + 1)]) if page < pages else None,
        csv_url=f"{request.script_root}/page/{name}.csv" + (f"?{args}" if args else ""),
        json_url=f"{request.script_root}/page/{name}.json" + (f"?{args}" if args else ""),
        permalink=settings().public_url + _url(f"page/{name}/"),
        clear_url=_url(request.path, **{f: [] for f in spec.facets}) if found.chosen else None)


@bp.get("/page/<name>.csv")
def listing_csv(name: str) -> Response:
    spec = _spec(name)
    lang = i18n.request_lang(request)
    found, index, labels = _listing(spec, lang)
    header = ["iri", "label"]
    for column in spec.columns:
        header += [column.name, f"{column.name}_iri"] if column.kind == "links" else [column.name]
    rows = []
    for row in found.rows:
        line: list[object] = [row.uri, labels[row.uri]]
        for column in spec.columns:
            shown, iris = _export_cell(row.cells.get(column.name), index, lang)
            line += [shown, iris] if column.kind == "links" else [shown]
        rows.append(line)
    return csv_response(header, rows, name)


@bp.get("/page/<name>.json")
def listing_json(name: str) -> Response:
    spec = _spec(name)
    lang = i18n.request_lang(request)
    found, index, labels = _listing(spec, lang)

    def cell(value: Cell) -> object:
        if isinstance(value, list):
            return [{"iri": v, "label": label_of(index, v, lang)} for v in value]
        return format(value, "f") if isinstance(value, Decimal) else value

    return json_response({
        "list": name, "filters": found.chosen, "sort": found.sort,
        "order": "desc" if found.descending else "asc", "total": len(found.rows),
        "permalink": settings().public_url + _url(f"page/{name}/"),
        "rows": [{"iri": row.uri, "page": local_href(row.uri), "label": labels[row.uri],
                  **{c.name: cell(row.cells.get(c.name)) for c in spec.columns}}
                 for row in found.rows]})
