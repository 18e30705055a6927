"""Remote engine: a SPARQL 1.1 endpoint (Oxigraph server, Virtuoso, QLever, Fuseki) behind
the same caching layer as the embedded store (server.engine.caching).

Everything in front of the engine stays ours: the lexer refuses SERVICE and updates and
bounds the query before it gets here, the deadline becomes the HTTP timeout, and the answer
is read in one fixed format (SPARQL JSON results or N-Triples) and written again by the same
code the query workers use, so a client sees the same bytes whichever engine answered.
"""

from __future__ import annotations

import http.client
import threading
import time
import urllib.parse
from collections.abc import Iterator
from functools import partial
from typing import Any, BinaryIO

import pyoxigraph as ox

from server.engine import (
    Deadline,
    EngineError,
    EngineSettings,
    QueryFailed,
    QueryRequest,
    QuerySyntaxError,
)
from server.engine.builds import ServedBuilds
from server.engine.caching import CachingEngine, WholeResult
from server.engine.lexer import has_dataset_clause, has_relative_iri, query_form
from server.engine.remote_stream import RemoteStream, stream
from server.engine.worker import Refusal, render

RESULTS_JSON = "application/sparql-results+json"
N_TRIPLES = "application/n-triples"
# Graphs as N-Triples; Virtuoso 7 names them text/plain, and Turtle reads N-Triples too.
GRAPH_TYPES = {N_TRIPLES: ox.RdfFormat.N_TRIPLES, "text/plain": ox.RdfFormat.N_TRIPLES,
               "text/turtle": ox.RdfFormat.TURTLE}
GRAPH_ACCEPT = f"{N_TRIPLES}, text/plain;q=0.9, text/turtle;q=0.8"
DUMP_TIMEOUT_S = 3600.0  # a dump reads the whole graph: it gets its own, long limit


class EngineUnavailable(QueryFailed):
    """The remote engine could not be reached or failed: 503 with the reason."""

    def __init__(self, reason: str) -> None:
        super().__init__(503, f"the query engine is unavailable: {reason}")


class _Graph:
    """Triples parsed from the remote, with the ``serialize`` a pyoxigraph result has."""

    def __init__(self, triples: Iterator[ox.Triple]) -> None:
        self._triples = triples

    def __iter__(self) -> Iterator[ox.Triple]:
        return self._triples

    def serialize(self, output: BinaryIO, format: ox.RdfFormat) -> None:  # noqa: A002
        ox.serialize(self._triples, output, format)


def _dataset_parameters(request: QueryRequest, union_parameter: str) -> list[tuple[str, str]]:
    """The protocol's dataset, else the union of all graphs as the default graph when the
    query names no dataset itself (as the embedded worker does)."""
    defaults, named = request.default_graphs, request.named_graphs
    if defaults is None and named is None:
        if union_parameter and not has_dataset_clause(request.query):
            return [(union_parameter, "")]
        return []
    return ([("default-graph-uri", iri) for iri in defaults or []]
            + [("named-graph-uri", iri) for iri in named or []])


class _BeforeDeadline:
    """The remote's answer, read only until the deadline: each read waits at most the time
    left (a socket timeout alone restarts with every packet, so a remote that keeps sending
    a huge answer, or trickles one, would be read for ever)."""

    def __init__(self, response: http.client.HTTPResponse,
                 connection: http.client.HTTPConnection, deadline: Deadline) -> None:
        self._response, self._connection, self._deadline = response, connection, deadline

    def read(self, size: int = -1) -> bytes:
        left = self._deadline.at - time.monotonic()
        if left <= 0:
            raise TimeoutError("the answer was still arriving at the time limit")
        if self._connection.sock is not None:
            self._connection.sock.settimeout(left)
        return self._response.read(size)


def _parsed(response: Any, body: Any, graph: bool) -> tuple[Any, str]:
    """(pyoxigraph-like result, kind) read from `body`, the remote's answer to `response`,
    as it arrives."""
    media_type = response.headers.get_content_type()
    if graph and media_type in GRAPH_TYPES:
        triples = (quad.triple for quad in ox.parse(body, format=GRAPH_TYPES[media_type]))
        return _Graph(triples), "graph"
    if not graph and media_type == RESULTS_JSON:
        result = ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)
        return result, "boolean" if isinstance(result, ox.QueryBoolean) else "solutions"
    expected = GRAPH_ACCEPT if graph else RESULTS_JSON
    raise EngineUnavailable(f"it answered in {media_type}, not {expected}")


