"""The report workbook: 汇总 (total, verdict, each category against 75 %, the gap), 子项得分 (one row per
sub-item with its points and calc's plain-words explanation), 合并情况 for a merged county file, and the
facts as entered on the template's own 填报 sheet, so the report imports back with the same scores.

Every figure and sentence comes from calc's report (calc.scoring); nothing is scored here.
"""

from __future__ import annotations

import datetime as _dt
import json
from typing import Any

from calc.contract import STATE_LABELS, points_text
from calc.ruleset import Ruleset, default_ruleset
from calc.spreadsheet import layout
from calc.spreadsheet.save import workbook_bytes
from calc.spreadsheet.template_xlsx import _height, _print_setup, _styles, _t, entry_workbook
from calc.template import default_years
from calc.tracker import when_text

STATUS = {state: (labels["zh"], labels["en"]) for state, labels in STATE_LABELS.items()}


def report_bytes(
    assessment: dict[str, Any],
    report: dict[str, Any],
    lang: str = "zh",
    *,
    merged: dict[str, Any] | None = None,
    when: _dt.date | None = None,
    ruleset: Ruleset | None = None,
) -> bytes:
    """`report` is calc.score(assessment); `merged` the result of calc.merge when the file was just merged."""
    ruleset = ruleset or default_ruleset()
    when = when or _dt.date.today()
    scope = assessment.get("scope") if isinstance(assessment.get("scope"), dict) else {}
    unit = scope.get("unit") if scope.get("kind") == "unit" and scope.get("unit") in ruleset.units else None
    years = tuple(report["years"]) if report.get("years") else default_years(when.year)
    workbook = entry_workbook(unit, years, lang, assessment=assessment, when=when, ruleset=ruleset)  # type: ignore[arg-type]
    names = layout.SHEETS[lang]
    summary = workbook.create_sheet(names["summary"], 0)
    _summary(summary, report, unit, years, lang, ruleset)
    _items(workbook.create_sheet(names["items"], 1), report, unit, lang, ruleset)
    sources = merged["sources"] if merged else (assessment.get("meta") or {}).get("merged_from")
    if sources:
        _merge_sheet(workbook.create_sheet(names["merge"], 2), sources, merged, lang, ruleset, unit)
    if report.get("tracker"):
        _tracker_sheet(workbook.create_sheet(names["tracker"], 2), report["tracker"], lang, ruleset)
    workbook.active = 0
    return workbook_bytes(workbook, when)


def _put(sheet: Any, row: int, values: list[Any], style: Any = None, bold: bool = False) -> None:
    s = _styles()
    for column, value in enumerate(values, 1):
        cell = sheet.cell(row, column, value)
        cell.alignment = s["wrap"]
        if style:
            cell.fill, cell.border = style, s["border"]
        if bold:
            cell.font = s["bold"]


def _put_wide(sheet: Any, row: int, label: str, text: str, note: str = "", bold: bool = False) -> None:
    """A label, a sentence across columns B–F (too long for one narrow column), and a note in G."""
    _put(sheet, row, [label, text, "", "", "", "", note], bold=bold)
    sheet.merge_cells(start_row=row, end_row=row, start_column=2, end_column=6)
    sheet.row_dimensions[row].height = _height([(text, 56), (note, 60)])


