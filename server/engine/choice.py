"""Which engine serves: chosen once, from the settings, when the application is made."""

from __future__ import annotations

from pathlib import Path

from server.engine import EngineSettings, QueryEngine
from server.engine.builds import RemoteBuilds, ServedBuilds
from server.engine.embedded import EmbeddedEngine
from server.engine.remote import RemoteEngine


def directory_bytes(path: Path) -> int:
    return sum(child.stat().st_size for child in path.rglob("*") if child.is_file())


def engine_name(settings: EngineSettings, builds: ServedBuilds) -> str:
    """`memory`, `disk` or `remote`: `auto` takes memory when the served build is small."""
    if settings.engine != "auto":
        return settings.engine
    fits = directory_bytes(builds.current().path) <= settings.memory_max_bytes
    return "memory" if fits else "disk"


def make_engine(settings: EngineSettings) -> tuple[ServedBuilds, QueryEngine]:
    """The served builds and the engine over them."""
    if settings.engine == "remote":
        builds = RemoteBuilds(settings.store_root)
        return builds, RemoteEngine(settings, builds)
    builds = ServedBuilds(settings.store_root)
    in_memory = engine_name(settings, builds) == "memory"
    return builds, EmbeddedEngine(settings, builds, in_memory=in_memory)
