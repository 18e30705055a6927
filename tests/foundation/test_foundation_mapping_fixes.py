"""Mapping details other stages rely on: YSO broad matches and labels, funders' shares as
funding amounts, the sha256 of a curated record's text found in data/texts."""

from __future__ import annotations

import hashlib
import json
import shutil
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox
import pytest
from foundation_helpers import column, open_current, select

from kg import config
from kg.link import default_linker
from kg.queries import load_queries
from kg.rdf.mapping import RecordMapper
from kg.store.build import build

YSO = "http://www.yso.fi/onto/yso/"


@pytest.fixture(scope="module")
def store(built_store: Path) -> ox.Store:
    return open_current(built_store)


def test_broad_match_and_yso_labels_are_written(store: ox.Store) -> None:
    # h010 "kesätaiteilijat" is a kind of YSO "taiteilijat" (p7017)
    broader = column(store, "SELECT ?m WHERE { ?c skos:broadMatch ?m ; skos:prefLabel "
                            "'kesätaiteilijat'@fi }", "m")
    assert broader == {YSO + "p7017"}
    reference = config.graph_uri("reference")
    labels = select(store, f"SELECT ?l (LANG(?l) AS ?lang) WHERE {{ GRAPH <{reference}> "
                           f"{{ <{YSO}p7017> skos:prefLabel ?l }} }}")
    assert {(row["lang"], row["l"]) for row in labels} == {
        ("fi", "taiteilijat"), ("sv", "konstnärer"), ("en", "artists")}


def test_join_query_reaches_projects_through_broad_matches(store: ox.Store) -> None:
    query = next(q for q in load_queries() if q.name == "join_projects_by_yso")
    rows = store.query(query.bind(), use_default_graph_as_union=True)
    matches = {(row["yso"].value, row["match"].value) for row in rows}
    assert (YSO + "p7017", "broader") in matches


def test_a_funders_share_is_the_amount_of_its_funding() -> None:
    record = json.loads((config.RECORDS_DIR / "h017.json").read_text(encoding="utf-8"))
    mapped = RecordMapper(default_linker()).map(record)
    query = """PREFIX kuhy: <https://w3id.org/kuhy/ontology#>
        SELECT ?amount ?share WHERE { { ?f kuhy:amount ?amount ; kuhy:funder ?o }
                                      UNION { ?p kuhy:budgetShare ?share } }"""
    rows = list(mapped.graph.query(query))
    assert sorted(Decimal(str(row.amount)) for row in rows if row.amount) == [
        Decimal(190000), Decimal(348000)]
    assert not [row for row in rows if row.share is not None]


def test_funding_per_region_shows_the_money_for_pirkanmaa(store: ox.Store) -> None:
    query = next(q for q in load_queries() if q.name == "funding_by_region_and_year")
    rows = store.query(query.bind(), use_default_graph_as_union=True)
    pirkanmaa = [row for row in rows if row["regionLabel"].value == "Pirkanmaa"
                 and row["year"].value == "2021"]
    assert [Decimal(row["fundingEur"].value) for row in pirkanmaa] == [Decimal(538000)]


def test_records_without_texts_dir_get_the_sha256_of_their_text(tmp_path: Path) -> None:
    records = tmp_path / "records"
    records.mkdir()
    for name in ("000_696129f62466b0ab.json", "h002.json"):
        shutil.copy(config.RECORDS_DIR / name, records)
    result = build(records, None, store_root=tmp_path / "store")
    assert result.problems == [] and result.documents == 2
    digests = column(open_current(tmp_path / "store"),
                     "SELECT ?sha WHERE { ?d a kuhy:Document ; kuhy:sha256 ?sha }", "sha")
    text = (config.TEXTS_DIR / "000_696129f62466b0ab.txt").read_bytes()
    assert digests == {hashlib.sha256(text).hexdigest()}
