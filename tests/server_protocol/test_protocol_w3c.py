"""The query-side cases of the W3C SPARQL 1.1 Protocol test manifest
(w3c/rdf-tests sparql/sparql11/protocol/manifest.ttl), sent byte for byte.

Dataset cases name graphs of the kasei.us test data, which this store does not hold, so
only their status and result form are checked here; test_protocol_requests checks the
dataset semantics on graphs that exist. Update cases expect 2xx in the manifest; this
endpoint is read-only and refuses them (403), which is asserted instead.
"""

from __future__ import annotations

import http.client
import json
import urllib.parse

import pytest

DATA = "http%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata"
ASK_TWO = ("ASK { <http://kasei.us/2009/09/sparql/data/data1.rdf> a ?type . "
           "<http://kasei.us/2009/09/sparql/data/data2.rdf> a ?type . }")
Q = "application/sparql-query"
FORM = "application/x-www-form-urlencoded"

# name, method, path after /sparql/, content type (None: no header), body, expected status
CASES = [
    ("query_post_form", "POST", f"?default-graph-uri={DATA}0.rdf", FORM,
     b"query=ASK%20%7B%7D", "boolean"),
    ("query_dataset_default_graphs_get", "GET",
     "?query=" + urllib.parse.quote(ASK_TWO) + f"&default-graph-uri={DATA}1.rdf"
     f"&default-graph-uri={DATA}2.rdf", None, b"", "boolean"),
    ("query_dataset_default_graphs_post", "POST",
     f"?default-graph-uri={DATA}1.rdf&default-graph-uri={DATA}2.rdf", Q,
     ASK_TWO.encode(), "boolean"),
    ("query_dataset_named_graphs_post", "POST",
     f"?named-graph-uri={DATA}1.rdf&named-graph-uri={DATA}2.rdf", Q,
     b"ASK { GRAPH ?g1 { ?a ?b ?c } }", "boolean"),
    ("query_multiple_dataset", "POST",
     f"?named-graph-uri={DATA}1.rdf%26named-graph-uri%3D{DATA}2.rdf", Q,
     b"ASK FROM <http://kasei.us/2009/09/sparql/data/data3.rdf> { ?s ?p ?o }", "boolean"),
    ("query_get", "GET", f"?query=ASK%20%7B%7D&default-graph-uri={DATA}0.rdf", None, b"",
     "boolean"),
    ("query_content_type_select", "POST", f"?default-graph-uri={DATA}0.rdf", Q,
     b"SELECT (1 AS ?value) {}", "tabular"),
    ("query_content_type_ask", "POST", f"?default-graph-uri={DATA}0.rdf", Q, b"ASK {}",
     "boolean"),
    ("query_content_type_describe", "POST", f"?default-graph-uri={DATA}0.rdf", Q,
     b"DESCRIBE <http://example.org/>", "RDF"),
    ("query_content_type_construct", "POST", f"?default-graph-uri={DATA}0.rdf", Q,
     b"CONSTRUCT { <s> <p> 1 } WHERE {}", "RDF"),
    ("query_post_direct", "POST", "", Q, b"ASK {}", "boolean"),
    ("bad_query_method", "PUT", f"?query=ASK%20%7B%7D&default-graph-uri={DATA}0.rdf", FORM,
     b"", 405),
    ("bad_multiple_queries", "GET", "?query=ASK%20%7B%7D&query=SELECT%20%2A%20%7B%7D", None,
     b"", 400),
    ("bad_query_wrong_media_type", "POST", "", "text/plain", b"ASK {}", 415),
    ("bad_query_missing_form_type", "POST", "", None, b"query=ASK%20%7B%7D", 415),
    ("bad_query_missing_direct_type", "POST", "", None, b"ASK {}", 415),
    ("bad_query_non_utf8", "POST", "", "application/sparql-query; charset=UTF-16",
     "ASK {}".encode("utf-16"), 400),
    ("bad_query_syntax", "GET", "?query=ASK%20%7B", None, b"", 400),
    ("bad_update_get", "GET", "?update=CLEAR%20ALL", None, b"", 403),
    ("bad_multiple_updates", "POST", "", FORM, b"update=CLEAR%20NAMED&update=CLEAR%20DEFAULT",
     403),
    ("bad_update_wrong_media_type", "POST", "", "text/plain", b"CLEAR NAMED", 415),
    ("bad_update_missing_form_type", "POST", "", None, b"update=CLEAR%20NAMED", 415),
    ("bad_update_non_utf8", "POST", "", "application/sparql-update; charset=UTF-16",
     "CLEAR NAMED".encode("utf-16"), 403),
    ("bad_update_syntax", "POST", "", FORM, b"update=CLEAR%20XYZ", 403),
    ("bad_update_dataset_conflict", "POST", "?using-named-graph-uri=http%3A%2F%2Fexample%2F",
     "application/sparql-update", b"WITH <http://example/a> DELETE { ?s ?p ?o } WHERE { }",
     403),
    ("update_post_form", "POST", "", FORM, b"update=CLEAR+ALL", 403),
    ("update_post_direct", "POST", "", "application/sparql-update", b"CLEAR ALL", 403),
]


def _send(url: str, method: str, path: str, content_type: str | None,
          body: bytes) -> http.client.HTTPResponse:
    parsed = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=30)
    headers = {"Content-Length": str(len(body))}
    if content_type is not None:
        headers["Content-Type"] = content_type
    connection.putrequest(method, parsed.path + "/" + path, skip_accept_encoding=True)
    for name, value in headers.items():
        connection.putheader(name, value)
    connection.endheaders(body)
    return connection.getresponse()


@pytest.mark.parametrize("case", CASES, ids=[case[0] for case in CASES])
def test_w3c_protocol_case(protocol_socket_server: str, case: tuple) -> None:
    _name, method, path, content_type, body, expected = case
    response = _send(protocol_socket_server, method, path, content_type, body)
    payload = response.read()
    if isinstance(expected, int):
        assert response.status == expected, payload
        return
    assert response.status == 200, payload
    media_type = response.getheader("Content-Type").split(";")[0]
    if expected == "boolean":
        assert media_type == "application/sparql-results+json"
        assert json.loads(payload)["boolean"] in (True, False)
    elif expected == "tabular":
        assert json.loads(payload)["results"]["bindings"][0]["value"]["value"] == "1"
    else:
        assert media_type == "text/turtle"
