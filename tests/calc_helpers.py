"""Small builders shared by the scoring-core tests."""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path
from typing import Any

from calc import cli, score, template

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


def assessment(years=(2024, 2025), **facts: Any) -> dict[str, Any]:
    """A blank county assessment with the given facts filled in (keys with dots passed via **{"12.1": True})."""
    blank = template(None, years)
    blank["facts"].update(facts)
    return blank


def item(report: dict[str, Any], item_id: str) -> dict[str, Any]:
    number = int(item_id.split(".")[0])
    return next(i for i in report["indicators"][number - 1]["items"] if i["id"] == item_id)


def scored_item(item_id: str, **facts: Any) -> dict[str, Any]:
    return item(score(assessment(**facts)), item_id)


def example(name: str) -> dict[str, Any]:
    return json.loads((EXAMPLES / name).read_text(encoding="utf-8"))


def run_cli(*argv: str) -> tuple[int, str, str]:
    """`python -m calc …` in this process: (exit code, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = cli.main(list(argv))
        except SystemExit as done:
            code = done.code
    return code, out.getvalue(), err.getvalue()


def three_files_with_one_dispute(office: str, statistics: str, industry: str) -> list[tuple[str, dict]]:
    """The county file that scores exactly 85, split in three: the office's file without indicator 6's county
    share of online retail, and the statistics bureau's and the bureau of industry's files giving that share,
    which differ for 2025 (31.4 % and 25 %, about the national 26.1 %). Merged, the figure is disputed and
    the county scores 84; the statistics bureau's value gives 85, a pass."""
    county = example("county-exactly-85.json")
    share = county["facts"].pop("online_retail_share")
    return [
        (office, {**county, "meta": {}}),
        (
            statistics,
            {
                **county,
                "scope": {"kind": "unit", "unit": "statistics"},
                "facts": {"online_retail_share": share},
                "evidence": {},
                "meta": {},
            },
        ),
        (
            industry,
            {
                **county,
                "scope": {"kind": "unit", "unit": "industry-it-science"},
                "facts": {"online_retail_share": {**share, "2025": {"percent": 25}}},
                "evidence": {},
                "meta": {},
            },
        ),
    ]
