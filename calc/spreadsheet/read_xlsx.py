"""Reading a filled workbook back into an assessment dict, with every problem named by sheet and cell.

The sheets are found by their machine marks (layout.py), not by name or position; rows by the hidden key
column, columns by the hidden key row. So blank, sorted or filtered rows, hidden or added columns, extra
sheets and a file re-saved by LibreOffice or WPS read the same. A cell that cannot be used becomes a
problem ("填报!G12：……") and only that value is left out; the rest of the file is still read.

The result is a plain assessment: calc.validation and calc.scoring take it from here (located.py).
"""

from __future__ import annotations

import datetime as _dt
import io
import warnings
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from calc.contract import DEFAULT_REGION
from calc.ruleset import Ruleset, default_ruleset
from calc.spreadsheet import cells, layout, require_openpyxl, sniff
from calc.spreadsheet.cells import CellError, json_number
from calc.template import template
from calc.validation import Problem

SCAN_ROWS, SCAN_COLUMNS = 10, 40  # where the marks are looked for (a user may insert rows or columns)


@dataclass
class Reading:
    assessment: dict[str, Any] | None  # None when the file was refused
    problems: list[dict[str, Any]] = field(default_factory=list)
    cells: dict[tuple[str, ...], str] = field(default_factory=dict)  # JSON path → "sheet!cell"


def _label(ruleset: Ruleset, key: str) -> tuple[str, str]:
    definition = ruleset.facts[key]
    number = ruleset.fact_indicator[key]
    if definition["kind"] == "flag":
        return f"子项{key}", f"sub-item {key}"
    return f"指标{number}“{definition['label']['zh']}”", f"indicator {number} \u201c{definition['label']['en']}\u201d"


class _Reader:
    def __init__(self, ruleset: Ruleset):
        self.ruleset = ruleset
        self.problems: list[dict[str, Any]] = []
        self.cells: dict[tuple[str, ...], str] = {}

    def problem(self, ref: str, path: list[str], code: str, zh: str, en: str, key: str | None = None) -> None:
        indicator = self.ruleset.fact_indicator.get(key) if key else None
        item = key if key in self.ruleset.items else None
        found = Problem(path, code, f"{ref}：{zh}", f"{ref}: {en}", indicator, item, key).as_dict()
        self.problems.append({**found, "cell": ref})

    def cell_problem(self, ref: str, path: list[str], key: str, error: CellError) -> None:
        zh, en = _label(self.ruleset, key)
        self.problem(ref, path, error.code, f"{zh}{error.zh}。", f"{en} {error.en}.", key)


def _ref(sheet: Any, cell: Any) -> str:
    return f"{sheet.title}!{cell.coordinate}"


def _find_mark(workbook: Any, mark: str) -> tuple[Any, int, int] | None:
    """(sheet, row, column) of the first cell holding `mark` near the top left of any sheet."""
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows(min_row=1, max_row=SCAN_ROWS, max_col=SCAN_COLUMNS):
            for cell in row:
                if isinstance(cell.value, str) and cell.value.strip() == mark:
                    return sheet, cell.row, cell.column
    return None


def _meta(workbook: Any) -> tuple[dict[str, str], dict[str, str]]:
    """The hidden sheet's keys and values, and the cell of each value."""
    found = _find_mark(workbook, layout.META_MARK)
    if not found:
        return {}, {}
    sheet, top, column = found
    out, refs = {}, {}
    for key_cell, value_cell in sheet.iter_rows(min_row=top, max_col=column + 1, min_col=column):
        if key_cell.value is not None:
            key = str(key_cell.value).strip()
            out[key] = "" if value_cell.value is None else str(value_cell.value).strip()
            refs[key] = _ref(sheet, value_cell)
    return out, refs


def _years(meta: dict[str, str], keys: dict[str, int]) -> list[int] | None:
    text = meta.get("years", "")
    parts = [p.strip() for p in text.replace("，", ",").split(",")]
    if len(parts) == 2 and all(p.isdecimal() for p in parts):
        return [int(p) for p in parts]
    groups = sorted({int(k.split(".")[0]) for k in keys if k.split(".")[0].isdecimal()})
    return groups if len(groups) == 2 else None


