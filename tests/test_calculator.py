"""The live calculator on the indicator pages (assets/javascripts/calculator/), driven as a reader uses
it: open it, type into its boxes or press a boundary button, read the sub-item results. The expected
points are worked out here from the rules in data/indicators/NN.yaml (not from the site's code), and
every number on the page comes from calc in the self-scoring page's worker.

Set SELFSCORE_SHOTS=<folder> to keep screenshots (1280 and 390 px, zh and en) for a person to look at."""

from __future__ import annotations

import operator
from fractions import Fraction

import pytest
import yaml
from browser_helpers import browser_context
from selfscore_helpers import DESKTOP, ENGINE_TIMEOUT_MS, PAGE, PHONE, ROOT, STORAGE_KEY, open_indicator, screenshot

from calc.rules import rule_kind
from calc.ruleset import default_ruleset

OPERATORS = {">": operator.gt, ">=": operator.ge}


def rule_of(number: int, item_id: str) -> dict:
    data = yaml.safe_load((ROOT / "data" / "indicators" / f"{number:02d}.yaml").read_text(encoding="utf-8"))
    item = next(i for i in data["items"] if i["id"] == item_id)
    return {"points": item["points"], **item["rule"]}


def threshold_points(rule: dict, fact: str, value: str) -> int:
    condition = next(c for c in rule["conditions"] if c["fact"] == fact)
    return rule["points"] if OPERATORS[condition["op"]](Fraction(value), Fraction(str(condition["value"]))) else 0


def band_points(rule: dict, value: str) -> int:
    v = Fraction(value)
    matching = [
        b["points"]
        for b in rule["bands"]
        if v >= Fraction(str(b["min"])) and ("max" not in b or v <= Fraction(str(b["max"])))
    ]
    return min(max(matching, default=0), rule["points"])


def firm_points(rule: dict, region: str, sales: list[str]) -> int:
    limit = Fraction(str(rule["threshold_wan_yuan"][region]))
    counted = sum(1 for s in sales if Fraction(s) >= limit)
    return min(max((b["points"] for b in rule["bands"] if counted >= b["min"]), default=0), rule["points"])


def open_calculator(page, url: str) -> None:
    page.goto(url)
    page.locator("details[data-calculator] summary").click()
    page.wait_for_selector(".calc-status[data-ready]", state="attached", timeout=ENGINE_TIMEOUT_MS)
    page.wait_for_selector(".calc-item[data-item]")


def wait_item(page, item_id: str, score: int) -> None:
    """Until the last change is scored (no data-pending) and the sub-item shows `score`."""
    page.wait_for_function(
        "([id, s]) => !document.querySelector('.calc-results[data-pending]')"
        " && document.querySelector(`.calc-item[data-item='${id}']`)?.dataset.score === String(s)",
        arg=[item_id, score],
        timeout=30_000,
    )


def item_score(page, item_id: str) -> int:
    return int(page.get_attribute(f".calc-item[data-item='{item_id}']", "data-score"))


@pytest.fixture()
def context(site_browser):
    with browser_context(site_browser, viewport=DESKTOP, service_workers="block") as ctx:
        ctx.requests = []
        ctx.on("request", lambda request: ctx.requests.append(request.url))
        yield ctx


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_indicator_17_exactly_95_scores_nothing_and_95_5_scores(built_site, context, lang):
    rule = rule_of(17, "17.1")
    page = context.new_page()
    open_calculator(page, built_site.page_url(lang, "indicators/17.md"))
    # The first worked example is prefilled and scored by calc.
    assert page.locator(".calc-item[data-item]").count() == 3
    page.select_option("select[data-mode='facts/tip_check_on_time_rate']", "percent")
    box = page.locator("input[data-path='facts/tip_check_on_time_rate/percent']")
    for typed in ("95.5", "95", "95.5", "94.9"):
        box.fill(typed)
        wait_item(page, "17.1", threshold_points(rule, "tip_check_on_time_rate", typed))
    assert threshold_points(rule, "tip_check_on_time_rate", "95") == 0
    assert threshold_points(rule, "tip_check_on_time_rate", "95.5") == 1
    # The one-click boundary values put the number in the box and score it.
    exactly = "恰为95%" if lang == "zh" else "exactly 95%"
    page.get_by_role("button", name=exactly).click()
    assert box.input_value() == "95"
    wait_item(page, "17.1", 0)
    explanation = page.locator(".calc-item[data-item='17.1']").inner_text()
    assert ("未超过" in explanation) if lang == "zh" else ("is not above" in explanation)
    page.locator("[data-boundary='17.1:tip_check_on_time_rate:95.1']").click()
    wait_item(page, "17.1", 1)
    total = page.locator(".calc-total")
    assert int(total.get_attribute("data-score")) == sum(item_score(page, i) for i in ("17.1", "17.2", "17.3"))
    page.locator(".calc-box").scroll_into_view_if_needed()
    screenshot(page, f"calculator-17-{lang}-1280")
    page.set_viewport_size(PHONE)
    page.locator(".calc-boundaries").scroll_into_view_if_needed()
    screenshot(page, f"calculator-17-{lang}-390")


