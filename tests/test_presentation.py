"""Presentation mode (docs/<lang>/indicators/present.md, assets/javascripts/presentation/): reached from
an indicator page, it presents at once at that indicator; the keys a trainer or a clicker sends move
between slides; the filters keep the indicators of a category or of a unit (as calc's ruleset lists a
unit's indicators); printed (Chromium's page.pdf), it is one indicator per A4 page, no blank page.

Set SELFSCORE_SHOTS=<folder> to keep screenshots (1024×768, 200 % zoom, 390 px) and the handout's
first pages as PNG."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from calc.ruleset import default_ruleset
from selfscore_helpers import PHONE, screenshot

PROJECTOR = {"width": 1024, "height": 768}


def current(page) -> int:
    return int(page.get_attribute(".present-slide.is-current", "data-number"))


def shown_numbers(page) -> list[int]:
    return [int(n) for n in page.eval_on_selector_all(".present-slide:not(.is-filtered-out)", "els => els.map(e => e.dataset.number)")]


def pdf_pages(path: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return text.split("\f")[:-1] if text.endswith("\f") else text.split("\f")


def pdf_page_count(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))


@pytest.fixture()
def page(site_browser):
    context = site_browser.new_context(viewport=PROJECTOR, service_workers="block")
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_from_an_indicator_page_to_its_slide_and_the_keys_move(built_site, page, lang):
    page.goto(built_site.page_url(lang, "indicators/17.md"))
    page.locator("a.ind-present").click()
    page.wait_for_selector(".present.is-presenting .present-slide.is-current")
    assert current(page) == 17
    deck = page.locator("[data-present-deck]")
    assert deck.bounding_box()["width"] == PROJECTOR["width"], "the deck does not cover the window"
    screenshot(page, f"present-17-{lang}-1024x768")
    for key, expected in (("ArrowRight", 18), ("PageDown", 19), (" ", 20), ("PageUp", 19), ("ArrowLeft", 18),
                          ("ArrowUp", 17), ("ArrowDown", 18), ("End", 41), ("PageDown", 41), ("Home", 1), ("PageUp", 1)):
        page.keyboard.press(key if key != " " else "Space")
        assert current(page) == expected, f"after {key}"
        assert page.locator(".present-slide.is-current").is_visible()
        assert page.locator(".present-slide:visible").count() == 1
    assert page.evaluate("location.hash") == "#slide-1"
    page.keyboard.press("Escape")
    assert page.locator(".present.is-presenting").count() == 0


def test_filters_by_category_and_by_unit(built_site, page):
    page.goto(built_site.page_url("en", "indicators/present.md"))
    page.wait_for_selector(".present.is-ready")
    assert shown_numbers(page) == list(range(1, 42))
    page.select_option("[data-present-unit]", "taxation")
    expected = sorted(default_ruleset().indicators_for_unit("taxation"))
    assert expected and shown_numbers(page) == expected
    assert current(page) == expected[0]
    page.locator("[data-present-go]").click()
    for number in expected[1:]:
        page.keyboard.press("PageDown")
        assert current(page) == number
    page.keyboard.press("Escape")
    page.select_option("[data-present-unit]", "")
    page.select_option("[data-present-category]", "development")
    development = [n for n, ind in default_ruleset().indicators.items() if ind["category"].startswith("dev")]
    assert shown_numbers(page) == development
    # Start at any indicator of the filter.
    page.select_option("[data-present-start]", str(development[4]))
    assert current(page) == development[4]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_handout_prints_one_indicator_per_a4_page(built_site, page, lang, tmp_path):
    page.goto(built_site.page_url(lang, "indicators/present.md"))
    page.wait_for_selector(".present.is-ready")
    pdf = tmp_path / f"handout-{lang}.pdf"
    page.pdf(path=str(pdf), format="A4")
    pages = pdf_pages(pdf)
    assert pdf_page_count(pdf) == 41 == len(pages)
    for number, text in enumerate(pages, 1):
        squeezed = re.sub(r"\s+", "", text)
        title = default_ruleset().indicators[number]["title"][lang].rstrip("。.")
        assert re.sub(r"\s+", "", title)[:12] in squeezed, f"page {number} is not indicator {number}"
        assert text.strip(), f"page {number} is blank"
    # A filtered handout prints only the filter's indicators.
    page.select_option("[data-present-category]", "development")
    filtered = tmp_path / f"handout-{lang}-development.pdf"
    page.pdf(path=str(filtered), format="A4")
    development = [n for n, ind in default_ruleset().indicators.items() if ind["category"].startswith("dev")]
    assert pdf_page_count(filtered) == len(development)
    subprocess.run(["pdftoppm", "-r", "50", "-png", "-f", "1", "-l", "2", str(pdf), str(tmp_path / "handout")], check=True)
    first = sorted(tmp_path.glob("handout-*.png"))[0]
    assert first.stat().st_size > 10_000
    folder = os.environ.get("SELFSCORE_SHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        for png in tmp_path.glob("handout-*.png"):
            shutil.copy(png, Path(folder) / f"{lang}-{png.name}")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_slides_are_readable_at_200_percent_zoom_and_on_a_phone(built_site, site_browser, lang):
    # 200 % zoom on a 1024×768 projector: the page lays out in 512×384 CSS pixels.
    context = site_browser.new_context(viewport={"width": 512, "height": 384}, device_scale_factor=2, service_workers="block")
    try:
        page = context.new_page()
        page.goto(built_site.page_url(lang, "indicators/present.md") + "#slide-4")
        page.wait_for_selector(".present.is-presenting .present-slide.is-current")
        slide = page.locator(".present-slide.is-current")
        # Nothing sticks out sideways; what is taller than the screen scrolls inside the slide.
        assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")
        assert slide.evaluate("s => s.scrollWidth <= s.clientWidth + 1")
        font = slide.evaluate("s => parseFloat(getComputedStyle(s).fontSize)")
        assert font >= 16
        screenshot(page, f"present-4-{lang}-zoom200")
        page.set_viewport_size(PHONE)
        page.keyboard.press("PageDown")
        assert current(page) == 5
        screenshot(page, f"present-5-{lang}-390")
    finally:
        context.close()
