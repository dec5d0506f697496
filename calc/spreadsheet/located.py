"""A workbook through calc's own validation and scoring, with every problem named by its sheet and cell.

Reading (read_xlsx.py) only turns cells into an assessment; whether a value is valid and what it scores is
decided by calc.validation and calc.scoring, exactly as for a JSON file. Their problems point at JSON paths
(facts/online_tax_share/percent); `locate` adds the cell those paths were read from.
"""

from __future__ import annotations

from typing import Any

from calc.ruleset import Ruleset
from calc.scoring import score
from calc.spreadsheet.read_xlsx import Reading, read_workbook
from calc.validation import validate


def locate(problems: list[dict[str, Any]], cells: dict[tuple[str, ...], str]) -> list[dict[str, Any]]:
    """Problems with the cell of the longest path prefix that was read from a cell, in their messages too."""
    out = []
    for problem in problems:
        path = tuple(str(p) for p in problem.get("path") or [])
        ref = next((cells[path[:n]] for n in range(len(path), 0, -1) if path[:n] in cells), None)
        if ref is None or problem.get("cell"):
            out.append(problem)
            continue
        message = problem["message"]
        out.append(
            {**problem, "cell": ref, "message": {"zh": f"{ref}：{message['zh']}", "en": f"{ref}: {message['en']}"}}
        )
    return out


def validate_reading(reading: Reading, ruleset: Ruleset | None = None) -> list[dict[str, Any]]:
    """Everything wrong with a read workbook: what reading left out, then what validation found."""
    if reading.assessment is None:
        return list(reading.problems)
    return reading.problems + locate(validate(reading.assessment, ruleset), reading.cells)


def score_reading(reading: Reading, ruleset: Ruleset | None = None) -> dict[str, Any] | None:
    """calc's report of the read assessment, its problems located; None when the file was refused."""
    if reading.assessment is None:
        return None
    report = score(reading.assessment, ruleset)
    report["problems"] = reading.problems + locate(report["problems"], reading.cells)
    report["valid"] = not report["problems"]
    return report


def validate_workbook(data: bytes, name: str = "", ruleset: Ruleset | None = None) -> list[dict[str, Any]]:
    return validate_reading(read_workbook(data, name, ruleset), ruleset)


def score_workbook(
    data: bytes, name: str = "", ruleset: Ruleset | None = None
) -> tuple[dict[str, Any] | None, list[dict[str, Any]]]:
    """(report, problems): the report is None, and the problems say why, when the file was refused."""
    reading = read_workbook(data, name, ruleset)
    report = score_reading(reading, ruleset)
    return report, (report["problems"] if report else reading.problems)
