"""Fixtures shared by all test packages."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg import config

SHARED = config.PROJECT_ROOT.parent / "shared"
GOLD_DIR = SHARED / "corpus" / "gold"
CORPUS_TEXTS = SHARED / "corpus" / "texts"


@pytest.fixture(scope="session")
def built_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Store root built once per session from the curated records in data/records.

    The served store is ``<root>/current`` (open it with ``pyoxigraph.Store.read_only``).
    """
    from kg.store.build import build

    root = tmp_path_factory.mktemp("store")
    result = build(records_dir=config.RECORDS_DIR, texts_dir=None, store_root=root)
    assert not result.problems, result.problems
    return root
