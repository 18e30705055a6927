"""The W3C Reconciliation Service API at /reconcile over real HTTP, with the request shapes
OpenRefine sends: the manifest (GET), a batch of queries (POST form field ``queries``),
preview (in a frame) and suggest."""

from __future__ import annotations

import json

import requests

from kg.link.reference import read_statfi_municipalities

MINISTRY_NAMES = ("Opetus- ja kulttuuriministeriö", "Ministry of Education and Culture",
                  "Undervisnings- och kulturministeriet")
# what OpenRefine 3.x posts: form-encoded, a JSON object of queries keyed q0, q1, …
FORM = {"Content-Type": "application/x-www-form-urlencoded; charset=UTF-8"}


def _reconcile(server: str, queries: dict[str, object]) -> dict[str, list[dict]]:
    response = requests.post(f"{server}/reconcile", data={"queries": json.dumps(queries)},
                             headers=FORM, timeout=60)
    assert response.status_code == 200, response.text
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    return {key: answer["result"] for key, answer in response.json().items()}


def test_manifest(real_server: str) -> None:
    manifest = requests.get(f"{real_server}/reconcile", timeout=60).json()
    assert manifest["identifierSpace"] == "https://w3id.org/kuhy/id/"
    assert {t["id"] for t in manifest["defaultTypes"]} == {"organisation", "project",
                                                            "municipality"}
    assert manifest["view"]["url"] == "https://kuhy.example.org/id/{{id}}"
    assert manifest["preview"]["url"].startswith("https://kuhy.example.org/reconcile/preview")
    assert manifest["suggest"]["entity"]["service_path"] == "/reconcile/suggest/entity"


def test_the_ministry_in_three_languages_is_one_organisation(real_server: str) -> None:
    queries = {f"q{i}": {"query": name, "type": "organisation", "type_strict": "should",
                         "limit": 3}
               for i, name in enumerate(MINISTRY_NAMES)}
    queries["q3"] = {"query": MINISTRY_NAMES[1]}  # no type
    answers = _reconcile(real_server, queries)
    best = {key: results[0] for key, results in answers.items()}
    assert len({result["id"] for result in best.values()}) == 1
    for result in best.values():
        assert result["score"] >= 0.9 and result["match"] is True
        assert result["type"] == [{"id": "organisation", "name": "Organisation"}]
        assert result["id"].startswith("organisation/")
    assert all(len(answers[f"q{i}"]) <= 3 for i in range(3))
    assert all(not r["match"] for results in answers.values() for r in results[1:])


def test_identifiers_decide_and_municipalities_match_by_code(real_server: str) -> None:
    ministry = _reconcile(real_server, {"q0": {"query": MINISTRY_NAMES[0]}})["q0"][0]["id"]
    by_business_id = _reconcile(real_server, {"q0": {
        "query": "Opetusministeriö ja kulttuuri", "type": "organisation",
        "properties": [{"pid": "businessId", "v": "0245872-8"}]}})["q0"]
    assert by_business_id[0]["id"] == ministry and by_business_id[0]["match"]
    codes = read_statfi_municipalities()
    queries = {f"q{i}": {"query": codes[code], "type": "municipality",
                         "properties": [{"pid": "municipalityCode", "v": code}]}
               for i, code in enumerate(("837", "091", "905"))}
    answers = _reconcile(real_server, queries)
    assert [answers[f"q{i}"][0]["id"] for i in range(3)] == [
        "municipality/837", "municipality/091", "municipality/905"]
    unknown = _reconcile(real_server, {"q0": {"query": "Tampere", "type": "spaceship"}})
    assert unknown["q0"] == []


def test_preview_is_a_frameable_page_and_suggest_completes(real_server: str) -> None:
    preview = requests.get(f"{real_server}/reconcile/preview",
                           params={"id": "municipality/837"}, timeout=60)
    assert preview.status_code == 200 and "Tampere" in preview.text
    assert "X-Frame-Options" not in preview.headers
    assert "frame-ancestors *" in preview.headers["Content-Security-Policy"]
    assert "script-src 'self'" in preview.headers["Content-Security-Policy"]
    page = requests.get(f"{real_server}/page/municipality/837", timeout=60)
    assert page.headers["X-Frame-Options"] == "DENY"
    suggested = requests.get(f"{real_server}/reconcile/suggest/entity",
                             params={"prefix": "Tamper", "type": "municipality"},
                             timeout=60).json()["result"]
    assert {"id": "municipality/837", "name": "Tampere",
            "description": "Municipality"} in suggested
    types = requests.get(f"{real_server}/reconcile/suggest/type", params={"prefix": "org"},
                         timeout=60).json()["result"]
    assert [t["id"] for t in types] == ["organisation"]


def test_bad_requests_are_refused_plainly(real_server: str) -> None:
    bad_json = requests.post(f"{real_server}/reconcile", data={"queries": "{not json"},
                             timeout=60)
    assert bad_json.status_code == 400
    too_many = {f"q{i}": {"query": "x"} for i in range(101)}
    assert requests.post(f"{real_server}/reconcile", data={"queries": json.dumps(too_many)},
                         timeout=60).status_code == 400
    assert requests.get(f"{real_server}/reconcile/preview", params={"id": "../../etc"},
                        timeout=60).status_code == 404
