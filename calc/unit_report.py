"""The scope section of a report: the result of the unit (or the county) the assessment was filled in for.

A unit answers only for the indicators it is responsible for, so its own result is its points out of the
points of those indicators (not out of 100), how many of them are answered, and which of its own items are
still open. The county's gap to pass is split into what this unit can still earn and what other units must
bring, so a unit is never sent to items it does not own.

Indicator states, one per indicator (the page shows the same state in its index, its form and its report):
- "invalid": a value of the indicator failed validation (it was left out of scoring);
- "done":    no sub-item is waiting for data;
- "open":    nothing of the indicator has been entered;
- "partial": some of it has been entered.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from calc.gap import open_items, order
from calc.numbers import fmt
from calc.ruleset import Ruleset


def scope_of(raw: Any, ruleset: Ruleset) -> str | None:
    """The unit id the assessment is scoped to, or None for the county (or an unusable scope)."""
    scope = raw.get("scope") if isinstance(raw, dict) else None
    if (
        isinstance(scope, dict)
        and scope.get("kind") == "unit"
        and isinstance(scope.get("unit"), str)
        and scope["unit"] in ruleset.units
    ):
        return scope["unit"]
    return None


def _entered_indicators(facts: dict[str, Any], ruleset: Ruleset) -> set[int]:
    return {ruleset.fact_indicator[key] for key in facts if key in ruleset.fact_indicator}


def indicator_state(indicator: dict[str, Any], entered: bool, invalid: bool) -> str:
    if invalid:
        return "invalid"
    if indicator["score"] >= indicator["max"] or all(item["status"] != "missing" for item in indicator["items"]):
        return "done"
    return "partial" if entered else "open"


def scope_section(
    report: dict[str, Any],
    unit: str | None,
    facts: dict[str, Any],
    ruleset: Ruleset,
    candidates: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """facts: the facts that passed validation (keys are enough: which indicators have anything entered).
    candidates: open_items(report, ruleset), when the caller has them already."""
    numbers = ruleset.indicators_for_unit(unit) if unit else list(ruleset.indicators)
    in_scope = set(numbers)
    invalid_by_indicator: dict[int, list[str]] = {}
    for problem in report["problems"]:
        if problem["indicator"] in in_scope:
            invalid_by_indicator.setdefault(problem["indicator"], []).append(problem["field"])
    by_number = {ind["number"]: ind for ind in report["indicators"]}
    entered = _entered_indicators(facts, ruleset)
    indicators = []
    for number in numbers:
        ind = by_number[number]
        state = indicator_state(ind, number in entered, number in invalid_by_indicator)
        indicators.append(
            {
                "number": number,
                "state": state,
                "score": ind["score"],
                "max": ind["max"],
                "invalid_fields": invalid_by_indicator.get(number, []),
            }
        )
    score = sum(i["score"] for i in indicators)
    maximum = sum(i["max"] for i in indicators)
    if candidates is None:
        candidates = open_items(report, ruleset)
    own_open = sorted((c for c in candidates if c["indicator"] in in_scope), key=order)
    return {
        "kind": "unit" if unit else "county",
        "unit": unit,
        "name": ruleset.units[unit]["name"] if unit else None,
        "indicators": indicators,
        "count": len(indicators),
        "answered": sum(1 for i in indicators if i["state"] == "done"),
        "invalid": sum(1 for i in indicators if i["state"] == "invalid"),
        "score": score,
        "max": maximum,
        "rate": float(fmt(Fraction(score * 100, maximum))) if maximum else 0.0,
        "open_points": sum(c["gain"] for c in own_open),
        "open_items": own_open,
        "gap": _split_gap(report["gap"], in_scope, unit, ruleset),
    }


def _split_gap(gap: dict[str, Any], in_scope: set[int], unit: str | None, ruleset: Ruleset) -> dict[str, Any]:
    """The county's plan to pass, split into this unit's items and the other units' items, by unit."""
    planned = [item for category in gap["categories"] for item in category["items"]] + gap["total"]["items"]
    own = sorted((item for item in planned if item["indicator"] in in_scope), key=order)  # as open_items
    others: dict[str, list[dict[str, Any]]] = {}
    for item in planned:
        if item["indicator"] in in_scope:
            continue
        for responsible in item["responsible_groups"]:
            if responsible != unit:
                others.setdefault(responsible, []).append(item)
    return {
        "own": own,
        "others": [
            {"unit": unit_id, "name": ruleset.units[unit_id]["name"], "items": items}
            for unit_id, items in others.items()
        ],
    }
