"""Single flight: one evaluation of a cacheable answer at a time, across serving processes.

Without it, visitors who send the same slow query together (a shared link, a class doing
an exercise) each evaluate it: on two cores four copies of a 7 s aggregate all run past the
10 s limit, so the answer is never cached. Here the first one *leads* and the others wait
for the answer to appear in the result cache, within their own time limit.

Between threads of one process a lead is an entry in a dict. Between processes it is a
marker file ``.flight-<hash>`` holding the leader's process id in the shared cache
directory, written only once the evaluation has run for PUBLISH_AFTER_S (a thread does it),
so the many quick queries cost no file operations. A marker whose process is gone or that
is older than the longest query is taken over.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from server.engine import Deadline

POLL_S = 0.02
PUBLISH_AFTER_S = 0.03
Lookup = Callable[[], object | None]  # the cached answer, or None
Clock = Callable[[], float]


@dataclass
class Lead:
    """This request evaluates `name`; ``land()`` (idempotent) lets the waiting ones look."""

    name: str
    started: float
    marker: Path | None = None  # ours, written by the publisher thread once the query is slow
    published: bool = False  # the publisher has tried (another process may have been first)
    landed: bool = False
    flights: Flights | None = None

    def land(self) -> None:
        if self.flights is not None and not self.landed:
            self.flights.release(self)


class Flights:
    def __init__(self, directory: Path | None, stale_after_s: float,
                 clock: Clock = time.monotonic) -> None:
        """`clock` is monotonic seconds: when a lead is due to publish, when a wait ends."""
        self.directory, self.stale_after_s, self._clock = directory, stale_after_s, clock
        if directory is not None:
            try:
                directory.mkdir(parents=True, exist_ok=True)
            except OSError:
                self.directory = None
        self._leads: dict[str, Lead] = {}
        self._lock = threading.Lock()
        self._publisher_pid = 0
        self._closed = False

    def board(self, name: str, deadline: Deadline, lookup: Lookup) -> Lead | object:
        """A Lead to evaluate under, or the answer another request put in the cache
        meanwhile; the deadline's QueryTimeout when it passes while waiting."""
        while True:
            lead = self._try_lead(name)
            if lead is not None:
                return lead
            answer = self._wait(name, deadline, lookup)
            if answer is not None:
                return answer

    def release(self, lead: Lead) -> None:
        with self._lock:
            lead.landed = True
            if self._leads.get(lead.name) is lead:
                del self._leads[lead.name]
            marker = lead.marker
        if marker is not None:
            marker.unlink(missing_ok=True)

    def close(self) -> None:
        """The engine closes: its leads land (a result never read to its end would leave
        its marker, held by a live process, for others to wait on) and the publisher
        thread ends after its current turn."""
        self._closed = True
        with self._lock:
            leads = list(self._leads.values())
        for lead in leads:
            self.release(lead)

    def _marker(self, name: str) -> Path | None:
        return None if self.directory is None else self.directory / f".flight-{name}"

    def _try_lead(self, name: str) -> Lead | None:
        marker = self._marker(name)
        if marker is not None and os.path.exists(marker):
            if not self._stale(marker):
                return None  # another process leads
            marker.unlink(missing_ok=True)
        with self._lock:
            if name in self._leads:
                return None  # another thread of this process leads
            lead = self._leads[name] = Lead(name, self._clock(), flights=self)
        if self.directory is not None:
            self._ensure_publisher()
        return lead

    def _ensure_publisher(self) -> None:
        if self._publisher_pid != os.getpid():  # a forked child needs its own thread
            self._publisher_pid = os.getpid()
            threading.Thread(target=self._publish, name="kuhy-flight-publisher",
                             daemon=True).start()

    def _publish(self) -> None:
        """Write the marker of each lead that has run PUBLISH_AFTER_S."""
        while not self._closed:
            time.sleep(POLL_S)
            now = self._clock()
            with self._lock:
                due = [lead for lead in self._leads.values()
                       if not lead.published and now - lead.started >= PUBLISH_AFTER_S]
            for lead in due:
                self._write_marker(lead)

    def _write_marker(self, lead: Lead) -> None:
        lead.published = True  # one try per lead: a marker that exists is another's
        marker = self._marker(lead.name)
        try:
            handle = os.open(marker, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        except OSError:
            return  # another process published first (both evaluate), or no directory
        with os.fdopen(handle, "w") as out:
            out.write(str(os.getpid()))
        with self._lock:
            landed, lead.marker = lead.landed, marker
        if landed:  # finished while the marker was being written
            marker.unlink(missing_ok=True)

    def _stale(self, marker: Path) -> bool:
        """The leading process is gone, or it has held the marker longer than any query."""
        try:
            pid = int(marker.read_text() or 0)
            age = time.time() - marker.stat().st_mtime
        except (OSError, ValueError):
            return False  # being written or just removed: look again on the next turn
        if pid == 0:
            return age > 1.0  # empty: being written, or its writer died meanwhile
        if age > self.stale_after_s:
            return True
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        except OSError:
            return False
        return False

    def _wait(self, name: str, deadline: Deadline, lookup: Lookup) -> object | None:
        """Until the answer is cached (returned) or no live leader is left (None)."""
        while True:
            answer = lookup()
            if answer is not None:
                return answer
            if not self.led(name):
                return None
            if deadline.passed(self._clock()):
                raise deadline.overrun()
            time.sleep(POLL_S)

    def led(self, name: str) -> bool:
        """Someone alive is evaluating `name` (a thread here, or any process's marker)."""
        if name in self._leads:
            return True
        marker = self._marker(name)
        return marker is not None and marker.exists() and not self._stale(marker)
