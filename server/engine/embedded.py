"""Embedded engine: the on-disk pyoxigraph store, queried through the killable worker pool
(the executor), behind the caching layer (server.engine.caching)."""

from __future__ import annotations

import json
import logging
import os
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox

from server.engine import (
    Deadline,
    EngineBusy,
    EngineError,
    EngineSettings,
    QueryFailed,
    QueryRequest,
    QuerySyntaxError,
    QueryTimeout,
    wire,
)
from server.engine.builds import ServedBuilds
from server.engine.caching import CachingEngine, Keeper
from server.engine.pool import Worker, WorkerPool

log = logging.getLogger(__name__)


class PooledResult:
    """Serialised result bytes read from a worker; holds the worker until the end."""

    cached = False

    def __init__(self, pool: WorkerPool, worker: Worker, header: dict, chunks: list[bytes],
                 complete: bool, deadline: Deadline, nice_at: float) -> None:
        self.kind, self.format = header["kind"], header["format"]
        self._pool, self._worker = pool, (None if complete else worker)
        self._chunks, self._deadline, self._nice_at = chunks, deadline, nice_at
        self.body = b"".join(chunks) if complete else None
        self._keeper = Keeper()
        self.on_end: Callable[[], None] | None = None  # run once the answer is whole or dropped

    def remember(self, keep: Callable[[bytes], None], limit: int) -> None:
        """Hand the whole body to `keep` once complete, if it is at most `limit` bytes."""
        if self.body is not None:
            if len(self.body) <= limit:
                keep(self.body)
            return
        self._keeper.start(keep, limit)

    def __iter__(self) -> Iterator[bytes]:
        chunks, self._chunks = self._chunks, []
        for chunk in chunks:
            self._keeper.collect(chunk)
            yield chunk
        while self._worker is not None:
            for chunk in self._next_chunks():
                self._keeper.collect(chunk)
                yield chunk
        self._keeper.finish()
        self._ended()

    def _ended(self) -> None:
        on_end, self.on_end = self.on_end, None
        if on_end is not None:
            on_end()

    def _next_chunks(self) -> Iterator[bytes]:
        worker = self._worker
        try:
            kind, payload = worker.read_frame(self._deadline, self._nice_at)
        except EngineError:  # overran or the worker died: replace it, let waiters look
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


def _wire_request(request: QueryRequest, deadline: Deadline) -> dict:
    """What a query worker needs to answer the request."""
    return {
        "deadline_at": deadline.at,  # a store server ends its process for a query past it
        "query": request.query,
        "results_format": request.results_format,
        "graph_format": request.graph_format,
        "default_graphs": request.default_graphs,
        "named_graphs": request.named_graphs,
        "row_limit": request.row_limit,
        "base_iri": request.base_iri,
    }


