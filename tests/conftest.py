"""Fixtures shared by all test packages."""

from __future__ import annotations

import ctypes
import dataclasses
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests

from kg import config
from server.engine.builds import ServedBuilds
from server.settings import Settings

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


# fixtures that start a real server process or serve over a real socket: the tests using
# them are marked real_process (the others reach the app through app.test_client())
PROCESS_FIXTURES = ("oxigraph_server", "start_oxigraph", "running_app", "protocol_socket_server",
                    "live_server", "browser")


def pytest_itemcollected(item: pytest.Item) -> None:
    if any(name in getattr(item, "fixturenames", ()) for name in PROCESS_FIXTURES):
        item.add_marker(pytest.mark.real_process)


ENGINE_CHOICES = ("embedded", "remote")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--engine", choices=ENGINE_CHOICES, default="embedded",
        help="the engine behind the app fixtures (running_app, in_process_app) when a test "
             "leaves it to choose: 'embedded' (default) serves the store itself; 'remote' "
             "publishes that store with `kg publish` to a real Oxigraph server (one per "
             "build per test worker) and serves it through KUHY_ENGINE=remote. Tests marked "
             "embedded_engine are skipped then.")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    _heavy_files_first(items)
    _skip_embedded_engine_tests(config, items)


def _heavy_files_first(items: list[pytest.Item]) -> None:
    """The files of a one-worker group first, then files with slow or real-process tests,
    then files that serve or build a store, then the plain unit tests (each keeps its
    order): pytest-xdist hands out whole files in this order (tests/worker_groups.py), so
    the long ones start early and short ones fill the end instead of one long file ending
    the run on one worker while the other idles."""
    from tests.worker_groups import group_of

    heavy = {item.path for item in items
             if any(item.get_closest_marker(name) for name in HEAVY_MARKS)}
    serving = {item.path for item in items
               if SERVING_FIXTURES & set(getattr(item, "fixturenames", ()))}
    items.sort(key=lambda item: (group_of(item.nodeid) is None, item.path not in heavy,
                                 item.path not in serving))


HEAVY_MARKS = ("slow", "real_process", "browser")
SERVING_FIXTURES = frozenset({"built_store", "in_process_app", "running_app", "switchable_root"})


@pytest.hookimpl(tryfirst=True, optionalhook=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log: object) -> object | None:
    """``--dist loadfile`` keeps the files of a group on one worker (tests/worker_groups.py)."""
    if config.getvalue("dist") != "loadfile":
        return None
    from tests.worker_groups import GroupedFiles

    return GroupedFiles(config, log)


def _skip_embedded_engine_tests(config: pytest.Config, items: list[pytest.Item]) -> None:
    """The one place tests about the embedded engine itself are left out of a remote run."""
    if config.getoption("--engine") != "remote":
        return
    skip = pytest.mark.skip(reason="about the embedded engine itself (--engine remote)")
    for item in items:
        if item.get_closest_marker("embedded_engine"):
            item.add_marker(skip)


@pytest.fixture(scope="session", autouse=True)
def own_result_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Apps, engines and server processes of the session share slow answers, flight markers
    and warm-up state in a directory of their own, not the checkout's var/result-cache
    (another run or xdist worker has its own)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("KUHY_RESULT_CACHE_DIR", str(tmp_path_factory.mktemp("result-cache")))
        yield


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
def default_links_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[int, str, str]:
    """(exit code, output, CSV file text) of ``kg links --report --csv FILE`` over data/
    (every record and register row linked: seconds), run once per test run for the tests
    of its coverage table, CSV file and organisations by source."""
    from click.testing import CliRunner

    from kg.cli import main
    from tests.once import made_once_per_run

    def run(folder: Path) -> tuple[int, str, str]:
        out = folder / "links.csv"
        result = CliRunner().invoke(main, ["links", "--report", "--csv", str(out)])
        text = out.read_text(encoding="utf-8") if out.exists() else ""
        return result.exit_code, result.output, text

    return made_once_per_run(tmp_path_factory, "default-links", run)


SHUTDOWN_POLL_S = 0.05  # how often a test server looks whether it should stop


@pytest.fixture(scope="session")
def running_app(served_settings) -> object:
    """``with running_app(settings) as base_url:`` — the real app on a free port (over the
    remote engine with ``--engine remote``, see ``served_settings``)."""
    return lambda settings: _running_app(served_settings(settings))


@contextmanager
def _running_app(settings: object) -> Iterator[str]:
    """The real Flask app (``server.app.create_app(settings)``) on a free local port, in a
    thread; yields its base URL and shuts it and its query workers down afterwards."""
    from werkzeug.serving import make_server

    from server.app import create_app

    app = create_app(settings)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    # shutdown() waits for serve_forever's next poll: 0.5 s by default, for each app
    thread = threading.Thread(target=server.serve_forever, args=(SHUTDOWN_POLL_S,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=5)
        app.extensions["kuhy.engine"].close()


@pytest.fixture(scope="session")
def in_process_app(served_settings) -> Iterator[object]:
    """``with in_process_app(settings) as base_url:`` — the real app answering ``requests``
    for base_url through ``app.test_client()``, with no socket (tests/app_client.py); over
    the remote engine with ``--engine remote`` (``served_settings``)."""
    from tests.app_client import routing_get_adapter

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(requests.Session, "get_adapter",
                      routing_get_adapter(requests.Session.get_adapter))
        yield lambda settings: _in_process_app(served_settings(settings))


@contextmanager
def _in_process_app(settings: object) -> Iterator[str]:
    from server.app import create_app
    from tests.app_client import in_process

    app = create_app(settings)
    try:
        with in_process(app) as url:
            yield url
    finally:
        app.extensions["kuhy.engine"].close()


START_DEADLINE_S = 60.0
# Oxigraph server's own limit on a query: kuhy gives up at its limit (10 s by default) and
# closes the connection, but a query that writes nothing meanwhile (a COUNT) would keep a
# core busy on the server for the rest of the session
OXIGRAPH_QUERY_LIMIT_S = 10


@dataclass(frozen=True)
class OxigraphServer:
    url: str

    @property
    def store_url(self) -> str:
        return self.url + "/store"

    @property
    def query_url(self) -> str:
        return self.url + "/query"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url + "/query?query=ASK%7B%7D", timeout=5):
            return True
    except (urllib.error.URLError, OSError):
        return False


