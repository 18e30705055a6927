"""SPARQL 1.1 Protocol over HTTP: the three request forms, datasets, and every refusal status."""

from __future__ import annotations

import json

import pytest
import requests

from tests.server_protocol.conftest import PUBLIC_URL

ASK_ANY = "ASK { ?s ?p ?o }"


def _ask(response: requests.Response) -> bool:
    assert response.status_code == 200, response.text
    return response.json()["boolean"]


def test_get_post_form_and_post_direct_give_the_same_answer(protocol_server: str) -> None:
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?s a ?type }"
    via_get = requests.get(protocol_server, params={"query": query}, timeout=30)
    via_form = requests.post(protocol_server, data={"query": query}, timeout=30)
    via_body = requests.post(protocol_server, data=query.encode(), timeout=30,
                             headers={"Content-Type": "application/sparql-query"})
    counts = {int(r.json()["results"]["bindings"][0]["n"]["value"])
              for r in (via_get, via_form, via_body)}
    assert len(counts) == 1 and counts.pop() > 0


def test_trailing_slash_path_is_the_same_endpoint(protocol_server: str) -> None:
    response = requests.post(protocol_server + "/", data="ASK {}", timeout=30,
                             headers={"Content-Type": "application/sparql-query"})
    assert _ask(response) is True


def test_default_graph_is_the_union_of_all_graphs(protocol_server, two_graphs) -> None:
    (_, first), (_, last) = two_graphs
    query = f"ASK {{ <{first}> a ?t1 . <{last}> a ?t2 }}"
    assert _ask(requests.get(protocol_server, params={"query": query}, timeout=30)) is True


def test_default_graph_uri_defines_the_default_graph(protocol_server, two_graphs) -> None:
    (graph_a, subject_a), (graph_b, subject_b) = two_graphs
    query = f"ASK {{ <{subject_b}> a ?type }}"
    only_a = {"query": query, "default-graph-uri": graph_a}
    both = [("query", query), ("default-graph-uri", graph_a), ("default-graph-uri", graph_b)]
    assert _ask(requests.get(protocol_server, params=only_a, timeout=30)) is False
    assert _ask(requests.get(protocol_server, params=both, timeout=30)) is True


def test_named_graph_uri_limits_graph_patterns(protocol_server, two_graphs) -> None:
    (graph_a, _), (graph_b, _) = two_graphs
    query = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
    response = requests.post(protocol_server, params={"named-graph-uri": graph_b},
                             data=query, timeout=30,
                             headers={"Content-Type": "application/sparql-query"})
    graphs = {row["g"]["value"] for row in response.json()["results"]["bindings"]}
    assert graphs == {graph_b}
    # only named graphs given: the default graph is empty
    assert _ask(requests.get(protocol_server, params={"query": ASK_ANY,
                                                      "named-graph-uri": graph_a},
                             timeout=30)) is False


def test_protocol_dataset_overrides_from_clauses(protocol_server, two_graphs) -> None:
    (graph_a, _), (graph_b, subject_b) = two_graphs
    query = f"ASK FROM <{graph_b}> {{ <{subject_b}> a ?type }}"
    assert _ask(requests.get(protocol_server, params={"query": query}, timeout=30)) is True
    overridden = {"query": query, "default-graph-uri": graph_a}
    assert _ask(requests.get(protocol_server, params=overridden, timeout=30)) is False


def test_syntax_error_is_400_with_line_and_column(protocol_server: str) -> None:
    response = requests.get(protocol_server, params={"query": "SELECT * WHERE {\n ?s ?p }"},
                            timeout=30)
    assert response.status_code == 400
    assert "2:" in response.text and "error" in response.text.lower()


