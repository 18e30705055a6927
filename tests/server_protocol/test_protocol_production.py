"""`kg serve` as people run it: gunicorn workers (--production) and the development server."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import psutil
import pytest
import requests

from kg import config

pytestmark = pytest.mark.real_process  # gunicorn processes over a socket


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_until_up(url: str, process: subprocess.Popen, seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert process.poll() is None, "gunicorn exited early"
        try:
            requests.get(url, params={"query": "ASK {}"}, timeout=10)
            return
        except (requests.ConnectionError, requests.Timeout):  # booting: query pool starting
            time.sleep(0.2)
    raise AssertionError(f"{url} did not come up")


@dataclass(frozen=True)
class Production:
    """A running `kg serve --production`: its process, /sparql URL, stderr log file and
    engine."""

    process: subprocess.Popen
    url: str
    log: Path
    engine: str

    @property
    def port(self) -> int:
        return int(self.url.split(":")[2].split("/")[0])


# limits from the settings, shorter than the defaults (test_foundation_settings.py checks
# those): the plain queries answered meanwhile overran a 4 s limit at load 17 (2 s at 14)
PRODUCTION_ENV = {"KUHY_QUERY_TIMEOUT": "6", "KUHY_RESULT_CACHE_BYTES": "0",
                  "KUHY_WARMUP": "0", "KUHY_READ_TIMEOUT": "1"}


def _start_production(store: Path, env: dict[str, str], *options: str,
                      stderr: object = subprocess.PIPE) -> tuple[subprocess.Popen, str]:
    """`kg serve --production --workers 2 [options]` on a free port; (process, /sparql URL)."""
    port = _free_port()
    command = [sys.executable, "-c", "from kg.cli import main; main()", "serve", "--production",
               "--workers", "2", *options, "--port", str(port), "--store", str(store)]
    process = subprocess.Popen(command, env=dict(os.environ, **env), cwd=config.PROJECT_ROOT,
                               stdout=subprocess.DEVNULL, stderr=stderr,
                               start_new_session=True)
    return process, f"http://127.0.0.1:{port}/sparql"


@pytest.fixture(scope="module", params=["memory", "disk"])
def production(request: pytest.FixtureRequest, built_store: Path,
               tmp_path_factory: pytest.TempPathFactory) -> Iterator[Production]:
    """`kg serve --production` as it starts by default (but for the shorter limits of
    PRODUCTION_ENV), with the build in memory or on disk; one server per engine for the
    tests of this module, its stderr in a file."""
    log = tmp_path_factory.mktemp("gunicorn") / "stderr.log"
    with log.open("wb") as stderr:
        process, url = _start_production(
            built_store, {**PRODUCTION_ENV, "KUHY_ENGINE": request.param}, stderr=stderr)
    try:
        _wait_until_up(url, process)
        yield Production(process, url, log, request.param)
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=20)


def test_production_mode_serves_queries_from_several_workers(production: Production) -> None:
    url = production.url
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    counts = {requests.get(url, params={"query": query}, timeout=30).json()
              ["results"]["bindings"][0]["n"]["value"] for _ in range(6)}
    assert len(counts) == 1 and int(counts.pop()) > 100
    long_get = requests.get(url, params={"query": "ASK {}" + " " * 20_000}, timeout=30)
    assert long_get.status_code == 200  # gunicorn's 4 KB request-line limit is lifted
    update = requests.post(url, data={"update": "CLEAR ALL"}, timeout=30)
    assert update.status_code == 403
    assert len(psutil.Process(production.process.pid).children()) == 2
    assert b"Booting worker" in production.log.read_bytes()


def test_development_server_lets_long_get_queries_reach_the_size_limit(built_store: Path) -> None:
    port = _free_port()
    command = [sys.executable, "-c", "from kg.cli import main; main()", "serve",
               "--port", str(port), "--store", str(built_store)]
    process = subprocess.Popen(command, env=dict(os.environ, KUHY_QUERY_WORKERS="1"),
                               cwd=config.PROJECT_ROOT, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, start_new_session=True)
    url = f"http://127.0.0.1:{port}/sparql"
    try:
        _wait_until_up(url, process)
        long_get = requests.get(url, params={"query": "ASK {}" + " " * 200_000}, timeout=30)
        too_long = requests.get(url, params={"query": "ASK {}" + " " * 1_500_000}, timeout=60)
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=20)
    assert long_get.status_code == 200
    assert too_long.status_code == 413


PATHOLOGICAL = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
# the overrun asks for its own shorter limit (the protocol's `timeout`), so it stops long
# before the 6 s that the plain queries answered meanwhile may need on a loaded machine
OVERRUN_LIMIT_S = 1


def _query_workers(gunicorn: psutil.Process, store: Path, engine: str) -> list[psutil.Process]:
    """The query processes of this server: on disk its descendants; in memory the store
    servers for `store`, whose threads answer the queries (in a session of their own, and
    shared with other apps on this machine that serve the same build the same way)."""
    serving = {gunicorn.pid, *(child.pid for child in gunicorn.children(recursive=True))}
    found = []
    for process in psutil.process_iter():
        try:
            command = " ".join(process.cmdline())
            if "server.engine.worker" not in command:
                continue
            if engine == "memory":
                if "store_socket" in command and str(store) in command:
                    found.append(process)
            elif process.ppid() in serving:
                found.append(process)
        except psutil.Error:  # the worker that ended, not yet reaped
            continue
    return found


def _wait_until_one_has_ended(workers: list[int], gunicorn: psutil.Process, store: Path,
                              give_up_s: float = 60) -> None:
    """Waits on the event (a store server from before has ended: the overrun was stopped
    with it), not on a sleep sized to the limit."""
    give_up = time.monotonic() + give_up_s
    while set(workers) <= {w.pid for w in _query_workers(gunicorn, store, "memory")}:
        assert time.monotonic() < give_up, "the overrunning query's process is still there"
        time.sleep(0.05)


def _ask_count(url: str) -> int:
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?s a ?type }"
    response = requests.get(url, params={"query": query}, timeout=30)
    assert response.status_code == 200, response.text
    return int(response.json()["results"]["bindings"][0]["n"]["value"])


def _serving_pids(gunicorn: psutil.Process) -> list[int]:
    return sorted(child.pid for child in gunicorn.children())


def test_production_defaults_survive_hostile_queries(production: Production,
                                                     built_store: Path) -> None:
    """Queries nested 5 000 deep are
    refused with a 400 before any parser sees them, a query past its limit (here its own
    shorter `timeout`) is stopped in
    its query worker with a 503, others are answered meanwhile, and every serving process
    is still the same one afterwards (no query runs in a process serving requests); a
    connection that stops sending its headers is closed."""
    url = production.url
    expected = _ask_count(url)
    gunicorn = psutil.Process(production.process.pid)
    serving = _serving_pids(gunicorn)
    engine = production.engine
    querying = sorted(worker.pid for worker in _query_workers(gunicorn, built_store, engine))
    deep_queries = ["SELECT * WHERE " + "{ " * 5000, "ASK { " + "OPTIONAL { " * 5000]
    for deep in deep_queries * 2:
        assert len(deep) >= 10_000
        by_get = requests.get(url, params={"query": deep}, timeout=30)
        by_post = requests.post(url, data=deep.encode(), timeout=30,
                                headers={"Content-Type": "application/sparql-query"})
        for refused in (by_get, by_post):
            assert refused.status_code == 400
            assert "deeper than" in refused.text
    if engine == "disk":  # store servers of other tests over this build come and go
        assert sorted(w.pid for w in _query_workers(gunicorn, built_store, engine)) == querying
    with ThreadPoolExecutor(1) as pool:
        overrun = pool.submit(requests.get, url, timeout=60,
                              params={"query": PATHOLOGICAL, "timeout": OVERRUN_LIMIT_S})
        meanwhile = [_ask_count(url) for _ in range(5)]
        stopped = overrun.result()
    assert stopped.status_code == 503
    assert f"exceeded the {OVERRUN_LIMIT_S} s limit" in stopped.text
    assert meanwhile == [expected] * 5
    assert _serving_pids(gunicorn) == serving
    assert _query_workers(gunicorn, built_store, engine) != []  # queries ran in the pool
    if engine == "memory":  # the store server that ran the overrun ends after it
        _wait_until_one_has_ended(querying, gunicorn, built_store)
    with socket.create_connection(("127.0.0.1", production.port), timeout=60) as stalled:
        stalled.sendall(b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: kuhy\r\nX-Sl")
        assert stalled.recv(1024) == b""  # closed by the server's read timeout