class _Connections:
    """Open connections to the remote kept between queries (a new TCP connection per query
    cost more than a lookup on the remote); each is lent to one query at a time."""

    def __init__(self, query_url: str, keep: int = 16) -> None:
        url = urllib.parse.urlsplit(query_url)
        self._kind = (http.client.HTTPSConnection if url.scheme == "https"
                      else http.client.HTTPConnection)
        self._host, self._port = url.hostname or "", url.port
        self.target = urllib.parse.urlunsplit(("", "", url.path or "/", url.query, ""))
        self._idle: list[http.client.HTTPConnection] = []
        self._keep = keep
        self._lock = threading.Lock()
        self._closed = False

    def take(self, timeout_s: float,
             fresh: bool = False) -> tuple[http.client.HTTPConnection, bool]:
        """A connection with this timeout (a new one when `fresh`), and whether it was kept
        from an earlier query."""
        with self._lock:
            connection = self._idle.pop() if self._idle and not fresh else None
        reused = connection is not None
        if connection is None:
            connection = self._kind(self._host, self._port)
        connection.timeout = timeout_s
        if connection.sock is not None:
            connection.sock.settimeout(timeout_s)
        return connection, reused

    def give_back(self, connection: http.client.HTTPConnection) -> None:
        """Keep `connection` for a later query; a stream that ends after the engine closed
        (its thread outlives the request) closes it instead."""
        with self._lock:
            if not self._closed and len(self._idle) < self._keep:
                self._idle.append(connection)
                return
        connection.close()

    def close(self) -> None:
        with self._lock:
            idle, self._idle, self._closed = self._idle, [], True
        for connection in idle:
            connection.close()


_READ_ERRORS = (SyntaxError, ValueError, OSError, http.client.HTTPException)  # a bad answer


def _failure(error: BaseException, deadline: Deadline) -> BaseException:
    """The engine error a failure to get or read the remote's answer is: the time limit
    when it has passed, else 503 with the reason; our own refusals as they are."""
    if isinstance(error, QueryFailed):
        return error
    if isinstance(error, TimeoutError) or (
            isinstance(error, (Refusal, *_READ_ERRORS)) and deadline.passed(time.monotonic())):
        return deadline.overrun()
    if isinstance(error, Refusal):
        return EngineUnavailable(error.message)
    if isinstance(error, _READ_ERRORS):
        return EngineUnavailable(f"its answer could not be read: {error}")
    return error


def _not_an_answer(response: http.client.HTTPResponse) -> EngineError:
    """What a response other than a whole answer means: 400 is the query's fault; a partial
    answer (HTTP 206, or Virtuoso's "anytime" state on any status, cut at the engine's own
    time or row limit) must never pass, or be cached, as the answer; any other status is the
    engine's failure, with its reason."""
    state = response.getheader("X-SQL-State")
    if response.status == 206 or (state and response.status < 400):
        message = response.getheader("X-SQL-Message") or "no reason given"
        return EngineUnavailable(f"it returned an incomplete answer (HTTP {response.status}, "
                                 f"{state or 'partial content'}: {message[:300]})")
    reason = response.read(2000).decode("utf-8", "replace").strip()
    if response.status == 400:
        return QuerySyntaxError(reason)
    return EngineUnavailable(f"HTTP {response.status} {reason[:500] or response.reason}")


def with_base(query: str, base_iri: str | None) -> str:
    """The query with `base_iri` declared as its base when it has relative IRIs (the remote
    would resolve them against its own address). Declared on the first line, before the
    query's own prologue, whose BASE, if any, still applies to what follows it."""
    if base_iri is None or not has_relative_iri(query):
        return query
    return f"BASE {ox.NamedNode(base_iri)} {query}"


def _own_syntax_error(request: QueryRequest) -> QuerySyntaxError | None:
    """The parser's message for the query as the client wrote it, or None when it parses.
    The remote's line and column count the BASE put before the query. pyoxigraph parses
    when asked and evaluates only when its result is read, so nothing runs here."""
    try:
        ox.Store().query(request.query, base_iri=request.base_iri)
    except SyntaxError as error:
        return QuerySyntaxError(str(error))
    return None


