"""Typing into the form. Each keystroke is rescored at once, and the page redraws only what the new answer
changes: a note that moves no figure leaves the summary, the score bar and the index as they are (the same
elements), while a figure that moves the total rebuilds the summary with the new total. data-scored on the
summary counts the answers drawn (benchmarks/bench_selfscore.py times keystrokes by it). Each indicator's
fields sit in a <form> of their own (form.js says why): Enter in a field submits nothing and loses nothing."""

from __future__ import annotations

from selfscore_helpers import open_indicator, open_session

MARK = "el => { el.__sameElement = true; }"
STILL_MARKED = "el => el.__sameElement === true"


def _scored(page) -> int:
    return int(page.get_attribute(".selfscore-summary", "data-scored"))


def _wait_scored_after(page, count: int) -> None:
    page.wait_for_function("n => Number(document.querySelector('.selfscore-summary').dataset.scored) > n", arg=count)


def test_a_note_redraws_nothing_but_a_figure_redraws_the_summary(built_site, site_browser):
    with open_session(site_browser, built_site, "zh") as session:
        page = session.page
        session.wait_scored()
        assert session.total() == 0
        open_indicator(page, 8)
        title = page.locator("#selfscore-summary-title")
        bar = page.locator(".selfscore-sticky-total")
        index_link = page.locator("a.selfscore-index-link[data-goto='8']")
        for element in (title, bar, index_link):
            element.evaluate(MARK)

        # An evidence note is saved and scored, but it moves no figure: nothing above the form is rebuilt.
        before = _scored(page)
        page.fill("#evidence-8", "税务局2025年报表")
        _wait_scored_after(page, before)
        assert session.saved()["evidence"]["8"] == "税务局2025年报表"
        for element in (title, bar, index_link):
            assert element.evaluate(STILL_MARKED)

        # 35 of 1000 (3.5 %) earns a point for indicator 8: the summary, the bar and the index show it.
        page.select_option("#fact-online_tax_share-mode", "parts")
        page.fill("#fact-online_tax_share-numerator", "35")
        page.fill("#fact-online_tax_share-denominator", "1000")
        session.wait_total(1)
        assert page.locator("#selfscore-summary-title").text_content().startswith("总分 1 / 100")
        assert not page.locator("#selfscore-summary-title").evaluate(STILL_MARKED)
        assert "总分 1 / 100" in page.locator(".selfscore-sticky-total").text_content()
        assert page.get_attribute("a.selfscore-index-link[data-goto='8']", "data-state") == "done"
        assert page.locator("#indicator-8 .selfscore-badge").text_content() == "1 / 2"


def test_enter_in_a_field_keeps_the_page_and_what_was_typed(built_site, site_browser):
    with open_session(site_browser, built_site, "en") as session:
        page = session.page
        session.wait_scored()
        open_indicator(page, 8)
        page.evaluate("() => { window.__samePage = true; }")
        url = page.url
        # As a percentage, indicator 8 has one text field: the kind of form that Enter would submit.
        page.fill("#fact-online_tax_share-percent", "3.5")
        page.press("#fact-online_tax_share-percent", "Enter")
        page.fill("#evidence-8", "Tax bureau, 2025")
        page.press("#evidence-8", "Enter")  # a new line in the note, nothing else
        session.wait_total(1)
        page.wait_for_timeout(500)  # a submission would have reloaded the page by now
        assert page.evaluate("() => window.__samePage === true") and page.url == url
        assert page.input_value("#fact-online_tax_share-percent") == "3.5"
        assert page.input_value("#evidence-8") == "Tax bureau, 2025\n"
        assert page.locator("#indicator-8 form.selfscore-indicator-body").count() == 1
        assert session.saved()["facts"]["online_tax_share"] == {"percent": "3.5"}
