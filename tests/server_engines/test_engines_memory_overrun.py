"""The memory engine's store server: its threads answer the queries, and one that overruns its
limit is ended with the process, which hands over to a successor while others carry on."""

from __future__ import annotations

import os
import time
from pathlib import Path

import psutil
import pytest

from server.engine import QueryTimeout
from server.engine.embedded import EmbeddedEngine
from server.settings import Settings

pytestmark = pytest.mark.real_process  # store-server processes, started and ended

PATHOLOGICAL = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


def _alive(pid: int) -> bool:
    try:
        return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


@pytest.fixture()
def memory_engine(built_store: Path):
    # a chunk size no other test uses: a store server of its own (they are shared by worker
    # settings), so no other test's overrun hands it over meanwhile
    settings = Settings(store_root=built_store, query_workers=2, query_timeout_s=2,
                        result_cache_bytes=0, result_cache_dir=None, warmup=False,
                        stream_chunk_bytes=65_000)
    engine = EmbeddedEngine(settings, in_memory=True)
    yield engine
    engine.close()


def test_workers_are_threads_of_one_store_server(memory_engine: EmbeddedEngine) -> None:
    server = memory_engine.pool._store_server
    assert server is not None and _alive(server.pid)
    threads = {thread.id for thread in psutil.Process(server.pid).threads()}
    assert {worker.proc.pid for worker in memory_engine.pool._workers} <= threads


def test_an_overrun_ends_its_store_server_and_every_other_query_is_answered(
        memory_engine: EmbeddedEngine) -> None:
    expected = memory_engine.select(COUNT)[0]["n"]
    first = memory_engine.pool._store_server.pid
    network = os.readlink(f"/proc/{first}/ns/net")
    with pytest.raises(QueryTimeout, match="exceeded the 0.5 s limit"):
        memory_engine.select(PATHOLOGICAL, timeout=0.5)  # its own limit, as `timeout=` gives
    give_up = time.monotonic() + 120  # the successor loads the build meanwhile
    while _alive(first):  # waits on the event (the handover), not on a clock
        assert memory_engine.select(COUNT)[0]["n"] == expected
        assert time.monotonic() < give_up, "the overrunning store server is still there"
    for _ in range(3 * memory_engine.settings.query_workers):  # every worker, old or new
        assert memory_engine.select(COUNT)[0]["n"] == expected
    successor = memory_engine.pool._store_server.pid
    assert successor != first and _alive(successor)
    assert os.readlink(f"/proc/{successor}/ns/net") == network  # no network, as before
