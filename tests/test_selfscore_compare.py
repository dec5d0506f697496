"""The self-scoring page's "compare with an earlier file" (assets/javascripts/selfscore/compare.js):
the work on the page is examples/county-complete.json (imported through the page's own file input),
the earlier file examples/county-exactly-85.json, chosen through the comparison's file input. What the
page shows is checked against calc.api.compare_json run here; bad files get a clear message and the work
on the page is untouched."""

from __future__ import annotations

import csv
import io
import json

import pytest
from selfscore_helpers import PHONE, XLSX_MIME, download, example_bytes, open_session, screenshot

from calc import api
from calc.spreadsheet.json_api import report_workbook


def choose_earlier(page, name: str, content: bytes, mime: str = "application/json") -> None:
    details = page.locator("details.selfscore-compare")
    if not details.evaluate("d => d.open"):
        details.locator("summary").click()
    page.set_input_files("#selfscore-compare-file", files=[{"name": name, "mimeType": mime, "buffer": content}])


def work_on_the_page_scores_97(session) -> dict:
    """The work on the page: examples/county-complete.json, imported through the page's own file input."""
    session.wait_scored()
    session.import_file("county-complete.json", example_bytes("county-complete.json"))
    session.wait_total(97)
    return session.saved()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_compare_an_earlier_file_with_the_work_on_the_page(built_site, site_browser, lang):
    with open_session(site_browser, built_site, lang) as session:
        page = session.page
        saved_before = work_on_the_page_scores_97(session)
        expected = json.loads(
            api.compare_json(example_bytes("county-exactly-85.json").decode("utf-8"), json.dumps(saved_before))
        )

        choose_earlier(page, "county-exactly-85.json", example_bytes("county-exactly-85.json"))
        total = page.wait_for_selector(".selfscore-compare-total", timeout=60_000)
        assert (
            total.get_attribute("data-old"),
            total.get_attribute("data-new"),
            total.get_attribute("data-delta"),
        ) == ("85", "97", "12")
        assert total.inner_text().replace(" ", "").endswith("85→97/100（+12）" if lang == "zh" else "85→97/100(+12)")
        verdict = page.locator(".selfscore-compare-verdict")
        assert verdict.get_attribute("data-old") == "true" and verdict.get_attribute("data-new") == "true"
        rows = page.locator(".selfscore-compare-categories tbody tr")
        assert rows.count() == len(expected["categories"])
        for cat in expected["categories"]:
            row = page.locator(f".selfscore-compare-categories tr[data-category='{cat['id']}']")
            assert row.get_attribute("data-delta") == str(cat["delta"])
        changed = [
            ind
            for ind in expected["indicators"]
            if ind["delta"] or ind["changed_items"] or ind["status"]["old"] != ind["status"]["new"]
        ]
        shown = page.locator(".selfscore-compare-indicators tr.selfscore-compare-indicator")
        assert shown.count() == len(changed) > 0
        for ind in changed:
            row = page.locator(f".selfscore-compare-indicators tr[data-indicator='{ind['number']}']")
            assert (row.get_attribute("data-old"), row.get_attribute("data-new")) == (str(ind["old"]), str(ind["new"]))
            # old, now and change each in a column of their own (they used to run together with the title)
            assert row.locator("td").all_inner_texts() == [
                str(ind["old"]),
                str(ind["new"]),
                f"{ind['delta']:+d}" if ind["delta"] else "0",
            ]
            for item in ind["changed_items"]:
                sub = page.locator(
                    f".selfscore-compare-indicators tr[data-indicator-of='{ind['number']}'][data-item='{item['id']}']"
                )
                assert sub.get_attribute("data-status-new") == item["status"]["new"]
                assert sub.locator("td").nth(2).inner_text() == f"{item['new']} / {item['max']}"
        facts = page.locator(".selfscore-compare-facts tbody tr")
        assert facts.count() == len(expected["facts"])
        first = expected["facts"][0]
        assert (
            first["new"][lang]
            in page.locator(f".selfscore-compare-facts tr[data-fact='{first['key']}']").first.inner_text()
        )
        page.locator("details.selfscore-compare").scroll_into_view_if_needed()
        screenshot(page, f"compare-{lang}-1280")
        page.set_viewport_size(PHONE)
        page.locator(".selfscore-compare-total").scroll_into_view_if_needed()
        screenshot(page, f"compare-{lang}-390")

        # Bad files: a clear message each, and nothing of the work on the page is lost.
        refused = "未能比较" if lang == "zh" else "Not compared"
        for name, content, detail in (
            ("broken.json", b"{", "JSON"),
            ("other.json", b'{"format": "something-else"}', None),
            ("picture.json", bytes(range(256)) * 4, "UTF-8"),
        ):
            choose_earlier(page, name, content)
            message = page.wait_for_selector(f"[data-compare-refused]:has-text('{name}')")
            assert refused in message.inner_text() and name in message.inner_text()
            if detail:
                assert detail in page.locator(".selfscore-compare-result").inner_text()
            assert "Traceback" not in page.locator(".selfscore-compare-result").inner_text()
        assert session.saved() == saved_before
        assert session.total() == 97


