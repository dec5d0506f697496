"""What storage can do to the self-scoring page, tried as it happens to people: work saved by an older or
damaged page, a storage that is full or switched off, and the same page open in two tabs. In each case
nothing typed is lost without a word, and the page stays usable."""

from __future__ import annotations

import contextlib
import json

from tests.selfscore_helpers import STORAGE_KEY, download, open_session

DAMAGED_KEY = STORAGE_KEY + ":damaged"
MERGE_KEY = STORAGE_KEY + ":merge"
ANSWER_KEY = STORAGE_KEY + ":answer"
RATE = "#fact-online_tax_share-percent"  # indicator 1's ratio, typed as a percentage


def _errors(page, only_this_page=False) -> list[str]:
    """Uncaught errors; only_this_page: only those thrown by the self-scoring scripts (with storage switched
    off, Material's own inline palette script throws too, before any of this page's code runs)."""
    errors: list[str] = []
    page.on(
        "pageerror",
        lambda error: errors.append(str(error)) if not only_this_page or "/selfscore/" in (error.stack or "") else None,
    )
    return errors


@contextlib.contextmanager
def _page(site_browser, built_site, lang: str, only_this_page: bool = False):
    """The self-scoring page in a fresh context, and the list its uncaught errors go to."""
    with open_session(site_browser, built_site, lang) as session:
        yield session, session.page, _errors(session.page, only_this_page)


def _stored(page, key: str = STORAGE_KEY):
    return page.evaluate("key => localStorage.getItem(key)", key)


def _type_rate(page, value: str) -> None:
    page.fill(RATE, value)
    page.wait_for_function(
        "v => (JSON.parse(localStorage.getItem('%s') || '{}').facts || {}).online_tax_share?.percent === v"
        % STORAGE_KEY,
        arg=value,
    )


def test_damaged_work_is_kept_aside_offered_for_export_and_never_overwritten(built_site, site_browser):
    with _page(site_browser, built_site, "zh") as (session, page, errors):
        page.wait_for_selector(RATE)
        damaged = '{"format": "pinglu-online-market-assessment", "version": 1, "facts": {"online_tax_share": '
        page.evaluate(
            """([key, text, merge, answer]) => { localStorage.setItem(key, text);
            localStorage.setItem(merge, '{"conflicts": [{"field": 1}]}'); localStorage.setItem(answer, '{"input": 5}'); }""",
            [STORAGE_KEY, damaged, MERGE_KEY, ANSWER_KEY],
        )
        page.reload()
        box = page.wait_for_selector(".selfscore-storage[data-state='damaged']")
        assert "已损坏" in box.text_content() and "没有删除" in box.text_content()
        assert page.input_value(RATE) == ""  # a blank form, said to be one
        name, content = download(page, "#selfscore-export-damaged")
        assert content.decode("utf-8") == damaged and name.endswith(".json")
        _type_rate(page, "4.5")  # the first keystroke saves the new work ...
        assert _stored(page, DAMAGED_KEY) == damaged  # ... and the damaged one is still there
        session.wait_scored()
        page.reload()  # the new work is what comes back; the damaged copy is still offered until dismissed
        page.wait_for_selector(".selfscore-indicator")
        assert page.input_value(RATE) == "4.5"
        assert errors == []