def test_missing_and_repeated_query_are_400(protocol_server: str) -> None:
    missing = requests.post(protocol_server, data={"default-graph-uri": "http://x.example/"},
                            timeout=30)
    repeated = requests.get(protocol_server + "?query=ASK%20%7B%7D&query=SELECT%20*%20%7B%7D",
                            timeout=30)
    assert missing.status_code == 400 and "query" in missing.text
    assert repeated.status_code == 400 and "repeated" in repeated.text


@pytest.mark.parametrize("value", ["0", "-1", "soon", "nan", "inf", ""])
def test_a_timeout_that_is_not_a_positive_number_is_400(protocol_server: str,
                                                        value: str) -> None:
    response = requests.get(protocol_server, params={"query": "ASK {}", "timeout": value},
                            timeout=30)
    assert response.status_code == 400
    assert "timeout must be a positive number of seconds" in response.text


def test_a_repeated_timeout_is_400_and_a_valid_one_answers(protocol_server: str) -> None:
    repeated = requests.get(protocol_server + "?query=ASK%20%7B%7D&timeout=1&timeout=2",
                            timeout=30)
    assert repeated.status_code == 400 and "'timeout' parameter is repeated" in repeated.text
    answered = requests.get(protocol_server, params={"query": "ASK { ?s ?p ?o }",
                                                     "timeout": "2.5"}, timeout=30)
    assert answered.status_code == 200 and answered.json()["boolean"] is True


def test_a_client_timeout_shortens_the_limit(protocol_server: str) -> None:
    pathological = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
    response = requests.get(protocol_server, params={"query": pathological, "timeout": "0.5"},
                            timeout=60)
    assert response.status_code == 503
    assert "exceeded the 0.5 s limit" in response.text


def test_invalid_utf8_is_400(protocol_server: str) -> None:
    in_url = requests.get(protocol_server + "?query=ASK%20%7B%7D%FF", timeout=30)
    in_body = requests.post(protocol_server, data=b"ASK {} # \xff\xfe", timeout=30,
                            headers={"Content-Type": "application/sparql-query"})
    in_form = requests.post(protocol_server, data=b"query=ASK%20%7B%7D%C3", timeout=30,
                            headers={"Content-Type": "application/x-www-form-urlencoded"})
    utf16 = requests.post(protocol_server, data="ASK {}".encode("utf-16"), timeout=30,
                          headers={"Content-Type": "application/sparql-query; charset=UTF-16"})
    for response in (in_url, in_body, in_form, utf16):
        assert response.status_code == 400, response.text
        assert "UTF-8" in response.text


def test_wrong_or_missing_body_media_type_is_415(protocol_server: str) -> None:
    text_plain = requests.post(protocol_server, data="ASK {}", timeout=30,
                               headers={"Content-Type": "text/plain"})
    untyped = requests.post(protocol_server, data=b"query=ASK%20%7B%7D", timeout=30,
                            headers={"Content-Type": ""})
    for response in (text_plain, untyped):
        assert response.status_code == 415, response.text
        assert "application/sparql-query" in response.text


def test_updates_are_refused_as_read_only(protocol_server: str) -> None:
    attempts = [
        requests.get(protocol_server, params={"update": "CLEAR ALL"}, timeout=30),
        requests.post(protocol_server, data={"update": "CLEAR ALL"}, timeout=30),
        requests.post(protocol_server, data="CLEAR ALL", timeout=30,
                      headers={"Content-Type": "application/sparql-update"}),
        requests.post(protocol_server, data="update=CLEAR%20NAMED&update=CLEAR%20DEFAULT",
                      timeout=30, headers={"Content-Type": "application/x-www-form-urlencoded"}),
    ]
    for response in attempts:
        assert response.status_code == 403, response.text
        assert "read-only" in response.text
    both = requests.post(protocol_server, data={"query": "ASK {}", "update": "CLEAR ALL"},
                         timeout=30)
    assert both.status_code == 400
    # the data is still there
    assert _ask(requests.get(protocol_server, params={"query": ASK_ANY}, timeout=30)) is True


