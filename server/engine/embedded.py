"""Embedded engine: the on-disk pyoxigraph store, queried through the killable worker pool."""

from __future__ import annotations

import json
import os
import threading
import time
from collections.abc import Callable, Iterator

import pyoxigraph as ox
import rdflib

from server.engine import (
    Deadline,
    EngineError,
    EngineSettings,
    QueryFailed,
    QueryRequest,
    QuerySyntaxError,
    QueryTimeout,
    wire,
)
from server.engine.builds import ServedBuilds
from server.engine.cache import (
    GRAPH,
    RESULTS,
    CachedResult,
    DiskTier,
    ResultCache,
    answer_key,
    build_digest,
    digest,
    family,
)
from server.engine.flight import Flights, Lead
from server.engine.pool import Worker, WorkerPool
from server.engine.warmup import CannedWarmup


def to_rdflib(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> rdflib.term.Node:
    if isinstance(term, ox.NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return rdflib.BNode(term.value)
    if term.language:
        return rdflib.Literal(term.value, lang=term.language)
    return rdflib.Literal(term.value, datatype=rdflib.URIRef(term.datatype.value))


def json_term_to_rdflib(term: dict) -> rdflib.term.Node:
    if term["type"] == "uri":
        return rdflib.URIRef(term["value"])
    if term["type"] == "bnode":
        return rdflib.BNode(term["value"])
    if "xml:lang" in term:
        return rdflib.Literal(term["value"], lang=term["xml:lang"])
    datatype = term.get("datatype")
    return rdflib.Literal(term["value"], datatype=rdflib.URIRef(datatype) if datatype else None)


FLIGHT_GRACE_S = 5.0  # a flight marker older than the query limit plus this is stale


class WholeResult:
    """A result complete in memory (from the result cache)."""

    def __init__(self, kind: str, format_key: str, body: bytes, cached: bool) -> None:
        self.kind, self.format, self.body, self.cached = kind, format_key, body, cached

    def remember(self, keep: Callable[[bytes], None], limit: int) -> None:
        if len(self.body) <= limit:
            keep(self.body)

    def __iter__(self) -> Iterator[bytes]:
        yield self.body

    def close(self) -> None:
        """Nothing to release."""


class PooledResult:
    """Serialised result bytes read from a worker; holds the worker until the end."""

    cached = False

    def __init__(self, pool: WorkerPool, worker: Worker, header: dict, chunks: list[bytes],
                 complete: bool, deadline: Deadline, nice_at: float) -> None:
        self.kind, self.format = header["kind"], header["format"]
        self._pool, self._worker = pool, (None if complete else worker)
        self._chunks, self._deadline, self._nice_at = chunks, deadline, nice_at
        self.body = b"".join(chunks) if complete else None
        self._keep: Callable[[bytes], None] | None = None
        self._kept: list[bytes] = []
        self._kept_bytes, self._keep_limit = 0, 0
        self.on_end: Callable[[], None] | None = None  # run once the answer is whole or dropped

    def remember(self, keep: Callable[[bytes], None], limit: int) -> None:
        """Hand the whole body to `keep` once complete, if it is at most `limit` bytes."""
        if self.body is not None:
            if len(self.body) <= limit:
                keep(self.body)
            return
        self._keep, self._keep_limit = keep, limit

    def _collect(self, chunk: bytes) -> None:
        if self._keep is None:
            return
        self._kept_bytes += len(chunk)
        if self._kept_bytes > self._keep_limit:
            self._keep, self._kept = None, []
        else:
            self._kept.append(chunk)

    def __iter__(self) -> Iterator[bytes]:
        chunks, self._chunks = self._chunks, []
        for chunk in chunks:
            self._collect(chunk)
            yield chunk
        while self._worker is not None:
            for chunk in self._next_chunks():
                self._collect(chunk)
                yield chunk
        if self._keep is not None:
            keep, self._keep = self._keep, None
            keep(b"".join(self._kept))
        self._ended()

    def _ended(self) -> None:
        on_end, self.on_end = self.on_end, None
        if on_end is not None:
            on_end()

    def _next_chunks(self) -> Iterator[bytes]:
        worker = self._worker
        try:
            kind, payload = worker.read_frame(self._deadline, self._nice_at)
        except QueryTimeout:
            self.close()
            raise
        if kind == wire.DATA:
            yield payload
        elif kind == wire.END:
            self._worker = None
            self._pool.release(worker)
        else:
            self.close()
            raise EngineError(json.loads(payload).get("message", "query failed mid-stream"))

    def close(self) -> None:
        """Stop early (client gone, HEAD, error): the worker is mid-result, so replace it."""
        worker, self._worker = self._worker, None
        if worker is not None:
            self._pool.discard(worker)
        self._ended()


def _wire_request(request: QueryRequest) -> dict:
    """What a query worker needs to answer the request."""
    return {
        "query": request.query,
        "results_format": request.results_format,
        "graph_format": request.graph_format,
        "default_graphs": request.default_graphs,
        "named_graphs": request.named_graphs,
        "row_limit": request.row_limit,
        "base_iri": request.base_iri,
    }


def _cache_key(request: QueryRequest, family_name: str) -> tuple:
    """Everything besides the build that decides the bytes of an answer of that family."""
    def graphs(iris: list[str] | None) -> tuple[str, ...] | None:
        return None if iris is None else tuple(iris)

    format_key = request.graph_format if family_name == GRAPH else request.results_format
    return answer_key(request.query, (graphs(request.default_graphs),
                                      graphs(request.named_graphs)),
                      family_name, format_key, request.row_limit, request.base_iri)


def _answer_keys(request: QueryRequest) -> dict[str, tuple]:
    """The cache key per answer family the request accepts."""
    return {name: _cache_key(request, name) for name in _families(request)}


def _flight_name(identity: str, keys: dict[str, tuple]) -> str:
    return f"{build_digest(identity)}-{digest(repr(tuple(keys.values())))}"


def _families(request: QueryRequest) -> list[str]:
    """The answer families the request accepts (the query's form is known only later)."""
    return ([RESULTS] if request.results_format else []) + ([GRAPH] if request.graph_format
                                                            else [])


class EmbeddedEngine:
    def __init__(self, settings: EngineSettings, builds: ServedBuilds | None = None) -> None:
        self.settings = settings
        self._pool: WorkerPool | None = None
        self._pool_pid = 0
        self._closed = False
        self._lock = threading.Lock()
        disk = (DiskTier(settings.result_cache_dir, settings.result_cache_disk_bytes)
                if settings.result_cache_dir and settings.result_cache_disk_bytes > 0 else None)
        self.cache = ResultCache(settings.result_cache_bytes, settings.result_cache_entry_bytes,
                                 disk, settings.result_cache_disk_after_s)
        self.builds = builds or ServedBuilds(settings.store_root)
        self.flights = Flights(disk.directory if disk is not None else None,
                               settings.query_timeout_s + FLIGHT_GRACE_S)
        self.warmup = CannedWarmup([], self.cache, self._evaluate_whole, _cache_key,
                                   settings.warmup_timeout_s)

    def pin_on_each_build(self, queries: list[tuple[str, str]]) -> None:
        """Pin these (name, SPARQL) answers for every build served (server.engine.warmup)."""
        self.warmup.queries = list(queries)

    def warmup_status(self) -> dict[str, object]:
        self.warmup.notice(self.builds.identity())
        return self.warmup.status()

    @property
    def pool(self) -> WorkerPool:
        """The pool of this process (a forked server process builds its own)."""
        if self._pool is None or self._pool_pid != os.getpid():
            if self._closed:
                raise EngineError("the engine is closed")
            with self._lock:
                if self._pool is None or self._pool_pid != os.getpid():
                    self._pool = WorkerPool(self.builds, self.settings.query_workers,
                                            self.settings.worker_config())
                    self._pool_pid = os.getpid()
        return self._pool

    def execute(self, request: QueryRequest) -> PooledResult | WholeResult:
        if not self.cache.cacheable(request.query):
            return self._evaluate(request)
        identity = self.builds.identity()
        self.warmup.notice(identity)
        keys = _answer_keys(request)
        entry = self._cached(identity, keys)
        if entry is None:
            started = time.monotonic()
            deadline = self._deadline(request, started)
            entry = self.flights.board(_flight_name(identity, keys), deadline,
                                       lambda: self._cached(identity, keys))
        if not isinstance(entry, Lead):
            return WholeResult(entry.kind, entry.format, entry.body, cached=True)
        return self._evaluate_leading(request, (identity, keys), entry, (started, deadline))

    def _deadline(self, request: QueryRequest, now: float) -> Deadline:
        """The request's one deadline, from its own limit or the configured one."""
        limit_s = request.timeout or self.settings.query_timeout_s
        return Deadline.starting(limit_s, now, request.waited_s)

    def _cached(self, identity: str, keys: dict[str, tuple]) -> CachedResult | None:
        for key in keys.values():
            entry = self.cache.get(identity, key)
            if entry is not None:
                return entry
        return None

    def _evaluate_leading(self, request: QueryRequest,
                          cache_at: tuple[str, dict[str, tuple]], lead: Lead,
                          timing: tuple[float, Deadline]) -> PooledResult | WholeResult:
        """Evaluate as the one request doing so; the others wait for the cached answer.
        `cache_at` is (served build identity, cache key per answer family); `timing` is
        (when the request began, its deadline, which time spent waiting counts to)."""
        started, deadline = timing
        try:
            result = self._evaluate(request, deadline)
        except BaseException:
            lead.land()
            raise

        def keep(body: bytes) -> None:
            identity, keys = cache_at
            key = keys.get(family(result.kind)) or _cache_key(request, family(result.kind))
            self.cache.put(identity, key, CachedResult(result.kind, result.format, body),
                           time.monotonic() - started)

        result.remember(keep, self.cache.max_entry_bytes)
        if result.body is not None:
            lead.land()  # complete: already kept
        else:
            result.on_end = lead.land
        return result

    def _evaluate(self, request: QueryRequest, deadline: Deadline | None = None) -> PooledResult:
        deadline = deadline or self._deadline(request, time.monotonic())
        pool = self.pool
        worker = pool.acquire(deadline.at)
        nice_at = time.monotonic() + self.settings.deprioritise_after_s
        try:
            worker.send(wire.encode_request(_wire_request(request)))
            kind, payload = worker.read_frame(deadline, nice_at)
        except EngineError:  # a timeout or a dead worker: it is mid-query, replace it
            pool.discard(worker)
            raise
        if kind == wire.ERROR:
            pool.release(worker)
            error = json.loads(payload)
            if error["status"] == 400:
                raise QuerySyntaxError(error["message"])
            raise QueryFailed(error["status"], error["message"])
        return self._first_chunks(pool, worker, json.loads(payload), deadline, nice_at)

    def _evaluate_whole(self, request: QueryRequest) -> tuple[str, str, bytes]:
        """Evaluate in the pool and read the answer to its end (for the warm-up)."""
        result = self._evaluate(request)
        try:
            body = result.body if result.body is not None else b"".join(result)
        finally:
            result.close()
        return result.kind, result.format, body

    def _first_chunks(self, pool: WorkerPool, worker: Worker, header: dict, deadline: Deadline,
                      nice_at: float) -> PooledResult:
        """Take the frames already received; a result that is complete needs no streaming."""
        chunks: list[bytes] = []
        while (frame := worker.buffered_frame()) is not None:
            kind, payload = frame
            if kind == wire.DATA:
                chunks.append(payload)
                continue
            if kind == wire.END:
                pool.release(worker)
                return PooledResult(pool, worker, header, chunks, True, deadline, nice_at)
            pool.discard(worker)
            raise QueryFailed(500, json.loads(payload).get("message", "query failed"))
        return PooledResult(pool, worker, header, chunks, False, deadline, nice_at)

    def _read_all(self, request: QueryRequest) -> PooledResult | WholeResult:
        result = self.execute(request)
        if result.body is None:
            try:
                result.body = b"".join(result)
            finally:
                result.close()
        return result

    def select(self, query: str, timeout: float | None = None) -> list[dict[str, rdflib.term.Node]]:
        result = self._read_all(QueryRequest(query, "json", None, timeout=timeout))
        document = json.loads(result.body)
        return [
            {name: json_term_to_rdflib(term) for name, term in binding.items()}
            for binding in document.get("results", {}).get("bindings", [])
        ]

    def ask(self, query: str, timeout: float | None = None) -> bool:
        result = self._read_all(QueryRequest(query, "json", None, timeout=timeout))
        return bool(json.loads(result.body).get("boolean"))

    def construct(self, query: str, timeout: float | None = None) -> rdflib.Dataset:
        result = self._read_all(QueryRequest(query, None, "ntriples", timeout=timeout))
        dataset = rdflib.Dataset()
        for triple in ox.parse(result.body, format=ox.RdfFormat.N_TRIPLES):
            dataset.add((to_rdflib(triple.subject), to_rdflib(triple.predicate),
                         to_rdflib(triple.object)))
        return dataset

    def named_graphs(self) -> list[str]:
        def read() -> list[str]:
            rows = self.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { } } ORDER BY ?g")
            return [str(row["g"]) for row in rows if "g" in row]

        return self.builds.current().cached("named_graphs", read)

    def close(self) -> None:
        self._closed = True
        self.warmup.stop()
        if self._pool is not None and self._pool_pid == os.getpid():
            self._pool.close()
        self._pool = None
