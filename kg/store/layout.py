"""Where builds live: ``<root>/builds/<build-id>/`` and the ``<root>/current`` symlink."""

from __future__ import annotations

from pathlib import Path


def current_store_path(store_root: Path) -> Path:
    """The directory of the served build (open it with ``pyoxigraph.Store.read_only``)."""
    return (Path(store_root) / "current").resolve()
