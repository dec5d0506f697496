"""The self-scoring page's runtime in headless Chromium: Pyodide loads from the site itself, a typed value
is scored by calc in the worker with the source the build shipped, the work survives a reload, the page
also starts after Material's instant navigation, a server with the wrong .wasm type gets a clear message,
and no request leaves the local test server.

Uses the session fixtures `built_site` and `site_browser` (tests/conftest.py)."""

from __future__ import annotations

import contextlib
import functools
import http.server
import json
import re
import threading

import pytest
from browser_helpers import browser_context
from selfscore_helpers import ENGINE_TIMEOUT_MS, open_session

from hooks.pyodide_assets import source_hash

# Counts the Web Workers a page makes (the service worker's own requests would show worker.js again).
COUNT_WORKERS = """
window.__workersMade = 0;
window.Worker = class extends window.Worker {
  constructor(...args) { super(...args); window.__workersMade += 1; }
};
"""


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_page_scores_with_the_shipped_core_and_stays_local(built_site, site_browser, lang):
    # With the site's offline service worker running, as visitors get it.
    with open_session(site_browser, built_site, lang, service_workers="allow") as session:
        page = session.page
        # Inputs are usable before Python has loaded.
        page.wait_for_selector("#fact-10\\.1")
        page.check("#fact-10\\.1")
        session.wait_scored()
        assert page.get_attribute("[data-source-hash]", "data-source-hash") == source_hash()
        # Python started from the build's snapshot, which the technical details say.
        stages = json.loads(page.get_attribute("[data-stage-times]", "data-stage-times"))
        assert "snapshot" in stages and "fallback" not in stages and "calc" not in stages
        assert any("/assets/pyodide/snapshot-" in url for url in session.requests)
        assert page.get_attribute(".selfscore-path", "data-engine-path") == "snapshot"
        assert ("引擎快照" if lang == "zh" else "engine snapshot") in page.text_content(".selfscore-path")
        # The worker was started by the page's early script, while the page loaded, and taken over by
        # app.js with the messages it had sent meanwhile (the stages above are among them).
        assert page.evaluate("() => window.__selfscoreBoot.early === true && window.__selfscoreBoot.queue === null")
        page.wait_for_selector("[data-indicator='10'] .selfscore-result[data-score='2']")
        # A rate typed as numerator/denominator is scored by calc, with its explanation line.
        share = page.locator("[data-fact='online_tax_share']")
        share.locator("select").select_option("parts")
        page.fill("#fact-online_tax_share-numerator", "35")
        page.fill("#fact-online_tax_share-denominator", "1000")
        page.wait_for_function(
            "() => document.querySelector(\"[data-indicator='8'] .selfscore-result\")?.textContent.includes('3.5')"
        )
        page.wait_for_selector("[data-indicator='8'] .selfscore-result[data-score='1']")
        session.wait_total(3)
        # Saved under the versioned key and restored on reload.
        saved = session.saved()
        assert saved["facts"]["10.1"] is True
        assert saved["facts"]["online_tax_share"] == {"numerator": "35", "denominator": "1000"}
        page.add_init_script(COUNT_WORKERS)
        page.reload()
        session.wait_scored()
        assert page.evaluate("window.__workersMade") == 1  # one engine, though two scripts may start it
        assert page.is_checked("#fact-10\\.1")
        assert page.input_value("#fact-online_tax_share-numerator") == "35"
        session.wait_total(3)
        session.assert_only_local()


def test_page_starts_after_instant_navigation(built_site, site_browser):
    with open_session(site_browser, built_site, "zh") as session:
        page = session.page
        page.add_init_script(COUNT_WORKERS)
        page.goto(built_site.page_url("zh", "index.md"))
        page.wait_for_selector(".md-nav a[href$='self-scoring/']")
        page.click(".md-nav--primary a[href$='self-scoring/']")
        # Material swapped the article in without a page load (the same document keeps its marker).
        page.wait_for_selector("[data-selfscore].selfscore")
        session.wait_scored()
        page.check("#fact-10\\.1")
        session.wait_total(2)
        # Away and back again: the page mounts a second time and scores with the already loaded engine.
        page.go_back()
        page.wait_for_function("() => !document.querySelector('[data-selfscore]')")
        page.go_forward()
        session.wait_scored()
        session.wait_total(2)
        assert page.is_checked("#fact-10\\.1")
        # One engine for the whole visit: the page's early start script and app.js share one worker.
        assert page.evaluate("window.__workersMade") == 1
        session.assert_only_local()


