"""Queries run in the serving process itself, for gunicorn *sync* workers, under a watchdog.

A sync worker serves one request at a time, so a query can run right in it, without the
hop to a query worker process. pyoxigraph cannot cancel a running query, so a watchdog
thread enforces the limit: a query still running at its deadline gets a 503 written
straight to the client's socket, and then this worker process ends (gunicorn starts a new
one); only that request is affected, the other workers keep serving. A query running
longer than ``deprioritise_after_s`` is reniced like in the pool. An answer larger than
``in_process_max_bytes`` is not held in memory: the caller streams it from the pool.
"""

from __future__ import annotations

import io
import logging
import os
import signal
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import pyoxigraph as ox

from server.engine import QueryFailed, QueryRequest, QuerySyntaxError
from server.engine.worker import Refusal, evaluate, render
from server.settings import Settings

log = logging.getLogger(__name__)
LOW_PRIORITY = 19
POLL_S = 0.05


class NotHere(Exception):
    """This query is better run in the pool (answer too big to hold, or another request of
    this process is already running a query in-process)."""


class ResultTooLarge(NotHere):
    """The serialised answer outgrew the in-process limit."""


class BoundedSink(io.RawIOBase):
    """Collects serialised bytes; ResultTooLarge beyond ``limit`` (stops the serialiser)."""

    def __init__(self, limit: int) -> None:
        super().__init__()
        self.limit, self.parts, self.size = limit, [], 0

    def writable(self) -> bool:
        return True

    def write(self, data: bytes) -> int:
        self.size += len(data)
        if self.size > self.limit:
            raise ResultTooLarge(f"answer over {self.limit} bytes")
        self.parts.append(bytes(data))
        return len(data)

    def getvalue(self) -> bytes:
        return b"".join(self.parts)


def timeout_response(limit_s: float) -> bytes:
    body = f"Query stopped: query exceeded the {limit_s:g} s limit.\n".encode()
    head = ("HTTP/1.1 503 SERVICE UNAVAILABLE\r\n"
            "Content-Type: text/plain; charset=utf-8\r\n"
            f"Content-Length: {len(body)}\r\n"
            "Access-Control-Allow-Origin: *\r\n"
            "Connection: close\r\n\r\n")
    return head.encode() + body


@dataclass
class Guarded:
    """The query being watched: whose thread, which client, when to renice and to stop."""

    sock: socket.socket
    thread_id: int
    nice_at: float
    deadline: float
    limit_s: float
    niced: bool = False


class Watchdog:
    """One per process: watches the query of the (single) request being served. It polls
    every POLL_S rather than being woken per request, so a watched query costs a lock."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._job: Guarded | None = None
        self._pid = 0

    def _ensure_thread(self) -> None:
        if self._pid != os.getpid():  # a forked child needs its own thread
            self._pid = os.getpid()
            threading.Thread(target=self._watch, name="kuhy-query-watchdog", daemon=True).start()

    @contextmanager
    def guard(self, sock: socket.socket, limit_s: float, nice_after_s: float,
              spent_s: float = 0.0) -> Iterator[None]:
        """Watch the calling thread's query: `limit_s` from the request's start, of which
        `spent_s` have passed already."""
        self._ensure_thread()
        now = time.monotonic()
        job = Guarded(sock, threading.get_native_id(), now + nice_after_s,
                      now + limit_s - spent_s, limit_s)
        with self._lock:
            if self._job is not None:  # only one query per process may be watched
                raise NotHere("a query is already running in this process")
            self._job = job
        try:
            yield
        finally:
            with self._lock:
                self._job = None
            if job.niced:
                _restore_priority(job.thread_id)

    def _watch(self) -> None:
        while True:
            time.sleep(POLL_S)
            job = self._job
            if job is None:
                continue
            now = time.monotonic()
            if now >= job.deadline:
                with self._lock:
                    if self._job is job:  # not finished meanwhile
                        _stop(job)
            elif not job.niced and now >= job.nice_at:
                with self._lock:
                    if self._job is job:  # never renice a request that has finished
                        job.niced = _set_priority(job.thread_id, LOW_PRIORITY)


def _set_priority(thread_id: int, niceness: int) -> bool:
    try:
        os.setpriority(os.PRIO_PROCESS, thread_id, niceness)
    except OSError:
        return False
    return True


def _restore_priority(thread_id: int) -> None:
    """Back to normal priority; a process that may not raise it again retires gracefully
    (gunicorn's SIGTERM: finish this request, then a fresh worker takes over)."""
    if not _set_priority(thread_id, 0):
        os.kill(os.getpid(), signal.SIGTERM)


def _stop(job: Guarded) -> None:
    """The query overran: answer 503 on the client's socket, then end this process."""
    try:
        job.sock.settimeout(1.0)
        job.sock.sendall(timeout_response(job.limit_s))
        job.sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass
    log.warning("query past its %g s limit: worker %d ends", job.limit_s, os.getpid())
    logging.shutdown()
    os._exit(0)


class InProcessRunner:
    """Opens the served build read-only in this process and answers queries whole."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.watchdog = Watchdog()
        self._store: ox.Store | None = None
        self._store_key: tuple[int, str] | None = None

    def _open(self, build: str) -> ox.Store:
        key = (os.getpid(), build)
        if self._store_key != key:
            self._store, self._store_key = ox.Store.read_only(build), key
        return self._store

    def run(self, request: QueryRequest, wire_request: dict, build: str,
            sock: socket.socket) -> tuple[str, str, bytes]:
        """(kind, renderer key, body); NotHere when the query should go to the pool."""
        store = self._open(build)
        limit_s = request.timeout or self.settings.query_timeout_s
        sink = BoundedSink(self.settings.in_process_max_bytes)
        with self.watchdog.guard(sock, limit_s, self.settings.deprioritise_after_s,
                                 request.waited_s):
            try:
                result, kind, format_key = evaluate(store, wire_request)
                render(result, kind, format_key, request.row_limit, sink)
            except Refusal as refusal:
                if refusal.status == 400:
                    raise QuerySyntaxError(refusal.message) from None
                raise QueryFailed(refusal.status, refusal.message) from None
        return kind, format_key, sink.getvalue()
