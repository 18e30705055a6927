"""Evidence for curated records: only values the curated record states are annotated."""

from __future__ import annotations

import json

import pyoxigraph as ox

from kg import config
from kg.extract.annotate import attach_evidence
from kg.store.layout import current_store_path

CURATED = {
    "source": "x.txt", "language": "fi",
    "projects": [{"title": {"fi": "Laulava kylä", "sv": None, "en": None},
                  "funders": ["Opetus- ja kulttuuriministeriö"], "start_date": "2021-01-01",
                  "budget": {"total_eur": 5000, "shares": []}}],
}


def _entry(field: str, value: object) -> dict:
    return {"field": field, "value": value, "start": 0, "end": 5, "quote": "Lause. " * 80}


def test_only_stated_values_get_evidence_and_curated_values_stay() -> None:
    extracted = {"projects": [{"title": {"fi": "Laulava kylä -hanke"}, "evidence": [
        _entry("funders", "opetus- ja kulttuuriministeriö"),
        _entry("funders", "Taiteen edistämiskeskus"),       # not stated by the person
        _entry("start_date", "2021-01-01"),
        _entry("budget.total_eur", 5000),
        _entry("end_date", "2022-12-31"),                    # not stated
    ]}]}
    annotated = attach_evidence(CURATED, extracted)
    evidence = annotated["projects"][0]["evidence"]
    assert [(e["field"], e["value"]) for e in evidence] == [
        ("funders", "opetus- ja kulttuuriministeriö"), ("start_date", "2021-01-01"),
        ("budget.total_eur", 5000)]
    assert all(len(e["quote"]) <= 300 for e in evidence)
    without = {k: v for k, v in annotated["projects"][0].items() if k != "evidence"}
    assert without == CURATED["projects"][0]
    assert "evidence" not in CURATED["projects"][0]


def test_a_different_project_gets_no_evidence() -> None:
    extracted = {"projects": [{"title": {"fi": "Aivan toinen asia"},
                               "evidence": [_entry("start_date", "2021-01-01")]},
                              {"title": {"fi": "Kolmas"}, "evidence": []}]}
    assert "evidence" not in attach_evidence(CURATED, extracted)["projects"][0]


def test_shipped_records_carry_evidence_that_the_graph_quotes(built_store) -> None:
    record = json.loads((config.RECORDS_DIR / "h017.json").read_text(encoding="utf-8"))
    funders = [e for p in record["projects"] for e in p.get("evidence", [])
               if e["field"] == "funders"]
    assert funders, "h017 should carry evidence for its funders"
    store = ox.Store.read_only(str(current_store_path(built_store)))
    rows = list(store.query(
        """PREFIX oa: <http://www.w3.org/ns/oa#>
           PREFIX kuhy: <https://w3id.org/kuhy/ontology#>
           SELECT ?exact WHERE { ?a kuhy:field "funders" ; oa:hasTarget/oa:hasSelector ?s .
                                 ?s oa:exact ?exact }""", use_default_graph_as_union=True))
    exacts = {row["exact"].value for row in rows}
    assert any("sosiaali- ja terveysministeriö" in text.casefold() for text in exacts), exacts