class _SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the built site with the types the README asks for, quietly; subclasses change one answer."""

    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".wasm": "application/wasm",
        ".mjs": "text/javascript",
        ".js": "text/javascript",
        ".json": "application/json",
    }

    def send_body(self, data: bytes, content_type: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


@contextlib.contextmanager
def _served(handler: type[_SiteHandler], built_site, site_browser):
    """The built site behind `handler` on a free port: (origin, browser context without service workers,
    the URLs it requested)."""
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(handler, directory=str(built_site.dir))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with browser_context(site_browser, service_workers="block") as context:
            requests: list[str] = []
            context.on("request", lambda request: requests.append(request.url))
            yield f"http://127.0.0.1:{server.server_address[1]}/", context, requests
    finally:
        server.shutdown()
        server.server_close()


class _WrongWasmType(_SiteHandler):
    """A server like many default ones: .wasm as application/octet-stream."""

    extensions_map = {**_SiteHandler.extensions_map, ".wasm": "application/octet-stream"}


def test_wrong_wasm_type_gives_a_clear_message_and_the_form_stays_usable(built_site, site_browser):
    with _served(_WrongWasmType, built_site, site_browser) as (origin, context, requests):
        page = context.new_page()
        page.goto(origin + "en/self-scoring/")
        page.wait_for_selector(".selfscore-status[data-failed='wasm-mime']", timeout=ENGINE_TIMEOUT_MS)
        assert "application/wasm" in page.text_content(".selfscore-status")
        page.check("#fact-10\\.1")
        page.fill("#evidence-10", "kept")
        saved = page.evaluate("() => JSON.parse(localStorage.getItem('pinglu-selfscore:v1'))")
        assert saved["facts"]["10.1"] is True and saved["evidence"]["10"] == "kept"
        # the worker's one request for the wasm, whose headers it checks
        assert any(url.endswith("pyodide.asm.wasm") for url in requests)
        assert [url for url in requests if not url.startswith((origin, "data:", "blob:"))] == []


class _CorruptSnapshot(_SiteHandler):
    """Serves the built site, except that the snapshot's bytes are damaged."""

    def do_GET(self):
        if "/assets/pyodide/snapshot-" in self.path:
            data = bytearray(open(self.translate_path(self.path), "rb").read())
            data[len(data) // 2] ^= 0xFF  # same size, one byte changed: only the sha256 can tell
            self.send_body(bytes(data), "application/octet-stream")
            return
        super().do_GET()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_damaged_snapshot_is_refused_and_the_page_scores_through_the_lock(built_site, site_browser, lang):
    with _served(_CorruptSnapshot, built_site, site_browser) as (origin, context, requests):
        page = context.new_page()
        page.goto(origin + ("en/" if lang == "en" else "") + "self-scoring/")
        page.check("#fact-10\\.1")
        page.wait_for_selector(".selfscore-status[data-ready]", timeout=ENGINE_TIMEOUT_MS)
        page.wait_for_selector("[data-indicator='10'] .selfscore-result[data-score='2']")
        assert page.get_attribute("[data-source-hash]", "data-source-hash") == source_hash()
        # The technical details say which path ran: the fallback, then the runtime and calc's wheel.
        stages = json.loads(page.get_attribute("[data-stage-times]", "data-stage-times"))
        assert {"snapshot", "fallback", "runtime", "calc"} <= set(stages)
        details = page.text_content(".selfscore-stage-times")
        assert ("快照不可用" if lang == "zh" else "snapshot unusable") in details
        assert page.get_attribute(".selfscore-path", "data-engine-path") == "runtime"
        assert ("快照未用" if lang == "zh" else "snapshot not used") in page.text_content(".selfscore-path")
        assert any(url.endswith("pinglu_assessment-1.0.0-py3-none-any.whl") for url in requests)
        # The page named this snapshot, so its download began before manifest.json was read: once, not twice.
        assert len([url for url in requests if "/assets/pyodide/snapshot-" in url]) == 1
        assert [url for url in requests if not url.startswith((origin, "data:", "blob:"))] == []


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_page_names_the_snapshot_of_its_own_build(built_site, lang):
    """The early start script passes it to the worker, which starts downloading it before manifest.json."""
    manifest = json.loads((built_site.dir / "assets" / "pyodide" / "manifest.json").read_text(encoding="utf-8"))
    snapshot = manifest["snapshot"]
    html = built_site.html(lang, "self-scoring.md").read_text(encoding="utf-8")
    assert f'data-snapshot="{snapshot["file"]}:{snapshot["sha256"]}:{snapshot["size"]}"' in html


class _PageOfAnotherBuild(_SiteHandler):
    """The self-scoring page names a snapshot that this build's manifest does not (a page and an engine of
    two builds, as when a server is half updated)."""

    OTHER = "snapshot-0123456789abcdef.bin:" + "ab" * 32 + ":1000"

    def do_GET(self):
        if self.path.rstrip("/").endswith("self-scoring"):
            html = open(self.translate_path(self.path) + "index.html", encoding="utf-8").read()
            self.send_body(
                re.sub(r'data-snapshot="[^"]*"', f'data-snapshot="{self.OTHER}"', html).encode("utf-8"),
                "text/html; charset=utf-8",
            )
            return
        super().do_GET()


def test_a_page_naming_another_snapshot_still_starts_from_the_manifests_one(built_site, site_browser):
    with _served(_PageOfAnotherBuild, built_site, site_browser) as (origin, context, requests):
        page = context.new_page()
        page.goto(origin + "self-scoring/")
        page.check("#fact-10\\.1")
        page.wait_for_selector(".selfscore-status[data-ready]", timeout=ENGINE_TIMEOUT_MS)
        page.wait_for_selector("[data-indicator='10'] .selfscore-result[data-score='2']")
        assert page.get_attribute(".selfscore-path", "data-engine-path") == "snapshot"
        manifest = json.loads((built_site.dir / "assets" / "pyodide" / "manifest.json").read_text(encoding="utf-8"))
        assert len([url for url in requests if url.endswith("/assets/pyodide/" + manifest["snapshot"]["file"])]) == 1
        assert any("snapshot=snapshot-0123456789abcdef.bin" in url for url in requests if "worker.js" in url)
        assert page.get_attribute("[data-source-hash]", "data-source-hash") == source_hash()
