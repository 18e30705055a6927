"""Everything that reaches the pipeline's seam: curated records, and texts without one
(extracted here), gathered for a build.

Each bad input becomes a :class:`Problem` naming the file and the reason; the
rest go on. Used by ``kg build`` and ``kg validate`` alike.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import kg.extract
from kg import config
from kg.extract.machine import machine_block, read_precision
from kg.extract.normalise import normalise_text
from kg.extract.registers import gather_registers
from kg.ingest.errors import InputError, Problem
from kg.ingest.formats import READERS, DocumentText, document_paths, read_document
from kg.ingest.inputs import DocumentInput, Inputs, SourceFile, sha256_hex
from kg.ingest.keys import source_key
from kg.ingest.records import check_record, read_limited, read_record, record_paths


class Keys:
    """Which input took each source key: two inputs whose names normalise to one key
    (``Report 1.txt``, ``report-1.txt``, ``REPORT_1.json``) would share one document
    graph, so the first (records before texts, each in name order) keeps the key and
    the others are reported and left out (docs/decisions/2026-12-02-source-key-collisions.md).
    """

    def __init__(self) -> None:
        self.taken: dict[str, str] = {}  # key -> the input that took it

    def claim(self, name: str, source: str) -> str | None:
        """None when ``name`` may use its key; else the reason it may not."""
        key = source_key(source)
        holder = self.taken.get(key)
        if holder is None:
            self.taken[key] = name
            return None
        return (f"source {source!r} has the key {key!r} of {holder}, already read; "
                "left out (rename one of them)")


RecordDirs = Path | Sequence[Path] | None


def record_dirs(records: RecordDirs) -> list[Path]:
    if records is None:
        return []
    return [Path(records)] if isinstance(records, str | Path) else [Path(d) for d in records]


def gather(records: RecordDirs, texts_dir: Path | None, max_bytes: int | None,
           registers_dir: Path | None = None, all_register_rows: bool = False) -> Inputs:
    """Read and check every record, text and register row; bad ones become problems.

    Register rows (``kg.extract.registers``) enter when their relevance reaches the
    threshold, or all of them with ``all_register_rows``.

    ``records`` is one folder of records or several in order of precedence: a record for a
    source that an earlier folder already gave (curated before machine-extracted) is
    passed over with a notice; within one folder a second record for a source is a problem.
    """
    inputs = Inputs()
    if registers_dir:

        gather_registers(registers_dir, max_bytes, all_register_rows, inputs)
    covered: set[str] = set()
    keys = Keys()
    for records_dir in record_dirs(records):
        earlier = set(covered)
        for path in record_paths(records_dir):
            _read_record(path, earlier, covered, keys, texts_dir, max_bytes, inputs)
    if texts_dir:
        _extract_texts(texts_dir, covered, keys, max_bytes, inputs)
    return inputs


def _read_record(path: Path, earlier: set[str], covered: set[str], keys: Keys,
                 texts_dir: Path | None, max_bytes: int | None, inputs: Inputs) -> None:
    try:
        data = read_limited(path, max_bytes)
        record, notes = read_record(data, path.name)
    except InputError as error:
        inputs.problems.append(Problem(error.name, None, error.reason))
        return
    stem = Path(record["source"]).stem
    if stem in earlier:
        inputs.notices.append(f"{path.parent.name}/{path.name}: passed over, a record for "
                              f"source {record['source']!r} came from an earlier folder")
        return
    if stem in covered:
        inputs.problems.append(Problem(path.name, None, f"a record for source "
                                       f"{record['source']!r} was already read"))
        return
    clash = keys.claim(path.name, record["source"])
    if clash is not None:
        inputs.problems.append(Problem(path.name, None, clash))
        return
    covered.update({stem, path.stem})
    inputs.problems += [Problem(path.name, None, note) for note in notes]
    machine = machine_extractor(record)
    document = DocumentInput(path.name, record, extraction_version=machine or "curated")
    _attach_text(document, path, texts_dir, max_bytes, inputs)
    inputs.documents.append(document)
    inputs.sources.append(SourceFile(f"records/{path.name}", sha256_hex(data),
                                     record["source"]))


def machine_extractor(record: dict[str, Any]) -> str | None:
    """The extractor named by a machine-extracted record's ``extraction`` block, else None."""
    extraction = record.get("extraction") or {}
    return extraction.get("extractor") if extraction.get("method") == "machine" else None


def text_path(record_source: str, record_path: Path, texts_dir: Path | None) -> Path | None:
    """The document a curated record was read from: its ``source`` file, or a readable
    document of the same stem, in ``texts_dir`` and then in the project's ``data/texts``;
    None when absent."""
    stems = dict.fromkeys([Path(record_source).stem, record_path.stem])
    names = [record_source, *(stem + suffix for stem in stems for suffix in READERS)]
    directories = [Path(d) for d in (texts_dir, config.TEXTS_DIR) if d is not None]
    for directory in dict.fromkeys(directories):
        for name in names:
            if (directory / name).is_file():
                return directory / name
    return None


def read_evidence_text(path: Path, max_bytes: int | None) -> tuple[DocumentText, str]:
    """The document's text as read (kg.ingest.formats) and as evidence offsets count it
    (normalised like extraction does)."""

    document = read_document(path, max_bytes)
    return document, normalise_text(document.text)


def _attach_text(document: DocumentInput, record_path: Path, texts_dir: Path | None,
                 max_bytes: int | None, inputs: Inputs) -> None:
    """The curated record's source text, for evidence context and the document's sha256."""
    path = text_path(document.record["source"], record_path, texts_dir)
    if path is None:
        return
    try:
        read, document.text = read_evidence_text(path, max_bytes)
    except InputError as error:
        inputs.notices.append(f"{path.name}: text not used ({error})")
        return
    document.text_sha256 = sha256_hex(read.text.encode("utf-8"))


def _extract_texts(texts_dir: Path, covered: set[str], keys: Keys, max_bytes: int | None,
                   inputs: Inputs) -> None:

    precision = read_precision()
    extracted: set[str] = set()
    for path in document_paths(texts_dir):
        if path.stem in extracted:
            inputs.problems.append(Problem(path.name, None, f"a document named {path.stem}.* "
                                           "was already read; left out"))
            continue
        if path.stem in covered:
            continue
        extracted.add(path.stem)
        clash = keys.claim(path.name, path.name)
        if clash is not None:
            inputs.problems.append(Problem(path.name, None, clash))
            continue
        try:
            read, text = read_evidence_text(path, max_bytes)
            record = kg.extract.extract_text(read.text, path.name)
            record["extraction"] = machine_block(record, precision)
            notes = check_record(record, path.name)
        except InputError as error:
            inputs.problems.append(Problem(error.name, None, error.reason))
            continue
        except Exception as error:  # one text the extractor cannot handle is one problem
            inputs.problems.append(Problem(path.name, None, f"cannot extract: {error!r}"))
            continue
        inputs.problems += [Problem(path.name, None, note) for note in notes]
        inputs.notices += [f"{path.name}: {note}" for note in read.notes]
        inputs.documents.append(DocumentInput(path.name, record, text,
                                              sha256_hex(read.text.encode("utf-8")),
                                              record["extraction"]["extractor"]))
        inputs.sources.append(SourceFile(f"texts/{path.name}", read.file_sha256,
                                         record["source"]))
