"""The served build: which store directory is served now, and what belongs to it.

One ``ServedBuilds`` per application (``app.extensions["kuhy.builds"]``) resolves
``<root>/current`` (or the root itself when it is a store), at most every
``check_every_s`` on its clock, and swaps a new ``Build`` in when the directory changed:
the one place a new build is noticed. An engine that must make a build ready before it can
answer from it (the memory engine loads it) sets ``prepare``: the old build is then served
until that has run, in a thread of its own, so no request waits for the load. Everything
computed per build (the build's facts, the search index, the query UI's terms, the result
cache's key) hangs off ``Build``.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

from server.engine import EngineError

BUILD_CHECK_S = 2.0  # how often `current` is looked at for a new build
T = TypeVar("T")
Clock = Callable[[], float]
Stamp = tuple[Path, int]  # a build directory and when it last changed (ns)
log = logging.getLogger(__name__)


@dataclass
class Build:
    """One served build: its directory and what is computed for it once."""

    path: Path
    modified_ns: int
    _cache: dict[str, Any] = field(default_factory=dict, repr=False)
    _locks: dict[str, threading.Lock] = field(default_factory=dict, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @property
    def stamp(self) -> Stamp:
        return self.path, self.modified_ns

    @property
    def build_id(self) -> str:
        """The build directory's name (a new build is a new directory)."""
        return self.path.name

    @property
    def identity(self) -> str:
        """The build and when its directory last changed: a store rewritten in place (no
        builds/ layout) must not match answers cached for its old content."""
        return f"{self.path}@{self.modified_ns}"

    @property
    def time(self) -> datetime:
        seconds = self.modified_ns / 1e9
        return datetime.fromtimestamp(seconds, tz=UTC).replace(microsecond=0)

    def cached(self, name: str, make: Callable[[], T]) -> T:
        """`make()` run once for this build (other callers of the same name wait for it)."""
        with self._lock:
            if name in self._cache:
                return self._cache[name]
            lock = self._locks.setdefault(name, threading.Lock())
        with lock:
            with self._lock:
                if name in self._cache:
                    return self._cache[name]
            value = make()
            with self._lock:
                self._cache[name] = value
            return value


class ServedBuilds:
    def __init__(self, store_root: Path, clock: Clock | None = None,
                 check_every_s: float = BUILD_CHECK_S) -> None:
        self.store_root = Path(store_root)
        self._clock = clock or time.monotonic
        self._check_every_s = check_every_s
        self._build: Build | None = None
        self._checked_at = 0.0
        self._lock = threading.Lock()
        self.prepare: Callable[[Path], None] | None = None
        self._preparing: Stamp | None = None
        self.preparer: threading.Thread | None = None  # the latest one started

    def resolve(self) -> Path:
        current = self.store_root / "current"
        path = (current if current.exists() else self.store_root).resolve()
        if not path.is_dir():
            raise EngineError(f"no store at {self.store_root} (build one with `kg build`)")
        return path

    def _stamp(self) -> Stamp:
        path = self.resolve()
        return path, os.stat(path).st_mtime_ns

    def current(self) -> Build:
        """The served build, looked at again at most every `check_every_s`."""
        now = self._clock()
        build = self._build
        if build is not None and now - self._checked_at < self._check_every_s:
            return build
        stamp = self._stamp()
        with self._lock:
            self._checked_at = now
            if self._build is None or self.prepare is None:
                self._swap(stamp)
            elif stamp not in (self._build.stamp, self._preparing):
                self._preparing = stamp
                self.preparer = threading.Thread(target=self._prepare_then_swap, args=(stamp,),
                                                 name="kuhy-build-prepare", daemon=True)
                self.preparer.start()
            return self._build

    def _swap(self, stamp: Stamp) -> None:
        if self._build is None or self._build.stamp != stamp:
            self._build = Build(*stamp)  # swapped in here, and only here

    def _prepare_then_swap(self, stamp: Stamp) -> None:
        """Swap the build in once the engine has made it ready; if it could not, keep the old
        one and try again at the next check. A newer build noticed meanwhile wins."""
        try:
            self.prepare(stamp[0])
        except Exception as error:  # a background thread: whatever failed, the old build stays
            log.warning("build %s not served: it could not be prepared: %s", stamp[0], error)
            ready = False
        else:
            ready = True
        with self._lock:
            if self._preparing == stamp:
                self._preparing = None
                if ready:
                    self._swap(stamp)

    def identity(self) -> str:
        return self.current().identity

    def path(self) -> str:
        return str(self.current().path)


class RemoteBuilds(ServedBuilds):
    """The build a remote engine serves: the local build `kg publish` sent (``<root>/current``),
    when this machine has the store root; else one build for the life of the process,
    "remote-<start time in ns>", so that nothing kept on disk for an earlier start (dumps,
    search index) is taken for it. A directory without builds, such as an empty store root,
    is not taken for a build."""

    def __init__(self, store_root: Path, clock: Clock | None = None,
                 check_every_s: float = BUILD_CHECK_S) -> None:
        super().__init__(store_root, clock, check_every_s)
        self._started_ns = time.time_ns()

    def _stamp(self) -> tuple[Path, int]:
        if (self.store_root / "current").exists():
            try:
                return super()._stamp()
            except (EngineError, OSError):
                pass
        return self.store_root / f"remote-{self._started_ns}", self._started_ns
