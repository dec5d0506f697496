"""Compile data/ into calc/ruleset.json: the part of the data the scoring core needs, as plain JSON.

The scoring core is standard-library only (it runs under Pyodide), so it cannot read YAML; it ships with
this compiled file instead. `tests/test_data_integrity.py` fails when the file is stale, and the site
build recompiles it before every build.

    python -m tools.compile_data          # write calc/ruleset.json
    python -m tools.compile_data --check  # exit 1 if it is out of date
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from calc.rules import describe, flag_keys
from tools.datasource import ROOT, load_data

RULESET_PATH = ROOT / "calc" / "ruleset.json"
RULESET_FORMAT = 1


def build_ruleset(data: dict[str, Any]) -> dict[str, Any]:
    members = data["group_members"]
    facts = {fact["key"]: fact for ind in data["indicators"] for fact in ind.get("facts", [])}
    return {
        "format": RULESET_FORMAT,
        "document_number": data["document"]["document_number"],
        "categories": data["categories"]["categories"],
        "total_points": data["categories"]["total_points"],
        "pass_rule": data["categories"]["pass_rule"],
        "indicators": [
            {
                "number": ind["number"],
                "category": ind["category"],
                "nature": ind["nature"],
                "points": ind["points"],
                "title": ind["title"],
                "combine": ind["combine"],
                "responsible": ind["responsible"]["units"],
                "facts": ind.get("facts", []),
                "items": [
                    # description: the rule in plain words, by its kind (calc/rule_<kind>.py), for the
                    # indicator pages and the self-scoring page's rule panel alike. flags: the yes/no facts
                    # the kind implies (one checkbox each), so calc.ruleset needs no rule kind to list them.
                    {
                        "id": item["id"],
                        "points": item["points"],
                        "source": item["source"],
                        "rule": item["rule"],
                        "description": describe(item, facts),
                        "flags": flag_keys(item),
                    }
                    for item in ind["items"]
                ],
            }
            for ind in data["indicators"]
        ],
        "units": [
            {
                "id": unit["id"],
                "kind": unit["kind"],
                "name": unit["name"],
                **({"members": members[unit["id"]]} if unit["id"] in members else {}),
            }
            for unit in data["units"]
        ],
        "benchmarks": [
            {
                "id": series["id"],
                "label": series["label"],
                "publisher": series["publisher"],
                "source": series["source"],
                "values": {str(year): entry["value"] for year, entry in series["values"].items()},
            }
            for series in data["benchmarks"]["series"]
        ],
    }


def render(data: dict[str, Any] | None = None) -> str:
    ruleset = build_ruleset(data if data is not None else load_data())
    return json.dumps(ruleset, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def compile_ruleset(path: Path = RULESET_PATH) -> bool:
    """Write the ruleset if it changed; return whether it did (mkdocs serve would loop otherwise)."""
    text = render()
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return False
    path.write_text(text, encoding="utf-8")
    return True


def main(argv: list[str]) -> int:
    if "--check" in argv:
        current = RULESET_PATH.read_text(encoding="utf-8") if RULESET_PATH.exists() else ""
        if current != render():
            print("calc/ruleset.json is out of date: run python -m tools.compile_data", file=sys.stderr)
            return 1
        return 0
    changed = compile_ruleset()
    print(("wrote " if changed else "unchanged: ") + str(RULESET_PATH.relative_to(ROOT)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
