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
