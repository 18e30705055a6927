"""Single flight: identical slow queries sent together are evaluated once; the others wait
for the cached answer (across processes through the cache directory, or between threads)."""

from __future__ import annotations

import os
import subprocess
import threading
import time
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest

from server.engine import Deadline, QueryRequest, QueryTimeout
from server.engine.caching import _answer_keys, _flight_name
from server.engine.embedded import EmbeddedEngine
from server.engine.flight import PUBLISH_AFTER_S, Flights, Lead
from server.settings import Settings
from tests.clocks import SteppedClock

# about a second on the gold build: long enough for a second request to arrive meanwhile
SLOW = "SELECT (COUNT(*) AS ?n) WHERE {{ ?a ?b ?c . ?d a ?f }} # {}"
# about five seconds: certainly longer than the short limits the tests set
SLOWER = "SELECT (COUNT(*) AS ?n) WHERE {{ ?a ?b ?c . ?d ?e ?f }} # {}"
# quick: whether it waits is up to the flight, not to how long it runs
QUICK = "SELECT (COUNT(*) AS ?n) WHERE {{ ?s a ?t }} # {}"
LEADER_LIMIT_S = 300.0


def engine(built_store: Path, cache_dir: Path | None) -> EmbeddedEngine:
    # not reniced: on a busy machine a reniced query can starve far past any limit
    return EmbeddedEngine(Settings(store_root=built_store, query_workers=2,
                                   result_cache_dir=cache_dir, warmup=False,
                                   deprioritise_after_s=LEADER_LIMIT_S))


def run(engine_: EmbeddedEngine, query: str, answers: list,
        timeout: float | None = LEADER_LIMIT_S) -> None:
    result = engine_.execute(QueryRequest(query, "json", None, timeout=timeout))
    try:
        answers.append((result.cached, b"".join(result)))
    finally:
        result.close()


def wait_for(condition: Callable[[], bool], what: str) -> None:
    """Until `condition()` holds; a generous limit only catches a hang."""
    give_up = time.monotonic() + 60
    while not condition():
        assert time.monotonic() < give_up, what
        time.sleep(0.005)


def together(first: EmbeddedEngine, second: EmbeddedEngine, query: str,
             leading: Callable[[], bool]) -> list:
    """`query` on `first`, then on `second` once `leading()` says the first one leads."""
    answers: list = []
    threads = [threading.Thread(target=run, args=(e, query, answers)) for e in (first, second)]
    threads[0].start()
    wait_for(lambda: leading() or not threads[0].is_alive(), "the first query never led")
    threads[1].start()
    for thread in threads:
        thread.join(LEADER_LIMIT_S + 30)
    return answers


@pytest.mark.slow  # queries held in flight on purpose, across processes or threads
@pytest.mark.parametrize("shared_directory", [True, False], ids=["processes", "threads"])
def test_identical_queries_sent_together_are_evaluated_once(
        built_store: Path, tmp_path: Path, shared_directory: bool) -> None:
    first = engine(built_store, tmp_path if shared_directory else None)
    second = engine(built_store, tmp_path) if shared_directory else first
    query = SLOW.format(uuid.uuid4())
    name = flight_name(first, query)
    try:
        # another process sees the lead once its marker is written, another thread at once
        answers = together(first, second, query,
                           (lambda: (tmp_path / f".flight-{name}").exists()) if shared_directory
                           else (lambda: first.flights.led(name)))
        assert sorted(cached for cached, _ in answers) == [False, True]
        assert answers[0][1] == answers[1][1]
        assert not list(tmp_path.glob(".flight-*"))  # the leader's marker is gone
    finally:
        first.close()
        second.close()


def flight_name(engine_: EmbeddedEngine, query: str) -> str:
    return _flight_name(engine_.builds.identity(), _answer_keys(QueryRequest(query, "json", None)))


def test_a_waiting_request_keeps_its_own_time_limit(built_store: Path, tmp_path: Path) -> None:
    """Another process leads (its live marker) and never lands: the waiting request gives
    up at its own limit; once the leader is gone the query is evaluated afresh."""
    query = QUICK.format(uuid.uuid4())
    waiting = engine(built_store, tmp_path)
    try:
        marker = tmp_path / f".flight-{flight_name(waiting, query)}"
        marker.write_text(str(os.getpid()))  # a live process leads
        started = time.monotonic()
        with pytest.raises(QueryTimeout, match=r"exceeded the 0.3 s limit"):
            run(waiting, query, [], timeout=0.3)
        assert time.monotonic() - started < 4  # it did not wait for the leader (forever)
        assert marker.exists()  # a waiter never takes a live lead over
        marker.unlink()  # the leader lands without an answer
        answers: list = []
        run(waiting, query, answers)
        assert answers and answers[0][0] is False
    finally:
        waiting.close()


