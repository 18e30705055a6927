"""Page-test fixtures: the real app on a free port, over a sample store and the built one."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest

from server.settings import Settings

SAMPLE_TRIG = Path(__file__).with_name("pages_sample.trig")
BASE = "https://w3id.org/kuhy/"
PUBLIC_URL = "https://kuhy.example.org/"  # where the test servers say they are reached


@pytest.fixture(scope="session")
def sample_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store root (builds/<id> + current link) holding pages_sample.trig."""
    root = tmp_path_factory.mktemp("pages-store")
    build = root / "builds" / "sample-build-1"
    build.mkdir(parents=True)
    store = ox.Store(str(build))
    store.load(path=str(SAMPLE_TRIG), format=ox.RdfFormat.TRIG)
    store.flush()
    del store
    os.symlink(build, root / "current")
    return root


def _serve(serving: object, store_root: Path) -> Iterator[str]:
    settings = Settings(store_root=store_root, query_workers=2, public_url=PUBLIC_URL)
    with serving(settings) as url:
        yield url


@pytest.fixture(scope="session")
def sample_server(in_process_app, sample_store: Path) -> Iterator[str]:
    """Base URL of the app serving the sample store (through ``app.test_client()``)."""
    yield from _serve(in_process_app, sample_store)


@pytest.fixture(scope="session")
def real_server(in_process_app, built_store: Path) -> Iterator[str]:
    """Base URL of the app serving the store built from data/records (through
    ``app.test_client()``)."""
    yield from _serve(in_process_app, built_store)


@pytest.fixture(scope="session")
def live_server(running_app, built_store: Path) -> Iterator[str]:
    """The app serving the built store on a free local port: what the browser loads."""
    yield from _serve(running_app, built_store)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Debian chromium (Playwright), one per test worker: each test gets a fresh context
    (``page``), so the browser files share the launch."""
    from browser_helpers import chromium

    with chromium() as launched:
        yield launched


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo) -> object:
    """Keeps the call's report on the test, so ``page`` knows whether the test failed."""
    report = yield
    if report.when == "call":
        item.stash[CALL_FAILED] = report.failed
    return report


CALL_FAILED = pytest.StashKey[bool]()


@pytest.fixture
def page(browser: object, request: pytest.FixtureRequest) -> Iterator[object]:
    """A fresh page; the test fails if it sent a request off 127.0.0.1 or broke the CSP.
    A failed test leaves a screenshot of the page in tests/artifacts/."""
    from browser_helpers import checked_page, save_screenshot

    with checked_page(browser) as new_page:
        yield new_page
        if request.node.stash.get(CALL_FAILED, False):
            save_screenshot(new_page, "failed-" + request.node.name)
