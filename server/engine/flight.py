"""Single flight: one evaluation of a cacheable answer at a time, across serving processes.

Without it, visitors who send the same slow query together (a shared link, a class doing
an exercise) each evaluate it: on two cores four copies of a 7 s aggregate all run past the
10 s limit, so the answer is never cached. Here the first one *leads*: it writes a marker
file (``.flight-<hash>`` holding its process id) in the shared cache directory, and the
others wait for the answer to appear in the result cache, within their own time limit. A
marker whose process is gone or that is older than the longest query is taken over.
Without a shared directory the same is done between the threads of one process.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from pathlib import Path

from server.engine import QueryTimeout

POLL_S = 0.02
Lookup = Callable[[], object | None]  # the cached answer, or None


class Lead:
    """This request evaluates; ``land()`` (idempotent) lets the waiting ones look again."""

    def __init__(self, release: Callable[[], None]) -> None:
        self._release: Callable[[], None] | None = release

    def land(self) -> None:
        release, self._release = self._release, None
        if release is not None:
            release()


class Flights:
    def __init__(self, directory: Path | None, stale_after_s: float) -> None:
        self.directory, self.stale_after_s = directory, stale_after_s
        if directory is not None:
            try:
                directory.mkdir(parents=True, exist_ok=True)
            except OSError:
                self.directory = None
        self._local: dict[str, threading.Event] = {}
        self._lock = threading.Lock()

    def board(self, name: str, deadline: float, lookup: Lookup) -> Lead | object:
        """A Lead to evaluate under, or the answer another request put in the cache
        meanwhile; QueryTimeout when `deadline` (monotonic) passes while waiting."""
        while True:
            lead = self._try_lead(name)
            if lead is not None:
                answer = lookup()  # answered between our miss and the marker
                if answer is not None:
                    lead.land()
                    return answer
                return lead
            answer = self._wait(name, deadline, lookup)
            if answer is not None:
                return answer

    def _try_lead(self, name: str) -> Lead | None:
        if self.directory is None:
            return self._try_local(name)
        marker = self.directory / f".flight-{name}"
        try:
            handle = os.open(marker, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        except FileExistsError:
            if not self._stale(marker):
                return None
            marker.unlink(missing_ok=True)
            return self._try_lead(name)
        except OSError:
            return self._try_local(name)  # no usable directory: threads of this process
        with os.fdopen(handle, "w") as out:
            out.write(str(os.getpid()))
        return Lead(lambda: marker.unlink(missing_ok=True))

    def _try_local(self, name: str) -> Lead | None:
        with self._lock:
            if name in self._local:
                return None
            event = self._local[name] = threading.Event()

        def release() -> None:
            with self._lock:
                self._local.pop(name, None)
            event.set()

        return Lead(release)

    def _stale(self, marker: Path) -> bool:
        """The leading process is gone, or it has held the marker longer than any query."""
        try:
            pid = int(marker.read_text() or 0)
            age = time.time() - marker.stat().st_mtime
        except (OSError, ValueError):
            return False  # being written or just removed: look again on the next turn
        if age > self.stale_after_s:
            return True
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        except OSError:
            return False
        return False

    def _wait(self, name: str, deadline: float, lookup: Lookup) -> object | None:
        """Until the answer is cached (returned) or no live leader is left (None)."""
        while True:
            answer = lookup()
            if answer is not None:
                return answer
            if not self._led(name):
                return None
            if time.monotonic() >= deadline:
                raise QueryTimeout("an identical query was still being evaluated at the limit")
            time.sleep(POLL_S)

    def _led(self, name: str) -> bool:
        """Someone alive is evaluating `name` (a thread here, or any process's marker)."""
        if name in self._local:
            return True
        if self.directory is None:
            return False
        marker = self.directory / f".flight-{name}"
        return marker.exists() and not self._stale(marker)
