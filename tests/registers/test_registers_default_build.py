"""The default build holds register projects with sources, amounts and organisations."""

from __future__ import annotations

import pyoxigraph as ox

PREFIXES = "PREFIX k: <https://w3id.org/kuhy/ontology#>\n"


def _count(store: ox.Store, where: str) -> int:
    row = next(iter(store.query(PREFIXES + "SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE {"
                                + where + "}", use_default_graph_as_union=True)))
    return int(row["n"].value)


def test_default_build_counts(default_store) -> None:
    root, result = default_store
    store = ox.Store.read_only(str(root / "current"))
    projects = _count(store, "?p a k:Project")
    with_source = _count(store, "?p a k:Project ; k:sourceDocument ?d . "
                                "{ ?d k:url ?u } UNION { ?d k:sourceFile ?f }")
    with_amount = _count(store, "?p k:hasFunding/k:amount ?eur")
    scored = _count(store, "?p k:relevanceScore ?s FILTER(?s >= 0.5)")
    funders = _count(store, "?x k:funder ?p . ?p a k:Organisation")
    leads = _count(store, "?x k:organisation ?p . ?p a k:Organisation")
    assert 300 <= projects <= 2000, projects
    assert with_source == projects
    assert with_amount >= 300
    assert scored >= 300
    assert funders >= 20 and leads >= 250
    taken = [n for n in result.notices if "rows taken" in n]
    assert len(taken) == 2, result.notices
