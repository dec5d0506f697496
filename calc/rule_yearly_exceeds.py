"""`yearly_exceeds`: each of the two assessed years is compared on its own.

    rule: {kind: yearly_exceeds, subject: online_retail_growth, reference: national_online_retail_growth,
           points_per_year: 1}

In a year where subject > reference (strictly: equal is not above) that year earns `points_per_year`;
the sub-item earns at most its points.
"""

from __future__ import annotations

from typing import Any, Mapping

from calc.facts import UNDEFINED, FactBook
from calc.rulekind import (
    COMPARISONS,
    MISSING_DATA,
    Description,
    ItemResult,
    RuleKind,
    both,
    label_of,
    line,
    not_usable,
    points_suffix,
    points_text,
    shown,
    status_of,
)

ABOVE = COMPARISONS[">"]


class YearlyExceeds(RuleKind):
    name = "yearly_exceeds"
    params = ("subject", "reference", "points_per_year")

    def reads(self, rule: dict[str, Any]) -> list[str]:
        return [rule["subject"], rule["reference"]]

    def check_params(self, item: dict[str, Any]) -> list[str]:
        per_year = item["rule"]["points_per_year"]
        return [] if isinstance(per_year, int) and per_year > 0 else ["points_per_year must be a whole number above 0"]

    def score(self, item: dict[str, Any], book: FactBook, years: tuple[int, int] | None, region: str) -> ItemResult:
        rule, points, per_year = item["rule"], item["points"], item["rule"]["points_per_year"]
        subject_label, reference_label = book.label(rule["subject"]), book.label(rule["reference"])
        if years is None:
            none = points_suffix(0, points)
            return ItemResult(
                item["id"],
                0,
                points,
                MISSING_DATA,
                [
                    line(
                        f"{item['id']} 未填写评估年度，无法逐年比较{none['zh']}",
                        f"{item['id']} the assessed years are missing, so no year can be compared{none['en']}",
                    )
                ],
            )
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
                reasons = [not_usable(book, r) for r in unusable]
                none = points_suffix(0, per_year)
                lines.append(
                    line(
                        f"{year}年" + "；".join(r["zh"] for r in reasons) + f"，本年不得分{none['zh']}",
                        f"{year}: "
                        + "; ".join(r["en"] for r in reasons)
                        + f", so this year scores nothing{none['en']}",
                    )
                )
                continue
            holds = ABOVE.test(subject.value, reference.value)
            gained = per_year if holds else 0
            score += gained
            verdict = ABOVE.holds if holds else ABOVE.fails
            equal_zh = "（二者相等，不算超过）" if subject.value == reference.value else ""
            equal_en = " (equal is not above)" if subject.value == reference.value else ""
            suffix = points_suffix(gained, per_year)
            lines.append(
                line(
                    f"{year}年{subject_label['zh']} {shown(subject)['zh']} {verdict['zh']}"
                    f"{reference_label['zh']} {shown(reference)['zh']}{equal_zh}{suffix['zh']}",
                    f"{year}: {subject_label['en']} {shown(subject)['en']} {verdict['en']} "
                    f"{reference_label['en']} {shown(reference)['en']}{equal_en}{suffix['en']}",
                )
            )
        score = min(score, points)
        return ItemResult(
            item["id"],
            score,
            points,
            status_of(score, points, bool(missing), any_undefined),
            lines,
            sorted(set(missing)),
        )

    def describe(self, item: dict[str, Any], facts: Mapping[str, dict[str, Any]]) -> Description:
        rule = item["rule"]
        text = {
            "zh": "两个评估年度逐年比较：某一年{subject} {above} {reference}（严格大于，二者相等不算超过），该年得{per_year}；两年最多{points}。",
            "en": "Each of the two assessed years is compared on its own: in a year where {subject} {above} {reference} (strictly greater; equal is not above), that year earns {per_year}; at most {points} for both years.",
        }
        return both(
            lambda lang: [
                {
                    "text": text[lang].format(
                        subject=label_of(facts, rule["subject"], lang),
                        reference=label_of(facts, rule["reference"], lang),
                        above=ABOVE.symbol[lang],
                        per_year=points_text(rule["points_per_year"], lang),
                        points=points_text(item["points"], lang),
                    )
                }
            ]
        )


KIND = YearlyExceeds()
