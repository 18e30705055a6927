"""The one small query-engine interface the server reaches the data through (design §6).

Nothing outside this package may assume the engine is embedded. Every implementation is
the caching layer (``caching``) around an ``Executor``: the embedded pool of killable worker
processes over the pyoxigraph store on disk or in memory (``embedded``, ``memory``), or a
remote SPARQL endpoint (``remote``); ``choice`` picks one from the settings.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, Protocol

import rdflib

TABLE_FORMAT = "table"  # the format of HTML views: capped rows as JSON, rendered by the caller


class EngineError(Exception):
    """The engine failed (a worker died, the store could not be read)."""


@dataclass(frozen=True)
class Deadline:
    """The one time limit of a request: its length and when it ends (monotonic seconds)."""

    limit_s: float
    at: float

    @classmethod
    def starting(cls, limit_s: float, now: float, spent_s: float = 0.0) -> Deadline:
        """A limit of `limit_s` of which `spent_s` is already used up at `now`."""
        return cls(limit_s, now + limit_s - spent_s)

    def passed(self, now: float) -> bool:
        return now >= self.at

    def overrun(self) -> QueryTimeout:
        return QueryTimeout(self.limit_s)


class QueryTimeout(EngineError):
    """The query ran past its time limit and was stopped; the one message says which."""

    def __init__(self, limit_s: float) -> None:
        super().__init__(f"query exceeded the {limit_s:g} s limit")
        self.limit_s = limit_s


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


class StreamedResult(QueryResult, Protocol):
    """A result as an executor gives it to the caching layer."""

    on_end: Callable[[], None] | None  # run once the answer is whole or dropped

    def remember(self, keep: Callable[[bytes], None], limit: int) -> None:
        """Hand the whole body to `keep` once complete, if it is at most `limit` bytes."""


class Executor(Protocol):
    """Evaluates a query under its deadline, nothing cached: the embedded worker pool (store
    on disk or in memory) or a remote SPARQL endpoint."""

    def evaluate(self, request: QueryRequest, deadline: Deadline) -> StreamedResult: ...

    def close(self) -> None: ...


class EngineSettings(Protocol):
    """What an engine reads of the server's settings (server.settings.Settings has it all)."""

    store_root: Path
    query_timeout_s: float
    deprioritise_after_s: float
    query_workers: int
    result_cache_bytes: int
    result_cache_entry_bytes: int
    result_cache_dir: Path | None
    result_cache_disk_bytes: int
    result_cache_disk_after_s: float
    warmup_timeout_s: float
    engine: str  # "auto" | "memory" | "disk" | "remote"
    memory_max_bytes: int
    remote_query_url: str
    remote_union_parameter: str

    def worker_config(self) -> dict[str, object]: ...


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

    def dump(self, fmt: Any, quads: bool, out: BinaryIO, prefixes: dict[str, str]) -> None:
        """Write the whole graph to `out` in `fmt` (a pyoxigraph RdfFormat), streamed: the
        named graphs kept when `quads`, else their union as triples."""

    def pin_on_each_build(self, queries: list[tuple[str, str]]) -> None:
        """Compute these (name, SPARQL) answers once per served build and keep them."""

    def warmup_status(self) -> dict[str, object]:
        """How far pinning the current build's answers has come."""

    def close(self) -> None: ...
