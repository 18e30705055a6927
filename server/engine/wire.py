"""Framing between the server and its query worker processes (no imports beyond stdlib).

Requests (server -> worker): 4-byte big-endian length + JSON object.
Replies (worker -> server): 1-byte frame type + 4-byte big-endian length + payload.
"""

from __future__ import annotations

import json
import os
import struct

HEADER = b"H"  # JSON {"kind": "solutions"|"boolean"|"graph", "format": key}
DATA = b"D"  # serialised result bytes
END = b"Z"  # the result is complete
ERROR = b"E"  # JSON {"status": int, "message": str}

LENGTH = struct.Struct(">I")
FRAME_HEAD = struct.Struct(">cI")


def frame(kind: bytes, payload: bytes = b"") -> bytes:
    return FRAME_HEAD.pack(kind, len(payload)) + payload


def json_frame(kind: bytes, value: object) -> bytes:
    return frame(kind, json.dumps(value).encode())


def write_all(fd: int, data: bytes | bytearray | memoryview) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def read_exact(fd: int, size: int) -> bytes | None:
    """Blocking read of exactly size bytes; None at end of file."""
    chunks, missing = [], size
    while missing:
        chunk = os.read(fd, missing)
        if not chunk:
            return None
        chunks.append(chunk)
        missing -= len(chunk)
    return b"".join(chunks)


def encode_request(request: dict) -> bytes:
    payload = json.dumps(request).encode()
    return LENGTH.pack(len(payload)) + payload


def read_request(fd: int) -> dict | None:
    head = read_exact(fd, LENGTH.size)
    if head is None:
        return None
    payload = read_exact(fd, LENGTH.unpack(head)[0])
    return None if payload is None else json.loads(payload)
