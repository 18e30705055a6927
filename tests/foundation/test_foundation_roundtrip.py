"""Every gold record round-trips: its facts come back out of the built store by SPARQL."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from foundation_helpers import column, norm, open_current, select

from kg import config
from kg.rdf.keys import document_graph

RECORDS = sorted(config.RECORDS_DIR.glob("*.json"))
GOLD_DIR = config.PROJECT_ROOT.parent / "shared" / "corpus" / "gold"
LABELS = "{ ?x skos:prefLabel ?label } UNION { ?x skos:altLabel ?label } " \
         "UNION { ?x rdfs:label ?label }"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> ox.Store:
    """Every curated record of data/records (not just the session's sample), built."""
    from kg.store.build import build

    root = tmp_path_factory.mktemp("all-curated")
    result = build(config.RECORDS_DIR, config.TEXTS_DIR, store_root=root)
    assert result.documents == len(RECORDS), result.problems
    return open_current(root)


def project_node(store: ox.Store, record: dict[str, Any], project: dict[str, Any]) -> str:
    """The project IRI in the record's document graph, found by one of its titles."""
    lang, title = next((lang, value) for lang, value in project["title"].items() if value)
    rows = select(store, f"""SELECT ?p WHERE {{ GRAPH <{document_graph(record['source'])}> {{
        ?p a kuhy:Project ; kuhy:title {json.dumps(title, ensure_ascii=False)}@{lang} }} }}""")
    assert len(rows) == 1, (record["source"], title, rows)
    return rows[0]["p"]


def names_via(store: ox.Store, project: str, pattern: str) -> set[str]:
    """Every label of the things ?x the project reaches by ``<project> {pattern} .``."""
    query = f"SELECT ?label WHERE {{ <{project}> {pattern} . {LABELS} }}"
    return {norm(label) for label in column(store, query, "label")}


def titled_projects(record: dict[str, Any]) -> list[dict[str, Any]]:
    return [p for p in record["projects"] if any(value for value in p["title"].values())]


def test_every_curated_record_is_a_gold_record() -> None:
    gold = {path.name for path in GOLD_DIR.glob("*.json")}
    assert len(RECORDS) >= 34 and {path.name for path in RECORDS} <= gold


@pytest.mark.parametrize("path", RECORDS, ids=[p.stem for p in RECORDS])
def test_round_trip(store: ox.Store, path: Path) -> None:
    record = json.loads(path.read_text(encoding="utf-8"))
    for project in titled_projects(record):
        node = project_node(store, record, project)
        check_titles_and_dates(store, node, project, document_graph(record["source"]))
        check_organisations(store, node, project)
        check_funding(store, node, project)
        check_places_and_people(store, node, project, document_graph(record["source"]))


def check_titles_and_dates(store: ox.Store, node: str, project: dict[str, Any],
                           graph: str) -> None:
    """As this document states them (another may name the project with other dates)."""
    rows = select(store, f"SELECT ?t (LANG(?t) AS ?lang) WHERE {{ <{node}> kuhy:title ?t }}")
    assert {(row["lang"], row["t"]) for row in rows} == {
        (lang, value) for lang, value in project["title"].items() if value}
    for field, prop in (("start_date", "kuhy:startDate"), ("end_date", "kuhy:endDate")):
        values = column(store, f"SELECT ?d WHERE {{ GRAPH <{graph}> {{ <{node}> {prop} ?d }} }}",
                        "d")
        assert values == ({project[field]} if project[field] else set())
    total = column(store, f"SELECT ?b WHERE {{ <{node}> kuhy:totalBudget ?b }}", "b")
    expected = project["budget"]["total_eur"]
    assert {Decimal(b) for b in total} == ({Decimal(str(expected))} if expected else set())


def check_organisations(store: ox.Store, node: str, project: dict[str, Any]) -> None:
    for field, role in (("lead_organisations", "Lead"), ("partner_organisations", "Partner")):
        found = names_via(store, node, f"kuhy:hasParticipation [ kuhy:role kuhy:{role} ; "
                                       "kuhy:organisation ?x ]")
        assert {norm(name) for name in project[field]} <= found, field
    shares = select(store, f"""SELECT ?eur ?label WHERE {{
        {{ <{node}> kuhy:hasParticipation [ kuhy:budgetShare ?eur ; kuhy:organisation ?x ] }}
        UNION {{ <{node}> kuhy:hasFunding [ kuhy:amount ?eur ; kuhy:funder ?x ] }} {LABELS} }}""")
    for share in project["budget"]["shares"]:  # a funder's share is its funding's amount
        if share["organisation"] is None:  # the amount of the project's one unnamed funding
            amounts = select(store, f"SELECT ?eur WHERE {{ <{node}> "
                                    "kuhy:hasFunding/kuhy:amount ?eur }")
            assert Decimal(str(share["eur"])) in {Decimal(row["eur"]) for row in amounts}
            continue
        assert (Decimal(str(share["eur"])), norm(share["organisation"])) in {
            (Decimal(row["eur"]), norm(row["label"])) for row in shares}


def check_funding(store: ox.Store, node: str, project: dict[str, Any]) -> None:
    funders = names_via(store, node, "kuhy:hasFunding/kuhy:funder ?x")
    assert {norm(name) for name in project["funders"]} <= funders
    programmes = names_via(store, node, "kuhy:hasFunding/kuhy:programme ?x")
    assert {norm(name) for name in project["funding_programmes"]} <= programmes


def check_places_and_people(store: ox.Store, node: str, project: dict[str, Any],
                            graph: str) -> None:
    places = names_via(store, node, "kuhy:municipality|kuhy:region ?x")
    assert {norm(name) for name in project["regions"] + project["municipalities"]} <= places
    people = column(store, f"SELECT ?name WHERE {{ GRAPH <{graph}> {{ <{node}> "
                           "kuhy:hasPersonRole/kuhy:person ?p } ?p foaf:name ?name }", "name")
    assert {person["name"] for person in project["people"]} == people
    for person in project["people"]:
        roles = column(store, f"""SELECT ?role WHERE {{ <{node}> kuhy:hasPersonRole
            [ kuhy:person/foaf:name {json.dumps(person['name'], ensure_ascii=False)} ;
              kuhy:roleName ?role ] }}""", "role")
        assert set(person["roles"]) == roles