def test_indicator_3_shared_band_edge(built_site, context):
    rule = rule_of(3, "3.1")
    page = context.new_page()
    open_calculator(page, built_site.page_url("en", "indicators/03.md"))
    box = page.locator("input[data-path='facts/online_operator_share/percent']")
    for value in ("15", "14.9", "8", "7.9", "15.1"):
        page.locator(f"[data-boundary='3.1:online_operator_share:{value}']").click()
        wait_item(page, "3.1", band_points(rule, value))
        assert box.input_value() == value
    # Exactly on the edge both bands share: the higher band, as the rule says.
    page.locator("[data-boundary='3.1:online_operator_share:15']").click()
    wait_item(page, "3.1", 2)
    assert band_points(rule, "15") == 2 and band_points(rule, "14.9") == 1
    assert "lies exactly on the boundary shared" in page.locator(".calc-item[data-item='3.1']").inner_text()
    # Typed by hand as numerator / denominator: 150 of 1000 is 15 %.
    page.select_option("select[data-mode='facts/online_operator_share']", "parts")
    page.fill("input[data-path='facts/online_operator_share/numerator']", "149")
    page.fill("input[data-path='facts/online_operator_share/denominator']", "1000")
    wait_item(page, "3.1", band_points(rule, "14.9"))


def test_indicator_4_regional_threshold(built_site, context):
    rule = rule_of(4, "4.1")
    page = context.new_page()
    open_calculator(page, built_site.page_url("zh", "indicators/04.md"))
    # Keep one company, so that the threshold alone decides.
    while page.locator(".calc-firm").count() > 1:
        page.locator(".calc-firm").last.get_by_role("button").click()
    sales = page.locator("input[data-path='facts/new_large_operators/0/sales_wan_yuan']")
    region = page.locator("select[data-path='region']")
    assert region.input_value() == "central"
    central = str(rule["threshold_wan_yuan"]["central"])
    page.get_by_role("button", name=f"恰为中部地区门槛{central}万元").click()
    assert sales.input_value() == central
    wait_item(page, "4.1", firm_points(rule, "central", [central]))
    assert item_score(page, "4.1") == 1
    below = f"{rule['threshold_wan_yuan']['central'] - 0.1:g}"
    page.get_by_role("button", name=f"略低于门槛：{below}万元").click()
    wait_item(page, "4.1", firm_points(rule, "central", [below]))
    assert item_score(page, "4.1") == 0
    # The same sales in the west, whose threshold is lower, count; in the east they do not.
    region.select_option("west")
    wait_item(page, "4.1", firm_points(rule, "west", [below]))
    assert item_score(page, "4.1") == 1
    region.select_option("east")
    wait_item(page, "4.1", firm_points(rule, "east", [below]))
    east = str(rule["threshold_wan_yuan"]["east"])
    page.get_by_role("button", name=f"恰为东部地区门槛{east}万元").click()
    wait_item(page, "4.1", firm_points(rule, "east", [east]))
    screenshot(page, "calculator-04-zh-1280")


def test_calculator_after_instant_navigation_uses_the_same_worker(built_site, context):
    page = context.new_page()
    open_calculator(page, built_site.page_url("zh", "indicators/16.md"))
    page.evaluate("() => { window.__sameDocument = true; }")
    # Material's instant navigation: the nav link, no page load.
    page.locator("nav.md-nav a[href$='17/']").first.click()
    page.wait_for_url("**/indicators/17/")
    page.wait_for_selector("details[data-calculator='17']")
    assert page.evaluate("() => window.__sameDocument === true"), "the page was reloaded, not navigated instantly"
    page.locator("details[data-calculator='17'] summary").click()
    page.wait_for_selector("details[data-calculator='17'] .calc-status[data-ready]", state="attached", timeout=30_000)
    page.select_option("select[data-mode='facts/tip_check_on_time_rate']", "percent")
    page.fill("input[data-path='facts/tip_check_on_time_rate/percent']", "95.5")
    wait_item(page, "17.1", 1)
    page.fill("input[data-path='facts/tip_check_on_time_rate/percent']", "95")
    wait_item(page, "17.1", 0)
    workers = [u for u in context.requests if u.endswith("/engine/worker.js")]
    assert len(workers) == 1, workers


def test_nothing_loads_until_the_calculator_is_opened(built_site, context):
    page = context.new_page()
    page.goto(built_site.page_url("en", "indicators/17.md"))
    page.wait_for_load_state("networkidle")
    assert not [u for u in context.requests if "pyodide" in u or "worker.js" in u or "calculator/app.js" in u]
    page.locator("details[data-calculator] summary").focus()
    page.wait_for_selector(".calc-status[data-ready]", state="attached", timeout=ENGINE_TIMEOUT_MS)
    assert any(u.endswith("pyodide.asm.wasm") or u.endswith(".bin") for u in context.requests)


