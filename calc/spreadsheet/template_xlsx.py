"""The per-unit .xlsx template: 填写说明, 填报, 新增规上经营者 (when indicator 4 is the unit's), hidden _keys.

`entry_workbook()` returns the openpyxl workbook (the report adds its sheets to it); filled with an
assessment's values it is also the "facts as entered" of the report, which imports back unchanged.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import math
from importlib import resources
from typing import Any

from calc.contract import DEFAULT_REGION, FORMAT_NAME, FORMAT_VERSION
from calc.numbers import NotANumber, to_fraction
from calc.ruleset import Ruleset, default_ruleset
from calc.spreadsheet import layout, require_openpyxl
from calc.spreadsheet.cells import json_number
from calc.spreadsheet.save import workbook_bytes

INPUT_FILL, NONE_FILL, HEAD_FILL = "FFF2CC", "EDEDED", "DDEBF7"
HEAD_ROWS = (3, 4)  # group headings, column headings (row 1 is the hidden key row, 2 the title)
FIRST_DATA_ROW = 5
FLAG_WORDS = {"zh": ("是", "否"), "en": ("yes", "no")}


def calc_source_hash() -> str:
    """calc's source hash, as hooks/calc_package.py and the self-scoring page compute it."""
    digest = hashlib.sha256()
    files = [
        p
        for p in resources.files("calc").iterdir()
        if p.is_file() and (p.name.endswith(".py") or p.name == "ruleset.json")
    ]
    for path in sorted(files, key=lambda p: p.name):
        data = path.read_bytes()
        digest.update(path.name.encode("utf-8") + b"\n" + str(len(data)).encode("ascii") + b"\n" + data)
    return digest.hexdigest()


def template_bytes(
    unit: str | None,
    years: tuple[int, int],
    lang: str = "zh",
    when: _dt.date | None = None,
    ruleset: Ruleset | None = None,
) -> bytes:
    """The blank template as .xlsx bytes; `when` (the build date) fixes every timestamp inside."""
    when = when or _dt.date.today()
    return workbook_bytes(entry_workbook(unit, years, lang, when=when, ruleset=ruleset), when)


def entry_workbook(
    unit: str | None,
    years: tuple[int, int],
    lang: str = "zh",
    *,
    assessment: dict | None = None,
    when: _dt.date | None = None,
    ruleset: Ruleset | None = None,
) -> Any:
    openpyxl = require_openpyxl()
    ruleset = ruleset or default_ruleset()
    when = when or _dt.date.today()
    names = layout.SHEETS[lang]
    workbook = openpyxl.Workbook()
    _register_styles(workbook)
    workbook.properties.creator = "pinglu-assessment"
    workbook.properties.title = _title(unit, years, lang, ruleset)
    guide = workbook.active
    guide.title = names["guide"]
    rows = layout.rows(unit, years, ruleset)
    has_firms = any(r.kind == "firms" for r in rows)
    _guide_sheet(guide, unit, years, lang, ruleset, when, has_firms)
    entry = workbook.create_sheet(names["entry"])
    _entry_sheet(entry, rows, unit, years, lang, ruleset, assessment or {})
    if has_firms:
        _firms_sheet(workbook.create_sheet(names["firms"]), unit, years, lang, ruleset, assessment or {})
    _meta_sheet(workbook.create_sheet(names["meta"]), unit, years, lang, ruleset, when, assessment or {})
    workbook.active = 1
    return workbook


def _t(lang: str, zh: str, en: str) -> str:
    return zh if lang == "zh" else en


def _title(unit: str | None, years: tuple[int, int], lang: str, ruleset: Ruleset) -> str:
    name = layout.unit_name(unit, ruleset)[lang]
    return _t(
        lang,
        f"平陆县网络市场监管与服务示范区创建自评填报表 · {name}（{years[0]}–{years[1]}年）",
        f"Pinglu online-market demonstration zone self-assessment · {name} ({years[0]}–{years[1]})",
    )


