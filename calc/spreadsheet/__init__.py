"""The spreadsheet layer: .xlsx templates per unit, reading a filled workbook back, report workbooks.

Kept apart from the scoring core: `calc` itself stays standard-library-only, and nothing here imports
openpyxl until a workbook is written or read (`require_openpyxl`), so `import calc` never needs it.
openpyxl is the optional dependency `pinglu-assessment[xlsx]` (pyproject.toml).

Modules, one job each:
- layout.py        the rows and columns of the 填报 sheet, made from calc.template and the ruleset
- cells.py         what a cell's value means (95% as 0.95, numbers as text, 是/否/√/×)
- sniff.py         what kind of file the bytes are; refusals of .xls/.et/.csv/encrypted/corrupt/too large
- template_xlsx.py writing the per-unit template (or the same sheet filled, for the report)
- read_xlsx.py     reading a filled workbook into an assessment dict, problems and a cell map
- located.py       the read assessment through calc.validation / calc.scoring, problems named by cell
- report_xlsx.py   the report workbook (summary, sub-items, facts as entered, merge conflicts)
- save.py          saving with fixed timestamps, so the same inputs give the same bytes
- files.py         for the command line: which files are spreadsheets, compare/merge problems by cell
- json_api.py      for the page's worker: a chosen .xlsx opened as calc.api.open_file_json answers
"""

from __future__ import annotations

from typing import Any

MISSING_OPENPYXL = {
    "zh": "读写Excel文件（.xlsx）需要 openpyxl：pip install 'pinglu-assessment[xlsx]'（或 pip install openpyxl==3.1.5）。",
    "en": "Reading and writing Excel files (.xlsx) needs openpyxl: pip install 'pinglu-assessment[xlsx]' "
    "(or pip install openpyxl==3.1.5).",
}


class SpreadsheetUnavailable(RuntimeError):
    """openpyxl is not installed; `message` holds the zh and en explanation."""

    def __init__(self) -> None:
        super().__init__(MISSING_OPENPYXL["en"])
        self.message = dict(MISSING_OPENPYXL)


def require_openpyxl() -> Any:
    """The openpyxl module, imported on first use only."""
    try:
        import openpyxl
    except ImportError as error:
        raise SpreadsheetUnavailable() from error
    return openpyxl
