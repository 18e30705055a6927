"""Every result and graph format, chosen by Accept (with q-values) or format=, read back."""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET

import pytest
import requests
from rdflib import Dataset, Graph

SELECT = """SELECT ?s ?label WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?label }
            ORDER BY ?s ?label LIMIT 20"""
CONSTRUCT = """CONSTRUCT { ?s ?p ?o } WHERE { ?s a <https://w3id.org/kuhy/ontology#Project> ;
               ?p ?o }"""
SRX = "{http://www.w3.org/2005/sparql-results#}"


def _get(url: str, query: str, accept: str | None = None, **params: str) -> requests.Response:
    headers = {"Accept": accept} if accept else {}
    response = requests.get(url, params={"query": query, **params}, headers=headers, timeout=30)
    assert response.status_code == 200, response.text
    return response


def _rows_json(response: requests.Response) -> list[tuple[str, str]]:
    return [(b["s"]["value"], b["label"]["value"])
            for b in response.json()["results"]["bindings"]]


def test_select_in_json_xml_csv_tsv_agree(protocol_server: str) -> None:
    expected = _rows_json(_get(protocol_server, SELECT, "application/sparql-results+json"))
    assert expected

    xml = _get(protocol_server, SELECT, "application/sparql-results+xml")
    assert xml.headers["Content-Type"].startswith("application/sparql-results+xml")
    results = ET.fromstring(xml.content).iter(SRX + "result")
    from_xml = [tuple("".join(b.itertext()) for b in r.findall(SRX + "binding")) for r in results]
    assert from_xml == expected

    csv_response = _get(protocol_server, SELECT, "text/csv")
    assert csv_response.headers["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(csv_response.content.decode())))
    assert rows[0] == ["s", "label"] and [tuple(r) for r in rows[1:]] == expected

    tsv = _get(protocol_server, SELECT, "text/tab-separated-values")
    lines = tsv.content.decode().splitlines()
    assert lines[0] == "?s\t?label" and len(lines) == len(expected) + 1
    assert lines[1].startswith(f"<{expected[0][0]}>\t")


def test_ask_in_json_and_xml(protocol_server: str) -> None:
    as_json = _get(protocol_server, "ASK { ?s ?p ?o }", "application/sparql-results+json")
    as_xml = _get(protocol_server, "ASK { ?s ?p ?o }", "application/sparql-results+xml")
    assert as_json.json()["boolean"] is True
    assert ET.fromstring(as_xml.content).find(SRX + "boolean").text == "true"


@pytest.mark.parametrize(("media_type", "rdflib_format"), [
    ("text/turtle", "turtle"),
    ("application/n-triples", "nt"),
    ("application/ld+json", "json-ld"),
    ("application/rdf+xml", "xml"),
    ("application/trig", "trig"),
    ("application/n-quads", "nquads"),
])
def test_construct_in_every_graph_format(protocol_server, media_type, rdflib_format) -> None:
    reference = Graph().parse(data=_get(protocol_server, CONSTRUCT, "application/n-triples").text,
                              format="nt")
    assert len(reference) > 10
    response = _get(protocol_server, CONSTRUCT, media_type)
    assert response.headers["Content-Type"].split(";")[0] == media_type
    assert response.headers["Vary"] == "Accept"
    if rdflib_format in ("trig", "nquads"):
        parsed = Dataset()
        parsed.parse(data=response.content, format=rdflib_format)
        triples = {(s, p, o) for s, p, o, _ in parsed.quads()}
    else:
        triples = set(Graph().parse(data=response.content, format=rdflib_format))
    assert len(triples) == len(reference)


def test_describe_is_a_graph(protocol_server: str, two_graphs) -> None:
    (_, subject), _ = two_graphs
    response = _get(protocol_server, f"DESCRIBE <{subject}>", "text/turtle")
    graph = Graph().parse(data=response.content, format="turtle")
    assert len(graph) > 0
    assert all(str(s) == subject or not str(s).startswith("http") for s in graph.subjects())


def test_q_values_and_wildcards(protocol_server: str) -> None:
    def content_type(query: str, accept: str) -> str:
        return _get(protocol_server, query, accept).headers["Content-Type"].split(";")[0]

    assert content_type(SELECT, "text/csv;q=0.5, application/sparql-results+xml") \
        == "application/sparql-results+xml"
    assert content_type(SELECT, "application/sparql-results+xml;q=0.2, text/*;q=0.8") == "text/csv"
    assert content_type(SELECT, "*/*") == "application/sparql-results+json"
    assert content_type(CONSTRUCT, "*/*") == "text/turtle"
    assert content_type(CONSTRUCT, "application/*;q=0.9, text/turtle;q=0.1") \
        == "application/n-triples"
    assert content_type(CONSTRUCT, "text/turtle;q=0, */*;q=0.1") == "application/n-triples"


def test_format_parameter_overrides_accept(protocol_server: str) -> None:
    for name, media_type in [("json", "application/sparql-results+json"), ("csv", "text/csv"),
                             ("tsv", "text/tab-separated-values"),
                             ("xml", "application/sparql-results+xml")]:
        response = _get(protocol_server, SELECT, "text/turtle", format=name)
        assert response.headers["Content-Type"].split(";")[0] == media_type
    for name, media_type in [("ttl", "text/turtle"), ("nt", "application/n-triples"),
                             ("jsonld", "application/ld+json"), ("rdfxml", "application/rdf+xml"),
                             ("trig", "application/trig"), ("nq", "application/n-quads")]:
        response = _get(protocol_server, CONSTRUCT, "text/csv", format=name)
        assert response.headers["Content-Type"].split(";")[0] == media_type


def test_nothing_acceptable_is_406_listing_the_offers(protocol_server: str) -> None:
    cases = [
        (SELECT, {"Accept": "image/png"}, {}),
        (CONSTRUCT, {"Accept": "text/csv"}, {}),
        (SELECT, {}, {"format": "ttl"}),
        (SELECT, {}, {"format": "no-such-format"}),
    ]
    for query, headers, params in cases:
        response = requests.get(protocol_server, params={"query": query, **params},
                                headers=headers, timeout=30)
        assert response.status_code == 406, (query, headers, params)
        assert "application/sparql-results+json" in response.text
        assert "text/turtle" in response.text


def test_html_view_escapes_every_literal_and_caps_rows(protocol_server, html_row_limit) -> None:
    hostile = 'SELECT ?x WHERE { BIND("<script>alert(1)</script>" AS ?x) }'
    page = _get(protocol_server, hostile, "text/html").text
    assert "<script>alert" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    many = "SELECT ?n WHERE { VALUES ?n { 1 2 3 4 5 6 7 8 9 } }"
    page = _get(protocol_server, many, format="html").text
    assert page.count("<tr>") == html_row_limit + 1  # header row + capped rows
    assert f"first {html_row_limit} rows" in page
    iri = 'SELECT ?x WHERE { BIND(IRI("javascript:alert(1)") AS ?x) }'
    assert 'href="javascript' not in _get(protocol_server, iri, format="html").text


def test_large_results_stream_chunked(protocol_socket_server: str) -> None:
    pattern = "?a a ?t . ?b a ?u"
    count = requests.get(protocol_socket_server, timeout=30,
                         params={"query": "SELECT (COUNT(*) AS ?n) { SELECT * WHERE "
                                           f"{{ {pattern} }} LIMIT 60000 }}"})
    expected = min(60000, int(count.json()["results"]["bindings"][0]["n"]["value"]))
    assert expected > 1000
    query = f"SELECT ?a ?b WHERE {{ {pattern} }} LIMIT 60000"
    response = requests.get(protocol_socket_server, params={"query": query}, stream=True,
                            timeout=60, headers={"Accept": "text/tab-separated-values"})
    assert response.status_code == 200
    assert response.headers.get("Transfer-Encoding") == "chunked"
    assert "Content-Length" not in response.headers
    lines = response.content.decode().splitlines()
    assert len(lines) - 1 == expected