def _styles() -> dict[str, Any]:
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side

    thin = Side(style="thin", color="A6A6A6")
    return {
        "border": Border(left=thin, right=thin, top=thin, bottom=thin),
        "wrap": Alignment(wrap_text=True, vertical="top"),
        "center": Alignment(wrap_text=True, vertical="center", horizontal="center"),
        "input": PatternFill("solid", fgColor=INPUT_FILL),
        "none": PatternFill("solid", fgColor=NONE_FILL),
        "head": PatternFill("solid", fgColor=HEAD_FILL),
        "bold": Font(bold=True),
        "title": Font(bold=True, size=14),
        "open": Protection(locked=False),
    }


def _register_styles(workbook: Any) -> None:
    """Named styles: one assignment per cell instead of four (setting border, fill, font one by one is what
    made writing a template slow)."""
    from openpyxl.styles import NamedStyle

    s = _styles()
    for name, parts in (
        ("pl-head", dict(fill=s["head"], font=s["bold"], alignment=s["center"], border=s["border"])),
        ("pl-text", dict(alignment=s["wrap"], border=s["border"])),
        ("pl-input", dict(fill=s["input"], alignment=s["wrap"], border=s["border"], protection=s["open"])),
        ("pl-none", dict(fill=s["none"], alignment=s["wrap"], border=s["border"])),
    ):
        workbook.add_named_style(NamedStyle(name=name, **parts))


def _text_width(text: str) -> float:
    """Display width in character units: CJK characters take two."""
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)


def _height(texts: list[tuple[str, float]], minimum: int = 1) -> float:
    """A row height that shows wrapped texts whole (Excel does not grow rows written by a program)."""
    lines = minimum
    for text, width in texts:
        lines = max(lines, sum(max(1, math.ceil(_text_width(part) / max(width - 1, 1))) for part in text.split("\n")))
    return 15 * lines + 3


def _print_setup(sheet: Any, header: str, lang: str, title_rows: str | None) -> None:
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.horizontalCentered = True
    sheet.page_margins.left = sheet.page_margins.right = 0.4
    if title_rows:
        sheet.print_title_rows = title_rows
    sheet.oddHeader.center.text = header.replace("&", "&&")
    sheet.oddFooter.center.text = _t(lang, "第 &P 页，共 &N 页", "Page &P of &N")


def _protect(sheet: Any) -> None:
    """Protected without a password: the structure cannot be broken by accident, widths and filters still work."""
    protection = sheet.protection
    protection.sheet = True
    protection.formatColumns = protection.formatRows = protection.autoFilter = protection.sort = False


