"""Machine-extracted records: the ``extraction`` block that marks them, their confidence,
and ``kg records refresh``, which regenerates the shipped ones (``data/records-machine``).

A machine record says how it was made: ``{"method": "machine", "extractor": "kg-extract
0.1.0", "confidence": 0.74}``. The confidence is the share of the record's values expected
to be right: each value weighs with the precision the scorer measured for its field when
this extractor read the development corpus against its gold records. Those precisions are
kept in ``precision.tsv`` beside the shipped machine records and rewritten by each refresh.

Shipped records carry the source URL (from the corpus ``index.tsv``) and short evidence
quotes, never the texts (design §7).
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg import __version__, config
from kg.extract import extract_text
from kg.extract.batch import expand_inputs, extract_files
from kg.ingest.errors import InputError
from kg.ingest.formats import document_paths, read_document
from kg.ingest.inputs import sha256_hex
from kg.ingest.records import record_paths

PRECISION_FILE = "precision.tsv"
_LIST_FIELDS = ("alt_titles", "lead_organisations", "partner_organisations", "funders",
                "funding_programmes", "regions", "municipalities", "target_groups", "topics",
                "goals", "activities", "outcomes", "links")
_SCALAR_FIELDS = ("description", "start_date", "end_date", "status", "scope")


def extractor_name() -> str:
    return f"kg-extract {__version__}"


def value_counts(record: dict[str, Any]) -> Counter[str]:
    """How many values the record states per field, in the scorer's field names."""
    counts: Counter[str] = Counter()
    for project in record.get("projects", []):
        counts["title"] += sum(1 for t in (project.get("title") or {}).values() if t)
        for name in _SCALAR_FIELDS:
            counts[name] += project.get(name) not in (None, "")
        for name in _LIST_FIELDS:
            counts[name] += len(project.get(name) or [])
        budget = project.get("budget") or {}
        counts["budget.total_eur"] += budget.get("total_eur") is not None
        counts["budget.shares"] += len(budget.get("shares") or [])
        counts["indicators"] += len(project.get("indicators") or [])
        for person in project.get("people") or []:
            counts["people"] += 1
            counts["people.roles"] += len(person.get("roles") or [])
            for part in ("organisation", "email", "phone"):
                counts[f"people.{part}"] += bool(person.get(part))
        for event in project.get("events") or []:
            counts["events"] += 1
            for part in ("start_time", "end_time", "place"):
                counts[f"events.{part}"] += bool(event.get(part))
    return +counts


def confidence(record: dict[str, Any], precision: dict[str, float]) -> float | None:
    """Expected share of the record's values that are right (None: no measured field)."""
    counts = {name: n for name, n in value_counts(record).items() if name in precision}
    total = sum(counts.values())
    if not total:
        return None
    return round(sum(n * precision[name] for name, n in counts.items()) / total, 3)


def read_precision(records_dir: Path | None = None) -> dict[str, float]:
    """Field -> measured precision from ``precision.tsv`` ({} when it is missing)."""
    path = (records_dir or config.MACHINE_RECORDS_DIR) / PRECISION_FILE
    if not path.is_file():
        return {}
    precision = {}
    lines = [line for line in path.read_text(encoding="utf-8").splitlines()
             if line and not line.startswith("#")]
    for line in lines[1:]:  # after the header row
        if line:
            name, value = line.split("\t")[:2]
            precision[name] = float(value)
    return precision


def machine_block(record: dict[str, Any], precision: dict[str, float] | None = None
                  ) -> dict[str, Any]:
    """The ``extraction`` block of a record the extractor made."""
    precision = read_precision() if precision is None else precision
    block: dict[str, Any] = {"method": "machine", "extractor": extractor_name()}
    measured = confidence(record, precision)
    if measured is not None:
        block["confidence"] = measured
    return block


QUOTE_CONTEXT = 40  # characters kept on each side of a value in a shipped quote
FALLBACK_QUOTE_CHARS = 160  # a quote whose value is written differently (dates, amounts)


def short_quote(quote: str, value: Any) -> str:
    """The part of ``quote`` around ``value``: the value and up to ``QUOTE_CONTEXT``
    characters (whole words) on each side, enough for the graph's prefix and suffix."""
    wanted = "" if value is None else str(value)
    at = quote.casefold().find(wanted.casefold()) if wanted else -1
    if at < 0:
        return quote[:FALLBACK_QUOTE_CHARS]
    start, end = max(0, at - QUOTE_CONTEXT), min(len(quote), at + len(wanted) + QUOTE_CONTEXT)
    if start > 0 and " " in quote[start:at]:
        start = quote.index(" ", start, at) + 1
    if end < len(quote) and " " in quote[at + len(wanted):end]:
        end = quote.rindex(" ", at + len(wanted), end)
    return quote[start:end]