def test_other_methods_are_405(protocol_server: str) -> None:
    response = requests.put(protocol_server + "?query=ASK%20%7B%7D", timeout=30)
    assert response.status_code == 405
    assert "POST" in response.headers["Allow"]


def test_queries_over_the_size_limit_are_413(protocol_server: str) -> None:
    five_mb = "ASK {}" + " " * (5 * 1024 * 1024)
    direct = requests.post(protocol_server, data=five_mb.encode(), timeout=60,
                           headers={"Content-Type": "application/sparql-query"})
    form = requests.post(protocol_server, data={"query": five_mb}, timeout=60)
    for response in (direct, form):
        assert response.status_code == 413, response.text[:200]
        assert "limit" in response.text
    just_under = "ASK {}" + " " * 900_000
    response = requests.post(protocol_server, data=just_under.encode(), timeout=60,
                             headers={"Content-Type": "application/sparql-query"})
    assert _ask(response) is True


def test_service_description_without_query(protocol_server: str) -> None:
    response = requests.get(protocol_server, headers={"Accept": "application/ld+json"},
                            timeout=30)
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("application/ld+json")
    assert isinstance(json.loads(response.text), list)


def test_relative_iris_resolve_against_the_endpoint(protocol_server: str) -> None:
    query = "SELECT ?x WHERE { BIND(<other#thing> AS ?x) }"
    response = requests.get(protocol_server, params={"query": query}, timeout=30)
    value = response.json()["results"]["bindings"][0]["x"]["value"]
    assert value == PUBLIC_URL + "other#thing"  # the configured address, not the Host


def test_head_answers_headers_only(protocol_server: str) -> None:
    query = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f }"
    response = requests.head(protocol_server, params={"query": query}, timeout=30,
                             headers={"Accept": "text/csv"})
    assert response.status_code == 200 and response.content == b""
    assert response.headers["Content-Type"].startswith("text/csv")
    assert _ask(requests.get(protocol_server, params={"query": ASK_ANY}, timeout=30)) is True


def test_browsers_get_an_html_description_linking_the_editor(protocol_server: str) -> None:
    response = requests.get(protocol_server, headers={"Accept": "text/html"}, timeout=30)
    assert response.headers["Content-Type"].startswith("text/html")
    assert 'href="/query"' in response.text and "sd:Service" in response.text


def _count(protocol_server: str, query: str, **params: str) -> int:
    response = requests.get(protocol_server, params={"query": query, **params}, timeout=30)
    assert response.status_code == 200, response.text
    return int(response.json()["results"]["bindings"][0]["n"]["value"])


def test_from_and_from_named_replace_the_union_default_graph(protocol_server: str,
                                                             two_graphs) -> None:
    """A query's dataset clause decides its dataset (SPARQL 1.1 §13.2); only a query
    without one sees the union of all graphs; protocol graphs override both."""
    (graph_a, _s), (graph_b, _t) = two_graphs
    everything = _count(protocol_server, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    in_a = _count(protocol_server,
                  f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph_a}> {{ ?s ?p ?o }} }}")
    assert 0 < in_a < everything
    assert _count(protocol_server, "SELECT (COUNT(*) AS ?n) FROM <http://nonexistent/> "
                  "WHERE { ?s ?p ?o }") == 0
    from_a = f"SELECT (COUNT(*) AS ?n) FROM <{graph_a}> WHERE {{ ?s ?p ?o }}"
    assert _count(protocol_server, from_a) == in_a
    named_only = (f"SELECT (COUNT(*) AS ?n) FROM NAMED <{graph_a}> WHERE "
                  "{ { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } FILTER(?g != <"
                  f"{graph_a}>) }} }}")
    assert _count(protocol_server, named_only) == 0  # empty default graph, one named graph
    assert _count(protocol_server, from_a, **{"default-graph-uri": graph_b}) == _count(
        protocol_server, f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph_b}> {{ ?s ?p ?o }} }}")