def _guide_sheet(
    sheet: Any, unit: str | None, years: tuple[int, int], lang: str, ruleset: Ruleset, when: _dt.date, has_firms: bool
) -> None:
    s = _styles()
    names = layout.SHEETS[lang]
    name = layout.unit_name(unit, ruleset)[lang]
    doc = ruleset.raw["document_number"][lang]
    facts = [
        (_t(lang, "填报单位", "Unit"), name),
        (
            _t(lang, "评估年度", "Assessed years"),
            f"{years[0]}、{years[1]}" if lang == "zh" else f"{years[0]}, {years[1]}",
        ),
        (_t(lang, "依据文件", "Source document"), _t(lang, f"{doc} 附件2《评估指标》", f"{doc}, Annex 2 (indicators)")),
        (
            _t(lang, "模板版本", "Template version"),
            f"{layout.TEMPLATE_VERSION}（{when.isoformat()}）"
            if lang == "zh"
            else f"{layout.TEMPLATE_VERSION} ({when.isoformat()})",
        ),
        (_t(lang, "计分程序源码哈希", "Scoring program source hash"), calc_source_hash()[:16]),
        (_t(lang, "评分规则摘要", "Ruleset digest"), ruleset.digest[:16]),
    ]
    steps = [
        _t(
            lang,
            f"只在浅黄色单元格中填写，灰色单元格不需要填写。“{names['entry']}”表已保护（没有密码），以免误删行列或公式；可以调整列宽、筛选和排序。",
            f"Fill in the light-yellow cells only; grey cells need nothing. The “{names['entry']}” sheet is protected "
            "(no password) so that rows and columns are not deleted by accident; widths, filters and sorting still work.",
        ),
        _t(
            lang,
            "定性子项：在“数值、百分比(%)或是/否”列选择“是”或“否”。“是”表示可提交的佐证资料已备齐，请在“佐证材料”列写明材料名称。",
            "Qualitative sub-items: choose yes or no in the “Value, % or yes/no” column. Yes means the supporting "
            "documents are ready to submit; name them in the “Supporting documents” column.",
        ),
        _t(
            lang,
            "百分比：直接填写数字，95 表示 95%（输入“95%”也可以）。也可以不填百分比，改填分子和分母（增速填本年和上年数额），由程序计算；两者都填时必须一致。",
            "Percentages: enter the number, 95 means 95 % (typing “95%” works too). Or leave the percentage empty and "
            "enter the numerator and denominator (for growth, this year's and last year's amounts): the program "
            "works it out. When both are given they must agree.",
        ),
        _t(
            lang,
            "个数填写整数，不要带单位；数额按“填报内容”所写的单位填写。",
            "Counts are whole numbers, without units; amounts in the unit the row names.",
        ),
        _t(
            lang,
            f"按年度的数据填写在“{years[0]}年”“{years[1]}年”两组列中；不分年度的数据填写在“不分年度”一组列中。",
            f"Per-year data go in the “{years[0]}” and “{years[1]}” column groups; the others in the “Whole period” group.",
        ),
        _t(
            lang,
            "注明“可不填”的全国数据留空时，程序采用国家统计部门公布的数据。",
            "National figures marked “may be left empty” default to the official statistics.",
        ),
    ]
    if has_firms:
        steps.append(
            _t(
                lang,
                f"指标4的新增规模以上网络交易经营者：在“{names['firms']}”表逐行填写名称、年度和电子商务销售额（万元）。",
                f"Indicator 4, new operators above designated size: one per row on the “{names['firms']}” sheet "
                "(name, year, e-commerce sales in 10,000 yuan).",
            )
        )
    steps += [
        _t(
            lang,
            "填好后：在本站“自评打分”页面打开本文件即可看到得分；或交县网络市场监管与服务示范区创建工作领导小组办公室（县市场监督管理局）合并。",
            "When done: open this file on the site's self-scoring page to see the score, or send it to the leading group "
            "office (County Administration for Market Regulation) to be merged.",
        ),
        _t(
            lang,
            "隐藏的第1行、A列和“_keys”表供程序识别，请勿删除；可以增加工作表或在右侧增加列。",
            "The hidden row 1, column A and the “_keys” sheet let the program read the file: do not delete them. "
            "Adding sheets, or columns on the right, is fine.",
        ),
    ]
    sheet.column_dimensions["A"].width = 24
    sheet.column_dimensions["B"].width = 90
    sheet["A1"] = _title(unit, years, lang, ruleset)
    sheet["A1"].font = s["title"]
    sheet.merge_cells("A1:B1")
    row = 3
    for label, value in facts:
        sheet.cell(row, 1, label).font = s["bold"]
        sheet.cell(row, 2, value).alignment = s["wrap"]
        row += 1
    row += 1
    sheet.cell(row, 1, _t(lang, "怎么填", "How to fill it in")).font = s["bold"]
    for number, step in enumerate(steps, 1):
        row += 1
        sheet.cell(row, 1, number).alignment = s["center"]
        sheet.cell(row, 2, step).alignment = s["wrap"]
        sheet.row_dimensions[row].height = _height([(step, 90)])
    _print_setup(sheet, name, lang, None)
    sheet.page_setup.orientation = "portrait"
    _protect(sheet)


def _value_for(row: layout.Row, assessment: dict, year: str | None) -> Any:
    facts = assessment.get("facts") if isinstance(assessment.get("facts"), dict) else {}
    value = facts.get(row.key)
    if row.per_year:
        value = value.get(year) if isinstance(value, dict) else None
    return value


def _cell_value(raw: Any, lang: str) -> Any:
    """A JSON value as the cell shows it: yes/no words, numbers as numbers, anything odd as its text."""
    if raw is None:
        return None
    if isinstance(raw, bool):
        return FLAG_WORDS[lang][0 if raw else 1]
    try:
        return json_number(to_fraction(raw))
    except NotANumber:
        return str(raw)


