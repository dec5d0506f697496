"""Validate an assessment: collect every problem, each pointing at its field, in Chinese and English.

`check()` never raises on any JSON-like input: whatever it cannot use becomes a problem, and what it can
use is returned parsed, so scoring goes on with everything the user entered correctly.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from calc.assessment import MAX_DISPUTE_VALUES, MAX_FIRMS, MAX_TEXT, CleanAssessment, Dispute, Firm, Quantity, message
from calc.contract import DEFAULT_REGION, FORMAT_NAME, FORMAT_VERSION, REGIONS, YEARS
from calc.numbers import NotANumber, to_fraction
from calc.ruleset import Ruleset, default_ruleset

TOP_LEVEL_KEYS = {"format", "version", "scope", "years", "region", "facts", "evidence", "disputes", "meta", "$schema"}
# A file with one of these problems is not opened at all (the page does not take it, the command line scores
# nothing): it is not an assessment, or its facts or evidence are not a mapping that edits could go into.
# Any other problem leaves the file open with the faulty entries left out of the scores.
UNOPENABLE = frozenset({"not-an-object", "wrong-format", "wrong-version", "bad-facts", "bad-evidence"})


def refusals(problems: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The problems among `problems` that keep the file from being opened (empty: it can be opened)."""
    return [p for p in problems if p["code"] in UNOPENABLE]


@dataclass
class Problem:
    path: list[str]
    code: str
    zh: str
    en: str
    indicator: int | None = None
    item: str | None = None
    key: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "field": "/".join(self.path),
            "code": self.code,
            "indicator": self.indicator,
            "item": self.item,
            "key": self.key,
            "message": message(self.zh, self.en),
        }


@dataclass
class _Collector:
    ruleset: Ruleset
    problems: list[Problem] = field(default_factory=list)

    def add(self, path: list[str], code: str, zh: str, en: str, key: str | None = None) -> None:
        indicator = self.ruleset.fact_indicator.get(key) if key else None
        item = key if key in self.ruleset.items else None
        self.problems.append(Problem(path, code, zh, en, indicator, item, key))


def validate(assessment: Any, ruleset: Ruleset | None = None) -> list[dict[str, Any]]:
    """All problems of an assessment, as dicts (path, code, indicator, item, key, message{zh,en})."""
    return [p.as_dict() for p in check(assessment, ruleset)[1]]


def check(assessment: Any, ruleset: Ruleset | None = None) -> tuple[CleanAssessment, list[Problem]]:
    ruleset = ruleset or default_ruleset()
    out = _Collector(ruleset)
    if not isinstance(assessment, dict):
        out.add(
            [],
            "not-an-object",
            "文件内容不是评估数据（应为JSON对象）。",
            "The content is not an assessment (a JSON object is expected).",
        )
        return CleanAssessment(None, DEFAULT_REGION, {}, {}, {}), out.problems

    if assessment.get("format") != FORMAT_NAME:
        out.add(
            ["format"],
            "wrong-format",
            f"这不是本站的评估文件（format 应为“{FORMAT_NAME}”）。",
            f'This is not an assessment file of this site (format must be "{FORMAT_NAME}").',
        )
    version = assessment.get("version")
    if version is None:
        out.add(
            ["version"],
            "wrong-version",
            f"文件缺少版本号（version），本站只能读取第 {FORMAT_VERSION} 版。",
            f"The file has no version; this site reads version {FORMAT_VERSION} only.",
        )
    elif type(version) not in (int, float) or version != FORMAT_VERSION:  # true == 1 in Python, not in JSON
        out.add(
            ["version"],
            "wrong-version",
            f"文件版本为 {_clip(version)}，本站只能读取第 {FORMAT_VERSION} 版。",
            f"The file is version {_clip(version)}; this site reads version {FORMAT_VERSION} only.",
        )
    for key in assessment:
        if key not in TOP_LEVEL_KEYS:
            out.add([str(key)], "unknown-field", f"未知字段“{_clip(key)}”。", f'Unknown field "{_clip(key)}".')

    _check_scope(assessment.get("scope"), out)
    years = _check_years(assessment.get("years"), out)
    region = assessment.get("region", DEFAULT_REGION)
    if region not in REGIONS:
        out.add(
            ["region"],
            "bad-region",
            "地区应为 east（东部）、central（中部）或 west（西部）。",
            "The region must be east, central or west.",
        )
        region = DEFAULT_REGION
    facts = _check_facts(assessment.get("facts", {}), years, out)
    evidence = _check_evidence(assessment.get("evidence", {}), out)
    disputes = _check_disputes(assessment.get("disputes"), years, out)
    meta = assessment.get("meta", {})
    if not isinstance(meta, dict) or any(not isinstance(v, (str, int, float, type(None), list)) for v in meta.values()):
        out.add(["meta"], "bad-meta", "meta 应为简单的键值对。", "meta must be a simple mapping of values.")
    return CleanAssessment(years, region, facts, evidence, assessment, disputes), out.problems


