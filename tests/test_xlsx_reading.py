"""Reading filled .xlsx templates: what spreadsheet users really type, and that the result is scored by calc
exactly as the same values given as JSON."""

from __future__ import annotations

import json

import calc
from calc.spreadsheet.located import score_workbook, validate_workbook
from calc.spreadsheet.read_xlsx import read_workbook
from tests.calc_helpers import EXAMPLES
from tests.xlsx_helpers import YEARS, blank, entry_sheet, fill, open_book, ref, save

UNIT = "market-regulation"


def facts_of(data: bytes) -> dict:
    reading = read_workbook(data, "filled.xlsx")
    assert reading.assessment is not None, reading.problems
    return reading.assessment["facts"]


def test_blank_template_reads_as_the_json_template():
    reading = read_workbook(blank(), "blank.xlsx")
    assert reading.problems == []
    assert reading.assessment["facts"] == calc.template(UNIT, YEARS)["facts"]
    assert reading.assessment["scope"] == {"kind": "unit", "unit": UNIT}
    assert reading.assessment["years"] == list(YEARS)
    assert calc.validate(reading.assessment) == []


def test_percent_formatted_cell_means_that_percent():
    # Typing 95% into a cell stores 0.95 with the 0% format.
    data = fill(
        blank(),
        {("long_lived_operator_share", "period.value"): 0.95, ("identity_claim_rate", "period.value"): 0.955},
        {("long_lived_operator_share", "period.value"): "0%", ("identity_claim_rate", "period.value"): "0.0%"},
    )
    facts = facts_of(data)
    assert facts["long_lived_operator_share"] == {"percent": 95}
    assert facts["identity_claim_rate"] == {"percent": 95.5}


def test_percent_typed_as_text_and_as_a_plain_number():
    data = fill(
        blank(),
        {
            ("long_lived_operator_share", "period.value"): "95.5%",
            ("identity_claim_rate", "period.value"): 40,
            ("online_employment_share", "period.value"): " ９５．５ % ",
        },
    )
    facts = facts_of(data)
    assert facts["long_lived_operator_share"] == {"percent": 95.5}
    assert facts["identity_claim_rate"] == {"percent": 40}
    assert facts["online_employment_share"] == {"percent": 95.5}


def test_yes_no_spellings():
    spellings = {"12.1": "是", "12.2": "√", "12.3": "yes", "13.1": "否", "13.2": "×", "13.3": "No", "14.1": True}
    data = fill(blank(), {(key, "period.value"): value for key, value in spellings.items()})
    facts = facts_of(data)
    assert [facts[k] for k in spellings] == [True, True, True, False, False, False, True]


def test_numbers_as_text_full_width_digits_and_thousands_separators():
    data = fill(
        blank(),
        {
            ("online_operator_share", "period.a"): "3,120",
            ("online_operator_share", "period.b"): "１８，６５０",
            ("procedural_defeat_cases", "period.value"): " 2 ",
            ("online_employment_share", "period.a"): "5 400",
            ("online_employment_share", "period.b"): 142000,
        },
    )
    facts = facts_of(data)
    assert facts["online_operator_share"] == {"numerator": 3120, "denominator": 18650}
    assert facts["procedural_defeat_cases"] == 2
    assert facts["online_employment_share"] == {"numerator": 5400, "denominator": 142000}


def test_per_year_columns():
    data = fill(
        blank(),
        {
            ("online_retail_share", "2024.a"): 41.6,
            ("online_retail_share", "2024.b"): 128.3,
            ("online_retail_share", "2025.value"): 31.4,
        },
    )
    assert facts_of(data)["online_retail_share"] == {
        "2024": {"numerator": 41.6, "denominator": 128.3},
        "2025": {"percent": 31.4},
    }


def test_filled_workbook_scores_as_the_same_values_in_json():
    example = json.loads((EXAMPLES / "unit-market-regulation.json").read_text(encoding="utf-8"))
    from calc.spreadsheet.template_xlsx import entry_workbook

    data = save(entry_workbook(UNIT, YEARS, "zh", assessment=example))
    report, problems = score_workbook(data, "filled.xlsx")
    expected = calc.score(example)
    assert problems == []
    assert report["total"] == expected["total"] and report["scope"]["score"] == expected["scope"]["score"]
    assert [i["score"] for i in report["indicators"]] == [i["score"] for i in expected["indicators"]]


