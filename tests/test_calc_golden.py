"""Golden reports: the full score report of each example file, byte for byte.

After a deliberate change of rules or wording, regenerate with:
    UPDATE_GOLDEN=1 python -m pytest tests/test_calc_golden.py
and review the diff like any other change.
"""

import json
import os
from pathlib import Path

import pytest

from calc import score
from tests.calc_helpers import EXAMPLES

GOLDEN = Path(__file__).parent / "golden"
EXAMPLE_FILES = sorted(p.name for p in EXAMPLES.glob("*.json"))


def render(report):
    report = {**report, "ruleset": "<digest>"}  # the digest changes with any data edit; compared elsewhere
    return json.dumps(report, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


@pytest.mark.parametrize("name", EXAMPLE_FILES)
def test_report_matches_golden(name):
    report = score(json.loads((EXAMPLES / name).read_text(encoding="utf-8")))
    path = GOLDEN / name.replace(".json", ".report.json")
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(render(report), encoding="utf-8")
    assert path.read_text(encoding="utf-8") == render(report)


def test_example_totals():
    totals = {name: score(json.loads((EXAMPLES / name).read_text(encoding="utf-8"))) for name in EXAMPLE_FILES}
    assert (totals["county-exactly-85.json"]["total"], totals["county-exactly-85.json"]["passed"]) == (85, True)
    assert totals["county-complete.json"]["passed"]
    assert totals["unit-market-regulation.json"]["valid"]