def read_workbook(data: bytes, name: str = "", ruleset: Ruleset | None = None) -> Reading:
    """The assessment a workbook holds; `problems` lists what was refused or left out, each by cell."""
    ruleset = ruleset or default_ruleset()
    refused = sniff.refusal(data, name)
    if refused:
        return Reading(None, [refused])
    openpyxl = require_openpyxl()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about extensions it drops; they carry no data
            workbook = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    except Exception:  # openpyxl raises many kinds on a damaged part; to the user it is one thing
        return Reading(None, [sniff.corrupt()])
    found = _find_mark(workbook, layout.ENTRY_MARK)
    if not found:
        return Reading(
            None,
            [
                Problem(
                    [],
                    "not-a-template",
                    "这个Excel文件不是本站的自评模板（找不到填报表的识别信息）。请在“下载”页面下载本单位的模板，把数据填入后再导入。",
                    "This Excel file is not one of the site's assessment templates (its entry sheet "
                    "cannot be found). Download your unit's template from the Downloads page, fill "
                    "it in and import that.",
                ).as_dict()
            ],
        )
    reader = _Reader(ruleset)
    meta, meta_refs = _meta(workbook)
    # calc.validation's problems with the file's own fields point at the hidden sheet's cells.
    for path, key in (
        (("format",), "format"),
        (("version",), "version"),
        (("years",), "years"),
        (("region",), "region"),
        (("scope",), "unit"),
        (("scope", "unit"), "unit"),
    ):
        if key in meta_refs:
            reader.cells[path] = meta_refs[key]
    sheet, key_row, key_col = found
    keys = {}
    for cell in sheet[key_row]:
        if isinstance(cell.value, str) and cell.value.strip() and cell.column != key_col:
            keys.setdefault(cell.value.strip(), cell.column)
    years = _years(meta, keys)
    assessment = _skeleton(meta, years, ruleset)
    saved = _saved(workbook)
    if saved:
        assessment["meta"]["exported"] = saved
    facts: dict[str, Any] = assessment["facts"]
    evidence: dict[int, list[tuple[str, str]]] = {}
    seen: set[str] = set()
    for row in sheet.iter_rows(min_row=key_row + 1):
        by_col = {cell.column: cell for cell in row}
        key_cell = by_col.get(key_col)
        key = key_cell.value.strip() if key_cell is not None and isinstance(key_cell.value, str) else None
        if not key or key not in ruleset.facts:
            continue
        if key in seen:
            if any(not cells.is_blank(by_col[c].value) for c in keys.values() if c in by_col):
                reader.problem(
                    _ref(sheet, key_cell),
                    ["facts", key],
                    "duplicate-row",
                    "这一行重复（同一数据项出现两次），只读取了第一行。",
                    "this row repeats a fact already read above; only the first one was read.",
                    key,
                )
            continue
        seen.add(key)
        if not _row_matches(sheet, by_col, keys, key, ruleset, reader):
            continue
        value = _read_row(sheet, by_col, keys, key, years, reader)
        if value is not None:
            facts[key] = value
        _collect_text(by_col, keys, key, ruleset, evidence)
    firms = _find_mark(workbook, layout.FIRMS_MARK)
    if firms:
        listed = _read_firms(*firms, reader)
        if listed is not None:
            facts["new_large_operators"] = listed
    assessment["evidence"].update(_evidence_texts(evidence))
    return Reading(assessment, reader.problems, reader.cells)


def _saved(workbook: Any) -> str | None:
    """When the workbook was last saved (its core properties, set by Excel, WPS and LibreOffice on saving),
    as calc.tracker shows for "exported when"; None when the file does not say."""
    modified = getattr(getattr(workbook, "properties", None), "modified", None)
    if not isinstance(modified, _dt.datetime):
        return None
    return modified.replace(microsecond=0, tzinfo=None).isoformat() + "Z"


