"""`bands`: points by the band a rate falls in.

    rule:
      kind: bands
      fact: online_operator_share
      bands: [{min: 8, max: 15, points: 1}, {min: 15, points: 2}]    # percent; `max` absent = no upper end

Both ends of a band are included; a value on a boundary two bands share gets the higher band. Below the
lowest band scores nothing.
"""

from __future__ import annotations

from typing import Any, Mapping

from calc.facts import FactBook
from calc.numbers import to_fraction
from calc.rulekind import (
    UNMET,
    Description,
    ItemResult,
    RuleKind,
    around,
    both,
    label_of,
    line,
    number_text,
    points_suffix,
    points_text,
    shown,
    status_of,
    unusable_result,
)


def _band_text(band: dict) -> tuple[str, str]:
    """A band as a report line names it."""
    if "max" in band:
        return f"{band['min']}%–{band['max']}%", f"{band['min']}% to {band['max']}%"
    return f"{band['min']}%以上", f"{band['min']}% or more"


class Bands(RuleKind):
    name = "bands"
    params = ("fact", "bands")

    def check_params(self, item: dict[str, Any]) -> list[str]:
        problems = []
        for band in item["rule"]["bands"]:
            if "min" not in band or "points" not in band:
                problems.append(f"band {band} needs min and points")
            elif "max" in band and to_fraction(band["max"]) < to_fraction(band["min"]):
                problems.append(f"band {band} ends below its start")
        return problems

    def score(self, item: dict[str, Any], book: FactBook, years: tuple[int, int] | None, region: str) -> ItemResult:
        rule, points = item["rule"], item["points"]
        resolved = book.get(rule["fact"])
        if not resolved.usable:
            return unusable_result(item, book, resolved)
        value = resolved.value
        matching = [
            b
            for b in rule["bands"]
            if value >= to_fraction(b["min"]) and ("max" not in b or value <= to_fraction(b["max"]))
        ]
        label, value_shown = book.label(rule["fact"]), shown(resolved)
        if not matching:
            lowest = min(rule["bands"], key=lambda b: b["min"])
            none = points_suffix(0, points)
            return ItemResult(
                item["id"],
                0,
                points,
                UNMET,
                [
                    line(
                        f"{item['id']} {label['zh']} {value_shown['zh']}，低于{lowest['min']}%，不得分{none['zh']}",
                        f"{item['id']} {label['en']} {value_shown['en']} is below {lowest['min']}%, so it scores nothing{none['en']}",
                    )
                ],
            )
        best = max(matching, key=lambda b: b["points"])
        score = min(best["points"], points)
        suffix = points_suffix(score, points)
        band_zh, band_en = _band_text(best)
        if len(matching) > 1:  # exactly on a shared boundary: both bands include it, the higher one applies
            others = [_band_text(b) for b in matching if b is not best]
            text = line(
                f"{item['id']} {label['zh']} {value_shown['zh']}，恰在“{others[0][0]}”与“{band_zh}”两个区间的共同边界上（区间均含本数），按较高区间计分{suffix['zh']}",
                f"{item['id']} {label['en']} {value_shown['en']} lies exactly on the boundary shared by the bands {others[0][1]} and {band_en} (both include it), so the higher band applies{suffix['en']}",
            )
        else:
            text = line(
                f"{item['id']} {label['zh']} {value_shown['zh']}，属于“{band_zh}”区间{suffix['zh']}",
                f"{item['id']} {label['en']} {value_shown['en']} is in the band {band_en}{suffix['en']}",
            )
        return ItemResult(item["id"], score, points, status_of(score, points, False, False), [text])

    def describe(self, item: dict[str, Any], facts: Mapping[str, dict[str, Any]]) -> Description:
        words = {
            "intro": {
                "zh": "按{label}所在区间计分（区间两端均含本数）：",
                "en": "Points by the band {label} falls in (both ends of a band included):",
            },
            "band": {"zh": "区间", "en": "Band"},
            "points": {"zh": "分值", "en": "Points"},
            "between": {"zh": "{lo}% – {hi}%（含{lo}%和{hi}%）", "en": "{lo}% to {hi}% (both included)"},
            "from": {"zh": "{lo}%及以上", "en": "{lo}% or more"},
            "below": {"zh": "低于{lo}%", "en": "below {lo}%"},
            "shared": {
                "zh": "恰为{v}%时同时属于两个区间，按较高区间计分。",
                "en": "Exactly {v}% lies in both bands and gets the higher one.",
            },
        }
        rule = item["rule"]
        bands = sorted(rule["bands"], key=lambda b: b["min"])
        shared = [b["max"] for b in bands if "max" in b and any(o["min"] == b["max"] for o in bands if o is not b)]

        def describe_in(lang: str) -> list[dict[str, Any]]:
            rows = [[words["below"][lang].format(lo=number_text(bands[0]["min"])), points_text(0, lang)]]
            for band in bands:
                text = (
                    words["between"][lang].format(lo=number_text(band["min"]), hi=number_text(band["max"]))
                    if "max" in band
                    else words["from"][lang].format(lo=number_text(band["min"]))
                )
                rows.append([text, points_text(band["points"], lang)])
            blocks: list[dict[str, Any]] = [
                {"text": words["intro"][lang].format(label=label_of(facts, rule["fact"], lang))},
                {
                    "table": {
                        "head": [words["band"][lang], words["points"][lang]],
                        "rows": rows,
                        "align": ["left", "right"],
                        "strong_rows": [],
                    }
                },
            ]
            if shared:
                blocks.append({"text": " ".join(words["shared"][lang].format(v=number_text(v)) for v in shared)})
            return blocks

        return both(describe_in)

    def boundaries(self, item: dict[str, Any], facts: Mapping[str, dict[str, Any]]) -> list[dict[str, Any]]:
        """Every band edge, exactly on it and 0.1 either side; an edge two bands share is named so."""
        rule = item["rule"]
        edges = sorted(
            {to_fraction(b["min"]) for b in rule["bands"]}
            | {to_fraction(b["max"]) for b in rule["bands"] if "max" in b}
        )
        out = []
        for edge in edges:
            shared = (
                sum(
                    1
                    for b in rule["bands"]
                    if to_fraction(b["min"]) == edge or ("max" in b and to_fraction(b["max"]) == edge)
                )
                > 1
            )
            what = (
                {"zh": "（两个区间的共同边界）", "en": " (the edge both bands share)"}
                if shared
                else {"zh": "", "en": ""}
            )
            out += around(item["id"], rule["fact"], edge, "0.1", "%", what)
        return out


KIND = Bands()
