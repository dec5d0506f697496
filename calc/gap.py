"""Gap to pass: which categories are short, by how much, and the cheapest open sub-items that close it.

"Cheapest" is an order of effort, not of points: first figures the merged units gave differently (deciding
which is right is all it takes; calc.disputes scores each unit's value), and sub-items that only need
confirming (a qualitative criterion not yet ticked), then data not yet entered or not computable, then qualitative criteria
declared unmet, and last quantitative results that fall short (improving those needs real change).
Within one effort level, larger gains come first, so the list is short.
"""

from __future__ import annotations

from typing import Any

from calc.contract import CONFLICT, INVALID, MET_NOT_COUNTED, MISSING_DATA, UNDEFINED_DATA, UNMET
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
    if item["status"] == INVALID:
        return 1  # a value to correct, like one to enter
    if item["status"] == MISSING_DATA:
        return 0 if item["qualitative"] and confirm_only else 1
    if item["status"] == UNDEFINED_DATA:
        return 1
    if item["status"] == UNMET and item["qualitative"]:
        return 2
    return 3


SETTLE_DISPUTE = {
    "zh": "核实各单位填报的不同数值，选定其一",
    "en": "check the units' differing figures and settle on one",
}


def open_items(report: dict[str, Any], ruleset: Ruleset) -> list[dict[str, Any]]:
    """Every sub-item that can still gain points, with its gain, effort and responsible units. A sub-item
    waiting for a disputed figure is offered as that dispute instead, when choosing a value gains points."""
    disputes = [d for d in report.get("disputes", {}).get("open", []) if d["best_gain"] > 0]
    disputed = {d["key"] for d in disputes}
    out = []
    for ind in report["indicators"]:
        if ind["score"] >= ind["max"]:
            continue
        definition = ruleset.indicators[ind["number"]]
        confirm_only = {i["id"] for i in definition["items"] if rule_kind(i).confirm_only}
        candidates = []
        settled_by = [d for d in disputes if d["indicator"] == ind["number"]]
        for item in ind["items"]:
            if item["score"] >= item["max"] or item["status"] == MET_NOT_COUNTED:
                continue
            if settled_by and disputed.intersection(item["missing"]):
                continue  # offered below, as the dispute that holds it up
            gain = ind["max"] - ind["score"] if ind["combine"] == "best_one" else item["max"] - item["score"]
            effort = _effort(item, item["id"] in confirm_only)
            candidates.append(
                {
                    "id": item["id"],
                    "indicator": ind["number"],
                    "title": ind["title"],
                    "category": ruleset.parent_category[ind["category"]],
                    "gain": gain,
                    "effort": effort,
                    "action": ACTIONS[effort],
                    "status": item["status"],
                    "missing": item["missing"],
                    "responsible": ruleset.units_responsible_for(ind["number"]),
                    "responsible_groups": ind["responsible"],
                }
            )
        if ind["combine"] == "best_one" and candidates:
            candidates = [min(candidates, key=lambda c: (c["effort"], c["id"]))]  # one item is enough
        out.extend(candidates)
        out.extend(_dispute_item(d, ind, ruleset) for d in settled_by)
    return out


def _dispute_item(dispute: dict[str, Any], ind: dict[str, Any], ruleset: Ruleset) -> dict[str, Any]:
    first = next((i["id"] for i in ind["items"] if dispute["key"] in i["missing"]), ind["items"][0]["id"])
    return {
        "id": first,
        "indicator": ind["number"],
        "title": ind["title"],
        "category": ruleset.parent_category[ind["category"]],
        "gain": dispute["best_gain"],
        "effort": 0,
        "action": SETTLE_DISPUTE,
        "status": CONFLICT,
        "missing": [dispute["key"]],
        "responsible": ruleset.units_responsible_for(ind["number"]),
        "responsible_groups": ind["responsible"],
        "dispute": {
            k: dispute[k] for k in ("key", "year", "indicator", "max", "label", "message", "values", "decides")
        },
    }


def order(item: dict) -> tuple:
    """Cheapest first: by effort, then larger gains, then document order."""
    major, minor = item["id"].split(".")
    return (item["effort"], -item["gain"], int(major), int(minor))


def _identity(item: dict) -> tuple:
    """Two disputes can hold up the same sub-item: its id alone does not tell them apart."""
    dispute = item.get("dispute")
    return (item["id"], dispute["key"], dispute["year"]) if dispute else (item["id"],)


def _pick(candidates: list[dict], needed: int) -> tuple[list[dict], int]:
    chosen, gained = [], 0
    for candidate in sorted(candidates, key=order):
        if gained >= needed:
            break
        chosen.append({**candidate, "cumulative": gained + candidate["gain"]})
        gained += candidate["gain"]
    return chosen, gained


def gap_to_pass(
    report: dict[str, Any], ruleset: Ruleset, candidates: list[dict[str, Any]] | None = None
) -> dict[str, Any]:
    """candidates: open_items(report, ruleset), when the caller has them already."""
    if candidates is None:
        candidates = open_items(report, ruleset)
    used: set[tuple] = set()
    categories = []
    planned_gain = 0
    for category in report["categories"]:
        short_by = max(0, category["needed"] - category["score"])
        if not short_by:
            continue
        chosen, gained = _pick([c for c in candidates if c["category"] == category["id"]], short_by)
        used.update(_identity(c) for c in chosen)
        planned_gain += gained
        categories.append(
            {
                "id": category["id"],
                "name": category["name"],
                "score": category["score"],
                "max": category["max"],
                "needed": category["needed"],
                "short_by": short_by,
                "reachable": gained >= short_by,
                "items": chosen,
            }
        )
    total_min = ruleset.pass_rule["total_min"]
    total_short = max(0, total_min - report["total"])
    after_categories = max(0, total_min - report["total"] - planned_gain)
    extra, extra_gain = _pick([c for c in candidates if _identity(c) not in used], after_categories)
    return {
        "passed": report["passed"],
        "total_short_by": total_short,
        "categories": categories,
        "total": {
            "needed": total_min,
            "short_by_after_categories": after_categories,
            "reachable": extra_gain >= after_categories,
            "items": extra,
        },
        "open_points": sum(c["gain"] for c in candidates),
    }
