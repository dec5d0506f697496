"""JSON-in, JSON-out entry points: what the browser (Pyodide worker) and the command line call.

Every function takes and returns plain JSON text, so the JavaScript side never needs Python objects,
and never raises on bad input: a file that is not JSON becomes a problem in the answer.
"""

from __future__ import annotations

import json
from typing import Any

from calc import contract
from calc.compare import compare as compare_assessments
from calc.compare import refusal, unreadable_file
from calc.contract import EXAMPLE_FIRST_YEAR
from calc.merge import merge as merge_assessments
from calc.normalise import normalised
from calc.reading import MAX_INPUT_BYTES, Refused, bytes_of, decode, file_problem, parse
from calc.ruleset import default_ruleset
from calc.scoring import score as score_assessment
from calc.spreadsheet.sniff import MAX_BYTES as SPREADSHEET_MAX_BYTES
from calc.spreadsheet.sniff import looks_like_spreadsheet
from calc.template import template as blank_template
from calc.unit_report import scope_section
from calc.validation import refusals
from calc.validation import validate as validate_assessment


def _load(text: Any) -> tuple[Any, dict[str, Any] | None]:
    try:
        return parse(text), None
    except Refused as refused:
        return None, refused.problem


def _dump(value: Any) -> str:
    # ASCII (Chinese as \uXXXX escapes): Pyodide hands a pure-ASCII str to JavaScript several times faster
    # than one holding Chinese; with it a keystroke's rescore in the browser went from ~9 to ~5 ms.
    return json.dumps(value, separators=(",", ":"))


def ruleset_digest() -> str:
    return default_ruleset().digest


def limits() -> dict[str, Any]:
    """How much of a chosen file the page hands over (form.json carries it): one byte more than calc takes
    of any kind of file, so calc refuses a larger one in its own words without the page reading it all."""
    return {"read_at_most_bytes": max(MAX_INPUT_BYTES, SPREADSHEET_MAX_BYTES) + 1}


def browser_contract() -> dict[str, Any]:
    """calc.contract for the page's scripts (form.json, each calculator's data-config), which keep no copy."""
    return {
        "format": contract.FORMAT_NAME,
        "version": contract.FORMAT_VERSION,
        "regions": [{"id": region, **contract.REGION_LABELS[region]} for region in contract.REGIONS],
        "default_region": contract.DEFAULT_REGION,
        "states": contract.STATE_LABELS,
        "progress": contract.PROGRESS_LABELS,
        "points": contract.POINT_WORDS,
        "first_year": {"min": contract.YEARS[0], "max": contract.YEARS[1]},  # the year box's range
        "limits": limits(),
    }


# The command line hands the same files to calc.spreadsheet (calc/spreadsheet/files.py, open_path).
_SPREADSHEET = {"opened": False, "spreadsheet": True, "problems": [], "text": None}


def _read_chosen(payload: Any, name: str) -> tuple[str, Any] | None:
    """The text and data of a file the user chose, read as the command line reads it (raises Refused);
    None for a spreadsheet, which calc.spreadsheet.json_api reads (openpyxl)."""
    raw = bytes_of(payload)
    if looks_like_spreadsheet(name, raw[:512]):
        return None
    text = decode(raw)
    return text, parse(text)


def open_file_json(payload: Any, name: str = "") -> str:
    """A file the user chose, as its bytes: read exactly as the command line reads it (calc.reading), then
    validated. `opened` is false when the file cannot be taken at all (unreadable, or calc.validation's
    UNOPENABLE problems), with those problems; otherwise `text` is the file's text, to be held as it is
    (the page keeps what calc read, never a repaired copy), and `problems` everything calc found in it.
    A spreadsheet is answered `spreadsheet: true`: calc.spreadsheet.json_api reads it (openpyxl)."""
    try:
        read = _read_chosen(payload, name)
    except Refused as refused:
        return _dump({"opened": False, "problems": [refused.problem], "text": None})
    if read is None:
        return _dump(_SPREADSHEET)
    text, data = read
    problems = validate_assessment(data)
    refused_by = refusals(problems)
    if refused_by:
        return _dump({"opened": False, "problems": refused_by, "text": None})
    return _dump({"opened": True, "problems": problems, "text": text})


def read_file_json(payload: Any, name: str = "") -> str:
    """A file's bytes as text, or why they cannot be read (size, encoding, JSON, limits): what the page's
    merge and comparison hand to merge_json and compare_json, so they read a file as the command line does.
    A spreadsheet is answered `spreadsheet: true`, as by open_file_json."""
    try:
        read = _read_chosen(payload, name)
    except Refused as refused:
        return _dump({"text": None, "problem": refused.problem})
    return _dump(_SPREADSHEET if read is None else {"text": read[0], "problem": None})