def _slot_values(row: layout.Row, raw: Any, lang: str) -> dict[str, Any]:
    if raw is None:
        return {}
    if row.kind in layout.PARTS:
        if not isinstance(raw, dict):
            return {"value": _cell_value(raw, lang)}
        first, second = layout.PARTS[row.kind]
        return {
            "value": _cell_value(raw.get("percent"), lang),
            "a": _cell_value(raw.get(first), lang),
            "b": _cell_value(raw.get(second), lang),
        }
    return {"value": _cell_value(raw, lang)}


def _label(row: layout.Row, lang: str) -> str:
    label = row.label[lang] or row.label["zh"]
    if row.kind in layout.PARTS and row.definition.get("numerator"):
        label += _t(
            lang,
            f"\n分子：{row.definition['numerator']['zh']}；分母：{row.definition['denominator']['zh']}",
            f"\nnumerator: {row.definition['numerator']['en']}; denominator: {row.definition['denominator']['en']}",
        )
    if row.definition.get("default"):
        label += _t(
            lang, "\n（可不填：留空则采用全国统计数据）", "\n(may be left empty: the national statistics are used)"
        )
    if row.kind == "firms":
        label += _t(
            lang,
            f"\n（在“{layout.SHEETS['zh']['firms']}”表逐行填写）",
            f"\n(one per row on the “{layout.SHEETS['en']['firms']}” sheet)",
        )
    return label


def _validation(kind: str, lang: str, definition: dict, slot: str) -> tuple[str, dict[str, Any]]:
    """(rule id, DataValidation arguments) for an input cell."""
    if kind == "flag":
        yes, no = FLAG_WORDS[lang]
        return "flag", dict(
            type="list", formula1=f'"{yes},{no}"', error=_t(lang, "请选择“是”或“否”。", "Choose yes or no.")
        )
    if kind == "count":
        return "count", dict(
            type="whole",
            operator="greaterThanOrEqual",
            formula1="0",
            error=_t(lang, "请填写不小于0的整数。", "Enter a whole number, 0 or more."),
        )
    if slot in ("a", "b"):
        return "amount", dict(
            type="decimal",
            operator="greaterThanOrEqual",
            formula1="0",
            error=_t(lang, "请填写不小于0的数。", "Enter a number, 0 or more."),
        )
    if kind == "ratio" and not definition.get("may_exceed_100"):
        return "percent", dict(
            type="decimal",
            operator="between",
            formula1="0",
            formula2="100",
            error=_t(
                lang, "请填写0到100之间的百分比（95 表示 95%）。", "Enter a percentage from 0 to 100 (95 means 95 %)."
            ),
        )
    if kind == "ratio":
        return "percent-open", dict(
            type="decimal",
            operator="greaterThanOrEqual",
            formula1="0",
            error=_t(lang, "请填写不小于0的百分比。", "Enter a percentage, 0 or more."),
        )
    if kind == "growth":
        return "growth", dict(
            type="decimal",
            operator="greaterThanOrEqual",
            formula1="-100",
            error=_t(lang, "增速不能低于 -100%。", "Growth cannot be below -100 %."),
        )
    low, high = definition.get("min"), definition.get("max")
    if low is not None and high is not None:
        return f"number-{low}-{high}", dict(
            type="decimal",
            operator="between",
            formula1=str(low),
            formula2=str(high),
            error=_t(lang, f"请填写{low}到{high}之间的数。", f"Enter a number from {low} to {high}."),
        )
    if low is not None:
        return f"number-{low}", dict(
            type="decimal",
            operator="greaterThanOrEqual",
            formula1=str(low),
            error=_t(lang, f"请填写不小于{low}的数。", f"Enter a number, {low} or more."),
        )
    return "number", dict(
        type="decimal",
        operator="between",
        formula1="-1E+15",
        formula2="1E+15",
        error=_t(lang, "请填写数字。", "Enter a number."),
    )


class _Validations:
    """One DataValidation per rule, each holding all the cells it applies to."""

    def __init__(self, sheet: Any, lang: str):
        self.sheet, self.lang, self.by_rule = sheet, lang, {}

    def add(self, cell: str, rule: tuple[str, dict[str, Any]]) -> None:
        from openpyxl.worksheet.datavalidation import DataValidation

        rule_id, kwargs = rule
        if rule_id not in self.by_rule:
            dv = DataValidation(
                allow_blank=True,
                showErrorMessage=True,
                errorStyle="stop",
                errorTitle=_t(self.lang, "填写有误", "Invalid entry"),
                **kwargs,
            )
            self.sheet.add_data_validation(dv)
            self.by_rule[rule_id] = dv
        self.by_rule[rule_id].add(cell)


