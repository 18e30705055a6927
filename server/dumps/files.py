"""Dump files of the whole graph, written once per build into a cache directory.

The cache is ``<store_root>/dumps-cache/<build-id>/`` (beside the builds, never inside
one; the server never writes into the store), or a directory under the system temp
dir when the store root is not writable. A file is made on its first request under
an exclusive file lock (so several gunicorn workers make it once), written to a
temporary name and renamed into place; caches of older builds are removed. The
files are written by the engine (QueryEngine.dump: pyoxigraph from the on-disk store, or
streamed from a remote engine; never the whole graph in memory): N-Quads, TriG and
JSON-LD keep the named graphs; Turtle and N-Triples hold the union of all graphs.
"""

from __future__ import annotations

import fcntl
import gzip
import os
import shutil
from pathlib import Path

from kg.formats import DUMP_EXTENSIONS, Format, by_extensions
from kg.rdf.vocab import PREFIXES
from server.services import get_engine
from server.settings import Settings, cache_root

FORMATS: dict[str, Format] = {f.extension: f for f in by_extensions(DUMP_EXTENSIONS)}


def file_name(ext: str, gz: bool) -> str:
    return f"kuhy.{ext}" + (".gz" if gz else "")


def _write_plain(dump: Format, target: Path) -> None:
    with target.open("wb") as out:
        get_engine().dump(dump.oxigraph, dump.quads, out, PREFIXES)


def _write_gzip(plain: Path, target: Path) -> None:
    with plain.open("rb") as source, gzip.open(target, "wb", compresslevel=6) as out:
        shutil.copyfileobj(source, out, length=1 << 20)


def _remove_old_caches(root: Path, keep: str) -> None:
    for child in root.iterdir():
        if child.is_dir() and child.name != keep:
            shutil.rmtree(child, ignore_errors=True)


def _make(settings: Settings, directory: Path, ext: str, gz: bool) -> Path:
    """Write one dump file (and its plain source for a .gz); the caller holds the lock."""
    target = directory / file_name(ext, gz)
    if target.exists():
        return target
    partial = target.with_name(f"{target.name}.part-{os.getpid()}")
    try:
        if gz:
            _write_gzip(_make(settings, directory, ext, gz=False), partial)
        else:
            _write_plain(FORMATS[ext], partial)
        os.replace(partial, target)
    finally:  # a failed write (a full disk) leaves no partial file behind
        partial.unlink(missing_ok=True)
    return target


def ensure_dump(settings: Settings, build_id: str, ext: str, gz: bool) -> Path:
    """Path of the dump file for the served build, making it first if needed."""
    root = cache_root(settings)
    directory = root / build_id
    target = directory / file_name(ext, gz)
    if target.exists():
        return target
    directory.mkdir(exist_ok=True)
    with (directory / ".lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        made = _make(settings, directory, ext, gz)
    _remove_old_caches(root, keep=build_id)
    return made


def existing_size(settings: Settings, build_id: str, ext: str, gz: bool) -> int | None:
    """Size in bytes of an already made dump file, else None."""
    path = cache_root(settings) / build_id / file_name(ext, gz)
    return path.stat().st_size if path.exists() else None
