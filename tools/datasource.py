"""Load every file under data/ and check that it hangs together.

This is the reader of data/ (the site macros, the compiler and the tests use it; the worked examples have
their own, tools/worked_examples.py), so the rules about the data's integrity live here, except the check
of each sub-item's rule parameters, which its rule kind does (calc/rule_<kind>.py). All problems are
collected before failing, so one run lists them all.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from calc.rules import check_item

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
SEED_PATH = ROOT.parent / "shared" / "seed" / "000_8729f1a4ca8d2a50.txt"

FACT_KINDS = {"flag", "count", "number", "ratio", "growth", "firms"}
ITEM_ID = re.compile(r"^(\d{1,2})\.(\d)$")


class DataError(Exception):
    """data/ is inconsistent; the message lists every problem found."""

    def __init__(self, problems: list[str]):
        super().__init__("data/ has %d problem(s):\n- " % len(problems) + "\n- ".join(problems))
        self.problems = problems


def _read(path: Path) -> Any:
    with path.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def split_unit_mentions(text: str) -> list[str]:
    """The document separates responsible units with 、 and occasionally ，."""
    return [part.strip() for part in re.split(r"[、，,]", text) if part.strip()]


def load_raw(data_dir: Path = DATA_DIR) -> dict[str, Any]:
    indicators = [_read(path) for path in sorted((data_dir / "indicators").glob("*.yaml"))]
    data = {
        "document": _read(data_dir / "document.yaml"),
        "policy": _read(data_dir / "policy.yaml")["blocks"],
        "sections": _read(data_dir / "tasks.yaml")["sections"],
        "tasks": _read(data_dir / "tasks.yaml")["tasks"],
        "units": _read(data_dir / "units.yaml")["units"],
        "leading_group": _read(data_dir / "leading_group.yaml"),
        "categories": _read(data_dir / "categories.yaml"),
        "indicators": sorted(indicators, key=lambda ind: ind["number"]),
        "benchmarks": _read(data_dir / "benchmarks.yaml"),
    }
    glossary_path = data_dir / "glossary.yaml"
    data["glossary"] = _read(glossary_path)["terms"] if glossary_path.exists() else []
    return data


def alias_index(units: list[dict]) -> dict[str, str]:
    """Every name the document uses for a body → that body's id."""
    index: dict[str, str] = {}
    for unit in units:
        for name in [unit["name"]["zh"], *unit.get("aliases", [])]:
            index[name] = unit["id"]
    return index


def group_members(data: dict[str, Any]) -> dict[str, list[str]]:
    """Group id → the unit ids it stands for (groups declared as the leading group's member units)."""
    leading_units = [m["unit"] for m in data["leading_group"]["members"] if m.get("unit")]
    members: dict[str, list[str]] = {}
    for unit in data["units"]:
        source = unit.get("members", {}).get("from")
        if source == "leading_group":
            members[unit["id"]] = list(leading_units)
        elif unit["kind"] == "group":
            members[unit["id"]] = []
    return members


