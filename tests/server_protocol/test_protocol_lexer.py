"""Finding SERVICE clauses without being fooled by strings, comments, names and escapes."""

from server.sparql.lexer import expand_target, service_targets


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
