"""Settings shared by the pipeline and the server, in one place.

Every value can be overridden by an environment variable of the same name
prefixed with ``KUHY_`` (e.g. ``KUHY_BASE_URI``, ``KUHY_STORE``).
"""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def _env(name: str, default: str) -> str:
    return os.environ.get(f"KUHY_{name}", default)


BASE_URI: str = _env("BASE_URI", "https://w3id.org/kuhy/")
DATA_DIR: Path = Path(_env("DATA_DIR", str(PROJECT_ROOT / "data")))
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
STORE_ROOT: Path = Path(_env("STORE", str(PROJECT_ROOT / "var" / "store")))
# Largest input file (record JSON or text) read by the build, in bytes.
MAX_INPUT_BYTES: int = int(_env("MAX_INPUT_BYTES", str(10 * 1024 * 1024)))


def graph_uri(*parts: str, base: str = BASE_URI) -> str:
    """`{base}graph/...` named-graph URI."""
    return base + "graph/" + "/".join(parts)


def thing_uri(kind: str, key: str, base: str = BASE_URI) -> str:
    """`{base}id/{kind}/{key}` URI of a described thing."""
    return f"{base}id/{kind}/{key}"