class RemoteExecutor:
    """Sends each query to the remote endpoint with the time left as its HTTP timeout."""

    def __init__(self, settings: EngineSettings) -> None:
        self.settings = settings
        self.query_url = settings.remote_query_url
        self.media_types = settings.worker_config()["formats"]
        self.chunk_bytes = settings.worker_config()["chunk"]
        self._connections = _Connections(self.query_url)

    def _open(self, query: str, parameters: list[tuple[str, str]], accept: str,
              timeout_s: float) -> tuple[http.client.HTTPResponse, http.client.HTTPConnection]:
        """POST as an HTML form, the one way every engine takes (Virtuoso 7 does not read a
        body of type application/sparql-query). A kept connection the remote has closed
        meanwhile is replaced once, by a new one (the other kept ones may be as stale): the
        query never reached it."""
        form = urllib.parse.urlencode([("query", query), *parameters]).encode()
        headers = {"Content-Type": "application/x-www-form-urlencoded", "Accept": accept}
        for attempt in (1, 2):
            connection, reused = self._connections.take(timeout_s, fresh=attempt > 1)
            try:
                connection.request("POST", self._connections.target, body=form,
                                   headers=headers)
                response = connection.getresponse()
                break
            except TimeoutError:
                connection.close()
                raise
            except (http.client.RemoteDisconnected, ConnectionResetError,
                    BrokenPipeError) as error:
                connection.close()
                if reused and attempt == 1:
                    continue
                raise EngineUnavailable(str(error)) from None
            except (OSError, http.client.HTTPException) as error:
                connection.close()
                raise EngineUnavailable(str(error)) from None
        if response.status != 200 or response.getheader("X-SQL-State"):
            error = _not_an_answer(response)
            connection.close()
            raise error
        return response, connection

    def _finished(self, response: http.client.HTTPResponse,
                  connection: http.client.HTTPConnection, completely: bool = True) -> None:
        """The connection is kept only when the whole answer was read."""
        if completely and (response.isclosed() or not response.read(1)):
            response.close()
            self._connections.give_back(connection)
        else:
            connection.close()

    def evaluate(self, request: QueryRequest,
                 deadline: Deadline) -> RemoteStream | WholeResult:
        """Send the query; its answer is read and written again as it arrives (in a thread
        of its own, server.engine.remote_stream), all of it under the request's deadline."""
        parameters = _dataset_parameters(request, self.settings.remote_union_parameter)
        graph = query_form(request.query) in ("CONSTRUCT", "DESCRIBE")
        sent = with_base(request.query, request.base_iri)
        try:
            response, connection = self._open(sent, parameters,
                                              GRAPH_ACCEPT if graph else RESULTS_JSON,
                                              max(0.001, deadline.at - time.monotonic()))
        except QuerySyntaxError as error:
            rebased = sent is not request.query
            raise (rebased and _own_syntax_error(request)) or error from None
        except BaseException as error:
            raise _failure(error, deadline) from None
        body = _BeforeDeadline(response, connection, deadline)
        return stream(partial(self._produce, request, response, body, graph),
                      partial(self._finished, response, connection), self.chunk_bytes,
                      deadline, partial(_failure, deadline=deadline))

    def _produce(self, request: QueryRequest, response: http.client.HTTPResponse,
                 body: _BeforeDeadline, graph: bool, sink: Any) -> None:
        """Read the answer and write it in the requested format into `sink`."""
        result, kind = _parsed(response, body, graph)
        format_key = request.graph_format if kind == "graph" else request.results_format
        if format_key is None:
            raise QueryFailed(406, f"no acceptable format for a {kind} result")
        sink.begin(kind, format_key)
        media_type = self.media_types.get(format_key, format_key)
        render(result, kind, media_type, request.row_limit, sink)

    def quads(self, graph_iris: list[str],
              limit_s: float = DUMP_TIMEOUT_S) -> Iterator[ox.Quad]:
        """Every quad of these graphs, one CONSTRUCT per graph, streamed (for dumps), all of
        it within `limit_s`."""
        deadline = Deadline.starting(limit_s, time.monotonic())
        for iri in graph_iris:
            graph = ox.NamedNode(iri)
            query = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH {graph} {{ ?s ?p ?o }} }}"
            response, connection = self._open(query, [], GRAPH_ACCEPT,
                                              max(0.001, deadline.at - time.monotonic()))
            try:
                triples, _ = _parsed(response, _BeforeDeadline(response, connection, deadline),
                                     graph=True)
                for triple in triples:
                    yield ox.Quad(triple.subject, triple.predicate, triple.object, graph)
                self._finished(response, connection)
            except BaseException:
                connection.close()
                raise

    def close(self) -> None:
        self._connections.close()


class RemoteEngine(CachingEngine):
    def __init__(self, settings: EngineSettings, builds: ServedBuilds) -> None:
        super().__init__(settings, builds, RemoteExecutor(settings))

    def dump(self, fmt: ox.RdfFormat, quads: bool, out: BinaryIO, prefixes: dict) -> None:
        """The whole graph in `fmt` from the remote: named graphs kept when `quads`, else
        their union as triples."""
        stream = self.executor.quads(self.named_graphs())
        if not quads:
            stream = (quad.triple for quad in stream)
        try:
            ox.serialize(stream, out, fmt, prefixes=prefixes)
        except EngineError:
            raise
        except (SyntaxError, ValueError, OSError) as error:
            raise EngineUnavailable(f"dump failed: {error}") from None
