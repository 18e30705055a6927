"""Single flight: identical slow queries sent together are evaluated once; the others wait
for the cached answer (across processes through the cache directory, or between threads)."""

from __future__ import annotations

import subprocess
import threading
import time
import uuid
from pathlib import Path

import pytest

from server.engine import QueryRequest, QueryTimeout
from server.engine.caching import _answer_keys, _flight_name
from server.engine.embedded import EmbeddedEngine
from server.settings import Settings

# about a second on the gold build: long enough for a second request to arrive meanwhile
SLOW = "SELECT (COUNT(*) AS ?n) WHERE {{ ?a ?b ?c . ?d a ?f }} # {}"
# about five seconds: certainly longer than the short limits the tests set
SLOWER = "SELECT (COUNT(*) AS ?n) WHERE {{ ?a ?b ?c . ?d ?e ?f }} # {}"
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


def together(first: EmbeddedEngine, second: EmbeddedEngine, query: str, after_s: float) -> list:
    answers: list = []
    threads = [threading.Thread(target=run, args=(e, query, answers)) for e in (first, second)]
    threads[0].start()
    time.sleep(after_s)
    threads[1].start()
    for thread in threads:
        thread.join(LEADER_LIMIT_S + 30)
    return answers


@pytest.mark.parametrize("shared_directory", [True, False], ids=["processes", "threads"])
def test_identical_queries_sent_together_are_evaluated_once(
        built_store: Path, tmp_path: Path, shared_directory: bool) -> None:
    first = engine(built_store, tmp_path if shared_directory else None)
    second = engine(built_store, tmp_path) if shared_directory else first
    try:
        # another process sees the marker once the query has run PUBLISH_AFTER_S (+ a poll)
        answers = together(first, second, SLOW.format(uuid.uuid4()),
                           0.2 if shared_directory else 0.02)
        assert sorted(cached for cached, _ in answers) == [False, True]
        assert answers[0][1] == answers[1][1]
        assert not list(tmp_path.glob(".flight-*"))  # the leader's marker is gone
    finally:
        first.close()
        second.close()


def test_a_waiting_request_keeps_its_own_time_limit(built_store: Path, tmp_path: Path) -> None:
    first, second = engine(built_store, tmp_path), engine(built_store, tmp_path)
    query, answers = SLOWER.format(uuid.uuid4()), []
    try:
        # the leader's own limit is generous, so a busy machine cannot make it overrun
        leader = threading.Thread(target=run, args=(first, query, answers),
                                  kwargs={"timeout": LEADER_LIMIT_S})
        leader.start()
        time.sleep(0.2)
        started = time.monotonic()
        with pytest.raises(QueryTimeout, match=r"exceeded the 0.3 s limit"):
            run(second, query, [], timeout=0.3)
        assert time.monotonic() - started < 4  # it did not wait for the leader (5 s or more)
        leader.join(LEADER_LIMIT_S + 30)
        assert answers and answers[0][0] is False
    finally:
        first.close()
        second.close()


def test_the_marker_of_a_dead_process_is_taken_over(built_store: Path, tmp_path: Path) -> None:
    query = SLOW.format(uuid.uuid4())
    dead = subprocess.Popen(["true"])  # any process that has ended
    dead.wait()
    engine_ = engine(built_store, tmp_path)
    try:
        name = _flight_name(engine_.builds.identity(),
                            _answer_keys(QueryRequest(query, "json", None)))
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
