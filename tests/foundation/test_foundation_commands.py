"""kg export / stats / validate and the metadata graph, on the session's built store."""

from __future__ import annotations

import csv
import gzip
import json
from pathlib import Path

import pyoxigraph as ox
from click.testing import CliRunner
from foundation_helpers import open_current, select, write_record

from kg import __version__, config
from kg.cli import main


def test_export_formats_round_trip_the_store(built_store: Path, tmp_path: Path) -> None:
    store = open_current(built_store)
    quads = set(store.quads_for_pattern(None, None, None, None))
    for name, rdf_format in (("nq", ox.RdfFormat.N_QUADS), ("trig", ox.RdfFormat.TRIG),
                             ("jsonld", ox.RdfFormat.JSON_LD)):
        out = tmp_path / f"dump.{name}.gz"
        outcome = CliRunner().invoke(main, ["export", "--format", name, "--gzip", "--out",
                                            str(out), "--store", str(built_store)])
        assert outcome.exit_code == 0, outcome.output
        with gzip.open(out) as data:
            assert set(ox.parse(data, format=rdf_format)) == quads, name
    for name, rdf_format in (("nt", ox.RdfFormat.N_TRIPLES), ("ttl", ox.RdfFormat.TURTLE)):
        out = tmp_path / f"dump.{name}"
        CliRunner().invoke(main, ["export", "--format", name, "--out", str(out), "--store",
                                  str(built_store)])
        parsed = {quad.triple for quad in ox.parse(path=out, format=rdf_format)}
        assert parsed == {quad.triple for quad in quads}, name


def test_stats_counts_classes_and_graphs(built_store: Path) -> None:
    outcome = CliRunner().invoke(main, ["stats", "--store", str(built_store)])
    assert outcome.exit_code == 0, outcome.output
    projects = next(line for line in outcome.output.splitlines() if line.endswith("kuhy:Project"))
    assert int(projects.split()[0]) == 24  # every gold project, the untitled one too
    documents = next(line for line in outcome.output.splitlines() if "documents (" in line)
    assert documents.endswith("(16 graphs)")
    total = next(line for line in outcome.output.splitlines() if "in all" in line)
    quads = len(open_current(built_store))
    assert int(total.split()[0].replace(",", "")) == quads


def test_query_writes_a_canned_query_with_a_parameter_as_csv(built_store: Path,
                                                             tmp_path: Path) -> None:
    out = tmp_path / "projects.csv"
    outcome = CliRunner().invoke(main, [
        "query", "projects_by_funder", "--param",
        "funderName=Hämeen elinkeino-, liikenne- ja ympäristökeskus", "--format", "csv",
        "--out", str(out), "--store", str(built_store)])
    assert outcome.exit_code == 0, outcome.output
    with out.open(encoding="utf-8") as answer:
        rows = list(csv.DictReader(answer))
    assert len({row["project"] for row in rows}) == 2
    assert {row["programmeLabel"] for row in rows} == {"Euroopan sosiaalirahasto"}


def test_query_reports_bad_values_and_syntax_errors(built_store: Path, tmp_path: Path) -> None:
    bad_year = CliRunner().invoke(main, ["query", "projects_active_in_year", "--param",
                                         "year=2021 } UNION {", "--store", str(built_store)])
    assert bad_year.exit_code == 1 and "not a number" in bad_year.output
    broken = tmp_path / "broken.rq"
    broken.write_text("SELECT * WHERE { ?s ?p }", encoding="utf-8")
    syntax = CliRunner().invoke(main, ["query", str(broken), "--store", str(built_store)])
    assert syntax.exit_code == 1 and "error at 1:" in syntax.output
    own = tmp_path / "own.rq"
    own.write_text(f"SELECT (COUNT(*) AS ?n) WHERE {{ ?s a <{config.BASE_URI}ontology#Project> }}",
                   encoding="utf-8")
    counted = CliRunner().invoke(main, ["query", str(own), "--format", "json", "--store",
                                        str(built_store)])
    assert json.loads(counted.output)["results"]["bindings"][0]["n"]["value"] == str(
        len(select(open_current(built_store), "SELECT ?p WHERE { ?p a kuhy:Project }")))


def test_meta_graph_counts_match_the_graphs(built_store: Path) -> None:
    store = open_current(built_store)
    meta = config.graph_uri("meta")
    rows = select(store, "SELECT ?g ?t WHERE { GRAPH <" + meta + "> { ?d void:subset ?s . "
                         "?s kuhy:graph ?g ; void:triples ?t } }")
    described = {row["g"]: int(row["t"]) for row in rows}
    actual = {g.value: len(list(store.quads_for_pattern(None, None, None, g)))
              for g in store.named_graphs()}
    assert described == {g: n for g, n in actual.items() if not g.endswith("graph/meta")}
    version = select(store, "SELECT ?v ?m WHERE { ?d a void:Dataset, dcat:Dataset ; "
                            "kuhy:softwareVersion ?v ; dcterms:modified ?m }")
    assert [row["v"] for row in version] == [__version__]
    sources = select(store, "SELECT ?f ?sha ?g WHERE { ?s kuhy:sourceFile ?f ; kuhy:sha256 ?sha ;"
                            " kuhy:graph ?g FILTER(STRSTARTS(?f, 'records/')) }")
    assert len(sources) == 16 and all(len(row["sha"]) == 64 for row in sources)


def test_validate_reports_violations_as_text_and_turtle(tmp_path: Path) -> None:
    record = json.loads((config.RECORDS_DIR / "h002.json").read_text(encoding="utf-8"))
    record["projects"][0]["start_date"], record["projects"][0]["end_date"] = "2019", "2015"
    record["projects"][0]["people"] = [{"name": " "}]  # a person named by a blank
    write_record(tmp_path, "reversed.json", record)
    report = tmp_path / "report.ttl"
    outcome = CliRunner().invoke(main, ["validate", "--records", str(tmp_path), "--texts",
                                        str(tmp_path / "none"), "--turtle", str(report)])
    assert outcome.exit_code == 1
    project = f"{config.BASE_URI}id/project/tyota-nuorille-ja-hyvinvointia-ikaantyneille-" \
              "kulttuurista-2019"
    assert f"reversed.json [{project}]: start date 2019 is after end date 2015; both left out" \
        in outcome.output
    assert "reversed.json: 1 violation(s)" in outcome.output
    results = select(ox_store_of(report), "SELECT ?f WHERE { ?r sh:focusNode ?f ; "
                                          "sh:resultSeverity sh:Violation }")
    assert [row["f"] for row in results] == [f"{config.BASE_URI}id/person/x"]


def ox_store_of(turtle: Path) -> ox.Store:
    store = ox.Store()
    store.load(path=turtle, format=ox.RdfFormat.TURTLE)
    return store
