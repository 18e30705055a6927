"""Blueprint: each canned query as a form ``/query/form/{name}``: its parameters as choices
taken from the graph (or a number field), the results as a table of labels and plain
values whose IRIs link to this server's pages, and the bound query to open in the editor.

Values are made into checked terms by ``CannedQuery.bind``; a value that cannot be one is
reported in the page, as is a query that fails.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from flask import Blueprint, Response, abort, request, url_for

from kg.queries import CannedQuery, default_term, load_queries
from server import i18n
from server.canned.options import Choice, choices
from server.charts.views import render_result_view
from server.web import render_html

bp = Blueprint("canned", __name__)


@dataclass
class Field:
    name: str
    value: str
    choices: list[Choice] | None


def _query(name: str) -> CannedQuery:
    for query in load_queries():
        if query.name == name:
            return query
    abort(404)


@bp.get("/query/form/<name>")
def form(name: str) -> Response:
    query = _query(name)
    lang = i18n.request_lang(request)
    values = {param: request.args.get(param, default_term(default).value)
              for param, default in query.params.items()}
    fields = [Field(param, value, choices(param, lang)) for param, value in values.items()]
    context = {"query": query, "fields": fields, "ran": "run" in request.args}
    if not context["ran"]:
        return render_html("canned_form.html", **context)
    try:
        sparql = query.bind(**values)
    except ValueError as error:
        return render_html("canned_form.html", error=f"{i18n.t('param_error', lang)}: {error}",
                           **context)

    def view_url(**args: str) -> str:
        return url_for("canned.form", name=name, **values, run="1", **args)

    editor_url = url_for("ui.query") + "?" + urlencode({"query": sparql})
    return render_result_view("canned_form.html", sparql, view_url, editor_url=editor_url,
                              **context)
