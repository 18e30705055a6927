"""An exact cache of serialised query results, bounded in bytes, least recently used out.

The store is read-only between builds, so the same query text over the same dataset gives
the same answer until the served build changes: a key is (build, query, dataset, format,
base IRI, row limit) and the whole cache is emptied when a new build is served. Queries
whose answer changes from one evaluation to the next (NOW, RAND, UUID, STRUUID, BNODE) are
never cached.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from dataclasses import dataclass

VOLATILE = re.compile(r"\b(NOW|RAND|UUID|STRUUID|BNODE)\s*\(", re.IGNORECASE)

CacheKey = tuple


@dataclass(frozen=True)
class CachedResult:
    kind: str
    format: str
    body: bytes


class ResultCache:
    """Thread-safe LRU of CachedResult by key; holds at most ``max_bytes`` of bodies."""

    def __init__(self, max_bytes: int, max_entry_bytes: int) -> None:
        self.max_bytes = max_bytes
        self.max_entry_bytes = min(max_entry_bytes, max_bytes)
        self._entries: OrderedDict[CacheKey, CachedResult] = OrderedDict()
        self._size = 0
        self._build: str | None = None
        self._lock = threading.Lock()

    @property
    def enabled(self) -> bool:
        return self.max_entry_bytes > 0

    def cacheable(self, query: str) -> bool:
        return self.enabled and VOLATILE.search(query) is None

    def get(self, build: str, key: CacheKey) -> CachedResult | None:
        with self._lock:
            self._switch_build(build)
            entry = self._entries.get(key)
            if entry is not None:
                self._entries.move_to_end(key)
            return entry

    def put(self, build: str, key: CacheKey, entry: CachedResult) -> None:
        if len(entry.body) > self.max_entry_bytes:
            return
        with self._lock:
            self._switch_build(build)
            previous = self._entries.pop(key, None)
            if previous is not None:
                self._size -= len(previous.body)
            self._entries[key] = entry
            self._size += len(entry.body)
            while self._size > self.max_bytes:
                _, evicted = self._entries.popitem(last=False)
                self._size -= len(evicted.body)

    def _switch_build(self, build: str) -> None:
        """A different build is served: every cached answer is out of date."""
        if build != self._build:
            self._entries.clear()
            self._size, self._build = 0, build

    def __len__(self) -> int:
        return len(self._entries)

    @property
    def size(self) -> int:
        return self._size