def test_a_full_storage_is_said_and_the_work_can_be_exported(built_site, site_browser):
    with _page(site_browser, built_site, "en") as (session, page, errors):
        session.wait_scored()
        _type_rate(page, "3")
        # fill the origin's quota, as other pages of the same intranet host can
        # (the kept answer goes first: the page itself drops it to make room for the work)
        page.wait_for_timeout(500)  # the answer is kept once typing pauses (300 ms)
        page.evaluate(
            """(answer) => { localStorage.removeItem(answer); const chunk = 'x'.repeat(256 * 1024); let i = 0;
            try { for (;;) localStorage.setItem('filler-' + i++, chunk); } catch (err) {}
            for (const size of [4096, 64, 1]) {
              try { for (let j = 0; ; j++) localStorage.setItem('small-' + size + '-' + j, 'x'.repeat(size)); } catch (err) {} } }""",
            ANSWER_KEY,
        )
        note = "The minutes of the joint meeting, " * 20  # more than the few bytes left
        page.fill("#evidence-1", note)
        warning = page.wait_for_selector(".selfscore-storage[data-state='failed']")
        assert "cannot be saved" in warning.text_content()
        _, content = download(page, "#selfscore-export-unsaved")
        exported = json.loads(content)
        assert exported["evidence"]["1"] == note and exported["facts"]["online_tax_share"] == {"percent": "3"}
        page.wait_for_function("() => document.querySelector('.selfscore-summary').dataset.scoredBy === 'python'")
        # room again: the next change is saved, and the page says so
        page.evaluate(
            "() => Object.keys(localStorage).filter((k) => /^(filler|small)-/.test(k)).forEach((k) => localStorage.removeItem(k))"
        )
        _type_rate(page, "3.8")
        page.wait_for_selector(".selfscore-storage[data-state='restored']")
        assert errors == []


def test_storage_switched_off_still_scores_and_says_nothing_is_kept(built_site, site_browser):
    with _page(site_browser, built_site, "zh", only_this_page=True) as (session, page, errors):
        # as with cookies and site data blocked: every use of localStorage throws
        page.add_init_script("""for (const name of ['getItem', 'setItem', 'removeItem']) {
            Storage.prototype[name] = function () { throw new DOMException('blocked', 'SecurityError'); }; }""")
        page.reload()
        page.wait_for_selector(".selfscore-storage[data-state='failed']")
        session.wait_scored()
        page.fill(RATE, "5")
        page.wait_for_function("() => Number(document.querySelector('.selfscore-summary').dataset.scored) > 1")
        assert "未能保存" in page.text_content(".selfscore-storage")
        assert errors == []


def test_two_tabs_see_each_others_edits_and_never_overwrite_them(built_site, site_browser):
    with _page(site_browser, built_site, "zh") as (session, first, errors):
        session.wait_scored()
        second = session.context.new_page()
        errors += _errors(second)
        second.goto(first.url)
        second.wait_for_selector(RATE)
        evidence_1, evidence_2 = "#evidence-1", "#evidence-2"
        # four edits, taking turns: each tab's edit arrives in the other before its next one
        first.fill(evidence_1, "第一个标签页的说明")
        second.wait_for_function("() => document.querySelector('#evidence-1')?.value === '第一个标签页的说明'")
        assert second.get_attribute(".selfscore-storage", "data-state") == "other-tab"
        second.fill(evidence_2, "第二个标签页的说明")
        first.wait_for_function("() => document.querySelector('#evidence-2')?.value === '第二个标签页的说明'")
        first.fill(RATE, "4.2")
        second.wait_for_function("() => document.querySelector('#fact-online_tax_share-percent')?.value === '4.2'")
        second.fill("#evidence-3", "又一条说明")
        first.wait_for_function("() => document.querySelector('#evidence-3')?.value === '又一条说明'")
        saved = json.loads(_stored(first))
        assert saved["evidence"] == {"1": "第一个标签页的说明", "2": "第二个标签页的说明", "3": "又一条说明"}
        assert saved["facts"]["online_tax_share"] == {"percent": "4.2"}

        # another writer this tab has not heard from yet: its next change is not written over it
        other = dict(saved, evidence={**saved["evidence"], "4": "别处保存的说明"})
        first.evaluate(
            "([key, text]) => localStorage.setItem(key, text)", [STORAGE_KEY, json.dumps(other, ensure_ascii=False)]
        )
        first.fill("#evidence-5", "本页的新说明")
        first.wait_for_selector(".selfscore-storage[data-state='conflict']")
        assert json.loads(_stored(first))["evidence"]["4"] == "别处保存的说明"
        first.click("#selfscore-take-other")
        first.wait_for_function("() => document.querySelector('#evidence-4')?.value === '别处保存的说明'")
        assert errors == []
