"""What a researcher sees, in a real browser (Debian chromium through Playwright) over the
built store: charts, a list narrowed by a facet and its CSV export, the query page's
errors and canned-query forms. Screenshots in tests/artifacts/: home-charts, list-facet,
query-syntax-error, canned-form-results, canned-form-project.
"""

from __future__ import annotations

import csv
import io

import pytest
from browser_helpers import shot
from playwright.sync_api import Page, expect

BASE = "https://w3id.org/kuhy/"
pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_charts_render_with_data_on_the_home_page(real_server: str, page: Page) -> None:
    page.goto(f"{real_server}/")
    for dimension in ("year", "region", "funder"):
        chart = page.locator(f"figure.chart[data-dimension='{dimension}']")
        expect(chart.locator("svg.bars")).to_be_visible()
        widths = [float(w) for w in chart.locator("rect.projects").evaluate_all(
            "rects => rects.map(r => r.getAttribute('width'))")]
        assert widths and max(widths) > 0
        figures = chart.locator("table.figures tbody tr")
        assert figures.count() == len(widths)
        box = chart.locator("svg.bars").bounding_box()
        assert box and box["height"] > 20 and box["width"] > 100
    shot(page, "home-charts")


def test_a_list_filters_by_a_facet_and_its_csv_holds_the_filtered_rows(
        real_server: str, page: Page) -> None:
    page.goto(f"{real_server}/")
    page.locator("a[data-list='project']").click()
    page.wait_for_url("**/page/project/")
    before = int(page.locator("#row-count").inner_text())
    facet = page.locator(".facet[data-facet='region'] a").first
    chosen = facet.inner_text()
    facet.click()
    page.wait_for_url("**region=*")
    expect(page.locator(".facet[data-facet='region'] a.selected")).to_have_text(chosen)
    after = int(page.locator("#row-count").inner_text())
    assert 1 <= after < before
    shot(page, "list-facet")
    export = page.locator("#export-csv").get_attribute("href")
    answer = page.request.get(f"{real_server}{export}")
    assert answer.ok and answer.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(answer.text())))
    assert len(rows) == after
    assert all(chosen in row["regions"].split("; ") for row in rows)
    shown = set(page.locator("table.list tbody tr td:first-child a").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))"))
    assert shown and shown <= {"/" + row["iri"].removeprefix(BASE) for row in rows}
