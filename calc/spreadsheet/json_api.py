"""Bytes-and-JSON entry points of the spreadsheet layer, shaped like calc.api's, for the page's worker.

`open_workbook_json` answers as calc.api.open_file_json does ({opened, problems, text}), so the page can
take a chosen .xlsx through the same path as a .json: `text` is the assessment calc read from the workbook,
`problems` everything reading and calc.validation found, each named by sheet and cell. The two writers
return the .xlsx bytes of a blank template and of a report. Nothing here raises on a bad file.
"""

from __future__ import annotations

import datetime as _dt
import json
from typing import Any

from calc.reading import Refused, bytes_of, parse
from calc.scoring import score
from calc.spreadsheet.located import validate_reading
from calc.spreadsheet.read_xlsx import read_workbook
from calc.spreadsheet.report_xlsx import report_bytes
from calc.spreadsheet.template_xlsx import template_bytes
from calc.validation import refusals


def open_workbook_json(payload: Any, name: str = "") -> str:
    reading = read_workbook(bytes_of(payload), name)
    if reading.assessment is None:
        return json.dumps({"opened": False, "problems": reading.problems, "text": None})
    problems = validate_reading(reading)
    refused_by = refusals(problems)
    if refused_by:
        return json.dumps({"opened": False, "problems": refused_by, "text": None})
    text = json.dumps(reading.assessment, ensure_ascii=False, indent=2) + "\n"
    return json.dumps({"opened": True, "problems": problems, "text": text})


def template_workbook(unit: str | None = None, first_year: int = 2024, lang: str = "zh") -> bytes:
    return template_bytes(unit or None, (first_year, first_year + 1), lang)


def report_workbook(
    text: str, lang: str = "zh", today: str | None = None, conflicts: str | None = None
) -> bytes | None:
    """The report workbook of an assessment's JSON text; None when the text is not JSON at all.
    conflicts: for a merged county file, the JSON list of calc.merge's conflicts still open on the page,
    listed on the merge sheet beside the files merged."""
    try:
        data = parse(text)
    except Refused:
        return None
    if not isinstance(data, dict):
        return None
    when = _dt.date.fromisoformat(today) if today else None
    merged = None
    meta = data.get("meta")
    sources = meta.get("merged_from") if isinstance(meta, dict) else None
    if conflicts is not None and isinstance(sources, list):
        merged = {"sources": [str(s) for s in sources], "conflicts": json.loads(conflicts)}
    return report_bytes(data, score(data), lang, merged=merged, when=when)
