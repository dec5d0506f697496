"""What the self-scoring page gives back to the user, in headless Chromium: the CSV sheet (UTF-8 with BOM,
CRLF, calc's scores and explanations, formula injection neutralised), the JSON export that imports back
to the same work, refusal of broken files without losing work, and the printed/PDF report.

Every number is checked against CPython's calc.api for the same assessment. Every test also checks that
no request went anywhere but the local test server."""

from __future__ import annotations

import csv
import datetime
import io
import json
import re
import shutil
import subprocess

import pytest
from selfscore_helpers import example_bytes, open_session

from calc import api

EVIDENCE_1 = '=HYPERLINK("http://example.invalid/x","click"), page 3\nsecond line'
EVIDENCE_2 = "+86 359 000, @SUM(A1) -1"


def _cpython_report(data: dict) -> dict:
    answer = json.loads(api.score_json(json.dumps(data, ensure_ascii=False)))
    return answer["report"]


def _download(page, selector: str) -> tuple[str, bytes]:
    with page.expect_download() as info:
        page.click(selector)
    download = info.value
    return download.suggested_filename, open(download.path(), "rb").read()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_csv_opens_in_excel_and_carries_calcs_numbers(built_site, site_browser, lang):
    with open_session(site_browser, built_site, lang) as session:
        page = session.page
        session.wait_scored()
        session.import_file("county-complete.json", example_bytes("county-complete.json"))
        page.fill("#evidence-1", EVIDENCE_1)
        page.fill("#evidence-2", EVIDENCE_2)
        data = session.saved()
        expected = _cpython_report(data)
        session.wait_total(expected["total"])
        name, raw = _download(page, "#selfscore-csv")
        assert name.endswith(".csv")
        # UTF-8 with a byte order mark, every record ended by CRLF and no bare CR anywhere.
        assert raw.startswith(b"\xef\xbb\xbf")
        text = raw[3:].decode("utf-8")
        rows = list(csv.reader(io.StringIO(text, newline="")))
        assert text.endswith("\r\n")
        assert text.count("\r\n") == len(rows)
        assert "\r" not in text.replace("\r\n", "")

        # The header row comes first (a spreadsheet filters and sorts the sheet as it is); the title, unit,
        # years and date follow the table after one empty row.
        header = rows[0]
        assert header[:5] == (
            ["层级", "编号", "名称", "得分", "满分"] if lang == "zh" else ["Level", "No.", "Name", "Score", "Max"]
        )
        end = rows.index([])
        body = rows[1:end]
        assert all(len(row) == 10 for row in body)
        title = "平陆县创建全国网络市场监管与服务示范区自评报告" if lang == "zh" else "self-assessment report"
        assert title in rows[end + 1][0] and len(rows) == end + 3
        levels = {
            "zh": ("总分", "一级指标", "二级指标", "指标", "子项"),
            "en": ("Total", "Category", "Second-level", "Indicator", "Sub-item"),
        }[lang]
        total_rows = [r for r in body if r[0] == levels[0]]
        first_rows = [r for r in body if r[0] == levels[1]]
        second_rows = [r for r in body if r[0] == levels[2]]
        indicator_rows = [r for r in body if r[0] == levels[3]]
        item_rows = [r for r in body if r[0] == levels[4]]
        assert len(total_rows) == 1 and int(total_rows[0][3]) == expected["total"] and int(total_rows[0][4]) == 100
        # Categories are named in the export's language, never by their English ids.
        assert [(r[1], r[2], int(r[3]), int(r[4])) for r in first_rows] == [
            ("", c["name"][lang], c["score"], c["max"]) for c in expected["categories"]
        ]
        assert float(total_rows[0][5]) == expected["rate"]
        assert len(second_rows) == sum(len(c["children"]) for c in expected["categories"])
        assert [(int(r[1]), int(r[3]), int(r[4])) for r in indicator_rows] == [
            (i["number"], i["score"], i["max"]) for i in expected["indicators"]
        ]
        assert len(indicator_rows) == 41
        items = [item for ind in expected["indicators"] for item in ind["items"]]
        assert [(r[1], int(r[3]), int(r[4])) for r in item_rows] == [(i["id"], i["score"], i["max"]) for i in items]
        # The explanation is calc's, line for line, in the page language.
        assert [r[7] for r in item_rows] == [
            "\n".join(line[lang] for line in i["lines"]) or i["explanation"][lang] for i in items
        ]
        assert all(r[2] for r in item_rows), "every sub-item row names its rule"
        # Evidence notes: present, and neutralised where they would start a formula.
        by_number = {r[1]: r for r in indicator_rows}
        assert by_number["1"][8] == "'" + EVIDENCE_1
        assert by_number["2"][8] == "'" + EVIDENCE_2
        assert by_number["10"][8] == data["evidence"]["10"]
        formula_cells = [cell for row in rows for cell in row if cell[:1] in ("=", "+", "-", "@")]
        assert formula_cells == []
        # The quoting is real RFC 4180: the cell with a comma, quotes and a line break is quoted whole.
        assert '"\'=HYPERLINK(""http://example.invalid/x"",""click""), page 3\nsecond line"' in text
        session.assert_only_local()


