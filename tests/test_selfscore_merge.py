"""The county office merges the units' files on the self-scoring page (headless Chromium): the combined
result is calc.api.merge_json's, conflicts are listed with each unit's value, problems are listed per file,
and "use the combined assessment" replaces the work only after confirmation and can be undone."""
from __future__ import annotations

import json

import pytest

from calc import api
from selfscore_helpers import example_bytes, open_session

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
        {"name": STATS, "mimeType": "application/json", "buffer": json.dumps(statistics, ensure_ascii=False).encode("utf-8")},
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
    session = open_session(site_browser, built_site, lang)
    page = session.page
    answers = []
    page.on("dialog", lambda dialog: dialog.accept() if answers.pop(0) else dialog.dismiss())
    try:
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
    finally:
        session.context.close()
