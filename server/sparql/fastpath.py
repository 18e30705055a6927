"""The common SPARQL request without Flask: ``GET /sparql?query=…`` with a machine format.

Most traffic is one query in the URL asking for JSON, CSV, Turtle and the like. For that
case this WSGI layer does what the /sparql view does (same checks, same negotiation, same
engine, same headers) without building Flask's request and response objects, which cost
more than a small query does. Everything else — POST, other parameters, HTML, SERVICE, a
406, the service description — goes to the Flask app unchanged.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from server.engine import EngineError, QueryFailed, QueryRequest
from server.engine.lexer import service_targets
from server.renderers import GRAPH_RENDERERS, RENDERERS, RESULT_RENDERERS, by_media_type
from server.renderers import html as html_renderer
from server.renderers.negotiate import negotiate
from server.sparql.protocol import ProtocolError, check_query_text, parse_urlencoded
from server.sparql.views import GRAPH_OFFERS, RESULT_OFFERS, engine_error

HTML_TABLE = html_renderer.TABLE_FORMAT
WSGIApp = Callable[[dict, Callable], Iterable[bytes]]
STATUS = {200: "200 OK", 400: "400 BAD REQUEST", 413: "413 REQUEST ENTITY TOO LARGE",
          500: "500 INTERNAL SERVER ERROR", 503: "503 SERVICE UNAVAILABLE"}


def _renderer_key(accept: str | None, offers: list[str], renderers: list) -> str | None:
    """The renderer negotiated (None: nothing fits); HTML_TABLE when HTML wins."""
    media_type = negotiate(accept, offers)
    if media_type is None:
        return None
    if media_type == html_renderer.MEDIA_TYPE:
        return HTML_TABLE
    return by_media_type(renderers, media_type).key


class _Stream:
    """A result still being read from a query worker; WSGI servers call close()."""

    def __init__(self, result: object) -> None:
        self.result = result

    def __iter__(self) -> Iterator[bytes]:
        return iter(self.result)

    def close(self) -> None:
        self.result.close()


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
        results_format = _renderer_key(accept, RESULT_OFFERS, RESULT_RENDERERS)
        graph_format = _renderer_key(accept, GRAPH_OFFERS, GRAPH_RENDERERS)
        formats = {results_format, graph_format}
        if HTML_TABLE in formats or formats == {None}:
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
            return self._plain(start_response, *engine_error(error))
        headers = [("Content-Type", RENDERERS[result.format].content_type), ("Vary", "Accept"),
                   ("X-Kuhy-Cache", "hit" if result.cached else "miss"), *self.cors]
        if result.body is not None:
            start_response("200 OK", [*headers, ("Content-Length", str(len(result.body)))])
            return [result.body]
        start_response("200 OK", headers)
        return _Stream(result)

    def _plain(self, start_response: Callable, status: int, message: str,
               extra: dict[str, str]) -> list[bytes]:
        body = (message + "\n").encode("utf-8")
        start_response(STATUS.get(status, f"{status} ERROR"), [
            ("Content-Type", "text/plain; charset=utf-8"), ("Content-Length", str(len(body))),
            *extra.items(), *self.cors])
        return [body]
