"""Safety: SERVICE never calls out, the time limit is enforced while others are served, CORS."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import psutil
import pytest
import requests

from server.app import create_app
from server.engine import EngineError, QueryRequest
from server.engine.embedded import EmbeddedEngine
from server.engine.pool import REAPER_GRACE_S
from server.settings import Settings

QUERY_TIMEOUT_S = 3.0  # as configured by the protocol_socket_server fixture
PATHOLOGICAL = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


@pytest.fixture
def listener() -> Iterator[tuple[str, list[bytes]]]:
    """A local HTTP-looking socket recording every connection made to it."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    server.settimeout(0.2)
    seen: list[bytes] = []
    stop = threading.Event()

    def accept() -> None:
        while not stop.is_set():
            try:
                connection, _ = server.accept()
            except OSError:
                continue
            seen.append(connection.recv(200))
            connection.close()

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.getsockname()[1]}/sparql", seen
    stop.set()
    thread.join(timeout=2)
    server.close()


def test_service_is_refused_and_never_called(protocol_server: str, listener) -> None:
    endpoint, seen = listener
    queries = [
        f"SELECT * WHERE {{ SERVICE <{endpoint}> {{ ?s ?p ?o }} }}",
        f"select * where {{ service silent <{endpoint}> {{ ?s ?p ?o }} }}",
        f"PREFIX remote: <{endpoint.rsplit('/', 1)[0]}/> "
        "SELECT * { SERVICE remote:sparql { } }",
        "SELECT * WHERE { VALUES ?e { <" + endpoint + "> } SERVICE ?e { ?s ?p ?o } }",
        f"SELECT * WHERE {{ \\u0053ERVICE <{endpoint}> {{ ?s ?p ?o }} }}",
    ]
    for query in queries:
        response = requests.get(protocol_server, params={"query": query}, timeout=30)
        assert response.status_code == 400, (query, response.text)
        assert "SERVICE" in response.text and "refused" in response.text
    time.sleep(0.3)
    assert seen == []


def test_the_word_service_elsewhere_is_allowed(protocol_server: str) -> None:
    query = """PREFIX ex: <http://example.org/>
        SELECT ?service WHERE { BIND("SERVICE <http://example.org/>" AS ?service)
        # SERVICE <http://example.org/> { }
        }"""
    response = requests.get(protocol_server, params={"query": query}, timeout=30)
    assert response.status_code == 200, response.text


def test_workers_have_no_network_even_if_service_slipped_through(built_store, listener) -> None:
    endpoint, seen = listener
    engine = EmbeddedEngine(Settings(store_root=built_store, query_workers=1))
    try:
        query = f"SELECT * WHERE {{ SERVICE <{endpoint}> {{ ?s ?p ?o }} }}"
        with pytest.raises(Exception, match="(?i)unreachable|network|failed"):
            result = engine.execute(QueryRequest(query, timeout=10))
            b"".join(result)
    finally:
        engine.close()
    time.sleep(0.3)
    assert seen == []


def test_time_limit_stops_the_query_and_others_are_served(protocol_socket_server: str) -> None:
    """No wall-clock bounds: the limit shows in the 503's message, and the others are
    served while the overrun is still running (each answer counted only then)."""
    outcome: dict[str, object] = {}
    done = threading.Event()

    def slow() -> None:
        # a client asking for a longer limit than the server's gets the server's
        response = requests.get(protocol_socket_server, timeout=60,
                                params={"query": PATHOLOGICAL, "timeout": "1000"})
        outcome["slow"] = (response.status_code, response.text)
        done.set()

    thread = threading.Thread(target=slow)
    thread.start()
    done.wait(0.5)  # a head start: the overrun reaches the server before the others
    answered_meanwhile = 0
    while not done.wait(0.05):
        response = requests.get(protocol_socket_server, params={"query": "ASK { ?s a ?t }"},
                                timeout=30)
        assert response.status_code == 200
        answered_meanwhile += not done.is_set()
    thread.join()
    status, text = outcome["slow"]
    assert status == 503
    assert f"exceeded the {QUERY_TIMEOUT_S:g} s limit" in text
    assert answered_meanwhile >= 5
    # the killed worker was replaced: the endpoint answers as before
    after = requests.get(protocol_socket_server, params={"query": "ASK { ?s ?p ?o }"}, timeout=30)
    assert after.json()["boolean"] is True