def test_a_lead_is_published_once_it_has_run_publish_after_s(tmp_path: Path) -> None:
    clock = SteppedClock()
    flights = Flights(tmp_path, stale_after_s=60, clock=clock)
    try:
        lead = flights.board("q", Deadline.starting(10, clock()), lambda: None)
        assert isinstance(lead, Lead) and flights.led("q")
        # the publisher reads the clock once a turn: after two readings a turn has ended
        # with the lead not yet due
        readings = clock.readings
        wait_for(lambda: clock.readings >= readings + 2, "the publisher never looked")
        assert not (tmp_path / ".flight-q").exists()
        clock.now += 2 * PUBLISH_AFTER_S
        # the lead holds its marker once the publisher has written it (the file exists earlier)
        wait_for(lambda: lead.marker is not None, "the lead was never published")
        assert (tmp_path / ".flight-q").read_text() == str(os.getpid())
        lead.land()
        assert not (tmp_path / ".flight-q").exists() and not flights.led("q")
    finally:
        flights.close()


def test_closing_lands_every_lead_and_removes_its_marker(tmp_path: Path) -> None:
    """A result never read to its end keeps its lead: closing the engine must not leave a
    live process's marker for other processes to wait on until their limit."""
    clock = SteppedClock()
    flights = Flights(tmp_path, stale_after_s=60, clock=clock)
    lead = flights.board("q", Deadline.starting(10, clock()), lambda: None)
    clock.now += 2 * PUBLISH_AFTER_S
    # the lead holds its marker once the publisher has written it (the file exists earlier)
    wait_for(lambda: lead.marker is not None, "the lead was never published")
    assert (tmp_path / ".flight-q").exists()
    flights.close()
    assert lead.landed and not (tmp_path / ".flight-q").exists() and not flights.led("q")


def test_a_waiter_returns_the_answer_or_overruns_on_its_own_clock() -> None:
    clock = SteppedClock()
    flights = Flights(None, stale_after_s=60, clock=clock)
    lead = flights.board("q", Deadline.starting(10, clock()), lambda: None)
    assert isinstance(lead, Lead)
    looks = []

    def answer_on_third_look() -> object | None:
        looks.append(clock())
        return "the answer" if len(looks) == 3 else None

    assert flights.board("q", Deadline.starting(0.5, clock()), answer_on_third_look) \
        == "the answer"

    def time_passes() -> None:  # each look at the cache takes 0.2 s on the clock
        clock.now += 0.2

    deadline = Deadline.starting(0.5, clock())
    with pytest.raises(QueryTimeout, match=r"exceeded the 0.5 s limit"):
        flights.board("q", deadline, time_passes)
    assert clock.now == pytest.approx(deadline.at + 0.1)  # gave up at the first look past it
    lead.land()
    assert isinstance(flights.board("q", deadline, lambda: None), Lead)  # nobody leads now


def test_the_marker_of_a_dead_process_is_taken_over(built_store: Path, tmp_path: Path) -> None:
    query = QUICK.format(uuid.uuid4())
    dead = subprocess.Popen(["true"])  # any process that has ended
    dead.wait()
    engine_ = engine(built_store, tmp_path)
    try:
        name = flight_name(engine_, query)
        (tmp_path / f".flight-{name}").write_text(str(dead.pid))
        answers: list = []
        started = time.monotonic()
        run(engine_, query, answers)
        # taken over at once: a marker left standing would hold it until its own limit
        assert answers[0][0] is False and time.monotonic() - started < LEADER_LIMIT_S / 5
        assert not (tmp_path / f".flight-{name}").exists()
    finally:
        engine_.close()


def test_time_spent_waiting_counts_to_the_limit_the_client_is_told(built_store: Path) -> None:
    engine_ = engine(built_store, None)
    try:
        started = time.monotonic()
        request = QueryRequest(SLOWER.format(uuid.uuid4()), "json", None, timeout=2.0,
                               waited_s=1.8)
        with pytest.raises(QueryTimeout, match=r"exceeded the 2 s limit"):
            run_request(engine_, request)
        assert time.monotonic() - started < 1.5
    finally:
        engine_.close()


def run_request(engine_: EmbeddedEngine, request: QueryRequest) -> bytes:
    result = engine_.execute(request)
    try:
        return b"".join(result)
    finally:
        result.close()
