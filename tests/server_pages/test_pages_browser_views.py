"""Chart views and the map in a real browser (Debian chromium through Playwright) over the
built store, offline and under the pages' Content-Security-Policy. Screenshots in
tests/artifacts/: query-bar-chart, query-line-chart, canned-form-map, home-map, region-map.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from browser_helpers import shot
from playwright.sync_api import Page, expect

from kg import config

pytestmark = [pytest.mark.browser, pytest.mark.slow]
FUNDING = "funding_by_region_and_year"
FUNDING_SPARQL = (config.PROJECT_ROOT / "kg" / "queries" / f"{FUNDING}.rq").read_text(
    encoding="utf-8")


def _projects_per_row(server: str, sparql: str = FUNDING_SPARQL) -> list[str]:
    answer = requests.post(f"{server}/sparql", data={"query": sparql},
                           headers={"Accept": "application/sparql-results+json"}, timeout=120)
    return [row["projects"]["value"] for row in answer.json()["results"]["bindings"]]


def test_the_query_page_shows_a_bar_chart_of_the_result(live_server: str, page: Page) -> None:
    page.goto(f"{live_server}/query?example={FUNDING}")
    pane = page.locator("#result-view-pane")
    expect(pane.locator("nav.result-views")).to_be_visible()
    pane.locator("a.view[data-view='bar']").click()
    bars = pane.locator("svg.result-bars rect")
    expect(bars.first).to_be_visible()
    drawn = bars.evaluate_all("rects => rects.map(r => r.getAttribute('data-value'))")
    assert drawn == _projects_per_row(live_server)[:60]
    box = pane.locator("svg.result-bars").bounding_box()
    assert box and box["height"] > 100 and box["width"] > 300
    expect(pane.locator("table.bar-figures tbody tr")).to_have_count(len(drawn))
    exported = page.request.get(live_server + pane.locator("a.result-csv").get_attribute("href"))
    assert exported.ok and exported.headers["content-type"].startswith("text/csv")
    assert len(exported.text().strip().splitlines()) == len(_projects_per_row(live_server)) + 1
    shot(page, "query-bar-chart")
    pane.locator("a.view[data-view='line']").click()
    expect(pane.locator("svg.lines")).to_be_visible()
    assert pane.locator("svg.lines g.series circle").count() >= 3
    shot(page, "query-line-chart")


def test_a_canned_form_shows_its_result_on_the_map(live_server: str, page: Page) -> None:
    page.goto(f"{live_server}/query/form/{FUNDING}")
    page.locator("#run-canned").click()
    page.locator("a.view[data-view='map']").click()
    page.wait_for_url("**view=map*")
    regions = page.locator("svg.choropleth path.region[data-code]")
    expect(regions.first).to_be_visible()
    values = [int(v) for v in regions.evaluate_all(
        "ps => ps.map(p => p.getAttribute('data-value'))")]
    bound = parse_qs(urlsplit(page.locator("#editor-link").get_attribute("href")).query)
    rows = _projects_per_row(live_server, bound["query"][0])
    assert rows and sum(values) == sum(int(v) for v in rows)
    shot(page, "canned-form-map")


def test_the_map_renders_with_data_on_the_home_page(live_server: str, page: Page) -> None:
    page.goto(f"{live_server}/")
    figure = page.locator("#home-map")
    regions = figure.locator("svg.choropleth path.region")
    expect(regions.first).to_be_visible()
    assert regions.count() == 19        # every region drawn, with a figure or blank
    boxes = [regions.nth(i).bounding_box() for i in range(regions.count())]
    assert all(box and box["width"] > 2 and box["height"] > 2 for box in boxes)
    left = min(box["x"] for box in boxes)
    top = min(box["y"] for box in boxes)
    width = max(box["x"] + box["width"] for box in boxes) - left
    height = max(box["y"] + box["height"] for box in boxes) - top
    assert height > 1.5 * width > 200   # Finland is tall
    shaded = figure.locator("svg.choropleth path.region[data-code]")
    shades = {fill for fill in shaded.evaluate_all(
        "ps => ps.map(p => getComputedStyle(p).fill)")}
    assert shaded.count() == figure.locator("table.map-figures tbody tr").count() >= 3
    assert len(shades) >= 2             # the figures differ, so do the shades
    expect(figure.locator("svg.choropleth g.legend-step").first).to_be_visible()
    shot(page, "home-map")


def test_a_region_page_shows_the_map_with_the_region_outlined(live_server: str,
                                                              page: Page) -> None:
    page.goto(f"{live_server}/page/region/19")
    image = page.locator("#region-map img.region-map")
    expect(image).to_be_visible()
    assert image.evaluate("img => img.complete && img.naturalHeight > 300")
    svg = page.request.get(live_server + image.get_attribute("src")).text()
    assert svg.count('class="highlight"') == 1 and svg.count('class="region') == 19
    shot(page, "region-map")


@pytest.mark.parametrize(("lang", "run", "table", "filter_text"), [
    ("fi", "Suorita kysely", "Taulukko", "Suodata tuloksia"),
    ("sv", "Kör frågan", "Tabell", "Filtrera resultaten"),
    ("en", "Run query", "Table", "Filter query results"),
])
def test_the_editor_speaks_the_page_language(live_server: str, page: Page, lang: str, run: str,
                                             table: str, filter_text: str) -> None:
    page.goto(f"{live_server}/query?example=projects_by_funder&lang={lang}")
    expect(page.locator("#result-view-pane nav.result-views")).to_be_visible()
    expect(page.locator("#yasgui button.yasqe_queryButton")).to_have_attribute("title", run)
    expect(page.locator("#yasgui button.select_table")).to_contain_text(table)
    expect(page.locator("#yasgui input.tableFilter")).to_have_attribute("placeholder",
                                                                          filter_text)
    # the result rows and the query itself are never translated
    assert "SELECT" in page.locator("#yasgui .CodeMirror").inner_text()
    if lang == "sv":
        shot(page, "query-editor-sv")
