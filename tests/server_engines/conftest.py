"""The same app over each engine: the build on disk, in memory, and published with
`kg publish` to a real Oxigraph server that kuhy queries as a remote engine."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

import pytest

from server.settings import Settings
from tests.conftest import remote_settings

ENGINES = ("disk", "memory", "remote")
PUBLIC_URL = "https://kuhy.example.org/"
# no test here is about this limit (test_engines_remote sets its own): a generous one, so a
# loaded machine does not turn a slow answer into a 503 (5 s did at load 20)
QUERY_TIMEOUT_S = 60.0


def engine_settings(engine: str, store_root: Path, **overrides: object) -> Settings:
    """Settings of an app on `engine`; a remote app gets an empty store root of its own, so
    nothing can be read from a local store behind the engine's back."""
    values: dict[str, object] = {"store_root": store_root, "engine": engine, "query_workers": 2,
                                 "public_url": PUBLIC_URL, "query_timeout_s": QUERY_TIMEOUT_S,
                                 "service_allow_list": (), "result_cache_dir": None,
                                 "warmup": False}
    values.update(overrides)
    return Settings(**values)


@pytest.fixture(scope="session")
def settings_for() -> object:
    """``settings_for(engine, store_root, **overrides)`` — Settings of an app on `engine`."""
    return engine_settings


@pytest.fixture(scope="session")
def servers(running_app, built_store: Path, published,
            tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """Base URL of the app per engine, all serving the same build."""
    empty_root = tmp_path_factory.mktemp("remote-root")
    with ExitStack() as stack:
        yield {
            "disk": stack.enter_context(running_app(engine_settings("disk", built_store))),
            "memory": stack.enter_context(running_app(engine_settings("memory", built_store))),
            "remote": stack.enter_context(running_app(remote_settings(
                engine_settings("disk", built_store), published.query_url, empty_root))),
        }