def shippable(record: dict[str, Any], url: str | None, precision: dict[str, float],
              text_sha256: str | None = None) -> dict[str, Any]:
    """The record as it ships: source URL, extraction block (with the sha256 of the text
    read, so a quote stays verifiable without the text), short evidence quotes."""
    projects = [{**project, "evidence": [
        {**entry, "quote": short_quote(entry.get("quote", ""), entry.get("value"))}
        for entry in project.get("evidence", [])]} for project in record["projects"]]
    shipped = {"source": record["source"], "url": url or None,
               "language": record.get("language"), "projects": projects}
    shipped["extraction"] = machine_block(shipped, precision)
    if text_sha256:
        shipped["extraction"]["text_sha256"] = text_sha256
    return shipped


# -- kg records refresh --------------------------------------------------------------------

@dataclass
class Corpus:
    """Where the development texts, their gold records and the scorer are."""

    texts: Path
    gold: Path
    scorer: Path


@dataclass
class RefreshResult:
    written: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    failures: list[tuple[str, str]] = field(default_factory=list)
    precision: dict[str, float] = field(default_factory=dict)


def measure_precision(corpus: Corpus) -> dict[str, float]:
    """Extract the development texts and score them against the gold records: field ->
    precision (fields the extractor never filled are left out)."""

    with tempfile.TemporaryDirectory() as tmp:
        extract_files(expand_inputs((corpus.texts,)), Path(tmp))
        scores = Path(tmp) / "scores.json"
        command = [sys.executable, str(corpus.scorer), "--pred", tmp, "--gold",
                   str(corpus.gold), "--json", str(scores)]
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
        fields = json.loads(scores.read_text(encoding="utf-8"))["fields"]
    return {name: round(value["precision"], 3) for name, value in fields.items()
            if value.get("precision") is not None and name != "language"}


def write_precision(out_dir: Path, precision: dict[str, float], corpus: Corpus) -> None:
    lines = [f"# precision per field of {extractor_name()} on the gold records of "
             f"{corpus.texts.parent.name}/{corpus.texts.name} (written by kg records refresh)",
             "field\tprecision", *(f"{name}\t{value}" for name, value in precision.items())]
    (out_dir / PRECISION_FILE).write_text("\n".join(lines) + "\n", encoding="utf-8")


def read_index(texts_dir: Path) -> dict[str, str]:
    """File name -> URL from the ``index.tsv`` beside (or above) a folder of texts."""
    for index in (texts_dir / "index.tsv", texts_dir.parent / "index.tsv"):
        if index.is_file():
            rows = index.read_text(encoding="utf-8").splitlines()
            header = rows[0].split("\t")
            cells = (dict(zip(header, row.split("\t"), strict=False)) for row in rows[1:])
            return {row["file"]: row.get("url", "") for row in cells if row.get("file")}
    return {}


def curated_stems(curated_dir: Path) -> set[str]:
    """Stems of the sources (and files) that have a curated record."""
    stems: set[str] = set()
    for path in record_paths(curated_dir):
        source = json.loads(path.read_text(encoding="utf-8")).get("source") or ""
        stems |= {path.stem, Path(source).stem}
    return stems


def refresh(text_dirs: list[Path], curated_dir: Path, out_dir: Path,
            corpus: Corpus) -> RefreshResult:
    """Re-extract every text without a curated record into ``out_dir``; records of texts
    that are gone or now curated are removed."""
    result = RefreshResult(precision=measure_precision(corpus))
    out_dir.mkdir(parents=True, exist_ok=True)
    write_precision(out_dir, result.precision, corpus)
    skip = curated_stems(curated_dir)
    for texts_dir in text_dirs:
        urls = read_index(texts_dir)
        for path in document_paths(texts_dir):
            if path.stem in skip:
                continue
            skip.add(path.stem)
            try:
                text = read_document(path).text
                record = shippable(extract_text(text, path.name), urls.get(path.name),
                                   result.precision, sha256_hex(text.encode("utf-8")))
            except InputError as error:
                result.failures.append((path.name, error.reason))
                continue
            target = out_dir / f"{path.stem}.json"
            target.write_text(json.dumps(record, ensure_ascii=False, indent=2) + "\n",
                              encoding="utf-8")
            result.written.append(target.name)
    for stale in record_paths(out_dir):
        if stale.name not in result.written:
            stale.unlink()
            result.removed.append(stale.name)
    return result
