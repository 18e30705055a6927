"""How kuhy passes on a remote engine's answers: syntax errors as 400 with their position,
relative IRIs against kuhy's own endpoint, large answers streamed, and an answer that keeps
arriving cut at the time limit (the remote pass, ``--engine remote``, runs the protocol and
page tests this way too)."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import psutil
import pytest
import requests

from server.engine.lexer import has_relative_iri
from tests.conftest import SHUTDOWN_POLL_S
from tests.server_engines.conftest import PUBLIC_URL

LIMIT_S = 1.0
TRICKLE_AT_MOST_S = 120.0  # a trickling remote gives up after this (the test is over long before)


def sparql(url: str, query: str, accept: str = "application/sparql-results+json",
           **options: object) -> requests.Response:
    return requests.get(url + "/sparql", params={"query": query}, headers={"Accept": accept},
                        timeout=60, **options)


@pytest.fixture()
def limited(published, running_app, settings_for, tmp_path: Path) -> Iterator[str]:
    """kuhy in remote mode with a short time limit, in front of the session's build."""
    settings = settings_for("remote", tmp_path, remote_query_url=published.query_url,
                            remote_union_parameter="union-default-graph",
                            query_timeout_s=LIMIT_S)
    with running_app(settings) as url:
        yield url


def test_a_syntax_error_is_400_with_its_position(limited: str) -> None:
    answer = sparql(limited, "SELECT * WHERE {\n ?s ?p }")
    assert answer.status_code == 400
    assert "2:" in answer.text and "error" in answer.text.lower()


def test_relative_iris_resolve_against_kuhys_endpoint(limited: str) -> None:
    query = "SELECT ?x ?y WHERE { BIND(<other#thing> AS ?x) BIND(<https://e.org/a> AS ?y) }"
    row = sparql(limited, query).json()["results"]["bindings"][0]
    assert (row["x"]["value"], row["y"]["value"]) == (PUBLIC_URL + "other#thing",
                                                      "https://e.org/a")


@pytest.mark.parametrize(("query", "relative"), [
    ("SELECT * { <a> ?p ?o }", True),
    ("BASE <http://e.org/> SELECT * { <#a> ?p ?o }", True),
    ("SELECT * { <urn:x:a> ?p <http://e.org/b> }", False),
    ('SELECT * { ?s ?p "<a>" } # <b>', False),
    ("SELECT * { ?s ?p ?o FILTER(?o < 3 && ?o > 1) }", False),
])
def test_relative_iris_are_found_outside_strings_and_comments(query: str, relative: bool) -> None:
    assert has_relative_iri(query) is relative


def test_a_large_answer_streams_and_ends_at_the_limit(limited: str) -> None:
    """The cartesian product of the graph with itself, thrice: far more than can be sent in
    the limit. It streams (chunked) from the first chunk on, and the stream is cut at the
    limit, without its closing chunk, so the cut cannot pass for a whole answer."""
    query = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    with sparql(limited, query, "text/tab-separated-values", stream=True) as response:
        assert response.status_code == 200
        assert response.headers.get("Transfer-Encoding") == "chunked"
        with pytest.raises(requests.exceptions.ChunkedEncodingError):
            for _chunk in response.iter_content(1 << 16):
                pass
    assert sparql(limited, "ASK { ?s ?p ?o }").json()["boolean"] is True  # still serving


def _connections_to(port: int) -> int:
    """This process's open TCP connections to `port` (the apps run in it, in threads)."""
    return sum(1 for connection in psutil.Process().net_connections("tcp")
               if connection.raddr and connection.raddr.port == port
               and connection.status == psutil.CONN_ESTABLISHED)


def test_a_client_that_stops_reading_is_cut_at_the_limit_and_frees_the_remote(
        limited: str, published) -> None:
    """The limit holds while the client reads nothing: kuhy stops reading the remote's
    answer and closes that connection, and the stream ends without its closing chunk."""
    port = urlsplit(published.url).port
    before = _connections_to(port)  # idle connections other apps of the session keep
    query = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    with sparql(limited, query, "text/tab-separated-values", stream=True) as response:
        chunks = response.iter_content(1 << 16)
        assert next(chunks).startswith(b"?a\t?b\t?c")
        # one connection carries the answer; on a busy machine the limit may already have
        # passed and let it go by the time it is counted
        assert _connections_to(port) <= before + 1
        give_up = time.monotonic() + TRICKLE_AT_MOST_S  # only catches a hang
        while _connections_to(port) > before:
            assert time.monotonic() < give_up, "the remote's answer was never let go"
            time.sleep(SHUTDOWN_POLL_S)
        with pytest.raises(requests.exceptions.ChunkedEncodingError):
            for _chunk in chunks:
                pass