def _skeleton(meta: dict[str, str], years: list[int] | None, ruleset: Ruleset) -> dict[str, Any]:
    unit = meta.get("unit") or None
    known_unit = unit if unit in ruleset.units else None
    base = template(known_unit, tuple(years) if years else (2024, 2025), ruleset)  # type: ignore[arg-type]
    version = meta.get("version", "1")
    base.update(
        {
            "format": meta.get("format", base["format"]),
            "version": int(version) if version.isdecimal() else version,
            "scope": {"kind": "unit", "unit": unit} if unit else {"kind": "county"},
            "years": years,
            "region": meta.get("region") or DEFAULT_REGION,
            "evidence": dict(base["evidence"]),
            "meta": {"source": "xlsx", "template_version": meta.get("template_version", "")},
        }
    )
    return base


def _row_matches(sheet: Any, by_col: dict, keys: dict[str, int], key: str, ruleset: Ruleset, reader: _Reader) -> bool:
    """A row whose visible indicator number is not its key's was scrambled (a sort of only some columns)."""
    cell = by_col.get(keys.get("indicator", -1))
    if cell is None or cells.is_blank(cell.value):
        return True
    try:
        shown = cells.number(cell.value)
    except CellError:
        shown = None
    if shown == ruleset.fact_indicator[key]:
        return True
    reader.problem(
        _ref(sheet, cell),
        ["facts", key],
        "row-mismatch",
        f"这一行的指标编号（{cell.value}）与隐藏的识别码不符（可能只对部分列排序），本行未读取。",
        f"the indicator number of this row ({cell.value}) does not match its hidden key (perhaps only "
        "some columns were sorted); the row was not read.",
        key,
    )
    return False


def _read_row(
    sheet: Any, by_col: dict, keys: dict[str, int], key: str, years: list[int] | None, reader: _Reader
) -> Any:
    definition = reader.ruleset.facts[key]
    kind = definition["kind"]
    if kind == "firms":
        return None
    if not definition.get("per_year"):
        return _read_group(sheet, by_col, keys, key, layout.PERIOD, ["facts", key], reader)
    out: dict[str, Any] = {}
    for year in years or []:
        value = _read_group(sheet, by_col, keys, key, str(year), ["facts", key, str(year)], reader)
        if value is not None:
            out[str(year)] = value
    return out or None


def _slot(sheet: Any, by_col: dict, keys: dict[str, int], group: str, slot: str) -> tuple[Any, str | None]:
    cell = by_col.get(keys.get(f"{group}.{slot}", -1))
    if cell is None:
        return None, None
    return cell, _ref(sheet, cell)


def _read_group(
    sheet: Any, by_col: dict, keys: dict[str, int], key: str, group: str, path: list[str], reader: _Reader
) -> Any:
    """The JSON value of one column group (the whole period, or a year) of a row; None when not entered."""
    definition = reader.ruleset.facts[key]
    kind = definition["kind"]
    cell, ref = _slot(sheet, by_col, keys, group, "value")
    if kind == "flag" or kind in ("count", "number"):
        if cell is None:
            return None
        reader.cells[tuple(path)] = ref
        try:
            if kind == "flag":
                return cells.flag(cell.value)
            found = cells.number(cell.value, cell.number_format)
            return None if found is None else json_number(found)
        except CellError as error:
            reader.cell_problem(ref, path, key, error)
            return None
    first, second = layout.PARTS[kind]
    values: dict[str, Fraction | None] = {}
    refs: dict[str, str] = {}
    for slot, part in (("value", "percent"), ("a", first), ("b", second)):
        slot_cell, slot_ref = _slot(sheet, by_col, keys, group, slot)
        if slot_cell is None:
            values[part] = None
            continue
        refs[part] = slot_ref
        reader.cells[tuple(path + [part])] = slot_ref
        try:
            values[part] = cells.number(slot_cell.value, slot_cell.number_format, percent=part == "percent")
        except CellError as error:
            reader.cell_problem(slot_ref, path + [part], key, error)
            return None
    if refs:
        reader.cells[tuple(path)] = refs.get("percent") or next(iter(refs.values()))
    percent, a, b = values["percent"], values[first], values[second]
    if a is None and b is None:
        return None if percent is None else {"percent": json_number(percent)}
    if a is None or b is None:
        missing = first if a is None else second
        zh, en = _label(reader.ruleset, key)
        words = {
            "numerator": ("分子", "the numerator"),
            "denominator": ("分母", "the denominator"),
            "current": ("本年数额", "this year's amount"),
            "previous": ("上年数额", "last year's amount"),
        }[missing]
        reader.problem(
            refs.get(missing, ref or ""),
            path + [missing],
            "incomplete-counts",
            f"{zh}缺少{words[0]}（或删去另一项、改填百分比），本项未计入。",
            f"{en}: {words[1]} is missing (or clear the other one and give the percentage); left out.",
            key,
        )
        return None
    if percent is not None and b != 0 and not _agrees(percent, a, b, kind):
        zh, en = _label(reader.ruleset, key)
        reader.problem(
            refs["percent"],
            path + ["percent"],
            "percent-differs",
            f"{zh}填写的百分比 {cells.text(json_number(percent))}% 与分子分母算出的结果不一致，请只保留一种填法，本项未计入。",
            f"{en}: the percentage {cells.text(json_number(percent))}% does not agree with the counts; keep "
            "one of the two; left out.",
            key,
        )
        return None
    return {first: json_number(a), second: json_number(b)}


