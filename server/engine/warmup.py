"""Warm-up: the canned queries' answers are computed once per served build and pinned.

The canned queries are what the query page offers and what most visitors run, and a few
aggregate over the whole graph (seconds at 100 000 projects), so after each new build one
serving process evaluates them in the background through the killable pool, with a longer
limit than visitors get, and pins the JSON answers in the result cache (like QLever's pinned
warm-up queries). Visitors then get them at cache speed; any other text, a bound parameter
or another format is evaluated as usual.

With a shared cache directory one process per build does the work (an advisory file lock
decides which) and writes its progress beside the pinned answers, so every process reports
the same state and a process that replaces a dead one resumes where it stopped.
"""

from __future__ import annotations

import fcntl
import json
import logging
import os
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from server.engine import EngineError, QueryRequest
from server.engine.cache import GRAPH, RESULTS, CachedResult, ResultCache, build_digest, family

log = logging.getLogger(__name__)

# (request) -> (kind, format, body): evaluates one query to the end, outside the cache
Evaluate = Callable[[QueryRequest], tuple[str, str, bytes]]


@dataclass
class WarmupStatus:
    state: str = "waiting"  # waiting | running | done | off
    queries: int = 0
    pinned: int = 0
    failed: list[str] = field(default_factory=list)
    seconds: float = 0.0


class CannedWarmup:
    def __init__(self, queries: list[tuple[str, str]], cache: ResultCache, evaluate: Evaluate,
                 key_of: Callable[[QueryRequest, str], tuple], timeout_s: float) -> None:
        self.queries = queries  # (name, SPARQL text exactly as the query page sends it)
        self.cache, self.evaluate, self.key_of = cache, evaluate, key_of
        self.timeout_s = timeout_s
        self._build: str | None = None
        self._stopped = False
        self._status = WarmupStatus(queries=len(queries))
        self._lock = threading.Lock()

    def notice(self, build: str) -> None:
        """Called with the served build on each request: a new one starts a warm-up."""
        if build == self._build or self._stopped or not self.queries or not self.cache.enabled:
            return
        with self._lock:
            if build == self._build:
                return
            self._build = build
            self._status = WarmupStatus(queries=len(self.queries))
        threading.Thread(target=self._run, args=(build,), name="kuhy-warmup",
                         daemon=True).start()

    def stop(self) -> None:
        """The engine closes: a running warm-up ends after its current query."""
        self._stopped = True

    def status(self) -> dict[str, object]:
        if not self.queries or not self.cache.enabled:
            return asdict(WarmupStatus(state="off"))
        shared = self._shared_status(self._build) if self._build else None
        if shared is not None and self._status.state == "waiting":
            return asdict(shared)
        return asdict(self._status)

    def _shared_status(self, build: str) -> WarmupStatus | None:
        """The progress the warming process wrote for `build` (None: none written)."""
        path = self._shared_status_path(build)
        try:
            return None if path is None else WarmupStatus(**json.loads(path.read_text()))
        except (OSError, ValueError, TypeError):
            return None

    def _shared_status_path(self, build: str) -> Path | None:
        disk = self.cache.disk
        return None if disk is None else disk.directory / f".warmup-{build_digest(build)}.json"

    def _run(self, build: str) -> None:
        lock = self._take_lock(build)
        if lock is False:
            return  # another process warms this build; status() reads its progress
        try:
            if self.cache.disk is not None:
                self.cache.disk.drop_other_pinned(build)
            self._warm(build)
        except Exception:  # a background thread: report, never raise into whoever runs next
            log.exception("warm-up of build %s stopped", build)
        finally:
            if lock is not None:
                lock.close()

    def _take_lock(self, build: str) -> object | None | bool:
        """The open lock file (None: no shared directory; False: another process has it)."""
        if self.cache.disk is None:
            return None
        path = self.cache.disk.directory / f".warmup-{build_digest(build)}.lock"
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle = open(path, "a")  # noqa: SIM115 - held open for the whole warm-up
        except OSError:
            return None
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            handle.close()
            return False
        return handle

    def _warm(self, build: str) -> None:
        finished = self._shared_status(build)
        if finished is not None and finished.state == "done":
            with self._lock:
                self._status = finished  # another process did it; keep its figures
            return
        started = time.monotonic()
        status = WarmupStatus(state="running", queries=len(self.queries))
        self._publish(build, status)
        for name, sparql in self.queries:
            if self._pin_one(build, sparql):
                status.pinned += 1
            else:
                status.failed.append(name)
            status.seconds = round(time.monotonic() - started, 3)
            self._publish(build, status)
            if self._build != build or self._stopped:
                return  # a newer build is served (its own warm-up has started), or closing
        status.state = "done"
        self._publish(build, status)
        log.info("warm-up: %d canned answers pinned in %.1f s (%d failed)",
                 status.pinned, status.seconds, len(status.failed))

    def _pin_one(self, build: str, sparql: str) -> bool:
        request = QueryRequest(sparql, "json", "turtle", timeout=self.timeout_s)
        for family_name in (RESULTS, GRAPH):
            if self.cache.pinned(build, self.key_of(request, family_name)) is not None:
                return True  # pinned by an earlier process that did not finish
        try:
            kind, format_key, body = self.evaluate(request)
        except EngineError as error:
            log.warning("warm-up: a canned query failed: %s", error)
            return False
        self.cache.pin(build, self.key_of(request, family(kind)),
                       CachedResult(kind, format_key, body))
        return True

    def _publish(self, build: str, status: WarmupStatus) -> None:
        with self._lock:
            if self._build == build:
                self._status = WarmupStatus(**asdict(status))
        path = self._shared_status_path(build)
        if path is None:
            return
        temporary = path.with_name(path.name + f".{os.getpid()}")
        try:
            temporary.write_text(json.dumps(asdict(status)))
            os.replace(temporary, path)
        except OSError:
            return
