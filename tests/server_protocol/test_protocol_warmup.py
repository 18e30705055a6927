"""Warm-up: after each build the canned queries' answers are pinned and served from cache."""

from __future__ import annotations

import os
import time
from pathlib import Path

import requests

from kg.queries import load_queries
from server.engine import QueryRequest
from server.engine.builds import BUILD_CHECK_S, ServedBuilds
from server.engine.cache import GRAPH, RESULTS, answer_key
from server.engine.embedded import EmbeddedEngine
from server.settings import Settings
from tests.clocks import SteppedClock
from tests.server_protocol.test_protocol_cache import (  # noqa: F401
    JSON,
    ask,
    switch_to_second_build,
    switchable_root,
)

CANNED = load_queries()
BROWSER_ACCEPT = "application/sparql-results+json,*/*;q=0.9"  # what YASGUI sends for SELECT


def wait_for_warmup(url: str, seconds: float = 60) -> dict:
    """/health once the warm-up is done."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        health = requests.get(url + "/health", timeout=10).json()
        if health["warmup"]["state"] == "done":
            return health
        time.sleep(0.1)
    raise AssertionError(f"warm-up not done in {seconds} s: {health}")


def test_canned_answers_are_pinned_and_equal_to_evaluated_ones(
        in_process_app, built_store: Path, tmp_path: Path) -> None:
    settings = Settings(store_root=built_store, query_workers=2, result_cache_dir=tmp_path)
    with in_process_app(settings) as url:
        warmup = wait_for_warmup(url)["warmup"]
        assert (warmup["pinned"], warmup["failed"]) == (len(CANNED), [])
        for query in CANNED:
            pinned = ask(url + "/sparql", query.sparql)
            assert pinned.headers["X-Kuhy-Cache"] == "hit", query.name
            evaluated = ask(url + "/sparql", query.sparql + "\n# evaluated afresh")
            assert evaluated.headers["X-Kuhy-Cache"] == "miss"
            assert pinned.json() == evaluated.json(), query.name


def test_the_query_page_request_gets_the_pinned_answer(in_process_app, built_store: Path,
                                                       tmp_path: Path) -> None:
    """A POST with a browser's Accept (which also offers graph formats) is the same answer."""
    settings = Settings(store_root=built_store, query_workers=1, result_cache_dir=tmp_path)
    with in_process_app(settings) as url:
        wait_for_warmup(url)
        response = requests.post(url + "/sparql", data={"query": CANNED[0].sparql},
                                 headers={"Accept": BROWSER_ACCEPT}, timeout=30)
        assert response.status_code == 200
        assert response.headers["X-Kuhy-Cache"] == "hit"
        assert response.headers["Content-Type"].startswith(JSON)


def test_pinned_answers_outlast_the_bounded_cache(in_process_app, built_store: Path) -> None:
    settings = Settings(store_root=built_store, query_workers=1, result_cache_bytes=500,
                        result_cache_entry_bytes=400, result_cache_dir=None)
    with in_process_app(settings) as url:
        wait_for_warmup(url)
        for n in range(40):  # fills the 500-byte LRU many times over
            ask(url + "/sparql", f"ASK {{ ?s ?p {n} }}")
        assert ask(url + "/sparql", CANNED[-1].sparql).headers["X-Kuhy-Cache"] == "hit"


def test_warmup_can_be_turned_off(in_process_app, built_store: Path) -> None:
    settings = Settings(store_root=built_store, query_workers=1, result_cache_dir=None,
                        warmup=False)
    with in_process_app(settings) as url:
        assert requests.get(url + "/health", timeout=10).json()["warmup"]["state"] == "off"
        assert ask(url + "/sparql", CANNED[0].sparql).headers["X-Kuhy-Cache"] == "miss"


def warmed(engine: EmbeddedEngine, seconds: float = 60) -> dict[str, object]:
    """The engine's warm-up status once it is done with the build served now."""
    deadline = time.monotonic() + seconds
    while (status := engine.warmup_status())["state"] != "done":
        assert time.monotonic() < deadline, f"warm-up not done in {seconds} s: {status}"
        time.sleep(0.05)
    return status


def test_a_new_build_is_warmed_and_old_pins_are_removed(switchable_root: Path) -> None:  # noqa: F811
    clock = SteppedClock()
    cache_dir = switchable_root / "result-cache"
    settings = Settings(store_root=switchable_root, query_workers=1, result_cache_dir=cache_dir)
    engine = EmbeddedEngine(settings, ServedBuilds(switchable_root, clock=clock))
    engine.pin_on_each_build([(query.name, query.sparql) for query in CANNED])
    try:
        assert warmed(engine)["pinned"] == len(CANNED)
        first = engine.builds.identity()
        old_pins = set(os.listdir(cache_dir / "pinned"))
        assert len(old_pins) == len(CANNED)
        switch_to_second_build(switchable_root)
        clock.now += BUILD_CHECK_S  # the served build is looked at again
        assert warmed(engine)["pinned"] == len(CANNED)
        assert engine.builds.identity() != first
        pins = set(os.listdir(cache_dir / "pinned"))
        assert len(pins) == len(CANNED) and not pins & old_pins
    finally:
        engine.close()


def test_a_second_process_shares_the_first_ones_warmup(built_store: Path,
                                                       tmp_path: Path) -> None:
    """Two engines (as two gunicorn workers) with one cache directory: one warm-up serves
    both, and the other reports its progress."""
    def engine() -> EmbeddedEngine:
        settings = Settings(store_root=built_store, query_workers=1, result_cache_dir=tmp_path)
        created = EmbeddedEngine(settings)
        created.pin_on_each_build([(query.name, query.sparql) for query in CANNED])
        return created

    first, second = engine(), engine()
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not all(
                engine.warmup_status()["state"] == "done" for engine in (first, second)):
            time.sleep(0.05)
        assert second.warmup_status()["pinned"] == len(CANNED)
        assert second.warmup_status() == first.warmup_status()  # the warming one's figures
        result = second.execute(QueryRequest(CANNED[0].sparql, "json", None))
        assert result.cached
        result.close()
    finally:
        first.close()
        second.close()


def test_keys_ignore_the_base_iri_unless_the_query_has_relative_iris() -> None:
    def key(query: str, base: str) -> tuple:
        return answer_key(query, (None, None), RESULTS, "json", 1000, base)

    absolute = "SELECT * WHERE { ?s <http://schema.org/name> ?o }"
    assert key(absolute, "http://a.test/sparql") == key(absolute, "http://b.test/sparql")
    for relative in ("SELECT * WHERE { ?s <name> ?o }", "SELECT * WHERE { ?s <\\u006eame> ?o }"):
        assert key(relative, "http://a.test/sparql") != key(relative, "http://b.test/sparql")
    assert answer_key(absolute, (None, None), RESULTS, "json", 1000, None) != \
        answer_key(absolute, (None, None), GRAPH, "json", 1000, None)
