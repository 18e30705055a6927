"""The common SPARQL request without Flask: ``GET /sparql?query=…`` with a machine format.

Most traffic is one query in the URL asking for JSON, CSV, Turtle and the like. For that
case this WSGI layer does what the /sparql view does (same checks, same negotiation, same
engine, same headers) without building Flask's request and response objects, which cost
more than a small query does. Everything else — POST, other parameters, HTML, SERVICE, a
406, the service description — goes to the Flask app unchanged.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from server.engine import EngineError, QueryFailed, QueryRequest
from server.engine.lexer import service_targets
from server.sparql.protocol import ProtocolError, check_query_text, parse_urlencoded
from server.sparql.responses import TABLE, chosen_format, engine_error, wsgi_plain, wsgi_result

WSGIApp = Callable[[dict, Callable], Iterable[bytes]]


class SparqlFastPath:
    def __init__(self, flask_app: object, wsgi_app: WSGIApp, headers: dict[str, str]) -> None:
        self.flask_app, self.wsgi_app = flask_app, wsgi_app
        self.settings = flask_app.config["KUHY"]
        self.cors = list(headers.items())  # CORS and security headers

    def plain_request(self, environ: dict) -> QueryRequest | None:
        """The query request when this is the plain case, else None (Flask answers)."""
        if environ.get("REQUEST_METHOD") != "GET" or environ.get("PATH_INFO") != "/sparql":
            return None
        try:
            pairs = parse_urlencoded(environ.get("QUERY_STRING", "").encode("latin-1"), "")
        except (ProtocolError, UnicodeEncodeError):
            return None
        if len(pairs) != 1 or pairs[0][0] != "query":
            return None
        query = pairs[0][1]
        try:
            check_query_text(query, self.settings.max_query_bytes, self.settings.max_query_depth)
        except ProtocolError:
            return None  # the view answers with the reason
        if service_targets(query):
            return None
        accept = environ.get("HTTP_ACCEPT")
        results_format = chosen_format(accept, None, graph=False)
        graph_format = chosen_format(accept, None, graph=True)
        formats = {results_format, graph_format}
        if TABLE in formats or formats == {None}:
            return None  # an HTML table, or a 406: the view answers those
        return QueryRequest(query, results_format, graph_format,
                            row_limit=self.settings.html_row_limit,
                            base_iri=self.settings.endpoint_iri)

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        request = self.plain_request(environ)
        if request is None:
            return self.wsgi_app(environ, start_response)
        engine = self.flask_app.extensions["kuhy.engine"]
        try:
            result = engine.execute(request)
        except EngineError as error:
            if isinstance(error, QueryFailed) and error.status == 406:
                return self.wsgi_app(environ, start_response)
            return wsgi_plain(start_response, *engine_error(error), self.cors)
        return wsgi_result(start_response, result, self.cors)
