"""Chart views of query results and the map, over real HTTP: the numbers each SVG draws
are checked against the rows the same query gives at /sparql (JSON), and unknown values
stay unknown (no bar, no point, "–")."""

from __future__ import annotations

import csv
import io
import re
from collections import defaultdict
from decimal import Decimal
from html import unescape
from pathlib import Path

import pytest
import requests

from kg import config

QUERIES = config.PROJECT_ROOT / "kg" / "queries"
FUNDING = (QUERIES / "funding_by_region_and_year.rq").read_text(encoding="utf-8")
MUNICIPALITIES = (QUERIES / "join_municipality_statistics.rq").read_text(encoding="utf-8")


def _rows(server: str, sparql: str) -> list[dict[str, dict[str, str]]]:
    answer = requests.post(f"{server}/sparql", data={"query": sparql},
                           headers={"Accept": "application/sparql-results+json"}, timeout=120)
    assert answer.status_code == 200
    return answer.json()["results"]["bindings"]


def _view(server: str, sparql: str, **params: str) -> str:
    answer = requests.post(f"{server}/query/view", data={"query": sparql, "lang": "fi", **params},
                           timeout=120)
    assert answer.status_code == 200
    return answer.text


def _value(term: dict[str, str] | None) -> Decimal | None:
    return None if term is None else Decimal(term["value"])


def _svg(html: str, css_class: str) -> str:
    found = re.search(rf'<svg class="[^"]*\b{css_class}\b.*?</svg>', html, re.S)
    assert found, f"no svg.{css_class}"
    return found.group(0)