def _clip(value: Any, limit: int = 40) -> str:
    """A value from the file as the user wrote it: text as is, anything else as JSON (null, true, [1]),
    never as Python prints it (None, True)."""
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= limit else text[:limit] + "…"


def _check_scope(scope: Any, out: _Collector) -> None:
    if scope is None:
        return
    if not isinstance(scope, dict) or not isinstance(scope.get("kind"), str) or scope["kind"] not in ("county", "unit"):
        out.add(
            ["scope"],
            "bad-scope",
            'scope 应为 {"kind": "county"} 或 {"kind": "unit", "unit": 单位代码}。',
            'scope must be {"kind": "county"} or {"kind": "unit", "unit": unit id}.',
        )
        return
    if scope["kind"] == "unit":
        unit = scope.get("unit")
        if not isinstance(unit, str) or unit not in out.ruleset.units:
            out.add(
                ["scope", "unit"],
                "unknown-unit",
                f"未知的单位代码“{_clip(unit)}”。",
                f'Unknown unit id "{_clip(unit)}".',
            )


def _check_years(years: Any, out: _Collector) -> tuple[int, int] | None:
    if years is None:
        out.add(
            ["years"],
            "missing-years",
            "缺少评估年度：请填写最近两个完整年度，如 [2024, 2025]。",
            "The assessed years are missing: give the two most recent full years, e.g. [2024, 2025].",
        )
        return None
    # calc.contract.YEARS: the first year from YEARS[0] to YEARS[1], the second the year after it.
    ok = (
        isinstance(years, list)
        and len(years) == 2
        and all(isinstance(y, int) and not isinstance(y, bool) for y in years)
        and YEARS[0] <= years[0] <= YEARS[1]
        and years[1] == years[0] + 1
    )
    if not ok:
        span = f"{YEARS[0]}–{YEARS[1] + 1}"
        out.add(
            ["years"],
            "bad-years",
            f"评估年度应为两个相邻的年份（{span}），如 [2024, 2025]。",
            f"The assessed years must be two consecutive years ({span}), e.g. [2024, 2025].",
        )
        return None
    return (years[0], years[1])


def _check_evidence(evidence: Any, out: _Collector) -> dict[str, str]:
    clean: dict[str, str] = {}
    if not isinstance(evidence, dict):
        out.add(
            ["evidence"],
            "bad-evidence",
            "佐证说明应为“指标编号 → 文字”的对应表。",
            "Evidence notes must map an indicator number to a text.",
        )
        return clean
    for key, text in evidence.items():
        if not (isinstance(key, str) and key.isdecimal() and int(key) in out.ruleset.indicators):
            out.add(
                ["evidence", _clip(key)],
                "unknown-indicator",
                f"佐证说明指向不存在的指标“{_clip(key)}”。",
                f'An evidence note refers to indicator "{_clip(key)}", which does not exist.',
            )
        elif text is None:
            continue
        elif not isinstance(text, str):
            out.add(
                ["evidence", key],
                "bad-text",
                f"指标{key}的佐证说明应为文字。",
                f"The evidence note of indicator {key} must be text.",
            )
        elif len(text) > MAX_TEXT:
            out.add(
                ["evidence", key],
                "text-too-long",
                f"指标{key}的佐证说明超过{MAX_TEXT}字，请精简。",
                f"The evidence note of indicator {key} is longer than {MAX_TEXT} characters; please shorten it.",
            )
        else:
            clean[key] = text
    return clean