def _ended_with_parent() -> None:
    """In the child before exec: SIGTERM when the test process dies (a crashed xdist worker
    would otherwise leave its Oxigraph servers running)."""
    ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


PR_SET_PDEATHSIG = 1  # <linux/prctl.h>


@contextmanager
def running_oxigraph(directory: Path) -> Iterator[OxigraphServer]:
    """A real Oxigraph server (the `oxigraph` wheel's binary) over `directory`."""
    binary = Path(sys.executable).with_name("oxigraph")
    port = _free_port()
    process = subprocess.Popen([str(binary), "serve", "--location", str(directory),
                                "--bind", f"127.0.0.1:{port}",
                                "--timeout-s", str(OXIGRAPH_QUERY_LIMIT_S)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               preexec_fn=_ended_with_parent)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + START_DEADLINE_S
    try:
        while not _answers(url):
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"oxigraph did not start: {process.stderr.read()!r}")
            time.sleep(0.05)
        yield OxigraphServer(url)
    finally:
        process.terminate()
        process.wait(timeout=30)
        process.stderr.close()


@pytest.fixture()
def oxigraph_server(tmp_path: Path) -> Iterator[OxigraphServer]:
    """A real, empty Oxigraph server on a free local port."""
    with running_oxigraph(tmp_path / "oxigraph") as server:
        yield server


@pytest.fixture(scope="session")
def start_oxigraph() -> object:
    """``with start_oxigraph(directory) as server:`` — a real Oxigraph server."""
    return running_oxigraph


# Oxigraph server's query parameter for the union of all graphs as the default graph
OXIGRAPH_UNION_PARAMETER = "union-default-graph"


def remote_settings(settings: Settings, query_url: str, empty_root: Path) -> Settings:
    """`settings` served by KUHY_ENGINE=remote from `query_url`, over an empty store root of
    its own, so nothing can be read from a local store behind the engine's back."""
    return dataclasses.replace(settings, engine="remote", store_root=empty_root,
                               remote_query_url=query_url,
                               remote_union_parameter=OXIGRAPH_UNION_PARAMETER)


class Publications:
    """Real Oxigraph servers, each loaded by `kg publish` with one build: started on first
    use and kept for the session (one per build and test worker, not one per test)."""

    def __init__(self, directory: Path, stack: ExitStack) -> None:
        self._directory, self._stack = directory, stack
        self._servers: dict[Path, OxigraphServer] = {}
        self._roots = 0

    def server_for(self, store_root: Path) -> OxigraphServer:
        """The server holding the build `store_root` serves now."""
        build = ServedBuilds(store_root).resolve()
        if build not in self._servers:
            self._servers[build] = self._publish(build)
        return self._servers[build]

    def _publish(self, build: Path) -> OxigraphServer:
        from click.testing import CliRunner

        from kg.cli import main

        root = self._directory / f"published-{len(self._servers)}"
        store_root = root / "store"  # `kg publish` keeps its resume state in the store root
        store_root.mkdir(parents=True)
        os.symlink(build, store_root / "current")
        server = self._stack.enter_context(running_oxigraph(root / "oxigraph"))
        sent = CliRunner().invoke(main, ["publish", "--to", server.store_url, "--query-url",
                                         server.query_url, "--store", str(store_root)])
        assert sent.exit_code == 0, sent.output
        return server

    def empty_root(self) -> Path:
        """A new empty store root for one remote app."""
        self._roots += 1
        root = self._directory / f"remote-root-{self._roots}"
        root.mkdir()
        return root


@pytest.fixture(scope="session")
def publications(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Publications]:
    with ExitStack() as stack:
        yield Publications(tmp_path_factory.mktemp("publications"), stack)


@pytest.fixture(scope="session")
def published(publications: Publications, built_store: Path) -> OxigraphServer:
    """A real Oxigraph server holding the session's build, loaded by `kg publish`."""
    return publications.server_for(built_store)


@pytest.fixture(scope="session")
def served_settings(request: pytest.FixtureRequest) -> object:
    """``served_settings(settings)``: the settings an app fixture serves. With ``--engine
    remote``, an app that leaves the engine to choose (``auto``) serves the same build from
    a real Oxigraph server through KUHY_ENGINE=remote; otherwise the settings unchanged."""
    if request.config.getoption("--engine") != "remote":
        return lambda settings: settings
    publications = request.getfixturevalue("publications")

    def served(settings: Settings) -> Settings:
        if settings.engine != "auto":
            return settings
        server = publications.server_for(settings.store_root)
        return remote_settings(settings, server.query_url, publications.empty_root())

    return served
