"""python -m calc with .xlsx files: templates, validate/score/compare/merge of workbooks, the report workbook
and its round trip (score --xlsx OUT, then that file scores the same)."""

from __future__ import annotations

import json
import subprocess
import sys

from calc.ruleset import default_ruleset
from tests.calc_helpers import EXAMPLES, ROOT
from tests.xlsx_helpers import fill, open_book


def run(*args):
    return subprocess.run([sys.executable, "-m", "calc", *args], cwd=ROOT, capture_output=True, text=True)


def test_template_xlsx_in_both_languages(tmp_path):
    zh, en = tmp_path / "tax.xlsx", tmp_path / "tax-en.xlsx"
    assert run("template", "--xlsx", "--unit", "taxation", "--years", "2024", "2025", "-o", str(zh)).returncode == 0
    assert run("--lang", "en", "template", "--xlsx", "--unit", "taxation", "-o", str(en)).returncode == 0
    assert [s.title for s in open_book(zh.read_bytes()).worksheets] == ["填写说明", "填报", "_keys"]
    assert [s.title for s in open_book(en.read_bytes()).worksheets] == ["Instructions", "Entry", "_keys"]
    done = run("validate", str(zh))
    assert done.returncode == 0 and done.stdout == "有效。\n"
    assert run("template", "--xlsx", "--unit", "taxation").returncode == 2  # a workbook needs -o
    assert run("template", "--xlsx", "--unit", "nobody", "-o", str(zh)).returncode == 2


def test_report_workbook_round_trip(tmp_path):
    for name in ("county-exactly-85", "unit-market-regulation"):
        out = tmp_path / f"{name}.xlsx"
        source = EXAMPLES / f"{name}.json"
        first = run("score", "--json", "--xlsx", str(out), str(source))
        assert first.returncode == 0, first.stderr
        again = run("score", "--json", str(out))
        assert again.returncode == 0, again.stderr
        a, b = json.loads(first.stdout), json.loads(again.stdout)
        assert (b["total"], b["passed"], b["scope"]) == (a["total"], a["passed"], a["scope"])
        assert [i["score"] for i in b["indicators"]] == [i["score"] for i in a["indicators"]]
        titles = [s.title for s in open_book(out.read_bytes()).worksheets]
        assert titles[:2] == ["汇总", "子项得分"] and "填报" in titles
    summary = open_book((tmp_path / "county-exactly-85.xlsx").read_bytes())["汇总"]
    assert summary["B3"].value == 85 and summary["D3"].value == "合格"
    unit = open_book((tmp_path / "unit-market-regulation.xlsx").read_bytes())
    mine = default_ruleset().indicators_for_unit("market-regulation")
    report = json.loads(run("score", "--json", str(EXAMPLES / "unit-market-regulation.json")).stdout)
    items = [(i["id"], i["score"]) for ind in report["indicators"] if ind["number"] in mine for i in ind["items"]]
    rows = unit["子项得分"].iter_rows(min_row=2, values_only=True)
    assert [(r[2], r[3]) for r in rows] == items  # one row per sub-item of the unit, with its points
    assert unit["汇总"]["D3"].value == "不合格"
    assert any("还差 6 分" in str(c.value) for row in unit["汇总"].iter_rows() for c in row)  # the gap to pass


def test_invalid_cells_exit_one_with_sheet_and_cell(tmp_path):
    blank = tmp_path / "mine.xlsx"
    run("template", "--xlsx", "--unit", "market-regulation", "--years", "2024", "2025", "-o", str(blank))
    filled = tmp_path / "filled.xlsx"
    filled.write_bytes(
        fill(blank.read_bytes(), {("identity_claim_rate", "period.value"): 140, ("12.1", "period.value"): "maybe"})
    )
    done = run("validate", str(filled))
    assert done.returncode == 1 and "填报!" in done.stdout and "不能超过100%" in done.stdout
    assert "Traceback" not in done.stderr
    english = run("--lang", "en", "score", str(filled))
    assert english.returncode == 1 and "Entry!" not in english.stdout and "填报!" in english.stdout
    assert "cannot exceed 100%" in english.stdout


def test_refused_files_exit_two_with_the_reason(tmp_path):
    csv = tmp_path / "report.csv"
    csv.write_text("指标,得分\n", encoding="utf-8")
    done = run("score", str(csv))
    assert done.returncode == 2 and "CSV" in done.stderr and "Traceback" not in done.stderr
    xls = tmp_path / "old.xls"
    xls.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    done = run("--lang", "en", "validate", str(xls))
    assert done.returncode == 2 and ".xls" in done.stderr and "Traceback" not in done.stderr


def test_merge_two_workbooks_and_a_json_and_compare(tmp_path):
    a, b = tmp_path / "taxation.xlsx", tmp_path / "statistics.xlsx"
    run("template", "--xlsx", "--unit", "taxation", "--years", "2024", "2025", "-o", str(a))
    run("template", "--xlsx", "--unit", "statistics", "--years", "2024", "2025", "-o", str(b))
    a.write_bytes(fill(a.read_bytes(), {("training_coverage_rate", "period.value"): "4%"}))
    b.write_bytes(
        fill(
            b.read_bytes(),
            {("training_coverage_rate", "period.value"): 0.05},
            {("training_coverage_rate", "period.value"): "0%"},
        )
    )
    merged, report = tmp_path / "county.json", tmp_path / "county.xlsx"
    done = run(
        "merge", str(a), str(b), str(EXAMPLES / "unit-market-regulation.json"), "-o", str(merged), "--xlsx", str(report)
    )
    assert done.returncode == 4, done.stderr  # 4 % and 5 % of the same fact: a conflict
    assert "taxation=" in done.stdout and "statistics=" in done.stdout
    book = open_book(report.read_bytes())
    merge_sheet = book["合并情况"]
    assert [merge_sheet.cell(r, 1).value for r in (2, 3, 4)] == ["taxation", "statistics", "unit-market-regulation"]
    assert "training_coverage_rate" not in json.loads(merged.read_text(encoding="utf-8"))["facts"]
    done = run("compare", "--json", str(EXAMPLES / "unit-market-regulation.json"), str(report))
    assert done.returncode == 0, done.stdout + done.stderr
    assert json.loads(done.stdout)["files"]["new"]["problems"] == []
