"""The county office merges the units' files on the self-scoring page (headless Chromium): the combined
result is calc.api.merge_json's, conflicts are listed with each unit's value, problems are listed per file,
and "use the combined assessment" replaces the work only after confirmation and can be undone."""

from __future__ import annotations

import json

import pytest
from calc_helpers import three_files_with_one_dispute
from selfscore_helpers import example_bytes, open_session, screenshot

from calc import api

MARKET = "市场监管局.json"
STATS = "统计局.json"
BROKEN = "损坏.json"


def _files() -> list[dict]:
    statistics = json.loads(api.template_json("statistics", 2024))
    statistics["facts"]["online_operator_share"] = {"numerator": 3000, "denominator": 18650}  # market says 3120
    statistics["facts"]["online_retail_growth"] = {"2024": {"percent": 12.5}, "2025": {"percent": 10.2}}
    statistics["facts"]["online_tax_share"] = {"percent": "abc"}
    statistics["evidence"]["1"] = "统计局年报"
    return [
        {"name": MARKET, "mimeType": "application/json", "buffer": example_bytes("unit-market-regulation.json")},
        {
            "name": STATS,
            "mimeType": "application/json",
            "buffer": json.dumps(statistics, ensure_ascii=False).encode("utf-8"),
        },
        {"name": BROKEN, "mimeType": "application/json", "buffer": b'{"format": '},
    ]


