"""Browser-test helpers: Debian chromium through Playwright, each page checked for requests
leaving 127.0.0.1 and for what the Content-Security-Policy refused; screenshots to
tests/artifacts/ (gitignored) on request and on failure."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from playwright.sync_api import Browser, Page, expect, sync_playwright

from kg import config

ARTIFACTS = config.PROJECT_ROOT / "tests" / "artifacts"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
TIMEOUT_MS = 30_000


@contextmanager
def chromium() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium",
                                             args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@contextmanager
def checked_page(browser: Browser) -> Iterator[Page]:
    """A page that fails the test afterwards if a request left 127.0.0.1 or the
    Content-Security-Policy refused anything (the editor's scripts and styles too)."""
    context = browser.new_context(locale="fi-FI", viewport={"width": 1280, "height": 1000})
    context.set_default_timeout(TIMEOUT_MS)
    requests_outside: list[str] = []
    context.on("request", lambda request: requests_outside.append(request.url)
               if not request.url.startswith("http://127.0.0.1") else None)
    new_page = context.new_page()
    refused: list[str] = []
    new_page.on("console", lambda message: refused.append(message.text)
                if "Content Security Policy" in message.text else None)
    yield new_page
    context.close()
    assert requests_outside == [], "the pages must work offline"
    assert refused == [], "the pages must work under their Content-Security-Policy"


def shot(page: Page, name: str) -> Path | None:
    """A full-page screenshot in tests/artifacts/ when KUHY_TEST_SCREENSHOTS is set (PNG
    encoding of a whole page costs chromium more than most checks do); a failing browser
    test always leaves one (tests/server_pages/conftest.py)."""
    if not os.environ.get("KUHY_TEST_SCREENSHOTS"):
        return None
    return save_screenshot(page, name)


def save_screenshot(page: Page, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def narrow_by_first_region(page: Page, count_selector: str) -> tuple[str, int, int]:
    """Click the first region facet of a search or list page: (the region chosen, the count
    shown at `count_selector` before, after), once the page shows that facet selected."""
    before = int(page.locator(count_selector).inner_text())
    facet = page.locator(".facet[data-facet='region'] a").first
    chosen = facet.inner_text()
    facet.click()
    page.wait_for_url("**region=*")
    expect(page.locator(".facet[data-facet='region'] a.selected")).to_have_text(chosen)
    return chosen, before, int(page.locator(count_selector).inner_text())
