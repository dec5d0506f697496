"""The presentation page (docs/<lang>/indicators/present.md): one slide per indicator for training
sessions, with title, points, the rule as issued, its reading in plain words, the first worked example
(scored by calc at build time) and the live calculator. templates/presentation/slides.html holds the
markup; assets/javascripts/presentation/ moves between slides, filters and prints the handout.

Filters: by first-level category, and by unit, with the indicators a unit is responsible for as the
scoring core's ruleset lists them (calc.ruleset.indicators_for_unit, groups included).
"""
from __future__ import annotations

from typing import Any

from calc.ruleset import default_ruleset
from site_macros.calculator import assets_href, calculator_context
from site_macros.indicators import category_path, examples, nature_text
from site_macros.text import page_language, strip_final_stop, text_in
from tools.datasource import load_data


def slide(data: dict[str, Any], ind: dict[str, Any], lang: str) -> dict[str, Any]:
    first, second = category_path(data, ind["category"])
    return {"number": ind["number"], "points": ind["points"], "category": first["id"],
            "category_name": text_in(first["name"], lang), "subcategory_name": text_in(second["name"], lang),
            "nature": nature_text(ind, lang),
            "title": strip_final_stop(text_in(ind["title"], lang)),
            "rule": [p for p in text_in(ind["explanation"], lang).split("\n") if p.strip()],
            "interpretation": [p for p in text_in(ind["interpretation"], lang).split("\n") if p.strip()],
            "example": examples(ind, lang)[0],
            "calculator": calculator_context(ind["number"], lang)}


def presentation_context(data: dict[str, Any], lang: str) -> dict[str, Any]:
    rules = default_ruleset()
    units = []
    for unit in data["units"]:
        numbers = sorted(rules.indicators_for_unit(unit["id"]))
        if numbers:
            units.append({"id": unit["id"], "name": text_in(unit["name"], lang), "numbers": numbers})
    return {"slides": [slide(data, ind, lang) for ind in data["indicators"]],
            "categories": [{"id": cat["id"], "name": text_in(cat["name"], lang)} for cat in data["categories"]["categories"]],
            "units": units, "assets": assets_href(lang)}


def register(env: Any, lang: Any) -> None:
    from site_macros.templating import render

    @env.macro
    def presentation() -> str:
        page_lang = page_language(env.page)
        return render("presentation/slides.html", page_lang, **presentation_context(load_data(), page_lang))


__all__ = ["presentation_context", "register"]
