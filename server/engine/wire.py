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


def encode_request(request: dict) -> bytes:
    payload = json.dumps(request).encode()
    return LENGTH.pack(len(payload)) + payload


class RequestReader:
    """Reads length-prefixed requests with as few system calls as possible."""

    def __init__(self, fd: int) -> None:
        self.fd, self.buffer = fd, bytearray()

    def _fill(self, size: int) -> bool:
        while len(self.buffer) < size:
            chunk = os.read(self.fd, max(65536, size - len(self.buffer)))
            if not chunk:
                return False
            self.buffer += chunk
        return True

    def next(self) -> dict | None:
        """The next request; None at end of file (the server closed the pipe)."""
        if not self._fill(LENGTH.size):
            return None
        end = LENGTH.size + LENGTH.unpack_from(self.buffer)[0]
        if not self._fill(end):
            return None
        payload = bytes(self.buffer[LENGTH.size : end])
        del self.buffer[:end]
        return json.loads(payload)
