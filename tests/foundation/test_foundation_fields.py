"""Every record field is mapped or has a written decision; mapping details that matter."""

from __future__ import annotations

import json
import re
from typing import Any

from rdflib import Literal, URIRef
from rdflib.namespace import RDF

from kg import config
from kg.ingest.records import SCHEMA_FILE, record_validator
from kg.link.model import NameOnlyLinker
from kg.rdf.evidence import quote_selector
from kg.rdf.fields import FIELD_MAPPING
from kg.rdf.mapping import RecordMapper
from kg.rdf.vocab import OA, SCHEMA, K

DECISIONS = "\n".join(path.read_text(encoding="utf-8") for path in
                      sorted((config.PROJECT_ROOT / "docs" / "decisions").glob("*.md")))


def schema_paths(node: dict[str, Any], defs: dict[str, Any], prefix: str = "") -> set[str]:
    """Dotted paths of every property the record schema declares."""
    if "$ref" in node:
        return schema_paths(defs[node["$ref"].rsplit("/", 1)[1]], defs, prefix)
    paths: set[str] = set()
    if "items" in node:
        paths |= schema_paths(node["items"], defs, prefix)
    for name, child in node.get("properties", {}).items():
        path = f"{prefix}{name}"
        paths |= {path} | schema_paths(child, defs, path + ".")
    return paths


def test_every_schema_field_is_mapped_or_decided() -> None:
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    paths = schema_paths(schema, schema["$defs"])
    decided = set(re.findall(r"record field `([\w.]+)`", DECISIONS))
    assert len(paths) > 50
    assert sorted(paths - set(FIELD_MAPPING) - decided) == []
    assert sorted(set(FIELD_MAPPING) - paths) == []  # the table names no field that is gone


def sample_record() -> dict[str, Any]:
    record = json.loads((config.RECORDS_DIR / "003_ebf67b2261d1c475.json").read_text("utf-8"))
    project = record["projects"][0]
    project["evidence"] = [{"field": "funders", "value": project["funders"][0], "start": 20,
                            "end": 90, "quote": "Hanketta rahoittaa Hämeen elinkeino-, liikenne- "
                                                "ja ympäristökeskus (ESR)."}]
    assert not list(record_validator().iter_errors(record))
    return record


def test_contacts_only_with_the_option() -> None:
    record = sample_record()
    without = RecordMapper(NameOnlyLinker()).map(record).graph
    with_contacts = RecordMapper(NameOnlyLinker(), include_contacts=True).map(record).graph
    assert not list(without.triples((None, SCHEMA.email, None)))
    assert not list(without.triples((None, SCHEMA.telephone, None)))
    assert set(with_contacts.objects(None, SCHEMA.email)) == {Literal("silja.suntola@xamk.fi")}


def test_evidence_becomes_an_annotation_on_the_funding() -> None:
    graph = RecordMapper(NameOnlyLinker()).map(sample_record()).graph
    annotation = graph.value(None, RDF.type, OA.Annotation)
    body = graph.value(annotation, OA.hasBody)
    assert (body, RDF.type, K.Funding) in graph
    selector = graph.value(graph.value(annotation, OA.hasTarget), OA.hasSelector)
    if (selector, RDF.type, OA.TextQuoteSelector) not in graph:
        selector = next(s for s in graph.subjects(RDF.type, OA.TextQuoteSelector))
    assert str(graph.value(selector, OA.exact)) == \
        "Hämeen elinkeino-, liikenne- ja ympäristökeskus"
    assert str(graph.value(selector, OA.prefix)) == "Hanketta rahoittaa "
    assert isinstance(annotation, URIRef) and "#annotation-" in annotation


def test_quote_context_comes_from_the_text_when_it_has_the_quote() -> None:
    text = "Alku. " + "x" * 40 + " Hanketta rahoittaa OKM vuonna 2020. Loppu " + "y" * 40
    assert quote_selector("Hanketta rahoittaa OKM vuonna 2020.", "OKM", text, 30) == (
        ("x" * 40 + " Hanketta rahoittaa ")[-32:], "OKM", " vuonna 2020. Loppu " + "y" * 12)
    assert quote_selector("Hanketta rahoittaa OKM.", "okm") == ("Hanketta rahoittaa ", "OKM", ".")
