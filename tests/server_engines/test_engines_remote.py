"""The guarantees kuhy keeps in front of a remote engine: SERVICE, updates and over-deep
queries refused before anything is sent, the time limit as an HTTP timeout, a clear 503
when the engine is down or slow, and answers from the result cache meanwhile."""

from __future__ import annotations

import re
import socket
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import requests

from server.engine.lexer import query_form
from server.engine.remote import RemoteExecutor, _Connections
from tests.conftest import SHUTDOWN_POLL_S

HANG_AT_MOST_S = 120.0  # a hanging relay gives up after this (the test is over long before)
LIMIT_S = 2.0


class Relay:
    """Between kuhy and the real remote: forwards, hangs, answers 502, or passes the answer on
    marked partial with `partial_status` as Virtuoso does at its own limits, as the test says."""

    def __init__(self, target: str) -> None:
        self.target, self.mode, self.seen, self.peers = target, "forward", [], []
        self.partial_status = 206
        self.released = threading.Event()
        relay = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"  # connections stay open between requests

            def do_POST(self) -> None:  # noqa: N802 (the http.server name)
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                relay.seen.append(body)
                relay.peers.append(self.client_address)
                if relay.mode == "hang":
                    relay.released.wait(HANG_AT_MOST_S)
                    return
                if relay.mode == "down":
                    self.send_error(502, "engine down for maintenance")
                    return
                self._forward(body)

            def _forward(self, body: bytes) -> None:
                headers = {name: self.headers[name] for name in ("Content-Type", "Accept")}
                request = urllib.request.Request(relay.target + self.path, data=body,
                                                 headers=headers)
                try:
                    with urllib.request.urlopen(request, timeout=60) as answer:
                        status, kind, data = answer.status, answer.headers["Content-Type"], \
                            answer.read()
                except urllib.error.HTTPError as error:
                    status, kind, data = error.code, "text/plain", error.read()
                if relay.mode == "partial":
                    status = relay.partial_status
                self.send_response(status)
                if relay.mode == "partial":
                    self.send_header("X-SQL-State", "S1TAT")
                    self.send_header("X-SQL-Message", "RC...: Returning incomplete results, "
                                     "query interrupted by result timeout.")
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args: object) -> None:
                """Quiet."""

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_port}"

    def close(self) -> None:
        self.released.set()
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture()
def relayed(published, running_app, settings_for, tmp_path: Path) -> Iterator[tuple[str, Relay]]:
    """kuhy in remote mode whose engine sits behind a relay the test controls."""
    relay = Relay(published.url)
    threading.Thread(target=relay.server.serve_forever, args=(SHUTDOWN_POLL_S,),
                     daemon=True).start()
    settings = settings_for("remote", tmp_path, remote_query_url=relay.url + "/query",
                            remote_union_parameter="union-default-graph",
                            query_timeout_s=LIMIT_S)
    try:
        with running_app(settings) as url:
            yield url, relay
    finally:
        relay.close()


def test_queries_share_a_kept_connection(relayed: tuple[str, Relay]) -> None:
    url, relay = relayed
    for n in range(5):  # five different queries: none is answered from the cache
        response = sparql(url, f"ASK {{ ?s{n} ?p ?o }}")
        assert response.status_code == 200 and response.json()["boolean"] is True
    assert len(relay.seen) == 5
    assert len(set(relay.peers)) == 1  # one TCP connection for all five


def sparql(url: str, query: str) -> requests.Response:
    return requests.get(url + "/sparql", params={"query": query},
                        headers={"Accept": "application/sparql-results+json"}, timeout=60)