def test_each_start_of_a_remote_app_without_a_local_store_serves_a_build_of_its_own(
        published, running_app, settings_for, tmp_path: Path) -> None:
    """What is kept on disk per build beside the store root (dumps, search index) is never
    taken over from another start, which may have served other data: the empty store root
    is not a build, and each start serves a build of its own."""
    settings = settings_for("remote", tmp_path, remote_query_url=published.query_url,
                            remote_union_parameter="union-default-graph")
    builds = []
    for _start in range(2):
        with running_app(settings) as url:
            builds.append(requests.get(url + "/health", timeout=60).json()["build"])
    assert builds[0] != builds[1] and tmp_path.name not in builds


class Quiet(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # connections stay open between requests

    def log_message(self, *args: object) -> None:
        """Quiet."""


class Endpoint:
    """A hand-made SPARQL endpoint on a free local port, answering with `handler`."""

    def __init__(self, handler: type[BaseHTTPRequestHandler]) -> None:
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        threading.Thread(target=self.server.serve_forever, args=(SHUTDOWN_POLL_S,),
                         daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


class Trickle(Endpoint):
    """Starts an answer and sends one more row at a time, forever (until released): a
    socket timeout alone never ends reading it."""

    def __init__(self) -> None:
        self.released = threading.Event()
        trickle = self

        class Handler(Quiet):
            def do_POST(self) -> None:  # noqa: N802 (the http.server name)
                self.rfile.read(int(self.headers.get("Content-Length", 0)))
                self.send_response(200)
                self.send_header("Content-Type", "application/sparql-results+json")
                self.end_headers()
                self.wfile.write(b'{"head":{"vars":["n"]},"results":{"bindings":[')
                row = b'{"n":{"type":"literal","value":"1"}},'
                while not trickle.released.wait(SHUTDOWN_POLL_S):
                    self.wfile.write(row)
                    self.wfile.flush()

        super().__init__(Handler)
        self._give_up = threading.Timer(TRICKLE_AT_MOST_S, self.released.set)
        self._give_up.start()

    def close(self) -> None:
        self._give_up.cancel()
        self.released.set()
        super().close()


def test_an_answer_that_keeps_trickling_in_gives_503_at_the_limit(
        running_app, settings_for, tmp_path: Path) -> None:
    trickle = Trickle()
    settings = settings_for("remote", tmp_path, remote_query_url=trickle.url + "/query",
                            query_timeout_s=LIMIT_S)
    try:
        with running_app(settings) as url:
            answer = sparql(url, "SELECT ?n WHERE { ?s ?p ?n }")
    finally:
        trickle.close()
    assert answer.status_code == 503 and f"exceeded the {LIMIT_S:g} s limit" in answer.text


class Forgetful(Endpoint):
    """Answers ASK and then closes the connection without saying so, so that every
    connection kuhy keeps from it is stale; the first two queries are held until both have
    arrived (two connections kept at once)."""

    def __init__(self) -> None:
        together = threading.Barrier(2)
        self.answered = 0
        forgetful = self

        class Handler(Quiet):
            def do_POST(self) -> None:  # noqa: N802 (the http.server name)
                self.rfile.read(int(self.headers.get("Content-Length", 0)))
                if forgetful.answered < 2:
                    together.wait(TRICKLE_AT_MOST_S)
                forgetful.answered += 1
                body = b'{"head":{},"boolean":true}'
                self.send_response(200)
                self.send_header("Content-Type", "application/sparql-results+json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
                self.close_connection = True

        super().__init__(Handler)


def test_a_stale_kept_connection_is_replaced_by_a_new_one(running_app, settings_for,
                                                          tmp_path: Path) -> None:
    forgetful = Forgetful()
    settings = settings_for("remote", tmp_path, remote_query_url=forgetful.url + "/query")
    try:
        with running_app(settings) as url:
            answers: list[requests.Response] = []
            both = [threading.Thread(target=lambda n=n: answers.append(
                sparql(url, f"ASK {{ ?s ?p {n} }}"))) for n in (1, 2)]
            for thread in both:
                thread.start()
            for thread in both:
                thread.join()
            answers.append(sparql(url, "ASK { ?s ?p 3 }"))  # two stale connections kept
    finally:
        forgetful.close()
    assert [answer.status_code for answer in answers] == [200, 200, 200], answers[-1].text
