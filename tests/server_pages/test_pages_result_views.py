"""Chart views of query results and the map, over real HTTP: the numbers each SVG draws
are checked against the rows the same query gives at /sparql (JSON), and unknown values
stay unknown (no bar, no point, "–")."""

from __future__ import annotations

import csv
import importlib.util
import io
import json
import re
from collections import defaultdict
from decimal import Decimal
from html import unescape
from pathlib import Path

import pytest
import requests

from kg import config
from kg.link.reference import read_tsv
from server.app import create_app
from server.browse.catalogue import Catalogue
from server.charts import maps, present
from server.settings import Settings

QUERIES = config.PROJECT_ROOT / "kg" / "queries"
FUNDING = (QUERIES / "funding_by_region_and_year.rq").read_text(encoding="utf-8")
MUNICIPALITIES = (QUERIES / "join_municipality_statistics.rq").read_text(encoding="utf-8")


def _load_script(name: str) -> object:
    path = config.PROJECT_ROOT / "bench" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


boundaries_script = _load_script("region_boundaries")


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
    regions = _regions(html)
    assert sorted(value for _code, value, _shade in regions) == sorted(expected.values())
    _assert_shades_follow_the_figures(regions)


def _regions(html: str) -> list[tuple[str, Decimal | None, int | None]]:
    """(code, value, shade class) of each region the choropleth shades."""
    return [(code, Decimal(value) if value else None, int(shade) if shade else None)
            for code, value, shade in re.findall(
                r'<path class="region[^"]*" data-code="(\d+)" data-value="([^"]*)" '
                r'data-shade="([^"]*)" d="M[\d.]+,[\d.]+ L', _svg(html, "choropleth"))]


def _assert_shades_follow_the_figures(regions: list[tuple[str, Decimal | None, int | None]]
                                      ) -> None:
    known = sorted((value, shade) for _code, value, shade in regions if value is not None)
    shades = [shade for _value, shade in known]
    assert shades == sorted(shades) and shades[0] == 0 and shades[-1] > 0
    assert all(shade is None for _code, value, shade in regions if value is None)


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
    regions = _regions(html)
    codes = {row["region_code"]: Decimal(row["projects"]) for row in figures}
    assert {code: value for code, value, _shade in regions} == codes
    _assert_shades_follow_the_figures(regions)
    blank = re.findall(r'<path class="region blank" d="M', _svg(html, "choropleth"))
    assert len(regions) + len(blank) == 19


def test_the_regions_lie_where_they_are(real_server: str) -> None:
    """Lappi is north of Uusimaa, Ahvenanmaa west of both; regions without a row are blank,
    a region whose figure is unknown is hatched and says so in the legend."""
    sparql = """PREFIX kuhy: <https://w3id.org/kuhy/ontology#>
        SELECT ?region ?n WHERE { ?region a kuhy:Region ; kuhy:regionCode ?code
          FILTER (?code IN ("01", "19", "21")) BIND(IF(?code = "21", ?missing, 1) AS ?n) }"""
    html = _view(real_server, sparql, view="map")
    svg = _svg(html, "choropleth")
    middle = {}
    for code, path in re.findall(r'data-code="(\d+)"[^>]* d="([^"]+)"', svg):
        points = [(float(x), float(y)) for x, y in re.findall(r"([\d.]+),([\d.]+)", path)]
        middle[code] = (sum(x for x, _y in points) / len(points),
                        sum(y for _x, y in points) / len(points))
    assert set(middle) == {"01", "19", "21"}
    assert middle["19"][1] < middle["01"][1]
    assert middle["21"][0] < min(middle["01"][0], middle["19"][0])
    assert 'class="region unknown" data-code="21" data-value="" data-shade=""' in svg
    assert 'fill="url(#unknown-hatch)"' in svg and 'class="legend-step unknown"' in svg
    assert len(re.findall(r'<path class="region blank"', svg)) == 16


