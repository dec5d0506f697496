"""`criterion`: a qualitative sub-item, decided by the assessors on the documents.

    rule: {kind: criterion, fact: "17.3"}     # the fact is a yes/no keyed by the sub-item's own id

Ticked (true) → the sub-item's points; not ticked → nothing, and the report asks for the evidence.
"""

from __future__ import annotations

from typing import Any, Mapping

from calc.facts import MISSING, FactBook
from calc.rulekind import (
    MET,
    MISSING_DATA,
    UNMET,
    Description,
    ItemResult,
    RuleKind,
    both,
    line,
    points_suffix,
    points_text,
)


class Criterion(RuleKind):
    name = "criterion"
    confirm_only = True  # open only because nobody has ticked it yet: confirming is all it takes

    def flags(self, item: dict[str, Any]) -> list[str]:
        return [item["rule"]["fact"]]

    def check_params(self, item: dict[str, Any]) -> list[str]:
        return [] if item["rule"]["fact"] == item["id"] else ["a criterion's fact must be its own id"]

    def score(self, item: dict[str, Any], book: FactBook, years: tuple[int, int] | None, region: str) -> ItemResult:
        resolved = book.get(item["rule"]["fact"])
        points, item_id = item["points"], item["id"]
        if resolved.state == MISSING:
            none = points_suffix(0, points)
            return ItemResult(
                item_id,
                0,
                points,
                MISSING_DATA,
                [
                    line(
                        f"{item_id} 未确认是否符合（请核对佐证资料后勾选）{none['zh']}",
                        f"{item_id} not yet confirmed (tick it once the evidence is ready){none['en']}",
                    )
                ],
                [item["rule"]["fact"]],
                qualitative=True,
            )
        if resolved.value is True:
            full = points_suffix(points, points)
            return ItemResult(
                item_id,
                points,
                points,
                MET,
                [line(f"{item_id} 已确认符合{full['zh']}", f"{item_id} confirmed as met{full['en']}")],
                qualitative=True,
            )
        none = points_suffix(0, points)
        return ItemResult(
            item_id,
            0,
            points,
            UNMET,
            [line(f"{item_id} 确认尚不符合{none['zh']}", f"{item_id} confirmed as not (yet) met{none['en']}")],
            qualitative=True,
        )

    def describe(self, item: dict[str, Any], facts: Mapping[str, dict[str, Any]]) -> Description:
        text = {
            "zh": "定性子项：由评估专家依据佐证资料认定。自评时，备齐可提交的佐证资料后确认为“符合”，得{points}。",
            "en": "Qualitative: the assessors decide on the supporting documents. In a self-assessment, confirm it as met once the evidence is ready to submit: {points}.",
        }
        return both(lambda lang: [{"text": text[lang].format(points=points_text(item["points"], lang))}])


KIND = Criterion()
