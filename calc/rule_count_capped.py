"""`count_capped`: so many points for each one counted, at most the sub-item's points.

rule: {kind: count_capped, fact: certified_brand_count, points_per_unit: 1}
"""

from __future__ import annotations

from typing import Any, Mapping

from calc.facts import FactBook
from calc.numbers import fmt_count
from calc.rulekind import (
    Description,
    ItemResult,
    RuleKind,
    both,
    label_of,
    line,
    points_suffix,
    points_text,
    status_of,
    unusable_result,
)


class CountCapped(RuleKind):
    name = "count_capped"
    params = ("fact", "points_per_unit")

    def check_params(self, item: dict[str, Any]) -> list[str]:
        per_unit = item["rule"]["points_per_unit"]
        return [] if isinstance(per_unit, int) and per_unit > 0 else ["points_per_unit must be a whole number above 0"]

    def score(self, item: dict[str, Any], book: FactBook, years: tuple[int, int] | None, region: str) -> ItemResult:
        rule, points = item["rule"], item["points"]
        resolved = book.get(rule["fact"])
        label = book.label(rule["fact"])
        if not resolved.usable:
            return unusable_result(item, book, resolved)
        count = resolved.value
        score = int(min(count * rule["points_per_unit"], points))
        capped = count * rule["points_per_unit"] > points
        suffix = points_suffix(score, points)
        return ItemResult(
            item["id"],
            score,
            points,
            status_of(score, points, False, False),
            [
                line(
                    f"{item['id']} {label['zh']} {fmt_count(count)} 项，每项{rule['points_per_unit']}分{'，已达上限' if capped else ''}（最高{points}分）{suffix['zh']}",
                    f"{item['id']} {label['en']}: {fmt_count(count)}, {rule['points_per_unit']} point each{', capped' if capped else ''} (at most {points}){suffix['en']}",
                )
            ],
        )

    def describe(self, item: dict[str, Any], facts: Mapping[str, dict[str, Any]]) -> Description:
        text = {
            "zh": "{label}：每项{per}，最多{points}（超过部分不再加分）。",
            "en": "{label}: {per} each, at most {points} (more adds nothing).",
        }
        rule = item["rule"]
        return both(
            lambda lang: [
                {
                    "text": text[lang].format(
                        label=label_of(facts, rule["fact"], lang),
                        per=points_text(rule["points_per_unit"], lang),
                        points=points_text(item["points"], lang),
                    )
                }
            ]
        )


KIND = CountCapped()
