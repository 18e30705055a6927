"""The default build (what scripts/serve.sh builds from data/), once per test run, and the
shipped registers as read."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg import config
from tests.once import made_once_per_run


@pytest.fixture(scope="session")
def default_store(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, object]:
    """(store root, build result) of ``kg build`` with its defaults (what scripts/serve.sh
    runs): curated then machine records, texts and the register rows above the relevance
    threshold."""
    from kg.store.build import build

    def make(root: Path) -> tuple[Path, object]:
        return root, build(records_dir=[config.RECORDS_DIR, config.MACHINE_RECORDS_DIR],
                           texts_dir=config.TEXTS_DIR, store_root=root,
                           registers_dir=config.REGISTERS_DIR)

    return made_once_per_run(tmp_path_factory, "default-store", make)


@pytest.fixture(scope="session")
def shipped_register_reads() -> dict[str, object]:
    """``read_register`` of each shipped register mapping (data/registers/*.toml), by file
    name: seconds of row conversion, done once for the tests that read the whole registers
    (their files share a worker, tests/worker_groups.py)."""
    from kg.ingest.registers import load_mapping, read_register

    return {path.name: read_register(load_mapping(path))
            for path in sorted(config.REGISTERS_DIR.glob("*.toml"))}
