"""Server configuration in one place; every key can be set by an env var ``KUHY_<KEY>``."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from kg import config


def _env_float(key: str, default: float) -> float:
    return float(os.environ.get(f"KUHY_{key}", default))


def _env_int(key: str, default: int) -> int:
    return int(os.environ.get(f"KUHY_{key}", default))


@dataclass
class Settings:
    base_uri: str = config.BASE_URI
    store_root: Path = config.STORE_ROOT
    query_timeout_s: float = field(default_factory=lambda: _env_float("QUERY_TIMEOUT", 10.0))
    max_query_bytes: int = field(default_factory=lambda: _env_int("MAX_QUERY_BYTES", 1_000_000))
    html_row_limit: int = field(default_factory=lambda: _env_int("HTML_ROW_LIMIT", 1000))
    query_workers: int = field(default_factory=lambda: _env_int("QUERY_WORKERS", 2))
    service_allow_list: tuple[str, ...] = ()

    def to_flask(self) -> dict[str, object]:
        return {"KUHY": self}
