"""The compiled SPARQL validator flags exactly what pyshacl (the reference) flags: the same
documents and the same focus nodes, on every shape example and on the gold graphs."""

from __future__ import annotations

import importlib.util
import json
import sys

import pytest
from rdflib import Graph

from kg import config
from kg.link import default_linker
from kg.rdf.mapping import RecordMapper
from kg.validate.compiled import CompiledValidator, ShapeCompileError
from kg.validate.shacl import ShapesValidator, Violation, load_shapes


def shape_cases():
    """The conforming and violating examples of tests/ontology (one per shape)."""
    path = config.PROJECT_ROOT / "tests" / "ontology" / "test_ontology_shapes.py"
    spec = importlib.util.spec_from_file_location("ontology_shape_cases", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return [(f"{case.shape}-{kind}", module.data(turtle)) for case in module.CASES
            for kind, turtle in (("ok", case.conforming), ("bad", case.violating))]


def gold_graphs() -> list[tuple[str, Graph]]:
    mapper = RecordMapper(default_linker())
    graphs = []
    for path in sorted(config.RECORDS_DIR.glob("*.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        graphs.append((path.stem, mapper.map(record, text_sha256="0" * 64).graph))
        broken = json.loads(json.dumps(record))  # and a violating twin of each
        broken["projects"][0]["status"] = "maybe"  # not one of the statuses the shapes allow
        graphs.append((path.stem + "-unknown-status", mapper.map(broken).graph))
    return graphs


def foci(violations: list[Violation]) -> set[str]:
    return {v.focus if v.focus.startswith("http") else "_:" for v in violations}


@pytest.fixture(scope="module")
def cases() -> list[tuple[str, Graph]]:
    """The shape examples and gold graphs, mapped once for both shape sets."""
    return shape_cases() + gold_graphs()


@pytest.mark.slow  # builds and validates with both SHACL engines
@pytest.mark.parametrize("include_contacts", [False, True])
def test_both_engines_flag_the_same_documents_and_focus_nodes(
        cases: list[tuple[str, Graph]], include_contacts: bool) -> None:
    shapes = load_shapes(None, include_contacts)
    reference = ShapesValidator(shapes)
    compiled = CompiledValidator(shapes).validate_graphs(graph for _, graph in cases)
    flagged = 0
    for (name, graph), fast in zip(cases, compiled, strict=True):
        expected = foci(reference.validate(graph).violations)
        assert foci(fast) == expected, name
        flagged += bool(expected)
    assert flagged >= len(cases) // 3  # the comparison covers many violating graphs


def test_a_shape_feature_that_cannot_be_compiled_fails_loudly() -> None:
    shapes = Graph().parse(format="turtle", data="""
        @prefix sh: <http://www.w3.org/ns/shacl#> .
        <urn:s> a sh:NodeShape ; sh:targetClass <urn:C> ;
            sh:property [ sh:path <urn:p> ; sh:uniqueLang true ] .""")
    with pytest.raises(ShapeCompileError, match="uniqueLang"):
        CompiledValidator(shapes)
