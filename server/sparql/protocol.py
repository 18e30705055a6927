"""Reading a SPARQL 1.1 Protocol request: parameters, body, media types, limits.

Every refusal is a ProtocolError carrying the HTTP status and a message for the client.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from urllib.parse import unquote_to_bytes

import pyoxigraph as ox
from flask import Request

from server.engine.lexer import TooDeep, check_depth

FORM = "application/x-www-form-urlencoded"
QUERY_BODY = "application/sparql-query"
UPDATE_BODY = "application/sparql-update"
READ_ONLY = "This SPARQL endpoint is read-only: SPARQL Update is not accepted."
DATASET_PARAMS = ("default-graph-uri", "named-graph-uri")


class ProtocolError(Exception):
    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status, self.message, self.headers = status, message, headers or {}


@dataclass
class ProtocolRequest:
    query: str | None
    default_graphs: list[str] | None = None
    named_graphs: list[str] | None = None
    format: str | None = None
    params: dict[str, list[str]] = field(default_factory=dict)
    timeout_s: float | None = None  # the client's own limit (``timeout``), seconds


def parse_urlencoded(raw: bytes, where: str) -> list[tuple[str, str]]:
    """Form/query-string pairs, decoded as strict UTF-8 (werkzeug would replace bad bytes)."""
    pairs = []
    for item in raw.split(b"&"):
        if not item:
            continue
        name, _, value = item.partition(b"=")
        try:
            pairs.append((_unquote(name), _unquote(value)))
        except UnicodeDecodeError as error:
            raise ProtocolError(400, f"The {where} is not valid UTF-8: {error}") from None
    return pairs


def _unquote(raw: bytes) -> str:
    return unquote_to_bytes(raw.replace(b"+", b" ")).decode("utf-8")


def _check_charset(request: Request) -> None:
    charset = request.mimetype_params.get("charset", "utf-8").lower()
    if charset not in ("utf-8", "utf8", "us-ascii"):
        raise ProtocolError(400, f"The request body must be UTF-8, not {charset}.")


def _read_body(request: Request, limit: int) -> bytes:
    length = request.content_length
    if length is not None and length > limit:
        raise ProtocolError(413, f"The request body has {length} bytes; the limit is {limit}.")
    body = request.stream.read(limit + 1)
    if len(body) > limit:
        raise ProtocolError(413, f"The request body is over the limit of {limit} bytes.")
    return body


def _body_params(request: Request, max_query_bytes: int) -> tuple[list[tuple[str, str]], bool]:
    """Parameters carried by a POST body, and whether the body was a direct query."""
    mimetype = request.mimetype
    if mimetype == UPDATE_BODY:
        raise ProtocolError(403, READ_ONLY)
    if mimetype == FORM:
        _check_charset(request)
        # percent-encoding may triple the size of a query that is within the limit
        body = _read_body(request, 3 * max_query_bytes + 65536)
        return parse_urlencoded(body, "form body"), False
    if mimetype == QUERY_BODY:
        _check_charset(request)
        body = _read_body(request, max_query_bytes)
        try:
            return [("query", body.decode("utf-8"))], True
        except UnicodeDecodeError as error:
            raise ProtocolError(400, f"The query is not valid UTF-8: {error}") from None
    given = mimetype or "no media type"
    raise ProtocolError(
        415,
        f"Unsupported request media type ({given}). POST a query as {QUERY_BODY} "
        f"or as {FORM} with a 'query' parameter.",
    )


def _graph_iris(params: dict[str, list[str]], name: str) -> list[str] | None:
    values = params.get(name)
    if values is None:
        return None
    for value in values:
        try:
            ox.NamedNode(value)
        except ValueError:
            raise ProtocolError(400, f"{name} must be an absolute IRI, got {value!r}.") from None
    return values


def _timeout(params: dict[str, list[str]]) -> float | None:
    """The ``timeout`` parameter (seconds, as Fuseki reads it): a client may ask for a
    shorter limit than the server's, never a longer one (the caller takes the smaller)."""
    values = params.get("timeout")
    if values is None:
        return None
    if len(values) > 1:
        raise ProtocolError(400, f"The 'timeout' parameter is repeated ({len(values)} times).")
    try:
        seconds = float(values[0])
    except ValueError:
        seconds = math.nan
    if not math.isfinite(seconds) or seconds <= 0:
        raise ProtocolError(400, "timeout must be a positive number of seconds, "
                                 f"got {values[0]!r}.")
    return seconds


def check_query_text(query: str, max_query_bytes: int, max_depth: int) -> None:
    """ProtocolError unless the query text is within the size (413) and nesting (400)
    limits; checked before any parser sees the text."""
    size = len(query.encode("utf-8"))
    if size > max_query_bytes:
        raise ProtocolError(413, f"The query has {size} bytes; the limit is {max_query_bytes}.")
    try:
        check_depth(query, max_depth)
    except TooDeep as error:
        raise ProtocolError(400, str(error)) from None


def read_request(request: Request, max_query_bytes: int, max_depth: int) -> ProtocolRequest:
    pairs = parse_urlencoded(request.query_string, "query string")
    if request.method == "POST":
        body_pairs, direct = _body_params(request, max_query_bytes)
        if direct and any(name == "query" for name, _ in pairs):
            raise ProtocolError(400, "The query is given twice: in the body and in the URL.")
        pairs += body_pairs
    params: dict[str, list[str]] = {}
    for name, value in pairs:
        params.setdefault(name, []).append(value)
    queries, updates = params.get("query", []), params.get("update", [])
    if queries and updates:
        raise ProtocolError(400, "A request may carry a query or an update, not both.")
    if updates or any(name.startswith("using-") for name in params):
        raise ProtocolError(403, READ_ONLY)
    if len(queries) > 1:
        raise ProtocolError(400, f"The 'query' parameter is repeated ({len(queries)} times).")
    query = queries[0] if queries else None
    if query is not None:
        check_query_text(query, max_query_bytes, max_depth)
    formats = params.get("format", [])
    return ProtocolRequest(
        query=query,
        default_graphs=_graph_iris(params, "default-graph-uri"),
        named_graphs=_graph_iris(params, "named-graph-uri"),
        format=formats[-1] if formats else None,
        params=params,
        timeout_s=_timeout(params),
    )
