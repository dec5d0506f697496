"""Access to the compiled rules (calc/ruleset.json), read on first use, never at import."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any


@dataclass(frozen=True)
class Ruleset:
    raw: dict[str, Any]
    digest: str
    indicators: dict[int, dict[str, Any]] = field(default_factory=dict)
    facts: dict[str, dict[str, Any]] = field(default_factory=dict)
    fact_indicator: dict[str, int] = field(default_factory=dict)
    items: dict[str, dict[str, Any]] = field(default_factory=dict)
    item_indicator: dict[str, int] = field(default_factory=dict)
    units: dict[str, dict[str, Any]] = field(default_factory=dict)
    benchmarks: dict[str, dict[str, Any]] = field(default_factory=dict)
    second_level: dict[str, dict[str, Any]] = field(default_factory=dict)
    parent_category: dict[str, str] = field(default_factory=dict)
    flags: dict[int, list[str]] = field(default_factory=dict)  # indicator → its yes/no facts, item order
    # Answers of units_responsible_for, kept because the page rescores on every keystroke and asks for the
    # same indicators each time (the ruleset never changes once built).
    _responsible: dict[int, tuple[str, ...]] = field(default_factory=dict, repr=False, compare=False)

    @property
    def pass_rule(self) -> dict[str, Any]:
        return self.raw["pass_rule"]

    @property
    def first_level(self) -> list[dict[str, Any]]:
        return self.raw["categories"]

    def indicators_in(self, second_level_id: str) -> list[dict[str, Any]]:
        return [ind for ind in self.indicators.values() if ind["category"] == second_level_id]

    def units_responsible_for(self, number: int) -> list[str]:
        """Unit ids responsible for an indicator, groups expanded to their members (document order)."""
        known = self._responsible.get(number)
        if known is None:
            out: list[str] = []
            for unit_id in self.indicators[number]["responsible"]:
                for member in self.units[unit_id].get("members") or [unit_id]:
                    if member not in out:
                        out.append(member)
            known = self._responsible[number] = tuple(out)
        return list(known)

    def indicators_for_unit(self, unit_id: str) -> list[int]:
        return [
            n
            for n in self.indicators
            if unit_id in self.units_responsible_for(n) or unit_id in self.indicators[n]["responsible"]
        ]


def build(raw: dict[str, Any]) -> Ruleset:
    text = json.dumps(raw, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    ruleset = Ruleset(raw=raw, digest=hashlib.sha256(text.encode("utf-8")).hexdigest())
    for ind in raw["indicators"]:
        ruleset.indicators[ind["number"]] = ind
        for fact in ind["facts"]:
            ruleset.facts[fact["key"]] = fact
            ruleset.fact_indicator[fact["key"]] = ind["number"]
        for item in ind["items"]:
            ruleset.items[item["id"]] = item
            ruleset.item_indicator[item["id"]] = ind["number"]
            # Qualitative criteria are facts too: yes/no facts the rule kind implies (compiled by
            # tools/compile_data.py from calc.rules.flag_keys, so this module imports no rule kind).
            for flag_key in item["flags"]:
                ruleset.flags.setdefault(ind["number"], []).append(flag_key)
                ruleset.facts[flag_key] = {"key": flag_key, "kind": "flag", "better": "more", "label": item["source"]}
                ruleset.fact_indicator[flag_key] = ind["number"]
    for unit in raw["units"]:
        ruleset.units[unit["id"]] = unit
    for series in raw["benchmarks"]:
        ruleset.benchmarks[series["id"]] = series
    for first in raw["categories"]:
        for child in first["children"]:
            ruleset.second_level[child["id"]] = child
            ruleset.parent_category[child["id"]] = first["id"]
    return ruleset


@lru_cache(maxsize=1)
def default_ruleset() -> Ruleset:
    text = resources.files("calc").joinpath("ruleset.json").read_text(encoding="utf-8")
    return build(json.loads(text))