def _check_facts(facts: Any, years: tuple[int, int] | None, out: _Collector) -> dict[str, Any]:
    clean: dict[str, Any] = {}
    if not isinstance(facts, dict):
        out.add(
            ["facts"], "bad-facts", "facts 应为“事实代码 → 数值”的对应表。", "facts must map a fact key to a value."
        )
        return clean
    for key, value in facts.items():
        definition = out.ruleset.facts.get(key) if isinstance(key, str) else None
        if definition is None:
            out.add(
                ["facts", _clip(key)], "unknown-fact", f"未知的数据项“{_clip(key)}”。", f'Unknown fact "{_clip(key)}".'
            )
            continue
        if value is None:
            continue
        if definition.get("per_year"):
            parsed_years = _check_per_year(key, definition, value, years, out)
            if parsed_years:
                clean[key] = parsed_years
            continue
        parsed = _parse_value(["facts", key], key, definition, value, out, years)
        if parsed is not None:
            clean[key] = parsed
    return clean


def _check_disputes(disputes: Any, years: tuple[int, int] | None, out: _Collector) -> list[Dispute]:
    """`disputes`, written by calc.merge: each figure the merged files give differently, with every file's
    value. A value that is not valid for its figure is reported here and left out of the choice; it never
    marks the figure itself as invalid (the figure is simply not entered yet)."""
    if disputes is None:
        return []
    bad_shape = (
        'disputes 应为列表，每项为 {"key": 数据项, "year": 年份或 null, "values": [{"source": 文件, "value": 数值}, …]}。',
        'disputes must be a list of {"key": fact, "year": year or null, "values": [{"source": file, "value": value}, …]}.',
    )
    if not isinstance(disputes, list):
        out.add(["disputes"], "bad-disputes", *bad_shape)
        return []
    clean: list[Dispute] = []
    seen: set[tuple[str, int | None]] = set()
    for index, entry in enumerate(disputes):
        path = ["disputes", str(index)]
        key = entry.get("key") if isinstance(entry, dict) else None
        definition = out.ruleset.facts.get(key) if isinstance(key, str) else None
        values = entry.get("values") if isinstance(entry, dict) else None
        year = entry.get("year") if isinstance(entry, dict) else None
        per_year = bool(definition and definition.get("per_year"))
        year_ok = (year is None and not per_year) or (
            per_year and isinstance(year, int) and not isinstance(year, bool) and (years is None or year in years)
        )
        if (
            definition is None
            or not year_ok
            or not isinstance(values, list)
            or not 2 <= len(values) <= MAX_DISPUTE_VALUES
            or any(not isinstance(v, dict) or not isinstance(v.get("source"), str) or "value" not in v for v in values)
        ):
            out.add(path, "bad-dispute", *bad_shape)
            continue
        if (key, year) in seen:
            out.add(
                path,
                "duplicate-dispute",
                f"disputes 中“{_clip(key)}”重复出现。",
                f'"{_clip(key)}" appears twice in disputes.',
            )
            continue
        seen.add((key, year))
        parsed_values = []
        for number, given in enumerate(values):
            own = _Collector(out.ruleset)  # its problems are the choice's, not the figure's
            where = path + ["values", str(number), "value"]
            parsed = (
                _parse_value(where, key, definition, given["value"], own, years) if given["value"] is not None else None
            )
            for problem in own.problems:
                out.add(
                    problem.path,
                    "bad-dispute-value",
                    f"分歧中“{_clip(given['source'])}”的数值有误，不作为可选数值：{problem.zh}",
                    f'In a dispute, the value of "{_clip(given["source"])}" is invalid and is not offered: {problem.en}',
                )
            if parsed is not None:
                parsed_values.append((given["source"], given["value"], parsed))
        clean.append(Dispute(key, year, tuple(parsed_values)))
    return clean


def _label(out: _Collector, key: str) -> tuple[str, str]:
    definition = out.ruleset.facts[key]
    indicator = out.ruleset.fact_indicator[key]
    if definition["kind"] == "flag":
        return f"子项{key}", f"sub-item {key}"
    return (
        f"指标{indicator}“{definition['label']['zh']}”",
        f"indicator {indicator} \u201c{definition['label']['en'] or definition['label']['zh']}\u201d",
    )