def test_cors_on_responses_and_preflight(protocol_server: str) -> None:
    response = requests.get(protocol_server, params={"query": "ASK {}"}, timeout=30,
                            headers={"Origin": "https://example.org"})
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    preflight = requests.options(protocol_server, timeout=30, headers={
        "Origin": "https://example.org", "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "Content-Type"})
    assert preflight.status_code in (200, 204)
    assert preflight.headers["Access-Control-Allow-Origin"] == "*"
    assert "POST" in preflight.headers["Access-Control-Allow-Methods"]
    assert "Content-Type" in preflight.headers["Access-Control-Allow-Headers"]
    refused = requests.get(protocol_server, params={"query": "ASK {"}, timeout=30)
    assert refused.headers["Access-Control-Allow-Origin"] == "*"


@pytest.mark.embedded_engine
def test_limit_cuts_a_stream_whose_client_stops_reading(protocol_socket_server: str,
                                                        built_store: Path) -> None:
    """The limit holds even while the server is blocked on a client that does not read:
    the stream ends without its closing chunk, so the cut cannot pass for a whole result."""
    query = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    response = requests.get(protocol_socket_server, params={"query": query, "timeout": "1"},
                            stream=True, timeout=60,
                            headers={"Accept": "text/tab-separated-values"})
    assert response.status_code == 200
    assert response.headers.get("Transfer-Encoding") == "chunked"
    chunks = response.iter_content(1 << 16)
    assert next(chunks).startswith(b"?a\t?b\t?c")
    _wait_until_a_query_worker_is_killed(built_store)
    received = 0
    with pytest.raises(requests.exceptions.ChunkedEncodingError):
        for chunk in chunks:
            received += len(chunk)
    assert received < 200_000_000
    after = requests.get(protocol_socket_server, params={"query": "ASK { ?s ?p ?o }"}, timeout=30)
    assert after.json()["boolean"] is True


def _query_workers_over(store: Path) -> set[int]:
    """The live query processes over `store`: disk workers, and the memory engine's store
    server (in a session of its own, so not this process's child), whose threads run the
    queries and which ends when one of them overran."""
    pids = set()
    for process in psutil.process_iter():
        try:
            command = " ".join(process.cmdline())
        except psutil.Error:  # exited or a zombie: not alive
            continue
        if "server.engine.worker" in command and str(store) in command:
            pids.add(process.pid)
    return pids


def _wait_until_a_query_worker_is_killed(store: Path, give_up_s: float = 60) -> None:
    """Waits on the event (the lent worker killed past the limit), not on a sleep sized to it."""
    before = _query_workers_over(store)
    assert before, "no query worker is running"
    give_up = time.monotonic() + give_up_s
    while not before - _query_workers_over(store):
        assert time.monotonic() < give_up, "no query worker was killed"
        time.sleep(0.05)


def _live_query_workers() -> set[int]:
    pids = set()
    for child in psutil.Process().children():
        try:
            if "server.engine.worker" in " ".join(child.cmdline()):
                pids.add(child.pid)
        except psutil.Error:  # exited or a zombie: not alive
            continue
    return pids


def test_reaper_kills_a_worker_its_borrower_left_behind(built_store) -> None:
    # a generous limit: the first rows arrive within it however busy the machine, and the
    # reaper's own thread (on the wall clock) does not get there during the test
    limit_s = 300
    engine = EmbeddedEngine(Settings(store_root=built_store, query_workers=1,
                                     query_timeout_s=limit_s))
    try:
        asked = time.monotonic()  # the worker is lent until its deadline, later than asked + limit
        streaming = engine.execute(QueryRequest(
            "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }", "tsv", None))
        assert streaming.body is None  # still streaming: the worker is lent out
        before = _live_query_workers()
        assert engine.pool.reap_overdue(asked + limit_s) == 0  # not even past its deadline
        # nobody reads; the reaper is asked with a clock past the limit and its grace
        assert engine.pool.reap_overdue(time.monotonic() + limit_s + REAPER_GRACE_S + 1) == 1
        give_up = time.monotonic() + 60
        while True:
            after = _live_query_workers()
            if (len(before - after), len(after - before)) == (1, 1) or time.monotonic() > give_up:
                break
        assert len(before - after) == 1 and len(after - before) == 1  # killed and replaced
        with pytest.raises(Exception, match="died|exceeded"):
            b"".join(streaming)
        assert engine.ask("ASK { ?s ?p ?o }") is True
    finally:
        engine.close()


def test_closing_the_engine_under_a_borrower_ends_its_query_cleanly(built_store) -> None:
    """An app closed while a query (e.g. its warm-up thread) still reads from a worker: the
    reader gets EngineError from end-of-file, never a read on a closed descriptor."""
    engine = EmbeddedEngine(Settings(store_root=built_store, query_workers=1,
                                     query_timeout_s=60))
    streaming = engine.execute(QueryRequest(
        "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }", "tsv", None))
    assert streaming.body is None  # the worker is lent out
    engine.close()
    with pytest.raises(EngineError, match="died|gone"):
        b"".join(streaming)
    with pytest.raises(EngineError, match="closed"):  # and no new pool is started
        engine.ask('ASK { ?s ?p "asked only after the engine closed" }')


def test_allow_listed_service_is_called_and_others_still_refused(built_store, listener) -> None:
    endpoint, seen = listener
    app = create_app(Settings(store_root=built_store, query_workers=1,
                              service_allow_list=(endpoint,)))
    client = app.test_client()
    try:
        listed = client.get("/sparql", query_string={
            "query": f"SELECT * WHERE {{ SERVICE <{endpoint}> {{ ?s ?p ?o }} }}"})
        other = client.get("/sparql", query_string={
            "query": "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"})
    finally:
        app.extensions["kuhy.engine"].close()
    assert listed.status_code == 500  # the listener answers nothing useful
    assert seen and seen[0].split(b" ")[0] in (b"POST", b"GET")
    assert other.status_code == 400 and "allow-list" in other.get_data(as_text=True)
