"""The spreadsheet layer's contract: calc works without openpyxl, templates are made from calc.template,
the same inputs give the same bytes, and the template carries its validation, protection and print set-up."""

from __future__ import annotations

import datetime
import subprocess
import sys

import pytest

import calc
from calc.spreadsheet import layout
from calc.spreadsheet.template_xlsx import calc_source_hash, template_bytes
from hooks.calc_package import source_hash
from site_macros.downloads import units_with_templates
from tests.calc_helpers import EXAMPLES, ROOT
from tests.xlsx_helpers import WHEN, YEARS, blank, entry_sheet, locate, open_book

WITHOUT_OPENPYXL = "import sys; sys.modules['openpyxl'] = None\n"


def python(code: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", WITHOUT_OPENPYXL + code], cwd=ROOT, capture_output=True, text=True)


def test_calc_imports_and_scores_without_openpyxl():
    done = python(f"""
import json, calc, calc.cli, calc.spreadsheet.files
assert 'openpyxl' not in sys.modules or sys.modules['openpyxl'] is None
report = calc.score(json.load(open({str(EXAMPLES / "county-exactly-85.json")!r}, encoding='utf-8')))
print(report['total'])
""")
    assert done.returncode == 0 and done.stdout == "85\n", done.stderr


def test_without_openpyxl_the_command_line_says_what_to_install(tmp_path):
    done = python(
        f"from calc.cli import main; sys.exit(main(['template', '--xlsx', '-o', {str(tmp_path / 'x.xlsx')!r}]))"
    )
    assert done.returncode == 2 and "openpyxl" in done.stderr and "Traceback" not in done.stderr
    xlsx = tmp_path / "filled.xlsx"
    xlsx.write_bytes(blank())
    done = python(f"from calc.cli import main; sys.exit(main(['--lang', 'en', 'score', {str(xlsx)!r}]))")
    assert done.returncode == 2 and "pinglu-assessment[xlsx]" in done.stderr and "Traceback" not in done.stderr


@pytest.mark.parametrize("unit", [None, *units_with_templates()])
def test_rows_are_the_json_templates_facts(unit):
    rows = layout.rows(unit, YEARS)
    assert [r.key for r in rows] and sorted(r.key for r in rows) == sorted(calc.template(unit, YEARS)["facts"])
    assert [r.indicator for r in rows] == sorted(r.indicator for r in rows)


def test_source_hash_is_the_builds():
    assert calc_source_hash() == source_hash()


def test_same_inputs_same_bytes():
    assert blank() == blank()
    assert template_bytes("market-regulation", YEARS, "zh", WHEN + datetime.timedelta(days=1)) != blank()


def test_validation_protection_and_print_setup():
    book = open_book(blank())
    sheet = entry_sheet(book)
    assert sheet.protection.sheet and not sheet.protection.password
    assert sheet.page_setup.orientation == "landscape" and str(sheet.page_setup.paperSize) == sheet.PAPERSIZE_A4
    assert sheet.page_setup.fitToWidth == 1 and sheet.page_setup.fitToHeight == 0
    assert sheet.sheet_properties.pageSetUpPr.fitToPage and sheet.print_title_rows == "$3:$4"
    assert sheet.oddHeader.center.text == "县市场监督管理局" and "&P" in sheet.oddFooter.center.text
    assert sheet.freeze_panes == "C5" and sheet.column_dimensions["A"].hidden
    assert book["_keys"].sheet_state == "hidden"
    flag, percent = locate(sheet, "12.1", "period.value"), locate(sheet, "identity_claim_rate", "period.value")
    label = locate(sheet, "12.1", "label")
    assert not flag.protection.locked and not percent.protection.locked and label.protection.locked
    rules = {}
    for dv in sheet.data_validations.dataValidation:
        for cell in (flag, percent, locate(sheet, "procedural_defeat_cases", "period.value")):
            if cell.coordinate in dv.sqref:
                rules[cell.coordinate] = (dv.type, dv.formula1, dv.formula2)
    assert rules == {
        flag.coordinate: ("list", '"是,否"', None),
        percent.coordinate: ("decimal", "0", "100"),
        locate(sheet, "procedural_defeat_cases", "period.value").coordinate: ("whole", "0", None),
    }
    assert {"B3", "C3"} <= {c.coordinate for c in sheet[3] if c.value}
    assert sheet["C3"].value == "指标名称\nIndicator"


def test_english_template_has_english_headings_and_words():
    sheet = entry_sheet(open_book(blank(lang="en")))
    assert sheet.title == "Entry" and sheet["C3"].value == "Indicator"
    assert locate(sheet, "12.1", "unit").value == "yes/no"
