"""The caching layer of the query service, around any executor (server.engine.Executor).

It owns everything that answers a query without evaluating it again: the result cache in
memory and on disk (server.engine.cache), the answers pinned for each build (warm-up,
server.engine.warmup, is a client of it) and single flight (server.engine.flight: one
evaluation of an identical query at a time, across processes). It also gives a request
its one deadline, and reads whole answers as rdflib terms for the pages.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator

import pyoxigraph as ox
import rdflib

from server.engine import (
    Deadline,
    EngineSettings,
    Executor,
    QueryRequest,
    StreamedResult,
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


class Keeper:
    """Gathers a streamed answer for the result cache: its chunks are kept while they add up
    to at most `limit` bytes, and the whole body goes to `keep` at the end."""

    def __init__(self) -> None:
        self._keep: Callable[[bytes], None] | None = None
        self._kept: list[bytes] = []
        self._kept_bytes, self._limit = 0, 0

    def start(self, keep: Callable[[bytes], None], limit: int) -> None:
        self._keep, self._limit = keep, limit

    def collect(self, chunk: bytes) -> None:
        if self._keep is None:
            return
        self._kept_bytes += len(chunk)
        if self._kept_bytes > self._limit:
            self._keep, self._kept = None, []
        else:
            self._kept.append(chunk)

    def finish(self) -> None:
        """The answer is whole: hand it over (when it stayed within the limit)."""
        keep, self._keep = self._keep, None
        if keep is not None:
            keep(b"".join(self._kept))


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


class CachingEngine:
    """A QueryEngine: the executor's answers, cached, pinned and evaluated once at a time."""

    def __init__(self, settings: EngineSettings, builds: ServedBuilds,
                 executor: Executor) -> None:
        self.settings, self.builds, self.executor = settings, builds, executor
        disk = (DiskTier(settings.result_cache_dir, settings.result_cache_disk_bytes)
                if settings.result_cache_dir and settings.result_cache_disk_bytes > 0 else None)
        self.cache = ResultCache(settings.result_cache_bytes, settings.result_cache_entry_bytes,
                                 disk, settings.result_cache_disk_after_s)
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

    def execute(self, request: QueryRequest) -> StreamedResult:
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
                          timing: tuple[float, Deadline]) -> StreamedResult:
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

    def _evaluate(self, request: QueryRequest,
                  deadline: Deadline | None = None) -> StreamedResult:
        return self.executor.evaluate(request,
                                      deadline or self._deadline(request, time.monotonic()))

    def _evaluate_whole(self, request: QueryRequest) -> tuple[str, str, bytes]:
        """Evaluate in the pool and read the answer to its end (for the warm-up)."""
        result = self._evaluate(request)
        try:
            body = result.body if result.body is not None else b"".join(result)
        finally:
            result.close()
        return result.kind, result.format, body

    def _read_all(self, request: QueryRequest) -> StreamedResult:
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
        self.warmup.stop()
        self.flights.close()
        self.executor.close()