def _check_per_year(
    key: str, definition: dict, value: Any, years: tuple[int, int] | None, out: _Collector
) -> dict[int, Any]:
    zh, en = _label(out, key)
    if not isinstance(value, dict):
        out.add(
            ["facts", key],
            "bad-per-year",
            f'{zh}应按年份填写，如 {{"2024": …, "2025": …}}。',
            f'{en} must be given per year, e.g. {{"2024": …, "2025": …}}.',
            key,
        )
        return {}
    clean: dict[int, Any] = {}
    for year_key, year_value in value.items():
        path = ["facts", key, _clip(year_key)]
        if not (isinstance(year_key, str) and year_key.isdecimal() and len(year_key) == 4):
            out.add(
                path,
                "bad-year",
                f"{zh}：“{_clip(year_key)}”不是年份。",
                f'{en}: "{_clip(year_key)}" is not a year.',
                key,
            )
            continue
        year = int(year_key)
        if years is not None and year not in years:
            out.add(
                path,
                "year-not-assessed",
                f"{zh}：{year}年不是评估年度（{years[0]}、{years[1]}）。",
                f"{en}: {year} is not one of the assessed years ({years[0]}, {years[1]}).",
                key,
            )
            continue
        if year_value is None:
            continue
        parsed = _parse_value(path, key, definition, year_value, out, years)
        if parsed is not None:
            clean[year] = parsed
    return clean


def _number(
    path: list[str], key: str, raw: Any, what: tuple[str, str], out: _Collector, minimum: Fraction | None = Fraction(0)
) -> Fraction | None:
    zh, en = _label(out, key)
    try:
        value = to_fraction(raw)
    except NotANumber:
        out.add(
            path,
            "not-a-number",
            f"{zh}的{what[0]}应为数字，收到“{_clip(raw)}”。",
            f'{en}: {what[1]} must be a number, got "{_clip(raw)}".',
            key,
        )
        return None
    if minimum is not None and value < minimum:
        out.add(
            path,
            "negative",
            f"{zh}的{what[0]}不能小于{minimum}。",
            f"{en}: {what[1]} cannot be less than {minimum}.",
            key,
        )
        return None
    return value


def _parse_value(
    path: list[str], key: str, definition: dict, raw: Any, out: _Collector, years: tuple[int, int] | None
) -> Any:
    kind = definition["kind"]
    zh, en = _label(out, key)
    if kind == "flag":
        if isinstance(raw, bool):
            return raw
        out.add(path, "not-a-flag", f"{zh}应为“是”或“否”（true/false）。", f"{en} must be yes or no (true/false).", key)
        return None
    if kind == "count":
        value = _number(path, key, raw, ("数量", "the count"), out)
        if value is not None and value.denominator != 1:
            out.add(path, "not-whole", f"{zh}应为整数。", f"{en} must be a whole number.", key)
            return None
        return value
    if kind == "number":
        value = _number(path, key, raw, ("数值", "the value"), out, None)
        if value is None:
            return None
        low, high = definition.get("min"), definition.get("max")
        if (low is not None and value < Fraction(str(low))) or (high is not None and value > Fraction(str(high))):
            bounds = f"{low if low is not None else '−∞'}–{high if high is not None else '∞'}"
            out.add(path, "out-of-range", f"{zh}应在{bounds}之间。", f"{en} must be within {bounds}.", key)
            return None
        return value
    if kind in ("ratio", "growth"):
        return _parse_quantity(path, key, definition, raw, out)
    if kind == "firms":
        return _parse_firms(path, key, raw, out, years)
    raise AssertionError(f"unknown fact kind {kind}")  # ruleset.json is validated at compile time