def check(data: dict[str, Any]) -> list[str]:
    problems: list[str] = []
    units = data["units"]
    unit_ids = [u["id"] for u in units]
    if len(set(unit_ids)) != len(unit_ids):
        problems.append("units.yaml: duplicate unit ids")
    seen_names: dict[str, str] = {}
    for unit in units:
        for name in [unit["name"]["zh"], *unit.get("aliases", [])]:
            if name in seen_names and seen_names[name] != unit["id"]:
                problems.append(f"units.yaml: name {name!r} belongs to both {seen_names[name]} and {unit['id']}")
            seen_names[name] = unit["id"]
    aliases = alias_index(units)
    known = set(unit_ids)

    def check_responsible(where: str, responsible: dict) -> None:
        mentions = split_unit_mentions(responsible["text"]["zh"])
        unresolved = [m for m in mentions if m not in aliases]
        if unresolved:
            problems.append(f"{where}: unit names that resolve to no unit: {unresolved}")
            return
        expected = [aliases[m] for m in mentions]
        if responsible["units"] != expected:
            problems.append(f"{where}: units {responsible['units']} do not match the text, which names {expected}")

    for task in data["tasks"]:
        check_responsible(f"tasks.yaml task {task['number']}", task["responsible"])
    if [t["number"] for t in data["tasks"]] != list(range(1, 22)):
        problems.append("tasks.yaml: tasks must be numbered 1–21 in order")
    for member in data["leading_group"]["members"]:
        if member.get("unit") and member["unit"] not in known:
            problems.append(f"leading_group.yaml: unknown unit {member['unit']}")
    if data["document"]["interpreting_unit"] not in known:
        problems.append("document.yaml: interpreting_unit is not a unit id")

    task_numbers = {t["number"] for t in data["tasks"]}
    block_ids = [b["id"] for b in data["policy"]]
    if len(set(block_ids)) != len(block_ids):
        problems.append("policy.yaml: duplicate block ids")
    note_ids = {n["id"] for n in data["document"]["editorial_notes"]}
    for block in data["policy"]:
        if block["kind"] == "task" and block["task"] not in task_numbers:
            problems.append(f"policy.yaml {block['id']}: unknown task {block['task']}")
        if block.get("editorial_note") and block["editorial_note"] not in note_ids:
            problems.append(f"policy.yaml {block['id']}: unknown editorial note {block['editorial_note']}")

    categories = data["categories"]["categories"]
    second_level = {child["id"]: child for cat in categories for child in cat["children"]}
    if sum(c["points"] for c in categories) != data["categories"]["total_points"]:
        problems.append("categories.yaml: first-level points do not add up to total_points")
    for cat in categories:
        if sum(child["points"] for child in cat["children"]) != cat["points"]:
            problems.append(f"categories.yaml {cat['id']}: second-level points do not add up")

    indicators = data["indicators"]
    if [i["number"] for i in indicators] != list(range(1, 42)):
        problems.append("indicators/: expected indicators 1–41, one file each")
    per_category: dict[str, int] = {key: 0 for key in second_level}
    fact_owner: dict[str, int] = {}
    for ind in indicators:
        for fact in ind.get("facts", []):
            if fact["key"] in fact_owner:
                problems.append(
                    f"indicator {ind['number']}: fact {fact['key']} already declared by {fact_owner[fact['key']]}"
                )
            fact_owner[fact["key"]] = ind["number"]
            if fact["kind"] not in FACT_KINDS:
                problems.append(f"indicator {ind['number']}: fact {fact['key']} has unknown kind {fact['kind']}")
    benchmark_ids = {s["id"] for s in data["benchmarks"]["series"]}
    for ind in indicators:
        where = f"indicator {ind['number']}"
        if ind["category"] not in second_level:
            problems.append(f"{where}: unknown category {ind['category']}")
        else:
            per_category[ind["category"]] += ind["points"]
        check_responsible(where, ind["responsible"])
        for fact in ind.get("facts", []):
            default = fact.get("default", {}).get("benchmark")
            if default and default not in benchmark_ids:
                problems.append(f"{where}: fact {fact['key']} defaults to unknown benchmark {default}")
        item_points = [item["points"] for item in ind["items"]]
        if ind["combine"] == "sum" and sum(item_points) != ind["points"]:
            problems.append(f"{where}: sub-item points {item_points} do not add up to {ind['points']}")
        if ind["combine"] == "best_one" and any(p != ind["points"] for p in item_points):
            problems.append(f"{where}: best_one sub-items must each be worth the indicator's points")
        for k, item in enumerate(ind["items"], start=1):
            match = ITEM_ID.match(item["id"])
            if not match or int(match.group(1)) != ind["number"] or int(match.group(2)) != k:
                problems.append(f"{where}: sub-item id {item['id']} should be {ind['number']}.{k}")
            # The rule's kind checks its own parameters (calc/rule_<kind>.py).
            problems.extend(f"{where} sub-item {item['id']}: {problem}" for problem in check_item(item, fact_owner))
    for key, total in per_category.items():
        if total != second_level[key]["points"]:
            problems.append(f"category {key}: indicators add up to {total}, expected {second_level[key]['points']}")
    return problems


@lru_cache(maxsize=1)
def _cached(data_dir: str, stamp: tuple) -> dict[str, Any]:
    data = load_raw(Path(data_dir))
    problems = check(data)
    if problems:
        raise DataError(problems)
    data["aliases"] = alias_index(data["units"])
    data["group_members"] = group_members(data)
    return data


def load_data(data_dir: Path = DATA_DIR) -> dict[str, Any]:
    """All of data/, validated. Cached until any file under data/ changes (for `mkdocs serve`)."""
    stamp = tuple(sorted((str(p), p.stat().st_mtime_ns) for p in Path(data_dir).rglob("*.yaml")))
    return _cached(str(data_dir), stamp)


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def glossary_occurrences(data: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """Glossary term id → where the term occurs: policy blocks, tasks, leading group, indicators.

    Computed rather than stored, so it can never fall behind the text. Each place is
    {"kind": "policy"|"task"|"indicator"|"indicator-system"|"leading-group", "id": …}.
    """
    places: list[tuple[dict[str, Any], str]] = []
    for block in data["policy"]:
        if block.get("zh"):
            places.append(({"kind": "policy", "id": block["id"]}, block["zh"]))
    for task in data["tasks"]:
        places.append(
            (
                {"kind": "task", "id": task["number"]},
                task["title"]["zh"] + task["text"]["zh"] + task["responsible"]["text"]["zh"],
            )
        )
    for ind in data["indicators"]:
        text = "".join(
            [
                ind["nature"],
                ind["title"]["zh"],
                ind["explanation"]["zh"],
                ind["responsible"]["text"]["zh"],
                ind["evaluation"]["method"]["zh"],
                *(s["zh"] for s in ind["evaluation"]["sources"]),
            ]
        )
        places.append(({"kind": "indicator", "id": ind["number"]}, text))
    categories = data["categories"]
    places.append(
        (
            {"kind": "indicator-system", "id": "pass-rule"},
            categories["pass_rule"]["source"]["zh"]
            + "".join(
                c["name"]["zh"] + "".join(ch["name"]["zh"] for ch in c["children"]) for c in categories["categories"]
            ),
        )
    )
    places.append(
        (
            {"kind": "leading-group", "id": "attachment-1"},
            data["leading_group"]["office"]["zh"] + data["leading_group"]["title"]["zh"],
        )
    )
    out: dict[str, list[dict[str, Any]]] = {}
    for term in data["glossary"]:
        spellings = [_flat(s) for s in [term["zh"], *term.get("zh_variants", [])]]
        out[term["id"]] = [place for place, text in places if any(s in _flat(text) for s in spellings)]
    return out