def _entry_sheet(
    sheet: Any,
    rows: list[layout.Row],
    unit: str | None,
    years: tuple[int, int],
    lang: str,
    ruleset: Ruleset,
    assessment: dict,
) -> None:
    from openpyxl.utils import get_column_letter

    s = _styles()
    cols = layout.columns(years)
    index = {c.key: i for i, c in enumerate(cols, 1)}
    last = get_column_letter(len(cols))
    for i, column in enumerate(cols, 1):
        sheet.column_dimensions[get_column_letter(i)].width = column.width
        sheet.cell(1, i, column.key)
    sheet.cell(1, 1, layout.ENTRY_MARK)
    sheet.row_dimensions[1].hidden = True
    sheet.column_dimensions["A"].hidden = True
    sheet["B2"] = _title(unit, years, lang, ruleset)
    sheet["B2"].font = s["title"]
    sheet.merge_cells(f"B2:{last}2")
    sheet.row_dimensions[2].height = 24
    heading = (lambda c: f"{c.zh}\n{c.en}") if lang == "zh" else (lambda c: c.en)
    for column in cols[1:]:
        i = index[column.key]
        if column.group is None:
            sheet.cell(3, i, heading(column))
            sheet.merge_cells(start_row=3, end_row=4, start_column=i, end_column=i)
        else:
            sheet.cell(4, i, heading(column))
            if column.slot == "value":
                group = layout.group_heading(column.group, years)
                sheet.cell(3, i, group["zh"] + "\n" + group["en"] if lang == "zh" else group["en"])
                sheet.merge_cells(start_row=3, end_row=3, start_column=i, end_column=i + 2)
    for r in HEAD_ROWS:
        for i in range(2, len(cols) + 1):
            cell = sheet.cell(r, i)
            cell.style = "pl-head"
    sheet.row_dimensions[3].height = 36
    sheet.row_dimensions[4].height = 80 if lang == "zh" else 48

    checks = _Validations(sheet, lang)
    evidence = assessment.get("evidence") if isinstance(assessment.get("evidence"), dict) else {}
    evidence_done: set[int] = set()
    for offset, row in enumerate(rows):
        r = FIRST_DATA_ROW + offset
        open_keys = set(layout.inputs(row, years)) | {"evidence", "note"}
        texts = {
            "key": row.key,
            "indicator": row.indicator,
            "title": row.title[lang] or row.title["zh"],
            "items": "、".join(row.items) if lang == "zh" else ", ".join(row.items),
            "label": _label(row, lang),
            "unit": layout.unit_text(row)[lang],
        }
        for key, value in texts.items():
            sheet.cell(r, index[key], value)
        for group in (layout.PERIOD, *map(str, years)):
            raw = (
                _value_for(row, assessment, group if row.per_year else None)
                if (group == layout.PERIOD) != row.per_year
                else None
            )
            for slot, value in _slot_values(row, raw, lang).items():
                if value is not None:
                    sheet.cell(r, index[f"{group}.{slot}"], value)
        if row.indicator not in evidence_done and evidence.get(str(row.indicator)):
            sheet.cell(r, index["evidence"], evidence[str(row.indicator)])
            evidence_done.add(row.indicator)
        for column in cols[1:]:
            cell = sheet.cell(r, index[column.key])
            if column.key in open_keys:
                cell.style = "pl-input"
                if column.slot:
                    checks.add(cell.coordinate, _validation(row.kind, lang, row.definition, column.slot))
            else:
                cell.style = "pl-none" if column.slot else "pl-text"
        sheet.row_dimensions[r].height = _height([(texts["title"], 22), (texts["label"], 32), (texts["unit"], 10)])
    end = FIRST_DATA_ROW + len(rows) - 1
    sheet.freeze_panes = f"C{FIRST_DATA_ROW}"
    # The filter (and so a sort) spans the hidden key column, so the keys move with their rows.
    sheet.auto_filter.ref = f"A4:{last}{max(end, FIRST_DATA_ROW)}"
    sheet.print_area = f"B2:{last}{max(end, FIRST_DATA_ROW)}"
    _print_setup(sheet, layout.unit_name(unit, ruleset)[lang], lang, "3:4")
    _protect(sheet)