def _summary(
    sheet: Any, report: dict[str, Any], unit: str | None, years: tuple[int, int], lang: str, ruleset: Ruleset
) -> None:
    s = _styles()
    name = layout.unit_name(unit, ruleset)[lang]
    for column, width in zip("ABCDEFG", (30, 10, 10, 12, 12, 12, 60)):
        sheet.column_dimensions[column].width = width
    sheet["A1"] = _t(
        lang,
        f"平陆县网络市场监管与服务示范区创建自评报告 · {name}（{years[0]}–{years[1]}年）",
        f"Pinglu online-market demonstration zone self-assessment report · {name} ({years[0]}–{years[1]})",
    )
    sheet["A1"].font = s["title"]
    verdict = _t(lang, "合格", "pass") if report["passed"] else _t(lang, "不合格", "not passed")
    _put(sheet, 3, [_t(lang, "总分", "Total"), report["total"], report["max"], verdict], bold=True)
    _put(sheet, 4, [_t(lang, "结论", "Verdict"), report["reason"][lang]])
    sheet.merge_cells("B4:G4")
    row = 6
    section = report.get("scope") or {}
    if section.get("kind") == "unit":
        _put(
            sheet,
            row,
            [
                _t(lang, "本单位得分", "This unit's points"),
                section["score"],
                section["max"],
                _t(
                    lang,
                    f"已填 {section['answered']} / {section['count']} 项指标",
                    f"{section['answered']} of {section['count']} indicators answered",
                ),
            ],
            bold=True,
        )
        row += 2
    heads = [
        _t(lang, "一级指标", "Category"),
        _t(lang, "得分", "Points"),
        _t(lang, "满分", "Max"),
        _t(lang, "得分率", "Rate"),
        _t(lang, "需达到（75%）", "Needed (75 %)"),
        _t(lang, "还差", "Short by"),
        _t(lang, "是否达到75%", "Reaches 75 %"),
    ]
    _put(sheet, row, heads, s["head"], bold=True)
    short = {c["id"]: c["short_by"] for c in report["gap"]["categories"]}
    for category in report["categories"]:
        row += 1
        _put(
            sheet,
            row,
            [
                category["name"][lang],
                category["score"],
                category["max"],
                f"{category['rate']}%",
                category["needed"],
                short.get(category["id"], 0),
                _t(lang, "是", "yes") if category["passed"] else _t(lang, "否", "no"),
            ],
            s["input"] if not category["passed"] else None,
        )
    row += 2
    gap = report["gap"]
    if not report["passed"]:
        _put_wide(
            sheet,
            row,
            _t(lang, "距离合格", "Gap to pass"),
            _t(
                lang,
                f"总分还差 {gap['total_short_by']} 分",
                f"the total is {points_text(gap['total_short_by'], 'en')} short",
            ),
            bold=True,
        )
        for category in gap["categories"]:
            row += 1
            _put_wide(
                sheet,
                row,
                category["name"][lang],
                _t(
                    lang,
                    f"还差 {category['short_by']} 分（需 {category['needed']} 分）",
                    f"{points_text(category['short_by'], 'en')} short (needs {category['needed']})",
                ),
            )
            for item in category["items"]:
                row += 1
                _put_wide(sheet, row, f"  +{item['gain']} {item['id']}", item["action"][lang], item["title"][lang])
        if gap["total"]["short_by_after_categories"]:
            row += 1
            _put_wide(
                sheet, row, _t(lang, "总分仍差", "Total still short"), str(gap["total"]["short_by_after_categories"])
            )
            for item in gap["total"]["items"]:
                row += 1
                _put_wide(sheet, row, f"  +{item['gain']} {item['id']}", item["action"][lang], item["title"][lang])
        row += 2
    if report["problems"]:
        _put(sheet, row, [_t(lang, "以下数据有误，未计入", "Entries left out as invalid")], bold=True)
        for problem in report["problems"]:
            row += 1
            _put(
                sheet,
                row,
                [problem.get("cell") or problem["field"] or _t(lang, "（文件）", "(file)"), problem["message"][lang]],
            )
            sheet.merge_cells(start_row=row, end_row=row, start_column=2, end_column=7)
    _print_setup(sheet, name, lang, None)


