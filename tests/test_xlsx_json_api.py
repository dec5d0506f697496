"""The spreadsheet layer's JSON entry points for the page's worker, shaped like calc.api.open_file_json."""

from __future__ import annotations

import json

import calc
from calc import api
from calc.spreadsheet.json_api import open_workbook_json, report_workbook, template_workbook
from calc.spreadsheet.read_xlsx import read_workbook
from tests.calc_helpers import EXAMPLES
from tests.xlsx_helpers import blank, fill, open_book, ref


def test_a_filled_workbook_opens_as_a_json_file_does():
    data = fill(
        blank(),
        {
            ("identity_claim_rate", "period.value"): 0.95,
            ("12.1", "period.value"): "是",
            ("case_win_rate", "period.value"): "abc",
        },
        {("identity_claim_rate", "period.value"): "0%"},
    )
    answer = json.loads(open_workbook_json(data, "mine.xlsx"))
    assert answer["opened"] is True
    assert [p["cell"] for p in answer["problems"]] == [ref(data, "case_win_rate", "period.value")]
    held = json.loads(answer["text"])
    assert held["facts"]["identity_claim_rate"] == {"percent": 95} and held["facts"]["12.1"] is True
    # what the page holds is an ordinary assessment: calc.api opens it as it opens any JSON file
    assert json.loads(api.open_file_json(answer["text"].encode("utf-8")))["opened"] is True


def test_a_refused_file_is_not_opened():
    answer = json.loads(open_workbook_json(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "old.xls"))
    assert answer == {"opened": False, "problems": answer["problems"], "text": None}
    assert answer["problems"][0]["code"] == "old-format"


def test_template_and_report_workbooks():
    assert (
        read_workbook(template_workbook("taxation", 2024, "en")).assessment["facts"]
        == calc.template("taxation", (2024, 2025))["facts"]
    )
    text = (EXAMPLES / "county-exactly-85.json").read_text(encoding="utf-8")
    data = report_workbook(text, "zh", "2026-01-15")
    assert data == report_workbook(text, "zh", "2026-01-15")
    answer = json.loads(open_workbook_json(data, "report.xlsx"))
    assert answer["opened"] and calc.score(json.loads(answer["text"]))["total"] == 85
    assert report_workbook("{not json", "zh") is None


def test_the_pages_excel_report_of_a_merge_lists_the_disputes_still_open():
    """The page holds a merge's disputes until they are settled; its Excel report lists those still open."""
    market = json.loads((EXAMPLES / "unit-market-regulation.json").read_text(encoding="utf-8"))
    statistics = json.loads(api.template_json("statistics", 2024))
    statistics["facts"]["online_operator_share"] = {"numerator": 3000, "denominator": 18650}
    merged = json.loads(
        api.merge_json(
            json.dumps(
                [
                    {"name": "市场监管局.json", "text": json.dumps(market)},
                    {"name": "统计局.json", "text": json.dumps(statistics)},
                ]
            )
        )
    )
    assert len(merged["conflicts"]) == 1
    text = json.dumps(merged["assessment"])
    book = open_book(report_workbook(text, "zh", "2026-12-03", json.dumps(merged["conflicts"])))
    cells = [c for row in book["合并情况"].iter_rows(values_only=True) for c in row if c]
    assert "市场监管局.json" in cells and "统计局.json" in cells
    assert merged["conflicts"][0]["message"]["zh"] in cells
    assert any("统计局.json = " in str(c) and "3000" in str(c) for c in cells)
    settled = open_book(report_workbook(text, "zh", "2026-12-03", "[]"))
    assert "无" in [c for row in settled["合并情况"].iter_rows(values_only=True) for c in row if c]
