"""Gap to pass: which categories are short, by how much, and the cheapest open sub-items that close it.

"Cheapest" is an order of effort, not of points: first sub-items that only need confirming (a qualitative
criterion not yet ticked), then data not yet entered or not computable, then qualitative criteria
declared unmet, and last quantitative results that fall short (improving those needs real change).
Within one effort level, larger gains come first, so the list is short.
"""
from __future__ import annotations

from typing import Any

from calc.rules import rule_kind
from calc.ruleset import Ruleset

ACTIONS = [
    {"zh": "核对佐证资料后确认该项", "en": "check the evidence and confirm this criterion"},
    {"zh": "填写尚缺的数据", "en": "enter the missing data"},
    {"zh": "补齐工作并形成佐证资料", "en": "do the work and document it"},
    {"zh": "改进工作使数据达标", "en": "improve results until the figure meets the rule"},
]


def _effort(item: dict, confirm_only: bool) -> int:
    """confirm_only: the sub-item's rule kind says an open one needs nothing but confirming."""
    if item["status"] == "invalid":
        return 1  # a value to correct, like one to enter
    if item["status"] == "missing":
        return 0 if item["qualitative"] and confirm_only else 1
    if item["status"] == "undefined":
        return 1
    if item["status"] == "unmet" and item["qualitative"]:
        return 2
    return 3


def open_items(report: dict[str, Any], ruleset: Ruleset) -> list[dict[str, Any]]:
    """Every sub-item that can still gain points, with its gain, effort and responsible units."""
    out = []
    for ind in report["indicators"]:
        if ind["score"] >= ind["max"]:
            continue
        definition = ruleset.indicators[ind["number"]]
        confirm_only = {i["id"] for i in definition["items"] if rule_kind(i).confirm_only}
        candidates = []
        for item in ind["items"]:
            if item["score"] >= item["max"] or item["status"] == "met-not-counted":
                continue
            gain = ind["max"] - ind["score"] if ind["combine"] == "best_one" else item["max"] - item["score"]
            effort = _effort(item, item["id"] in confirm_only)
            candidates.append({
                "id": item["id"], "indicator": ind["number"], "title": ind["title"],
                "category": ruleset.parent_category[ind["category"]], "gain": gain, "effort": effort,
                "action": ACTIONS[effort], "status": item["status"], "missing": item["missing"],
                "responsible": ruleset.units_responsible_for(ind["number"]),
                "responsible_groups": ind["responsible"],
            })
        if ind["combine"] == "best_one" and candidates:
            candidates = [min(candidates, key=lambda c: (c["effort"], c["id"]))]  # one item is enough
        out.extend(candidates)
    return out


def order(item: dict) -> tuple:
    """Cheapest first: by effort, then larger gains, then document order."""
    major, minor = item["id"].split(".")
    return (item["effort"], -item["gain"], int(major), int(minor))


def _pick(candidates: list[dict], needed: int) -> tuple[list[dict], int]:
    chosen, gained = [], 0
    for candidate in sorted(candidates, key=order):
        if gained >= needed:
            break
        chosen.append({**candidate, "cumulative": gained + candidate["gain"]})
        gained += candidate["gain"]
    return chosen, gained


def gap_to_pass(report: dict[str, Any], ruleset: Ruleset,
                candidates: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """candidates: open_items(report, ruleset), when the caller has them already."""
    if candidates is None:
        candidates = open_items(report, ruleset)
    used: set[str] = set()
    categories = []
    planned_gain = 0
    for category in report["categories"]:
        short_by = max(0, category["needed"] - category["score"])
        if not short_by:
            continue
        chosen, gained = _pick([c for c in candidates if c["category"] == category["id"]], short_by)
        used.update(c["id"] for c in chosen)
        planned_gain += gained
        categories.append({"id": category["id"], "name": category["name"], "score": category["score"],
                           "max": category["max"], "needed": category["needed"], "short_by": short_by,
                           "reachable": gained >= short_by, "items": chosen})
    total_min = ruleset.pass_rule["total_min"]
    total_short = max(0, total_min - report["total"])
    after_categories = max(0, total_min - report["total"] - planned_gain)
    extra, extra_gain = _pick([c for c in candidates if c["id"] not in used], after_categories)
    return {
        "passed": report["passed"],
        "total_short_by": total_short,
        "categories": categories,
        "total": {"needed": total_min, "short_by_after_categories": after_categories,
                  "reachable": extra_gain >= after_categories, "items": extra},
        "open_points": sum(c["gain"] for c in candidates),
    }
