"""The memory engine and its loads: a new build is loaded into its store server while the old
one goes on answering, and swapped in once loaded; a query that comes while the first build
loads is told so at its limit. No query waits for a load beyond its limit."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest

from server.engine import EngineBusy, EngineError, QueryRequest
from server.engine.builds import BUILD_CHECK_S, ServedBuilds
from server.engine.embedded import EmbeddedEngine
from server.engine.pool import WorkerPool
from server.settings import Settings
from tests.clocks import SteppedClock
from tests.server_protocol.test_protocol_cache import (  # noqa: F401
    COUNT_MARKED,
    switch_to_second_build,
    switchable_root,
)

WAIT_AT_MOST_S = 120.0  # for the loading thread (events decide; this only ends a hung test)


def marked(engine: EmbeddedEngine) -> int:
    result = engine.execute(QueryRequest(COUNT_MARKED, "json", None))
    try:
        body = b"".join(result)
    finally:
        result.close()
    return int(json.loads(body)["results"]["bindings"][0]["n"]["value"])


def test_a_new_build_is_served_once_loaded_and_the_old_one_answers_meanwhile(
        switchable_root: Path) -> None:  # noqa: F811 (the fixture imported above)
    clock = SteppedClock()
    settings = Settings(store_root=switchable_root, query_workers=1, result_cache_bytes=0,
                        result_cache_dir=None, warmup=False)
    builds = ServedBuilds(switchable_root, clock=clock)
    engine = EmbeddedEngine(settings, builds, in_memory=True)
    load, loading, may_load = builds.prepare, threading.Event(), threading.Event()
    prepared: list[int] = []

    def held_load(path: Path) -> None:  # the test decides when the load may go on
        loading.set()
        assert may_load.wait(WAIT_AT_MOST_S)
        load(path)
        prepared.append(engine.pool._prepared[1].pid)

    builds.prepare = held_load
    try:
        assert marked(engine) == 0
        old_server = engine.pool._store_server.pid
        switch_to_second_build(switchable_root)
        clock.now += BUILD_CHECK_S
        assert marked(engine) == 0  # noticed; the old build answers while the new one loads
        assert loading.wait(WAIT_AT_MOST_S)
        assert marked(engine) == 0 and builds.current().path.name == "one"
        may_load.set()
        builds.preparer.join(WAIT_AT_MOST_S)
        assert builds.current().path.name == "two"
        assert marked(engine) == 3
        assert engine.pool._store_server.pid == prepared[0] != old_server  # loaded once
    finally:
        engine.close()


def test_a_build_that_could_not_be_prepared_is_not_served_and_is_tried_again(
        switchable_root: Path) -> None:  # noqa: F811 (the fixture imported above)
    clock = SteppedClock()
    builds = ServedBuilds(switchable_root, clock=clock)
    attempts: list[str] = []

    def prepare(path: Path) -> None:
        attempts.append(path.name)
        if len(attempts) == 1:
            raise EngineError("the memory engine could not load the build")

    builds.prepare = prepare
    assert builds.current().path.name == "one"
    switch_to_second_build(switchable_root)
    for _ in range(2):  # two checks: the first load fails, the second is tried afresh
        clock.now += BUILD_CHECK_S
        assert builds.current().path.name == "one"
        builds.preparer.join(WAIT_AT_MOST_S)
    assert attempts == ["two", "two"] and builds.current().path.name == "two"


def test_a_query_while_the_first_load_runs_is_told_so_and_answered_after_it(
        built_store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    may_load = threading.Event()

    class HeldPool(WorkerPool):  # the real pool, made once the test lets the load go on
        def __init__(self, *args: object, **kwargs: object) -> None:
            assert may_load.wait(WAIT_AT_MOST_S)
            super().__init__(*args, **kwargs)

    monkeypatch.setattr("server.engine.embedded.WorkerPool", HeldPool)
    settings = Settings(store_root=built_store, query_workers=1, result_cache_bytes=0,
                        result_cache_dir=None, warmup=False, stream_chunk_bytes=65_002)
    engine = EmbeddedEngine(settings, in_memory=True)
    try:
        with pytest.raises(EngineBusy, match="still loading the build"):
            engine.select("ASK { ?s ?p ?o }", timeout=0.2)
        may_load.set()
        assert engine.executor._loading.wait(WAIT_AT_MOST_S)
        assert engine.ask("ASK { ?s ?p ?o }")
    finally:
        may_load.set()
        engine.close()