def _figures(html: str, css_class: str) -> list[list[str]]:
    table = re.search(rf'<table class="figures {css_class}">.*?<tbody>(.*?)</tbody>', html, re.S)
    assert table, f"no table.{css_class}"
    return [[unescape(re.sub(r"<[^>]+>", "", cell)).strip()
             for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
            for row in re.findall(r"<tr>(.*?)</tr>", table.group(1), re.S)]


def _shown(text: str) -> Decimal | None:
    return None if text == "–" else Decimal(text.replace(" ", ""))


def test_a_bar_chart_draws_each_row_of_a_label_and_a_number(real_server: str) -> None:
    rows = _rows(real_server, FUNDING)
    html = _view(real_server, FUNDING, view="bar", measure="projects")
    drawn = [Decimal(v) for v in re.findall(r'<rect [^>]*data-value="([^"]+)"',
                                            _svg(html, "result-bars"))]
    expected = [_value(row.get("projects")) for row in rows][:60]
    assert drawn == expected and len(drawn) >= 5
    assert [_shown(cells[1]) for cells in _figures(html, "bar-figures")] == expected
    widths = [float(w) for w in re.findall(r'<rect [^>]*width="([\d.]+)"',
                                           _svg(html, "result-bars"))]
    largest = max(expected)
    for value, width in zip(expected, widths, strict=True):
        assert width == pytest.approx(400 * float(value / largest), abs=0.1)


def test_an_unknown_amount_is_no_bar_and_no_zero(real_server: str) -> None:
    rows = _rows(real_server, FUNDING)
    assert any("fundingEur" not in row for row in rows), "the sample needs unknown amounts"
    html = _view(real_server, FUNDING, view="bar", measure="fundingEur")
    svg = _svg(html, "result-bars")
    known = [_value(row.get("fundingEur")) for row in rows if "fundingEur" in row][:60]
    assert [Decimal(v) for v in re.findall(r'data-value="([^"]+)"', svg)] == known
    shown = [_shown(cells[1]) for cells in _figures(html, "bar-figures")]
    assert shown == [_value(row.get("fundingEur")) for row in rows][:60]
    assert shown.count(None) == sum("fundingEur" not in row for row in rows[:60])


def test_a_line_chart_draws_the_figures_per_label_and_year(real_server: str) -> None:
    rows = _rows(real_server, FUNDING)
    html = _view(real_server, FUNDING, view="line", measure="projects")
    svg = _svg(html, "lines")
    drawn = {}
    for name, body in re.findall(r'<g class="series" data-name="([^"]+)">(.*?)</g>', svg, re.S):
        for year, value in re.findall(r'data-year="(\d+)" data-value="([^"]+)"', body):
            drawn[(unescape(name), int(year))] = Decimal(value)
    expected: dict[tuple[str, int], Decimal] = defaultdict(Decimal)
    for row in rows:
        if "year" in row:
            expected[(row["regionLabel"]["value"], int(row["year"]["value"]))] += \
                _value(row["projects"])
    assert drawn, "no points drawn"
    assert all(expected[key] == value for key, value in drawn.items())
    for name in {name for name, _year in drawn}:   # a drawn line has all its years
        assert {y for n, y in drawn if n == name} == {y for n, y in expected if n == name}


def _map_values(html: str) -> dict[str, Decimal | None]:
    return {cells[0]: _shown(cells[1]) for cells in _figures(html, "map-figures")}


def test_a_map_of_region_rows_adds_up_each_region(real_server: str) -> None:
    rows = _rows(real_server, FUNDING)
    html = _view(real_server, FUNDING, view="map", measure="projects")
    expected: dict[str, Decimal] = defaultdict(Decimal)
    for row in rows:
        expected[row["regionLabel"]["value"]] += _value(row["projects"])
    assert _map_values(html) == expected
    circles = re.findall(r'<circle class="symbol[^"]*" cx="([\d.]+)" cy="([\d.]+)" '
                         r'r="([\d.]+)" data-value="([^"]*)"', _svg(html, "symbol-map"))
    assert sorted(Decimal(c[3]) for c in circles) == sorted(expected.values())
    largest = max(circles, key=lambda c: Decimal(c[3]))
    for circle in circles:   # areas proportional to the figures
        ratio = float(Decimal(circle[3]) / Decimal(largest[3]))
        assert float(circle[2]) ** 2 / float(largest[2]) ** 2 == pytest.approx(ratio, abs=0.02)


def test_a_map_of_municipality_codes_counts_each_municipality_for_its_region(
        real_server: str) -> None:
    rows = _rows(real_server, MUNICIPALITIES)
    html = _view(real_server, MUNICIPALITIES, view="map")
    assert 'data-view="map"' in html
    expected: dict[str, Decimal] = defaultdict(Decimal)
    for row in rows:
        if "region" in row:
            expected[row["region"]["value"]] += _value(row["projects"])
    assert _map_values(html) == expected and len(expected) >= 3


def test_the_home_page_map_draws_the_projects_per_region_of_its_csv(real_server: str) -> None:
    html = requests.get(f"{real_server}/", params={"lang": "fi"}, timeout=60).text
    answer = requests.get(f"{real_server}/charts/map.csv", params={"lang": "fi"}, timeout=60)
    figures = list(csv.DictReader(io.StringIO(answer.text)))
    assert figures and all(row["region_code"] for row in figures)
    expected = {row["label"]: Decimal(row["projects"]) for row in figures}
    assert _map_values(html) == expected
    svg = _svg(html, "symbol-map")
    assert re.search(r'<path class="outline" d="M[\d.]+,[\d.]+ L', svg)
    assert len(re.findall(r"<circle ", svg)) == len(figures)


def test_the_centres_lie_where_the_regions_are(real_server: str) -> None:
    """Lappi's circle is north of Uusimaa's, Ahvenanmaa's west of both."""
    sparql = """PREFIX kuhy: <https://w3id.org/kuhy/ontology#>
        SELECT ?region (1 AS ?n) WHERE { ?region a kuhy:Region ; kuhy:regionCode ?code
          FILTER (?code IN ("01", "19", "21")) }"""
    html = _view(real_server, sparql, view="map")
    place = {name: (float(x), float(y)) for x, y, name in re.findall(
        r'cx="([\d.]+)" cy="([\d.]+)"[^>]*><title>([^:]+):', _svg(html, "symbol-map"))}
    assert set(place) == {"Uusimaa", "Lappi", "Ahvenanmaa"}
    assert place["Lappi"][1] < place["Uusimaa"][1]
    assert place["Ahvenanmaa"][0] < min(place["Uusimaa"][0], place["Lappi"][0])


def test_views_offered_follow_the_columns(sample_server: str) -> None:
    titles = """PREFIX kuhy: <https://w3id.org/kuhy/ontology#>
        SELECT ?project ?title WHERE { ?project a kuhy:Project ; kuhy:title ?title }"""
    html = _view(sample_server, titles, view="bar")
    assert set(re.findall(r'data-view="(\w+)"', html)) == {"table"}
    budgets = """PREFIX kuhy: <https://w3id.org/kuhy/ontology#>
        SELECT ?project ?budget WHERE { ?project a kuhy:Project ; kuhy:totalBudget ?budget }"""
    html = _view(sample_server, budgets, view="bar")
    assert "<svg" in html and "&lt;script&gt;" in html and "<script>" not in html


def test_a_failing_or_non_select_query_says_why(sample_server: str) -> None:
    html = _view(sample_server, "SELECT ?x WHERE { ?x ?y }", view="bar")
    assert 'class="query-error"' in html and re.search(r"1:\d+", html)
    html = _view(sample_server, "ASK { ?s ?p ?o }", view="bar")
    assert 'class="query-error"' in html and "SELECT" in html


def test_a_view_is_a_permalink(sample_server: str) -> None:
    sparql = """PREFIX kuhy: <https://w3id.org/kuhy/ontology#>
        SELECT ?project ?budget WHERE { ?project kuhy:totalBudget ?budget }"""
    answer = requests.get(f"{sample_server}/query/view",
                          params={"query": sparql, "view": "bar", "lang": "en"}, timeout=60)
    assert answer.status_code == 200 and 'data-view="bar"' in answer.text
    csv_link = unescape(re.search(r'class="result-csv" href="([^"]+)"', answer.text).group(1))
    exported = requests.get(f"{sample_server}{csv_link}", timeout=60)
    assert exported.headers["content-type"].startswith("text/csv")
    assert "budget" in exported.text.splitlines()[0]


def test_the_vendored_map_data_has_its_source_notes() -> None:
    folder = Path(config.PROJECT_ROOT / "data" / "reference" / "map")
    notes = (folder / "SOURCE.md").read_text(encoding="utf-8")
    for name in ("finland-outline.geojson", "region-centres.tsv"):
        assert (folder / name).is_file() and f"## {name}" in notes
    assert "LGPL-3.0-or-later" in notes and "CC BY 4.0" in notes


def test_a_view_refuses_what_the_endpoint_refuses(sample_server: str) -> None:
    federated = "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }"
    answer = requests.post(f"{sample_server}/query/view", data={"query": federated}, timeout=60)
    assert answer.status_code == 400 and "SERVICE" in answer.text
    deep = "SELECT * WHERE " + "{ " * 200 + "?s ?p ?o" + " }" * 200
    answer = requests.post(f"{sample_server}/query/view", data={"query": deep}, timeout=60)
    assert answer.status_code == 400
    assert requests.get(f"{sample_server}/query/view", timeout=60).status_code == 400
