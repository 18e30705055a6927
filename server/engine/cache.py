"""An exact cache of serialised query results, bounded in bytes, least recently used out.

The store is read-only between builds, so the same query text over the same dataset gives
the same answer until the served build changes: a key is (build, query, dataset, format,
base IRI, row limit) and the whole cache is emptied when a new build is served. Queries
whose answer changes from one evaluation to the next (NOW, RAND, UUID, STRUUID, BNODE) are
never cached.

Each serving process keeps its own LRU in memory; answers that were slow to compute are also
written to a directory shared by all processes (``<hash of build>-<hash of key>`` files,
bounded in bytes, oldest out), so one gunicorn worker's evaluation serves the others too.

*Pinned* answers (the canned queries, computed once per build by server.engine.warmup) are
kept apart from both bounds: in memory beside the LRU and in ``pinned/`` on disk.

A key names only what decides the bytes: the format of the answer's kind (a SELECT asked
for with a browser's Accept header, which also offers graph formats, is the same answer as
one asked for JSON alone) and the base IRI only when the query has relative IRIs.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import re
import tempfile
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

VOLATILE = re.compile(r"\b(NOW|RAND|UUID|STRUUID|BNODE)\s*\(", re.IGNORECASE)
# An IRI reference without a scheme (conservative: `?a<?b>` also matches, costing a miss);
# \\u escapes can spell one that the pattern does not see, so they count too.
_RELATIVE_IRI = re.compile(r"<(?![A-Za-z][A-Za-z0-9+.\-]*:)[^<>\"{}|^`\\\x00-\x20]*>|\\[uU]")
RESULTS, GRAPH = "results", "graph"  # key families: SELECT/ASK answers, CONSTRUCT/DESCRIBE

CacheKey = tuple
PINNED = "pinned"


def family(kind: str) -> str:
    """The key family of an answer's kind ("solutions", "boolean" or "graph")."""
    return GRAPH if kind == "graph" else RESULTS


def answer_key(query: str, dataset: tuple, family_name: str, format_key: str,
               row_limit: int | None, base_iri: str | None) -> CacheKey:
    """The key of one answer; `dataset` is (default graphs, named graphs) as tuples or None."""
    return (query, *dataset, family_name, format_key,
            row_limit if format_key == "table" else None,
            base_iri if _RELATIVE_IRI.search(query) else None)


@dataclass(frozen=True)
class CachedResult:
    kind: str
    format: str
    body: bytes


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


build_digest = functools.lru_cache(maxsize=16)(digest)  # the same few builds, every request
PINNED_LISTING_S = 1.0  # how long a listing of pinned/ is trusted before it is read again


