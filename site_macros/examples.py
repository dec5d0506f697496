"""The entered values of a worked example in words, as the indicator pages show them. The examples are
data/worked_examples/NN.yaml, read, checked and scored by tools/worked_examples.py (tests run them
without a site build; the build fails if one no longer scores what it is meant to demonstrate)."""

from __future__ import annotations

from typing import Any

from calc.numbers import wan_yuan_text
from site_macros.text import number_text, t, text_in


def entered_lines(fact: dict[str, Any], value: Any, lang: str) -> list[str]:
    """An entered fact value as the example shows it, one line per year or per firm."""
    if value is None:
        return [t("indicators.not_entered_default" if fact.get("default") else "indicators.not_entered", lang)]
    if fact.get("per_year") and isinstance(value, dict) and not {"percent", "numerator", "current"} & set(value):
        return [
            t("indicators.year_value", lang, y=year, v=entered_value(fact, v, lang))
            for year, v in sorted(value.items())
        ]
    if fact["kind"] == "firms" and value:
        return [
            t("indicators.firm", lang, name=f["name"], year=f["year"], sales=wan_yuan_text(f["sales_wan_yuan"], lang))
            for f in value
        ]
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
            return t(
                "indicators.counts",
                lang,
                a=number_text(value["numerator"]),
                b=number_text(value["denominator"]),
                num=text_in(fact["numerator"], lang),
                den=text_in(fact["denominator"], lang),
            )
        return t("indicators.amounts", lang, a=number_text(value["current"]), b=number_text(value["previous"]))
    if kind == "firms":
        return t("indicators.no_firms", lang)
    return number_text(value)
