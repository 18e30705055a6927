"""The pages in a real browser (Debian chromium through Playwright) over the built store.

With KUHY_TEST_SCREENSHOTS=1 screenshots go to tests/artifacts/ (gitignored): the home
page, a canned query's results and a narrowed search.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from browser_helpers import narrow_by_first_region, shot
from playwright.sync_api import Page, expect

from kg.rdf.vocab import K
from kg.store.layout import current_store_path

pytestmark = [pytest.mark.browser, pytest.mark.slow]

def _richest_project_with_source_url(store_root: Path) -> str:
    """Key of a project with organisations, a funder, a start date, places and a source URL."""
    store = ox.Store.read_only(str(current_store_path(store_root)))
    rows = list(store.query(f"""
        SELECT ?p (COUNT(DISTINCT ?part) AS ?n) WHERE {{
          ?p a <{K.Project}> ; <{K.startDate}> ?start ; <{K.hasParticipation}> ?part ;
             <{K.hasFunding}>/<{K.funder}> ?funder ; <{K.sourceDocument}>/<{K.url}> ?url .
          {{ ?p <{K.municipality}> ?place }} UNION {{ ?p <{K.region}> ?place }}
        }} GROUP BY ?p ORDER BY DESC(?n) ?p LIMIT 1""", use_default_graph_as_union=True))
    del store
    assert rows, "the built store has no project with all the facts a page should show"
    return rows[0][0].value.rsplit("/id/project/", 1)[1]


def test_home_page(live_server: str, page: Page) -> None:
    page.goto(f"{live_server}/")
    expect(page.locator("h1")).to_contain_text("kulttuurihyvinvointi")
    expect(page.locator("#build-id")).not_to_be_empty()
    expect(page.locator("a[href='/dumps/kuhy.ttl.gz']")).to_be_visible()
    shot(page, "home-fi")


def test_canned_query_runs_in_the_editor(live_server: str, page: Page) -> None:
    page.goto(f"{live_server}/query")
    expect(page.locator(".CodeMirror")).to_be_visible()
    page.locator("#examples a.example[data-name='projects_by_funder']").click()
    rows = page.locator(".yasr table tbody tr")
    expect(rows.first).to_be_visible()
    assert rows.count() >= 1
    assert "example=" in page.url
    shot(page, "query-results")


def test_project_page_in_finnish_then_swedish(live_server: str, built_store: Path,
                                              page: Page) -> None:
    key = _richest_project_with_source_url(built_store)
    page.goto(f"{live_server}/id/project/{key}")
    assert page.url.endswith(f"/page/project/{key}")
    facts = page.locator("table.facts").first
    for label in ("organisaatiot", "rahoitus", "alkaa", "lähdeasiakirja"):
        expect(facts).to_contain_text(label)
    expect(facts).to_contain_text("päätoteuttaja")
    expect(page.locator("section.sources a[href^='http']").first).to_be_visible()
    fi_shot = page.screenshot(full_page=True)

    page.locator("ul.langs a[hreflang='sv']").click()
    expect(page.locator("html")).to_have_attribute("lang", "sv")
    facts = page.locator("table.facts").first
    for label in ("organisationer", "finansiering", "börjar", "källdokument"):
        expect(facts).to_contain_text(label)
    expect(facts).to_contain_text("huvudgenomförare")
    sv_shot = page.screenshot(full_page=True)
    # the choice is remembered: the next page is Swedish without ?lang
    page.goto(f"{live_server}/")
    expect(page.locator("html")).to_have_attribute("lang", "sv")
    assert len(fi_shot) > 10_000 and len(sv_shot) > 10_000  # both pages rendered


def test_search_and_click_a_facet(live_server: str, page: Page) -> None:
    page.goto(f"{live_server}/")
    box = page.locator("header form.searchbox input[name=q]")
    box.fill("kulttuuri")
    box.press("Enter")
    page.wait_for_url("**/search?q=kulttuuri*")
    _chosen, before, after = narrow_by_first_region(page, "#result-count")
    assert before > 1
    assert 1 <= after < before
    shot(page, "search-facet")