def _items(sheet: Any, report: dict[str, Any], unit: str | None, lang: str, ruleset: Ruleset) -> None:
    s = _styles()
    widths = (6, 30, 8, 7, 7, 12, 80)
    for column, width in zip("ABCDEFG", widths):
        sheet.column_dimensions[column].width = width
    heads = [
        _t(lang, "指标", "No."),
        _t(lang, "指标名称", "Indicator"),
        _t(lang, "子项", "Sub-item"),
        _t(lang, "得分", "Points"),
        _t(lang, "满分", "Max"),
        _t(lang, "状态", "State"),
        _t(lang, "说明", "Explanation"),
    ]
    _put(sheet, 1, heads, s["head"], bold=True)
    mine = set(ruleset.indicators_for_unit(unit)) if unit else None
    row = 1
    for indicator in report["indicators"]:
        if mine is not None and indicator["number"] not in mine:
            continue
        for item in indicator["items"]:
            row += 1
            explanation = item["explanation"][lang]
            _put(
                sheet,
                row,
                [
                    indicator["number"],
                    indicator["title"][lang],
                    item["id"],
                    item["score"],
                    item["max"],
                    STATUS.get(item["status"], (item["status"], item["status"]))[0 if lang == "zh" else 1],
                    explanation,
                ],
                s["input"] if item["score"] < item["max"] else None,
            )
            lines = sum(max(1, len(part) // (40 if lang == "zh" else 80) + 1) for part in explanation.split("\n"))
            sheet.row_dimensions[row].height = 15 * max(lines, 2) + 3
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:G{max(row, 2)}"
    _print_setup(sheet, layout.unit_name(unit, ruleset)[lang], lang, "1:1")


def _tracker_sheet(sheet: Any, tracked: dict[str, Any], lang: str, ruleset: Ruleset) -> None:
    """The coordinator's tracker (calc.tracker): one row per responsible unit, its file or that it is missing."""
    s = _styles()
    for column, width in zip("ABCDEFG", (28, 10, 36, 44, 10, 12, 12)):
        sheet.column_dimensions[column].width = width
    _put(sheet, 1, [tracked["summary"][lang]], bold=True)
    sheet.merge_cells("A1:G1")
    sheet.row_dimensions[1].height = 34
    heads = [
        _t(lang, "责任单位", "Responsible unit"),
        _t(lang, "文件", "File"),
        _t(lang, "文件名（导出/保存时间）", "File name (exported or saved)"),
        _t(lang, "本单位负责的指标（分值）", "Its own indicators (points)"),
        _t(lang, "分值合计", "Points"),
        _t(lang, "其中尚无数据", "Of which no data"),
        _t(lang, "共同承担的指标", "Shared indicators"),
    ]
    _put(sheet, 3, heads, s["head"], bold=True)
    row = 3
    for entry in tracked["units"]:
        row += 1
        files = "\n".join(
            f["source"]
            + (
                f"（{when_text(f['exported'])}）"
                if lang == "zh" and f["exported"]
                else f" ({when_text(f['exported'])})"
                if f["exported"]
                else ""
            )
            for f in entry["files"]
        )
        own = _t(lang, "、", ", ").join(
            _t(lang, f"{i['number']}（{i['max']}分）", f"{i['number']} ({i['max']})") for i in entry["indicators"]
        ) or _t(lang, "无", "none")
        _put(
            sheet,
            row,
            [
                entry["name"][lang],
                _t(lang, "已收到", "in") if entry["received"] else _t(lang, "未收到", "missing"),
                files,
                own,
                entry["points"],
                entry["points_without_data"],
                entry["shared"],
            ],
            None if entry["received"] else s["input"],
        )
        sheet.row_dimensions[row].height = _height([(files, 34), (own, 42)])
    if tracked["other_files"]:
        row += 2
        _put(
            sheet,
            row,
            [_t(lang, "其他文件（县级或未指明单位）", "Other files (county, or no unit named)")],
            s["head"],
            bold=True,
        )
        for entry in tracked["other_files"]:
            row += 1
            _put(sheet, row, [entry["source"], "", when_text(entry["exported"])])
    sheet.freeze_panes = "A4"
    sheet.auto_filter.ref = f"A3:G{3 + len(tracked['units'])}"
    _print_setup(sheet, layout.unit_name(None, ruleset)[lang], lang, "3:3")


def _merge_sheet(
    sheet: Any, sources: list[str], merged: dict[str, Any] | None, lang: str, ruleset: Ruleset, unit: str | None
) -> None:
    s = _styles()
    sheet.column_dimensions["A"].width = 36
    sheet.column_dimensions["B"].width = 90
    _put(sheet, 1, [_t(lang, "合并的文件", "Files merged")], s["head"], bold=True)
    row = 1
    for source in sources:
        row += 1
        _put(sheet, row, [str(source)])
    row += 2
    if merged is None:
        _put(
            sheet,
            row,
            [
                _t(lang, "冲突", "Conflicts"),
                _t(
                    lang,
                    "此文件是已合并的文件，合并时留下的冲突需查看当时的合并结果。",
                    "This file was merged earlier; the conflicts left then are in that merge's output.",
                ),
            ],
        )
    else:
        _put(
            sheet,
            row,
            [_t(lang, "未合并的冲突", "Conflicts left"), _t(lang, "各文件的值", "Each file's value")],
            s["head"],
            bold=True,
        )
        for conflict in merged["conflicts"]:
            row += 1
            values = "; ".join(
                f"{v['source']} = {json.dumps(v['value'], ensure_ascii=False)}" for v in conflict["values"]
            )
            _put(sheet, row, [conflict["message"][lang], values])
        if not merged["conflicts"]:
            _put(sheet, row + 1, [_t(lang, "无", "none")])
    _print_setup(sheet, layout.unit_name(unit, ruleset)[lang], lang, None)
