"""Drive the site's real search box (overrides/partials/site-search.html, assets/javascripts/search.js) the
way a reader does: open it from the header, type, read the listed results.

Used by tests/test_site_search*.py, tests/test_xlsx_site.py and benchmarks/bench_search.py; a test module
that imports `search_pages` gets the fixture below.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from browser_helpers import browser_context
from playwright.sync_api import Page

SEARCH = "[data-site-search]"
INPUT = "[data-site-search-input]"
DIALOG = "[data-site-search-dialog]"
OPEN_BUTTON = "[data-site-search-open]"
STATUS = "[data-site-search-status]"
TOP_LINKS = "[data-site-search-results] > li > a"


@dataclass
class Listed:
    status: str  # the status line the reader sees ("找到 8 个页面", "Nothing on this site matches …")
    pages: list[str]  # hrefs of the listed pages, best first (one entry per page)
    titles: list[str]  # their titles as shown
    marked: list[str]  # the highlighted words in the excerpts


def open_search(page: Page) -> None:
    """Open the search dialog with the header button (and wait until the box has the focus)."""
    if not page.locator(DIALOG).evaluate("d => d.open"):
        page.click(OPEN_BUTTON)
    page.wait_for_function("document.activeElement && document.activeElement.matches('[data-site-search-input]')")


def type_query(page: Page, query: str, timeout: float = 30000) -> Listed:
    """Type a query into the open search box (replacing what is there) and read what is listed once the
    results of exactly that query are shown."""
    box = page.locator(INPUT)
    box.fill("")
    if len(query) <= 40:
        box.press_sequentially(query)  # key by key, as typed
    else:
        box.fill(query)  # a long paste
    expected = query.strip()
    page.wait_for_function(
        """q => { const s = document.querySelector('[data-site-search]');
                  return s.getAttribute('data-site-search-query') === q
                         && ['results', 'none', 'error'].includes(s.getAttribute('data-site-search-state')); }""",
        arg=expected,
        timeout=timeout,
    )
    return read_listed(page)


def read_listed(page: Page) -> Listed:
    return Listed(
        status=page.locator(STATUS).inner_text(),
        pages=page.eval_on_selector_all(TOP_LINKS, "els => els.map(e => e.href)"),
        titles=page.eval_on_selector_all(
            TOP_LINKS + " .site-search__result-title", "els => els.map(e => e.textContent)"
        ),
        marked=page.eval_on_selector_all("[data-site-search-results] mark", "els => els.map(e => e.textContent)"),
    )


def search(page: Page, query: str) -> Listed:
    open_search(page)
    return type_query(page, query)


@pytest.fixture(scope="module")
def search_pages(site_browser, built_site):
    """One page per edition with the search open; no service worker (its precache would download the
    whole site in the background while the queries run)."""
    with browser_context(site_browser, viewport={"width": 1280, "height": 800}, service_workers="block") as context:
        pages = {}
        for lang in ("zh", "en"):
            page = context.new_page()
            page.set_default_timeout(30000)
            page.goto(built_site.page_url(lang, "index.md"))
            open_search(page)
            pages[lang] = page
        yield pages
