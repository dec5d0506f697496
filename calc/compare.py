"""Progress between two assessments: both are scored, then total, categories, indicators, sub-items and the
entered facts are set side by side (old → new, with the change).

The comparison is built from the two reports `calc.scoring.score` makes, so it can never disagree with
them. A file that is not an assessment at all (not an object, another format or version) is refused: a
comparison against nothing would read as a huge gain or loss. Invalid entries in an otherwise readable file
are left out of its score, as `score` does, and listed under that file's `problems`.
"""

from __future__ import annotations

from typing import Any

from calc.assessment import CleanAssessment
from calc.fact_text import fact_label, fact_value
from calc.ruleset import Ruleset, default_ruleset
from calc.scoring import score
from calc.validation import UNOPENABLE, check

COMPARISON_FORMAT = "pinglu-online-market-comparison"
SIDES = ("old", "new")


def compare(old: Any, new: Any, ruleset: Ruleset | None = None) -> dict[str, Any]:
    """old → new. Every score block has `old`, `new` and `delta` (new − old); `refused` is true when either
    file is not an assessment, and then only `files` (with the problems) is filled in."""
    ruleset = ruleset or default_ruleset()
    checked = {side: check(data, ruleset) for side, data in zip(SIDES, (old, new))}
    reports = {side: score(data, ruleset) for side, data in zip(SIDES, (old, new))}
    files = {side: _file_summary(reports[side], checked[side][0]) for side in SIDES}
    if any(p["code"] in UNOPENABLE for side in SIDES for p in files[side]["problems"]):
        return refusal(files, ruleset)
    result = refusal(files, ruleset)
    result.update(refused=False, valid=all(files[side]["valid"] for side in SIDES))
    old_report, new_report = reports["old"], reports["new"]
    result["total"] = _change(old_report["total"], new_report["total"], max=old_report["max"])
    result["passed"] = {"old": old_report["passed"], "new": new_report["passed"]}
    result["category_rate_min"] = ruleset.pass_rule["category_rate_min"]  # the line the chart draws
    result["categories"] = [_category(a, b) for a, b in zip(old_report["categories"], new_report["categories"])]
    result["indicators"] = [_indicator(a, b) for a, b in zip(old_report["indicators"], new_report["indicators"])]
    result["facts"] = _fact_changes(checked["old"][0], checked["new"][0], ruleset)
    return result


def refusal(files: dict[str, dict[str, Any]], ruleset: Ruleset | None = None) -> dict[str, Any]:
    """The comparison's shape with nothing compared: what is answered when a file is refused."""
    return {
        "format": COMPARISON_FORMAT,
        "ruleset": (ruleset or default_ruleset()).digest[:16],
        "refused": True,
        "valid": False,
        "files": files,
        "total": None,
        "passed": None,
        "categories": [],
        "indicators": [],
        "facts": [],
    }


def unreadable_file(problems: list[dict[str, Any]]) -> dict[str, Any]:
    """The file summary of a file that could not be read at all (not text, not JSON)."""
    return {
        "valid": not problems,
        "problems": problems,
        "years": None,
        "region": None,
        "scope": None,
        "total": None,
        "passed": None,
    }


def _file_summary(report: dict[str, Any], clean: CleanAssessment) -> dict[str, Any]:
    scope = clean.raw.get("scope") if isinstance(clean.raw.get("scope"), dict) else {"kind": "county"}
    return {
        "valid": report["valid"],
        "problems": report["problems"],
        "years": report["years"],
        "region": report["region"],
        "scope": scope,
        "total": report["total"],
        "passed": report["passed"],
    }


def _change(old: int, new: int, **extra: Any) -> dict[str, Any]:
    return {**extra, "old": old, "new": new, "delta": new - old}


def _category(old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    children = [
        _change(a["score"], b["score"], id=a["id"], name=a["name"], max=a["max"])
        for a, b in zip(old["children"], new["children"])
    ]
    return _change(
        old["score"],
        new["score"],
        id=old["id"],
        name=old["name"],
        max=old["max"],
        rate={"old": old["rate"], "new": new["rate"]},
        passed={"old": old["passed"], "new": new["passed"]},
        children=children,
    )


def _indicator(old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    """All of an indicator's numbers; `changed_items` holds only the sub-items whose score or state changed."""
    items = [
        _change(
            a["score"],
            b["score"],
            id=a["id"],
            max=a["max"],
            status={"old": a["status"], "new": b["status"]},
            explanation={"old": a["explanation"], "new": b["explanation"]},
        )
        for a, b in zip(old["items"], new["items"])
        if a["score"] != b["score"] or a["status"] != b["status"]
    ]
    return _change(
        old["score"],
        new["score"],
        number=old["number"],
        id=old["id"],
        title=old["title"],
        category=old["category"],
        max=old["max"],
        status={"old": old["status"], "new": new["status"]},
        changed_items=items,
    )


def _fact_changes(old: CleanAssessment, new: CleanAssessment, ruleset: Ruleset) -> list[dict[str, Any]]:
    """Every entered value (per year where the fact is per year) that differs, in the indicators' order.
    Values are compared exactly (15 and 15.0 are the same; 15 % and 3120/18650 are not)."""
    changes = []
    for key, definition in ruleset.facts.items():
        before, after = old.facts.get(key), new.facts.get(key)
        if definition.get("per_year"):
            years = sorted(set(before or {}) | set(after or {}))
            pairs = [(year, (before or {}).get(year), (after or {}).get(year)) for year in years]
        else:
            pairs = [(None, before, after)]
        for year, a, b in pairs:
            if a != b:
                changes.append(
                    {
                        "key": key,
                        "year": year,
                        "indicator": ruleset.fact_indicator[key],
                        "label": fact_label(key, definition),
                        "old": fact_value(a),
                        "new": fact_value(b),
                    }
                )
    changes.sort(key=lambda change: change["indicator"])  # stable: keeps each indicator's own fact order
    return changes
