"""Whole journeys on the built self-scoring page, as the units and the county office live them, at
1280 px and 390 px (headless Chromium): what is visible is asserted, every number is calc's.

1. A unit picks itself, fills a ratio, a tick box and a per-year growth, sees "已填" and its own result
   rise, exports, reloads and finds everything; its gap list names only its own items.
2. Importing examples/unit-market-regulation.json shows 76 / 78 for the unit, the county's total below.
3. Invalid values each show one state (field, result, index) with the field's own message; a zero
   denominator says the rate is undefined; export warns and the file lists the invalid values.
4. The coordinator merges three files with two conflicts, settles both in place (one half-way through a
   reload), and prints.
5. The printed report (page.pdf) has no blank first page, page numbers and the unit on every page.

Set SELFSCORE_SHOTS=<folder> to keep screenshots of each step for a person to look at."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import subprocess

import pytest
from selfscore_helpers import DESKTOP, PHONE, download, example_bytes, open_indicator, open_session, screenshot

from calc import api
from calc.ruleset import default_ruleset

VIEWPORTS = {"desktop": DESKTOP, "phone": PHONE}


def _unit_score(page) -> tuple[int, int]:
    summary = page.locator(".selfscore-summary")
    return int(summary.get_attribute("data-unit-score")), int(summary.get_attribute("data-unit-max"))


def _answered(page) -> int:
    return int(page.get_attribute(".selfscore-progress-count", "data-answered"))


@pytest.mark.parametrize("viewport", VIEWPORTS, ids=list(VIEWPORTS))
def test_journey_1_a_unit_fills_its_own_indicators(built_site, site_browser, viewport):
    with open_session(site_browser, built_site, "zh", viewport=VIEWPORTS[viewport]) as session:
        page = session.page
        mine = set(default_ruleset().indicators_for_unit("statistics"))
        session.wait_scored()
        page.select_option("#selfscore-unit", "statistics")
        page.wait_for_selector(".selfscore-summary[data-unit-max]")
        count = len(mine)
        progress = page.locator(".selfscore-progress-count")
        assert progress.text_content() == f"已填 0 / {count} 项"
        before = _unit_score(page)
        assert page.locator(".selfscore-unit-result h2").text_content().startswith("县统计局得分")
        screenshot(page, f"journey1-{viewport}-start")

        # A per-year growth (indicator 1), a tick box (10.1) and a ratio as counts (17, tip checks).
        open_indicator(page, 1)
        page.fill("#fact-online_retail_growth-2024-percent", "12")
        page.fill("#fact-online_retail_growth-2025-percent", "１１")  # full-width digits work
        open_indicator(page, 10)
        page.check("#fact-10\\.1")
        open_indicator(page, 17)
        page.select_option("#fact-tip_check_on_time_rate-mode", "parts")
        page.fill("#fact-tip_check_on_time_rate-numerator", "298")
        page.fill("#fact-tip_check_on_time_rate-denominator", "306")
        page.wait_for_selector("a.selfscore-index-link[data-goto='17'][data-state='partial']")
        page.wait_for_function(
            "() => Number(document.querySelector('.selfscore-progress-count').dataset.answered) >= 2"
        )
        assert progress.text_content() == f"已填 {_answered(page)} / {count} 项"
        page.wait_for_function(
            "n => Number(document.querySelector('.selfscore-summary').dataset.unitScore) > n", arg=before[0]
        )
        after = _unit_score(page)
        assert after[1] == before[1] and after[0] > before[0]
        assert page.get_attribute("a.selfscore-index-link[data-goto='10']", "data-state") == "done"
        screenshot(page, f"journey1-{viewport}-filled")

        # Its own gap list names only its own items; the other units' items are listed apart, by unit.
        own = page.locator(".selfscore-own-items li[data-item]").evaluate_all("els => els.map(e => e.dataset.item)")
        assert own and all(int(item.split(".")[0]) in mine for item in own)
        gap_own = page.locator(".selfscore-gap-own li[data-item]").evaluate_all("els => els.map(e => e.dataset.item)")
        assert all(int(item.split(".")[0]) in mine for item in gap_own)
        others = page.locator(".selfscore-gap-others li[data-unit]").evaluate_all("els => els.map(e => e.dataset.unit)")
        assert "statistics" not in others

        # "Next unanswered" goes to an indicator that is not done.
        page.click("#selfscore-next")
        opened = page.evaluate("() => document.activeElement.closest('.selfscore-indicator').dataset.indicator")
        assert page.get_attribute(f"#indicator-{opened}", "data-open") == "1"
        assert page.get_attribute(f"a.selfscore-index-link[data-goto='{opened}']", "data-state") != "done"

        name, raw = download(page, "#selfscore-export")
        exported = json.loads(raw)
        assert name.endswith(".json") and exported["scope"] == {"kind": "unit", "unit": "statistics"}
        assert exported["facts"]["10.1"] is True
        # the file holds the number as calc read it; the page keeps what was typed
        assert exported["facts"]["online_retail_growth"] == {"2024": {"percent": "12"}, "2025": {"percent": "11"}}
        assert "invalid_values" not in exported["meta"]

        page.reload()
        session.wait_scored()
        page.wait_for_selector(f".selfscore-summary[data-unit-score='{after[0]}']")
        assert page.input_value("#fact-tip_check_on_time_rate-numerator") == "298"
        assert page.is_checked("#fact-10\\.1")
        assert page.input_value("#fact-online_retail_growth-2024-percent") == "12"
        assert page.input_value("#selfscore-unit") == "statistics"
        session.assert_only_local()


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("viewport", VIEWPORTS, ids=list(VIEWPORTS))
def test_journey_2_the_market_regulation_file_shows_76_of_78(built_site, site_browser, viewport, lang):
    with open_session(site_browser, built_site, lang, viewport=VIEWPORTS[viewport]) as session:
        page = session.page
        session.wait_scored()
        session.import_file("unit-market-regulation.json", example_bytes("unit-market-regulation.json"))
        page.wait_for_selector(".selfscore-summary[data-unit-score='76'][data-unit-max='78']")
        heading = page.locator(".selfscore-unit-result h2").text_content()
        assert ("76 / 78" in heading) and (
            ("县市场监督管理局" in heading) if lang == "zh" else ("Market Regulation" in heading)
        )
        # The unit's result comes first; the county's total follows, labelled as the county's.
        order = page.evaluate(
            "() => [...document.querySelectorAll('.selfscore-summary h2, .selfscore-summary h3')].map(h => h.textContent)"
        )
        assert order[0] == heading
        county = page.locator(".selfscore-county-title").text_content()
        assert ("全县总分" in county) if lang == "zh" else ("County total" in county)
        own = page.locator(".selfscore-own-items li[data-item]").evaluate_all("els => els.map(e => e.dataset.item)")
        assert own == ["33.2", "7.1"]
        assert "1.1" not in own and page.locator(".selfscore-gap-others li[data-unit='statistics']").count() == 1
        assert page.locator(".selfscore-progress-count").get_attribute("data-answered") == "32"
        screenshot(page, f"journey2-{lang}-{viewport}")
        # The CSV carries the same split: the header row first, the unit's own row, its items, the others'.
        _, raw = download(page, "#selfscore-csv")
        rows = list(csv.reader(io.StringIO(raw[3:].decode("utf-8"), newline="")))
        assert rows[0][0] == ("层级" if lang == "zh" else "Level")
        unit_row = rows[1]
        assert unit_row[1] == "market-regulation" and (int(unit_row[3]), int(unit_row[4])) == (76, 78)
        own_label, others_label = (
            ("本单位可补", "其他单位负责")
            if lang == "zh"
            else ("Items this unit can still earn", "Items of other units")
        )
        assert [r[1] for r in rows if r[:1] == [own_label]] == ["33.2", "7.1"]
        others = {r[1]: r[9] for r in rows if r[:1] == [others_label]}
        assert "1.1" in others and ("县统计局" if lang == "zh" else "County Statistics Bureau") in others["1.1"]
        # The bar that floats over the form is never under Material's back-to-top button.
        page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight / 2)")
        page.mouse.wheel(0, -300)
        page.wait_for_timeout(400)
        bar = page.locator(".selfscore-sticky").bounding_box()
        top = page.locator(".md-top")
        if top.is_visible():
            button = top.bounding_box()
            overlap = not (
                button["y"] >= bar["y"] + bar["height"]
                or button["y"] + button["height"] <= bar["y"]
                or button["x"] >= bar["x"] + bar["width"]
                or button["x"] + button["width"] <= bar["x"]
            )
            assert not overlap
        screenshot(page, f"journey2-{lang}-{viewport}-scrolled")
        session.assert_only_local()


INVALID = [  # typed value, the message calc gives for it (a part of it)
    ("abc", "应为数字"),
    ("-5", "不能小于0"),
    ("150", "不能超过100%"),
    ("3.5.1", "应为数字"),
]


@pytest.mark.parametrize("viewport", VIEWPORTS, ids=list(VIEWPORTS))
def test_journey_3_invalid_values_have_one_state_and_export_warns(built_site, site_browser, viewport):
    with open_session(site_browser, built_site, "zh", viewport=VIEWPORTS[viewport]) as session:
        page = session.page
        field = "#fact-online_operator_share-percent"
        session.wait_scored()
        page.select_option("#selfscore-unit", "market-regulation")
        open_indicator(page, 3)
        for typed, message in INVALID:
            page.fill(field, typed)
            page.wait_for_function(
                "m => [...document.querySelectorAll('[data-fact=online_operator_share] .selfscore-field-error')]"
                ".some(e => e.textContent.includes(m))",
                arg=message,
            )
            in_field = page.locator("[data-fact='online_operator_share'] .selfscore-field-error").text_content()
            item = page.locator("#indicator-3 .selfscore-item[data-item='3.1']")
            assert item.get_attribute("data-status") == "invalid"
            assert "数值有误" in item.text_content() and in_field in item.text_content()
            assert "缺少数据" not in item.text_content() and "未填写" not in item.text_content()
            assert page.get_attribute("a.selfscore-index-link[data-goto='3']", "data-state") == "invalid"
            assert page.locator("#indicator-3 .selfscore-state").text_content() == "有误"
            assert (
                page.locator(
                    ".selfscore-errors a[data-error-field='facts/online_operator_share/percent']"
                ).text_content()
                == in_field
            )
            screenshot(page, f"journey3-{viewport}-{typed}")
        for typed in ("12%", "１２"):  # a percent sign and full-width digits are fine
            page.fill(field, typed)
            page.wait_for_selector(".selfscore-errors[hidden]", state="attached")
            assert page.get_attribute("#indicator-3 .selfscore-item[data-item='3.1']", "data-status") != "invalid"
        # A zero denominator: the rate is undefined, and said so; not "numerator larger than denominator".
        page.select_option("#fact-online_operator_share-mode", "parts")
        page.fill("#fact-online_operator_share-numerator", "3120")
        page.fill("#fact-online_operator_share-denominator", "0")
        page.wait_for_selector("#indicator-3 .selfscore-item[data-item='3.1'][data-status='undefined']")
        result = page.locator("#indicator-3 .selfscore-item[data-item='3.1']").text_content()
        assert "分母为0，比率无定义" in result and "大于分母" not in result
        assert page.locator("[data-fact='online_operator_share'] .selfscore-field-error").count() == 0

        # Export with an invalid value left: a warning listing it, with a link; going on flags it in the file.
        page.fill("#fact-online_operator_share-denominator", "abc")
        page.wait_for_selector(".selfscore-errors:not([hidden])")
        page.click("#selfscore-export")
        warning = page.wait_for_selector(".selfscore-warn:not([hidden])")
        assert "1 处数值有误" in warning.text_content()
        assert (
            page.locator(".selfscore-warn a[data-error-field='facts/online_operator_share/denominator']").count() == 1
        )
        screenshot(page, f"journey3-{viewport}-warning")
        name, raw = download(page, "#selfscore-warn-proceed")
        flagged = json.loads(raw)["meta"]["invalid_values"]
        assert [v["field"] for v in flagged] == ["facts/online_operator_share/denominator"]
        assert "应为数字" in flagged[0]["message"]["zh"]
        # The file with its flag still imports and validates as an assessment file.
        problems = json.loads(api.validate_json(raw.decode("utf-8")))["problems"]
        assert [p["field"] for p in problems] == ["facts/online_operator_share/denominator"]
        # Print warns too.
        page.click("#selfscore-print")
        page.wait_for_selector(".selfscore-warn:not([hidden])")
        session.assert_only_local()


def _merge_files() -> list[dict]:
    statistics = json.loads(api.template_json("statistics", 2024))
    statistics["facts"]["online_operator_share"] = {"numerator": 3000, "denominator": 18650}  # market: 3120
    statistics["facts"]["12.1"] = False  # market: true
    statistics["facts"]["online_retail_growth"] = {"2024": {"percent": 12.5}, "2025": {"percent": 10.2}}
    taxation = json.loads(api.template_json("taxation", 2024))
    taxation["facts"]["online_tax_share"] = {"percent": 3.2}
    dump = lambda data: json.dumps(data, ensure_ascii=False).encode("utf-8")  # noqa: E731
    return [
        {"name": "market.json", "mimeType": "application/json", "buffer": example_bytes("unit-market-regulation.json")},
        {"name": "statistics.json", "mimeType": "application/json", "buffer": dump(statistics)},
        {"name": "taxation.json", "mimeType": "application/json", "buffer": dump(taxation)},
    ]


@pytest.mark.parametrize("viewport", VIEWPORTS, ids=list(VIEWPORTS))
def test_journey_4_coordinator_merges_settles_conflicts_in_place_and_prints(
    built_site, site_browser, viewport, tmp_path
):
    files = _merge_files()
    named = [{"name": f["name"], "text": f["buffer"].decode("utf-8")} for f in files]
    merged = json.loads(api.merge_json(json.dumps(named, ensure_ascii=False)))
    assert sorted(c["key"] for c in merged["conflicts"]) == ["12.1", "online_operator_share"]
    with open_session(site_browser, built_site, "zh", viewport=VIEWPORTS[viewport]) as session:
        page = session.page
        page.on("dialog", lambda dialog: dialog.accept())
        session.wait_scored()
        page.click(".selfscore-merge > summary")
        page.set_input_files("#selfscore-merge-files", files=files)
        page.wait_for_selector(".selfscore-merge-result[data-conflicts='2']")
        page.click("#selfscore-merge-use")
        listing = page.wait_for_selector(".selfscore-conflict-list[data-open='2']")
        assert "还有 2 / 2 处待核实" in listing.text_content()
        # The index is redrawn with the merged work's scores, which come a moment after the conflict list.
        page.wait_for_selector("a.selfscore-index-link[data-goto='3'][data-state='conflict']", state="attached")
        assert page.get_attribute("a.selfscore-index-link[data-goto='3']", "data-state") == "conflict"
        assert page.get_attribute("a.selfscore-index-link[data-goto='12']", "data-state") == "conflict"

        # In place: the disputed figure, each unit's value with the unit's name.
        page.click(".selfscore-conflict-list a[href='#conflict-online_operator_share']")
        chooser = page.locator(".selfscore-conflict[data-conflict='online_operator_share']")
        assert chooser.is_visible()
        buttons = chooser.locator("button").all_text_contents()
        assert any("县市场监督管理局" in b and "3120" in b for b in buttons)
        assert any("县统计局" in b and "3000" in b for b in buttons)
        screenshot(page, f"journey4-{viewport}-conflict")
        chooser.locator("button", has_text="县统计局").click()
        page.wait_for_selector(".selfscore-conflict-list[data-open='1']")
        assert "还有 1 / 2 处待核实" in page.locator(".selfscore-conflict-list h2").text_content()
        assert session.saved()["facts"]["online_operator_share"] == {"numerator": 3000, "denominator": 18650}

        # Half-way: reload; the remaining dispute is still marked, the settled one is not.
        page.reload()
        session.wait_scored()
        page.wait_for_selector(".selfscore-conflict-list[data-open='1']")
        assert page.locator(".selfscore-conflict[data-conflict='online_operator_share']").count() == 0
        assert page.get_attribute("a.selfscore-index-link[data-goto='12']", "data-state") == "conflict"
        # Settled by typing (ticking) the checked value where it is.
        page.click(".selfscore-conflict-list a[href='#conflict-12.1']")
        page.check("#fact-12\\.1")
        page.wait_for_selector(".selfscore-conflict-list[data-open='0']")
        assert "已全部处理" in page.locator(".selfscore-conflict-list h2").text_content()
        page.wait_for_function(
            "() => document.querySelector(\"a.selfscore-index-link[data-goto='12']\").dataset.state !== 'conflict'"
        )
        assert session.saved()["facts"]["12.1"] is True
        screenshot(page, f"journey4-{viewport}-settled")

        pdf = tmp_path / "merged.pdf"
        page.pdf(path=str(pdf), format="A4")
        pages = _pdf_pages(pdf)
        assert "平陆县（全县）" in pages[0] and all(
            f"第{i}/{len(pages)}页" in _squeezed(text) for i, text in enumerate(pages, 1)
        )
        session.assert_only_local()


def _squeezed(text: str) -> str:
    """pdftotext puts spaces in small CJK text as it likes: compare without them."""
    return re.sub(r"\s+", "", text)


def _pdf_pages(path) -> list[str]:
    """The text of each page of a PDF (pdftotext, page by page)."""
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return text.split("\f")[:-1] if text.endswith("\f") else text.split("\f")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_journey_5_the_printed_report_has_page_numbers_and_the_unit_on_every_page(
    built_site, site_browser, lang, tmp_path
):
    with open_session(site_browser, built_site, lang) as session:
        page = session.page
        session.wait_scored()
        session.import_file("unit-market-regulation.json", example_bytes("unit-market-regulation.json"))
        page.wait_for_selector(".selfscore-summary[data-unit-score='76']")
        pdf = tmp_path / f"report-{lang}.pdf"
        page.pdf(path=str(pdf), format="A4")
        pages = _pdf_pages(pdf)
        unit = "县市场监督管理局" if lang == "zh" else "County Administration for Market Regulation"
        title = "自评报告" if lang == "zh" else "self-assessment report"
        assert len(pages) >= 2
        assert title in pages[0] and ("76 / 78" in pages[0])  # the report starts on page 1, with the unit's result
        for number, text in enumerate(pages, 1):
            assert unit in text, f"page {number} does not name the unit"
            assert "2024—2025" in text, f"page {number} does not name the years"
            counter = f"第{number}/{len(pages)}页" if lang == "zh" else f"Page{number}of{len(pages)}"
            assert counter in _squeezed(text), f"page {number} has no page number"
        # Rasterised for a person to look at (and to be sure the first page is not blank).
        subprocess.run(
            ["pdftoppm", "-r", "60", "-png", "-f", "1", "-l", "2", str(pdf), str(tmp_path / "page")], check=True
        )
        first = sorted(tmp_path.glob("page-*.png"))[0]
        assert first.stat().st_size > 10_000
        if os.environ.get("SELFSCORE_SHOTS"):
            for png in tmp_path.glob("page-*.png"):
                shutil.copy(png, os.path.join(os.environ["SELFSCORE_SHOTS"], f"report-{lang}-{png.name}"))
        session.assert_only_local()