def test_compare_with_an_earlier_excel_report(built_site, site_browser):
    """The earlier file may be the Excel report exported then (it carries the facts as entered), and a
    spreadsheet calc cannot read is refused in its words, the work on the page kept."""
    workbook = report_workbook(example_bytes("county-exactly-85.json").decode("utf-8"), "en", "2026-06-30")
    with open_session(site_browser, built_site, "en") as session:
        page = session.page
        saved_before = work_on_the_page_scores_97(session)
        choose_earlier(page, "report-june.xlsx", workbook, XLSX_MIME)
        total = page.wait_for_selector(".selfscore-compare-total", timeout=120_000)
        assert (total.get_attribute("data-old"), total.get_attribute("data-new")) == ("85", "97")

        choose_earlier(page, "old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "application/vnd.ms-excel")
        message = page.wait_for_selector(".selfscore-compare-result [role='alert']:has-text('old.xls')", timeout=60_000)
        assert ".xls" in message.inner_text() and "Traceback" not in message.inner_text()
        assert session.saved() == saved_before
        session.assert_only_local()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_comparison_follows_the_work_and_sits_under_the_summary(built_site, site_browser, lang):
    """Compared, then the work changes (a figure is cleared, then another file is imported): the
    comparison follows each time without choosing the file again. It sits right under the summary,
    draws each category before and after against the 75 % line with a text for screen readers, and is
    in the printed report."""
    with open_session(site_browser, built_site, lang) as session:
        page = session.page
        work_on_the_page_scores_97(session)
        choose_earlier(page, "county-exactly-85.json", example_bytes("county-exactly-85.json"))
        page.wait_for_selector(".selfscore-compare-total[data-new='97']", timeout=60_000)
        # Under the summary, before the index and the indicators.
        order = page.evaluate("""() => { const c = document.querySelector('details.selfscore-compare');
            const s = document.querySelector('.selfscore-summary'), i = document.getElementById('indicator-1');
            return [s.compareDocumentPosition(c) & Node.DOCUMENT_POSITION_FOLLOWING, c.compareDocumentPosition(i) & Node.DOCUMENT_POSITION_FOLLOWING]; }""")
        assert all(order), order
        # The chart: one bar pair per category, each with its rates in words.
        expected = json.loads(
            api.compare_json(example_bytes("county-exactly-85.json").decode("utf-8"), json.dumps(session.saved()))
        )
        bars = page.locator(".selfscore-compare-chart li[role='img']")
        assert bars.count() == len(expected["categories"])
        first = expected["categories"][0]
        label = bars.first.get_attribute("aria-label")
        assert f"{first['rate']['old']:g}%" in label and f"{first['rate']['new']:g}%" in label and "75%" in label
        bars.first.scroll_into_view_if_needed()
        screenshot(page, f"compare-live-{lang}")

        # The work changes: 10.1 unticked (county-complete has it ticked, 2 points).
        page.uncheck("#fact-10\\.1")
        session.wait_total(95)
        page.wait_for_selector(".selfscore-compare-total[data-new='95']")
        row = page.locator(".selfscore-compare-indicators tr[data-indicator='10']")
        assert row.count() == 1 and row.get_attribute("data-new") == "0"
        # Another file imported: compared again with it.
        session.import_file("county-exactly-85.json", example_bytes("county-exactly-85.json"))
        session.wait_total(85)
        total = page.wait_for_selector(".selfscore-compare-total[data-new='85']")
        assert total.get_attribute("data-delta") == "0"
        assert page.locator(".selfscore-compare-indicators tr.selfscore-compare-indicator").count() == 0

        # The print carries the comparison as it stands.
        page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
        page.emulate_media(media="print")
        printed = page.locator(".selfscore-report-compare").inner_text()
        page.emulate_media(media="screen")
        assert (
            "85 / 100" in printed
            and "county-exactly-85.json" in page.locator(".selfscore-report-compare-title").inner_text()
        )
        # … and so does the CSV export: the total and each category, earlier and now.
        _, raw = download(page, "#selfscore-csv")
        rows = list(csv.reader(io.StringIO(raw[3:].decode("utf-8"), newline="")))
        level = "与早先比较" if lang == "zh" else "Compared with earlier"
        compared = [r for r in rows if r[:1] == [level]]
        assert len(compared) == 1 + len(expected["categories"])
        assert (
            compared[0][3] == "85"
            and ("早先 85 → 现在 85" if lang == "zh" else "earlier 85 → now 85") in compared[0][6]
        )
        session.assert_only_local()
