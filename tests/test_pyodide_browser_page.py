"""The self-scoring page in headless Chromium: Pyodide loads from the site itself, a typed value is
scored by calc in the worker, and no request leaves the local test server."""
from __future__ import annotations

import functools
import http.server
import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from hooks.pyodide_assets import source_hash

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="needs Debian's chromium")


class _Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                      ".wasm": "application/wasm", ".mjs": "text/javascript", ".js": "text/javascript",
                      ".json": "application/json", ".whl": "application/zip", ".zip": "application/zip"}

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def served_site(tmp_path_factory):
    site = tmp_path_factory.mktemp("selfscore-site")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site)], cwd=ROOT, env=env,
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr[-3000:]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Handler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture(scope="module")
def browser():
    playwright_api = pytest.importorskip("playwright.sync_api")
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


@pytest.mark.parametrize("path", ["/self-scoring/", "/en/self-scoring/"])
def test_page_scores_with_the_shipped_core_and_stays_local(served_site, browser, path):
    context = browser.new_context()
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    page = context.new_page()
    page.goto(served_site + path)
    # Inputs are usable before Python has loaded.
    page.wait_for_selector("#fact-10\\.1")
    page.check("#fact-10\\.1")
    page.wait_for_selector(".selfscore-status[data-ready]", timeout=120_000)
    assert page.get_attribute("[data-source-hash]", "data-source-hash") == source_hash()
    page.wait_for_selector("[data-indicator='10'] .selfscore-result[data-score]")
    assert page.get_attribute("[data-indicator='10'] .selfscore-result", "data-score") == "2"
    # A rate typed as numerator/denominator is scored by calc, with its explanation line.
    share = page.locator("[data-fact='online_tax_share']")
    share.locator("select").select_option("parts")
    share.locator("input").nth(0).fill("35")
    share.locator("input").nth(1).fill("1000")
    page.wait_for_function(
        "() => document.querySelector(\"[data-indicator='8'] .selfscore-result\")?.textContent.includes('3.5')")
    total = int(page.get_attribute(".selfscore-summary", "data-total"))
    assert total >= 2
    # Saved under the versioned key and restored on reload.
    saved = json.loads(page.evaluate("() => localStorage.getItem('pinglu-selfscore:v1')"))
    assert saved["facts"]["10.1"] is True
    assert saved["facts"]["online_tax_share"] == {"numerator": "35", "denominator": "1000"}
    page.reload()
    page.wait_for_selector(".selfscore-status[data-ready]", timeout=120_000)
    assert page.is_checked("#fact-10\\.1")
    page.wait_for_selector(".selfscore-summary[data-total]")
    assert int(page.get_attribute(".selfscore-summary", "data-total")) == total
    # A broken file is refused and the work is kept.
    page.set_input_files("#selfscore-import", files=[{"name": "broken.json", "mimeType": "application/json",
                                                       "buffer": b"{\"format\": "}])
    page.wait_for_selector(".selfscore-import-refused")
    assert page.is_checked("#fact-10\\.1")
    context.close()
    foreign = [url for url in requests if not url.startswith(served_site) and not url.startswith(("data:", "blob:"))]
    assert foreign == []
