"""Per-document SHACL validation: a violating value is removed and reported while its document
builds, batches judge each graph as if alone."""

from __future__ import annotations

import json
from pathlib import Path

from foundation_helpers import open_current, select, write_record
from rdflib import Graph

from kg import config
from kg.link.model import NameOnlyLinker
from kg.rdf.mapping import RecordMapper
from kg.store.build import build
from kg.validate.shacl import ShapesValidator, validate_each

# A local test shape (not the project's shapes/): alternative titles are short.
SHAPES = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix kuhy: <https://w3id.org/kuhy/ontology#> .
<urn:test:ProjectShape> a sh:NodeShape ; sh:targetClass kuhy:Project ;
    sh:property [ sh:path kuhy:altTitle ; sh:maxLength 40 ; sh:message "too long" ] .
"""


def records(tmp_path: Path) -> list[dict]:
    loaded = [json.loads(path.read_text(encoding="utf-8"))
              for path in sorted(config.RECORDS_DIR.glob("h0*.json"))]
    loaded[2]["projects"][0]["alt_titles"] = ["Uusia säveliä " * 5]  # 70 characters
    return loaded


def test_violating_value_is_removed_and_reported(tmp_path: Path) -> None:
    shapes = tmp_path / "shapes.ttl"
    shapes.write_text(SHAPES, encoding="utf-8")
    directory = tmp_path / "records"
    directory.mkdir()
    bad = records(tmp_path)
    for record in bad:
        write_record(directory, record["source"].replace(".txt", ".json"), record)
    result = build(directory, None, store_root=tmp_path / "store", shapes_file=shapes)
    assert [(p.source, p.focus.rsplit("/", 1)[1], p.message) for p in result.problems] == [
        ("h008.json", "uusia-savelia-etsimassa-2021", "too long; value left out")]
    assert result.documents == len(bad)
    store = open_current(tmp_path / "store")
    graphs = {row["g"] for row in
              select(store, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")}
    assert {f"{config.BASE_URI}graph/doc/h008", f"{config.BASE_URI}graph/doc/h010"} <= graphs
    kept = select(store, "SELECT ?a WHERE { ?p kuhy:altTitle ?a }")
    assert kept and not [row for row in kept if "Uusia säveliä" in row["a"]]


def test_batched_validation_equals_validation_alone(tmp_path: Path) -> None:
    validator = ShapesValidator(Graph().parse(data=SHAPES, format="turtle"))
    mapper = RecordMapper(NameOnlyLinker())
    graphs = [mapper.map(record).graph for record in records(tmp_path)]
    alone = [validator.validate(graph).violations for graph in graphs]
    assert validate_each(validator, graphs) == alone
    assert [bool(found) for found in alone] == [False, False, True] + [False] * (len(graphs) - 3)
