"""The one small query-engine interface the server reaches the data through (design §6).

Nothing outside this package may assume the engine is embedded. The default
implementation (``embedded``) runs every query in a pool of killable worker processes
that opened the on-disk pyoxigraph store read-only, under a time limit.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Protocol

import rdflib
from flask import Flask, current_app


class EngineError(Exception):
    """The engine failed (a worker died, the store could not be read)."""


class QueryTimeout(EngineError):
    """The query ran past its time limit and was stopped."""


class EngineBusy(EngineError):
    """No worker became free in time."""


class QueryFailed(EngineError):
    """The engine refused or could not evaluate the query; ``status`` is the HTTP status."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


class QuerySyntaxError(QueryFailed, ValueError):
    """The query text did not parse; the message carries line and column."""

    def __init__(self, message: str) -> None:
        super().__init__(400, message)


@dataclass
class QueryRequest:
    """One query to run. Formats are renderer keys (server.renderers); None = not acceptable."""

    query: str
    results_format: str | None = "json"
    graph_format: str | None = "ntriples"
    default_graphs: list[str] | None = None  # protocol dataset; None = union of all graphs
    named_graphs: list[str] | None = None
    row_limit: int | None = None  # only for the "table" format (HTML views)
    base_iri: str | None = None  # resolves relative IRIs in the query (the endpoint's IRI)
    timeout: float | None = None  # seconds; None = the configured limit
    waited_s: float = 0.0  # already spent waiting for an identical query (counts to the limit)


class QueryResult(Protocol):
    """A running or finished query: iterate for the serialised bytes, always close."""

    kind: str  # "solutions" | "boolean" | "graph"
    format: str  # renderer key
    body: bytes | None  # the whole result when it was complete before streaming began
    cached: bool  # answered from the result cache

    def __iter__(self) -> Iterator[bytes]: ...

    def close(self) -> None: ...


class QueryEngine(Protocol):
    def execute(self, request: QueryRequest) -> QueryResult:
        """Run a query under its time limit; results stream already serialised."""

    def select(self, query: str, timeout: float | None = None) -> list[dict[str, rdflib.term.Node]]:
        """Rows of a SELECT as {variable: rdflib term}; unbound variables are absent."""

    def ask(self, query: str, timeout: float | None = None) -> bool: ...

    def construct(self, query: str, timeout: float | None = None) -> rdflib.Dataset:
        """CONSTRUCT/DESCRIBE result as rdflib triples (in the default graph)."""

    def named_graphs(self) -> list[str]:
        """IRIs of the named graphs in the store."""

    def pin_on_each_build(self, queries: list[tuple[str, str]]) -> None:
        """Compute these (name, SPARQL) answers once per served build and keep them."""

    def warmup_status(self) -> dict[str, object]:
        """How far pinning the current build's answers has come."""

    def close(self) -> None: ...


def init_engine(app: Flask) -> None:
    from kg.queries import load_queries
    from server.engine.embedded import EmbeddedEngine

    settings = app.config["KUHY"]
    engine = EmbeddedEngine(settings)
    if settings.warmup:
        engine.pin_on_each_build([(query.name, query.sparql) for query in load_queries()])
    app.extensions["kuhy.engine"] = engine


def get_engine() -> QueryEngine:
    return current_app.extensions["kuhy.engine"]