class DiskTier:
    """Cached answers as files shared between processes; a torn or missing file is a miss."""

    def __init__(self, directory: Path, max_bytes: int) -> None:
        self.directory, self.max_bytes = Path(directory), max_bytes
        self._folders = {False: str(self.directory), True: str(self.directory / PINNED)}
        self._pinned_names: frozenset[str] = frozenset()
        self._pinned_listed_at = -PINNED_LISTING_S

    @staticmethod
    @functools.lru_cache(maxsize=8)  # a miss looks its keys up several times in a row
    def _name(build: str, key: CacheKey) -> str:
        return f"{build_digest(build)}-{digest(repr(key))}"

    def _path(self, build: str, key: CacheKey, pinned: bool = False) -> Path:
        return Path(self._folders[pinned], self._name(build, key))

    def get(self, build: str, key: CacheKey, pinned: bool = False) -> CachedResult | None:
        name = self._name(build, key)
        if pinned and name not in self._pinned_listing():
            return None  # most misses: no file to open
        try:
            with open(os.path.join(self._folders[pinned], name), "rb") as cached:
                data = cached.read()
        except OSError:
            return None
        head, newline, body = data.partition(b"\n")
        try:
            meta = json.loads(head)
        except ValueError:
            return None
        if not newline or meta.get("length") != len(body):
            return None
        return CachedResult(meta["kind"], meta["format"], body)

    def put(self, build: str, key: CacheKey, entry: CachedResult, pinned: bool = False) -> None:
        meta = {"kind": entry.kind, "format": entry.format, "length": len(entry.body)}
        path = self._path(build, key, pinned)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".part-")
            with os.fdopen(handle, "wb") as out:
                out.write(json.dumps(meta).encode() + b"\n" + entry.body)
            os.replace(temporary, path)
            if not pinned:
                self._trim(build_digest(build))
        except OSError:
            return  # a cache that cannot be written is only slower

    def _pinned_listing(self) -> frozenset[str]:
        """Names in pinned/, read again at most every PINNED_LISTING_S."""
        now = time.monotonic()
        if now - self._pinned_listed_at >= PINNED_LISTING_S:
            try:
                self._pinned_names = frozenset(os.listdir(self._folders[True]))
            except OSError:
                self._pinned_names = frozenset()
            self._pinned_listed_at = now
        return self._pinned_names

    def drop_other_pinned(self, build: str) -> None:
        """Remove pinned answers of builds no longer served."""
        prefix = build_digest(build)
        try:
            for item in os.scandir(self.directory / PINNED):
                if not item.name.startswith((prefix, ".")):
                    Path(item.path).unlink(missing_ok=True)
        except OSError:
            return

    def _trim(self, build_prefix: str) -> None:
        """Drop files of other builds, then the oldest until the directory fits."""
        files = []
        for item in os.scandir(self.directory):
            if item.name.startswith(".") or item.is_dir():
                continue
            if not item.name.startswith(build_prefix):
                Path(item.path).unlink(missing_ok=True)
                continue
            stat = item.stat()
            files.append((stat.st_mtime, stat.st_size, item.path))
        total = sum(size for _, size, _ in files)
        for _, size, path in sorted(files):
            if total <= self.max_bytes:
                break
            Path(path).unlink(missing_ok=True)
            total -= size


class ResultCache:
    """Thread-safe LRU of CachedResult by key; holds at most ``max_bytes`` of bodies."""

    def __init__(self, max_bytes: int, max_entry_bytes: int, disk: DiskTier | None = None,
                 disk_after_s: float = 0.05) -> None:
        self.max_bytes = max_bytes
        self.max_entry_bytes = min(max_entry_bytes, max_bytes)
        self.disk, self.disk_after_s = disk, disk_after_s
        self._entries: OrderedDict[CacheKey, CachedResult] = OrderedDict()
        self._pinned: dict[CacheKey, CachedResult] = {}
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
            entry = self._entries.get(key) or self._pinned.get(key)
            if entry is not None:
                if key in self._entries:
                    self._entries.move_to_end(key)
                return entry
        if self.disk is None:
            return None
        entry = self.disk.get(build, key)
        if entry is not None:
            self._remember(build, key, entry)
            return entry
        return self._pinned_on_disk(build, key)

    def pinned(self, build: str, key: CacheKey) -> CachedResult | None:
        """A pinned answer, from memory or from another process's warm-up on disk."""
        with self._lock:
            self._switch_build(build)
            entry = self._pinned.get(key)
        return entry if entry is not None else self._pinned_on_disk(build, key)

    def _pinned_on_disk(self, build: str, key: CacheKey) -> CachedResult | None:
        entry = self.disk.get(build, key, pinned=True) if self.disk is not None else None
        if entry is not None:
            with self._lock:
                self._switch_build(build)
                self._pinned[key] = entry
        return entry

    def pin(self, build: str, key: CacheKey, entry: CachedResult) -> None:
        """Keep an answer for as long as this build is served, outside the byte bounds."""
        with self._lock:
            self._switch_build(build)
            self._pinned[key] = entry
        if self.disk is not None:
            self.disk.put(build, key, entry, pinned=True)

    def put(self, build: str, key: CacheKey, entry: CachedResult, seconds: float = 0.0) -> None:
        """Keep an answer that took `seconds` to compute; slow ones go to the disk too."""
        if len(entry.body) > self.max_entry_bytes:
            return
        self._remember(build, key, entry)
        if self.disk is not None and seconds >= self.disk_after_s:
            self.disk.put(build, key, entry)

    def _remember(self, build: str, key: CacheKey, entry: CachedResult) -> None:
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
            self._pinned.clear()
            self._size, self._build = 0, build

    def __len__(self) -> int:
        return len(self._entries)

    @property
    def size(self) -> int:
        return self._size