def test_json_export_imports_back_to_the_same_work(built_site, site_browser):
    with open_session(site_browser, built_site, "en") as session:
        page = session.page
        page.on("dialog", lambda dialog: dialog.accept())
        session.wait_scored()
        page.check("#fact-10\\.1")
        page.fill("#fact-online_tax_share-percent", "3.2")
        page.select_option("#fact-online_retail_growth-2024-mode", "parts")
        page.fill("#fact-online_retail_growth-2024-current", "41.6")
        page.fill("#fact-online_retail_growth-2024-previous", "36.8")
        page.click("#fact-new_large_operators-add")
        page.fill("#fact-new_large_operators-0-name", "Pinglu Apple E-commerce Co.")
        page.fill("#fact-new_large_operators-0-sales_wan_yuan", "12800")
        page.fill("#evidence-8", "Tax bureau statement, 2025")
        page.select_option("#selfscore-region", "west")
        data = session.saved()
        expected = _cpython_report(data)["total"]
        assert expected >= 5
        session.wait_total(expected)

        name, raw = _download(page, "#selfscore-export")
        assert name.endswith(".json")
        exported = json.loads(raw.decode("utf-8"))
        # the file as entered, stamped with when it was exported (the county's tracker shows it)
        stamp = exported["meta"].pop("exported")
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z", stamp), stamp
        assert abs(
            datetime.datetime.fromisoformat(stamp[:-1])
            - datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None)
        ) < datetime.timedelta(minutes=10)
        assert exported == data
        assert json.loads(api.validate_json(raw.decode("utf-8")))["problems"] == []

        page.click("#selfscore-reset")
        session.wait_total(0)
        assert not page.is_checked("#fact-10\\.1")
        assert session.saved()["facts"] == {}

        session.import_file(name, raw)
        session.wait_total(expected)
        assert session.saved() == {**data, "meta": {**data.get("meta", {}), "exported": stamp}}  # the file, as it is
        assert page.is_checked("#fact-10\\.1")
        assert page.input_value("#fact-online_retail_growth-2024-current") == "41.6"
        assert page.input_value("#fact-new_large_operators-0-name") == "Pinglu Apple E-commerce Co."
        assert page.input_value("#evidence-8") == "Tax bureau statement, 2025"
        assert page.input_value("#selfscore-region") == "west"
        # The import can be undone: back to the cleared form.
        page.click(".selfscore-undo")
        session.wait_total(0)
        assert session.saved()["facts"] == {}
        session.assert_only_local()


