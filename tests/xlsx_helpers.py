"""Filling a template the way a person would, by script: find the row of a fact by its label-free key and the
column by its key, then type into the cell (optionally with a number format, as Excel stores `95%`)."""

from __future__ import annotations

import datetime
import io
from typing import Any

import openpyxl

from calc.spreadsheet import layout
from calc.spreadsheet.template_xlsx import template_bytes

WHEN = datetime.date(2026, 1, 15)
YEARS = (2024, 2025)


def blank(unit: str | None = "market-regulation", lang: str = "zh") -> bytes:
    return template_bytes(unit, YEARS, lang, WHEN)


def open_book(data: bytes) -> Any:
    return openpyxl.load_workbook(io.BytesIO(data))


def save(book: Any) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def entry_sheet(book: Any) -> Any:
    for sheet in book.worksheets:
        if sheet["A1"].value == layout.ENTRY_MARK:
            return sheet
    raise AssertionError("no entry sheet")


def locate(sheet: Any, key: str, column: str) -> Any:
    """The cell of fact `key` in column `column` (e.g. "period.value", "2024.a", "evidence")."""
    columns = {cell.value: cell.column for cell in sheet[1] if cell.value}
    for row in sheet.iter_rows(min_row=2):
        if row[0].value == key:
            return sheet.cell(row[0].row, columns[column])
    raise AssertionError(f"no row for {key}")


def fill(data: bytes, values: dict[tuple[str, str], Any], formats: dict[tuple[str, str], str] | None = None) -> bytes:
    book = open_book(data)
    sheet = entry_sheet(book)
    for (key, column), value in values.items():
        cell = locate(sheet, key, column)
        cell.value = value
        if formats and (key, column) in formats:
            cell.number_format = formats[(key, column)]
    return save(book)


def ref(data: bytes, key: str, column: str) -> str:
    sheet = entry_sheet(open_book(data))
    return f"{sheet.title}!{locate(sheet, key, column).coordinate}"
