"""The memory engine's fork server: one process per served build loads the build into an
in-memory pyoxigraph store, then forks the query workers, which share its pages
copy-on-write instead of each holding a copy (a worker whose query copied many of them is
replaced by a fresh fork, see RECYCLE_PRIVATE_BYTES).

A forked worker is killed by pid (through a pidfd, so a recycled pid is never hit) when its
query overruns, exactly like a worker of the on-disk pool; the fork server is left alone.
"""

from __future__ import annotations

import contextlib
import json
import os
import select
import signal
import socket
import subprocess
import sys
import threading
from collections.abc import Callable

from server.engine import EngineError, wire

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

    def poll(self) -> int | None:
        if self._pidfd < 0:
            return 0
        ready, _, _ = select.select([self._pidfd], [], [], 0)
        return 0 if ready else None

    def kill(self) -> None:
        if self._pidfd >= 0:
            with contextlib.suppress(ProcessLookupError):
                signal.pidfd_send_signal(self._pidfd, signal.SIGKILL)

    def wait(self) -> int:
        if self._pidfd >= 0:
            select.select([self._pidfd], [], [], EXIT_WAIT_S)
            os.close(self._pidfd)
            self._pidfd = -1
        return 0


class ForkServer:
    """The process holding one build in memory, and the channel to ask it for workers."""

    def __init__(self, worker_config: dict, generation: int, env: dict[str, str]) -> None:
        self.generation = generation
        ours, theirs = socket.socketpair()
        config = dict(worker_config, fork_channel=theirs.fileno(), server_pid=os.getpid())
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "server.engine.worker", json.dumps(config)],
            env=env, pass_fds=[theirs.fileno()], stdin=subprocess.DEVNULL)
        theirs.close()
        self._channel, self._lock = ours, threading.Lock()
        ours.settimeout(FORK_SERVER_START_S)
        if self._channel.recv(5) != b"ready":
            self.close()
            raise EngineError("the memory engine could not load the build")

    def fork(self) -> tuple[ForkedProcess, tuple[int, int], Callable[[], None]]:
        """A new query worker: its process, (fd to write requests, fd to read replies), and
        how to close those."""
        requests_read, requests_write = os.pipe()
        replies_read, replies_write = os.pipe()
        try:
            with self._lock:
                socket.send_fds(self._channel, [b"f"], [requests_read, replies_write])
                reply = self._channel.recv(wire.LENGTH.size)
        except OSError as error:
            raise EngineError(f"the memory engine's fork server is gone: {error}") from error
        finally:
            os.close(requests_read)
            os.close(replies_write)
        if len(reply) != wire.LENGTH.size:
            raise EngineError("the memory engine's fork server is gone")

        def close_pipes() -> None:
            os.close(requests_write)
            os.close(replies_read)

        return (ForkedProcess(wire.LENGTH.unpack(reply)[0]), (requests_write, replies_read),
                close_pipes)

    def close(self) -> None:
        self._channel.close()  # the fork server exits at end of file
        self.proc.kill()
        self.proc.wait()