@pytest.mark.parametrize(
    "name,content,reason",
    [
        ("broken.json", b'{"format": "pinglu-online-market-assessment", "facts": {', "JSON"),
        ("other.json", b'{"name": "a different file", "items": [1, 2]}', "format"),
        ("list.json", b"[1, 2, 3]", "not an assessment"),
        ("picture.json", bytes(range(256)), "not UTF-8 text"),
    ],
)
def test_a_broken_or_foreign_file_is_refused_and_the_work_is_kept(built_site, site_browser, name, content, reason):
    with open_session(site_browser, built_site, "en") as session:
        page = session.page
        session.wait_scored()
        session.import_file("county-complete.json", example_bytes("county-complete.json"))
        page.fill("#evidence-3", "my own note")
        before = session.saved()
        total = _cpython_report(before)["total"]
        session.wait_total(total)
        session.import_file(name, content)
        refusal = page.wait_for_selector(".selfscore-message-error[role='alert']")
        message = refusal.text_content()
        assert name in message and reason in message and "unchanged" in message
        assert session.saved() == before
        assert page.input_value("#evidence-3") == "my own note"
        session.wait_total(total)
        session.assert_only_local()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_print_report_shows_the_report_and_hides_the_form(built_site, site_browser, lang):
    with open_session(site_browser, built_site, lang) as session:
        page = session.page
        session.wait_scored()
        session.import_file("county-complete.json", example_bytes("county-complete.json"))
        page.fill("#evidence-1", "统计局年报第3页" if lang == "zh" else "Statistics bureau yearbook, p. 3")
        expected = _cpython_report(session.saved())
        session.wait_total(expected["total"])
        page.wait_for_function(
            "() => document.querySelector('.selfscore-report [data-report-indicator=\"1\"]')?.textContent.includes('3')"
        )
        assert not page.is_visible(".selfscore-report")  # on screen the report stays out of the way

        # The browser fires beforeprint for Ctrl+P as for the print button; emulate_media does not, so
        # fire it here: the note typed a moment ago must be in the report without waiting for a rescore.
        page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
        page.emulate_media(media="print")
        report = page.locator(".selfscore-report")
        assert report.is_visible()
        text = report.inner_text()
        assert ("平陆县（全县）" if lang == "zh" else "Pinglu County (whole county)") in text
        assert datetime.date.today().isoformat() in text
        assert f"{expected['total']} / 100" in text
        for category in expected["categories"]:
            assert category["name"][lang] in text
        assert page.locator(".selfscore-report [data-report-indicator]").count() == 41
        first = page.locator(".selfscore-report [data-report-indicator='1']")
        assert first.is_visible()
        assert ("统计局年报第3页" if lang == "zh" else "Statistics bureau yearbook, p. 3") in first.inner_text()
        assert expected["indicators"][0]["items"][0]["lines"][0][lang] in first.inner_text()
        # The form and its chrome are not printed, nor the page's own heading and introduction.
        for selector in (
            "#selfscore-unit",
            "#fact-10\\.1",
            "#evidence-1",
            ".selfscore-toolbar",
            ".selfscore-status",
            ".selfscore-summary",
            ".selfscore-merge",
            ".md-header",
            ".md-sidebar--primary",
        ):
            assert not page.is_visible(selector), selector
        assert page.locator(".md-content h1:not(.selfscore-report-title)").first.is_hidden()

        pdf = page.pdf(format="A4", print_background=False)
        assert pdf[:5] == b"%PDF-"
        pages = len(re.findall(rb"/Type\s*/Page(?!s)", pdf))
        assert pages >= 5, pages  # 41 indicators with their explanations do not fit on a few pages
        assert len(pdf) > 100_000

        page.emulate_media(media="screen")
        assert not page.is_visible(".selfscore-report")
        assert page.is_visible("#fact-10\\.1")
        session.assert_only_local()


