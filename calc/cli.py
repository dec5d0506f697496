"""python -m calc: validate, score, compare, merge and make templates from the command line.

Exit codes: 0 ok; 1 the input is invalid; 2 usage error or unreadable file; 3 scored but not passed
(only with --require-pass); 4 merged with conflicts; 70 an internal error (a bug: reported in one line).
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import sys
from pathlib import Path
from typing import Any

from calc.compare import compare
from calc.compare_text import comparison_text
from calc.contract import points_text
from calc.disputes import choice_lines
from calc.merge import merge
from calc.reading import MAX_INPUT_BYTES, Refused, file_problem, read_bytes
from calc.ruleset import default_ruleset
from calc.scoring import score
from calc.show_text import indicator_text
from calc.spreadsheet import SpreadsheetUnavailable
from calc.spreadsheet import files as sheets
from calc.template import default_years, template
from calc.tracker import when_text
from calc.validation import refusals, validate

EXIT_OK, EXIT_INVALID, EXIT_USAGE, EXIT_NOT_PASSED, EXIT_CONFLICTS, EXIT_INTERNAL = 0, 1, 2, 3, 4, 70


def _read(path: str, lang: str) -> Any:
    """A file's JSON data, read by calc.reading exactly as the page reads a chosen file; a file that cannot
    be read ends the command with exit 2 and calc's message."""
    data, problem = _read_or_problem(path)
    if problem:
        raise SystemExit(
            _fail(f"{path}：{problem['message']['zh']}" if lang == "zh" else f"{path}: {problem['message']['en']}")
        )
    return data


def _read_or_problem(path: str) -> tuple[Any, dict[str, Any] | None]:
    try:
        if path == "-":
            raw = sys.stdin.buffer.read(MAX_INPUT_BYTES + 1)
        else:
            with open(path, "rb") as handle:  # never more than the limit into memory
                raw = handle.read(MAX_INPUT_BYTES + 1)
    except OSError as error:
        return None, file_problem(
            "unreadable",
            f"无法读取文件：{error.strerror or error}。",
            f"cannot read the file: {error.strerror or error}.",
        )
    try:
        return read_bytes(raw), None
    except Refused as refused:
        return None, refused.problem


def _sheet(path: str, lang: str) -> Any:
    """A spreadsheet file read by calc.spreadsheet (None for any other file); one it refuses, or openpyxl
    missing, ends the command with exit 2 and the message."""
    try:
        reading = sheets.open_path(path)
    except SpreadsheetUnavailable as missing:
        raise SystemExit(_fail(missing.message[lang])) from None
    if reading is not None and reading.assessment is None:
        message = reading.problems[0]["message"]
        raise SystemExit(_fail(f"{path}：{message['zh']}" if lang == "zh" else f"{path}: {message['en']}"))
    return reading


def _write_xlsx(output: str | None, make: Any, lang: str) -> int:
    """Writes the workbook `make()` returns to `output` (required: a workbook is not terminal text)."""
    if not output:
        return _fail("写出.xlsx需要指定输出文件" if lang == "zh" else "an .xlsx needs an output file")
    try:
        Path(output).write_bytes(make())
    except SpreadsheetUnavailable as missing:
        return _fail(missing.message[lang])
    return EXIT_OK


def _fail(message: str) -> int:
    print(message, file=sys.stderr)
    return EXIT_USAGE


def _emit(value: Any, as_json: bool, text: str, output: str | None = None) -> None:
    body = json.dumps(value, ensure_ascii=False, indent=2) + "\n" if as_json else text
    if output:
        Path(output).write_text(body, encoding="utf-8")
    else:
        sys.stdout.write(body)


def _problems_text(problems: list[dict], lang: str) -> str:
    return "".join(f"  - {p['field'] or '(file)'}: {p['message'][lang]}\n" for p in problems)


def unit_section_text(section: dict[str, Any] | None, lang: str) -> list[str]:
    """The unit's own result first (only for a unit's file): its points out of its indicators' points."""
    if not section or section["kind"] != "unit":
        return []
    zh = lang == "zh"
    out = [
        (f"本单位：{section['name']['zh']}" if zh else f"This unit: {section['name']['en']}"),
        (
            f"本单位得分 {section['score']}/{section['max']}（负责 {section['count']} 项指标，已填 {section['answered']} / {section['count']} 项）"
            if zh
            else f"Unit score {section['score']}/{section['max']} ({section['count']} indicators, "
            f"{section['answered']} of {section['count']} answered)"
        ),
    ]
    if section["open_items"]:
        out.append("本单位可补：" if zh else "Items this unit can still earn:")
        out.extend(f"    +{item['gain']} {item['id']} {item['action'][lang]}" for item in section["open_items"])
    if section["gap"]["others"]:
        out.append("其他单位负责：" if zh else "Items of other units:")
        for other in section["gap"]["others"]:
            out.append(f"    {other['name'][lang]}: " + ", ".join(item["id"] for item in other["items"]))
    out.append("")
    return out


