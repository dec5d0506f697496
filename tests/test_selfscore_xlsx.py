"""Excel workbooks on the self-scoring page, through its own file inputs: a unit's filled template (a
percent-formatted cell, 是, a number typed as text) imports and scores exactly as `python -m calc score`
scores the same workbook; a workbook with a wrong value is opened with the problem named by sheet and
cell; an .xls is refused in calc's words with the work kept; and the county merges two workbooks and a
JSON file. openpyxl is not loaded until the first workbook (the spreadsheet engine is its own worker)."""

from __future__ import annotations

import json
from pathlib import Path

from calc_helpers import run_cli

from tests.selfscore_helpers import example_bytes, open_session
from tests.xlsx_helpers import blank, fill, open_book, ref

FILLED = {
    ("long_lived_operator_share", "period.value"): 0.95,  # typed 95% in Excel: 0.95 shown as a percent
    ("12.1", "period.value"): "是",
    ("identity_claim_rate", "period.value"): "96.5",
}  # a number stored as text
FORMATS = {("long_lived_operator_share", "period.value"): "0%"}


def _cli_report(tmp_path, name: str, content: bytes) -> dict:
    path = tmp_path / name
    path.write_bytes(content)
    return json.loads(run_cli("score", "--json", str(path))[1])


def test_a_filled_template_imports_and_scores_as_on_the_command_line(built_site, site_browser, tmp_path):
    with open_session(site_browser, built_site, "zh") as session:
        page = session.page
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        session.wait_scored()
        # nothing of the spreadsheet engine on a visit that has not opened a workbook
        assert not [url for url in session.requests if "openpyxl" in url or "spreadsheets" in url]
        workbook = fill(blank("market-regulation"), FILLED, FORMATS)
        expected = _cli_report(tmp_path, "market-regulation.xlsx", workbook)
        assert expected["valid"], expected["problems"]
        scored = session.answers()
        message = session.import_file("市场监管局自评.xlsx", workbook)
        assert message.startswith("已导入"), message
        session.wait_next_answer(scored)
        assert session.total() == expected["total"]
        saved = session.saved()
        assert saved["facts"]["long_lived_operator_share"] == {"percent": 95}
        assert saved["facts"]["12.1"] is True and saved["facts"]["identity_claim_rate"] == {"percent": 96.5}
        assert page.is_checked("[id='fact-12.1']")
        assert [url for url in session.requests if "openpyxl" in url], "openpyxl was not loaded from the site"

        # a wrong value: opened, and the problem names its cell
        wrong = fill(blank("market-regulation"), {("identity_claim_rate", "period.value"): 140})
        cell = ref(wrong, "identity_claim_rate", "period.value")
        expected = _cli_report(tmp_path, "wrong.xlsx", wrong)
        scored = session.answers()
        assert session.import_file("wrong.xlsx", wrong).startswith("已导入")
        session.wait_next_answer(scored)
        assert session.total() == expected["total"]
        assert cell in " ".join(p["message"]["zh"] for p in expected["problems"]) or any(
            p.get("cell") == cell for p in expected["problems"]
        )

        # an old-format workbook: refused in calc's words, nothing of the work changed
        before = session.saved()
        old = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600)
        refusal = session.import_file("旧表格.xls", old)
        assert "未导入" in refusal and "另存为" in refusal and session.saved() == before
        session.assert_only_local()
        assert errors == []


