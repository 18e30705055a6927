"""A pool of query worker processes that can be killed when a query overruns.

pyoxigraph cannot cancel a running query, so every query runs outside the process that
serves requests: in a worker process that opened the on-disk store read-only once
(``server.engine.worker``), or in a thread of the memory engine's store server
(``server.engine.memory``). The pool lives in the process that serves requests (created
after a gunicorn fork) and hands one worker to one request at a time. A query past its limit
gets its worker killed (a thread: given up, and ended by its store server) and replaced; a
query running longer than ``deprioritise_after_s`` is reniced so short queries keep their
latency.
"""

from __future__ import annotations

import math
import os
import queue
import select
import subprocess
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from server.engine import Deadline, EngineBusy, EngineError, wire
from server.engine.builds import ServedBuilds
from server.engine.memory import StoreServerConnection, StoreServerGone
from server.engine.worker import worker_command

PROJECT_ROOT = Path(__file__).resolve().parents[2]  # workers import `server` from here
READ_SIZE = 1 << 20
REAPER_GRACE_S = 1.0  # the borrower normally stops an overrun itself; the reaper is the backstop
REAPER_EVERY_S = 0.25


def _worker_environment() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(
        p for p in (str(PROJECT_ROOT), env.get("PYTHONPATH", "")) if p
    )
    return env


class Worker:
    """One query worker process and the two pipes to it. `proc` has pid, poll, kill, wait."""

    def __init__(self, proc: Any, pipes: tuple[int, int], generation: int,
                 close_pipes: Callable[[], None]) -> None:
        self.proc, self.generation = proc, generation
        self.to_fd, self.from_fd = pipes
        self._close_pipes = close_pipes
        self._pipes_open = True
        self.buffer = bytearray()
        self.niced = False
        self.reaped = False  # killed by the pool's reaper; its replacement already exists
        self.poller = select.poll()
        self.poller.register(self.from_fd, select.POLLIN | select.POLLHUP | select.POLLERR)

    @classmethod
    def started(cls, config: dict, generation: int) -> Worker:
        """A worker process of its own that opens the on-disk store."""
        proc = subprocess.Popen(
            worker_command(config), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            env=_worker_environment(), bufsize=0, close_fds=True,
        )

        def close_pipes() -> None:
            proc.stdin.close()
            proc.stdout.close()

        return cls(proc, (proc.stdin.fileno(), proc.stdout.fileno()), generation, close_pipes)

    def send(self, data: bytes) -> None:
        try:
            wire.write_all(self.to_fd, data)
        except OSError as error:
            raise EngineError(f"query worker is gone: {error}") from error

    def buffered_frame(self) -> tuple[bytes, bytes] | None:
        """The next frame if it is already fully received, else None."""
        if len(self.buffer) < wire.FRAME_HEAD.size:
            return None
        kind, length = wire.FRAME_HEAD.unpack_from(self.buffer)
        end = wire.FRAME_HEAD.size + length
        if len(self.buffer) < end:
            return None
        payload = bytes(self.buffer[wire.FRAME_HEAD.size : end])
        del self.buffer[:end]
        return kind, payload

    def read_frame(self, deadline: Deadline, nice_at: float) -> tuple[bytes, bytes]:
        while True:
            frame = self.buffered_frame()
            if frame is not None:
                return frame
            self._fill(deadline, nice_at)

    def _fill(self, deadline: Deadline, nice_at: float) -> None:
        while True:
            now = time.monotonic()
            if deadline.passed(now):
                raise deadline.overrun()
            wake = deadline.at if self.niced else min(deadline.at, nice_at)
            if self.poller.poll(max(0, math.ceil((wake - now) * 1000))):
                try:
                    chunk = os.read(self.from_fd, READ_SIZE)
                except OSError as error:
                    raise EngineError(f"query worker is gone: {error}") from error
                if not chunk:
                    raise EngineError("query worker died")
                self.buffer += chunk
                return
            if not self.niced and time.monotonic() >= nice_at:
                self._set_priority(19)

    def _set_priority(self, niceness: int) -> bool:
        try:
            os.setpriority(os.PRIO_PROCESS, self.proc.pid, niceness)
        except OSError:
            return False
        self.niced = niceness > 0
        return True

    def restore_priority(self) -> bool:
        return not self.niced or self._set_priority(0)

    def kill(self) -> None:
        self.stop()
        if self._pipes_open:
            self._pipes_open = False
            self._close_pipes()

    def stop(self) -> None:
        """Kill the process but keep the pipes: its borrower reads end-of-file, not a
        closed (or, worse, reused) descriptor, and closes them when it gives it back."""
        self.proc.kill()
        self.proc.wait()


