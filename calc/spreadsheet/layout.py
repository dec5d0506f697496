"""The 填报 (entry) sheet as data: its columns and one row per fact to enter, made from calc.template.

Both the writer and the reader use this, and the rows come from `calc.template(unit, years)` itself, so an
.xlsx template asks for exactly the facts of the JSON template. Nothing here needs openpyxl.

Machine keys, so that reading never depends on row order, labels or added columns:
- a hidden key row (ENTRY_MARK in the key column, a column key above each input column);
- a hidden key column: the fact key of every data row;
- a hidden sheet (META_MARK in A1) with format, version, unit, years, region and language.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from calc.rules import facts_used
from calc.ruleset import Ruleset, default_ruleset
from calc.template import template

TEMPLATE_VERSION = 1
ENTRY_MARK, FIRMS_MARK, META_MARK = "@entry", "@firms", "@meta"
DATA_MARK = "@data"  # in the key column of the operators sheet's heading row: its rows follow
PERIOD = "period"  # the column group of facts that are not per year
FIRM_ROWS = 40  # blank rows of the operators sheet (more can be inserted)

SHEETS = {
    "zh": {
        "guide": "填写说明",
        "entry": "填报",
        "firms": "新增规上经营者",
        "meta": "_keys",
        "summary": "汇总",
        "items": "子项得分",
        "merge": "合并情况",
        "tracker": "收件情况",
    },
    "en": {
        "guide": "Instructions",
        "entry": "Entry",
        "firms": "New large operators",
        "meta": "_keys",
        "summary": "Summary",
        "items": "Sub-items",
        "merge": "Merge",
        "tracker": "Files received",
    },
}

# Input slots of a column group: the value (是/否, a number, or a percentage), and the two amounts of a
# rate given as counts (numerator/denominator) or of a growth given as amounts (this year/previous year).
SLOTS = ("value", "a", "b")
PARTS = {"ratio": ("numerator", "denominator"), "growth": ("current", "previous")}


@dataclass(frozen=True)
class Column:
    key: str  # machine key in the key row
    width: float
    zh: str
    en: str
    group: str | None = None  # PERIOD or a year, for the value columns
    slot: str | None = None  # one of SLOTS


@dataclass(frozen=True)
class Row:
    key: str  # fact key (the JSON path is facts/<key>[/<year>])
    indicator: int
    title: dict[str, str]
    items: tuple[str, ...]  # sub-items whose rule reads this fact
    label: dict[str, str]
    definition: dict[str, Any]

    @property
    def kind(self) -> str:
        return self.definition["kind"]

    @property
    def per_year(self) -> bool:
        return bool(self.definition.get("per_year"))


def columns(years: tuple[int, int]) -> list[Column]:
    """The entry sheet's columns in order (the first is the hidden key column)."""
    out = [
        Column("key", 4, "键", "key"),
        Column("indicator", 6, "指标", "No."),
        Column("title", 22, "指标名称", "Indicator"),
        Column("items", 10, "子项", "Sub-items"),
        Column("label", 32, "填报内容", "What to enter"),
        Column("unit", 10, "单位", "Unit"),
    ]
    for group in (PERIOD, *years):
        for slot, zh, en in (
            ("value", "数值、百分比(%)或是/否", "Value, % or yes/no"),
            ("a", "分子或本年数额", "Numerator or this year"),
            ("b", "分母或上年数额", "Denominator or last year"),
        ):
            out.append(Column(f"{group}.{slot}", 12.5, zh, en, str(group), slot))
    out += [Column("evidence", 22, "佐证材料", "Supporting documents"), Column("note", 14, "备注", "Remarks")]
    return out


def group_heading(group: str, years: tuple[int, int]) -> dict[str, str]:
    if group == PERIOD:
        return {"zh": f"不分年度（{years[0]}–{years[1]}年）", "en": f"Whole period ({years[0]}–{years[1]})"}
    return {"zh": f"{group}年", "en": group}


def rows(unit: str | None, years: tuple[int, int], ruleset: Ruleset | None = None) -> list[Row]:
    """One row per fact of calc.template(unit, years), by indicator, in the order the rules read them."""
    ruleset = ruleset or default_ruleset()
    wanted = list(template(unit, years, ruleset)["facts"])
    readers: dict[str, list[str]] = {}  # a fact may be read by other indicators' sub-items too (1 → 2.1)
    for indicator in ruleset.indicators.values():
        for key, items in facts_used(indicator):
            readers.setdefault(key, []).extend(i for i in items if i not in readers.get(key, []))
    out: list[Row] = []
    for number in sorted({ruleset.fact_indicator[key] for key in wanted}):
        indicator = ruleset.indicators[number]
        order = [k for k, _ in facts_used(indicator)] + wanted
        for key in dict.fromkeys(order):
            if key in wanted and ruleset.fact_indicator[key] == number:
                out.append(
                    Row(
                        key,
                        number,
                        indicator["title"],
                        tuple(readers.get(key, ())),
                        ruleset.facts[key]["label"],
                        ruleset.facts[key],
                    )
                )
    return out


def unit_text(row: Row) -> dict[str, str]:
    """The unit-of-measure cell."""
    kind, definition = row.kind, row.definition
    if kind == "flag":
        return {"zh": "是/否", "en": "yes/no"}
    if kind == "ratio":
        return {"zh": "%，或分子/分母", "en": "%, or counts"}
    if kind == "growth":
        return {"zh": "%，或本年/上年数额", "en": "%, or amounts"}
    if kind == "count":
        return {"zh": "个（整数）", "en": "whole number"}
    if kind == "firms":
        return {"zh": "另表填写", "en": "separate sheet"}
    low, high = definition.get("min"), definition.get("max")
    if low is not None and high is not None:
        return {"zh": f"{low}–{high}", "en": f"{low}–{high}"}
    return {"zh": "数值", "en": "number"}


def inputs(row: Row, years: tuple[int, int]) -> list[str]:
    """The column keys this row takes input in."""
    if row.kind == "firms":
        return []
    groups = [str(y) for y in years] if row.per_year else [PERIOD]
    slots = SLOTS if row.kind in PARTS else ("value",)
    return [f"{g}.{s}" for g in groups for s in slots]


def unit_name(unit: str | None, ruleset: Ruleset | None = None) -> dict[str, str]:
    ruleset = ruleset or default_ruleset()
    if unit is None:
        return {"zh": "平陆县（全县）", "en": "Pinglu County (whole county)"}
    return ruleset.units[unit]["name"]