def test_sorted_filtered_blank_rows_hidden_and_extra_columns_extra_sheet_read_the_same():
    values = {
        ("long_lived_operator_share", "period.value"): 4,
        ("12.1", "period.value"): "是",
        ("online_operator_share", "period.a"): 3120,
        ("online_operator_share", "period.b"): 18650,
    }
    plain = facts_of(fill(blank(), values))
    book = open_book(fill(blank(), values))
    sheet = entry_sheet(book)
    sheet.protection.sheet = False
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=5)]
    rows.sort(key=lambda r: str(r[4]), reverse=True)  # sorted by the label column, descending
    for offset, row in enumerate(rows):
        for column, value in enumerate(row, 1):
            sheet.cell(5 + offset * 2, column, value)  # and a blank row after each
            sheet.cell(6 + offset * 2, column, None)
    sheet.insert_cols(4)  # a column of the user's own
    sheet.column_dimensions["F"].hidden = True  # a column hidden
    sheet.row_dimensions[7].hidden = True  # a row filtered out
    sheet["D3"] = "我的备注列"
    book.create_sheet("我的计算", 0)["A1"] = "草稿"
    assert facts_of(save(book)) == plain


def test_problems_are_named_by_sheet_and_cell_and_the_rest_is_read():
    data = fill(
        blank(),
        {
            ("long_lived_operator_share", "period.value"): "很多",
            ("identity_claim_rate", "period.value"): 140,
            ("12.1", "period.value"): "也许",
            ("13.1", "period.value"): "是",
            ("online_operator_share", "period.a"): 3120,
        },
    )
    problems = validate_workbook(data, "filled.xlsx")
    by_code = {p["code"]: p for p in problems}
    assert by_code["not-a-number"]["cell"] == ref(data, "long_lived_operator_share", "period.value")
    assert by_code["not-a-number"]["message"]["zh"].startswith(
        ref(data, "long_lived_operator_share", "period.value") + "："
    )
    assert by_code["not-a-number"]["message"]["en"].startswith(
        ref(data, "long_lived_operator_share", "period.value") + ": "
    )
    assert by_code["not-a-flag"]["cell"] == ref(data, "12.1", "period.value")
    # 140 % is refused by calc.validation itself, and located at the cell it came from
    assert by_code["percent-over-100"]["cell"] == ref(data, "identity_claim_rate", "period.value")
    assert by_code["incomplete-counts"]["cell"] == ref(data, "online_operator_share", "period.b")
    assert {"path", "field", "code", "indicator", "item", "key", "message"} <= set(by_code["not-a-flag"])
    assert facts_of(data)["13.1"] is True  # the rest of the file is still read


def test_percentage_and_counts_must_agree():
    agreeing = fill(
        blank(),
        {
            ("online_operator_share", "period.value"): 16.73,
            ("online_operator_share", "period.a"): 3120,
            ("online_operator_share", "period.b"): 18650,
        },
    )
    assert facts_of(agreeing)["online_operator_share"] == {"numerator": 3120, "denominator": 18650}
    differing = fill(
        blank(),
        {
            ("online_operator_share", "period.value"): 20,
            ("online_operator_share", "period.a"): 3120,
            ("online_operator_share", "period.b"): 18650,
        },
    )
    assert [p["code"] for p in validate_workbook(differing)] == ["percent-differs"]


def test_evidence_and_remarks_become_the_indicator_note():
    data = fill(blank(), {("12.1", "evidence"): "信用监管办法（平市监〔2024〕3号）", ("12.2", "note"): "见附件"})
    evidence = read_workbook(data).assessment["evidence"]
    assert evidence["12"] == "12.1：信用监管办法（平市监〔2024〕3号）\n12.2：备注：见附件"


def test_county_template_with_operators_sheet():
    data = blank(None)
    book = open_book(data)
    firms = next(s for s in book.worksheets if s["A1"].value == "@firms")
    firms["B4"], firms["C4"], firms["D4"] = "平陆果业电商有限公司", 2024, "21,000"
    firms["B5"], firms["C5"], firms["D5"] = "某某网店", "2025", "abc"
    reading = read_workbook(save(book))
    assert reading.assessment["facts"]["new_large_operators"] == [
        {"name": "平陆果业电商有限公司", "year": 2024, "sales_wan_yuan": 21000}
    ]
    assert [p["cell"] for p in reading.problems] == [f"{firms.title}!D5"]


def test_english_template_reads_the_same():
    values = {("long_lived_operator_share", "period.value"): 4, ("12.1", "period.value"): "yes"}
    assert facts_of(fill(blank(lang="en"), values)) == facts_of(
        fill(blank(), {**values, ("12.1", "period.value"): "是"})
    )
