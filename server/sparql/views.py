"""Blueprint: the SPARQL 1.1 Protocol endpoint at /sparql (query side; updates refused)."""

from __future__ import annotations

from flask import Blueprint, Response, current_app, request

from server.engine import EngineError, QueryFailed, QueryRequest
from server.engine.lexer import expand_target, service_targets
from server.services import get_engine
from server.settings import Settings
from server.sparql.description import render_description
from server.sparql.protocol import (
    DATASET_PARAMS,
    ProtocolError,
    ProtocolRequest,
    check_query_text,
    read_request,
)
from server.sparql.responses import (
    TABLE,
    chosen_format,
    description_page,
    engine_failure,
    format_of,
    not_acceptable,
    plain,
    result_response,
)

bp = Blueprint("sparql", __name__)

ALLOWED = "GET, HEAD, POST, OPTIONS"
ANY_METHOD = ["GET", "HEAD", "POST", "OPTIONS", "PUT", "DELETE", "PATCH"]


def _settings() -> Settings:
    return current_app.config["KUHY"]


def _choose(format_name: str | None, graph: bool) -> str | None:
    return chosen_format(request.headers.get("Accept"), format_name, graph)


def check_query(query: str, settings: Settings) -> None:
    """What the endpoint checks of any query text before it runs (size, nesting, SERVICE);
    ProtocolError when it is refused."""
    check_query_text(query, settings.max_query_bytes, settings.max_query_depth)
    _refuse_service(query, settings.service_allow_list)


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
    results_format = _choose(protocol.format, graph=False)
    graph_format = _choose(protocol.format, graph=True)
    if results_format is None and graph_format is None:
        return not_acceptable()
    query_request = QueryRequest(protocol.query, results_format, graph_format,
                                 row_limit=settings.html_row_limit,
                                 base_iri=settings.endpoint_iri,
                                 timeout=_limit_s(protocol, settings))
    if protocol.default_graphs is not None or protocol.named_graphs is not None:
        # a protocol dataset replaces the union default graph; what it leaves out is empty
        query_request.default_graphs = protocol.default_graphs or []
        query_request.named_graphs = protocol.named_graphs or []
    try:
        result = get_engine().execute(query_request)
    except EngineError as error:
        if isinstance(error, QueryFailed) and error.status == 406:
            return not_acceptable()
        return engine_failure(error)
    return result_response(result, protocol.query, settings.html_row_limit)


def _limit_s(protocol: ProtocolRequest, settings: Settings) -> float | None:
    """The client's ``timeout`` where it is below the server's limit, else None (the
    server's)."""
    if protocol.timeout_s is None or protocol.timeout_s >= settings.query_timeout_s:
        return None
    return protocol.timeout_s


def service_description(format_name: str | None) -> Response:
    key = _choose(format_name, graph=True)
    if key is None:
        return not_acceptable()
    iri = _settings().endpoint_iri
    graphs = get_engine().named_graphs()
    if key == TABLE:
        turtle = render_description(iri, graphs, format_of("turtle")).decode()
        return description_page(iri, turtle, request.script_root)
    renderer = format_of(key)
    body = render_description(iri, graphs, renderer)
    return Response(body, content_type=renderer.content_type, headers={"Vary": "Accept"})
