"""The worked examples of the indicator pages (data/worked_examples.yaml): loaded, checked, scored by
calc while the site is built, and their entered values put in words. The build fails if an example is
invalid or no longer scores what it is meant to demonstrate."""
from __future__ import annotations

from functools import lru_cache
from typing import Any

import yaml

import calc
from calc.assessment import FORMAT_NAME, FORMAT_VERSION
from calc.rules import facts_used
from calc.ruleset import default_ruleset
from site_macros.links import by_id
from site_macros.text import number_text, t, text_in
from tools.datasource import ROOT, load_data

EXAMPLES_PATH = ROOT / "data" / "worked_examples.yaml"


def load_examples() -> dict[str, Any]:
    return _load_examples(str(EXAMPLES_PATH), EXAMPLES_PATH.stat().st_mtime_ns)


@lru_cache(maxsize=1)
def _load_examples(path: str, stamp: int) -> dict[str, Any]:
    with open(path, encoding="utf-8") as handle:
        raw = yaml.safe_load(handle)
    rules = default_ruleset()
    problems = []
    seen: set[str] = set()
    for number in rules.indicators:
        examples = raw["indicators"].get(number)
        if not examples:
            problems.append(f"indicator {number} has no worked example")
            continue
        usable = {key for key, _ in facts_used(by_id(load_data()["indicators"], number, "number"))}
        for ex in examples:
            if ex["id"] in seen:
                problems.append(f"example id {ex['id']} is used twice")
            seen.add(ex["id"])
            for lang in ("zh", "en"):
                if not str(ex.get("title", {}).get(lang, "")).strip():
                    problems.append(f"example {ex['id']} has no {lang} title")
            stray = set(ex["facts"]) - usable
            if stray:
                problems.append(f"example {ex['id']}: facts {sorted(stray)} are not read by indicator {number}")
            if not isinstance(ex.get("expect"), int):
                problems.append(f"example {ex['id']}: `expect` (the score it demonstrates) is missing")
    extra = set(raw["indicators"]) - set(rules.indicators)
    if extra:
        problems.append(f"examples for unknown indicators {sorted(extra)}")
    if problems:
        raise ValueError("data/worked_examples.yaml:\n- " + "\n- ".join(problems))
    return raw


def example_assessment(example: dict[str, Any], lang: str, defaults: dict[str, Any] | None = None) -> dict[str, Any]:
    """The assessment file an example stands for, in the page's language (firm names may be {zh, en})."""
    defaults = defaults or load_examples()
    facts = {}
    for key, value in example["facts"].items():
        if isinstance(value, list):
            value = [{**firm, "name": firm["name"][lang] if isinstance(firm["name"], dict) else firm["name"]}
                     for firm in value]
        facts[key] = value
    return {"format": FORMAT_NAME, "version": FORMAT_VERSION, "scope": {"kind": "county"},
            "years": list(example.get("years", defaults["years"])),
            "region": example.get("region", defaults["region"]), "facts": facts, "evidence": {}, "meta": {}}


def score_example(number: int, example: dict[str, Any], lang: str) -> dict[str, Any]:
    """calc.score on the example; the indicator's part of the report. Fails on an invalid example or on
    a score other than the one the example is meant to demonstrate."""
    assessment = example_assessment(example, lang)
    problems = calc.validate(assessment)
    if problems:
        raise ValueError(f"worked example {example['id']} is not a valid assessment: "
                         + "; ".join(p["message"]["en"] for p in problems))
    report = calc.score(assessment)
    result = next(ind for ind in report["indicators"] if ind["number"] == number)
    if result["score"] != example["expect"]:
        raise ValueError(f"worked example {example['id']} scores {result['score']}, but it is meant to "
                         f"demonstrate {example['expect']}: fix data/worked_examples.yaml or the rule")
    return result


def entered_lines(fact: dict[str, Any], value: Any, lang: str) -> list[str]:
    """An entered fact value as the example shows it, one line per year or per firm."""
    if value is None:
        return [t("indicators.not_entered_default" if fact.get("default") else "indicators.not_entered", lang)]
    if fact.get("per_year") and isinstance(value, dict) and not {"percent", "numerator", "current"} & set(value):
        return [t("indicators.year_value", lang, y=year, v=entered_value(fact, v, lang))
                for year, v in sorted(value.items())]
    if fact["kind"] == "firms" and value:
        return [t("indicators.firm", lang, name=f["name"], year=f["year"], sales=number_text(f["sales_wan_yuan"]))
                for f in value]
    return [entered_value(fact, value, lang)]


def entered_value(fact: dict[str, Any], value: Any, lang: str) -> str:
    kind = fact["kind"]
    if value is None:
        return t("indicators.not_entered", lang)
    if kind == "flag":
        return t("indicators.yes" if value else "indicators.no", lang)
    if kind in ("ratio", "growth"):
        if "percent" in value:
            return f"{number_text(value['percent'])}%"
        if kind == "ratio" and "numerator" not in fact:
            return f"{number_text(value['numerator'])} / {number_text(value['denominator'])}"
        if kind == "ratio":
            return t("indicators.counts", lang, a=number_text(value["numerator"]), b=number_text(value["denominator"]),
                     num=text_in(fact["numerator"], lang), den=text_in(fact["denominator"], lang))
        return t("indicators.amounts", lang, a=number_text(value["current"]), b=number_text(value["previous"]))
    if kind == "firms":
        return t("indicators.no_firms", lang)
    return number_text(value)
