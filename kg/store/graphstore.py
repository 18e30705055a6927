"""Publish the served build to a remote engine through the SPARQL 1.1 Graph Store HTTP Protocol.

Every named graph of the build is sent with one ``PUT`` (so publishing again replaces a graph
rather than adding to it), streamed as N-Triples in chunks, never held whole in memory.
Graphs under ``{base}graph/`` that the remote holds and the build no longer has are deleted;
graphs outside that prefix are never touched. Progress is kept in a small state file per
target, so a run that fails part-way resumes with the graphs not yet sent. Afterwards the
triple count of every graph is compared with the remote's.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

import pyoxigraph as ox

from kg import config
from kg.store.export import open_store
from kg.store.layout import current_store_path

CHUNK_TRIPLES = 20_000
COUNT_QUERY = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
# Credentials come from the environment only, never from the command line.
USER_ENV, PASSWORD_ENV, TOKEN_ENV = ("KUHY_PUBLISH_USER", "KUHY_PUBLISH_PASSWORD",
                                     "KUHY_PUBLISH_TOKEN")


class PublishError(RuntimeError):
    """A request the remote refused or could not answer; names the graph and the reason."""


def http_url(url: str) -> str:
    """``url`` if it is an http(s) URL with a host, else ``ValueError``."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"not an http(s) URL: {url!r}")
    return url


def auth_header(environ: dict[str, str] | os._Environ[str] = os.environ) -> dict[str, str]:
    """An Authorization header from ``KUHY_PUBLISH_TOKEN`` or ``…_USER``/``…_PASSWORD``."""
    if token := environ.get(TOKEN_ENV):
        return {"Authorization": f"Bearer {token}"}
    if user := environ.get(USER_ENV):
        pair = f"{user}:{environ.get(PASSWORD_ENV, '')}".encode()
        return {"Authorization": "Basic " + base64.b64encode(pair).decode("ascii")}
    return {}


@dataclass
class GraphStoreClient:
    """The remote: a Graph Store Protocol URL and a SPARQL query URL."""

    store_url: str
    query_url: str
    headers: dict[str, str] = field(default_factory=auth_header)
    timeout_s: float = 300.0

    def __post_init__(self) -> None:
        http_url(self.store_url)
        http_url(self.query_url)

    def put(self, graph: str, body: Iterable[bytes]) -> None:
        self._send("PUT", graph, body, {"Content-Type": "application/n-triples"})

    def delete(self, graph: str) -> None:
        self._send("DELETE", graph, None, {})

    def graph_counts(self) -> dict[str, int]:
        data = urllib.parse.urlencode({"query": COUNT_QUERY}).encode()
        headers = {**self.headers, "Accept": "application/sparql-results+json",
                   "Content-Type": "application/x-www-form-urlencoded"}
        request = urllib.request.Request(self.query_url, data=data, headers=headers)
        answer = json.loads(self._open(request, "counting the remote graphs"))
        return {row["g"]["value"]: int(row["n"]["value"])
                for row in answer["results"]["bindings"] if row["g"]["type"] == "uri"}

    def _send(self, method: str, graph: str, body: Iterable[bytes] | None,
              headers: dict[str, str]) -> None:
        url = f"{self.store_url}?{urllib.parse.urlencode({'graph': graph})}"
        request = urllib.request.Request(url, data=body, method=method,
                                         headers={**self.headers, **headers})
        self._open(request, f"{method} {graph}")

    def _open(self, request: urllib.request.Request, what: str) -> bytes:
        try:
            with urllib.request.urlopen(request, timeout=self.timeout_s) as response:
                return response.read()
        except urllib.error.HTTPError as error:
            if request.method == "DELETE" and error.code == 404:
                return b""
            reason = error.read(500).decode("utf-8", "replace").strip()
            raise PublishError(f"{what}: HTTP {error.code} {reason}") from error
        except (urllib.error.URLError, OSError) as error:
            raise PublishError(f"{what}: {getattr(error, 'reason', error)}") from error


@dataclass
class PublishReport:
    build: str
    sent: list[str] = field(default_factory=list)
    resumed: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    # graph -> (triples in the build, triples the remote holds)
    differences: dict[str, tuple[int, int]] = field(default_factory=dict)


def ntriples_chunks(store: ox.Store, graph: ox.NamedNode) -> Iterator[bytes]:
    """The graph's triples as N-Triples, ``CHUNK_TRIPLES`` at a time."""
    triples = (quad.triple for quad in store.quads_for_pattern(None, None, None, graph))
    while chunk := list(islice(triples, CHUNK_TRIPLES)):
        yield ox.serialize(chunk, format=ox.RdfFormat.N_TRIPLES)


def publish_build(store_root: Path, client: GraphStoreClient,
                  progress: Callable[[str], None] = lambda line: None) -> PublishReport:
    """Send every named graph of the served build to ``client`` (see the module text)."""
    store = open_store(store_root)
    report = PublishReport(build=current_store_path(store_root).name)
    state = _State(Path(store_root) / "publish" / _target_key(client), report.build)
    ours = config.graph_uri("")
    counts: dict[str, int] = {}
    for graph in sorted(store.named_graphs(), key=lambda node: node.value):
        counts[graph.value] = sum(1 for _ in store.quads_for_pattern(None, None, None, graph))
        if graph.value in state.done:
            report.resumed.append(graph.value)
            continue
        client.put(graph.value, ntriples_chunks(store, graph))
        state.mark(graph.value)
        report.sent.append(graph.value)
        progress(f"sent {graph.value} ({counts[graph.value]} triples)")
    for graph in sorted(set(client.graph_counts()) - set(counts)):
        if graph.startswith(ours):
            client.delete(graph)
            report.deleted.append(graph)
            progress(f"deleted {graph} (not in this build)")
    remote = client.graph_counts()
    report.differences = {graph: (count, remote.get(graph, 0))
                          for graph, count in counts.items() if remote.get(graph, 0) != count}
    state.finish()
    return report


def _target_key(client: GraphStoreClient) -> str:
    return hashlib.sha256(client.store_url.encode()).hexdigest()[:16] + ".json"


class _State:
    """Graphs of this build already sent to one target; a finished run starts afresh."""

    def __init__(self, path: Path, build: str) -> None:
        self.path, self.build = path, build
        saved = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
        resumable = saved.get("build") == build and not saved.get("finished")
        self.done: set[str] = set(saved.get("done", [])) if resumable else set()

    def mark(self, graph: str) -> None:
        self.done.add(graph)
        self._write(finished=False)

    def finish(self) -> None:
        self._write(finished=True)

    def _write(self, finished: bool) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_suffix(".tmp")
        temporary.write_text(json.dumps({"build": self.build, "finished": finished,
                                         "done": sorted(self.done)}), encoding="utf-8")
        os.replace(temporary, self.path)
