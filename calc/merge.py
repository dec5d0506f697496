"""Merge several units' partial assessments into one county assessment.

A fact given by one unit is taken as it is. The same fact given by two units with different values is a
conflict: it is left out of the merged assessment's facts and kept in its `disputes` with every unit's value,
never overwritten, so the merged file itself says what is undecided (calc.disputes scores each value).
Values that are equal in meaning (9.8 and "9.80", or 1/2 and 50 %) are not a conflict.
"""

from __future__ import annotations

from typing import Any

from calc.assessment import Quantity
from calc.contract import DEFAULT_REGION, FORMAT_NAME, FORMAT_VERSION
from calc.ruleset import Ruleset, default_ruleset
from calc.tracker import merged_files
from calc.unit_report import scope_of
from calc.validation import check


def _meaning(value: Any) -> Any:
    """A comparable form of a parsed fact value."""
    if isinstance(value, Quantity):
        return ("quantity", value.value, value.numerator if value.value is None else None)
    if isinstance(value, list):
        return ("firms", tuple(sorted((f.name, f.year, f.sales_wan_yuan) for f in value)))
    return value


def merge(named: list[tuple[str, Any]], ruleset: Ruleset | None = None) -> dict[str, Any]:
    """named: (source label, assessment) pairs. Returns {assessment, conflicts, problems, sources}."""
    ruleset = ruleset or default_ruleset()
    problems: list[dict[str, Any]] = []
    conflicts: list[dict[str, Any]] = []
    cleaned = []
    for label, assessment in named:
        clean, found = check(assessment, ruleset)
        for problem in found:
            problems.append({**problem.as_dict(), "source": label})
        cleaned.append((label, clean))

    years = {c.years for _, c in cleaned if c.years}
    if len(years) > 1:
        conflicts.append(
            {
                "field": "years",
                "key": None,
                "year": None,
                "values": [{"source": label, "value": list(c.years) if c.years else None} for label, c in cleaned],
                "message": {
                    "zh": "各文件的评估年度不一致，无法合并为同一评估。",
                    "en": "The files assess different years and cannot be merged into one assessment.",
                },
            }
        )
    regions = {c.region for _, c in cleaned}
    if len(regions) > 1:
        conflicts.append(
            {
                "field": "region",
                "key": None,
                "year": None,
                "values": [{"source": label, "value": c.region} for label, c in cleaned],
                "message": {"zh": "各文件的地区设置不一致。", "en": "The files set different regions."},
            }
        )

    merged_facts: dict[str, Any] = {}
    for key in ruleset.facts:
        per_year = bool(ruleset.facts[key].get("per_year"))
        slots: dict[Any, list[tuple[str, Any, Any]]] = {}
        for (label, clean), (_, assessment) in zip(cleaned, named):
            if key not in clean.facts:
                continue
            raw = assessment["facts"][key]
            if per_year:
                for year, value in clean.facts[key].items():
                    slots.setdefault(year, []).append((label, value, raw[str(year)]))
            else:
                slots.setdefault(None, []).append((label, clean.facts[key], raw))
        for year, given in slots.items():
            meanings = {repr(_meaning(v)) for _, v, _ in given}
            if len(meanings) > 1:
                conflicts.append(
                    _fact_conflict(ruleset, key, year, [{"source": label, "value": raw} for label, _, raw in given])
                )
                continue
            raw = given[0][2]
            if per_year:
                merged_facts.setdefault(key, {})[str(year)] = raw
            else:
                merged_facts[key] = raw

    evidence: dict[str, str] = {}
    for label, clean in cleaned:
        for number, text in clean.evidence.items():
            if text.strip():
                evidence[number] = (
                    evidence[number] + "\n\n" if number in evidence else ""
                ) + f"【{label}】{text.strip()}"

    only_years = next(iter(years)) if len(years) == 1 else None
    assessment = {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "scope": {"kind": "county"},
        "years": list(only_years) if only_years else None,
        "region": next(iter(regions)) if len(regions) == 1 else DEFAULT_REGION,
        "facts": merged_facts,
        "evidence": dict(sorted(evidence.items(), key=lambda kv: int(kv[0]))),
        "meta": {"merged_from": [label for label, _ in named], "merged_files": _merged_files(named, ruleset)},
    }
    # A merged file brings its own open disputes: still conflicts here, with every file's value.
    conflicts += _still_open(
        cleaned, merged_facts, {(c["key"], c["year"]) for c in conflicts if c["field"] == "facts"}, ruleset
    )
    disputes = [{"key": c["key"], "year": c["year"], "values": c["values"]} for c in conflicts if c["field"] == "facts"]
    if disputes:
        assessment["disputes"] = disputes
    if assessment["years"] is None:
        del assessment["years"]
    return {
        "assessment": assessment,
        "conflicts": conflicts,
        "problems": problems,
        "sources": [label for label, _ in named],
    }


def _fact_conflict(ruleset: Ruleset, key: str, year: int | None, values: list[dict[str, Any]]) -> dict[str, Any]:
    number, label = ruleset.fact_indicator[key], _label(ruleset, key)
    return {
        "field": "facts",
        "key": key,
        "year": year,
        "indicator": number,
        "values": values,
        "message": {
            "zh": f"指标{number}的“{label['zh']}”{'（%d年）' % year if year else ''}各单位填写不一致，未合并，请核实后填写。",
            "en": f"Indicator {number} \u201c{label['en']}\u201d{' (%d)' % year if year else ''} differs between units; it was not merged, please check and enter it.",
        },
    }


def _still_open(cleaned: list, merged_facts: dict[str, Any], taken: set, ruleset: Ruleset) -> list[dict[str, Any]]:
    """Disputes a merged file brings along that this merge did not settle (no file gave the figure)."""
    out = []
    for _, clean in cleaned:
        for dispute in clean.disputes:
            given = merged_facts.get(dispute.key)
            settled = given is not None and (dispute.year is None or str(dispute.year) in given)
            if settled or (dispute.key, dispute.year) in taken or not dispute.is_open(clean.facts):
                continue
            taken.add((dispute.key, dispute.year))
            out.append(
                _fact_conflict(
                    ruleset,
                    dispute.key,
                    dispute.year,
                    [{"source": source, "value": raw} for source, raw, _ in dispute.values],
                )
            )
    return out


def _merged_files(named: list[tuple[str, Any]], ruleset: Ruleset) -> list[dict[str, Any]]:
    """What the coordinator's tracker (calc.tracker) reads: each file with the unit it is scoped to and
    when it was exported. A county file that was itself merged brings its own files along, so merging in
    rounds still shows every unit whose file is in."""
    out: list[dict[str, Any]] = []
    for label, assessment in named:
        unit = scope_of(assessment, ruleset)
        earlier = merged_files(assessment) if unit is None else []
        if earlier:
            out.extend(earlier)
            continue
        meta = assessment.get("meta") if isinstance(assessment, dict) else None
        exported = meta.get("exported") if isinstance(meta, dict) else None
        out.append({"source": label, "unit": unit, "exported": exported if isinstance(exported, str) else None})
    return out


def _label(ruleset: Ruleset, key: str) -> dict[str, str]:
    definition = ruleset.facts[key]
    if definition["kind"] == "flag":
        return {"zh": f"子项{key}", "en": f"sub-item {key}"}
    return definition["label"]