def test_english_counts_points_in_the_singular_and_plural(built_site, site_browser):
    """ "1 point short", "+1 point": the English page never says "1 points"."""
    with open_session(site_browser, built_site, "en") as session:
        page = session.page
        session.wait_scored()
        data = json.loads(example_bytes("unit-market-regulation.json"))
        data["scope"] = {"kind": "county"}  # the county's gap list, by category (a unit sees its own split)
        expected = _cpython_report(data)
        shorts = [c["short_by"] for c in expected["gap"]["categories"]]
        assert 1 in shorts, "the example no longer has a category one point short; pick another case"
        session.import_file("county-view.json", json.dumps(data, ensure_ascii=False).encode("utf-8"))
        session.wait_total(expected["total"])
        text = page.inner_text(".selfscore")
        assert re.search(r"\b1 point short\b", text)
        if any(item["gain"] == 1 for c in expected["gap"]["categories"] for item in c["items"]):
            assert "+1 point \u2014" in text
        assert not re.search(r"\b1 points\b", text), re.findall(r".{40}\b1 points\b.{20}", text)
        session.assert_only_local()


def _pdf_text(pdf: bytes, tmp_path) -> list[str]:
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf)
    if not shutil.which("pdftotext"):
        pytest.fail("pdftotext is missing: install Debian's poppler-utils (./dev test does, as root)", pytrace=False)
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True).stdout
    return text.split("\f")[:-1]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_units_printed_report_puts_results_first_and_says_what_its_county_total_covers(
    built_site, site_browser, lang, tmp_path
):
    """The market regulation bureau has typed one figure with a full-width digit (9５) and one it cannot
    (1６x). One box asks before exporting (not two); the file holds 95; the PDF's first page has the
    unit's result and the county total labelled as covering this file only; what is missing follows,
    one list under each heading."""
    unit = json.loads(api.template_json("market-regulation", 2024))
    unit["facts"]["tip_check_on_time_rate"] = {"percent": "9５"}
    unit["facts"]["online_operator_share"] = {"percent": "1６x"}
    with open_session(site_browser, built_site, lang) as session:
        page = session.page
        session.wait_scored()
        session.import_file("市场监管局.json", json.dumps(unit, ensure_ascii=False).encode("utf-8"))
        page.wait_for_selector(".selfscore-errors:not([hidden])")
        page.click("#selfscore-export")
        page.wait_for_selector("#selfscore-warn-proceed")
        boxes = page.locator(".selfscore-errors:visible, .selfscore-warn:visible, [role=alert]:visible").count()
        assert boxes == 1, boxes
        assert "meta." not in page.locator("#selfscore-warn-title").locator("..").inner_text()
        _, raw = _download(page, "#selfscore-warn-proceed")
        exported = json.loads(raw)
        assert exported["facts"]["tip_check_on_time_rate"] == {"percent": "95"}
        assert exported["facts"]["online_operator_share"] == {"percent": "1６x"}  # not readable: kept as typed
        assert [v["field"] for v in exported["meta"]["invalid_values"]] == ["facts/online_operator_share/percent"]
        assert page.locator(".selfscore-errors").is_visible()  # the summary is back once the question is answered
        assert page.input_value("#fact-tip_check_on_time_rate-percent") == "9５"  # the page keeps what was typed

        page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
        page.emulate_media(media="print")
        pages = _pdf_text(page.pdf(format="A4"), tmp_path)
        page.emulate_media(media="screen")
        first = pages[0]
        unit_result, county_total, missing, own = (
            ("本单位结果", "全县总分（仅含本文件中的数据）", "还能得分的地方", "本单位可补")
            if lang == "zh"
            else (
                "This unit's result",
                "County total (only the figures in this file)",
                "Where points can still be gained",
                "Items this unit can still earn",
            )
        )
        assert unit_result in first and county_total in " ".join(first.split()), first
        whole = "\n".join(pages)
        assert whole.index(county_total.split()[0]) < whole.index(missing)
        assert whole.count(own) == 1
        session.assert_only_local()
