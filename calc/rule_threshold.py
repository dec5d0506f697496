"""`threshold`: every condition holds → the sub-item's points, otherwise nothing.

    rule:
      kind: threshold
      conditions:
        - {fact: tip_check_on_time_rate, op: ">", value: 95}          # against a fixed value
        - {fact: county_score, op: ">=", reference: national_score}   # against another figure
        - {fact: "26.1", op: "==", value: true}                        # a yes/no part (26.1), keyed by the item id

`op` is one of calc.rulekind.COMPARISONS (">", ">=", "=="); a rate's value is in percent.
"""

from __future__ import annotations

from typing import Any, Mapping

from calc.facts import MISSING, UNDEFINED, FactBook
from calc.numbers import fmt_count, percent, to_fraction
from calc.rulekind import (
    COMPARISONS,
    Description,
    ItemResult,
    RuleKind,
    around,
    both,
    comparison_text,
    label_of,
    line,
    not_usable,
    number_text,
    points_suffix,
    points_text,
    shown,
    status_of,
)

RATE_KINDS = ("ratio", "growth")  # their values are percentages


def _is_flag(condition: dict[str, Any]) -> bool:
    return isinstance(condition.get("value"), bool)


class Threshold(RuleKind):
    name = "threshold"
    params = ("conditions",)

    def reads(self, rule: dict[str, Any]) -> list[str]:
        keys = []
        for condition in rule["conditions"]:
            keys.append(condition["fact"])
            if "reference" in condition:
                keys.append(condition["reference"])
        return keys

    def flags(self, item: dict[str, Any]) -> list[str]:
        return [c["fact"] for c in item["rule"]["conditions"] if _is_flag(c)]

    def check_params(self, item: dict[str, Any]) -> list[str]:
        problems = []
        for condition in item["rule"]["conditions"]:
            if condition.get("op") not in COMPARISONS:
                problems.append(f"unknown operator {condition.get('op')}")
            if _is_flag(condition) and condition["fact"] != item["id"]:
                problems.append("a flag condition's fact must be its own id")
            if ("value" in condition) == ("reference" in condition):
                problems.append(f"a condition on {condition.get('fact')} needs either a value or a reference")
        return problems

    def score(self, item: dict[str, Any], book: FactBook, years: tuple[int, int] | None, region: str) -> ItemResult:
        points = item["points"]
        parts_zh, parts_en, missing = [], [], []
        all_hold, any_undefined, qualitative = True, False, False
        for condition in item["rule"]["conditions"]:
            left = book.get(condition["fact"])
            if _is_flag(condition):  # a yes/no part of a mixed sub-item (26.1)
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
            right = book.get(condition["reference"]) if "reference" in condition else None
            unusable = [r for r in (left, right) if r is not None and not r.usable]
            if unusable:
                all_hold = False
                for r in unusable:
                    if r.state == UNDEFINED:
                        any_undefined = True
                    else:
                        missing.append(r.key)
                    text = not_usable(book, r)
                    parts_zh.append(text["zh"])
                    parts_en.append(text["en"])
                continue
            comparison = COMPARISONS[condition["op"]]
            target_value = right.value if right is not None else to_fraction(condition["value"])
            holds = comparison.test(left.value, target_value)
            all_hold = all_hold and holds
            if right is not None:
                right_label = book.label(condition["reference"])
                target_zh = f"{right_label['zh']} {shown(right)['zh']}"
                target_en = f"{right_label['en']} {shown(right)['en']}"
            else:
                is_rate = book.ruleset.facts[condition["fact"]]["kind"] in RATE_KINDS
                target_zh = target_en = percent(target_value) if is_rate else fmt_count(target_value)
            verdict = comparison.holds if holds else comparison.fails
            parts_zh.append(f"{label['zh']} {shown(left)['zh']} {verdict['zh']} {target_zh}")
            parts_en.append(f"{label['en']} {shown(left)['en']} {verdict['en']} {target_en}")
        score = points if all_hold else 0
        suffix = points_suffix(score, points)
        return ItemResult(
            item["id"],
            score,
            points,
            status_of(score, points, bool(missing), any_undefined),
            [
                line(
                    f"{item['id']} " + "；".join(parts_zh) + suffix["zh"],
                    f"{item['id']} " + "; ".join(parts_en) + suffix["en"],
                )
            ],
            sorted(set(missing)),
            qualitative,
        )

    def describe(self, item: dict[str, Any], facts: Mapping[str, dict[str, Any]]) -> Description:
        head = {
            "all": {
                "zh": "以下条件同时满足时得{points}，否则不得分：",
                "en": "{points} when all of these hold, otherwise nothing:",
            },
            "one": {
                "zh": "满足以下条件时得{points}，否则不得分：",
                "en": "{points} when this holds, otherwise nothing:",
            },
        }
        flag_condition = {
            "zh": "勾选确认：已建立原文所述机制（定性部分，由评估专家依据资料认定）",
            "en": "ticked: the mechanism the text describes is in place (qualitative part, decided by the assessors on the documents)",
        }

        def condition_text(condition: dict[str, Any], lang: str) -> str:
            if _is_flag(condition):
                return flag_condition[lang]
            left = label_of(facts, condition["fact"], lang)
            if "reference" in condition:
                return comparison_text(
                    condition["op"], left, label_of(facts, condition["reference"], lang), lang, vs_figure=True
                )
            value = number_text(condition["value"])
            if facts[condition["fact"]]["kind"] in RATE_KINDS:
                value += "%"
            return comparison_text(condition["op"], left, value, lang)

        def describe_in(lang: str) -> list[dict[str, Any]]:
            conditions = [condition_text(c, lang) for c in item["rule"]["conditions"]]
            intro = head["all" if len(conditions) > 1 else "one"][lang]
            return [{"text": intro.format(points=points_text(item["points"], lang))}, {"list": conditions}]

        return both(describe_in)

    def boundaries(self, item: dict[str, Any], facts: Mapping[str, dict[str, Any]]) -> list[dict[str, Any]]:
        """Each fixed limit: exactly on it, and a tenth of a point (a rate) or one (a count) either side."""
        out = []
        for condition in item["rule"]["conditions"]:
            if _is_flag(condition) or "value" not in condition:
                continue
            kind = facts[condition["fact"]]["kind"]
            is_rate = kind in RATE_KINDS
            out += around(
                item["id"],
                condition["fact"],
                condition["value"],
                "1" if kind == "count" else "0.1",
                "%" if is_rate else "",
                {"zh": "", "en": ""},
            )
        return out


KIND = Threshold()
