"""The coordinator's tracker (calc/tracker.py): after merging the units' files, which responsible units are
in, which are missing and what the missing ones hold; in calc's report, the CLI and the report workbook."""

from __future__ import annotations

import io
import json

import openpyxl
import pytest
from calc_helpers import run_cli

from calc.merge import merge
from calc.scoring import score
from calc.spreadsheet.report_xlsx import report_bytes
from calc.template import template
from tests.xlsx_helpers import blank, fill

YEARS = (2024, 2025)


def _unit_file(unit: str, exported: str | None = None, **facts) -> dict:
    data = template(unit, YEARS)
    data["facts"].update(facts)
    if exported:
        data["meta"] = {"exported": exported}
    return data


def _row(tracked: dict, unit: str) -> dict:
    return next(entry for entry in tracked["units"] if entry["unit"] == unit)


def _two_units_merged() -> dict:
    statistics = _unit_file(
        "statistics",
        "2026-11-30T02:15:00Z",
        online_retail_growth={"2024": {"percent": 12.5}, "2025": {"percent": 10.2}},
    )
    taxation = _unit_file("taxation", online_tax_share={"percent": 4})
    return merge([("统计局.json", statistics), ("税务局.json", taxation)])["assessment"]


def test_a_merge_records_each_file_with_its_unit_and_export_time():
    merged = _two_units_merged()
    assert merged["meta"]["merged_files"] == [
        {"source": "统计局.json", "unit": "statistics", "exported": "2026-11-30T02:15:00Z"},
        {"source": "税务局.json", "unit": "taxation", "exported": None},
    ]


def test_the_tracker_names_the_units_in_and_what_the_missing_ones_hold():
    tracked = score(_two_units_merged())["tracker"]
    # The document names 23 units (the joint conference's 22 member units and the township governments).
    assert tracked["expected"] == 23 and tracked["received"] == 2
    stats = _row(tracked, "statistics")
    assert stats["received"] and stats["files"] == [{"source": "统计局.json", "exported": "2026-11-30T02:15:00Z"}]
    # Indicator 1 (网上零售额同比增速) was entered for both years: done; nothing of 4 is entered.
    states = {i["number"]: i["state"] for i in stats["indicators"]}
    assert states[1] == "done" and states[4] == "open"
    # The transport bureau alone answers for indicator 5 (快递业务同比增速, 2 points): missing, and it says so.
    transport = _row(tracked, "transport")
    assert not transport["received"] and transport["files"] == []
    assert 5 in [i["number"] for i in transport["indicators"]]
    assert transport["points"] == transport["points_without_data"] == sum(i["max"] for i in transport["indicators"])
    assert 5 in tracked["unsent"]["indicators"]
    # The finance bureau is named for indicator 39 only (2 points) beside what all member units share.
    finance = _row(tracked, "finance")
    assert [(i["number"], i["max"]) for i in finance["indicators"]] == [(39, 2)] and finance["points"] == 2
    # Indicator 8 (网络市场税收贡献度) is the tax bureau's, whose file is in: not counted as unsent.
    assert 8 not in tracked["unsent"]["indicators"]
    # A unit with only the indicators all member units share has nothing of its own to list.
    assert _row(tracked, "media-center")["indicators"] == [] and _row(tracked, "media-center")["shared"] > 0
    assert "2 / 23" in tracked["summary"]["zh"] and "2 of 23" in tracked["summary"]["en"]
    assert f"{tracked['unsent']['points']} 分" in tracked["summary"]["zh"]


def test_merging_in_rounds_keeps_every_unit_already_in():
    first_round = _two_units_merged()
    market = _unit_file("market-regulation", "2026-12-01T09:00:00Z")
    again = merge([("县汇总.json", first_round), ("市场监管局.json", market)])["assessment"]
    tracked = score(again)["tracker"]
    assert tracked["received"] == 3
    assert [f["source"] for f in again["meta"]["merged_files"]] == ["统计局.json", "税务局.json", "市场监管局.json"]


def test_a_county_file_typed_in_lists_every_unit_as_missing_and_a_unit_file_has_no_tracker():
    tracked = score(template(None, YEARS))["tracker"]
    assert tracked["received"] == 0 and all(not entry["received"] for entry in tracked["units"])
    assert "tracker" not in score(template("statistics", YEARS))


@pytest.mark.parametrize(
    "merged_files",
    [
        "统计局",
        [1, 2],
        [{"unit": "statistics"}],
        {"source": "x"},
        [{"source": "a.json", "unit": ["statistics"], "exported": 5}],
    ],
)
def test_a_hand_edited_merged_files_list_does_not_break_the_tracker(merged_files):
    data = template(None, YEARS)
    data["meta"] = {"merged_files": merged_files}
    tracked = score(data)["tracker"]
    assert tracked["received"] == 0
    assert all(isinstance(f["source"], str) for f in tracked["other_files"])


def test_a_county_file_merged_in_is_listed_apart_from_the_units():
    county = template(None, YEARS)
    merged = merge([("旧汇总.json", county), ("统计局.json", _unit_file("statistics"))])["assessment"]
    tracked = score(merged)["tracker"]
    assert tracked["received"] == 1
    assert tracked["other_files"] == [{"source": "旧汇总.json", "unit": None, "exported": None}]


def test_a_saved_workbook_says_when_it_was_saved(tmp_path):
    taxation = fill(blank("taxation"), {("online_tax_share", "period.value"): 4})
    (tmp_path / "tax.xlsx").write_bytes(taxation)
    (tmp_path / "stats.json").write_text(json.dumps(_unit_file("statistics", "2026-11-30T02:15:00Z")), encoding="utf-8")
    run_cli("merge", str(tmp_path / "tax.xlsx"), str(tmp_path / "stats.json"), "-o", str(tmp_path / "county.json"))
    county = json.loads((tmp_path / "county.json").read_text(encoding="utf-8"))
    saved = next(f for f in county["meta"]["merged_files"] if f["unit"] == "taxation")["exported"]
    assert saved and saved[:4].isdigit() and saved.endswith("Z")

    code, text, _ = run_cli("score", str(tmp_path / "county.json"))
    assert code == 0
    assert "已收到 2 / 23 个责任单位的文件" in text
    assert "✓ 县统计局" in text and "2026-11-30 02:15 UTC" in text
    assert "✗ 县财政局: 未收到；负责指标 39，共 2 分" in text
    code, english, _ = run_cli("score", "--lang", "en", str(tmp_path / "county.json"))
    assert "Files are in from 2 of 23 responsible units." in english
    assert "✗ County Finance Bureau: missing; its indicators 39, 2 points" in english


@pytest.mark.parametrize("lang,sheet_name,missing", [("zh", "收件情况", "未收到"), ("en", "Files received", "missing")])
def test_the_report_workbook_has_the_tracker_sheet(lang, sheet_name, missing):
    merged = _two_units_merged()
    report = score(merged)
    book = openpyxl.load_workbook(io.BytesIO(report_bytes(merged, report, lang)))
    sheet = book[sheet_name]
    assert sheet["A1"].value == report["tracker"]["summary"][lang]
    rows = {row[0]: row for row in sheet.iter_rows(min_row=4, values_only=True) if row[0]}
    finance = rows[_row(report["tracker"], "finance")["name"][lang]]
    assert finance[1] == missing and finance[4] == 2
    statistics = rows[_row(report["tracker"], "statistics")["name"][lang]]
    assert "统计局.json" in statistics[2] and "2026-11-30 02:15 UTC" in statistics[2]
