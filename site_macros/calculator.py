"""The live calculator under the worked examples of an indicator page (and on every slide of the
presentation page): what the page hands to assets/javascripts/calculator/ as JSON in a data attribute.

The browser draws the inputs from this and scores them through calc in the self-scoring page's worker;
nothing here or there scores. The values are the indicator's first worked example; the one-click
boundary values are the rule kinds' own (`RuleKind.boundaries` in calc/).
"""

from __future__ import annotations

import json
from typing import Any

from calc.api import browser_contract
from calc.rules import facts_used, rule_kind
from calc.ruleset import default_ruleset
from calc.template import empty_file
from site_macros.text import t, text_in
from tools.worked_examples import example_assessment, load_examples

# Every page that shows a calculator sits two levels below its language root (indicators/17/,
# indicators/present/), so the self-scoring page is two levels up.
SELF_SCORING_HREF = "../../self-scoring/"


def assets_href(lang: str) -> str:
    """The shared assets/ folder from such a page: the default language is at the site root, the
    others under /<lang>/, one level deeper."""
    return "../../" if lang == "zh" else "../../../"


def calculator_config(number: int, lang: str) -> dict[str, Any]:
    rules = default_ruleset()
    ind = rules.indicators[number]
    example = load_examples()["indicators"][number][0]
    assessment = example_assessment(example, lang)
    facts, flags = [], []
    for key, _ in facts_used(ind):
        fact = rules.facts[key]
        if fact["kind"] == "flag":
            flags.append(
                {"key": key, "label": text_in(fact["label"], lang), "value": assessment["facts"].get(key) is True}
            )
            continue
        entry = {
            "key": key,
            "kind": fact["kind"],
            "per_year": bool(fact.get("per_year")),
            "label": text_in(fact["label"], lang),
            "value": assessment["facts"].get(key),
        }
        for part in ("numerator", "denominator"):
            if part in fact:
                entry[part] = text_in(fact[part], lang)
        facts.append(entry)
    boundaries = []
    for item in ind["items"]:
        for edge in rule_kind(item).boundaries(item, rules.facts):
            boundaries.append({**edge, "label": edge["label"][lang]})
    return {
        "number": number,
        "lang": lang,
        "points": ind["points"],
        "years": assessment["years"],
        "region": assessment["region"],
        "example": text_in(example["title"], lang),
        "items": [{"id": item["id"], "points": item["points"]} for item in ind["items"]],
        "facts": facts,
        "flags": flags,
        "boundaries": boundaries,
        "selfscore": SELF_SCORING_HREF,
        # The file the calculator scores is calc's empty file with this indicator's facts (app.js).
        "blank": {key: value for key, value in empty_file().items() if key not in ("years", "region")},
        "contract": browser_contract(),
    }


def calculator_context(number: int, lang: str) -> dict[str, Any]:
    """What templates/indicators/calculator.html needs."""
    config = calculator_config(number, lang)
    return {
        "number": number,
        "config": json.dumps(config, ensure_ascii=False, separators=(",", ":")),
        "example": config["example"],
        "summary": t("calculator.summary", lang),
        "assets": assets_href(lang),
    }
