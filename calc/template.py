"""Blank assessments: for the whole county, or for one unit (only the indicators it is responsible for)."""

from __future__ import annotations

from typing import Any

from calc.contract import DEFAULT_REGION, EXAMPLE_FIRST_YEAR, FORMAT_NAME, FORMAT_VERSION
from calc.ruleset import Ruleset, default_ruleset


def template(
    unit: str | None = None,
    years: tuple[int, int] = (EXAMPLE_FIRST_YEAR, EXAMPLE_FIRST_YEAR + 1),
    ruleset: Ruleset | None = None,
) -> dict[str, Any]:
    """Every fact of the chosen indicators set to null ("not entered"). Raises KeyError for an unknown unit."""
    ruleset = ruleset or default_ruleset()
    if unit is not None and unit not in ruleset.units:
        raise KeyError(unit)
    numbers = ruleset.indicators_for_unit(unit) if unit else list(ruleset.indicators)
    facts: dict[str, Any] = {}
    for key, number in ruleset.fact_indicator.items():
        if number in numbers:
            facts[key] = None
    return {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "scope": {"kind": "unit", "unit": unit} if unit else {"kind": "county"},
        "years": [years[0], years[1]],
        "region": DEFAULT_REGION,
        "facts": facts,
        "evidence": {str(n): "" for n in numbers},
        "meta": {},
    }


def empty_file(
    years: tuple[int, int] = (EXAMPLE_FIRST_YEAR, EXAMPLE_FIRST_YEAR + 1), region: str = DEFAULT_REGION
) -> dict[str, Any]:
    """The county's file with nothing in it (no facts, no notes): what a worked example or a calculator
    fills in, and what the self-scoring page starts from (form.json's blank)."""
    return {**template(None, years), "region": region, "facts": {}, "evidence": {}}


def default_years(today_year: int) -> tuple[int, int]:
    """近2年: the two most recent full years before the year of assessment."""
    return (today_year - 2, today_year - 1)
