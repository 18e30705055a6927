"""Settings shared by the pipeline and the server, in one place.

``SETTINGS`` is the one table of every setting either of them reads (name, default, help);
each is an environment variable ``KUHY_<NAME>``. The README's settings section and
``kg serve --help`` are rendered from it (tests/foundation/test_foundation_settings.py
fails when they drift).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Setting:
    name: str  # the environment variable is KUHY_<name>
    default: str  # as the variable would hold it; a relative path is under the project root
    help: str
    read_by: str  # "pipeline", "server" or "both"

    @property
    def variable(self) -> str:
        return f"KUHY_{self.name}"


SETTINGS: tuple[Setting, ...] = (
    Setting("STORE", "var/store", "Store root: builds/<id>/ and a `current` link swapped "
            "when a build succeeds (or a store directory itself).", "both"),
    Setting("BASE_URI", "https://w3id.org/kuhy/", "Base of every IRI the graph mints.", "both"),
    Setting("DATA_DIR", "data", "Records, texts and reference data the build reads.",
            "pipeline"),
    Setting("MAX_INPUT_BYTES", str(10 * 1024 * 1024),
            "Largest input file (record JSON or text) the build reads, in bytes.", "pipeline"),
    Setting("PUBLISH_TOKEN", "", "Bearer token for `kg publish` (never on the command line).",
            "pipeline"),
    Setting("PUBLISH_USER", "", "User name for `kg publish` with basic authentication.",
            "pipeline"),
    Setting("PUBLISH_PASSWORD", "", "Password for `kg publish` with basic authentication.",
            "pipeline"),
    Setting("PUBLIC_URL", "http://127.0.0.1:5000/", "Where the server is reached from outside "
            "(http(s), ending in /): every absolute URL it writes starts with it; the Host "
            "header is never used.", "server"),
    Setting("QUERY_TIMEOUT", "10", "Seconds a query may run before its worker process is "
            "killed (answer: 503).", "server"),
    Setting("DEPRIORITISE_AFTER", "0.5", "Seconds after which a running query is reniced so "
            "short queries keep their latency.", "server"),
    Setting("MAX_QUERY_BYTES", "1000000", "Largest query text in UTF-8 bytes (longer: 413).",
            "server"),
    Setting("MAX_QUERY_DEPTH", "64", "Deepest `{ ( [` nesting of a query (deeper: 400 before "
            "any parser sees it).", "server"),
    Setting("READ_TIMEOUT", "15", "Seconds a production client connection may stall in a "
            "read or write before it is closed.", "server"),
    Setting("HTML_ROW_LIMIT", "1000", "Rows shown in an HTML table of query results.",
            "server"),
    Setting("QUERY_WORKERS", "4", "Query workers per serving process: processes over the "
            "on-disk store, or threads of the memory engine's store server.", "server"),
    Setting("STREAM_CHUNK", "65536", "Result bytes a query worker gathers before sending a "
            "chunk of a streamed answer.", "server"),
    Setting("RESULT_CACHE_BYTES", str(64 << 20), "Bytes of answers each serving process keeps "
            "in memory (emptied when a new build is served; 0: no cache).", "server"),
    Setting("RESULT_CACHE_ENTRY_BYTES", str(16 << 20), "Largest answer kept in the result "
            "cache, in bytes.", "server"),
    Setting("SPARQL_FAST_PATH", "1", "1: answer plain `GET /sparql?query=` for machine formats "
            "without Flask's request machinery; 0: off.", "server"),
    Setting("RESULT_CACHE_DIR", "var/result-cache", "Directory all serving processes share "
            "for slow answers (empty: none).", "server"),
    Setting("RESULT_CACHE_DISK_BYTES", str(256 << 20), "Bytes of answers kept in the shared "
            "directory (oldest out).", "server"),
    Setting("RESULT_CACHE_DISK_AFTER", "0.05", "Seconds an answer must have taken to be "
            "written to the shared directory.", "server"),
    Setting("WARMUP", "1", "1: pin the canned queries' answers after each build (progress "
            "under `warmup` in /health); 0: off.", "server"),
    Setting("WARMUP_TIMEOUT", "300", "Seconds each canned query of the warm-up may run.",
            "server"),
    Setting("ENGINE", "auto", "Query engine: `memory` (the build loaded into memory once, "
            "by a store server whose threads are the query workers), `disk` (each worker "
            "opens the on-disk store), `remote` (a SPARQL endpoint at KUHY_REMOTE_QUERY_URL) "
            "or `auto` (memory when the build's directory is at most KUHY_MEMORY_MAX_BYTES, "
            "else disk).", "server"),
    Setting("MEMORY_MAX_BYTES", str(512 << 20), "Largest on-disk build `auto` loads into "
            "memory, in bytes (in memory it takes about 1.5x that).", "server"),
    Setting("REMOTE_QUERY_URL", "", "SPARQL 1.1 query endpoint of the remote engine "
            "(KUHY_ENGINE=remote; `kg publish --query-url` when not given).", "both"),
    Setting("REMOTE_STORE_URL", "", "Graph Store Protocol endpoint of the remote engine "
            "(`kg publish --to` when not given; the server only queries).", "pipeline"),
    Setting("REMOTE_UNION_PARAMETER", "", "Query parameter that asks the remote engine for the "
            "union of all graphs as the default graph (Oxigraph server: `union-default-graph`; "
            "empty for Virtuoso, whose default graph is already the union).", "server"),
    Setting("SERVICE_ALLOW_LIST", "", "Space-separated SERVICE endpoints a query may call "
            "(empty: every SERVICE is refused and the workers have no network).", "server"),
)
BY_NAME: dict[str, Setting] = {setting.name: setting for setting in SETTINGS}


def setting(name: str) -> str:
    """The value of a setting: its environment variable, else its default."""
    return os.environ.get(f"KUHY_{name}", BY_NAME[name].default)


def path_setting(name: str) -> Path | None:
    """A path setting: relative defaults are under the project root; empty means none."""
    value = setting(name)
    if not value:
        return None
    if f"KUHY_{name}" not in os.environ:
        return PROJECT_ROOT / value
    return Path(value)


def settings_markdown() -> str:
    """The settings table as the README shows it."""
    lines = ["| variable | default | read by | meaning |", "|---|---|---|---|"]
    for item in SETTINGS:
        default = f"`{item.default}`" if item.default else "(empty)"
        lines.append(f"| `{item.variable}` | {default} | {item.read_by} | {item.help} |")
    return "\n".join(lines)


def settings_text() -> str:
    """The settings as `kg serve --help` lists them (one line each, not re-wrapped)."""
    return "\n".join(f"{item.variable}={item.default}  {item.help}" for item in SETTINGS)


BASE_URI: str = setting("BASE_URI")
DATA_DIR: Path = path_setting("DATA_DIR")
RECORDS_DIR: Path = DATA_DIR / "records"
# Machine-extracted records of texts without a curated one (``kg records refresh``).
MACHINE_RECORDS_DIR: Path = DATA_DIR / "records-machine"
TEXTS_DIR: Path = DATA_DIR / "texts"
REGISTERS_DIR: Path = DATA_DIR / "registers"   # mapping files (*.toml) and their CSV/XLSX
REFERENCE_DIR: Path = DATA_DIR / "reference"
ONTOLOGY_FILE: Path = PROJECT_ROOT / "ontology" / "kuhy.ttl"
SHAPES_FILE: Path = PROJECT_ROOT / "shapes" / "kuhy.ttl"
QUERIES_DIR: Path = PROJECT_ROOT / "kg" / "queries"
# The store root holds builds/<id>/ directories and a `current` symlink that
# is swapped atomically when a build succeeds.
STORE_ROOT: Path = path_setting("STORE")
# Largest input file (record JSON or text) read by the build, in bytes.
MAX_INPUT_BYTES: int = int(setting("MAX_INPUT_BYTES"))


def graph_uri(*parts: str, base: str = BASE_URI) -> str:
    """`{base}graph/...` named-graph URI."""
    return base + "graph/" + "/".join(parts)


def thing_uri(kind: str, key: str, base: str = BASE_URI) -> str:
    """`{base}id/{kind}/{key}` URI of a described thing."""
    return f"{base}id/{kind}/{key}"