def test_what_we_refuse_is_never_sent(relayed: tuple[str, Relay]) -> None:
    url, relay = relayed
    service = sparql(url, "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }")
    assert service.status_code == 400 and "SERVICE" in service.text
    update = requests.post(url + "/sparql", data=b"DROP ALL", timeout=60,
                           headers={"Content-Type": "application/sparql-update"})
    assert 400 <= update.status_code < 500
    deep = sparql(url, "SELECT * WHERE " + "{ " * 500)
    assert deep.status_code == 400 and "deeper than" in deep.text
    assert relay.seen == []
    count = sparql(url, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert count.status_code == 200 and int(count.json()["results"]["bindings"][0]["n"]["value"])
    assert len(relay.seen) == 1


def test_a_slow_or_failing_engine_gives_503_and_the_cache_still_answers(
        relayed: tuple[str, Relay]) -> None:
    url, relay = relayed
    known = "SELECT (COUNT(*) AS ?n) WHERE { ?s a ?type }"
    first = sparql(url, known)
    assert first.status_code == 200 and first.headers["X-Kuhy-Cache"] == "miss"
    page_query = "SELECT ?s WHERE { ?s a ?type } ORDER BY ?s LIMIT 1"
    resource = sparql(url, page_query).json()["results"]["bindings"][0]["s"]["value"]
    page_path = "/" + resource.split("/kuhy/", 1)[1]
    page = requests.get(url + page_path, timeout=60)
    assert page.status_code == 200
    relay.mode = "hang"
    started = time.monotonic()
    stopped = sparql(url, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    waited = time.monotonic() - started
    assert stopped.status_code == 503 and f"exceeded the {LIMIT_S:g} s limit" in stopped.text
    assert LIMIT_S * 0.9 <= waited < HANG_AT_MOST_S / 2
    cached = sparql(url, known)
    assert cached.status_code == 200 and cached.headers["X-Kuhy-Cache"] == "hit"
    assert cached.content == first.content
    relay.mode = "down"
    down = sparql(url, "ASK { ?s ?p 42 }")
    assert down.status_code == 503
    assert "unavailable" in down.text and "502" in down.text
    assert requests.get(url + page_path, timeout=60).text == page.text


def test_a_partial_answer_is_a_503_and_never_cached(relayed: tuple[str, Relay]) -> None:
    url, relay = relayed
    relay.mode = "partial"
    queries = {206: "SELECT ?s WHERE { ?s ?p ?o } LIMIT 3",  # Virtuoso's default status
               200: "SELECT ?o WHERE { ?s ?p ?o } LIMIT 3"}  # HTTPAnytimeStatus = 200
    for status, query in queries.items():
        relay.partial_status = status
        cut = sparql(url, query)
        assert cut.status_code == 503
        assert "incomplete answer" in cut.text and f"HTTP {status}, S1TAT" in cut.text
    relay.mode = "forward"
    for query in queries.values():
        whole = sparql(url, query)
        assert whole.status_code == 200 and whole.headers["X-Kuhy-Cache"] == "miss"
        assert len(whole.json()["results"]["bindings"]) == 3


def test_a_syntax_error_is_placed_in_the_query_as_written(relayed: tuple[str, Relay]) -> None:
    """A query with relative IRIs goes out with our BASE before it; the line and column of
    its syntax error still point into the client's text."""
    url, _ = relayed
    same_length_iris = ("<http://r>", "<relative>")  # the second is sent with a BASE
    errors = [sparql(url, f"SELECT ?x WHERE {{ BIND ({iri} AS ?x) ?x ?y }}")
              for iri in same_length_iris]
    assert [error.status_code for error in errors] == [400, 400]
    positions = [re.findall(r"\b1:\d+", error.text) for error in errors]
    assert positions[0] and positions[1] == positions[0]


def test_an_unreachable_engine_gives_503_with_the_reason(running_app, settings_for,
                                                         tmp_path: Path) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    settings = settings_for("remote", tmp_path,
                            remote_query_url=f"http://127.0.0.1:{closed_port}/query")
    with running_app(settings) as url:
        answer = sparql(url, "ASK { ?s ?p ?o }")
    assert answer.status_code == 503
    assert "the query engine is unavailable" in answer.text and "refused" in answer.text


def test_the_query_form_is_found_past_prologue_comments_and_strings() -> None:
    assert query_form('PREFIX select: <http://x/> # ASK\n CONSTRUCT { ?s ?p "SELECT" } '
                      "WHERE { ?s ?p ?o }") == "CONSTRUCT"
    assert query_form("BASE <http://x/> describe <a>") == "DESCRIBE"
    assert query_form("ask {}") == "ASK"
    assert query_form("DROP ALL") is None


class Trickle(BaseHTTPRequestHandler):
    """A remote that sends a graph one triple at a time, `LINES` of them `APART_S` apart:
    every read gets bytes soon, the whole answer takes far longer than the dump's limit."""

    LINES, APART_S = 100, 0.1

    def do_POST(self) -> None:  # noqa: N802 (the http.server name)
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.send_response(200)
        self.send_header("Content-Type", "application/n-triples")
        self.end_headers()
        try:
            for n in range(self.LINES):
                self.wfile.write(f"<http://x/s{n}> <http://x/p> <http://x/o> .\n".encode())
                self.wfile.flush()
                time.sleep(self.APART_S)
        except (BrokenPipeError, ConnectionResetError):
            pass  # kuhy gave up reading, as it should

    def log_message(self, *args: object) -> None:
        """Quiet."""


def test_a_dump_from_a_trickling_remote_ends_at_its_limit(settings_for, tmp_path: Path) -> None:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Trickle)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, args=(SHUTDOWN_POLL_S,), daemon=True).start()
    executor = RemoteExecutor(settings_for(
        "remote", tmp_path, remote_query_url=f"http://127.0.0.1:{server.server_port}/query"))
    read: list = []
    whole_answer_s = Trickle.LINES * Trickle.APART_S
    try:
        with pytest.raises(TimeoutError):
            read.extend(executor.quads(["http://x/g"], limit_s=whole_answer_s / 10))
    finally:
        executor.close()
        server.shutdown()
        server.server_close()
    assert len(read) < Trickle.LINES


def test_a_connection_given_back_after_the_engine_closed_is_closed() -> None:
    """A stream's thread can end after the app closed its engine: its connection must not
    be kept (nobody would close it)."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        connections = _Connections(f"http://127.0.0.1:{listener.getsockname()[1]}/query")
        connection, _ = connections.take(timeout_s=5.0)
        connection.connect()
        connections.close()
        connections.give_back(connection)
        assert connection.sock is None
