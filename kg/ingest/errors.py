"""The one error type every stage raises for a bad input document or record, and the one
record of what a build or import left out."""

from __future__ import annotations

from dataclasses import dataclass


class InputError(Exception):
    """An input (text or record) that cannot be used; the build reports it and goes on."""

    def __init__(self, name: str, reason: str) -> None:
        super().__init__(f"{name}: {reason}")
        self.name = name
        self.reason = reason


@dataclass(frozen=True)
class Problem:
    """An input, or a part of one (``focus``: a row, a field, a node), that was left out of
    the build or import, and why."""

    source: str
    focus: str | None
    message: str

    @classmethod
    def in_row(cls, source: str, row: int, message: str) -> Problem:
        return cls(source, f"row {row}", message)

    def __str__(self) -> str:
        focus = f" [{self.focus}]" if self.focus else ""
        return f"{self.source}{focus}: {self.message}"
