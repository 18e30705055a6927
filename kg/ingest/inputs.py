"""What a build reads in: each input file with its hash, and each document to map with the
record and text it came from. Gathered by kg.extract.seam, recorded in the build's
metadata (kg.store.meta)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

from kg.ingest.errors import Problem


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
