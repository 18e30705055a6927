"""The one small query-engine interface the server reaches the data through (design §6).

Nothing outside this package may assume the engine is embedded. The default
implementation runs queries on the on-disk pyoxigraph store; the pooled,
killable execution under a time limit lives behind the same methods.
"""

from __future__ import annotations

from typing import Protocol

import rdflib
from flask import Flask, current_app


class QueryTimeout(Exception):
    """The query ran past its time limit and was stopped."""


class QuerySyntaxError(ValueError):
    """The query text did not parse; the message carries line and column."""


class QueryEngine(Protocol):
    def select(self, query: str, timeout: float | None = None) -> list[dict[str, rdflib.term.Node]]:
        """Rows of a SELECT as {variable: rdflib term}; unbound variables are absent."""

    def ask(self, query: str, timeout: float | None = None) -> bool: ...

    def construct(self, query: str, timeout: float | None = None) -> rdflib.Dataset:
        """CONSTRUCT/DESCRIBE result as rdflib triples (in the default graph)."""

    def close(self) -> None: ...


def init_engine(app: Flask) -> None:
    from server.engine.embedded import EmbeddedEngine

    app.extensions["kuhy.engine"] = EmbeddedEngine(app.config["KUHY"])


def get_engine() -> QueryEngine:
    return current_app.extensions["kuhy.engine"]
