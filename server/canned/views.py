"""Blueprint: each canned query as a form ``/query/form/{name}``: its parameters as choices
taken from the graph (or a number field), the results as a table of labels and plain
values whose IRIs link to this server's pages, and the bound query to open in the editor.

Values are made into checked terms by ``CannedQuery.bind``; a value that cannot be one is
reported in the page, as is a query that fails.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from urllib.parse import urlencode

from flask import Blueprint, Response, abort, request, url_for

from kg.queries import CannedQuery, default_term, load_queries
from server import i18n
from server.canned.options import Choice, choices
from server.engine import EngineError, QueryRequest
from server.search.index import index_for
from server.services import get_engine
from server.sparql.responses import engine_error
from server.web import local_href, render_html, settings

bp = Blueprint("canned", __name__)


@dataclass
class Field:
    name: str
    value: str
    choices: list[Choice] | None


@dataclass
class Cell:
    text: str
    href: str | None


def _query(name: str) -> CannedQuery:
    for query in load_queries():
        if query.name == name:
            return query
    abort(404)


def _cell(term: dict[str, str] | None, lang: str) -> Cell:
    """A result term for people: an IRI as its label linking to its page, a literal as its
    plain value (no datatype, no language tag)."""
    if term is None:
        return Cell("", None)
    if term["type"] == "uri":
        labels = index_for(settings()).labels.get(term["value"])
        text = i18n.pick_label(labels, lang) if labels else None
        return Cell(text or term["value"], local_href(term["value"]))
    return Cell(term["value"], None)


def _select(sparql: str) -> tuple[list[str], list[dict[str, dict[str, str]]]]:
    result = get_engine().execute(QueryRequest(sparql, "json", None))
    try:
        document = json.loads(b"".join(result))
    finally:
        result.close()
    return document["head"]["vars"], document["results"]["bindings"]


def _run(query: CannedQuery, values: dict[str, str], lang: str) -> dict[str, object]:
    try:
        sparql = query.bind(**values)
    except ValueError as error:
        return {"error": f"{i18n.t('param_error', lang)}: {error}"}
    editor = url_for("ui.query") + "?" + urlencode({"query": sparql})
    try:
        head, bindings = _select(sparql)
    except EngineError as error:
        return {"error": engine_error(error)[1], "editor_url": editor}
    limit = settings().html_row_limit
    rows = [[_cell(row.get(name), lang) for name in head] for row in bindings[:limit]]
    return {"head": head, "rows": rows, "total": len(bindings),
            "truncated": len(bindings) > limit, "editor_url": editor}


@bp.get("/query/form/<name>")
def form(name: str) -> Response:
    query = _query(name)
    lang = i18n.request_lang(request)
    values = {param: request.args.get(param, default_term(default).value)
              for param, default in query.params.items()}
    fields = [Field(param, value, choices(param, lang)) for param, value in values.items()]
    ran = "run" in request.args
    return render_html("canned_form.html", query=query, fields=fields, ran=ran,
                       **(_run(query, values, lang) if ran else {}))
