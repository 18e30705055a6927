"""kg publish: every named graph of the build to a real Oxigraph server through the Graph
Store Protocol; publishing again replaces; stale graphs of ours go; a failed run resumes."""

from __future__ import annotations

import shutil
import urllib.parse
import urllib.request
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from kg import config
from kg.cli import main
from kg.store.graphstore import GraphStoreClient, PublishError, auth_header, publish_build
from kg.store.layout import current_store_path


def build_counts(store_root: Path) -> dict[str, int]:
    store = ox.Store.read_only(str(current_store_path(store_root)))
    return {graph.value: sum(1 for _ in store.quads_for_pattern(None, None, None, graph))
            for graph in store.named_graphs()}


@pytest.fixture()
def store_root(built_store: Path, tmp_path: Path) -> Path:
    """A copy of the session's store, so the publish state file stays in this test."""
    root = tmp_path / "store"
    shutil.copytree(built_store, root, symlinks=True)
    return root


def put_graph(server, graph: str, ntriples: bytes) -> None:
    url = f"{server.store_url}?{urllib.parse.urlencode({'graph': graph})}"
    request = urllib.request.Request(url, data=ntriples, method="PUT",
                                     headers={"Content-Type": "application/n-triples"})
    urllib.request.urlopen(request, timeout=30).close()


def test_every_graph_arrives_and_publishing_again_replaces(store_root: Path,
                                                           oxigraph_server) -> None:
    client = GraphStoreClient(oxigraph_server.store_url, oxigraph_server.query_url)
    first = publish_build(store_root, client)
    expected = build_counts(store_root)
    assert sorted(first.sent) == sorted(expected) and first.differences == {}
    assert client.graph_counts() == expected
    again = publish_build(store_root, client)
    assert sorted(again.sent) == sorted(expected) and again.resumed == []
    assert client.graph_counts() == expected


def test_stale_graphs_of_ours_are_deleted_and_others_kept(store_root: Path,
                                                          oxigraph_server) -> None:
    stale, foreign = config.graph_uri("doc", "no-longer-built"), "http://example.org/theirs"
    triple = b"<http://example.org/s> <http://example.org/p> \"o\" .\n"
    put_graph(oxigraph_server, stale, triple)
    put_graph(oxigraph_server, foreign, triple)
    client = GraphStoreClient(oxigraph_server.store_url, oxigraph_server.query_url)
    report = publish_build(store_root, client)
    assert report.deleted == [stale]
    remote = client.graph_counts()
    assert stale not in remote and remote[foreign] == 1


class FailingAfter(GraphStoreClient):
    """The real client, whose connection 'drops' after ``allowed`` PUTs."""

    allowed = 3

    def put(self, graph: str, body: Iterable[bytes]) -> None:
        if self.allowed == 0:
            raise PublishError(f"PUT {graph}: connection reset")
        self.allowed -= 1
        super().put(graph, body)


def test_a_run_that_fails_part_way_resumes_with_the_graphs_not_yet_sent(
        store_root: Path, oxigraph_server) -> None:
    failing = FailingAfter(oxigraph_server.store_url, oxigraph_server.query_url)
    with pytest.raises(PublishError, match="connection reset"):
        publish_build(store_root, failing)
    client = GraphStoreClient(oxigraph_server.store_url, oxigraph_server.query_url)
    resumed = publish_build(store_root, client)
    expected = build_counts(store_root)
    assert len(resumed.resumed) == 3 and len(resumed.sent) == len(expected) - 3
    assert set(resumed.resumed).isdisjoint(resumed.sent)
    assert client.graph_counts() == expected and resumed.differences == {}


def test_the_command_refuses_non_http_targets_and_reports_an_unreachable_one(
        store_root: Path) -> None:
    refused = CliRunner().invoke(main, ["publish", "--to", "file:///etc/passwd", "--query-url",
                                        "http://127.0.0.1:9/query", "--store", str(store_root)])
    assert refused.exit_code == 2 and "not an http(s) URL" in refused.output
    unreachable = CliRunner().invoke(main, ["publish", "--to", "http://127.0.0.1:9/store",
                                            "--query-url", "http://127.0.0.1:9/query",
                                            "--store", str(store_root)])
    assert unreachable.exit_code == 1 and "publish stopped: PUT" in unreachable.output


def test_credentials_come_from_the_environment() -> None:
    assert auth_header({"KUHY_PUBLISH_TOKEN": "t0k"}) == {"Authorization": "Bearer t0k"}
    assert auth_header({"KUHY_PUBLISH_USER": "kuhy", "KUHY_PUBLISH_PASSWORD": "pw"}) == {
        "Authorization": "Basic a3VoeTpwdw=="}
    assert auth_header({}) == {}