def _agrees(percent: Fraction, a: Fraction, b: Fraction, kind: str) -> bool:
    """Whether a typed percentage is the counts' result, rounded to as many decimals as were typed."""
    exact = a / b * 100 if kind == "ratio" else (a / b - 1) * 100
    decimals = 0
    while (percent * 10**decimals).denominator != 1 and decimals < 6:
        decimals += 1
    return abs(exact - percent) <= Fraction(1, 2 * 10**decimals)


def _collect_text(
    by_col: dict, keys: dict[str, int], key: str, ruleset: Ruleset, evidence: dict[int, list[tuple[str, str]]]
) -> None:
    number = ruleset.fact_indicator[key]
    for column, prefix in (("evidence", ""), ("note", "备注：")):
        cell = by_col.get(keys.get(column, -1))
        text = cells.text(cell.value) if cell is not None else ""
        if text:
            evidence.setdefault(number, []).append((key, prefix + text))


def _evidence_texts(evidence: dict[int, list[tuple[str, str]]]) -> dict[str, str]:
    """One note per indicator: a single text as it is, several each led by its fact or sub-item."""
    out = {}
    for number, texts in sorted(evidence.items()):
        out[str(number)] = texts[0][1] if len(texts) == 1 else "\n".join(f"{key}：{text}" for key, text in texts)
    return out


def _read_firms(sheet: Any, key_row: int, key_col: int, reader: _Reader) -> list[dict[str, Any]] | None:
    keys = {
        cell.value.strip(): cell.column
        for cell in sheet[key_row]
        if isinstance(cell.value, str) and cell.column != key_col
    }
    if not {"name", "year", "sales_wan_yuan"} <= set(keys):
        return None
    key = "new_large_operators"
    listed: list[dict[str, Any]] = []
    started = False
    for row in sheet.iter_rows(min_row=key_row + 1):
        by_col = {cell.column: cell for cell in row}
        mark = by_col.get(key_col)
        if not started:
            started = mark is not None and isinstance(mark.value, str) and mark.value.strip() == layout.DATA_MARK
            continue
        got = {name: by_col.get(column) for name, column in keys.items() if name in ("name", "year", "sales_wan_yuan")}
        if all(c is None or cells.is_blank(c.value) for c in got.values()):
            continue
        path = ["facts", key, str(len(listed))]
        entry: dict[str, Any] = {"name": cells.text(got["name"].value) if got["name"] is not None else ""}
        ok = True
        for part in ("year", "sales_wan_yuan"):
            cell = got[part]
            ref = _ref(sheet, cell) if cell is not None else sheet.title
            reader.cells[tuple(path + [part])] = ref
            try:
                value = cells.number(cell.value if cell is not None else None, getattr(cell, "number_format", None))
            except CellError as error:
                reader.cell_problem(ref, path + [part], key, error)
                ok = False
                continue
            entry[part] = None if value is None else json_number(value)
        if got["name"] is not None:
            reader.cells[tuple(path + ["name"])] = _ref(sheet, got["name"])
            reader.cells[tuple(path)] = _ref(sheet, got["name"])
        if ok:
            listed.append(entry)
    return listed or None
