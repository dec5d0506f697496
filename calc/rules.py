"""One function per rule kind. Each scores one sub-item and explains every point, in zh and en.

The rule's parameters come from data/indicators/NN.yaml (compiled into ruleset.json); the sentence each
rule encodes sits beside it there. What the words mean (strict or inclusive, shared band boundaries,
zero denominators) is decided here once, and documented on each indicator's `interpretation`.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Callable

from calc.assessment import Firm
from calc.facts import DEFAULT, MISSING, UNDEFINED, FactBook, Resolved
from calc.numbers import fmt_count, percent, to_fraction, yuan_en

# Status of a sub-item, also the gap-to-pass cost order (see calc/gap.py).
MET, PARTIAL, UNMET, MISSING_DATA, UNDEFINED_DATA = "met", "partial", "unmet", "missing", "undefined"


@dataclass
class ItemResult:
    id: str
    score: int
    max: int
    status: str
    lines: list[dict[str, str]] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)   # fact keys still to be entered
    qualitative: bool = False

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.id, "score": self.score, "max": self.max, "status": self.status,
                "explanation": {lang: "\n".join(text[lang] for text in self.lines) for lang in ("zh", "en")},
                "lines": self.lines, "missing": self.missing, "qualitative": self.qualitative}


def line(zh: str, en: str) -> dict[str, str]:
    return {"zh": zh, "en": en}


def _op_holds(op: str, left: Fraction | bool, right: Fraction | bool) -> bool:
    if op == ">":
        return left > right  # type: ignore[operator]
    if op == ">=":
        return left >= right  # type: ignore[operator]
    return left == right


OP_WORDS = {  # (holds zh, fails zh, holds en, fails en)
    ">": ("超过", "未超过", "is above", "is not above"),
    ">=": ("达到", "未达到", "reaches", "does not reach"),
    "==": ("为", "不为", "is", "is not"),
}


def _shown(resolved: Resolved) -> dict[str, str]:
    shown = resolved.shown or {"zh": "", "en": ""}
    if resolved.state == DEFAULT and resolved.note:
        return {"zh": f"{shown['zh']}（{resolved.note['zh']}）", "en": f"{shown['en']} ({resolved.note['en']})"}
    return shown


def _not_usable(book: FactBook, resolved: Resolved, prefix: tuple[str, str] = ("", "")) -> dict[str, str]:
    label = book.label(resolved.key)
    if resolved.state == UNDEFINED and resolved.note:
        return line(f"{prefix[0]}{label['zh']}无法计算：{resolved.note['zh']}",
                    f"{prefix[1]}{label['en']} cannot be computed: {resolved.note['en']}")
    return line(f"{prefix[0]}未填写{label['zh']}", f"{prefix[1]}{label['en']} not entered")


def _unusable_result(item: dict, book: FactBook, resolved: Resolved, hint: tuple[str, str] = ("", "")) -> ItemResult:
    """A single-fact sub-item whose fact is not entered, or undefined (zero denominator): 0 points, and why."""
    points = item["points"]
    text = _not_usable(book, resolved, (f"{item['id']} ", f"{item['id']} "))
    status = UNDEFINED_DATA if resolved.state == UNDEFINED else MISSING_DATA
    return ItemResult(item["id"], 0, points, status,
                      [line(text["zh"] + hint[0] + _points(0, points), text["en"] + hint[1] + _points_en(0, points))],
                      [resolved.key] if resolved.state == MISSING else [])


def _points(score: int, maximum: int) -> str:
    return f"：{score}/{maximum}"


def _points_en(score: int, maximum: int) -> str:
    return f": {score}/{maximum}"


def _status(score: int, maximum: int, any_missing: bool, any_undefined: bool) -> str:
    if score == maximum:
        return MET
    if score > 0:
        return PARTIAL
    if any_undefined:
        return UNDEFINED_DATA
    return MISSING_DATA if any_missing else UNMET


def criterion(item: dict, book: FactBook, years: tuple[int, int] | None, region: str) -> ItemResult:
    resolved = book.get(item["rule"]["fact"])
    points = item["points"]
    if resolved.state == MISSING:
        return ItemResult(item["id"], 0, points, MISSING_DATA,
                          [line(f"{item['id']} 未确认是否符合（请核对佐证资料后勾选）{_points(0, points)}",
                                f"{item['id']} not yet confirmed (tick it once the evidence is ready){_points_en(0, points)}")],
                          [item["rule"]["fact"]], qualitative=True)
    if resolved.value is True:
        return ItemResult(item["id"], points, points, MET,
                          [line(f"{item['id']} 已确认符合{_points(points, points)}",
                                f"{item['id']} confirmed as met{_points_en(points, points)}")], qualitative=True)
    return ItemResult(item["id"], 0, points, UNMET,
                      [line(f"{item['id']} 确认尚不符合{_points(0, points)}",
                            f"{item['id']} confirmed as not (yet) met{_points_en(0, points)}")], qualitative=True)


def threshold(item: dict, book: FactBook, years: tuple[int, int] | None, region: str) -> ItemResult:
    points = item["points"]
    parts_zh, parts_en, missing = [], [], []
    all_hold, any_undefined, qualitative = True, False, False
    for condition in item["rule"]["conditions"]:
        op = condition["op"]
        left = book.get(condition["fact"])
        if isinstance(condition.get("value"), bool):  # a yes/no part of a mixed sub-item (26.1)
            qualitative = True
            if left.state == MISSING:
                missing.append(condition["fact"])
                parts_zh.append("尚未确认已建立相关机制")
                parts_en.append("the mechanism is not yet confirmed")
                all_hold = False
            elif left.value is condition["value"]:
                parts_zh.append("已确认建立相关机制")
                parts_en.append("the mechanism is confirmed")
            else:
                parts_zh.append("确认尚未建立相关机制")
                parts_en.append("the mechanism is confirmed as not (yet) in place")
                all_hold = False
            continue
        label = book.label(condition["fact"])
        if "reference" in condition:
            right = book.get(condition["reference"])
            right_label = book.label(condition["reference"])
        else:
            right = None
        unusable = [r for r in (left, right) if r is not None and not r.usable]
        if unusable:
            all_hold = False
            for r in unusable:
                if r.state == UNDEFINED:
                    any_undefined = True
                else:
                    missing.append(r.key)
                text = _not_usable(book, r)
                parts_zh.append(text["zh"])
                parts_en.append(text["en"])
            continue
        target_value = right.value if right is not None else to_fraction(condition["value"])
        holds = _op_holds(op, left.value, target_value)
        all_hold = all_hold and holds
        words = OP_WORDS[op]
        if right is not None:
            target_zh = f"{right_label['zh']} {_shown(right)['zh']}"
            target_en = f"{right_label['en']} {_shown(right)['en']}"
        else:
            is_rate = book.ruleset.facts[condition["fact"]]["kind"] in ("ratio", "growth")
            shown_target = percent(target_value) if is_rate else fmt_count(target_value)
            target_zh = target_en = shown_target
        parts_zh.append(f"{label['zh']} {_shown(left)['zh']} {words[0] if holds else words[1]} {target_zh}")
        parts_en.append(f"{label['en']} {_shown(left)['en']} {words[2] if holds else words[3]} {target_en}")
    score = points if all_hold else 0
    return ItemResult(item["id"], score, points, _status(score, points, bool(missing), any_undefined),
                      [line(f"{item['id']} " + "；".join(parts_zh) + _points(score, points),
                            f"{item['id']} " + "; ".join(parts_en) + _points_en(score, points))],
                      sorted(set(missing)), qualitative)


def yearly_exceeds(item: dict, book: FactBook, years: tuple[int, int] | None, region: str) -> ItemResult:
    rule, points, per_year = item["rule"], item["points"], item["rule"]["points_per_year"]
    subject_label, reference_label = book.label(rule["subject"]), book.label(rule["reference"])
    if years is None:
        return ItemResult(item["id"], 0, points, MISSING_DATA,
                          [line(f"{item['id']} 未填写评估年度，无法逐年比较{_points(0, points)}",
                                f"{item['id']} the assessed years are missing, so no year can be compared{_points_en(0, points)}")])
    score, lines, missing, any_undefined = 0, [], [], False
    for year in years:
        subject, reference = book.get(rule["subject"], year), book.get(rule["reference"], year)
        unusable = [r for r in (subject, reference) if not r.usable]
        if unusable:
            for r in unusable:
                if r.state == UNDEFINED:
                    any_undefined = True
                else:
                    missing.append(r.key)
            reasons = [_not_usable(book, r) for r in unusable]
            lines.append(line(f"{year}年" + "；".join(r["zh"] for r in reasons) + f"，本年不得分{_points(0, per_year)}",
                              f"{year}: " + "; ".join(r["en"] for r in reasons) + f", so this year scores nothing{_points_en(0, per_year)}"))
            continue
        holds = subject.value > reference.value
        gained = per_year if holds else 0
        score += gained
        equal_zh = "（二者相等，不算超过）" if subject.value == reference.value else ""
        equal_en = " (equal is not above)" if subject.value == reference.value else ""
        lines.append(line(
            f"{year}年{subject_label['zh']} {_shown(subject)['zh']} {'超过' if holds else '未超过'}"
            f"{reference_label['zh']} {_shown(reference)['zh']}{equal_zh}{_points(gained, per_year)}",
            f"{year}: {subject_label['en']} {_shown(subject)['en']} {'is above' if holds else 'is not above'} "
            f"{reference_label['en']} {_shown(reference)['en']}{equal_en}{_points_en(gained, per_year)}"))
    score = min(score, points)
    return ItemResult(item["id"], score, points, _status(score, points, bool(missing), any_undefined), lines,
                      sorted(set(missing)))


def _band_text(band: dict) -> tuple[str, str]:
    if "max" in band:
        return f"{band['min']}%–{band['max']}%", f"{band['min']}% to {band['max']}%"
    return f"{band['min']}%以上", f"{band['min']}% or more"


def bands(item: dict, book: FactBook, years: tuple[int, int] | None, region: str) -> ItemResult:
    rule, points = item["rule"], item["points"]
    resolved = book.get(rule["fact"])
    if not resolved.usable:
        return _unusable_result(item, book, resolved)
    value = resolved.value
    matching = [b for b in rule["bands"]
                if value >= to_fraction(b["min"]) and ("max" not in b or value <= to_fraction(b["max"]))]
    label, shown = book.label(rule["fact"]), _shown(resolved)
    if not matching:
        lowest = min(rule["bands"], key=lambda b: b["min"])
        return ItemResult(item["id"], 0, points, UNMET, [line(
            f"{item['id']} {label['zh']} {shown['zh']}，低于{lowest['min']}%，不得分{_points(0, points)}",
            f"{item['id']} {label['en']} {shown['en']} is below {lowest['min']}%, so it scores nothing{_points_en(0, points)}")])
    best = max(matching, key=lambda b: b["points"])
    score = min(best["points"], points)
    band_zh, band_en = _band_text(best)
    if len(matching) > 1:  # exactly on a shared boundary: both bands include it, the higher one applies
        others = [_band_text(b) for b in matching if b is not best]
        text = line(
            f"{item['id']} {label['zh']} {shown['zh']}，恰在“{others[0][0]}”与“{band_zh}”两个区间的共同边界上（区间均含本数），按较高区间计分{_points(score, points)}",
            f"{item['id']} {label['en']} {shown['en']} lies exactly on the boundary shared by the bands {others[0][1]} and {band_en} (both include it), so the higher band applies{_points_en(score, points)}")
    else:
        text = line(f"{item['id']} {label['zh']} {shown['zh']}，属于“{band_zh}”区间{_points(score, points)}",
                    f"{item['id']} {label['en']} {shown['en']} is in the band {band_en}{_points_en(score, points)}")
    return ItemResult(item["id"], score, points, _status(score, points, False, False), [text])


def count_capped(item: dict, book: FactBook, years: tuple[int, int] | None, region: str) -> ItemResult:
    rule, points = item["rule"], item["points"]
    resolved = book.get(rule["fact"])
    label = book.label(rule["fact"])
    if not resolved.usable:
        return _unusable_result(item, book, resolved)
    count = resolved.value
    score = int(min(count * rule["points_per_unit"], points))
    capped = count * rule["points_per_unit"] > points
    return ItemResult(item["id"], score, points, _status(score, points, False, False), [line(
        f"{item['id']} {label['zh']} {fmt_count(count)} 项，每项{rule['points_per_unit']}分{'，已达上限' if capped else ''}（最高{points}分）{_points(score, points)}",
        f"{item['id']} {label['en']}: {fmt_count(count)}, {rule['points_per_unit']} point each{', capped' if capped else ''} (at most {points}){_points_en(score, points)}")])


REGION_NAMES = {"east": ("东部", "eastern"), "central": ("中部", "central"), "west": ("西部", "western")}


def firm_count(item: dict, book: FactBook, years: tuple[int, int] | None, region: str) -> ItemResult:
    rule, points = item["rule"], item["points"]
    resolved = book.get(rule["fact"])
    label = book.label(rule["fact"])
    if not resolved.usable:
        return _unusable_result(item, book, resolved, ("（没有则填写空列表）", " (enter an empty list if there are none)"))
    limit = to_fraction(rule["threshold_wan_yuan"][region])
    firms: list[Firm] = resolved.value
    counted = [f for f in firms if f.sales_wan_yuan >= limit and (years is None or f.year in years)]
    left_out = [f for f in firms if f not in counted]
    number = len(counted)
    matching = [b for b in rule["bands"] if number >= b["min"]]
    score = min(max((b["points"] for b in matching), default=0), points)
    region_zh, region_en = REGION_NAMES[region]
    lines = [line(
        f"{item['id']} {region_zh}地区门槛为年度电子商务销售额{fmt_count(limit)}万元以上（含本数）；达到门槛的新增经营者 {number} 家{_points(score, points)}",
        f"{item['id']} the {region_en}-region threshold is annual e-commerce sales of {yuan_en(limit)} or more; operators newly above it: {number}{_points_en(score, points)}")]
    for firm in counted:
        lines.append(line(f"计入：{firm.name}（{firm.year}年，{fmt_count(firm.sales_wan_yuan)}万元）",
                          f"counted: {firm.name} ({firm.year}, {yuan_en(firm.sales_wan_yuan)})"))
    for firm in left_out:
        lines.append(line(f"未计入：{firm.name}（{firm.year}年，{fmt_count(firm.sales_wan_yuan)}万元，低于门槛）",
                          f"not counted: {firm.name} ({firm.year}, {yuan_en(firm.sales_wan_yuan)}, below the threshold)"))
    return ItemResult(item["id"], score, points, _status(score, points, False, False), lines)


RULES: dict[str, Callable[[dict, FactBook, Any, str], ItemResult]] = {
    "criterion": criterion,
    "threshold": threshold,
    "yearly_exceeds": yearly_exceeds,
    "bands": bands,
    "count_capped": count_capped,
    "firm_count": firm_count,
}
