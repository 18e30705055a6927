"""Reading an input file whole, within the size limit, with a clear error otherwise."""

from __future__ import annotations

from pathlib import Path

from kg import config
from kg.ingest.errors import InputError


def read_limited(path: Path, max_bytes: int | None = None) -> bytes:
    """The bytes of ``path``; InputError when missing, a directory, unreadable or larger
    than ``max_bytes`` (default ``config.MAX_INPUT_BYTES``)."""
    limit = config.MAX_INPUT_BYTES if max_bytes is None else max_bytes
    try:
        size = path.stat().st_size
        if size > limit:
            raise InputError(path.name, f"file is {size} bytes, over the limit of {limit} bytes")
        return path.read_bytes()
    except IsADirectoryError as error:
        raise InputError(path.name, "is a directory, not a file") from error
    except OSError as error:
        raise InputError(path.name, f"cannot read: {error.strerror or error}") from error