def disputes_text(weighed: dict[str, Any] | None, lang: str) -> list[str]:
    """The figures a merge left undecided, each file's value with what it would score."""
    if not weighed or not weighed["open"]:
        return []
    out = [
        "尚未确定的填报分歧（各单位数值不一致，未计分）："
        if lang == "zh"
        else "Disputed figures still open (the units differ; not scored):"
    ]
    for entry in weighed["open"]:
        out.append(f"  {entry['message'][lang]}")
        out.extend(f"    {text}" for text in choice_lines(entry, lang))
    out.append("")
    return out


def _dispute_choices(item: dict[str, Any], lang: str) -> list[str]:
    dispute = item.get("dispute")
    if not dispute:
        return []
    return [f"        {text}" for text in choice_lines(dispute, lang)]


def tracker_text(tracked: dict[str, Any] | None, lang: str) -> list[str]:
    """The coordinator's tracker (calc.tracker), for a county file that was merged from units' files."""
    if not tracked or not (tracked["received"] or tracked["other_files"]):
        return []
    zh = lang == "zh"
    out = [tracked["summary"][lang]]
    for entry in tracked["units"]:
        if entry["received"]:
            files = ", ".join(
                f["source"] + (f" ({when_text(f['exported'])})" if f["exported"] else "") for f in entry["files"]
            )
            out.append(f"  ✓ {entry['name'][lang]}: {files}")
        elif entry["indicators"]:
            own = ", ".join(str(i["number"]) for i in entry["indicators"])
            out.append(
                f"  ✗ {entry['name'][lang]}: "
                + (
                    f"未收到；负责指标 {own}，共 {entry['points']} 分"
                    if zh
                    else f"missing; its indicators {own}, {entry['points']} points"
                )
            )
        else:
            out.append(
                f"  ✗ {entry['name'][lang]}: "
                + ("未收到（只有共同承担的指标）" if zh else "missing (shared indicators only)")
            )
    out.append("")
    return out