def _firms_sheet(
    sheet: Any, unit: str | None, years: tuple[int, int], lang: str, ruleset: Ruleset, assessment: dict
) -> None:
    s = _styles()
    facts = assessment.get("facts") if isinstance(assessment.get("facts"), dict) else {}
    firms = facts.get("new_large_operators") if isinstance(facts.get("new_large_operators"), list) else []
    heads = [
        ("name", 40, "经营者名称", "Operator name"),
        ("year", 10, "年度", "Year"),
        ("sales_wan_yuan", 22, "电子商务销售额（万元）", "E-commerce sales (10,000 yuan)"),
    ]
    sheet.cell(1, 1, layout.FIRMS_MARK)
    sheet.column_dimensions["A"].hidden = True
    sheet.row_dimensions[1].hidden = True
    label = ruleset.facts["new_large_operators"]["label"]
    sheet["B2"] = _t(
        lang, f"指标4 {label['zh']}（{years[0]}–{years[1]}年）", f"Indicator 4: {label['en']} ({years[0]}–{years[1]})"
    )
    sheet["B2"].font = s["title"]
    for i, (key, width, zh, en) in enumerate(heads, 2):
        sheet.cell(1, i, key)
        sheet.column_dimensions[chr(64 + i)].width = width
        head = sheet.cell(3, i, f"{zh}\n{en}" if lang == "zh" else en)
        head.style = "pl-head"
    sheet.row_dimensions[3].height = 36
    sheet.cell(3, 1, layout.DATA_MARK)
    checks = _Validations(sheet, lang)
    year_rule = (
        "year",
        dict(
            type="list",
            formula1=f'"{years[0]},{years[1]}"',
            error=_t(lang, f"年度应为{years[0]}或{years[1]}。", f"The year must be {years[0]} or {years[1]}."),
        ),
    )
    sales_rule = (
        "amount",
        dict(
            type="decimal",
            operator="greaterThanOrEqual",
            formula1="0",
            error=_t(lang, "请填写不小于0的数。", "Enter a number, 0 or more."),
        ),
    )
    count = max(layout.FIRM_ROWS, len(firms) + 10)
    for offset in range(count):
        r = 4 + offset
        entry = firms[offset] if offset < len(firms) and isinstance(firms[offset], dict) else {}
        for i, (key, *_rest) in enumerate(heads, 2):
            value = entry.get(key)
            cell = sheet.cell(r, i, value if key == "name" else _cell_value(value, lang))
            cell.style = "pl-input"
            if key == "year":
                checks.add(cell.coordinate, year_rule)
            elif key == "sales_wan_yuan":
                checks.add(cell.coordinate, sales_rule)
    sheet.freeze_panes = "B4"
    _print_setup(sheet, layout.unit_name(unit, ruleset)[lang], lang, "3:3")
    _protect(sheet)


def _meta_sheet(
    sheet: Any, unit: str | None, years: tuple[int, int], lang: str, ruleset: Ruleset, when: _dt.date, assessment: dict
) -> None:
    region = assessment.get("region", DEFAULT_REGION) if assessment else DEFAULT_REGION
    values = [
        (layout.META_MARK, "pinglu-online-market-assessment-xlsx"),
        ("format", FORMAT_NAME),
        ("version", FORMAT_VERSION),
        ("template_version", layout.TEMPLATE_VERSION),
        ("scope", "unit" if unit else "county"),
        ("unit", unit or ""),
        ("years", f"{years[0]},{years[1]}"),
        ("region", region if isinstance(region, str) else DEFAULT_REGION),
        ("lang", lang),
        ("made", when.isoformat()),
        ("source_hash", calc_source_hash()),
        ("ruleset", ruleset.digest),
    ]
    for r, (key, value) in enumerate(values, 1):
        sheet.cell(r, 1, key)
        sheet.cell(r, 2, value)
    sheet.sheet_state = "hidden"
    _protect(sheet)
