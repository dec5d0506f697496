"""Presentation mode (docs/<lang>/indicators/present.md, assets/javascripts/presentation/): three slides
per indicator (rule and reading, worked example, calculator). Reached from an indicator page, it presents
at once at that indicator; the keys a trainer or a clicker sends move between slides, and on a slide
taller than the screen Space / ↓ / Page Down scroll it first, with a "more below" cue; at 1024×768 every
slide fits, at 200 % zoom (512×384) every slide fits or scrolls. The filters keep the indicators of a
category or of a unit (as calc's ruleset lists a unit's indicators), say so on the slide and in the
"start at" list; printed (Chromium's page.pdf), it is one indicator per A4 page, no blank page, with the
document number and the indicator at the top of every page and "第 x / N 页" at its foot.

Set SELFSCORE_SHOTS=<folder> to keep screenshots (slide 17 at 1024×768 and at 200 % zoom, 20 scrolled at 200 %, 18 at 390 px) and
the handout's first pages as PNG."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from browser_helpers import browser_page
from selfscore_helpers import PHONE, screenshot

from calc.ruleset import default_ruleset

PROJECTOR = {"width": 1024, "height": 768}
ZOOM_200 = {"width": 512, "height": 384}  # 200 % zoom on a 1024×768 projector, in CSS pixels
PARTS = 3  # slides per indicator
DOCUMENT_NUMBER = "平政办发〔2023〕21号"


def current(page) -> int:
    return int(page.get_attribute(".present-slide.is-current", "data-number"))


def where(page) -> tuple[int, int]:
    """The current slide: (indicator, which of its slides)."""
    return current(page), int(page.get_attribute(".present-slide.is-current", "data-part"))


# What a person sees of the current slide: how tall it is against the screen, where it is scrolled to,
# and whether the "more below" cue is up.
SLIDE_STATE = """() => { const s = document.querySelector('.present-slide.is-current');
    const more = document.querySelector('[data-present-more]');
    return {id: s.id, scrollHeight: s.scrollHeight, clientHeight: s.clientHeight, scrollTop: s.scrollTop,
            wide: s.scrollWidth > s.clientWidth + 1, font: parseFloat(getComputedStyle(s).fontSize),
            cue: !more.hidden && more.getBoundingClientRect().height > 0}; }"""


def shown_numbers(page) -> list[int]:
    return [
        int(n)
        for n in page.eval_on_selector_all(
            '.present-slide[data-part="1"]:not(.is-filtered-out)', "els => els.map(e => e.dataset.number)"
        )
    ]


def pdf_pages(path: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return text.split("\f")[:-1] if text.endswith("\f") else text.split("\f")


def pdf_margins(path: Path) -> list[tuple[str, str]]:
    """Each A4 page's top and bottom margin (18 mm, print.css), as text without spaces: the running header
    and the page number. pdftotext spaces small CJK text, and orders a wrapped right-hand box, as it likes."""

    def strip(y: int) -> list[str]:
        text = subprocess.run(
            ["pdftotext", "-x", "0", "-y", str(y), "-W", "600", "-H", "52", str(path), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        return [re.sub(r"\s+", "", page) for page in text.split("\f")[: pdf_page_count(path)]]

    return list(zip(strip(0), strip(790)))


def pdf_page_count(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))


@pytest.fixture()
def page(site_browser):
    with browser_page(site_browser, viewport=PROJECTOR, service_workers="block") as page:
        yield page


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_from_an_indicator_page_to_its_slide_and_the_keys_move(built_site, page, lang):
    page.goto(built_site.page_url(lang, "indicators/17.md"))
    page.locator("a.ind-present").click()
    page.wait_for_selector(".present.is-presenting .present-slide.is-current")
    assert current(page) == 17
    deck = page.locator("[data-present-deck]")
    assert deck.bounding_box()["width"] == PROJECTOR["width"], "the deck does not cover the window"
    screenshot(page, f"present-17-{lang}-1024x768")
    # At 1024×768 every slide fits (test_every_slide_fits_or_scrolls), so Space and Page Down turn at once.
    for key, expected in (
        ("ArrowRight", (17, 2)),
        ("PageDown", (17, 3)),
        (" ", (18, 1)),
        ("PageUp", (17, 3)),
        ("ArrowLeft", (17, 2)),
        ("ArrowUp", (17, 1)),
        ("ArrowDown", (17, 2)),
        ("End", (41, PARTS)),
        ("PageDown", (41, PARTS)),
        ("Home", (1, 1)),
        ("PageUp", (1, 1)),
    ):
        page.keyboard.press(key if key != " " else "Space")
        assert where(page) == expected, f"after {key}"
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
        for _ in range(PARTS):
            page.keyboard.press("ArrowRight")
        assert where(page) == (number, 1)
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
    for number, (head, foot) in enumerate(pdf_margins(pdf), 1):
        # The running header: the document number and this page's indicator; the page number at the foot.
        assert DOCUMENT_NUMBER in head, f"page {number} has no document number at the top: {head!r}"
        if lang == "zh":
            assert f"指标{number}" in head, f"page {number}: {head!r}"
        else:
            assert "Indicator" in head and f"{number}:" in head, f"page {number}: {head!r}"
        assert foot == (f"第{number}/41页" if lang == "zh" else f"Page{number}of41"), f"page {number}: {foot!r}"
    if lang == "en":  # the English number beside the Chinese one, and the edition's notice kept on page 1
        assert "Ping Zheng Ban Fa [2023] No. 21" in pages[0] and "Unofficial translation" in pages[0]
    # A filtered handout prints only the filter's indicators.
    page.select_option("[data-present-category]", "development")
    filtered = tmp_path / f"handout-{lang}-development.pdf"
    page.pdf(path=str(filtered), format="A4")
    development = [n for n, ind in default_ruleset().indicators.items() if ind["category"].startswith("dev")]
    assert pdf_page_count(filtered) == len(development)
    # Counted over the handout printed, headed by its own indicators.
    head, foot = pdf_margins(filtered)[0]
    assert foot == (f"第1/{len(development)}页" if lang == "zh" else f"Page1of{len(development)}")
    assert DOCUMENT_NUMBER in head and (f"指标{development[0]}" if lang == "zh" else f"{development[0]}:") in head
    subprocess.run(
        ["pdftoppm", "-r", "50", "-png", "-f", "1", "-l", "2", str(pdf), str(tmp_path / "handout")], check=True
    )
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
    with browser_page(site_browser, viewport=ZOOM_200, device_scale_factor=2, service_workers="block") as page:
        page.goto(built_site.page_url(lang, "indicators/present.md") + "#slide-17")
        page.wait_for_selector(".present.is-presenting .present-slide.is-current")
        slide = page.locator(".present-slide.is-current")
        # Nothing sticks out sideways; what is taller than the screen scrolls inside the slide.
        assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")
        assert slide.evaluate("s => s.scrollWidth <= s.clientWidth + 1")
        font = slide.evaluate("s => parseFloat(getComputedStyle(s).fontSize)")
        assert font >= 16
        screenshot(page, f"present-17-{lang}-zoom200")
        page.set_viewport_size(PHONE)
        for _ in range(PARTS):
            page.keyboard.press("ArrowRight")
        assert where(page) == (18, 1)
        screenshot(page, f"present-18-{lang}-390")


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("viewport", [PROJECTOR, ZOOM_200], ids=["1024x768", "zoom200"])
def test_every_slide_fits_or_scrolls_before_it_turns(built_site, site_browser, lang, viewport):
    """Space through the whole deck as a presenter with a clicker would: a slide that fits turns at once;
    one taller than the screen says so ("more below") and scrolls, and turns only once its end is shown.
    At 1024×768 every slide fits (a long one gets smaller type); at 200 % zoom (16 px type) some scroll."""
    with browser_page(
        site_browser, viewport=viewport, device_scale_factor=2 if viewport == ZOOM_200 else 1, service_workers="block"
    ) as page:
        page.goto(built_site.page_url(lang, "indicators/present.md") + "#slide-1")
        page.wait_for_selector(".present.is-presenting .present-slide.is-current")
        seen, scrolled = [], []
        for _ in range(41 * PARTS):
            state = page.evaluate(SLIDE_STATE)
            seen.append(state["id"])
            assert state["font"] >= 16, f"{state['id']}: {state['font']} px type"
            assert not state["wide"], f"{state['id']} sticks out sideways"
            if viewport == PROJECTOR:
                assert state["scrollHeight"] <= state["clientHeight"] + 1, f"{state['id']} does not fit 1024×768"
            # Page by page to the slide's end, the cue up until then; never more presses than screens.
            for _ in range(state["scrollHeight"] // max(1, state["clientHeight"] // 2) + 1):
                if state["scrollHeight"] - state["clientHeight"] - state["scrollTop"] < 2:
                    break
                assert state["cue"], f"{state['id']} has more below and does not say so"
                shown_to = state["scrollTop"] + state["clientHeight"]  # the lowest line on the screen
                page.keyboard.press("Space")
                state = page.evaluate(SLIDE_STATE)
                assert state["id"] == seen[-1], f"Space turned {seen[-1]} before its end was shown"
                # (the cue's strip goes at the end, so the slide can grow and its scrollTop shrink a little)
                assert state["scrollTop"] + state["clientHeight"] > shown_to
                scrolled.append(state["id"])
            assert state["scrollHeight"] - state["clientHeight"] - state["scrollTop"] < 2, (
                f"{state['id']}: end never shown"
            )
            assert not state["cue"], f"{state['id']}: the cue stays up at the end"
            page.keyboard.press("Space")
        assert seen == [
            f"slide-{n}" + ("" if part == 1 else f"-{part}") for n in range(1, 42) for part in range(1, PARTS + 1)
        ]
        assert page.evaluate(SLIDE_STATE)["id"] == f"slide-41-{PARTS}"  # Space at the very end stays there
        if viewport == ZOOM_200:
            assert scrolled, "nothing scrolled at 200 % zoom: the test would not see the scrolling"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_at_200_percent_zoom_the_arrows_up_scroll_back_and_the_side_arrows_turn(built_site, site_browser, lang):
    with browser_page(site_browser, viewport=ZOOM_200, device_scale_factor=2, service_workers="block") as page:
        page.goto(built_site.page_url(lang, "indicators/present.md") + "#slide-20")
        page.wait_for_selector(".present.is-presenting .present-slide.is-current")
        state = page.evaluate(SLIDE_STATE)
        assert state["scrollHeight"] > state["clientHeight"] + 1, "slide 20 (1/3) fits at 200 %: choose a longer one"
        assert state["cue"]
        assert page.locator("[data-present-more]").text_content().strip() == (
            "下方还有内容 ↓" if lang == "zh" else "More below ↓"
        )
        screenshot(page, f"present-20-{lang}-zoom200")
        page.keyboard.press("ArrowDown")
        assert where(page) == (20, 1) and page.evaluate(SLIDE_STATE)["scrollTop"] > 0
        screenshot(page, f"present-20-{lang}-zoom200-scrolled")
        page.keyboard.press("ArrowUp")
        assert where(page) == (20, 1) and page.evaluate(SLIDE_STATE)["scrollTop"] == 0
        page.keyboard.press("PageUp")
        assert where(page) == (19, PARTS)
        # → and ← turn at once, scrolled or not.
        page.keyboard.press("ArrowRight")
        page.keyboard.press("ArrowDown")
        assert where(page) == (20, 1) and page.evaluate(SLIDE_STATE)["scrollTop"] > 0
        page.keyboard.press("ArrowRight")
        assert where(page) == (20, 2) and page.evaluate(SLIDE_STATE)["scrollTop"] == 0
        page.keyboard.press("ArrowLeft")
        assert where(page) == (20, 1)
        # The cue scrolls too, for a mouse.
        page.locator("[data-present-more]").click()
        assert page.evaluate(SLIDE_STATE)["scrollTop"] > 0


def test_the_unit_filter_is_said_on_the_slide_and_restricts_the_start_list(built_site, page):
    page.goto(built_site.page_url("zh", "indicators/present.md"))
    page.wait_for_selector(".present.is-ready")
    start_list = "els => els.map(e => Number(e.value))"
    assert page.eval_on_selector_all("[data-present-start] option", start_list) == list(range(1, 42))
    assert page.locator("[data-present-filter]").is_hidden()
    page.select_option("[data-present-unit]", "market-regulation")
    expected = sorted(default_ruleset().indicators_for_unit("market-regulation"))
    assert page.eval_on_selector_all("[data-present-start] option", start_list) == expected
    page.locator("[data-present-go]").click()
    note = page.locator("[data-present-filter]")
    assert note.is_visible() and note.text_content() == "仅显示：县市场监督管理局的指标"
    screenshot(page, "present-filter-zh-1024x768")
    page.keyboard.press("End")
    assert where(page) == (expected[-1], PARTS)
    page.keyboard.press("Escape")
    # Started from the list: only the filter's indicators are there to choose.
    page.select_option("[data-present-start]", str(expected[5]))
    assert where(page) == (expected[5], 1)
    page.select_option("[data-present-category]", "regulation")
    regulation = {"supervision", "enforcement"}  # 规范监管's second-level categories (data/categories.yaml)
    both = [n for n in expected if default_ruleset().indicators[n]["category"] in regulation]
    assert page.eval_on_selector_all("[data-present-start] option", start_list) == both
    assert note.text_content() == "仅显示：“规范监管”类指标中县市场监督管理局的指标"
    page.select_option("[data-present-unit]", "")
    page.select_option("[data-present-category]", "")
    assert note.is_hidden()
    assert page.eval_on_selector_all("[data-present-start] option", start_list) == list(range(1, 42))


def test_handout_page_rules_come_from_the_strings_and_the_data():
    from site_macros.presentation import css_string, handout_css, page_counter
    from tools.datasource import load_data

    assert page_counter("zh") == '"第 " counter(page) " / " counter(pages) " 页"'
    assert page_counter("en") == '"Page " counter(page) " of " counter(pages)'
    assert css_string('a "b" \\ </style>') == '"a \\"b\\" \\\\ \\3c /style>"'
    data = load_data()
    css = handout_css(data, [{"number": 17, "title": "严厉查处涉网违法案件"}], "zh")
    assert data["document"]["document_number"]["zh"] == DOCUMENT_NUMBER and f'"{DOCUMENT_NUMBER}"' in css
    assert '@page present-17 { @top-right { content: "指标17　严厉查处涉网违法案件";' in css
