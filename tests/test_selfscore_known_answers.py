"""Scores before Python has loaded. calc's answer depends only on calc and the data, so while the worker
loads, the page draws an answer calc has already given for exactly the data on screen: the build's for
the blank form of any first year the year box offers (form.json's known_answers; known.js), or the last
one the worker gave in this browser. Python's own answer follows
and must be the same. A change made before Python is ready has no such answer: the old scores make way,
and exports wait, until Python has scored it. The form and those scores are drawn before the page has
loaded, so the browser's own scroll to an address like #indicator-8 lands on the form too (last test).

Python is held back by holding the worker's requests for pyodide.asm.wasm (the route answers them only
when the test lets it), so what the page shows meanwhile can be read at leisure. Service workers are
blocked, so every request is seen by the route."""

from __future__ import annotations

import json

from browser_helpers import browser_context
from selfscore_helpers import DESKTOP, ENGINE_TIMEOUT_MS, PAGE, PHONE, STORAGE_KEY, open_indicator

ANSWER_KEY = STORAGE_KEY + ":answer"


class HeldEngine:
    """Holds every request for the WebAssembly runtime of the pages of `context` until release()."""

    def __init__(self, context) -> None:
        self.context = context
        self.held = []
        self.released = False
        context.route("**/pyodide.asm.wasm", self.hold)

    def hold(self, route) -> None:
        if self.released:
            route.continue_()
        else:
            self.held.append(route)

    def release(self) -> None:
        self.released = True
        for route in self.held:
            route.continue_()


def desktop_context(site_browser):
    return browser_context(
        site_browser, viewport=DESKTOP, service_workers="block", accept_downloads=True, timeout=30_000
    )


def open_page(context, built_site, lang: str, anchor: str = ""):
    page = context.new_page()
    page.goto(built_site.page_url(lang, PAGE[lang]) + anchor)
    return page


def summary(page) -> dict:
    return page.evaluate("""() => { const s = document.querySelector('.selfscore-summary');
      return { total: s.dataset.total, by: s.dataset.scoredBy, text: s.innerText }; }""")


def wait_python(page) -> None:
    page.wait_for_selector(".selfscore-status[data-ready]", timeout=ENGINE_TIMEOUT_MS)
    page.wait_for_selector(".selfscore-summary[data-scored-by='python']")


def keep_an_answer_for_3_5_percent(context, built_site, lang: str) -> tuple[dict, dict]:
    """Indicator 8 at 3.5 %, scored by Python: (the record the page keeps for the next visit, its summary)."""
    page = open_page(context, built_site, lang, "#indicator-8")
    wait_python(page)
    page.fill("#fact-online_tax_share-percent", "3.5")
    page.wait_for_function("() => document.querySelector('.selfscore-summary').dataset.total === '1'")
    # The answer is kept once typing pauses, with the exact data it answers.
    page.wait_for_function(f"() => (localStorage.getItem('{ANSWER_KEY}') || '').includes('3.5')")
    kept = json.loads(page.evaluate(f"() => localStorage.getItem('{ANSWER_KEY}')"))
    shown = summary(page)
    page.close()
    return kept, shown


def test_the_blank_form_is_scored_before_python_loads_and_python_agrees(built_site, site_browser):
    with desktop_context(site_browser) as context:
        engine = HeldEngine(context)
        page = open_page(context, built_site, "zh")
        page.wait_for_selector(".selfscore-summary[data-total]")
        assert engine.held, "the runtime was not held back, so this proves nothing"
        # Python has not loaded, yet the blank form's scores are there, worked out by calc at build time,
        # and the page says where they come from.
        assert page.get_attribute(".selfscore-status", "data-ready") is None
        early = summary(page)
        assert early["by"] == "build" and early["total"] == "0"
        assert early["text"].startswith("总分 0 / 100")
        assert "未达合格标准" in early["text"] and "距离合格还差" in early["text"]
        assert "下面的得分是同一版计分规则此前对现在所填内容算出的结果" in page.text_content(".selfscore-known")
        assert page.get_attribute("#indicator-1 .selfscore-badge", "data-status")
        # Python, once it has loaded, gives the same answer, drawn the same way.
        engine.release()
        wait_python(page)
        assert summary(page) == {**early, "by": "python"}
        assert page.locator(".selfscore-known").count() == 0


def test_another_year_chosen_before_python_loads_is_scored_by_the_build_too(built_site, site_browser):
    with desktop_context(site_browser) as context:
        engine = HeldEngine(context)
        page = open_page(context, built_site, "zh")
        page.wait_for_selector(".selfscore-summary[data-scored-by='build']")
        assert engine.held, "the runtime was not held back, so this proves nothing"
        # A person types another year into the year box and leaves it: the blank form of 2031 and 2032 is
        # scored at once, with the build's answer for those years (no national benchmarks for them).
        page.fill("#selfscore-year", "2031")
        page.press("#selfscore-year", "Tab")
        page.wait_for_function(
            "() => document.querySelector('#indicator-1 .selfscore-result').textContent.includes('2031年')"
        )
        assert page.get_attribute(".selfscore-status", "data-ready") is None
        assert page.text_content("#selfscore-years-shown") == "评估 2031 年和 2032 年"
        assert page.locator(".selfscore[data-pending]").count() == 0
        early = summary(page)
        assert early["by"] == "build" and early["total"] == "0"
        result = page.text_content("#indicator-1 .selfscore-result")
        assert "2031年未填写本县网上零售额同比增速；未填写全国网上零售额同比增速，本年不得分：0/1" in result
        assert "2032年未填写本县网上零售额同比增速；未填写全国网上零售额同比增速，本年不得分：0/1" in result
        # Python, once it has loaded, gives the same answer for those years.
        engine.release()
        wait_python(page)
        assert summary(page) == {**early, "by": "python"}
        assert page.text_content("#indicator-1 .selfscore-result") == result