def test_the_county_merges_two_workbooks_and_a_json_file(built_site, site_browser, tmp_path):
    with open_session(site_browser, built_site, "en") as session:
        page = session.page
        session.wait_scored()
        tax = fill(blank("taxation"), {("online_tax_share", "period.value"): 4})
        market = fill(blank("market-regulation"), FILLED, FORMATS)
        page.locator("details.selfscore-merge > summary").click()
        page.set_input_files(
            "#selfscore-merge-files",
            files=[
                {"name": "tax.xlsx", "mimeType": "application/octet-stream", "buffer": tax},
                {"name": "market.xlsx", "mimeType": "application/octet-stream", "buffer": market},
                {
                    "name": "stats.json",
                    "mimeType": "application/json",
                    "buffer": example_bytes("county-exactly-85.json"),
                },
            ],
        )
        total = page.wait_for_selector("[data-merged-total]", timeout=120_000)
        paths = []
        for name, content in (
            ("tax.xlsx", tax),
            ("market.xlsx", market),
            ("stats.json", example_bytes("county-exactly-85.json")),
        ):
            paths.append(tmp_path / name)
            paths[-1].write_bytes(content)
        merged_file = tmp_path / "county.json"
        run_cli("merge", *map(str, paths), "-o", str(merged_file))
        expected = json.loads(run_cli("score", "--json", str(merged_file))[1])
        assert int(total.get_attribute("data-merged-total")) == expected["total"]
        sources = page.locator(".selfscore-merge-sources li").all_text_contents()
        assert len(sources) == 3 and any("tax.xlsx" in s for s in sources)

        # The coordinator takes the combined file and reads who has sent theirs (calc/tracker.py).
        page.once("dialog", lambda dialog: dialog.accept())
        page.click("#selfscore-merge-use")
        session.wait_total(expected["total"])
        tracker = page.wait_for_selector(".selfscore-tracker[data-received='2'][open]")
        assert expected["tracker"]["summary"]["en"] in tracker.inner_text()
        assert "Files are in from 2 of 23 responsible units." in tracker.inner_text()
        tax_row = page.locator(".selfscore-tracker tr[data-unit='taxation']")
        assert tax_row.get_attribute("data-received") == "1" and "tax.xlsx" in tax_row.inner_text()
        assert "exported or saved" in tax_row.inner_text()  # the workbook says when it was saved
        finance = page.locator(".selfscore-tracker tr[data-unit='finance']")
        assert finance.get_attribute("data-received") == "0"
        assert "Missing" in finance.inner_text() and "39" in finance.inner_text() and "2 points" in finance.inner_text()
        # The county file (stats.json) is in, but it is no unit's.
        assert "stats.json" in tracker.inner_text()
        finance.locator("a[data-goto='39']").click()
        page.wait_for_selector("#indicator-39[data-open='1']")

        # The tracker goes into the printed report …
        page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
        page.emulate_media(media="print")
        printed = page.locator(".selfscore-report .selfscore-report-tracker")
        assert printed.is_visible()
        assert "County Finance Bureau" in printed.inner_text() and "Missing" in printed.inner_text()
        page.emulate_media(media="screen")
        # … and the Excel report, on its own sheet.
        with page.expect_download(timeout=120_000) as info:
            page.click("#selfscore-xlsx")
        book = open_book(Path(info.value.path()).read_bytes())
        rows = {row[0]: row for row in book["Files received"].iter_rows(min_row=4, values_only=True) if row[0]}
        assert rows["County Taxation Bureau"][1] == "in" and "tax.xlsx" in rows["County Taxation Bureau"][2]
        assert rows["County Finance Bureau"][1] == "missing"
        session.assert_only_local()


def test_the_excel_report_exports_and_imports_back_to_the_same_scores(built_site, site_browser):
    with open_session(site_browser, built_site, "zh") as session:
        page = session.page
        session.wait_scored()
        session.import_file("county-complete.json", example_bytes("county-complete.json"))
        session.wait_scored()
        total = session.total()
        with page.expect_download(timeout=120_000) as info:
            page.click("#selfscore-xlsx")
        report = info.value
        assert report.suggested_filename.endswith(".xlsx")
        content = Path(report.path()).read_bytes()
        assert content.startswith(b"PK")
        page.once("dialog", lambda dialog: dialog.accept())  # "start over?"
        page.click("#selfscore-reset")
        page.wait_for_function("() => document.querySelector('.selfscore-summary')?.dataset.total === '0'")
        scored = session.answers()
        assert session.import_file(report.suggested_filename, content).startswith("已导入")
        session.wait_next_answer(scored)
        assert session.total() == total
