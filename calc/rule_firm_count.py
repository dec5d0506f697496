"""`firm_count`: operators newly above their region's sales threshold in the assessed years, banded.

    rule:
      kind: firm_count
      fact: new_large_online_operators          # a list of firms: name, year added, annual e-commerce sales
      threshold_wan_yuan: {east: 1000, central: 500, west: 300}
      bands: [{min: 1, points: 1}, {min: 3, points: 2}]

A firm counts when it was added in an assessed year and its sales reach the threshold (inclusive); the
number counted earns the points of the highest band it reaches.
"""

from __future__ import annotations

from typing import Any, Mapping

from calc.assessment import Firm
from calc.contract import DEFAULT_REGION, REGION_NAMES, REGIONS
from calc.facts import FactBook
from calc.numbers import fmt_count, to_fraction, wan_yuan_text, yuan_en
from calc.rulekind import (
    Description,
    ItemResult,
    RuleKind,
    both,
    boundary,
    line,
    points_suffix,
    points_text,
    status_of,
    unusable_result,
)


def region_name(region: str, lang: str) -> str:
    """'中部地区' / 'Central region'."""
    zh, en = REGION_NAMES[region]
    return zh + "地区" if lang == "zh" else en.capitalize() + " region"


class FirmCount(RuleKind):
    name = "firm_count"
    params = ("fact", "threshold_wan_yuan", "bands")

    def check_params(self, item: dict[str, Any]) -> list[str]:
        rule = item["rule"]
        problems = []
        if set(rule["threshold_wan_yuan"]) != set(REGIONS):
            problems.append(f"threshold_wan_yuan needs exactly the regions {', '.join(REGIONS)}")
        if any("min" not in band or "points" not in band for band in rule["bands"]):
            problems.append("every band needs min and points")
        return problems

    def score(self, item: dict[str, Any], book: FactBook, years: tuple[int, int] | None, region: str) -> ItemResult:
        rule, points = item["rule"], item["points"]
        resolved = book.get(rule["fact"])
        if not resolved.usable:
            return unusable_result(
                item, book, resolved, ("（没有则填写空列表）", " (enter an empty list if there are none)")
            )
        limit = to_fraction(rule["threshold_wan_yuan"][region])
        firms: list[Firm] = resolved.value
        counted = [f for f in firms if f.sales_wan_yuan >= limit and (years is None or f.year in years)]
        left_out = [f for f in firms if f not in counted]
        number = len(counted)
        matching = [b for b in rule["bands"] if number >= b["min"]]
        score = min(max((b["points"] for b in matching), default=0), points)
        region_zh, region_en = REGION_NAMES[region]
        suffix = points_suffix(score, points)
        lines = [
            line(
                f"{item['id']} {region_zh}地区门槛为年度电子商务销售额{fmt_count(limit)}万元以上（含本数）；达到门槛的新增经营者 {number} 家{suffix['zh']}",
                f"{item['id']} the {region_en}-region threshold is annual e-commerce sales of {yuan_en(limit)} or more; operators newly above it: {number}{suffix['en']}",
            )
        ]
        for firm in counted:
            lines.append(
                line(
                    f"计入：{firm.name}（{firm.year}年，{fmt_count(firm.sales_wan_yuan)}万元）",
                    f"counted: {firm.name} ({firm.year}, {yuan_en(firm.sales_wan_yuan)})",
                )
            )
        for firm in left_out:
            lines.append(
                line(
                    f"未计入：{firm.name}（{firm.year}年，{fmt_count(firm.sales_wan_yuan)}万元，低于门槛）",
                    f"not counted: {firm.name} ({firm.year}, {yuan_en(firm.sales_wan_yuan)}, below the threshold)",
                )
            )
        return ItemResult(item["id"], score, points, status_of(score, points, False, False), lines)

    def describe(self, item: dict[str, Any], facts: Mapping[str, dict[str, Any]]) -> Description:
        words = {
            "intro": {
                "zh": "统计两个评估年度内新增的、年度电子商务销售额达到所在地区门槛（含本数）的网络交易经营者：",
                "en": "Count the online trading operators added in the two assessed years whose annual e-commerce sales reach the threshold of their region (inclusive):",
            },
            "region": {"zh": "地区", "en": "Region"},
            "threshold": {"zh": "门槛（年度电子商务销售额）", "en": "Threshold (annual e-commerce sales)"},
            "wan_yuan": {"zh": "{v}万元及以上", "en": "{v} or more"},  # en: v in yuan words
            "this_region": {"zh": "（平陆县，默认）", "en": " (Pinglu, the default)"},
            "bands": {"zh": "达到门槛的经营者：", "en": "Operators that reach it: "},
            "band": {"zh": "{n}家及以上得{points}", "en": "{n} or more: {points}"},
            "separator": {"zh": "；", "en": "; "},
            "stop": {"zh": "。", "en": "."},
        }
        rule = item["rule"]

        def describe_in(lang: str) -> list[dict[str, Any]]:
            rows = [
                [
                    region_name(region, lang) + (words["this_region"][lang] if region == DEFAULT_REGION else ""),
                    words["wan_yuan"][lang].format(v=wan_yuan_text(rule["threshold_wan_yuan"][region], lang)),
                ]
                for region in REGIONS
            ]
            bands = words["separator"][lang].join(
                words["band"][lang].format(n=b["min"], points=points_text(b["points"], lang))
                for b in sorted(rule["bands"], key=lambda b: b["min"])
            )
            return [
                {"text": words["intro"][lang]},
                {
                    "table": {
                        "head": [words["region"][lang], words["threshold"][lang]],
                        "rows": rows,
                        "align": ["left", "left"],
                        "strong_rows": [REGIONS.index(DEFAULT_REGION)],
                    }
                },
                {"text": words["bands"][lang] + bands + words["stop"][lang]},
            ]

        return both(describe_in)

    def boundaries(self, item: dict[str, Any], facts: Mapping[str, dict[str, Any]]) -> list[dict[str, Any]]:
        """Per region: one firm's sales exactly at the region's threshold, and just below it (1,000 yuan less)."""
        rule, out = item["rule"], []
        for region in REGIONS:
            limit = to_fraction(rule["threshold_wan_yuan"][region])
            below = limit - to_fraction("0.1")
            zh_region, en_region = region_name(region, "zh"), region_name(region, "en").lower()
            for value, zh, en in (
                (
                    limit,
                    f"恰为{zh_region}门槛{fmt_count(limit)}万元",
                    f"exactly the {en_region} threshold, {yuan_en(limit)}",
                ),
                (below, f"略低于门槛：{fmt_count(below)}万元", f"just below it: {yuan_en(below)}"),
            ):
                out.append(boundary(item["id"], rule["fact"], value, zh, en, field="sales_wan_yuan", region=region))
        return out


KIND = FirmCount()
