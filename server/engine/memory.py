"""The memory engine's fork server: one process per served build and machine loads the
build into an in-memory pyoxigraph store, then forks the query workers of every serving
process, which share its pages copy-on-write instead of each holding a copy (a worker whose
query copied many of them is replaced by a fresh fork, see RECYCLE_PRIVATE_BYTES).

A forked worker is killed by pid (through a pidfd, so a recycled pid is never hit) when its
query overruns, exactly like a worker of the on-disk pool; the fork server is left alone.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import select
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

from server.engine import EngineError, wire

CONNECT_ATTEMPTS = 3
FORK_SERVER_START_S = 600.0  # loading a large build takes a while; it is done once per build
EXIT_WAIT_S = 5.0
# A query that ran this long may have copied shared pages (a full scan copies nearly all:
# pyoxigraph's in-memory store writes reference counts as it reads); past this many private
# bytes the worker is replaced by a fresh fork. Short queries are never looked at.
RECYCLE_CHECK_AFTER_S = 0.05
RECYCLE_PRIVATE_BYTES = 32 << 20


def private_bytes(pid: int) -> int:
    """Bytes of memory process `pid` has written and shares with no one (0 when gone)."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", "rb") as rollup:
            for line in rollup:
                if line.startswith(b"Private_Dirty:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


class ForkedProcess:
    """A query worker forked by the fork server (not our child): poll, kill and wait by pidfd."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self._pidfd = os.pidfd_open(pid)
        self._lock = threading.Lock()  # the reaper and the borrower may both end it

    def poll(self) -> int | None:
        with self._lock:
            if self._pidfd < 0:
                return 0
            ready, _, _ = select.select([self._pidfd], [], [], 0)
            return 0 if ready else None

    def kill(self) -> None:
        with self._lock:
            if self._pidfd >= 0:
                with contextlib.suppress(ProcessLookupError):
                    signal.pidfd_send_signal(self._pidfd, signal.SIGKILL)

    def wait(self) -> int:
        """Wait for the end (it was killed) and let go of its pidfd."""
        with self._lock:
            pidfd, self._pidfd = self._pidfd, -1
            if pidfd >= 0:
                select.select([pidfd], [], [], EXIT_WAIT_S)
                os.close(pidfd)
        return 0


def _runtime_dir() -> Path:
    """A directory only this user can enter, for the fork servers' sockets."""
    directory = Path(tempfile.gettempdir()) / f"kuhy-engine-{os.getuid()}"
    directory.mkdir(mode=0o700, exist_ok=True)
    if directory.stat().st_uid != os.getuid() or directory.stat().st_mode & 0o077:
        raise EngineError(f"{directory} is not private to this user")
    return directory


# Started through a launcher that exits at once: the fork server is nobody's child here, as
# it outlives the serving process that started it while others use it.
LAUNCHER = ("import subprocess, sys; subprocess.Popen(sys.argv[1:], start_new_session=True, "
            "stdin=subprocess.DEVNULL)")


def _start(socket_path: Path, worker_config: dict, env: dict[str, str]) -> None:
    socket_path.unlink(missing_ok=True)  # a stale socket of a fork server that is gone
    config = dict(worker_config, fork_socket=str(socket_path))
    subprocess.run([sys.executable, "-c", LAUNCHER, sys.executable, "-m",
                    "server.engine.worker", json.dumps(config)], env=env, check=True)


class ForkServer:
    """The connection of one serving process to the fork server holding one build in memory.
    All serving processes of the machine that serve the same build with the same worker
    settings share one fork server (a socket named after both, under a file lock)."""

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
        """Connected to the fork server once it has loaded the build; None when it went away
        while we connected (it was exiting: try again)."""
        channel = socket.socket(socket.AF_UNIX)
        channel.settimeout(FORK_SERVER_START_S)
        try:
            channel.connect(str(socket_path))
        except (FileNotFoundError, ConnectionRefusedError):
            _start(socket_path, worker_config, env)
            deadline = time.monotonic() + FORK_SERVER_START_S
            while channel.connect_ex(str(socket_path)) != 0:
                if time.monotonic() > deadline:
                    channel.close()
                    raise EngineError("the memory engine's fork server did not start") from None
                time.sleep(0.05)
        greeting = channel.recv(5 + wire.LENGTH.size)
        if not greeting.startswith(b"ready"):
            channel.close()
            return None
        self.pid = wire.LENGTH.unpack(greeting[5:])[0]
        return channel

    def fork(self) -> tuple[ForkedProcess, tuple[int, int], Callable[[], None]]:
        """A new query worker: its process, (fd to write requests, fd to read replies), and
        how to close those."""
        requests_read, requests_write = os.pipe()
        replies_read, replies_write = os.pipe()
        try:
            with self._lock:
                socket.send_fds(self._channel, [wire.LENGTH.pack(os.getpid())],
                                [requests_read, replies_write])
                reply = self._channel.recv(wire.LENGTH.size)
        except OSError as error:
            raise EngineError(f"the memory engine's fork server is gone: {error}") from error
        finally:
            os.close(requests_read)
            os.close(replies_write)
        if len(reply) != wire.LENGTH.size:
            raise EngineError("the memory engine's fork server is gone")

        open_fds = [requests_write, replies_read]

        def close_pipes() -> None:  # once only: a number closed twice may be another's fd
            while open_fds:
                os.close(open_fds.pop())

        return (ForkedProcess(wire.LENGTH.unpack(reply)[0]), (requests_write, replies_read),
                close_pipes)

    def close(self) -> None:
        """Leave the fork server; it exits when no serving process uses it any more."""
        self._channel.close()
