"""Register rows at the seam: each row's record (``kg.ingest.registers``) scored for
relevance (``kg.extract.relevance``), the score and the concepts hit written into it.

The row's raw text is the document text its evidence offsets point into, and its
sha256 is the document's. Rows below the relevance threshold are counted, not built,
unless every row is asked for.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kg.extract.relevance import RelevanceRule, default_rule
from kg.ingest.errors import InputError, Problem
from kg.ingest.inputs import DocumentInput, SourceFile
from kg.ingest.records import check_record
from kg.ingest.registers import (
    RegisterRead,
    RegisterRow,
    load_mapping,
    mapping_paths,
    read_register,
)

YSO = "http://www.yso.fi/onto/yso/"


@dataclass
class ScoredRow:
    read: RegisterRead
    row: RegisterRow
    relevant: bool


def scored_rows(registers_dir: Path, max_bytes: int | None, rule: RelevanceRule | None = None,
                ) -> Iterator[RegisterRead | ScoredRow]:
    """Each register read (before its rows), then its rows with relevance written in."""
    rule = rule or default_rule()
    for path in mapping_paths(registers_dir):
        try:
            mapping = load_mapping(path)
        except InputError as error:
            yield RegisterRead(None, error=error)  # type: ignore[arg-type]
            continue
        read = read_register(mapping, max_bytes)
        yield read
        for row in read.rows:
            yield ScoredRow(read, row, score_record(row.record, rule))


def score_record(record: dict[str, Any], rule: RelevanceRule) -> bool:
    """Write each project's relevance, and for a relevant project the YSO concepts hit as
    its topics (below the threshold a lone hit is too often a false one: "Lokkilinna");
    True when any project reaches the threshold."""
    relevant = False
    for project in record["projects"]:
        relevance = rule.score_project(project)
        project["relevance"] = relevance.as_record()
        if rule.relevant(relevance):
            relevant = True
            topics = project.setdefault("topics", [])
            topics += [label for uri, label in zip(relevance.concepts, relevance.labels,
                                                   strict=True)
                       if uri.startswith(YSO) and label not in topics]
    return relevant


def row_sha256(row: RegisterRow) -> str:
    return hashlib.sha256(row.raw.encode("utf-8")).hexdigest()


def gather_registers(registers_dir: Path, max_bytes: int | None, all_rows: bool,
                     inputs: Any) -> None:
    """Add the (relevant) register rows of ``registers_dir`` to a seam ``Inputs``."""
    kept: dict[str, list[int]] = {}
    for item in scored_rows(registers_dir, max_bytes):
        if isinstance(item, RegisterRead):
            if item.error is not None:
                inputs.problems.append(Problem(item.error.name, None, item.error.reason))
                continue
            name = item.mapping.data_file.name
            kept[name] = [0, item.total_rows]
            inputs.problems += item.problems
            if item.sha256:
                inputs.sources.append(SourceFile(f"registers/{name}", item.sha256))
            continue
        if not (all_rows or item.relevant):
            continue
        try:
            check_record(item.row.record, item.row.record["source"])
        except InputError as error:
            inputs.problems.append(Problem.in_row(item.read.mapping.data_file.name,
                                                  item.row.row, error.reason))
            continue
        kept[item.read.mapping.data_file.name][0] += 1
        mapping = item.read.mapping
        inputs.documents.append(DocumentInput(
            f"{mapping.data_file.name} row {item.row.row}", item.row.record, item.row.raw,
            row_sha256(item.row), f"register {mapping.mapping_file.name}"))
    for name, (count, total) in kept.items():
        which = "all rows" if all_rows else "rows about culture (relevance threshold)"
        inputs.notices.append(f"{name}: {count} of {total} rows taken ({which})")


@dataclass
class ImportSummary:
    """What an import did, per register file: rows read, written, below the threshold,
    left out (each with a problem)."""

    counts: dict[str, dict[str, int]]
    problems: list[Problem]

    def lines(self) -> list[str]:
        return [f"{name}: {c['rows']} rows: {c['written']} written, {c['below']} below the "
                f"relevance threshold, {c['left_out']} left out (reported)"
                for name, c in self.counts.items()]


def import_registers(registers_dir: Path, max_bytes: int | None, all_rows: bool,
                     write: Callable[[dict[str, Any]], None]) -> ImportSummary:
    """Hand each (relevant) row's record to ``write``; count and report the rest."""
    summary = ImportSummary({}, [])
    counts: dict[str, int] = {}
    for item in scored_rows(registers_dir, max_bytes):
        if isinstance(item, RegisterRead):
            if item.error is not None:
                summary.problems.append(Problem(item.error.name, None, item.error.reason))
                continue
            summary.problems += item.problems
            counts = summary.counts.setdefault(item.mapping.data_file.name, {
                "rows": item.total_rows, "written": 0, "below": 0,
                "left_out": item.total_rows - len(item.rows)})
            continue
        if all_rows or item.relevant:
            write(item.row.record)
            counts["written"] += 1
        else:
            counts["below"] += 1
    return summary
