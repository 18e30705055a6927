"""The memory engine's store server: one process per served build and machine loads the
build into an in-memory pyoxigraph store, and the query workers of every serving process
are threads in it, sharing that one store (``server.engine.worker.StoreServer``).

A query that overruns its limit cannot be stopped inside its thread: the serving process
gives up on it at the deadline (its 503 is not delayed), and the store server ends the
query by handing over to a successor that loads the build afresh and then exiting.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import select
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

from server.engine import EngineError, wire
from server.engine.worker import worker_command

CONNECT_ATTEMPTS = 3
STORE_SERVER_START_S = 600.0  # loading a large build takes a while; it is done once per build


class StoreServerGone(EngineError):
    """The connection to the store server ended (it handed over to a successor, or died)."""


class QueryThread:
    """A query worker that is a thread of the store server (`pid` is its thread id, so the
    pool can lower its priority). It ends when its pipes close; it cannot be killed."""

    def __init__(self, tid: int, replies_fd: int) -> None:
        self.pid = tid
        self._replies = select.poll()
        self._replies.register(replies_fd, select.POLLHUP | select.POLLERR)

    def poll(self) -> int | None:
        """0 once the thread has closed its end (the store server left), else None."""
        return 0 if self._replies.poll(0) else None

    def kill(self) -> None:
        """Nothing to do here: the pool closes the pipes, the store server ends overruns."""

    def wait(self) -> int:
        return 0


def _runtime_dir() -> Path:
    """A directory only this user can enter, for the store servers' sockets."""
    directory = Path(tempfile.gettempdir()) / f"kuhy-engine-{os.getuid()}"
    directory.mkdir(mode=0o700, exist_ok=True)
    if directory.stat().st_uid != os.getuid() or directory.stat().st_mode & 0o077:
        raise EngineError(f"{directory} is not private to this user")
    return directory


# Started through a launcher that exits at once: the store server is nobody's child here, as
# it outlives the serving process that started it while others use it.
LAUNCHER = ("import subprocess, sys; subprocess.Popen(sys.argv[1:], start_new_session=True, "
            "stdin=subprocess.DEVNULL)")


def _start(socket_path: Path, worker_config: dict, env: dict[str, str]) -> None:
    socket_path.unlink(missing_ok=True)  # a stale socket of a store server that is gone
    config = dict(worker_config, store_socket=str(socket_path))
    subprocess.run([sys.executable, "-c", LAUNCHER, *worker_command(config)], env=env,
                   check=True)


class StoreServerConnection:
    """The connection of one serving process to the store server holding one build in
    memory. All serving processes of the machine that serve the same build with the same
    worker settings share one store server (a socket named after both, under a file lock)."""

    def __init__(self, worker_config: dict, generation: int, env: dict[str, str]) -> None:
        self.generation = generation
        self._lock = threading.Lock()
        self.pid = 0
        key = hashlib.sha256(json.dumps(worker_config, sort_keys=True).encode()).hexdigest()
        socket_path = _runtime_dir() / f"{key[:24]}.sock"
        for _ in range(CONNECT_ATTEMPTS):
            with (socket_path.with_suffix(".lock")).open("w") as lock:
                fcntl.flock(lock, fcntl.LOCK_EX)
                channel = self._connect(socket_path, worker_config, env)
            if channel is not None:
                self._channel = channel
                return
        raise EngineError("the memory engine could not load the build")

    def _connect(self, socket_path: Path, worker_config: dict,
                 env: dict[str, str]) -> socket.socket | None:
        """Connected to the store server once it has loaded the build; None when it went
        away while we connected (it was exiting or handing over: try again)."""
        channel = socket.socket(socket.AF_UNIX)
        channel.settimeout(STORE_SERVER_START_S)
        try:
            channel.connect(str(socket_path))
        except (FileNotFoundError, ConnectionRefusedError):
            _start(socket_path, worker_config, env)
            deadline = time.monotonic() + STORE_SERVER_START_S
            while channel.connect_ex(str(socket_path)) != 0:
                if time.monotonic() > deadline:
                    channel.close()
                    raise EngineError("the memory engine's store server did not start") from None
                time.sleep(0.05)
        try:
            greeting = channel.recv(5 + wire.LENGTH.size)
        except OSError:
            greeting = b""
        if not greeting.startswith(b"ready"):
            channel.close()
            return None
        self.pid = wire.LENGTH.unpack(greeting[5:])[0]
        return channel

    def worker(self) -> tuple[QueryThread, tuple[int, int], Callable[[], None]]:
        """A new query worker: its thread, (fd to write requests, fd to read replies), and
        how to close those."""
        requests_read, requests_write = os.pipe()
        replies_read, replies_write = os.pipe()
        try:
            with self._lock:
                socket.send_fds(self._channel, [wire.LENGTH.pack(os.getpid())],
                                [requests_read, replies_write])
                reply = self._channel.recv(wire.LENGTH.size)
        except OSError as error:
            reply = b""
            gone = str(error)
        else:
            gone = "it closed the connection"
        finally:
            os.close(requests_read)
            os.close(replies_write)
        if len(reply) != wire.LENGTH.size:
            os.close(requests_write)
            os.close(replies_read)
            raise StoreServerGone(f"the memory engine's store server is gone: {gone}")

        pipes = (requests_write, replies_read)
        open_fds = list(pipes)

        def close_pipes() -> None:  # once only: a number closed twice may be another's fd
            while open_fds:
                os.close(open_fds.pop())

        return QueryThread(wire.LENGTH.unpack(reply)[0], replies_read), pipes, close_pipes

    def close(self) -> None:
        """Leave the store server; it exits when no serving process uses it any more."""
        self._channel.close()
