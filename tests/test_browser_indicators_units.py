"""The indicator and unit pages in headless Chromium: nothing is wider than a phone, the wide tables scroll
inside their own box with the first column kept in view, the large-type button works and is remembered
from one indicator page to the next, and an indicator page prints from a new sheet.

Uses the session fixtures `built_site` and `site_browser` from conftest.py.
"""

from __future__ import annotations

import pytest
from browser_helpers import browser_page
from site_helpers import LANGUAGES

DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
PAGES = [
    "indicators/index.md",
    "indicators/03.md",
    "indicators/17.md",
    "indicators/25.md",
    "units/index.md",
    "units/matrix.md",
    "units/market-regulation.md",
    "units/joint-conference-members.md",
]


@pytest.fixture()
def phone(site_browser):
    with browser_page(site_browser, viewport=PHONE, is_mobile=True, has_touch=True, timeout=30000) as pg:
        yield pg


@pytest.fixture()
def desktop(site_browser):
    with browser_page(site_browser, viewport=DESKTOP, timeout=30000) as pg:
        yield pg


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_page_is_wider_than_a_phone(phone, built_site, lang):
    for page in PAGES:
        phone.goto(built_site.page_url(lang, page), wait_until="networkidle")
        overflow = phone.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{lang} {page}: {overflow}px wider than the phone"
        size = phone.evaluate(
            "parseFloat(getComputedStyle(document.querySelector('article > p:not([class])')).fontSize)"
        )
        assert size >= 17, (page, size)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_matrix_scrolls_in_its_box_and_keeps_the_unit_names_in_view(phone, built_site, lang):
    phone.goto(built_site.page_url(lang, "units/matrix.md"), wait_until="networkidle")
    result = phone.evaluate(
        """() => {
             const wrap = document.querySelector('.unit-matrix-wrap');
             const cell = document.querySelector('#unit-matrix tbody th.m-unit');
             const before = cell.getBoundingClientRect().left;
             const scrollable = wrap.scrollWidth > wrap.clientWidth;
             wrap.scrollLeft = 400;
             const after = cell.getBoundingClientRect().left;
             return {scrollable, moved: wrap.scrollLeft, before, after};
           }"""
    )
    assert result["scrollable"] and result["moved"] > 0, result
    assert abs(result["after"] - result["before"]) < 1, result


def test_large_type_is_remembered_on_indicator_pages_only(desktop, built_site):
    desktop.goto(built_site.page_url("zh", "indicators/17.md"), wait_until="networkidle")
    size = "parseFloat(getComputedStyle(document.querySelector('article .ind-interpretation p')).fontSize)"
    normal = desktop.evaluate(size)
    button = desktop.locator("[data-large-type-toggle]")
    assert button.get_attribute("aria-pressed") == "false"
    button.click()
    assert desktop.evaluate("document.documentElement.classList.contains('large-type')")
    assert button.get_attribute("aria-pressed") == "true"
    large = desktop.evaluate(size)
    assert large / normal >= 1.25, (normal, large)
    # The side bars make room on a projector-sized screen.
    assert desktop.evaluate("getComputedStyle(document.querySelector('.md-sidebar--secondary')).display") == "none"
    # The next indicator opens in large type too (a full page load).
    desktop.goto(built_site.page_url("zh", "indicators/18.md"), wait_until="networkidle")
    assert desktop.evaluate("document.documentElement.classList.contains('large-type')")
    assert desktop.locator("[data-large-type-toggle]").get_attribute("aria-pressed") == "true"
    # Pages without the button keep the normal size.
    desktop.goto(built_site.page_url("zh", "units/matrix.md"), wait_until="networkidle")
    assert not desktop.evaluate("document.documentElement.classList.contains('large-type')")
    desktop.goto(built_site.page_url("zh", "indicators/18.md"), wait_until="networkidle")
    desktop.locator("[data-large-type-toggle]").click()
    assert not desktop.evaluate("document.documentElement.classList.contains('large-type')")


def test_indicator_page_prints_without_the_button_and_keeps_examples_whole(desktop, built_site):
    desktop.goto(built_site.page_url("en", "indicators/17.md"), wait_until="networkidle")
    desktop.emulate_media(media="print")
    # The page's own title does not force a new sheet: that left page 1 blank (tests/test_browser_print_language.py
    # prints the page and reads its first sheet).
    assert desktop.evaluate("getComputedStyle(document.querySelector('#indicator-17')).breakBefore") == "auto"
    assert desktop.evaluate("getComputedStyle(document.querySelector('.ind-tools')).display") == "none"
    assert desktop.evaluate("getComputedStyle(document.querySelector('.ind-example')).breakInside") == "avoid"