def test_shade_classes_never_fall_as_figures_rise() -> None:
    values = [Decimal(v) for v in (1, 1, 2, 3, 5, 8, 13, 21, 34, 55, 89)]
    bounds = maps.shade_classes(values)
    assert len(bounds) == 5 and bounds[-1] == 89
    shades = [maps.shade_of(value, bounds) for value in values]
    assert shades == sorted(shades) and shades[0] == shades[1] == 0 and shades[-1] == 4
    assert maps.shade_of(None, bounds) is None
    assert maps.shade_classes([Decimal(7)] * 4) == [Decimal(7)]


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
    for name in ("finland-outline.geojson", "region-centres.tsv", "finland-regions.geojson"):
        assert (folder / name).is_file() and f"## {name}" in notes
    assert "LGPL-3.0-or-later" in notes and "CC BY 4.0" in notes
    assert "Apache-2.0" in notes and "public domain" in notes
    assert (folder / "LICENSE-Apache-2.0.txt").is_file()


def test_the_region_boundaries_are_keyed_by_statistics_finland_codes() -> None:
    """Each of the 19 regions once, under the code data/reference gives its name."""
    collection = json.loads((config.PROJECT_ROOT / "data" / "reference" / "map"
                             / "finland-regions.geojson").read_text(encoding="utf-8"))
    names = boundaries_script.region_names()
    codes = [feature["properties"]["maakunta_code"] for feature in collection["features"]]
    reference = {row["code"] for row in read_tsv("wikidata_places_fi.tsv")
                 if row["level"] == "maakunta"}
    assert sorted(codes) == sorted(reference) and len(codes) == 19
    for feature in collection["features"]:
        properties = feature["properties"]
        assert boundaries_script.region_code(properties["source_name"], names) == \
            properties["maakunta_code"]
    assert boundaries_script.region_code("Varsinais-Suomi", names) == "02"
    assert boundaries_script.region_code("Egentliga Finland", names) == "02"
    assert boundaries_script.region_code("Finland Proper", names) == "02"
    assert boundaries_script.region_code("Ostrobothnia", names) == "15"
    assert boundaries_script.region_code("Åland", names) == "21"
    with pytest.raises(KeyError):
        boundaries_script.region_code("Province of Oulu", names)


def test_a_view_refuses_what_the_endpoint_refuses(sample_server: str) -> None:
    federated = "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }"
    answer = requests.post(f"{sample_server}/query/view", data={"query": federated}, timeout=60)
    assert answer.status_code == 400 and "SERVICE" in answer.text
    deep = "SELECT * WHERE " + "{ " * 200 + "?s ?p ?o" + " }" * 200
    answer = requests.post(f"{sample_server}/query/view", data={"query": deep}, timeout=60)
    assert answer.status_code == 400
    assert requests.get(f"{sample_server}/query/view", timeout=60).status_code == 400


def test_the_choropleth_and_its_symbol_map_fallback_draw_the_same_figures(built_store) -> None:
    """Synthetic figures: a region with a figure is shaded, one whose figure is unknown is
    hatched, the other 17 are blank, the highlighted one outlined; without boundaries the
    same figures are circles on the outline."""
    app = create_app(Settings(store_root=built_store, query_workers=1))
    known = Catalogue()
    lappi, uusimaa = (f"{config.BASE_URI}id/region/{code}" for code in ("19", "01"))
    known.region_code.update({lappi: "19", uusimaa: "01"})
    figures = [(lappi, Decimal(3), 1), (uusimaa, None, 2)]
    try:
        with app.test_request_context("/"):
            drawn = present.choropleth(figures, known, "fi", None, maps.boundaries(), "19")
            circles = present.symbol_map(figures, known, "fi", None)
    finally:
        app.extensions["kuhy.engine"].close()
    assert [(a.code, a.level, a.colour) for a in drawn.areas] == [
        ("19", 0, maps.SHADES[-1]), ("01", None, present.UNKNOWN_FILL)]
    assert len(drawn.blank) == 17 and drawn.highlight == maps.boundaries().paths["19"]
    assert [step.kind for step in drawn.legend] == ["class", "unknown", "blank"]
    assert drawn.height == maps.boundaries().height + 3 * present.LEGEND_ROW
    assert [(s.value, s.radius) for s in circles.symbols] == [(Decimal(3), maps.MAX_RADIUS),
                                                              (None, 3.0)]
