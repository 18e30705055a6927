"""Blueprint: search ``/search?q=…`` with facets funder, region, year and target group.

Facet links add ``funder=<IRI>``, ``region=<IRI>``, ``year=YYYY``, ``target_group=<IRI>``
parameters; each narrows the projects to those having that value (several = all of them).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from urllib.parse import urlencode

from flask import Blueprint, Response, abort, request

from server import i18n
from server.export import csv_response, json_response
from server.facets import FacetValue, facet_values
from server.search.index import FACETS, SearchIndex, index_for
from server.web import local_href, render_html, settings

bp = Blueprint("search", __name__)

RESULT_LIMIT = 100
# Longest search text; longer ones get a 400 that does not repeat them.
QUERY_CHARS_LIMIT = 500
FACET_LIMIT = 15
FACET_TITLES = {"funder": "facet_funder", "region": "facet_region", "year": "facet_year",
                "target_group": "facet_target_group"}


@dataclass
class Hit:
    label: str
    href: str
    kind: str
    snippet: str = ""


def _label(index: SearchIndex, uri: str, lang: str) -> str:
    return i18n.pick_label(index.labels.get(uri, []), lang) or uri.rsplit("/", 1)[-1]


def _url(**changes: list[str]) -> str:
    args = request.args.to_dict(flat=False)
    args.update(changes)
    return f"{request.path}?{urlencode({k: v for k, v in args.items() if v}, doseq=True)}"


def _filter(index: SearchIndex, projects: set[str], chosen: dict[str, list[str]]) -> set[str]:
    for facet, values in chosen.items():
        for value in values:
            projects = {p for p in projects if value in index.facets.get(p, {}).get(facet, ())}
    return projects


def _facet_values(index: SearchIndex, projects: set[str], facet: str, chosen: list[str],
                  lang: str) -> list[FacetValue]:
    counts = Counter(v for p in projects for v in index.facets.get(p, {}).get(facet, ()))
    return facet_values(counts, facet, chosen, lambda value: _label(index, value, lang),
                        lambda values: _url(**{facet: values}), FACET_LIMIT)


def _snippet(index: SearchIndex, uri: str, lang: str) -> str:
    """A project's years and funders: '2019–2021 · Svenska kulturfonden'."""
    facets = index.facets.get(uri, {})
    years = sorted(facets.get("year", ()))
    parts = [years[0] if len(years) == 1 else f"{years[0]}–{years[-1]}"] if years else []
    parts += sorted(_label(index, funder, lang) for funder in facets.get("funder", ()))
    return " · ".join(parts)


def _hits(index: SearchIndex, uris: list[str], lang: str) -> list[Hit]:
    hits = [Hit(_label(index, uri, lang), local_href(uri),
                i18n.t(f"kind_{index.kinds.get(uri, 'project')}", lang),
                _snippet(index, uri, lang)) for uri in uris]
    return sorted(hits, key=lambda hit: hit.label.casefold())


@dataclass
class Found:
    query: str
    chosen: dict[str, list[str]]
    index: SearchIndex
    projects: set[str]
    entities: list[str]


def _found() -> Found:
    query = request.args.get("q", "").strip()
    if len(query) > QUERY_CHARS_LIMIT:
        abort(400, description=f"The search text is longer than {QUERY_CHARS_LIMIT} "
                               "characters.")
    chosen = {f: request.args.getlist(f) for f in FACETS if request.args.getlist(f)}
    index = index_for(settings())
    matched = index.match(query)
    projects = _filter(index, {u for u in matched if index.kinds.get(u) == "project"}, chosen)
    entities = [] if chosen or not query else sorted(
        u for u in matched if index.kinds.get(u, "project") != "project")
    return Found(query, chosen, index, projects, entities)


def _export_args() -> str:
    """The search's parameters in a fixed order (the permalink and export links)."""
    args = sorted((k, v) for k, v in request.args.to_dict(flat=False).items()
                  if k in ("q", *FACETS))
    return urlencode(args, doseq=True)


@bp.get("/search")
def search() -> Response:
    lang = i18n.request_lang(request)
    found = _found()
    index, projects = found.index, found.projects
    facets = [(f, i18n.t(FACET_TITLES[f], lang),
               _facet_values(index, projects, f, found.chosen.get(f, []), lang))
              for f in FACETS]
    shown = sorted(projects)
    args = _export_args()
    return render_html(
        "search.html", query=found.query, total=len(projects) + len(found.entities),
        projects=_hits(index, shown, lang)[:RESULT_LIMIT],
        entities=_hits(index, found.entities, lang),
        truncated=len(shown) > RESULT_LIMIT, facets=facets, limit=RESULT_LIMIT,
        clear_url=_url(**{f: [] for f in FACETS}) if found.chosen else None,
        csv_url=f"{request.script_root}/search.csv?{args}",
        json_url=f"{request.script_root}/search.json?{args}",
        permalink=f"{settings().public_url}search?{args}")


@bp.get("/search.<ext>")
def export(ext: str) -> Response:
    """Every hit of a search (projects, then other entities), not only the first page."""
    if ext not in ("csv", "json"):
        abort(404)
    lang = i18n.request_lang(request)
    found = _found()
    rows = [{"kind": found.index.kinds.get(uri, "project"), "iri": uri,
             "label": _label(found.index, uri, lang), "page": local_href(uri)}
            for uri in [*sorted(found.projects), *found.entities]]
    if ext == "csv":
        return csv_response(("kind", "iri", "label", "page"),
                            [tuple(row.values()) for row in rows], "search")
    return json_response({"query": found.query, "filters": found.chosen, "total": len(rows),
                          "permalink": f"{settings().public_url}search?{_export_args()}",
                          "rows": rows})
