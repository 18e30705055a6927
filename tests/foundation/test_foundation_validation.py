"""Per-document SHACL validation: a violating document is left out and reported, batches
judge each graph as if alone."""

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

# A local test shape (not the project's shapes/): start <= end, and one title at least.
SHAPES = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix kuhy: <https://w3id.org/kuhy/ontology#> .
<urn:test:ProjectShape> a sh:NodeShape ; sh:targetClass kuhy:Project ;
    sh:property [ sh:path kuhy:title ; sh:minCount 1 ] ;
    sh:sparql [ sh:message "starts after it ends" ; sh:select \"\"\"
        SELECT $this WHERE { $this <https://w3id.org/kuhy/ontology#startDate> ?s ;
                                   <https://w3id.org/kuhy/ontology#endDate> ?e .
                             FILTER (STR(?s) > STR(?e)) }\"\"\" ] .
"""


def records(tmp_path: Path) -> list[dict]:
    loaded = [json.loads(path.read_text(encoding="utf-8"))
              for path in sorted(config.RECORDS_DIR.glob("h0*.json"))]
    loaded[2]["projects"][0]["start_date"] = "2030-01-01"  # after its end: a violation
    return loaded


def test_violating_document_is_left_out_and_reported(tmp_path: Path) -> None:
    shapes = tmp_path / "shapes.ttl"
    shapes.write_text(SHAPES, encoding="utf-8")
    directory = tmp_path / "records"
    directory.mkdir()
    bad = records(tmp_path)
    for record in bad:
        write_record(directory, record["source"].replace(".txt", ".json"), record)
    result = build(directory, None, store_root=tmp_path / "store", shapes_file=shapes)
    reported = [p for p in result.problems if p.message == "starts after it ends"]
    assert [(p.source, p.focus.rsplit("/", 1)[1]) for p in reported] == [
        ("h008.json", "uusia-savelia-etsimassa-2030")]
    assert result.documents == len(bad) - 1
    graphs = {row["g"] for row in select(open_current(tmp_path / "store"),
                                         "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")}
    assert f"{config.BASE_URI}graph/doc/h008" not in graphs
    assert f"{config.BASE_URI}graph/doc/h010" in graphs


def test_batched_validation_equals_validation_alone(tmp_path: Path) -> None:
    validator = ShapesValidator(Graph().parse(data=SHAPES, format="turtle"))
    mapper = RecordMapper(NameOnlyLinker())
    graphs = [mapper.map(record).graph for record in records(tmp_path)]
    alone = [validator.validate(graph).violations for graph in graphs]
    assert validate_each(validator, graphs) == alone
    assert [bool(found) for found in alone] == [False, False, True] + [False] * (len(graphs) - 3)
