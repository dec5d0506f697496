"""Files the spreadsheet reader refuses, each with a clear message in both languages (never a traceback),
and the file's other contents still read when only some cells are wrong."""

from __future__ import annotations

import io
import zipfile

import pytest

from calc.spreadsheet import sniff
from calc.spreadsheet.read_xlsx import read_workbook
from tests.xlsx_helpers import blank, open_book, save

OLE_HEADER = sniff.OLE + b"\x00" * 504


def refused(data: bytes, name: str) -> dict:
    reading = read_workbook(data, name)
    assert reading.assessment is None
    [problem] = reading.problems
    assert problem["message"]["zh"] and problem["message"]["en"] and problem["path"] == []
    return problem


@pytest.mark.parametrize(
    "data, name, code, zh_words, en_words",
    [
        (OLE_HEADER + b"Workbook".decode().encode("utf-16-le"), "old.xls", "old-format", ".xls", "Save it as"),
        (OLE_HEADER + b"x" * 100, "wps.et", "old-format", ".et", ".xlsx"),
        (OLE_HEADER + sniff.ENCRYPTED, "locked.xlsx", "encrypted", "密码", "password"),
        ("指标,得分\n1,2\n".encode("utf-8"), "report.csv", "csv", "CSV", "CSV"),
        (b"PK\x03\x04" + b"\x00" * 40, "broken.xlsx", "corrupt", "损坏", "damaged"),
        (b"PK\x03\x04" + b"\x00" * 40 + b"x" * (sniff.MAX_BYTES), "huge.xlsx", "too-large", "MB", "MB"),
    ],
)
def test_refusals(data, name, code, zh_words, en_words):
    problem = refused(data, name)
    assert problem["code"] == code
    assert zh_words in problem["message"]["zh"] and en_words in problem["message"]["en"]


def test_truncated_xlsx_is_corrupt():
    data = blank()
    assert refused(data[: len(data) // 2], "cut.xlsx")["code"] == "corrupt"


def test_a_zip_that_is_not_a_workbook_and_an_ods():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("hello.txt", "hi")
    assert refused(out.getvalue(), "photos.zip")["code"] == "not-xlsx"
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", "<x/>")
    assert refused(out.getvalue(), "sheet.ods")["code"] == "ods"


def test_any_other_workbook_is_not_a_template():
    import openpyxl

    book = openpyxl.Workbook()
    book.active["A1"] = "指标"
    problem = refused(save(book), "mine.xlsx")
    assert (
        problem["code"] == "not-a-template"
        and "模板" in problem["message"]["zh"]
        and "template" in problem["message"]["en"]
    )


def test_a_scrambled_row_is_named_by_cell_and_left_out():
    book = open_book(blank())
    sheet = next(s for s in book.worksheets if s["A1"].value == "@entry")
    sheet["B5"] = 40  # the row's visible indicator no longer matches its key
    reading = read_workbook(save(book))
    [problem] = reading.problems
    assert problem["code"] == "row-mismatch" and problem["cell"] == f"{sheet.title}!B5"
    assert problem["message"]["zh"].startswith(f"{sheet.title}!B5：")


def test_a_damaged_keys_sheet_is_named_by_its_cell():
    from calc.spreadsheet.located import validate_workbook

    book = open_book(blank())
    book["_keys"]["B3"] = 9  # the version
    book["_keys"]["B7"] = "2024,2026"  # the years
    problems = {p["code"]: p for p in validate_workbook(save(book))}
    assert problems["wrong-version"]["cell"] == "_keys!B3" and problems["bad-years"]["cell"] == "_keys!B7"
    assert problems["wrong-version"]["message"]["zh"].startswith("_keys!B3：")
