"""Score an assessment: sub-items → indicators → second- and first-level categories → total → pass."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from calc.assessment import CleanAssessment
from calc.contract import INDICATOR_OPEN, INVALID, MET, MET_NOT_COUNTED, MISSING_DATA, PARTIAL
from calc.disputes import verdict_note, weigh
from calc.facts import FactBook
from calc.gap import gap_to_pass, open_items
from calc.numbers import fmt
from calc.rulekind import ItemResult, line
from calc.rules import rule_kind
from calc.ruleset import Ruleset, default_ruleset
from calc.tracker import tracker
from calc.unit_report import scope_of, scope_section
from calc.validation import Problem, check

REPORT_FORMAT = "pinglu-online-market-report"


def score(assessment: Any, ruleset: Ruleset | None = None) -> dict[str, Any]:
    """The full report. Facts that fail validation are left out (and listed under `problems`), so the rest
    of what the user entered still scores; `valid` says whether anything was left out."""
    ruleset = ruleset or default_ruleset()
    clean, problems = check(assessment, ruleset)
    report = _scored(clean, problems, ruleset)
    report["disputes"] = weigh(clean, report, ruleset, lambda other: _totals(_scored(other, problems, ruleset)))
    note = verdict_note(report["disputes"])
    if note:
        report["reason"] = {lang: f"{report['reason'][lang]}{' ' if lang == 'en' else ''}{note[lang]}" for lang in note}
    candidates = open_items(report, ruleset)  # each one is a dict of its own; gap and scope only read them
    report["gap"] = gap_to_pass(report, ruleset, candidates)
    unit = scope_of(clean.raw, ruleset)
    report["scope"] = scope_section(report, unit, clean.facts, ruleset, candidates)
    if unit is None:
        report["tracker"] = tracker(clean.raw, report, ruleset)
    return report


def _totals(report: dict[str, Any]) -> tuple[int, bool, dict[int, int]]:
    return report["total"], report["passed"], {ind["number"]: ind["score"] for ind in report["indicators"]}


def _scored(clean: CleanAssessment, problems: list[Problem], ruleset: Ruleset) -> dict[str, Any]:
    """Indicators, categories, total and verdict of the facts that passed validation."""
    book = FactBook(ruleset, clean)
    indicators = [
        _score_indicator(ind, book, clean.years, clean.region, clean.evidence) for ind in ruleset.indicators.values()
    ]
    _mark_invalid(indicators, problems)
    by_number = {ind["number"]: ind for ind in indicators}

    first_level = []
    for first in ruleset.first_level:
        children = []
        for child in first["children"]:
            members = [by_number[ind["number"]] for ind in ruleset.indicators_in(child["id"])]
            child_score = sum(ind["score"] for ind in members)
            children.append(
                {
                    "id": child["id"],
                    "name": child["name"],
                    "score": child_score,
                    "max": child["points"],
                    "rate": _rate(child_score, child["points"]),
                    "indicators": [m["number"] for m in members],
                }
            )
        first_score = sum(c["score"] for c in children)
        rate_ok = Fraction(first_score, first["points"]) * 100 >= ruleset.pass_rule["category_rate_min"]
        first_level.append(
            {
                "id": first["id"],
                "name": first["name"],
                "score": first_score,
                "max": first["points"],
                "rate": _rate(first_score, first["points"]),
                "passed": rate_ok,
                "needed": _needed(first["points"], ruleset.pass_rule["category_rate_min"]),
                "children": children,
            }
        )

    total = sum(c["score"] for c in first_level)
    total_ok = total >= ruleset.pass_rule["total_min"]
    passed = total_ok and all(c["passed"] for c in first_level)
    return {
        "format": REPORT_FORMAT,
        "ruleset": ruleset.digest[:16],
        "valid": not problems,
        "problems": [p.as_dict() for p in problems],
        "years": list(clean.years) if clean.years else None,
        "region": clean.region,
        "total": total,
        "max": ruleset.raw["total_points"],
        "rate": _rate(total, ruleset.raw["total_points"]),
        "passed": passed,
        "reason": _reason(total, total_ok, first_level, ruleset),
        "categories": first_level,
        "indicators": indicators,
    }


def _mark_invalid(indicators: list[dict], problems: list[Problem]) -> None:
    """A sub-item waiting for a value that was entered but refused is "invalid", not "missing": it says
    why, with the field's own message, so the page never shows a typed value as not entered."""
    by_key: dict[str, list[Problem]] = {}
    for problem in problems:
        if problem.key:
            by_key.setdefault(problem.key, []).append(problem)
    for ind in indicators:
        for item in ind["items"]:
            refused = [p for key in item["missing"] for p in by_key.get(key, [])]
            if item["status"] == MISSING_DATA and refused:
                item["status"] = INVALID
                item["lines"] = [
                    line("数值有误，未计入：" + p.zh, "invalid value, left out: " + p.en) for p in refused
                ] + [
                    line(
                        f"{item['id']} 本项暂得 {item['score']}/{item['max']} 分",
                        f"{item['id']} scores {item['score']}/{item['max']} for now",
                    )
                ]
                item["explanation"] = {lang: "\n".join(line[lang] for line in item["lines"]) for lang in ("zh", "en")}


