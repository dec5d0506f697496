"""Hostile imports on the self-scoring page: script payloads in any text field stay inert text, and
oversized or wrong-version files are refused with the current work kept."""
from __future__ import annotations

import json

from tests.selfscore_helpers import example_bytes, open_session

PAYLOADS = ["<img src=x onerror=\"window.__pwned=1\">", "<script>window.__pwned=1</script>",
            "\"><svg onload=\"window.__pwned=1\">", "javascript:window.__pwned=1"]


def test_script_payloads_in_text_fields_are_shown_as_text(built_site, site_browser):
    case = json.loads(example_bytes("county-complete.json"))
    case["evidence"]["10"] = PAYLOADS[0]
    case["evidence"]["12"] = PAYLOADS[1]
    case["evidence"]["34"] = PAYLOADS[2]
    case["facts"]["new_large_operators"][0]["name"] = PAYLOADS[3] + PAYLOADS[0]
    case["meta"]["title"] = PAYLOADS[1]
    session = open_session(site_browser, built_site, "en")
    page = session.page
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    try:
        session.wait_scored()
        session.import_file("hostile.json", json.dumps(case).encode())
        page.wait_for_function("() => document.querySelector('#evidence-10')?.value.includes('onerror')")
        assert page.input_value("#evidence-12") == PAYLOADS[1]
        page.wait_for_timeout(1500)  # let any injected handler fire
        assert page.evaluate("window.__pwned") is None and dialogs == []
        # no element was created from the payload anywhere in the document
        assert page.evaluate("document.querySelectorAll('img[src=\"x\"], svg[onload]').length") == 0
        session.assert_only_local()
    finally:
        session.context.close()


def test_oversized_and_wrong_version_files_are_refused(built_site, site_browser):
    session = open_session(site_browser, built_site, "zh")
    page = session.page
    try:
        session.wait_scored()
        session.import_file("county-complete.json", example_bytes("county-complete.json"))
        page.wait_for_function("() => document.querySelector('#evidence-10')?.value.length > 0")
        before = session.saved()
        wrong_version = json.loads(example_bytes("county-complete.json"))
        wrong_version["version"] = 99
        for name, content in [("future.json", json.dumps(wrong_version).encode()),
                              ("huge.json", b" " * 3_000_000 + b"{}")]:
            session.import_file(name, content)
            refusal = page.wait_for_selector(".selfscore-message-error[role='alert']")
            assert name in refusal.text_content()
            assert session.saved() == before
            page.evaluate("document.querySelectorAll('.selfscore-message-error').forEach((e) => e.remove())")
    finally:
        session.context.close()