def test_the_last_answer_is_shown_on_the_next_visit_and_a_change_waits_for_python(built_site, site_browser):
    with desktop_context(site_browser) as context:
        _, shown = keep_an_answer_for_3_5_percent(context, built_site, "en")

        engine = HeldEngine(context)
        page = open_page(context, built_site, "en", "#indicator-8")
        page.wait_for_selector(".selfscore-summary[data-total]")
        assert engine.held and page.get_attribute(".selfscore-status", "data-ready") is None
        assert summary(page) == {**shown, "by": "saved"}
        assert page.text_content("#indicator-8 .selfscore-badge") == "1 / 2"
        assert "The scores below were worked out earlier by the same scoring rules" in page.text_content(
            ".selfscore-known"
        )

        # 5 % has no known answer: the 1 point for 3.5 % is no longer claimed, the page says the change
        # will be scored, and the CSV export waits instead of writing the old scores.
        page.fill("#fact-online_tax_share-percent", "5")
        page.wait_for_selector(".selfscore[data-pending] .selfscore-pending")
        assert page.get_attribute(".selfscore-summary", "data-total") is None
        assert (
            page.text_content(".selfscore-pending")
            == "Your change is saved and will be scored as soon as the scoring engine has loaded."
        )
        page.click("#selfscore-csv")
        assert "has not finished loading" in page.text_content(".selfscore-messages")
        assert json.loads(page.evaluate(f"() => localStorage.getItem('{STORAGE_KEY}')"))["facts"][
            "online_tax_share"
        ] == {"percent": "5"}

        engine.release()
        wait_python(page)
        page.wait_for_function("() => document.querySelector('.selfscore-summary').dataset.total === '2'")
        assert page.get_attribute(".selfscore", "data-pending") is None
        assert page.text_content("#indicator-8 .selfscore-badge") == "2 / 2"
        assert page.input_value("#fact-online_tax_share-percent") == "5"


def test_a_change_before_python_when_python_cannot_load_says_so(built_site, site_browser):
    with desktop_context(site_browser) as context:
        context.route("**/pyodide.asm.wasm", lambda route: route.abort())
        page = open_page(context, built_site, "zh")
        page.wait_for_selector(".selfscore-summary[data-scored-by='build']")
        page.wait_for_selector(".selfscore-status[data-failed]", timeout=ENGINE_TIMEOUT_MS)
        # The blank form's scores stay: they are calc's for what is on screen.
        assert summary(page)["total"] == "0"
        open_indicator(page, 10)
        page.check("#fact-10\\.1")
        page.wait_for_selector(".selfscore[data-pending]")
        assert page.text_content(".selfscore-pending") == "修改已保存，但计分引擎未能加载，暂时无法重新计分。"
        assert page.get_attribute(".selfscore-summary", "data-total") is None


def test_an_answer_kept_by_another_calc_or_damaged_is_not_shown(built_site, site_browser):
    with desktop_context(site_browser) as context:
        kept, _ = keep_an_answer_for_3_5_percent(context, built_site, "zh")

        for stored in (
            {**kept, "source_hash": "0" * 64},  # made by another version of calc
            {**kept, "answer": kept["answer"][:200]},  # cut short
            "{not json",
        ):
            engine = HeldEngine(context)
            text = stored if isinstance(stored, str) else json.dumps(stored)
            page = context.new_page()
            page.add_init_script(f"localStorage.setItem({json.dumps(ANSWER_KEY)}, {json.dumps(text)})")
            page.goto(built_site.page_url("zh", PAGE["zh"]))
            page.wait_for_selector("#fact-online_tax_share-percent", state="attached")
            page.wait_for_timeout(300)
            assert engine.held
            # No score is claimed before Python has scored the saved 3.5 %, and nothing breaks.
            assert page.get_attribute(".selfscore-summary", "data-total") is None
            assert page.text_content(".selfscore-summary") == "计分引擎加载后显示得分。"
            engine.release()
            wait_python(page)
            assert summary(page)["total"] == "1"
            page.close()


def test_an_address_naming_an_indicator_shows_its_title_below_the_score_bar(built_site, site_browser):
    # The form is drawn before the page has loaded, so the browser's own scroll to #indicator-8 (made when
    # the page loads) lands on it as well as the page's: both must leave its title clear of the score bar.
    with browser_context(site_browser, viewport=PHONE, service_workers="block") as context:
        page = open_page(context, built_site, "zh", "#indicator-8")
        wait_python(page)
        page.wait_for_load_state("load")
        page.wait_for_timeout(500)
        title = page.locator("#indicator-8 .selfscore-indicator-title").bounding_box()
        bar = page.locator(".selfscore-sticky").bounding_box()
        assert title["y"] >= bar["y"] + bar["height"], (title, bar)
        assert title["y"] + title["height"] <= PHONE["height"] / 2
        assert page.locator("#indicator-8 .selfscore-indicator-title").text_content().startswith("8.")