def _parse_quantity(path: list[str], key: str, definition: dict, raw: Any, out: _Collector) -> Quantity | None:
    zh, en = _label(out, key)
    ratio = definition["kind"] == "ratio"
    parts = ("numerator", "denominator") if ratio else ("current", "previous")
    if not isinstance(raw, dict) or not (set(raw) == {"percent"} or set(raw) == set(parts)):
        if ratio:
            out.add(
                path,
                "bad-ratio",
                f'{zh}应填写百分比 {{"percent": …}}，或分子和分母 {{"numerator": …, "denominator": …}}。',
                f'{en} must be a percentage {{"percent": …}} or counts {{"numerator": …, "denominator": …}}.',
                key,
            )
        else:
            out.add(
                path,
                "bad-growth",
                f'{zh}应填写增速 {{"percent": …}}，或本年和上年数额 {{"current": …, "previous": …}}。',
                f'{en} must be a growth rate {{"percent": …}} or amounts {{"current": …, "previous": …}}.',
                key,
            )
        return None
    if "percent" in raw:
        low = Fraction(0) if ratio else Fraction(-100)
        value = _number(path + ["percent"], key, raw["percent"], ("百分比", "the percentage"), out, low)
        if value is None:
            return None
        if ratio and value > 100 and not definition.get("may_exceed_100"):
            out.add(
                path + ["percent"],
                "percent-over-100",
                f"{zh}的百分比不能超过100%。",
                f"{en}: the percentage cannot exceed 100%.",
                key,
            )
            return None
        return Quantity(value)
    first = _number(path + [parts[0]], key, raw[parts[0]], ("分子" if ratio else "本年数额", parts[0]), out)
    second = _number(path + [parts[1]], key, raw[parts[1]], ("分母" if ratio else "上年数额", parts[1]), out)
    if first is None or second is None:
        return None
    if second == 0:
        return Quantity(None, first, second)  # undefined, and said so where it is scored (calc/facts.py)
    if ratio and first > second and not definition.get("may_exceed_100"):
        out.add(
            path,
            "numerator-over-denominator",
            f"{zh}的分子（{first}）大于分母（{second}），请核对。",
            f"{en}: the numerator ({first}) is larger than the denominator ({second}); please check.",
            key,
        )
        return None
    value = first / second * 100 if ratio else (first / second - 1) * 100
    return Quantity(value, first, second)


def _parse_firms(
    path: list[str], key: str, raw: Any, out: _Collector, years: tuple[int, int] | None
) -> list[Firm] | None:
    zh, en = _label(out, key)
    if not isinstance(raw, list):
        out.add(path, "bad-firms", f"{zh}应为经营者列表。", f"{en} must be a list of operators.", key)
        return None
    if len(raw) > MAX_FIRMS:
        out.add(path, "too-many", f"{zh}最多{MAX_FIRMS}家。", f"{en}: at most {MAX_FIRMS} operators.", key)
        return None
    firms: list[Firm] = []
    ok = True
    for index, entry in enumerate(raw):
        where = path + [str(index)]
        row_zh, row_en = f"{zh}第{index + 1}行", f"{en}, row {index + 1}"
        if not isinstance(entry, dict) or set(entry) != {"name", "year", "sales_wan_yuan"}:
            out.add(
                where,
                "bad-firm",
                f"{row_zh}应包含名称、年度和电子商务销售额（万元）。",
                f"{row_en} must have a name, a year and e-commerce sales (10,000 yuan).",
                key,
            )
            ok = False
            continue
        name, year = entry["name"], entry["year"]
        if not isinstance(name, str) or not name.strip() or len(name) > 200:
            out.add(
                where + ["name"], "bad-name", f"{row_zh}缺少经营者名称。", f"{row_en} needs the operator's name.", key
            )
            ok = False
        if not (isinstance(year, int) and not isinstance(year, bool)) or (years is not None and year not in years):
            shown = f"（{years[0]}或{years[1]}）" if years else ""
            out.add(
                where + ["year"],
                "bad-firm-year",
                f"{row_zh}的年度应为评估年度{shown}。",
                f"{row_en}: the year must be one of the assessed years{' (%d or %d)' % years if years else ''}.",
                key,
            )
            ok = False
        sales = _number(where + ["sales_wan_yuan"], key, entry["sales_wan_yuan"], ("销售额", "sales"), out)
        if sales is None:
            ok = False
        if ok:
            firms.append(Firm(name.strip(), year, sales))
    return firms if ok else None
