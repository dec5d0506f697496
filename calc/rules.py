"""The rule kinds, by the name data/ gives them (`rule.kind` in data/indicators/NN.yaml).

Each kind is one module, calc/rule_<kind>.py: its parameters, the facts it reads, the check of its
parameters, its scoring and its plain-language description (see calc/rulekind.py for what a kind declares).
The sentence each rule encodes sits beside it in the data; what the words mean (strict or inclusive,
shared band boundaries, zero denominators) is decided in the kind's module once, and documented on each
indicator's `interpretation`.
"""

from __future__ import annotations

from typing import Any, Mapping

from calc import rule_bands, rule_count_capped, rule_criterion, rule_firm_count, rule_threshold, rule_yearly_exceeds
from calc.rulekind import Description, RuleKind

RULE_KINDS: dict[str, RuleKind] = {
    module.KIND.name: module.KIND
    for module in (rule_criterion, rule_threshold, rule_yearly_exceeds, rule_bands, rule_count_capped, rule_firm_count)
}


def rule_kind(item: dict[str, Any]) -> RuleKind:
    """The kind of a sub-item's rule."""
    return RULE_KINDS[item["rule"]["kind"]]


def check_item(item: dict[str, Any], declared: Mapping[str, Any]) -> list[str]:
    """Problems with a sub-item's rule (unknown kind, missing or wrong parameters, undeclared facts)."""
    kind = RULE_KINDS.get(item["rule"].get("kind"))
    if kind is None:
        return [f"unknown rule kind {item['rule'].get('kind')}"]
    return kind.check(item, declared)


def flag_keys(item: dict[str, Any]) -> list[str]:
    """The yes/no facts a sub-item implies (keyed by its id)."""
    return rule_kind(item).flags(item)


def facts_used(indicator: dict[str, Any]) -> list[tuple[str, list[str]]]:
    """The facts an indicator's rules read, in order of first use, each with the sub-items using it;
    then any declared fact no rule reads."""
    order: dict[str, list[str]] = {}
    for item in indicator["items"]:
        for key in rule_kind(item).reads(item["rule"]):
            users = order.setdefault(key, [])
            if item["id"] not in users:
                users.append(item["id"])
    for fact in indicator["facts"]:
        order.setdefault(fact["key"], [])
    return list(order.items())


def describe(item: dict[str, Any], facts: Mapping[str, dict[str, Any]]) -> Description:
    """The sub-item's rule in plain words, zh and en (blocks of plain text: calc/rulekind.py)."""
    return rule_kind(item).describe(item, facts)
