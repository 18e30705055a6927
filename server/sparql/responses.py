"""Every answer the SPARQL endpoint writes, in one place: which format a request gets
(format= or the Accept header), the plain-text errors (Flask and bare WSGI), the engine's
failures as statuses, the streamed results."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from html import escape

from flask import Response

from server.engine import EngineBusy, EngineError, QueryFailed, QueryTimeout
from server.renderers import (
    GRAPH_RENDERERS,
    RENDERERS,
    RESULT_RENDERERS,
    Format,
    by_media_type,
    by_name,
    media_types,
)
from server.renderers import html as html_renderer
from server.renderers.negotiate import negotiate

RESULT_OFFERS = media_types(RESULT_RENDERERS) + [html_renderer.MEDIA_TYPE]
GRAPH_OFFERS = media_types(GRAPH_RENDERERS) + [html_renderer.MEDIA_TYPE]
TABLE = html_renderer.TABLE_FORMAT
STATUS = {200: "200 OK", 400: "400 BAD REQUEST", 413: "413 REQUEST ENTITY TOO LARGE",
          500: "500 INTERNAL SERVER ERROR", 503: "503 SERVICE UNAVAILABLE"}


def chosen_format(accept: str | None, format_name: str | None, graph: bool) -> str | None:
    """Format key (or TABLE for HTML) for one answer kind, by format= or else by Accept;
    None when nothing offered fits."""
    offers, formats = (GRAPH_OFFERS, GRAPH_RENDERERS) if graph else (RESULT_OFFERS,
                                                                    RESULT_RENDERERS)
    if format_name is not None:
        if format_name.strip().lower() in html_renderer.FORMAT_NAMES:
            return TABLE
        named = by_name(formats, format_name)
        return named.key if named else None
    media_type = negotiate(accept, offers)
    if media_type is None:
        return None
    if media_type == html_renderer.MEDIA_TYPE:
        return TABLE
    return by_media_type(formats, media_type).key


def format_of(key: str) -> Format:
    return RENDERERS[key]


def engine_error(error: EngineError) -> tuple[int, str, dict[str, str]]:
    """Status, message and headers for an engine failure (406 is answered by the caller)."""
    if isinstance(error, QueryFailed):
        return error.status, error.message, {}
    if isinstance(error, QueryTimeout):
        return 503, f"Query stopped: {error}.", {}
    if isinstance(error, EngineBusy):
        return 503, f"Server busy: {error}; try again.", {"Retry-After": "5"}
    return 500, f"Query failed: {error}", {}


def plain(status: int, message: str, headers: dict[str, str] | None = None) -> Response:
    response = Response(message + "\n", status=status, mimetype="text/plain")
    response.headers.update(headers or {})
    return response


def engine_failure(error: EngineError) -> Response:
    """A page, listing or query whose engine work timed out or failed: 503 (or the
    engine's status) with the reason, never a traceback."""
    return plain(*engine_error(error))


def not_acceptable() -> Response:
    return plain(406, "Not Acceptable. This endpoint offers\n  for SELECT and ASK: "
                 + ", ".join(RESULT_OFFERS) + "\n  for CONSTRUCT and DESCRIBE: "
                 + ", ".join(GRAPH_OFFERS) + "\n  and format= " + _format_names())


def _format_names() -> str:
    names = {name for r in RENDERERS.values() for name in r.names}
    return ", ".join(sorted(names | set(html_renderer.FORMAT_NAMES)))


def result_response(result, query: str, row_limit: int) -> Response:
    headers = {"Vary": "Accept", "X-Kuhy-Cache": "hit" if result.cached else "miss"}
    if result.format == TABLE:
        body = result.body if result.body is not None else b"".join(result)
        page = html_renderer.render_table(json.loads(body), query, row_limit)
        return Response(page, mimetype="text/html", headers=headers)
    content_type = RENDERERS[result.format].content_type
    if result.body is not None:
        return Response(result.body, content_type=content_type, headers=headers)
    return Response(result, content_type=content_type, headers=headers, direct_passthrough=True)


def description_page(endpoint: str, turtle: str, script_root: str) -> Response:
    """The endpoint's page for a browser that asked for /sparql without a query."""
    page = ('<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
            "<title>SPARQL endpoint</title></head><body><h1>SPARQL endpoint</h1>"
            f"<p>Send queries to {escape(endpoint)} (SPARQL 1.1 Protocol), or write "
            f'them in the <a href="{escape(script_root)}/query">query editor</a>.</p>'
            "<p>Service description:</p>"
            f"<pre>{escape(turtle)}</pre></body></html>")
    return Response(page, mimetype="text/html", headers={"Vary": "Accept"})


class _Stream:
    """A result still being read from a query worker; WSGI servers call close()."""

    def __init__(self, result: object) -> None:
        self.result = result

    def __iter__(self) -> Iterator[bytes]:
        return iter(self.result)

    def close(self) -> None:
        self.result.close()


def wsgi_result(start_response: Callable, result, extra: list[tuple[str, str]]) -> object:
    """The same result answer as result_response, written without Flask (machine formats)."""
    headers = [("Content-Type", RENDERERS[result.format].content_type), ("Vary", "Accept"),
               ("X-Kuhy-Cache", "hit" if result.cached else "miss"), *extra]
    if result.body is not None:
        start_response("200 OK", [*headers, ("Content-Length", str(len(result.body)))])
        return [result.body]
    start_response("200 OK", headers)
    return _Stream(result)


def wsgi_plain(start_response: Callable, status: int, message: str, headers: dict[str, str],
               extra: list[tuple[str, str]]) -> list[bytes]:
    """The same plain-text answer as plain, written without Flask."""
    body = (message + "\n").encode("utf-8")
    start_response(STATUS.get(status, f"{status} ERROR"), [
        ("Content-Type", "text/plain; charset=utf-8"), ("Content-Length", str(len(body))),
        *headers.items(), *extra])
    return [body]