def _rate(score: int, maximum: int) -> float:
    return float(fmt(Fraction(score * 100, maximum)))


def _needed(maximum: int, rate_min: int) -> int:
    """Smallest whole score whose rate reaches rate_min (scores are whole numbers)."""
    return -(-maximum * rate_min // 100)


def _score_indicator(ind: dict, book: FactBook, years, region: str, evidence: dict[str, str]) -> dict[str, Any]:
    results: list[ItemResult] = [rule_kind(item).score(item, book, years, region) for item in ind["items"]]
    if ind["combine"] == "best_one":
        # 28–31: any one item earns the points; further items add nothing, and the report says so.
        counted = next((r for r in results if r.status == MET), None)
        for result in results:
            if counted is not None and result is not counted and result.status == MET:
                result.score = 0
                result.status = MET_NOT_COUNTED
                result.lines.append(
                    line(
                        "已有其他项符合，本项不再加分（符合一项即可得分）",
                        "another item already earned the points; this one adds nothing",
                    )
                )
        score = counted.score if counted else 0
    else:
        score = min(sum(r.score for r in results), ind["points"])
    return {
        "number": ind["number"],
        "id": str(ind["number"]),
        "title": ind["title"],
        "category": ind["category"],
        "combine": ind["combine"],
        "score": score,
        "max": ind["points"],
        "status": MET if score == ind["points"] else PARTIAL if score else INDICATOR_OPEN,
        "items": [r.as_dict() for r in results],
        "responsible": ind["responsible"],
        "evidence": evidence.get(str(ind["number"]), ""),
    }


def _reason(total: int, total_ok: bool, first_level: list[dict], ruleset: Ruleset) -> dict[str, str]:
    rule = ruleset.pass_rule
    short = [c for c in first_level if not c["passed"]]
    zh = [f"总分 {total} {'≥' if total_ok else '<'} {rule['total_min']}"]
    en = [f"total {total} {'≥' if total_ok else '<'} {rule['total_min']}"]
    if short:
        zh.append(
            "得分率低于{}%的一级指标：".format(rule["category_rate_min"])
            + "、".join(f"{c['name']['zh']} {fmt(Fraction(c['score'] * 100, c['max']))}%" for c in short)
        )
        en.append(
            "first-level categories below {}%: ".format(rule["category_rate_min"])
            + ", ".join(f"{c['name']['en']} {fmt(Fraction(c['score'] * 100, c['max']))}%" for c in short)
        )
    else:
        zh.append(f"各一级指标得分率均 ≥ {rule['category_rate_min']}%")
        en.append(f"every first-level category ≥ {rule['category_rate_min']}%")
    passed = total_ok and not short
    return {
        "zh": "；".join(zh) + ("：合格。" if passed else "：不合格。"),
        "en": "; ".join(en) + (": pass." if passed else ": not passed."),
    }
