"""Open merge disputes, weighed: what each file's value of a disputed figure would score, and whether the
figures still undecided decide between pass and fail.

A dispute (calc.merge writes them into the merged file's `disputes`) leaves its figure out of the facts, so
the report scores it as not entered. That is the honest score of the file as it stands, but it hides the
cheapest fix of all: deciding which unit's figure is right. Here each value is scored as if chosen, the
others left as they are, and the best and worst choices of all open disputes together bound the verdict.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from calc.assessment import CleanAssessment, Dispute
from calc.fact_text import fact_label, fact_value
from calc.ruleset import Ruleset
from calc.tracker import merged_files

# What scoring with other facts gives: (total, passed, indicator number → score).
Rescore = Callable[[CleanAssessment], tuple[int, bool, dict[int, int]]]


def _with_value(clean: CleanAssessment, dispute: Dispute, parsed: Any) -> CleanAssessment:
    facts = dict(clean.facts)
    if dispute.year is None:
        facts[dispute.key] = parsed
    else:
        facts[dispute.key] = {**facts.get(dispute.key, {}), dispute.year: parsed}
    return replace(clean, facts=facts)


def weigh(clean: CleanAssessment, report: dict[str, Any], ruleset: Ruleset, rescore: Rescore) -> dict[str, Any]:
    """{open: [each open dispute with its values scored], best, worst: {total, passed}, decides}.
    `decides`: choosing among the open disputes' values can turn the verdict either way."""
    scores = {ind["number"]: ind["score"] for ind in report["indicators"]}
    unit_of = {f["source"]: f["unit"] for f in merged_files(clean.raw)}
    entries, best_clean, worst_clean = [], clean, clean
    for dispute in clean.disputes:
        if not dispute.is_open(clean.facts) or not dispute.values:
            continue
        indicator = ruleset.fact_indicator[dispute.key]
        choices = []
        for source, raw, parsed in dispute.values:
            total, passed, by_number = rescore(_with_value(clean, dispute, parsed))
            unit = unit_of.get(source) if unit_of.get(source) in ruleset.units else None
            choices.append(
                {
                    "source": source,
                    "value": raw,
                    "shown": fact_value(parsed),
                    "unit": unit,
                    "who": _who(source, unit, ruleset),
                    "indicator_score": by_number[indicator],
                    "gain": by_number[indicator] - scores[indicator],
                    "total": total,
                    "passed": passed,
                    "parsed": parsed,
                }
            )
        best = max(choices, key=lambda c: (c["passed"], c["total"]))
        worst = min(choices, key=lambda c: (c["passed"], c["total"]))
        best_clean = _with_value(best_clean, dispute, best["parsed"])
        worst_clean = _with_value(worst_clean, dispute, worst["parsed"])
        label = fact_label(dispute.key, ruleset.facts[dispute.key])
        year_zh, year_en = (f"（{dispute.year}年）", f" ({dispute.year})") if dispute.year else ("", "")
        entries.append(
            {
                "key": dispute.key,
                "year": dispute.year,
                "indicator": indicator,
                "title": ruleset.indicators[indicator]["title"],
                "label": label,
                "max": ruleset.indicators[indicator]["points"],
                "message": {
                    "zh": f"指标{indicator}的“{label['zh']}”{year_zh}各单位填写不一致",
                    "en": f"Indicator {indicator} \u201c{label['en']}\u201d{year_en} differs between units",
                },
                "best_gain": best["gain"],
                "decides": best["passed"] != worst["passed"],
                "values": [
                    {
                        **{k: v for k, v in c.items() if k != "parsed"},
                        "line": _choice_line(c, indicator, ruleset.indicators[indicator]["points"]),
                    }
                    for c in choices
                ],
            }
        )
    if not entries:
        return {"open": [], "best": None, "worst": None, "decides": False}
    best_total, best_passed, _ = rescore(best_clean)
    worst_total, worst_passed, _ = rescore(worst_clean)
    return {
        "open": entries,
        "best": {"total": best_total, "passed": best_passed},
        "worst": {"total": worst_total, "passed": worst_passed},
        "decides": best_passed != worst_passed,
    }


def _who(source: str, unit: str | None, ruleset: Ruleset) -> dict[str, str]:
    """ "县统计局（statistics.json）": the unit the file is scoped to, and the file."""
    if unit is None:
        return {"zh": source, "en": source}
    name = ruleset.units[unit]["name"]
    return {"zh": f"{name['zh']}（{source}）", "en": f"{name['en']} ({source})"}


def verdict_note(weighed: dict[str, Any]) -> dict[str, str] | None:
    """The sentence the verdict carries while disputes are open (None when there are none)."""
    entries = weighed["open"]
    if not entries:
        return None
    n, best, worst = len(entries), weighed["best"], weighed["worst"]
    same = best["total"] == worst["total"]
    span_zh = f"均为 {best['total']} 分" if same else f"在 {worst['total']}–{best['total']} 分之间"
    span_en = f"{best['total']} either way" if same else f"between {worst['total']} and {best['total']}"
    if weighed["decides"]:
        if n == 1:
            entry = entries[0]
            passing = [v["who"] for v in entry["values"] if v["passed"]]
            return {
                "zh": f"尚有 1 项填报分歧未定（{entry['message']['zh']}），它决定是否合格：采用{'、'.join(w['zh'] for w in passing)}的数值则合格。",
                "en": f"1 disputed figure is still open ({entry['message']['en']}) and it decides the verdict: "
                f"with the value of {', '.join(w['en'] for w in passing)} the assessment passes.",
            }
        return {
            "zh": f"尚有 {n} 项填报分歧未定，它们决定是否合格：按所选数值，总分{span_zh}。",
            "en": f"{n} disputed figures are still open and they decide the verdict: depending on the values chosen, "
            f"the total is {span_en}.",
        }
    verdict_zh = "都合格" if best["passed"] else "都不合格"
    verdict_en = "passes" if best["passed"] else "does not pass"
    figures_en = "figure is" if n == 1 else "figures are"
    return {
        "zh": f"尚有 {n} 项填报分歧未定；无论采用哪家单位的数值，总分{span_zh}，{verdict_zh}。",
        "en": f"{n} disputed {figures_en} still open; whichever unit's value is chosen, the total is {span_en} "
        f"and the assessment {verdict_en}.",
    }


def _choice_line(value: dict[str, Any], indicator: int, maximum: int) -> dict[str, str]:
    """What choosing one file's value would give ("县统计局（stats.json）：31.4% → 指标6 得 2/2 分，总分 97，合格"):
    the page and the command line print this line."""
    return {
        "zh": f"{value['who']['zh']}：{value['shown']['zh']} → 指标{indicator} 得 {value['indicator_score']}/{maximum} 分，"
        f"总分 {value['total']}，{'合格' if value['passed'] else '不合格'}",
        "en": f"{value['who']['en']}: {value['shown']['en']} → indicator {indicator} scores "
        f"{value['indicator_score']} of {maximum}, total {value['total']}, {'pass' if value['passed'] else 'not passed'}",
    }


def choice_lines(entry: dict[str, Any], lang: str) -> list[str]:
    """One line per file's value, for the command line."""
    return [value["line"][lang] for value in entry["values"]]
