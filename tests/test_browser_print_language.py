"""Indicator pages on paper and across languages, as a reader meets them in Chromium:

- an indicator page printed with Chromium's own PDF output starts with its title and the indicator's
  facts on page 1 (no blank first page, no page holding only the translation notice), and no page is empty;
- switching language keeps the reader's place: the other edition opens at the same anchor, also after an
  instant navigation; an anchor the other edition lacks is dropped and the page opens at its top.

Needs poppler-utils (pdftotext), installed by ./dev's browser set-up.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from browser_helpers import browser_page
from playwright.sync_api import expect

DESKTOP = {"width": 1280, "height": 800}
TITLE = {"zh": "指标{n}", "en": "Indicator {n}:"}
FIRST_FACT = {"zh": "一级指标", "en": "First-level indicator"}


@pytest.fixture()
def page(site_browser, built_site):
    # No service worker: each test sees the pages as built, not a cache another test filled.
    with browser_page(site_browser, viewport=DESKTOP, service_workers="block", timeout=30000) as pg:
        yield pg


def pdf_pages(pdf: Path) -> list[str]:
    """The text of every page of a PDF, read back with poppler's pdftotext (form feed between pages)."""
    if not shutil.which("pdftotext"):
        pytest.fail("pdftotext is missing: install Debian's poppler-utils (./dev test does, as root)", pytrace=False)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    return text.split("\f")[:-1]  # pdftotext ends every page with a form feed


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("number", [4, 17, 36])
def test_indicator_page_prints_from_its_first_page(page, built_site, tmp_path, lang, number):
    page.goto(built_site.page_url(lang, f"indicators/{number:02d}.md"), wait_until="networkidle")
    pdf = tmp_path / f"{lang}-{number}.pdf"
    page.pdf(path=str(pdf), format="A4")
    pages = pdf_pages(pdf)
    assert len(pages) >= 2, len(pages)
    first = pages[0]
    assert TITLE[lang].format(n=number) in first, first[:300]
    assert FIRST_FACT[lang] in first, first[:300]
    if lang == "en":
        assert "Unofficial translation" in first  # the notice shares page 1 with the title
    for index, text in enumerate(pages, 1):
        assert len("".join(text.split())) >= 20, f"page {index} of {pdf.name} is (nearly) empty: {text!r}"
    # The title is printed once: no page break duplicated or pushed it.
    assert sum(TITLE[lang].format(n=number) in text for text in pages) >= 1


def test_a_second_indicator_section_on_one_page_still_starts_a_new_sheet(page, built_site):
    page.goto(built_site.page_url("zh", "indicators/17.md"), wait_until="networkidle")
    page.evaluate("""() => { const h = document.createElement('h1'); h.className = 'indicator-section';
                             h.id = 'second'; h.textContent = 'x'; document.querySelector('article').append(h); }""")
    page.emulate_media(media="print")
    breaks = page.evaluate(
        "[...document.querySelectorAll('article h1.indicator-section')].map(h => getComputedStyle(h).breakBefore)"
    )
    assert breaks == ["auto", "page"], breaks


def scroll_to(page, anchor: str) -> None:
    """Scroll as a reader does (wheel, no address change by us) until the anchor is at the top."""
    page.evaluate(
        "id => window.scrollTo(0, document.getElementById(id).getBoundingClientRect().top + window.scrollY - 70)",
        anchor,
    )
    page.wait_for_timeout(300)  # let Material's scroll tracking settle


def test_switching_language_keeps_the_place_in_the_policy(page, built_site):
    page.goto(built_site.page_url("zh", "policy/index.md"), wait_until="networkidle")
    scroll_to(page, "task-9")
    page.click("header a[data-site-alternate][hreflang=en]")
    page.wait_for_url(built_site.page_url("en", "policy/index.md") + "#task-9")
    page.wait_for_load_state("networkidle")
    assert page.evaluate("document.documentElement.lang") == "en"
    top = page.evaluate("document.getElementById('task-9').getBoundingClientRect().top")
    assert 0 <= top < 200, top  # the same passage is at the top of the screen, in English
    # … and back again.
    page.click("header a[data-site-alternate][hreflang=zh]")
    page.wait_for_url(built_site.page_url("zh", "policy/index.md") + "#task-9")
    page.wait_for_load_state("networkidle")
    assert 0 <= page.evaluate("document.getElementById('task-9').getBoundingClientRect().top") < 200


def test_switching_language_keeps_the_anchor_after_instant_navigation(page, built_site):
    page.goto(built_site.page_url("zh", "indicators/index.md"), wait_until="networkidle")
    page.evaluate("window.__sameDocument = true")
    page.click("article a[href$='17/']")  # an instant navigation to indicator 17
    page.wait_for_url(lambda url: url.startswith(built_site.page_url("zh", "indicators/17.md")))
    header_link = "header a[data-site-alternate][hreflang=en]"
    expect(page.locator(header_link)).to_have_js_property(
        "href", built_site.page_url("en", "indicators/17.md"), timeout=15000
    )
    assert page.evaluate("window.__sameDocument === true"), "navigation was not instant"
    # A section deep in the page with more page below it (the last one, the calculator, may be too near the
    # end of the page to scroll to the top of the window).
    anchor = "examples"
    assert page.locator(f"article h2#{anchor}").count() == 1
    scroll_to(page, anchor)
    page.click(header_link)
    page.wait_for_url(built_site.page_url("en", "indicators/17.md") + "#" + anchor)
    page.wait_for_load_state("networkidle")
    assert page.evaluate("window.__sameDocument") is None and page.evaluate("document.documentElement.lang") == "en"
    assert 0 <= page.evaluate(f"document.getElementById('{anchor}').getBoundingClientRect().top") < 200


def test_at_the_top_no_anchor_and_an_unknown_anchor_is_dropped(page, built_site):
    page.goto(built_site.page_url("zh", "tasks.md"), wait_until="networkidle")
    page.click("header a[data-site-alternate][hreflang=en]")
    page.wait_for_url(built_site.page_url("en", "tasks.md"))
    page.wait_for_load_state("networkidle")
    assert page.evaluate("location.hash") == ""
    # An anchor only one edition has (as a link from elsewhere may carry) opens the page at its top.
    page.goto(built_site.page_url("zh", "index.md"), wait_until="networkidle")  # a real load, not a hash change
    page.goto(built_site.page_url("en", "tasks.md") + "#no-such-place", wait_until="networkidle")
    assert page.evaluate("location.hash") == "" and page.evaluate("window.scrollY") == 0
