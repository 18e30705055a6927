"""Server configuration in one place; every key can be set by an env var ``KUHY_<KEY>``."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from kg import config
from server.renderers import worker_formats


def _env_float(key: str, default: float) -> float:
    return float(os.environ.get(f"KUHY_{key}", default))


def _env_int(key: str, default: int) -> int:
    return int(os.environ.get(f"KUHY_{key}", default))


def _env_list(key: str) -> tuple[str, ...]:
    return tuple(os.environ.get(f"KUHY_{key}", "").split())


def _env_optional_path(key: str, default: Path) -> Path | None:
    value = os.environ.get(f"KUHY_{key}", str(default))
    return Path(value) if value else None


def _env_path(key: str, default: Path) -> Path:
    return Path(os.environ.get(f"KUHY_{key}", str(default)))


def _public_url() -> str:
    url = os.environ.get("KUHY_PUBLIC_URL", "http://127.0.0.1:5000/")
    if not url.startswith(("http://", "https://")):
        raise ValueError(f"KUHY_PUBLIC_URL must be an http(s) URL, not {url!r}")
    return url if url.endswith("/") else url + "/"


@dataclass
class Settings:
    base_uri: str = config.BASE_URI
    # Where this server is reached from outside (scheme, host, port, path, ending in /).
    # Every absolute URL it writes (DCAT/VoID download URLs, the SPARQL endpoint IRI, the
    # citation, permalinks) starts with it; the request's Host header is never used.
    public_url: str = field(default_factory=_public_url)
    # A store root with builds/ and a `current` link, or a store directory itself.
    store_root: Path = field(default_factory=lambda: _env_path("STORE", config.STORE_ROOT))
    # Seconds a query may run before its worker process is killed (answer: 503).
    query_timeout_s: float = field(default_factory=lambda: _env_float("QUERY_TIMEOUT", 10.0))
    # A query running longer than this is reniced so short queries keep their latency.
    deprioritise_after_s: float = field(
        default_factory=lambda: _env_float("DEPRIORITISE_AFTER", 0.5))
    # Largest query text in UTF-8 bytes; longer ones get 413 (a 5 MB query is refused).
    max_query_bytes: int = field(default_factory=lambda: _env_int("MAX_QUERY_BYTES", 1_000_000))
    # Deepest nesting of { ( [ in a query; deeper ones get 400 before any parser sees them.
    max_query_depth: int = field(default_factory=lambda: _env_int("MAX_QUERY_DEPTH", 64))
    # Seconds a production client connection may stall in a read or write before it is
    # closed (server.gunicorn_worker); a crowd of slow clients is the proxy's job (README).
    read_timeout_s: float = field(default_factory=lambda: _env_float("READ_TIMEOUT", 15.0))
    html_row_limit: int = field(default_factory=lambda: _env_int("HTML_ROW_LIMIT", 1000))
    # Query worker processes per serving process (each gunicorn worker has its own pool).
    query_workers: int = field(default_factory=lambda: _env_int("QUERY_WORKERS", 4))
    # Result bytes a worker gathers before sending a chunk of a streamed response.
    stream_chunk_bytes: int = field(default_factory=lambda: _env_int("STREAM_CHUNK", 65536))
    # Exact cache of serialised query results (per serving process), emptied when a new
    # build is served; answers larger than the entry cap are not kept. 0 turns it off.
    result_cache_bytes: int = field(
        default_factory=lambda: _env_int("RESULT_CACHE_BYTES", 64 << 20))
    result_cache_entry_bytes: int = field(
        default_factory=lambda: _env_int("RESULT_CACHE_ENTRY_BYTES", 16 << 20))
    # Answer plain `GET /sparql?query=` requests for machine formats without Flask's
    # request machinery (server.sparql.fastpath); KUHY_SPARQL_FAST_PATH=0 turns it off.
    sparql_fast_path: bool = field(
        default_factory=lambda: _env_int("SPARQL_FAST_PATH", 1) != 0)
    # Directory shared by all serving processes for answers slower than 50 ms, bounded
    # in bytes (oldest out, other builds' files removed). Empty KUHY_RESULT_CACHE_DIR: none.
    result_cache_dir: Path | None = field(default_factory=lambda: _env_optional_path(
        "RESULT_CACHE_DIR", config.PROJECT_ROOT / "var" / "result-cache"))
    result_cache_disk_bytes: int = field(
        default_factory=lambda: _env_int("RESULT_CACHE_DISK_BYTES", 256 << 20))
    result_cache_disk_after_s: float = field(
        default_factory=lambda: _env_float("RESULT_CACHE_DISK_AFTER", 0.05))
    # After each new build, pin the canned queries' JSON answers in the result cache
    # (server.engine.warmup); evaluated in the pool with this limit. KUHY_WARMUP=0: off.
    warmup: bool = field(default_factory=lambda: _env_int("WARMUP", 1) != 0)
    warmup_timeout_s: float = field(default_factory=lambda: _env_float("WARMUP_TIMEOUT", 300.0))
    # SERVICE endpoints a query may call (space-separated IRIs in KUHY_SERVICE_ALLOW_LIST).
    # Empty: every SERVICE is refused and the workers run without network access.
    service_allow_list: tuple[str, ...] = field(
        default_factory=lambda: _env_list("SERVICE_ALLOW_LIST"))

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
