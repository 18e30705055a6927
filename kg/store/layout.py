"""Where builds live: ``<root>/builds/<build-id>/`` and the ``<root>/current`` symlink.

A build writes into ``builds/<id>.partial/``, renames it to ``builds/<id>/``
when complete, then points ``current`` at it by ``os.replace`` of a fresh
symlink (atomic on POSIX). A killed build leaves only a ``.partial``
directory, which the next build removes; ``current`` is never touched before
the new build is complete. The build that ``current`` pointed to before is
kept (a reader may still have it open); older ones are deleted.
"""

from __future__ import annotations

import fcntl
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

PARTIAL = ".partial"


def current_store_path(store_root: Path) -> Path:
    """The directory of the served build (open it with ``pyoxigraph.Store.read_only``)."""
    return (Path(store_root) / "current").resolve()


def builds_dir(store_root: Path) -> Path:
    return Path(store_root) / "builds"


@contextmanager
def build_lock(store_root: Path) -> Iterator[None]:
    """Hold the store root's build lock (released by the OS if the process dies)."""
    Path(store_root).mkdir(parents=True, exist_ok=True)
    with open(Path(store_root) / ".build.lock", "w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as error:
            raise RuntimeError(f"another build is running in {store_root}") from error
        yield


def remove_partial_builds(store_root: Path) -> list[Path]:
    """Delete half-built directories left by killed builds (call under the build lock)."""
    removed = []
    for path in builds_dir(store_root).glob(f"*{PARTIAL}"):
        shutil.rmtree(path, ignore_errors=True)
        removed.append(path)
    return removed


def new_build_dir(store_root: Path, build_id: str) -> Path:
    path = builds_dir(store_root) / f"{build_id}{PARTIAL}"
    path.mkdir(parents=True)
    return path


def publish(store_root: Path, partial_dir: Path) -> Path:
    """Complete a build: rename it, swap ``current`` to it atomically, prune old builds."""
    root = Path(store_root)
    final = partial_dir.with_name(partial_dir.name.removesuffix(PARTIAL))
    os.replace(partial_dir, final)
    link = root / "current"
    previous = link.resolve() if link.is_symlink() else None
    fresh = root / f".current-{os.getpid()}"
    fresh.unlink(missing_ok=True)
    fresh.symlink_to(Path("builds") / final.name)
    os.replace(fresh, link)
    keep = {final.resolve(), previous}
    for path in builds_dir(root).iterdir():
        if path.resolve() not in keep and not path.name.endswith(PARTIAL):
            shutil.rmtree(path, ignore_errors=True)
    return final
