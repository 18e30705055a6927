"""The result cache: a repeated query is answered from it, exactly, until the build changes."""

from __future__ import annotations

import json
import os
import shutil
import uuid
from pathlib import Path

import pyoxigraph as ox
import pytest
import requests

from kg.store.layout import current_store_path
from server.engine import QueryRequest
from server.engine.builds import BUILD_CHECK_S, ServedBuilds
from server.engine.embedded import EmbeddedEngine
from server.settings import Settings
from tests.clocks import SteppedClock

JSON = "application/sparql-results+json"
COUNT_MARKED = "SELECT (COUNT(*) AS ?n) WHERE { ?s <urn:x-test:mark> ?o }"


def ask(url: str, query: str, accept: str = JSON) -> requests.Response:
    response = requests.get(url, params={"query": query}, headers={"Accept": accept}, timeout=30)
    assert response.status_code == 200, response.text
    return response


def fresh_query() -> str:
    """A query text no other test sent (the cache is shared by the whole session's app)."""
    return f"SELECT ?type (COUNT(*) AS ?n) WHERE {{ ?s a ?type }} GROUP BY ?type # {uuid.uuid4()}"


def test_second_request_is_a_hit_with_the_same_bytes(protocol_server: str) -> None:
    query = fresh_query()
    first, second = ask(protocol_server, query), ask(protocol_server, query)
    assert first.headers["X-Kuhy-Cache"] == "miss"
    assert second.headers["X-Kuhy-Cache"] == "hit"
    assert second.content == first.content
    assert second.headers["Content-Type"] == first.headers["Content-Type"]


def test_each_media_type_is_cached_apart(protocol_server: str) -> None:
    query = fresh_query()
    assert ask(protocol_server, query).headers["X-Kuhy-Cache"] == "miss"
    csv = ask(protocol_server, query, "text/csv")
    assert csv.headers["X-Kuhy-Cache"] == "miss"
    assert csv.headers["Content-Type"].startswith("text/csv")
    assert ask(protocol_server, query, "text/csv").content == csv.content


def test_volatile_queries_are_never_cached(protocol_server: str) -> None:
    query = f"SELECT (STRUUID() AS ?id) WHERE {{}} # {uuid.uuid4()}"
    first, second = ask(protocol_server, query), ask(protocol_server, query)
    assert second.headers["X-Kuhy-Cache"] == "miss"
    assert first.json() != second.json()


def copy_build(source: Path, target: Path, marks: int) -> Path:
    shutil.copytree(source, target)
    if marks:
        store = ox.Store(str(target))
        store.extend(ox.Quad(ox.NamedNode(f"urn:x-test:s{n}"), ox.NamedNode("urn:x-test:mark"),
                             ox.Literal(str(n)), ox.DefaultGraph()) for n in range(marks))
        store.flush()
        del store
    return target


@pytest.fixture()
def switchable_root(built_store: Path, tmp_path: Path) -> Path:
    """A store root with two builds (the second has 3 marked triples); current -> the first."""
    source = current_store_path(built_store)
    copy_build(source, tmp_path / "builds" / "one", marks=0)
    copy_build(source, tmp_path / "builds" / "two", marks=3)
    os.symlink(tmp_path / "builds" / "one", tmp_path / "current")
    return tmp_path


def counted(answered: tuple[bool, bytes]) -> tuple[bool, int]:
    """(cached, the count) of an answer to COUNT_MARKED."""
    cached, body = answered
    return cached, int(json.loads(body)["results"]["bindings"][0]["n"]["value"])


def switch_to_second_build(root: Path) -> None:
    """Point ``<root>/current`` at builds/two, atomically, as `kg build` does."""
    fresh_link = root / ".current-new"
    os.symlink(root / "builds" / "two", fresh_link)
    os.replace(fresh_link, root / "current")


def test_a_new_build_empties_the_cache(switchable_root: Path) -> None:
    clock = SteppedClock()
    settings = Settings(store_root=switchable_root, query_workers=1,
                        result_cache_dir=switchable_root / "result-cache")
    engine = EmbeddedEngine(settings, ServedBuilds(switchable_root, clock=clock))
    try:
        assert counted(answer(engine, COUNT_MARKED)) == (False, 0)
        assert counted(answer(engine, COUNT_MARKED)) == (True, 0)
        switch_to_second_build(switchable_root)
        # until the build check is due on the clock the old build is served, from the cache
        assert counted(answer(engine, COUNT_MARKED)) == (True, 0)
        clock.now += BUILD_CHECK_S
        assert counted(answer(engine, COUNT_MARKED)) == (False, 3)
    finally:
        engine.close()


def test_the_cache_is_bounded_in_bytes(in_process_app, built_store: Path) -> None:
    settings = Settings(store_root=built_store, query_workers=1, result_cache_bytes=500,
                        result_cache_entry_bytes=400, result_cache_dir=None)
    with in_process_app(settings) as url:
        big = "SELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 200"
        ask(url + "/sparql", big)
        assert ask(url + "/sparql", big).headers["X-Kuhy-Cache"] == "miss"  # over the entry cap
        small = [f"ASK {{ ?s ?p {n} }}" for n in range(40)]
        for query in small:
            ask(url + "/sparql", query)
        assert ask(url + "/sparql", small[-1]).headers["X-Kuhy-Cache"] == "hit"
        assert ask(url + "/sparql", small[0]).headers["X-Kuhy-Cache"] == "miss"  # evicted


def answer(engine: EmbeddedEngine, query: str) -> tuple[bool, bytes]:
    result = engine.execute(QueryRequest(query, "json", None, base_iri="http://x.test/sparql"))
    try:
        return result.cached, b"".join(result)
    finally:
        result.close()


def test_slow_answers_are_shared_between_processes_through_the_disk(
        built_store: Path, tmp_path: Path) -> None:
    """Two engines (as in two gunicorn workers) share answers slower than the threshold."""
    def engines(after_s: float) -> tuple[EmbeddedEngine, EmbeddedEngine]:
        settings = Settings(store_root=built_store, query_workers=1, result_cache_dir=tmp_path,
                            result_cache_disk_after_s=after_s)
        return EmbeddedEngine(settings), EmbeddedEngine(settings)

    slow, quick = fresh_query(), fresh_query()
    first, second = engines(0.0)
    try:
        cached, computed = answer(first, slow)
        assert not cached
        assert answer(second, slow) == (True, computed)
    finally:
        first.close()
        second.close()
    first, second = engines(60.0)
    try:
        assert answer(first, quick)[0] is False
        assert answer(first, quick)[0] is True  # in memory
        assert answer(second, quick)[0] is False  # fast answers are not written to disk
    finally:
        first.close()
        second.close()