def report_text(report: dict[str, Any], lang: str) -> str:
    zh = lang == "zh"
    out = []
    years = report["years"]
    out.append(
        ("平陆县网络市场监管与服务示范区创建评估" if zh else "Pinglu online-market demonstration zone assessment")
        + (f"（{years[0]}–{years[1]}年）" if zh and years else f" ({years[0]}–{years[1]})" if years else "")
    )
    verdict = ("合格" if report["passed"] else "不合格") if zh else ("PASS" if report["passed"] else "NOT PASSED")
    out.extend(unit_section_text(report.get("scope"), lang))
    out.append(
        ("全县" if zh else "County ") + f"{'总分' if zh else 'total'} {report['total']}/{report['max']}  {verdict}"
        if report.get("scope", {}).get("kind") == "unit"
        else f"{'总分' if zh else 'Total'} {report['total']}/{report['max']}  {verdict}"
    )
    out.append(report["reason"][lang])
    out.append("")
    out.extend(disputes_text(report.get("disputes"), lang))
    out.extend(tracker_text(report.get("tracker"), lang))
    for category in report["categories"]:
        mark = "✓" if category["passed"] else "✗"
        out.append(f"{mark} {category['name'][lang]}  {category['score']}/{category['max']}  {category['rate']}%")
        for child in category["children"]:
            out.append(f"    {child['name'][lang]}  {child['score']}/{child['max']}")
    out.append("")
    for ind in report["indicators"]:
        out.append(f"[{ind['number']}] {ind['title'][lang]}  {ind['score']}/{ind['max']}")
        for item in ind["items"]:
            for text in item["lines"]:
                out.append(f"      {text[lang]}")
    gap = report["gap"]
    if not report["passed"]:
        out.append("")
        out.append("距离合格：" if zh else "Gap to pass:")
        units = default_ruleset().units
        for category in gap["categories"]:
            out.append(
                f"  {category['name'][lang]}: "
                + (
                    f"还差 {category['short_by']} 分（需 {category['needed']} 分）"
                    if zh
                    else f"{points_text(category['short_by'], 'en')} short (needs {category['needed']})"
                )
            )
            for item in category["items"]:
                names = ("、" if zh else ", ").join(units[u]["name"][lang] for u in item["responsible_groups"][:3])
                more = "…" if len(item["responsible_groups"]) > 3 else ""
                out.append(
                    f"    +{item['gain']} {item['id']} {item['action'][lang]}（{names}{more}）"
                    if zh
                    else f"    +{item['gain']} {item['id']} {item['action'][lang]} ({names}{more})"
                )
                out.extend(_dispute_choices(item, lang))
        total = gap["total"]
        if total["short_by_after_categories"]:
            out.append(
                f"  总分还差 {total['short_by_after_categories']} 分，可从："
                if zh
                else f"  The total still needs {points_text(total['short_by_after_categories'], 'en')}, from:"
            )
            for item in total["items"]:
                out.append(f"    +{item['gain']} {item['id']} {item['action'][lang]}")
                out.extend(_dispute_choices(item, lang))
    if report["problems"]:
        out.append("")
        out.append("以下数据有误，未计入：" if zh else "These entries are invalid and were left out:")
        out.append(_problems_text(report["problems"], lang).rstrip("\n"))
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Runs the command; whatever happens, the user sees a message, never a traceback (CALC_DEBUG=1 shows it)."""
    try:
        return _run(argv)
    except (SystemExit, KeyboardInterrupt):
        raise
    except Exception as error:  # a bug of calc's: say so plainly, with what a maintainer needs
        if os.environ.get("CALC_DEBUG"):
            raise
        print(
            f"计分程序内部错误，请将所用文件和此信息发给网站维护人员 / internal error of the scoring program, "
            f"please send the file and this line to the site's maintainers: {type(error).__name__}: {str(error)[:200]}",
            file=sys.stderr,
        )
        return EXIT_INTERNAL


def _run(argv: list[str] | None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m calc", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--lang", choices=["zh", "en"], default="zh", help="language of the text output")
    sub = parser.add_subparsers(dest="command", required=True)
    p_validate = sub.add_parser("validate", help="check an assessment file")
    p_score = sub.add_parser("score", help="score an assessment file")
    p_merge = sub.add_parser("merge", help="merge units' assessment files into one county assessment")
    p_template = sub.add_parser("template", help="write a blank assessment")
    p_compare = sub.add_parser("compare", help="progress between an earlier and a later assessment")
    p_show = sub.add_parser("show", help="one indicator: its sub-items' source sentences and rules in plain words")
    p_show.add_argument("number", type=int, help="the indicator's number (1-41)")
    p_show.add_argument("--lang", choices=["zh", "en"], default=argparse.SUPPRESS)
    p_compare.add_argument("old", help="the earlier assessment file")
    p_compare.add_argument("new", help="the later assessment file")
    for p in (p_validate, p_score, p_merge, p_template, p_compare):
        p.add_argument("--json", action="store_true", help="machine-readable JSON output")
        p.add_argument("--lang", choices=["zh", "en"], default=argparse.SUPPRESS)
    p_validate.add_argument("file", help="assessment JSON file, or - for standard input")
    p_score.add_argument("file", help="assessment JSON file, or - for standard input")
    p_score.add_argument("--require-pass", action="store_true", help="exit 3 when the assessment does not pass")
    p_score.add_argument("--xlsx", metavar="OUT", help="also write the report workbook (.xlsx) here")
    p_merge.add_argument("files", nargs="+", help="unit assessment files")
    p_merge.add_argument("-o", "--output", help="write the merged assessment here")
    p_merge.add_argument("--xlsx", metavar="OUT", help="also write the merged report workbook (.xlsx) here")
    p_template.add_argument("--unit", help="unit id: only the indicators this unit is responsible for")
    p_template.add_argument(
        "--years",
        nargs=2,
        type=int,
        metavar=("FIRST", "SECOND"),
        help="the two assessed years (default: the two most recent full years)",
    )
    p_template.add_argument("-o", "--output", help="write the template here")
    p_template.add_argument("--xlsx", action="store_true", help="write the .xlsx template (needs -o)")
    args = parser.parse_args(argv)
    lang = args.lang

    if args.command == "show":
        ruleset = default_ruleset()
        if args.number not in ruleset.indicators:
            return _fail(
                f"没有指标{args.number}：指标编号为 1–{len(ruleset.indicators)}。"
                if lang == "zh"
                else f"There is no indicator {args.number}: indicators are numbered 1–{len(ruleset.indicators)}."
            )
        sys.stdout.write(indicator_text(args.number, ruleset, lang))
        return EXIT_OK

    if args.command == "validate":
        sheet = _sheet(args.file, lang)
        problems = sheets.validate_reading(sheet) if sheet else validate(_read(args.file, lang))
        text = (
            ("有效。\n" if lang == "zh" else "valid.\n")
            if not problems
            else (f"发现 {len(problems)} 个问题：\n" if lang == "zh" else f"{len(problems)} problem(s):\n")
            + _problems_text(problems, lang)
        )
        _emit({"valid": not problems, "opened": not refusals(problems), "problems": problems}, args.json, text)
        return EXIT_INVALID if problems else EXIT_OK

    if args.command == "score":
        sheet = _sheet(args.file, lang)
        data = sheet.assessment if sheet else _read(args.file, lang)
        refused = refusals(validate(data))
        if refused:  # not an assessment the page would open either: nothing to score
            text = (
                f"{args.file} 无法作为评估文件打开：\n"
                if lang == "zh"
                else f"{args.file} cannot be opened as an assessment:\n"
            ) + _problems_text(refused, lang)
            _emit({"valid": False, "opened": False, "problems": refused}, args.json, text)
            return EXIT_INVALID
        report = sheets.score_reading(sheet) if sheet else score(data)
        if args.xlsx and _write_xlsx(args.xlsx, lambda: sheets.report_bytes(data, report, lang), lang):
            return EXIT_USAGE
        _emit(report, args.json, report_text(report, lang))
        if not report["valid"]:
            return EXIT_INVALID
        return EXIT_NOT_PASSED if args.require_pass and not report["passed"] else EXIT_OK

    if args.command == "compare":
        old, new = _sheet(args.old, lang), _sheet(args.new, lang)
        comparison = sheets.locate_comparison(
            compare(old.assessment if old else _read(args.old, lang), new.assessment if new else _read(args.new, lang)),
            old,
            new,
        )
        _emit(comparison, args.json, comparison_text(comparison, lang, (args.old, args.new)))
        return EXIT_OK if comparison["valid"] else EXIT_INVALID

    if args.command == "merge":
        # A file that cannot be read is a problem of that file, and the others are still merged (as on the page).
        named, unreadable, readings = [], [], {}
        for f in args.files:
            try:
                sheet = sheets.open_path(f)
            except SpreadsheetUnavailable as missing:
                return _fail(missing.message[lang])
            if sheet is not None and sheet.assessment is not None:
                readings[Path(f).stem] = sheet
            data, problem = (
                (sheet.assessment, None if sheet.assessment else sheet.problems[0]) if sheet else _read_or_problem(f)
            )
            if problem:
                unreadable.append({**problem, "source": Path(f).stem})
            else:
                named.append((Path(f).stem, data))
        result = merge(named)
        result["problems"] = unreadable + sheets.locate_merge(result["problems"], readings)
        if args.xlsx and _write_xlsx(
            args.xlsx,
            lambda: sheets.report_bytes(result["assessment"], score(result["assessment"]), lang, merged=result),
            lang,
        ):
            return EXIT_USAGE
        if args.output:
            Path(args.output).write_text(
                json.dumps(result["assessment"], ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
            )
        lines = [
            f"{c['message'][lang]} "
            + "; ".join(f"{v['source']}={json.dumps(v['value'], ensure_ascii=False)}" for v in c["values"])
            for c in result["conflicts"]
        ]
        text = (
            ("合并了 %d 个文件" % len(named) if lang == "zh" else "merged %d file(s)" % len(named))
            + (f"，{len(lines)} 处冲突：\n" if lang == "zh" else f", {len(lines)} conflict(s):\n")
            + "".join(f"  - {line}\n" for line in lines)
            + _problems_text(result["problems"], lang)
        )
        _emit(result if not args.output else {k: v for k, v in result.items() if k != "assessment"}, args.json, text)
        if result["problems"]:
            return EXIT_INVALID
        return EXIT_CONFLICTS if result["conflicts"] else EXIT_OK

    years = tuple(args.years) if args.years else default_years(datetime.date.today().year)
    if years[1] != years[0] + 1:
        return _fail("评估年度应为两个相邻年份" if lang == "zh" else "the assessed years must be consecutive")
    try:
        blank = template(args.unit, years)  # type: ignore[arg-type]
    except KeyError:
        known = ", ".join(u for u, d in default_ruleset().units.items() if d["kind"] in ("unit", "group"))
        return _fail(
            (f"未知的单位代码 {args.unit}；可用：" if lang == "zh" else f"unknown unit {args.unit}; known: ") + known
        )
    if args.xlsx:
        return _write_xlsx(args.output, lambda: sheets.template_bytes(args.unit, years, lang), lang)
    body = json.dumps(blank, ensure_ascii=False, indent=2) + "\n"
    if args.output:
        Path(args.output).write_text(body, encoding="utf-8")
    else:
        sys.stdout.write(body)
    return EXIT_OK