def _cpython_merge(files: list[dict]) -> tuple[dict, dict]:
    named = [{"name": f["name"], "text": f["buffer"].decode("utf-8")} for f in files]
    merged = json.loads(api.merge_json(json.dumps(named, ensure_ascii=False)))
    report = json.loads(api.score_json(json.dumps(merged["assessment"], ensure_ascii=False)))["report"]
    return merged, report


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_merge_two_units_shows_the_conflict_and_replaces_work_only_when_confirmed(built_site, site_browser, lang):
    files = _files()
    merged, report = _cpython_merge(files)
    assert len(merged["conflicts"]) == 1  # the fixture is what the test thinks it is
    with open_session(site_browser, built_site, lang) as session:
        page = session.page
        answers = []
        page.on("dialog", lambda dialog: dialog.accept() if answers.pop(0) else dialog.dismiss())
        session.wait_scored()
        page.check("#fact-10\\.1")
        page.fill("#evidence-10", "my work")
        session.wait_total(2)
        before = session.saved()

        page.click(".selfscore-merge > summary")
        page.set_input_files("#selfscore-merge-files", files=files)
        result = page.wait_for_selector(".selfscore-merge-result[data-conflicts='1']")
        assert page.get_attribute("[data-merged-total]", "data-merged-total") == str(report["total"])

        # The conflict: which figure, and what each unit entered.
        row = page.locator("[data-conflict='online_operator_share']")
        text = row.inner_text()
        assert merged["conflicts"][0]["message"][lang] in text
        assert MARKET in text and STATS in text
        numerator = "分子" if lang == "zh" else "Numerator"
        assert f"{numerator} 3120" in text and f"{numerator} 3000" in text
        # Problems per file: the invalid figure of the statistics file, the unreadable file.
        stats_problems = page.locator(f".selfscore-merge-problems[data-source='{STATS}']").inner_text()
        assert next(p for p in merged["problems"] if p["source"] == STATS)["message"][lang] in stats_problems
        broken_problems = page.locator(f".selfscore-merge-problems[data-source='{BROKEN}']").inner_text()
        assert next(p for p in merged["problems"] if p["source"] == BROKEN)["message"][lang] in broken_problems
        assert page.locator(f".selfscore-merge-sources li[data-source='{MARKET}']").count() == 1
        assert result.is_visible()

        # Declining the confirmation changes nothing.
        answers.append(False)
        page.click("#selfscore-merge-use")
        page.wait_for_timeout(300)
        assert session.saved() == before
        assert page.is_checked("#fact-10\\.1")

        # Confirming replaces the work with the merged assessment …
        answers.append(True)
        page.click("#selfscore-merge-use")
        session.wait_total(report["total"])
        saved = session.saved()
        assert saved["facts"] == merged["assessment"]["facts"]
        assert saved["evidence"] == merged["assessment"]["evidence"]
        assert "online_operator_share" not in saved["facts"]  # a conflict is never merged
        assert page.input_value("#evidence-1").endswith("统计局年报")

        # … and can be undone.
        page.click(".selfscore-undo")
        session.wait_total(2)
        assert session.saved() == before
        assert page.input_value("#evidence-10") == "my work"
        session.assert_only_local()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_disputed_figure_is_the_first_fix_the_gap_offers(built_site, site_browser, lang):
    """Three files, one figure they give differently: after using the combined assessment the gap list names
    the dispute with what each unit's value would score (calc's numbers), its link lands on the chooser,
    and choosing the value that passes makes the county pass."""
    named = three_files_with_one_dispute("市场监管局.json", STATS, "工科局.json")
    files = [
        {"name": name, "mimeType": "application/json", "buffer": json.dumps(data, ensure_ascii=False).encode("utf-8")}
        for name, data in named
    ]
    merged, report = _cpython_merge(files)
    assert (report["total"], report["passed"], report["disputes"]["decides"]) == (84, False, True)
    with open_session(site_browser, built_site, lang) as session:
        page = session.page
        page.on("dialog", lambda dialog: dialog.accept())
        session.wait_scored()
        page.click(".selfscore-merge > summary")
        page.set_input_files("#selfscore-merge-files", files=files)
        panel = page.wait_for_selector(".selfscore-merge-result[data-conflicts='1']").inner_text()
        # Before it is used, the combined total says it is not the page's (which still shows the empty form's).
        assert ("若采用合并结果：全县总分 84 / 100" if lang == "zh" else "the county total would be 84 / 100") in panel
        page.click("#selfscore-merge-use")
        session.wait_total(84)
        summary = page.locator("#selfscore-summary-title").inner_text()
        assert ("全县总分（合并的文件）" if lang == "zh" else "County total (combined files)") in summary
        reason = page.locator(".selfscore-reason").first.inner_text()
        assert report["reason"][lang] in reason

        # The gap's first entry is the dispute, with each value's points as calc weighed them.
        first = page.locator(".selfscore-gap li[data-item]").first
        assert first.get_attribute("data-item") == "6.1"
        first.scroll_into_view_if_needed()
        screenshot(page, f"merge-dispute-gap-{lang}")
        choices = first.locator(".selfscore-dispute-choices li[data-passed]").all_inner_texts()
        weighed = {v["source"]: v for v in report["disputes"]["open"][0]["values"]}
        stats_line = next(c for c in choices if STATS in c)
        total_word = "总分 85" if lang == "zh" else "total 85"
        score_word = "得 2/2 分" if lang == "zh" else "scores 2 of 2"
        assert total_word in stats_line and score_word in stats_line and weighed[STATS]["passed"]
        assert ("总分 84" if lang == "zh" else "total 84") in next(c for c in choices if "工科局.json" in c)

        # Its link lands on the chooser; the statistics bureau's value makes the county pass.
        first.locator(".selfscore-dispute-choices a").click()
        chooser = page.locator("#conflict-online_retail_share-2025")
        assert chooser.is_visible()
        focused = page.evaluate(
            "document.activeElement.closest('.selfscore-conflict') && document.activeElement.closest('.selfscore-conflict').id"
        )
        assert focused == "conflict-online_retail_share-2025"
        chooser.locator("button", has_text=STATS).click()
        session.wait_total(85)
        assert page.locator(".selfscore-dispute-choices").count() == 0
        assert "disputes" not in session.saved()
        session.assert_only_local()


def test_a_merged_file_imported_again_brings_back_its_choosers(built_site, site_browser):
    """The coordinator exported the merged county file with a dispute open, and opens it again later:
    the chooser is back at indicator 6 with each unit's value, and choosing settles it."""
    named = three_files_with_one_dispute("市场监管局.json", STATS, "工科局.json")
    merged = api.merge_json(
        json.dumps([{"name": n, "text": json.dumps(d, ensure_ascii=False)} for n, d in named], ensure_ascii=False)
    )
    county = json.dumps(json.loads(merged)["assessment"], ensure_ascii=False).encode("utf-8")
    with open_session(site_browser, built_site, "zh") as session:
        page = session.page
        session.wait_scored()
        session.import_file("县汇总.json", county)
        session.wait_total(84)
        chooser = page.locator("#conflict-online_retail_share-2025")
        chooser.wait_for(state="attached")
        assert page.locator(".selfscore-conflict-list").is_visible()
        page.locator(".selfscore-gap .selfscore-dispute-choices a").first.click()
        assert chooser.is_visible()
        buttons = chooser.locator("button").all_inner_texts()
        assert any("县统计局" in b and STATS in b for b in buttons), buttons
        chooser.locator("button", has_text=STATS).click()
        session.wait_total(85)
        assert "disputes" not in session.saved()
        session.assert_only_local()
