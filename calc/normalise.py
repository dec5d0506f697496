"""An assessment's numbers as calc reads them, for the files people pass on: "9５" (a full-width digit),
" 3,120 " and "95%" are exported as "95", "3120" and "95", so the unit that opens the file in Excel or
another tool reads what calc scored. A value calc cannot read is left exactly as typed (the file lists it
under meta.invalid_values), and text that is not a number (an operator's name) is never touched."""

from __future__ import annotations

import copy
from typing import Any

from calc.numbers import NotANumber, clean_number_text, to_fraction
from calc.ruleset import Ruleset, default_ruleset

# The numeric fields of each kind of fact (calc.validation reads the same ones).
_FIELDS = {"ratio": ("percent", "numerator", "denominator"), "growth": ("percent", "current", "previous")}


def _number(value: Any) -> Any:
    if not isinstance(value, str):
        return value
    try:
        to_fraction(value)
    except NotANumber:
        return value
    return clean_number_text(value)


def _value(kind: str, value: Any) -> Any:
    if kind in ("count", "number"):
        return _number(value)
    if kind in _FIELDS and isinstance(value, dict):
        return {k: _number(v) if k in _FIELDS[kind] else v for k, v in value.items()}
    if kind == "firms" and isinstance(value, list):
        return [
            {k: _number(v) if k in ("sales_wan_yuan", "year") else v for k, v in firm.items()}
            if isinstance(firm, dict)
            else firm
            for firm in value
        ]
    return value


def normalised(assessment: Any, ruleset: Ruleset | None = None) -> Any:
    """A copy of the assessment with its facts' numbers cleaned; anything that is not an assessment's
    shape is returned as it is (calc.validation says what is wrong with it)."""
    ruleset = ruleset or default_ruleset()
    if not isinstance(assessment, dict) or not isinstance(assessment.get("facts"), dict):
        return assessment
    out = copy.deepcopy(assessment)
    for key, value in out["facts"].items():
        definition = ruleset.facts.get(key)
        if definition is None:
            continue
        kind = definition["kind"]
        if definition.get("per_year") and isinstance(value, dict):
            out["facts"][key] = {year: _value(kind, v) for year, v in value.items()}
        else:
            out["facts"][key] = _value(kind, value)
    return out
