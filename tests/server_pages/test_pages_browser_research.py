"""What a researcher sees, in a real browser (Debian chromium through Playwright) over the
built store: charts, a list narrowed by a facet and its CSV export, the query page's
errors and canned-query forms. Screenshots in tests/artifacts/: home-charts, list-facet,
query-syntax-error, canned-form-results, canned-form-project.
"""

from __future__ import annotations

import csv
import io

import pytest
from browser_helpers import narrow_by_first_region, shot
from playwright.sync_api import Page, expect

BASE = "https://w3id.org/kuhy/"
pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_charts_render_with_data_on_the_home_page(live_server: str, page: Page) -> None:
    page.goto(f"{live_server}/")
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
        live_server: str, page: Page) -> None:
    page.goto(f"{live_server}/")
    page.locator("a[data-list='project']").click()
    page.wait_for_url("**/page/project/")
    chosen, before, after = narrow_by_first_region(page, "#row-count")
    assert 1 <= after < before
    shot(page, "list-facet")
    export = page.locator("#export-csv").get_attribute("href")
    answer = page.request.get(f"{live_server}{export}")
    assert answer.ok and answer.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(answer.text())))
    assert len(rows) == after
    assert all(chosen in row["regions"].split("; ") for row in rows)
    shown = set(page.locator("table.list tbody tr td:first-child a").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))"))
    assert shown and shown <= {"/" + row["iri"].removeprefix(BASE) for row in rows}


def test_a_syntax_error_is_shown_in_the_page_with_line_and_column(live_server: str,
                                                                  page: Page) -> None:
    page.goto(f"{live_server}/query?lang=en")
    expect(page.locator(".CodeMirror")).to_be_visible()
    page.evaluate("""() => { const tab = window.kuhyYasgui.getTab();
        tab.setQuery('SELECT ?x WHERE {\\n  ?x a ?y ;; FILTER( }'); tab.query(); }""")
    explanation = page.locator("#query-explanation")
    expect(explanation).to_be_visible()
    expect(explanation).to_contain_text("Error at line 2, column")
    expect(explanation.locator("pre")).to_contain_text("error at 2:")
    shot(page, "query-syntax-error")
    # an undeclared usual prefix is named, and its PREFIX line added on request
    page.evaluate("""() => { const tab = window.kuhyYasgui.getTab();
        tab.setQuery('SELECT ?p WHERE {\\n  ?p a kuhy:Project }'); tab.query(); }""")
    expect(explanation.locator(".missing-prefix")).to_contain_text("kuhy:")
    explanation.locator("button").click()
    expect(page.locator(".yasr table tbody tr").first).to_be_visible()
    expect(explanation).to_be_hidden()
    link = page.locator(".yasr table tbody a.iri").first.get_attribute("href")
    assert link.startswith("/id/project/")


def test_a_canned_query_run_from_its_form_links_to_local_pages(live_server: str,
                                                               page: Page) -> None:
    page.goto(f"{live_server}/query")
    page.locator("a.form-link[data-name='projects_by_funder']").click()
    page.wait_for_url("**/query/form/projects_by_funder")
    page.locator("select[name=funderName]").select_option("Opetus- ja kulttuuriministeriö")
    page.locator("#run-canned").click()
    page.wait_for_url("**run=1*")
    rows = page.locator("table.results tbody tr")
    expect(rows.first).to_be_visible()
    assert int(page.locator("#result-count").inner_text()) == rows.count() >= 1
    cells = page.locator("table.results tbody td").all_inner_texts()
    assert not any("^^" in cell or "@fi" in cell for cell in cells)
    shot(page, "canned-form-results")
    project = page.locator("table.results tbody a[href^='/id/project/']").first
    title = project.inner_text()
    project.click()
    page.wait_for_url("**/page/project/*")
    assert page.url.startswith(live_server)
    expect(page.locator("h1#title")).to_have_text(title)
    shot(page, "canned-form-project")


def test_pages_fit_a_phone_screen(live_server: str, page: Page) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    for path in ("/", "/page/project/", "/search?q=kulttuuri", "/query/form/projects_by_funder",
                 "/query"):
        page.goto(f"{live_server}{path}")
        width = page.evaluate("() => document.documentElement.scrollWidth")
        assert width <= 400, (path, width)
    shot(page, "phone-canned-form")
