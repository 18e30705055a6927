"""The default build holds register projects with sources, amounts and organisations."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

pytestmark = pytest.mark.slow  # the default build: every text, record and register row

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
    assert 500 <= projects <= 2000, projects
    assert with_source == projects
    assert 300 <= with_amount <= projects
    assert scored >= 300
    assert funders >= 20 and leads >= 250
    taken = dict(_rows_taken(notice) for notice in result.notices if "rows taken" in notice)
    assert set(taken) == {"projects-2007-2013.csv", "projects-2014-2020.csv"}
    assert 300 <= taken["projects-2007-2013.csv"] <= 1000, taken
    assert 30 <= taken["projects-2014-2020.csv"] <= 300, taken


def _rows_taken(notice: str) -> tuple[str, int]:
    """(register file, rows taken) from "projects-2007-2013.csv: 372 of 19940 rows taken (…)"."""
    name, rest = notice.split(": ", 1)
    return name, int(rest.split()[0])


def test_projects_per_funder_across_texts_and_registers(default_store) -> None:
    from kg.queries import load_queries

    root, _result = default_store
    store = ox.Store.read_only(str(root / "current"))
    query = next(q for q in load_queries() if q.name == "projects_per_funder_by_source")
    rows = {}
    for solution in store.query(query.sparql, use_default_graph_as_union=True):
        label = solution["funderLabel"]
        counts = tuple(int(solution[name].value)
                       for name in ("fromTexts", "fromRegisters", "projects"))
        rows[label.value if label else solution["funder"].value] = counts
    both = {name: counts for name, counts in rows.items() if counts[0] and counts[1]}
    # the ELY centre of Häme funds a project of a curated text (h002) and register rows
    assert "Hämeen elinkeino-, liikenne- ja ympäristökeskus" in both, both
    assert sum(counts[1] for counts in rows.values()) >= 300
    assert all(counts[2] >= max(counts[0], counts[1]) for counts in rows.values())


def test_organisation_page_lists_text_and_register_projects(default_store, in_process_app) -> None:
    """Turun yliopisto leads a project of a curated text and register projects: its one
    page names both kinds of project (real HTTP against the app)."""
    import html

    import requests

    from server.settings import Settings

    root, _result = default_store
    store = ox.Store.read_only(str(root / "current"))
    query = PREFIXES + """PREFIX prov: <http://www.w3.org/ns/prov#>
        PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        SELECT ?title ?version WHERE {
          ?project k:hasParticipation/k:organisation
                   <https://w3id.org/kuhy/id/organisation/05vghhr25> ;
                   rdfs:label ?title ;
                   k:sourceDocument/prov:wasGeneratedBy/k:extractionVersion ?version }"""
    titles = {row["version"].value.startswith("register "): row["title"].value
              for row in store.query(query, use_default_graph_as_union=True)}
    assert set(titles) == {True, False}, titles
    del store
    # one query worker over the build on disk, no warm-up: the page is what is checked here,
    # not a store server loading the whole default build or the canned queries pinned over it
    settings = Settings(store_root=root, query_workers=1, engine="disk", warmup=False)
    with in_process_app(settings) as base:
        page = requests.get(f"{base}/page/organisation/05vghhr25", timeout=60)
    assert page.status_code == 200
    for title in titles.values():
        assert html.escape(title, quote=False) in page.text or title in page.text, title
