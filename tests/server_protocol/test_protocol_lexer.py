"""Finding SERVICE and FROM clauses and measuring nesting without being fooled by strings,
comments, names and escapes."""

import pytest

from server.engine.lexer import (
    TooDeep,
    check_depth,
    expand_target,
    has_dataset_clause,
    service_targets,
)


def test_service_clauses_are_found() -> None:
    assert service_targets("SELECT * { SERVICE <http://x/> { ?s ?p ?o } }") == ["<http://x/>"]
    assert service_targets("select * { service silent ?ep { } }") == ["?ep"]
    assert service_targets("SELECT * { \\u0053ERVICE <http://z/> { } }") == ["<http://z/>"]


def test_the_word_elsewhere_is_not_a_service_clause() -> None:
    query = """PREFIX ex: <http://e/service/>
        SELECT ?service WHERE { ?s ex:service "SERVICE <http://a/> {}" , 'service'@en ,
        '''multi
        SERVICE <http://b/> {}''' , "x"@service . _:service ?p ?o
        FILTER(?a<?b) # SERVICE <http://c/> { }
        }"""
    assert service_targets(query) == []


def test_targets_expand_to_iris() -> None:
    query = "PREFIX r: <http://remote.example/> SELECT * { SERVICE r:sparql { } }"
    assert service_targets(query) == ["r:sparql"]
    assert expand_target("r:sparql", query) == "http://remote.example/sparql"
    assert expand_target("<http://x/>", query) == "http://x/"
    assert expand_target("?ep", query) is None
    assert expand_target("unknown:x", query) is None


def test_nesting_is_measured_outside_strings_iris_and_comments() -> None:
    check_depth("SELECT * WHERE { ?s ?p \"{{{{{{{{\" . ?s ?p <http://x/(((> } # [[[[[[[", 2)
    check_depth("ASK { { ( 1 ) } }", 3)
    for deep in ("ASK { { ( 1 ) } }", "ASK { [ [ 1 ] ] }", "ASK \\u007B \\u007B \\u007B"):
        with pytest.raises(TooDeep, match="deeper than 2"):
            check_depth(deep, 2)


def test_dataset_clauses_are_found_as_keywords_only() -> None:
    assert has_dataset_clause("SELECT * FROM <http://g/> WHERE { ?s ?p ?o }")
    assert has_dataset_clause("select * from named <http://g/> { graph ?g { ?s ?p ?o } }")
    for other in ('SELECT ?from WHERE { ?from ex:from "from" } # FROM <x>',
                  "SELECT * WHERE { <http://x/FROM> ?p ?o }"):
        assert not has_dataset_clause(other)