def test_use_these_values_in_the_self_scoring_form(built_site, context):
    page = context.new_page()
    open_calculator(page, built_site.page_url("zh", "indicators/17.md"))
    page.select_option("select[data-mode='facts/tip_check_on_time_rate']", "percent")
    page.fill("input[data-path='facts/tip_check_on_time_rate/percent']", "95.5")
    wait_item(page, "17.1", 1)
    page.locator(".calc-carry-link").click()
    page.wait_for_url("**/self-scoring/#indicator-17")
    page.wait_for_selector(".selfscore-status[data-ready]", state="attached", timeout=ENGINE_TIMEOUT_MS)
    page.wait_for_selector(".selfscore-summary[data-scored]", state="attached")
    # The page opens at indicator 17, with the carried values in it. (Once it has scrolled there, Material's
    # section tracking rewrites the address to the section in view, as on every page.)
    assert page.get_attribute("#indicator-17", "data-open") == "1"
    top = page.evaluate("() => document.getElementById('indicator-17').getBoundingClientRect().top")
    assert 0 <= top < page.viewport_size["height"] / 2, top
    field = page.locator("#fact-tip_check_on_time_rate-percent")
    assert field.is_visible()
    assert field.input_value() == "95.5"
    saved = page.evaluate(f"() => JSON.parse(localStorage.getItem('{STORAGE_KEY}'))")
    assert saved["facts"]["tip_check_on_time_rate"] == {"percent": "95.5"}
    assert saved["facts"]["17.3"] is True


def test_boundaries_come_from_calc():
    """Every boundary value offered flips or holds the verdict as calc says; indicator 17's are 95 ± 0.1."""
    rules = default_ruleset()
    item = next(i for i in rules.indicators[17]["items"] if i["id"] == "17.1")
    values = [b["value"] for b in rule_kind(item).boundaries(item, rules.facts)]
    assert values == ["95", "95.1", "94.9"]
    item4 = rules.indicators[4]["items"][0]
    regions = {b["region"] for b in rule_kind(item4).boundaries(item4, rules.facts)}
    assert regions == {"east", "central", "west"}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_use_these_values_asks_before_replacing_figures_and_can_be_undone(built_site, context, lang):
    """The bureau has entered indicator 17's on-time rate (95 %) and ticked 17.3 in the form. Carrying the
    calculator's 95.1 % (and 17.3 unticked) over lists both changes and asks; cancelling keeps the form;
    confirming lands on indicator 17 with an undo that brings the bureau's figures back."""
    page = context.new_page()
    page.goto(built_site.page_url(lang, PAGE[lang]))
    page.wait_for_selector(".selfscore-summary[data-scored]", state="attached", timeout=ENGINE_TIMEOUT_MS)
    open_indicator(page, 17)
    page.fill("#fact-tip_check_on_time_rate-percent", "95")
    page.check("#fact-17\\.3")
    page.wait_for_function(
        f"() => (JSON.parse(localStorage.getItem('{STORAGE_KEY}')) || {{facts: {{}}}}).facts['17.3'] === true"
    )
    before = page.evaluate(f"() => JSON.parse(localStorage.getItem('{STORAGE_KEY}'))")

    open_calculator(page, built_site.page_url(lang, "indicators/17.md"))
    page.select_option("select[data-mode='facts/tip_check_on_time_rate']", "percent")
    page.fill("input[data-path='facts/tip_check_on_time_rate/percent']", "95.1")
    page.uncheck(".calc-inputs input[type=checkbox]")
    wait_item(page, "17.3", 0)
    page.locator(".calc-carry-link").click()
    ask = page.locator(".calc-carry-confirm")
    ask.wait_for()
    changes = ask.locator("li").all_inner_texts()
    assert len(changes) == 2, changes
    assert any("95%" in c and "95.1%" in c for c in changes), changes
    no = "否" if lang == "zh" else "no"
    assert any(c.startswith("17.3 ") and c.endswith("→ " + no) for c in changes), changes
    assert page.evaluate("document.activeElement.classList.contains('calc-carry-confirm')")
    screenshot(page, f"carry-confirm-{lang}")
    # Cancel: nothing is written, and the page says so.
    ask.locator(".calc-carry-no").click()
    assert ask.is_hidden() and page.locator(".calc-carry-kept").inner_text()
    assert page.evaluate(f"() => JSON.parse(localStorage.getItem('{STORAGE_KEY}'))") == before

    page.locator(".calc-carry-link").click()
    ask.locator(".calc-carry-yes").click()
    page.wait_for_url("**/self-scoring/#indicator-17")
    note = page.locator("#indicator-17 .selfscore-carried")
    note.wait_for()
    page.wait_for_selector(".selfscore-summary[data-scored]", state="attached", timeout=ENGINE_TIMEOUT_MS)
    assert page.input_value("#fact-tip_check_on_time_rate-percent") == "95.1"
    assert not page.is_checked("#fact-17\\.3")
    assert note.is_visible()
    screenshot(page, f"carry-landed-{lang}")
    note.locator(".selfscore-carried-undo").click()
    page.wait_for_function("() => document.getElementById('fact-tip_check_on_time_rate-percent').value === '95'")
    assert page.is_checked("#fact-17\\.3")
    assert page.evaluate(f"() => JSON.parse(localStorage.getItem('{STORAGE_KEY}'))")["facts"] == before["facts"]
    assert page.locator(".selfscore-carried").count() == 0
