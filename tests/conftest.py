"""Fixtures shared by all test packages."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from kg import config

SHARED = config.PROJECT_ROOT.parent / "shared"
GOLD_DIR = SHARED / "corpus" / "gold"
CORPUS_TEXTS = SHARED / "corpus" / "texts"


@pytest.fixture(scope="session")
def built_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Store root built once per session from the curated records in data/records
    (with the seed texts of data/texts, which give those documents their sha256).

    The served store is ``<root>/current`` (open it with ``pyoxigraph.Store.read_only``).
    Every record must give its document graph and the build reports no problem (a gold
    project the text never names has no title: it is kept with a generated label, and
    the build reports it as a completeness warning).
    """
    from kg.store.build import build

    root = tmp_path_factory.mktemp("store")
    result = build(records_dir=config.RECORDS_DIR, texts_dir=config.TEXTS_DIR,
                   store_root=root)
    records = len(list(config.RECORDS_DIR.glob("*.json")))
    assert result.documents == records, result.problems
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
