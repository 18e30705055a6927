"""The default build (what scripts/serve.sh builds from data/), once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg import config


@pytest.fixture(scope="session")
def default_store(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, object]:
    """(store root, build result) of ``kg build`` with its defaults (what scripts/serve.sh
    runs): curated then machine records, texts and the register rows above the relevance
    threshold."""
    from kg.store.build import build

    root = tmp_path_factory.mktemp("default-store")
    result = build(records_dir=[config.RECORDS_DIR, config.MACHINE_RECORDS_DIR],
                   texts_dir=config.TEXTS_DIR, store_root=root,
                   registers_dir=config.REGISTERS_DIR)
    return root, result