class PoolExecutor:
    """Evaluates each query in a worker process of this process's pool, under its deadline."""

    def __init__(self, settings: EngineSettings, builds: ServedBuilds,
                 in_memory: bool = False) -> None:
        self.settings, self.builds, self.in_memory = settings, builds, in_memory
        self._pool: WorkerPool | None = None
        self._pool_pid = 0
        self._closed = False
        self._lock = threading.Lock()
        self._loading: threading.Event | None = None  # set once this process's pool is made
        self._loading_pid = 0
        self._loading_lock = threading.Lock()

    def _made_pool(self) -> WorkerPool | None:
        """This process's pool if it has been made (a forked one inherits its parent's)."""
        pool = self._pool
        return pool if pool is not None and self._pool_pid == os.getpid() else None

    @property
    def pool(self) -> WorkerPool:
        """The pool of this process (a forked server process builds its own)."""
        pool = self._made_pool()
        if pool is not None:
            return pool
        if self._closed:
            raise EngineError("the engine is closed")
        with self._lock:
            pool = self._made_pool()
            if pool is None:
                pool = WorkerPool(self.builds, self.settings.query_workers,
                                  self.settings.worker_config(), self.in_memory)
                self._pool, self._pool_pid = pool, os.getpid()
        return pool

    def prepare(self, build_path: Path) -> None:
        """Ready a new build before it is served: the memory engine loads it into a store
        server meanwhile (a process that has not answered yet loads it at its first query)."""
        pool = self._made_pool()
        if pool is not None:
            pool.prepare(str(build_path))

    def _pool_by(self, deadline: Deadline) -> WorkerPool:
        """This process's pool, waited for until the deadline at most: the memory engine's
        first pool loads the build, which may take longer than a query may wait."""
        if self._made_pool() is not None or not self.in_memory:
            return self.pool
        if not self._first_load().wait(max(0.0, deadline.at - time.monotonic())):
            raise EngineBusy("the query engine is still loading the build")
        pool = self._made_pool()
        if pool is None:
            raise QueryFailed(503, "the query engine could not load the build")
        return pool

    def _first_load(self) -> threading.Event:
        """Make this process's pool in a thread of its own (once; again after a failure)."""
        with self._loading_lock:
            if self._loading is None or self._loading_pid != os.getpid():
                self._loading, self._loading_pid = threading.Event(), os.getpid()
                threading.Thread(target=self._load_first, args=(self._loading,),
                                 name="kuhy-first-load", daemon=True).start()
            return self._loading

    def _load_first(self, done: threading.Event) -> None:
        try:
            self.pool  # noqa: B018 (made on first use)
        except Exception as error:  # a background thread: report; the next query tries again
            log.error("the query engine could not load the build: %s", error)
            with self._loading_lock:
                self._loading = None  # the next query tries again
        finally:
            done.set()

    def evaluate(self, request: QueryRequest, deadline: Deadline) -> PooledResult:
        pool = self._pool_by(deadline)
        worker, nice_at, kind, payload = self._first_frame(pool, request, deadline)
        if kind == wire.ERROR:
            pool.release(worker)
            error = json.loads(payload)
            if error["status"] == 400:
                raise QuerySyntaxError(error["message"])
            raise QueryFailed(error["status"], error["message"])
        return self._first_chunks(pool, worker, json.loads(payload), deadline, nice_at)

    def _first_frame(self, pool: WorkerPool, request: QueryRequest,
                     deadline: Deadline) -> tuple[Worker, float, bytes, bytes]:
        """A worker that took the query, when to lower its priority, and its first reply
        frame. A memory-engine thread that ended before answering (its store server handed
        over to a successor) never ran the query: a fresh worker is asked once more."""
        attempts_left = 2 if self.in_memory else 1
        while True:
            attempts_left -= 1
            worker = pool.acquire(deadline.at)
            nice_at = time.monotonic() + self.settings.deprioritise_after_s
            try:
                worker.send(wire.encode_request(_wire_request(request, deadline)))
                return (worker, nice_at, *worker.read_frame(deadline, nice_at))
            except QueryTimeout:
                pool.discard(worker)
                raise
            except EngineError:  # a dead worker, maybe mid-query: replace it
                pool.discard(worker)
                if not attempts_left:
                    raise

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

    def close(self) -> None:
        self._closed = True
        pool = self._made_pool()
        if pool is not None:
            pool.close()
        self._pool = None


UNION_TRIPLES = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"


class EmbeddedEngine(CachingEngine):
    """The embedded pyoxigraph store: opened on disk by each query worker, or (`in_memory`)
    loaded once per build by a store server whose threads are the workers."""

    def __init__(self, settings: EngineSettings, builds: ServedBuilds | None = None,
                 in_memory: bool = False) -> None:
        builds = builds or ServedBuilds(settings.store_root)
        super().__init__(settings, builds, PoolExecutor(settings, builds, in_memory))
        if in_memory:  # loading a build takes a while: the old one answers meanwhile
            builds.prepare = self.executor.prepare

    def dump(self, fmt: ox.RdfFormat, quads: bool, out: BinaryIO, prefixes: dict) -> None:
        """The whole served build in `fmt`, written by pyoxigraph quad by quad from the
        on-disk store: named graphs kept when `quads`, else their union as triples."""
        store = ox.Store.read_only(str(self.builds.current().path))
        if quads:
            store.dump(out, fmt, prefixes=prefixes)
        else:
            triples = store.query(UNION_TRIPLES, use_default_graph_as_union=True)
            ox.serialize(triples, out, fmt, prefixes=prefixes)

    @property
    def pool(self) -> WorkerPool:
        return self.executor.pool
