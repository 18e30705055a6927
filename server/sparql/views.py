"""Blueprint: the SPARQL 1.1 Protocol endpoint at /sparql (query side; updates refused)."""

from __future__ import annotations

import json
from html import escape

from flask import Blueprint, Response, current_app, request

from server.engine import (
    EngineBusy,
    EngineError,
    QueryFailed,
    QueryRequest,
    QueryTimeout,
)
from server.engine.lexer import expand_target, service_targets
from server.renderers import (
    GRAPH_RENDERERS,
    RENDERERS,
    RESULT_RENDERERS,
    by_media_type,
    by_name,
    media_types,
)
from server.renderers import html as html_renderer
from server.renderers.negotiate import negotiate
from server.services import get_engine
from server.settings import Settings
from server.sparql.description import render_description
from server.sparql.protocol import DATASET_PARAMS, ProtocolError, ProtocolRequest, read_request

bp = Blueprint("sparql", __name__)

ALLOWED = "GET, HEAD, POST, OPTIONS"
ANY_METHOD = ["GET", "HEAD", "POST", "OPTIONS", "PUT", "DELETE", "PATCH"]
RESULT_OFFERS = media_types(RESULT_RENDERERS) + [html_renderer.MEDIA_TYPE]
GRAPH_OFFERS = media_types(GRAPH_RENDERERS) + [html_renderer.MEDIA_TYPE]
TABLE = html_renderer.TABLE_FORMAT


def _settings() -> Settings:
    return current_app.config["KUHY"]


def plain(status: int, message: str, headers: dict[str, str] | None = None) -> Response:
    response = Response(message + "\n", status=status, mimetype="text/plain")
    response.headers.update(headers or {})
    return response


def _not_acceptable() -> Response:
    return plain(406, "Not Acceptable. This endpoint offers\n  for SELECT and ASK: "
                 + ", ".join(RESULT_OFFERS) + "\n  for CONSTRUCT and DESCRIBE: "
                 + ", ".join(GRAPH_OFFERS) + "\n  and format= " + _format_names())


def _format_names() -> str:
    names = {name for r in RENDERERS.values() for name in r.names}
    return ", ".join(sorted(names | set(html_renderer.FORMAT_NAMES)))


def _choose(offers: list[str], renderers: list, format_name: str | None) -> str | None:
    """Renderer key (or TABLE for HTML) chosen by format= or else by the Accept header."""
    if format_name is not None:
        if format_name.strip().lower() in html_renderer.FORMAT_NAMES:
            return TABLE
        renderer = by_name(renderers, format_name)
        return renderer.key if renderer else None
    media_type = negotiate(request.headers.get("Accept"), offers)
    if media_type is None:
        return None
    if media_type == html_renderer.MEDIA_TYPE:
        return TABLE
    return by_media_type(renderers, media_type).key


def _refuse_service(query: str, allow_list: tuple[str, ...]) -> None:
    for target in service_targets(query):
        iri = expand_target(target, query)
        if iri is None or iri not in allow_list:
            raise ProtocolError(
                400,
                f"SERVICE {target} refused: this endpoint does not make requests to other "
                "services (federated queries are off"
                + (", and this endpoint is not on the allow-list)." if allow_list else ")."),
            )


@bp.route("/sparql", methods=ANY_METHOD)
@bp.route("/sparql/", methods=ANY_METHOD)
def endpoint() -> Response:
    if request.method == "OPTIONS":
        return Response(status=204, headers={"Allow": ALLOWED})
    if request.method not in ("GET", "HEAD", "POST"):
        return plain(405, f"Method {request.method} not allowed; use GET or POST.",
                     {"Allow": ALLOWED})
    settings = _settings()
    try:
        protocol = read_request(request, settings.max_query_bytes, settings.max_query_depth)
        if protocol.query is None:
            return _missing_query(protocol)
        _refuse_service(protocol.query, settings.service_allow_list)
    except ProtocolError as error:
        return plain(error.status, error.message, error.headers)
    return _run(protocol, settings)


def _missing_query(protocol: ProtocolRequest) -> Response:
    if request.method == "POST" or any(name in protocol.params for name in DATASET_PARAMS):
        return plain(400, "Missing the 'query' parameter.")
    return service_description(protocol.format)


def _run(protocol: ProtocolRequest, settings: Settings) -> Response:
    results_format = _choose(RESULT_OFFERS, RESULT_RENDERERS, protocol.format)
    graph_format = _choose(GRAPH_OFFERS, GRAPH_RENDERERS, protocol.format)
    if results_format is None and graph_format is None:
        return _not_acceptable()
    query_request = QueryRequest(protocol.query, results_format, graph_format,
                                 row_limit=settings.html_row_limit,
                                 base_iri=settings.endpoint_iri)
    if protocol.default_graphs is not None or protocol.named_graphs is not None:
        # a protocol dataset replaces the union default graph; what it leaves out is empty
        query_request.default_graphs = protocol.default_graphs or []
        query_request.named_graphs = protocol.named_graphs or []
    try:
        result = get_engine().execute(query_request)
    except EngineError as error:
        if isinstance(error, QueryFailed) and error.status == 406:
            return _not_acceptable()
        status, message, headers = engine_error(error)
        return plain(status, message, headers)
    return _result_response(result, protocol.query, settings)


def engine_error(error: EngineError) -> tuple[int, str, dict[str, str]]:
    """Status, message and headers for an engine failure (406 is answered by the caller)."""
    if isinstance(error, QueryFailed):
        return error.status, error.message, {}
    if isinstance(error, QueryTimeout):
        return 503, f"Query stopped: {error}.", {}
    if isinstance(error, EngineBusy):
        return 503, f"Server busy: {error}; try again.", {"Retry-After": "5"}
    return 500, f"Query failed: {error}", {}


def _result_response(result, query: str, settings: Settings) -> Response:
    headers = {"Vary": "Accept", "X-Kuhy-Cache": "hit" if result.cached else "miss"}
    if result.format == TABLE:
        body = result.body if result.body is not None else b"".join(result)
        page = html_renderer.render_table(json.loads(body), query, settings.html_row_limit)
        return Response(page, mimetype="text/html", headers=headers)
    content_type = RENDERERS[result.format].content_type
    if result.body is not None:
        return Response(result.body, content_type=content_type, headers=headers)
    return Response(result, content_type=content_type, headers=headers, direct_passthrough=True)


def service_description(format_name: str | None) -> Response:
    key = _choose(GRAPH_OFFERS, GRAPH_RENDERERS, format_name)
    if key is None:
        return _not_acceptable()
    iri = _settings().endpoint_iri
    graphs = get_engine().named_graphs()
    if key == TABLE:
        turtle = render_description(iri, graphs, RENDERERS["turtle"]).decode()
        page = ('<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
                "<title>SPARQL endpoint</title></head><body><h1>SPARQL endpoint</h1>"
                f"<p>Send queries to {escape(iri)} (SPARQL 1.1 Protocol), or write "
                f'them in the <a href="{escape(request.script_root)}/query">query editor</a>.</p>'
                "<p>Service description:</p>"
                f"<pre>{escape(turtle)}</pre></body></html>")
        return Response(page, mimetype="text/html", headers={"Vary": "Accept"})
    renderer = RENDERERS[key]
    body = render_description(iri, graphs, renderer)
    return Response(body, content_type=renderer.content_type, headers={"Vary": "Accept"})
