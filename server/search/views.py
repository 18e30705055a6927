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


def _hits(index: SearchIndex, uris: list[str], lang: str) -> list[Hit]:
    hits = [Hit(_label(index, uri, lang), local_href(uri),
                i18n.t(f"kind_{index.kinds.get(uri, 'project')}", lang)) for uri in uris]
    return sorted(hits, key=lambda hit: hit.label.casefold())


@bp.get("/search")
def search() -> Response:
    lang = i18n.request_lang(request)
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
    facets = [(f, i18n.t(FACET_TITLES[f], lang),
               _facet_values(index, projects, f, chosen.get(f, []), lang)) for f in FACETS]
    shown = sorted(projects)
    return render_html(
        "search.html", query=query, total=len(projects) + len(entities),
        projects=_hits(index, shown, lang)[:RESULT_LIMIT], entities=_hits(index, entities, lang),
        truncated=len(shown) > RESULT_LIMIT, facets=facets, limit=RESULT_LIMIT,
        clear_url=_url(**{f: [] for f in FACETS}) if chosen else None)
