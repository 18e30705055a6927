"""The server's settings as one object, read from the one table of settings (kg.config)."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg import config
from server.renderers import worker_formats


def _from_table(name: str, convert: Callable[[str], object]) -> Any:
    """A dataclass field whose default is the setting's value (kg.config.SETTINGS)."""
    return field(default_factory=lambda: convert(config.setting(name)))


def _flag(value: str) -> bool:
    return int(value) != 0


def _words(value: str) -> tuple[str, ...]:
    return tuple(value.split())


def _public_url(url: str) -> str:
    if not url.startswith(("http://", "https://")):
        raise ValueError(f"KUHY_PUBLIC_URL must be an http(s) URL, not {url!r}")
    return url if url.endswith("/") else url + "/"


ENGINES = ("auto", "memory", "disk", "remote")


def _engine_name(value: str) -> str:
    if value not in ENGINES:
        raise ValueError(f"KUHY_ENGINE must be one of {', '.join(ENGINES)}, not {value!r}")
    return value


def _optional_url(url: str) -> str:
    if url and not url.startswith(("http://", "https://")):
        raise ValueError(f"an engine URL must be http(s), not {url!r}")
    return url


@dataclass
class Settings:
    """The server's settings; what each means is in kg.config.SETTINGS (README, --help)."""

    base_uri: str = config.BASE_URI
    public_url: str = _from_table("PUBLIC_URL", _public_url)
    store_root: Path = field(default_factory=lambda: config.path_setting("STORE"))
    query_timeout_s: float = _from_table("QUERY_TIMEOUT", float)
    deprioritise_after_s: float = _from_table("DEPRIORITISE_AFTER", float)
    max_query_bytes: int = _from_table("MAX_QUERY_BYTES", int)
    max_query_depth: int = _from_table("MAX_QUERY_DEPTH", int)
    read_timeout_s: float = _from_table("READ_TIMEOUT", float)
    html_row_limit: int = _from_table("HTML_ROW_LIMIT", int)
    query_workers: int = _from_table("QUERY_WORKERS", int)
    stream_chunk_bytes: int = _from_table("STREAM_CHUNK", int)
    result_cache_bytes: int = _from_table("RESULT_CACHE_BYTES", int)
    result_cache_entry_bytes: int = _from_table("RESULT_CACHE_ENTRY_BYTES", int)
    sparql_fast_path: bool = _from_table("SPARQL_FAST_PATH", _flag)
    result_cache_dir: Path | None = field(
        default_factory=lambda: config.path_setting("RESULT_CACHE_DIR"))
    result_cache_disk_bytes: int = _from_table("RESULT_CACHE_DISK_BYTES", int)
    result_cache_disk_after_s: float = _from_table("RESULT_CACHE_DISK_AFTER", float)
    warmup: bool = _from_table("WARMUP", _flag)
    warmup_timeout_s: float = _from_table("WARMUP_TIMEOUT", float)
    service_allow_list: tuple[str, ...] = _from_table("SERVICE_ALLOW_LIST", _words)
    engine: str = _from_table("ENGINE", _engine_name)
    memory_max_bytes: int = _from_table("MEMORY_MAX_BYTES", int)
    remote_query_url: str = _from_table("REMOTE_QUERY_URL", _optional_url)
    remote_union_parameter: str = _from_table("REMOTE_UNION_PARAMETER", str)

    def __post_init__(self) -> None:
        if self.engine == "remote" and not self.remote_query_url:
            raise ValueError("KUHY_ENGINE=remote needs KUHY_REMOTE_QUERY_URL")

    @property
    def endpoint_iri(self) -> str:
        """The SPARQL endpoint's own IRI: the base of relative IRIs in queries, the subject
        of the service description, the dcat:endpointURL."""
        return self.public_url + "sparql"

    def to_flask(self) -> dict[str, object]:
        return {"KUHY": self}

    def worker_config(self) -> dict[str, object]:
        return {
            "chunk": self.stream_chunk_bytes,
            "isolate_network": not self.service_allow_list,
            "formats": worker_formats(),
        }


def cache_root(settings: Settings) -> Path:
    """Where files made per build (dumps, search index) are kept: beside the builds, else
    under the system temp directory when the store root is not writable."""
    root = Path(settings.store_root)
    preferred = (root if (root / "current").exists() else root.parent) / "dumps-cache"
    try:
        preferred.mkdir(exist_ok=True)
        if os.access(preferred, os.W_OK):
            return preferred
    except OSError:
        pass
    fallback = Path(tempfile.gettempdir()) / "kuhy-dumps-cache"
    fallback.mkdir(exist_ok=True)
    return fallback
