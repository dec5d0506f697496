"""Spreadsheet files for the command line: which files are spreadsheets, reading them from a path, and the
problems of compare and merge named by cell. calc/cli.py calls these; openpyxl is imported only on reading.
"""

from __future__ import annotations

from typing import Any

from calc.spreadsheet import sniff
from calc.spreadsheet.located import locate, score_reading, validate_reading
from calc.spreadsheet.read_xlsx import Reading, read_workbook
from calc.spreadsheet.report_xlsx import report_bytes
from calc.spreadsheet.template_xlsx import template_bytes

__all__ = [
    "locate_comparison",
    "locate_merge",
    "open_path",
    "report_bytes",
    "score_reading",
    "template_bytes",
    "validate_reading",
]


def open_path(path: str) -> Reading | None:
    """The Reading of a spreadsheet file (by content, else by name), None for any other file (JSON)."""
    if path == "-":
        return None
    try:
        with open(path, "rb") as handle:
            head = handle.read(512)
            if not sniff.looks_like_spreadsheet(path, head):
                return None
            data = head + handle.read(sniff.MAX_BYTES + 1 - len(head))  # never more than the limit into memory
    except OSError:
        return None  # the JSON reader says why it cannot be read, in its words
    return read_workbook(data, path)


def locate_comparison(comparison: dict[str, Any], old: Reading | None, new: Reading | None) -> dict[str, Any]:
    """calc.compare's result with each side's problems named by cell and reading's own problems added."""
    for side, reading in (("old", old), ("new", new)):
        files = comparison.get("files") or {}
        if reading is None or side not in files:
            continue
        files[side]["problems"] = reading.problems + locate(files[side].get("problems", []), reading.cells)
        if files[side]["problems"]:
            comparison["valid"] = False
    return comparison


def locate_merge(problems: list[dict[str, Any]], readings: dict[str, Reading]) -> list[dict[str, Any]]:
    """calc.merge's problems (each with its `source`) named by cell, after what reading each file left out."""
    read = [{**p, "source": source} for source, reading in readings.items() for p in reading.problems]
    out = []
    for problem in problems:
        reading = readings.get(problem.get("source"))
        out.extend(locate([problem], reading.cells) if reading else [problem])
    return read + out
