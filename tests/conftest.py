"""Fixtures shared by all test packages."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from kg import config

SHARED = config.PROJECT_ROOT.parent / "shared"
GOLD_DIR = SHARED / "corpus" / "gold"
CORPUS_TEXTS = SHARED / "corpus" / "texts"


# The curated records the store, server and query tests were written against: their
# expected answers name these documents' facts. data/records holds more curated records
# (kg records, issue 12); the default build's own test covers all of them.
SAMPLE_RECORDS = (
    "000_696129f62466b0ab.json", "001_bdebdc34df4e2ac5.json", "002_9ace12d4a579e598.json",
    "003_ebf67b2261d1c475.json", "004_cf72d2ae601a41d6.json", "h002.json", "h005.json",
    "h008.json", "h010.json", "h011.json", "h012.json", "h014.json", "h017.json", "h023.json",
    "h024.json", "h028.json",
)


@pytest.fixture(scope="session")
def sample_records(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder holding copies of the ``SAMPLE_RECORDS`` from data/records."""
    folder = tmp_path_factory.mktemp("sample-records")
    for name in SAMPLE_RECORDS:
        shutil.copy(config.RECORDS_DIR / name, folder / name)
    return folder


@pytest.fixture(scope="session")
def built_store(tmp_path_factory: pytest.TempPathFactory, sample_records: Path) -> Path:
    """Store root built once per session from the sample of curated records
    (with the seed texts of data/texts, which give those documents their sha256).

    The served store is ``<root>/current`` (open it with ``pyoxigraph.Store.read_only``).
    Every record must give its document graph and the build reports no problem (a gold
    project the text never names has no title: it is kept with a generated label, and
    the build reports it as a completeness warning).
    """
    from kg.store.build import build

    root = tmp_path_factory.mktemp("store")
    result = build(records_dir=sample_records, texts_dir=config.TEXTS_DIR, store_root=root)
    assert result.documents == len(SAMPLE_RECORDS), result.problems
    assert result.problems == [], result.problems
    assert any(warning.message == "The project has no title." for warning in result.warnings), \
        result.warnings
    return root


@pytest.fixture(scope="session")
def running_app() -> object:
    """``with running_app(settings) as base_url:`` — the real app on a free port."""
    return _running_app


@contextmanager
def _running_app(settings: object) -> Iterator[str]:
    """The real Flask app (``server.app.create_app(settings)``) on a free local port, in a
    thread; yields its base URL and shuts it and its query workers down afterwards."""
    from werkzeug.serving import make_server

    from server.app import create_app

    app = create_app(settings)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=5)
        app.extensions["kuhy.engine"].close()
