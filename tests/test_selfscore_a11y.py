"""Accessibility of the self-scoring page (headless Chromium): the GOV.UK error summary links to the
fields and is announced, field-level messages are tied to their inputs, in the page language; every
control has a label, keyboard focus is visible, and the form can be filled with the keyboard alone."""

from __future__ import annotations

import pytest
from selfscore_helpers import PHONE, open_indicator, open_session

UNLABELLED = """() => [...document.querySelectorAll('[data-selfscore] input, [data-selfscore] select, [data-selfscore] textarea')]
  .filter(el => !(el.labels && [...el.labels].some(l => l.textContent.trim())) && !el.getAttribute('aria-label')
                && !el.getAttribute('aria-labelledby'))
  .map(el => el.id || el.outerHTML.slice(0, 80))"""

MESSAGES = {
    "zh": {"title": "有需要修改的内容", "number": "应为数字"},
    "en": {"title": "There is a problem", "number": "must be a number"},
}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_error_summary_links_to_the_field_and_field_message_is_tied_to_it(built_site, site_browser, lang):
    with open_session(site_browser, built_site, lang) as session:
        page = session.page
        session.wait_scored()
        assert page.is_hidden(".selfscore-errors")
        page.fill("#fact-online_tax_share-percent", "abc")
        summary = page.wait_for_selector(".selfscore-errors:not([hidden])")
        assert summary.get_attribute("role") == "alert"
        assert MESSAGES[lang]["title"] in summary.text_content()
        link = page.locator(".selfscore-errors a[href='#fact-online_tax_share-percent']")
        assert MESSAGES[lang]["number"] in link.text_content()
        # The summary sits above the form.
        assert page.evaluate(
            "() => document.querySelector('.selfscore-errors').getBoundingClientRect().top"
            " < document.querySelector('.selfscore-form').getBoundingClientRect().top"
        )
        # Field level: the input is marked invalid and described by the message next to it.
        field = page.locator("#fact-online_tax_share-percent")
        assert field.get_attribute("aria-invalid") == "true"
        described = field.get_attribute("aria-describedby").split()
        message = page.locator(f"#{described[-1]}")
        assert MESSAGES[lang]["number"] in message.text_content() and message.is_visible()
        assert page.locator("[data-fact='online_tax_share'] .selfscore-field-error").count() == 1
        # Following the link puts the cursor in the field.
        page.evaluate("window.scrollTo(0, 0)")
        link.click()
        assert page.evaluate("document.activeElement.id") == "fact-online_tax_share-percent"
        assert page.evaluate(
            "(() => { const r = document.activeElement.getBoundingClientRect();"
            " return r.top >= 0 && r.bottom <= innerHeight; })()"
        )
        # Corrected: the summary and the field message go away.
        page.fill("#fact-online_tax_share-percent", "3.2")
        page.wait_for_selector(".selfscore-errors[hidden]", state="attached")
        assert field.get_attribute("aria-invalid") is None
        assert page.locator(".selfscore-field-error").count() == 0
        session.assert_only_local()


@pytest.mark.parametrize("viewport", [None, PHONE], ids=["desktop", "phone"])
def test_every_control_is_labelled_and_the_form_works_with_the_keyboard(built_site, site_browser, viewport):
    with open_session(site_browser, built_site, "zh", **({"viewport": viewport} if viewport else {})) as session:
        page = session.page
        session.wait_scored()
        # On a phone one indicator is open at a time: the page's own index opens each one first.
        open_indicator(page, 4)
        page.click("#fact-new_large_operators-add")  # draws the company inputs too
        open_indicator(page, 8)
        page.select_option("#fact-online_tax_share-mode", "parts")
        assert page.evaluate(UNLABELLED) == []
        assert page.locator("[data-selfscore] input").count() > 60

        # From the unit selector onwards with Tab only, until the checkbox of sub-item 10.1.
        open_indicator(page, 10)
        page.focus("#selfscore-unit")
        for _ in range(700):
            if page.evaluate("document.activeElement.id") == "fact-10.1":
                break
            page.keyboard.press("Tab")
        else:
            pytest.fail("Tab never reached the checkbox of 10.1")
        # Keyboard focus is clearly visible: a solid 3 px ring.
        ring = page.evaluate(
            "(() => { const s = getComputedStyle(document.activeElement); return [s.outlineStyle, s.outlineWidth]; })()"
        )
        assert ring == ["solid", "3px"]
        page.keyboard.press("Space")
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.id") == "evidence-10"
        page.keyboard.type("特色产业名录")
        session.wait_total(2)
        saved = session.saved()
        assert saved["facts"]["10.1"] is True and saved["evidence"]["10"] == "特色产业名录"
        # The error summary's links work from the keyboard too (and open the indicator if it is folded).
        open_indicator(page, 8)
        page.fill("#fact-online_tax_share-numerator", "x")
        open_indicator(page, 10)
        page.wait_for_selector(".selfscore-errors:not([hidden])")
        page.focus(".selfscore-errors a[href='#fact-online_tax_share-numerator']")
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.id") == "fact-online_tax_share-numerator"
        session.assert_only_local()


def test_figures_of_years_no_longer_assessed_stay_visible_linked_and_removable(built_site, site_browser):
    with open_session(site_browser, built_site, "en") as session:
        page = session.page
        session.wait_scored()
        page.fill("#fact-online_retail_growth-2024-percent", "12")
        page.fill("#selfscore-year", "2025")
        page.press("#selfscore-year", "Tab")
        # 2024 is no longer assessed: the figure is still shown, calc reports it, the summary links to it.
        other = page.wait_for_selector("[data-fact='online_retail_growth'] .selfscore-other-year")
        assert "2024" in other.text_content() and "12%" in other.text_content()
        link = page.wait_for_selector(".selfscore-errors a[href='#fact-online_retail_growth-2024']")
        assert "2024" in link.text_content()
        assert session.saved()["facts"]["online_retail_growth"] == {"2024": {"percent": "12"}}
        link.click()
        assert page.evaluate("document.activeElement.id") == "fact-online_retail_growth-2024"
        page.keyboard.press("Enter")  # the focused button removes it
        page.wait_for_selector(".selfscore-errors[hidden]", state="attached")
        assert session.saved()["facts"].get("online_retail_growth") is None
        assert page.locator(".selfscore-other-year").count() == 0
        session.assert_only_local()
