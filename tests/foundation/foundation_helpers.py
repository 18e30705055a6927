"""Helpers shared by the foundation tests (no fixtures: those live in conftest.py)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg.rdf.vocab import PREFIXES
from kg.store.layout import current_store_path

PREFIX_LINES = "".join(f"PREFIX {name}: <{iri}>\n" for name, iri in PREFIXES.items()) + \
    "PREFIX sh: <http://www.w3.org/ns/shacl#>\n"


def open_current(store_root: Path) -> ox.Store:
    return ox.Store.read_only(str(current_store_path(store_root)))


def select(store: ox.Store, query: str) -> list[dict[str, str]]:
    """Rows of a SELECT over the union of all graphs, as {variable: lexical value}."""
    solutions = store.query(PREFIX_LINES + query, use_default_graph_as_union=True)
    names = [variable.value for variable in solutions.variables]
    return [{name: row[name].value for name in names if row[name] is not None}
            for row in solutions]


def column(store: ox.Store, query: str, name: str) -> set[str]:
    return {row[name] for row in select(store, query) if name in row}


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().casefold()


def sorted_nquads(store_root: Path) -> list[str]:
    data = open_current(store_root).dump(format=ox.RdfFormat.N_QUADS)
    return sorted(data.decode("utf-8").splitlines())


def write_record(directory: Path, name: str, record: dict[str, Any] | str) -> Path:
    path = directory / name
    text = record if isinstance(record, str) else json.dumps(record, ensure_ascii=False)
    path.write_text(text, encoding="utf-8")
    return path
