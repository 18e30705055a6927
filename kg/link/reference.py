"""Readers for the shipped reference tables in ``data/reference`` (see its SOURCE.md)."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

from kg import config


def reference_path(name: str, reference_dir: Path | None = None) -> Path:
    return (reference_dir or config.REFERENCE_DIR) / name


def read_tsv(name: str, reference_dir: Path | None = None) -> Iterator[dict[str, str]]:
    """Rows of a UTF-8, tab-separated table with one header row; '#' lines are comments."""
    path = reference_path(name, reference_dir)
    with path.open(encoding="utf-8", newline="") as handle:
        lines = (line for line in handle if not line.startswith("#"))
        for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE):
            yield {key: (value or "").strip() for key, value in row.items() if key}


def read_statfi_municipalities(reference_dir: Path | None = None) -> dict[str, str]:
    """Statistics Finland kunta_1_20240101: code -> Finnish name (file is latin-1)."""
    path = reference_path("statfi_kunta_1_20240101.csv", reference_dir)
    names: dict[str, str] = {}
    with path.open(encoding="latin-1", newline="") as handle:
        for row in csv.DictReader(handle, delimiter=";"):
            code = row["code"].strip("\"'")
            names[code] = row["classificationItemName"].strip()
    return names


def read_dvv_municipalities(reference_dir: Path | None = None) -> dict[str, dict[str, str]]:
    """DVV kuntaluettelo 2021: code -> row (KUNTANIMIFI, KUNTANIMISV, KUNTAMUOTO, MAAKUNTA…)."""
    path = reference_path("dvv_kuntaluettelo_2021.csv", reference_dir)
    with path.open(encoding="utf-8", newline="") as handle:
        return {row["KUNTANRO"]: row for row in csv.DictReader(handle, delimiter=";")}


def split_multi(cell: str) -> list[str]:
    """'a|b' -> ['a', 'b'] (empty cell -> [])."""
    return [part.strip() for part in cell.split("|") if part.strip()]
