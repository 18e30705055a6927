"""The one error type every stage raises for a bad input document or record."""

from __future__ import annotations


class InputError(Exception):
    """An input (text or record) that cannot be used; the build reports it and goes on."""

    def __init__(self, name: str, reason: str) -> None:
        super().__init__(f"{name}: {reason}")
        self.name = name
        self.reason = reason
