"""Everything that reaches the pipeline's seam: curated records, and texts without one
(extracted here), gathered for a build.

Each bad input becomes a :class:`Problem` naming the file and the reason; the
rest go on. Used by ``kg build`` and ``kg validate`` alike.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import kg.extract
from kg import __version__, config
from kg.ingest.errors import InputError
from kg.ingest.records import check_record, parse_record, read_limited, record_paths


@dataclass(frozen=True)
class Problem:
    """An input, or a part of one, that was left out of the build, and why."""

    source: str
    focus: str | None
    message: str

    def __str__(self) -> str:
        focus = f" [{self.focus}]" if self.focus else ""
        return f"{self.source}{focus}: {self.message}"


@dataclass(frozen=True)
class SourceFile:
    """An input file: name relative to its input kind, sha256, and what it fed.

    ``record_source`` is the ``source`` of the record read from it (its document
    graph follows from that); ``graph`` names a graph directly (``--add`` files).
    """

    name: str
    sha256: str
    record_source: str | None = None
    graph: str | None = None


@dataclass
class DocumentInput:
    """One document to map: its record and, when available, the text it was read from."""

    name: str
    record: dict[str, Any]
    text: str | None = None
    text_sha256: str | None = None
    extraction_version: str = "curated"


@dataclass
class Inputs:
    documents: list[DocumentInput] = field(default_factory=list)
    sources: list[SourceFile] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def evidence_text(data: bytes) -> str:
    """The text as evidence offsets count it: decoded and normalised like extraction does."""
    from kg.extract.normalise import normalise_text

    return normalise_text(data.decode("utf-8", "replace"))


def gather(records_dir: Path | None, texts_dir: Path | None, max_bytes: int | None,
           registers_dir: Path | None = None, all_register_rows: bool = False) -> Inputs:
    """Read and check every record, text and register row; bad ones become problems.

    Register rows (``kg.extract.registers``) enter when their relevance reaches the
    threshold, or all of them with ``all_register_rows``."""
    inputs = Inputs()
    if registers_dir:
        from kg.extract.registers import gather_registers

        gather_registers(registers_dir, max_bytes, all_register_rows, inputs)
    covered: set[str] = set()
    for path in record_paths(records_dir) if records_dir else []:
        try:
            data = read_limited(path, max_bytes)
            record = parse_record(data, path.name)
        except InputError as error:
            inputs.problems.append(Problem(error.name, None, error.reason))
            continue
        stem = Path(record["source"]).stem
        if stem in covered:
            inputs.problems.append(Problem(path.name, None, f"a record for source "
                                           f"{record['source']!r} was already read"))
            continue
        covered.update({stem, path.stem})
        document = DocumentInput(path.name, record)
        _attach_text(document, path, texts_dir, max_bytes, inputs)
        inputs.documents.append(document)
        inputs.sources.append(SourceFile(f"records/{path.name}", sha256_hex(data),
                                         record["source"]))
    if texts_dir:
        _extract_texts(texts_dir, covered, max_bytes, inputs)
    return inputs


def text_path(record_source: str, record_path: Path, texts_dir: Path | None) -> Path | None:
    """The text a curated record was read from: its ``source`` file, or a ``.txt`` of the
    same stem, in ``texts_dir`` and then in the project's ``data/texts``; None when absent."""
    names = [record_source, Path(record_source).stem + ".txt", record_path.stem + ".txt"]
    directories = [Path(d) for d in (texts_dir, config.TEXTS_DIR) if d is not None]
    for directory in dict.fromkeys(directories):
        for name in names:
            if (directory / name).is_file():
                return directory / name
    return None


def _attach_text(document: DocumentInput, record_path: Path, texts_dir: Path | None,
                 max_bytes: int | None, inputs: Inputs) -> None:
    """The curated record's source text, for evidence context and the document's sha256."""
    path = text_path(document.record["source"], record_path, texts_dir)
    if path is None:
        return
    try:
        data = read_limited(path, max_bytes)
        document.text = evidence_text(data)
    except InputError as error:
        inputs.notices.append(f"{path.name}: text not used ({error})")
        return
    document.text_sha256 = sha256_hex(data)


def _extract_texts(texts_dir: Path, covered: set[str], max_bytes: int | None,
                   inputs: Inputs) -> None:
    pending = [path for path in sorted(Path(texts_dir).glob("*.txt")) if path.stem not in covered]
    extract_path = getattr(kg.extract, "extract_path", None)
    if extract_path is None:  # until the extraction stage exists
        if pending:
            inputs.notices.append(f"{len(pending)} text(s) without a curated record skipped: "
                                  "kg.extract.extract_path is not available")
        return
    for path in pending:
        try:
            data = read_limited(path, max_bytes)
            record = extract_path(path)
            check_record(record, path.name)
        except InputError as error:
            inputs.problems.append(Problem(error.name, None, error.reason))
            continue
        inputs.documents.append(DocumentInput(path.name, record, evidence_text(data),
                                              sha256_hex(data), f"kg-extract {__version__}"))
        inputs.sources.append(SourceFile(f"texts/{path.name}", sha256_hex(data),
                                         record["source"]))