def validate_json(text: str) -> str:
    data, problem = _load(text)
    return _dump({"problems": [problem] if problem else validate_assessment(data)})


def _score_answer(text: str) -> dict[str, Any]:
    data, problem = _load(text)
    if problem:
        return {"ok": False, "problems": [problem], "report": None}
    report = score_assessment(data)
    return {"ok": report["valid"], "problems": report["problems"], "report": report}


def score_json(text: str) -> str:
    return _dump(_score_answer(text))


def score_page_json(text: str) -> str:
    """score_json as the site's pages (self-scoring, calculators) draw it, answered on every keystroke.
    For the county, the scope section's open items and its split of the gap repeat the county's own gap
    item by item (109 of 237 kB for a blank form); the pages draw the county from `gap` and use those two
    only for a unit, so they are left out for the county. Everything else is score_json's report."""
    answer = _score_answer(text)
    scope = answer["report"]["scope"] if answer["report"] else None
    if scope and scope["kind"] == "county":
        answer["report"]["scope"] = {key: value for key, value in scope.items() if key not in ("open_items", "gap")}
    return _dump(answer)


def merge_json(named_json: str) -> str:
    """named_json: a JSON list of {"name": label, "text": file content}, or {"name", "problem"} for a file
    read_file_json could not read (it is listed with that problem, and the others are merged)."""
    entries = json.loads(named_json)
    named, unreadable = [], []
    for entry in entries:
        data, problem = (None, entry["problem"]) if entry.get("problem") else _load(entry["text"])
        if problem:
            unreadable.append({**problem, "source": entry["name"]})
        else:
            named.append((entry["name"], data))
    result = merge_assessments(named)
    result["problems"] = unreadable + result["problems"]
    return _dump(result)


def normalised_json(text: str) -> str:
    """The assessment as it is exported: its numbers as calc reads them (calc.normalise). Text that is not
    JSON comes back as it was, for the caller to keep."""
    data, problem = _load(text)
    return text if problem else _dump(normalised(data))


def template_json(unit: str | None = None, first_year: int | None = None) -> str:
    """A blank file (calc.template) for the two years from first_year (calc.contract's example years if None)."""
    first = EXAMPLE_FIRST_YEAR if first_year is None else first_year
    return _dump(blank_template(unit, (first, first + 1)))


def compare_file_json(old_payload: Any, new_text: str) -> str:
    """compare_json with the earlier file as the bytes the person chose (read as the command line reads it)."""
    try:
        old_text = decode(bytes_of(old_payload))
    except Refused as refused:
        return _dump(refusal({"old": unreadable_file([refused.problem]), "new": unreadable_file([])}))
    return compare_json(old_text, new_text)


def compare_json(old_text: str, new_text: str) -> str:
    """Progress from an earlier to a later assessment file. A file that cannot be read is refused with
    its problem under `files.old` / `files.new`, like a file that is not an assessment."""
    loaded = {side: _load(text) for side, text in (("old", old_text), ("new", new_text))}
    unreadable = {side: problem for side, (_, problem) in loaded.items() if problem}
    if unreadable:
        return _dump(
            refusal(
                {side: unreadable_file([unreadable[side]] if side in unreadable else []) for side in ("old", "new")}
            )
        )
    return _dump(compare_assessments(loaded["old"][0], loaded["new"][0]))


def unit_section_json(text: str, unit: str | None = None) -> str:
    """The scope section of the report (see calc/unit_report.py) for `unit`, or for the file's own scope
    when unit is None; lets the county office look at one unit's share of a merged assessment."""
    data, problem = _load(text)
    if problem:
        return _dump({"ok": False, "problems": [problem], "section": None})
    report = score_assessment(data)
    ruleset = default_ruleset()
    if unit is not None and (not isinstance(unit, str) or unit not in ruleset.units):
        return _dump(
            {
                "ok": False,
                "problems": [file_problem("unknown-unit", f"未知的单位代码“{unit}”。", f'Unknown unit id "{unit}".')],
                "section": None,
            }
        )
    section = report["scope"] if unit is None else scope_section(report, unit, _entered_facts(data), ruleset)
    return _dump({"ok": report["valid"], "problems": report["problems"], "section": section})


def _entered_facts(data: Any) -> dict[str, Any]:
    facts = data.get("facts") if isinstance(data, dict) else None
    return {k: v for k, v in facts.items() if v is not None} if isinstance(facts, dict) else {}
