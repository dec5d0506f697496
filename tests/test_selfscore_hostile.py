"""Hostile imports on the self-scoring page: script payloads in any text field stay inert text;
oversized or wrong-version files are refused with the current work kept; every file of tests/hostile/
gets the verdict the command line gives it."""

from __future__ import annotations

import json

from calc_helpers import run_cli

from tests.selfscore_helpers import STORAGE_KEY, example_bytes, open_session
from tests.test_hostile_files import FILES, HOSTILE, verdict

PAYLOADS = [
    '<img src=x onerror="window.__pwned=1">',
    "<script>window.__pwned=1</script>",
    '"><svg onload="window.__pwned=1">',
    "javascript:window.__pwned=1",
]


def test_script_payloads_in_text_fields_are_shown_as_text(built_site, site_browser):
    case = json.loads(example_bytes("county-complete.json"))
    case["evidence"]["10"] = PAYLOADS[0]
    case["evidence"]["12"] = PAYLOADS[1]
    case["evidence"]["34"] = PAYLOADS[2]
    case["facts"]["new_large_operators"][0]["name"] = PAYLOADS[3] + PAYLOADS[0]
    case["meta"]["title"] = PAYLOADS[1]
    with open_session(site_browser, built_site, "en") as session:
        page = session.page
        dialogs = []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        session.wait_scored()
        session.import_file("hostile.json", json.dumps(case).encode())
        page.wait_for_function("() => document.querySelector('#evidence-10')?.value.includes('onerror')")
        assert page.input_value("#evidence-12") == PAYLOADS[1]
        page.wait_for_timeout(1500)  # let any injected handler fire
        assert page.evaluate("window.__pwned") is None and dialogs == []
        # no element was created from the payload anywhere in the document
        assert page.evaluate("document.querySelectorAll('img[src=\"x\"], svg[onload]').length") == 0
        session.assert_only_local()


def test_oversized_and_wrong_version_files_are_refused(built_site, site_browser):
    with open_session(site_browser, built_site, "zh") as session:
        page = session.page
        session.wait_scored()
        session.import_file("county-complete.json", example_bytes("county-complete.json"))
        page.wait_for_function("() => document.querySelector('#evidence-10')?.value.length > 0")
        before = session.saved()
        wrong_version = json.loads(example_bytes("county-complete.json"))
        wrong_version["version"] = 99
        for name, content in [
            ("future.json", json.dumps(wrong_version).encode()),
            ("huge.json", b" " * 3_000_000 + b"{}"),
        ]:
            session.import_file(name, content)
            refusal = page.wait_for_selector(".selfscore-message-error[role='alert']")
            assert name in refusal.text_content()
            assert session.saved() == before
            page.evaluate("document.querySelectorAll('.selfscore-message-error').forEach((e) => e.remove())")


def _watch_errors(page) -> list[str]:
    """Uncaught exceptions, and what the page itself logs as an error (drawSafely logs what it catches)."""
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(f"pageerror: {error}"))
    page.on("console", lambda message: errors.append(f"console: {message.text}") if message.type == "error" else None)
    return errors


def test_every_hostile_file_gets_the_command_lines_verdict_through_the_file_input(built_site, site_browser):
    """tests/hostile/ through the page's own file input: refused where `python -m calc` refuses (with calc's
    words, the work kept), opened where it opens, with the same total and validity; never an uncaught
    error; and after a reload the page still shows the form."""
    with open_session(site_browser, built_site, "zh") as session:
        page = session.page
        errors = _watch_errors(page)
        session.wait_scored()
        for name in FILES:
            path = HOSTILE / name
            expected = verdict(name)
            code, out, err = run_cli("score", "--json", str(path))
            before = session.saved() if page.evaluate(f"() => localStorage.getItem('{STORAGE_KEY}') !== null") else None
            scored = session.answers()
            message = session.import_file(name, path.read_bytes())
            assert name in message, message
            if expected in ("unreadable", "not-an-assessment"):
                assert "未导入" in message and "当前填写内容保持不变" in message, (name, message)
                reasons = (
                    [err.split("：", 1)[1].strip()]
                    if expected == "unreadable"
                    else [p["message"]["zh"] for p in json.loads(out)["problems"]]
                )
                for reason in reasons:
                    assert reason in message, (name, reason, message)
                if before is not None:
                    assert session.saved() == before, name
                continue
            report = json.loads(out)
            assert message.startswith("已导入"), (name, message)
            session.wait_next_answer(scored)
            assert session.total() == report["total"], name
            assert page.is_hidden(".selfscore-errors") is report["valid"], name
            if not report["valid"]:
                # drawn again from storage alone: the form is there, nothing says it is broken or damaged
                page.reload()
                page.wait_for_selector(".selfscore-indicator")
                assert (
                    page.is_hidden(".selfscore-broken")
                    and page.get_attribute(".selfscore-storage", "data-state") is None
                ), name
                session.wait_scored()
                assert session.total() == report["total"], name
        assert errors == []
