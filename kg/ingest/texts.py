"""Read one input text file: size limit, empty and binary files refused, encoding fallback."""

from __future__ import annotations

import codecs
from pathlib import Path

from kg.ingest.errors import InputError
from kg.ingest.files import read_limited

# Bytes that never occur in real text; a few of them mean the file is binary.
_CONTROL_BYTES = bytes(range(0, 9)) + bytes(range(14, 32))


_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def decode_text(data: bytes, name: str) -> str:
    """UTF-16 with a BOM; UTF-8 (with or without BOM), else cp1252/Latin-1; InputError for
    binary or empty data."""
    if data.startswith(_UTF16_BOMS):
        data = _utf16_as_utf8(data, name)
    if not data.strip():
        raise InputError(name, "empty file")
    if b"\x00" in data:
        raise InputError(name, "binary file (contains NUL bytes)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = _decode_legacy(data, name)
    if _looks_binary(text):
        raise InputError(name, "binary file (too many control characters)")
    if not text.strip():
        raise InputError(name, "empty file")
    return text


def _utf16_as_utf8(data: bytes, name: str) -> bytes:
    """A UTF-16 text (BOM first) re-encoded as UTF-8, so the checks below apply alike."""
    try:
        return data.decode("utf-16").encode("utf-8")
    except UnicodeDecodeError as error:
        raise InputError(name, f"undecodable UTF-16: {error.reason}") from error


def _decode_legacy(data: bytes, name: str) -> str:
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        pass
    text = data.decode("latin-1")
    # C1 control characters mean this is not Latin-1 text either.
    if sum(0x80 <= ord(char) < 0xA0 for char in text) > len(text) // 100:
        raise InputError(name, "undecodable: neither UTF-8 nor Latin-1/cp1252 text")
    return text


def _looks_binary(text: str) -> bool:
    sample = text[:4096]
    controls = sum(char in _CONTROL_CHARS for char in sample)
    return controls > max(2, len(sample) // 50)


_CONTROL_CHARS = frozenset(_CONTROL_BYTES.decode("latin-1"))


def read_text_file(path: Path, max_bytes: int | None = None) -> str:
    """The decoded text of ``path``; InputError naming the file and the reason otherwise."""
    return decode_text(read_limited(path, max_bytes), path.name)