class WorkerPool:
    def __init__(self, builds: ServedBuilds, size: int, worker_config: dict,
                 in_memory: bool = False) -> None:
        self.size = size
        self.worker_config = worker_config
        self.generation = 0
        self._builds = builds
        self.store_path = builds.path()
        self._in_memory = in_memory
        self._store_server: StoreServerConnection | None = None
        self._prepared: tuple[str, StoreServerConnection] | None = None  # (build, connection)
        self._lock = threading.Lock()
        self._idle: queue.LifoQueue[Worker] = queue.LifoQueue()
        self._workers: set[Worker] = set()
        self._deadlines: dict[Worker, float] = {}
        self._closed = False
        for _ in range(size):
            self._idle.put(self._spawn())
        threading.Thread(target=self._reap, name="kuhy-query-reaper", daemon=True).start()

    def _reap(self) -> None:
        while not self._closed:
            time.sleep(REAPER_EVERY_S)
            self.reap_overdue(time.monotonic())

    def reap_overdue(self, now: float) -> int:
        """Kill workers whose borrower cannot stop them (e.g. it is blocked writing to a
        client that stopped reading): the time limit holds whatever the request does.
        `now` is monotonic time; returns how many were killed."""
        with self._lock:
            overdue = [w for w, end in self._deadlines.items() if now > end + REAPER_GRACE_S]
            for worker in overdue:
                del self._deadlines[worker]
                worker.reaped = True
        for worker in overdue:
            worker.proc.kill()
            worker.proc.wait()
            if not self._closed:
                self._idle.put(self._spawn())
        return len(overdue)

    def _spawn(self) -> Worker:
        worker_config = dict(self.worker_config, store=self.store_path)
        if self._in_memory:
            proc, pipes, close_pipes = self._thread_worker(worker_config)
            worker = Worker(proc, pipes, self.generation, close_pipes)
        else:
            worker = Worker.started(worker_config, self.generation)
        with self._lock:
            self._workers.add(worker)
        return worker

    def _thread_worker(self, worker_config: dict) -> tuple:
        """A query thread in the store server holding the current build in memory; once
        more on a new connection when that server handed over to a successor."""
        try:
            return self._store_server_for(worker_config).worker()
        except StoreServerGone:
            self._drop_store_server()
            return self._store_server_for(worker_config).worker()

    def _store_server_for(self, worker_config: dict) -> StoreServerConnection:
        """The store server holding the current build in memory (a new one per build: the
        one `prepare` loaded, else one loaded now)."""
        with self._lock:
            server = self._store_server
            if server is None or server.generation != self.generation:
                if server is not None:
                    server.close()  # its query threads live on until discarded
                prepared, self._prepared = self._prepared, None
                if prepared is not None and prepared[0] == worker_config["store"]:
                    server = prepared[1]
                    server.generation = self.generation
                else:
                    if prepared is not None:
                        prepared[1].close()
                    server = StoreServerConnection(worker_config, self.generation,
                                                   _worker_environment())
                self._store_server = server
            return server

    def prepare(self, path: str) -> None:
        """Load the build at `path` into its store server before it is served (memory
        engine); the pool takes that connection over when the build is swapped in."""
        if not self._in_memory or self._closed:
            return
        worker_config = dict(self.worker_config, store=path)
        server = StoreServerConnection(worker_config, -1, _worker_environment())
        with self._lock:
            replaced, self._prepared = self._prepared, (path, server)
        if replaced is not None:
            replaced[1].close()

    def _drop_store_server(self) -> None:
        with self._lock:
            server, self._store_server = self._store_server, None
        if server is not None:
            server.close()

    def _notice_new_build(self) -> None:
        """A new build swapped in under `current`: later acquisitions get fresh workers."""
        path = self._builds.path()
        if path != self.store_path:
            with self._lock:
                self.store_path, self.generation = path, self.generation + 1

    def acquire(self, deadline: float) -> Worker:
        """A free worker, lent until `deadline` (monotonic time) at the latest."""
        self._notice_new_build()
        while True:
            if self._closed:
                raise EngineError("the query engine is closing")
            try:
                worker = self._idle.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                raise EngineBusy(f"all {self.size} query workers stayed busy") from None
            if worker.generation == self.generation and worker.proc.poll() is None:
                with self._lock:
                    self._deadlines[worker] = deadline
                return worker
            self.discard(worker)

    def release(self, worker: Worker) -> None:
        with self._lock:
            self._deadlines.pop(worker, None)
        if self._closed or worker.reaped or worker.buffer or not worker.restore_priority():
            self.discard(worker)
        else:
            self._idle.put(worker)

    def discard(self, worker: Worker) -> None:
        """Kill a worker (overrun, died, or out of date) and put a fresh one in its place."""
        worker.kill()
        with self._lock:
            self._deadlines.pop(worker, None)
            self._workers.discard(worker)
            replaced = worker.reaped
        if not replaced and not self._closed:
            self._idle.put(self._spawn())

    def close(self) -> None:
        with self._lock:
            self._closed = True
            workers, self._workers = list(self._workers), set()
            lent = set(self._deadlines)
        for worker in workers:
            if worker in lent or worker.reaped:
                worker.stop()  # its borrower sees the end and discards it
            else:
                worker.kill()  # also the reaped ones: their pipes are still open
        if self._store_server is not None:
            self._store_server.close()
        if self._prepared is not None:
            self._prepared[1].close()
