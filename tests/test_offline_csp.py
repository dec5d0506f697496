"""The whole site runs under its Content-Security-Policy, works offline after the first visit, and a new
build replaces the old cache instead of serving stale files."""

from __future__ import annotations

import functools
import http.server
import json
import re
import shutil
import threading

import pytest
from browser_helpers import browser_context
from offline_helpers import wait_all_cached

from hooks.offline import build_hash, cache_lists, precache_list, write_service_worker
from hooks.security import script_hashes

ENGINE_TIMEOUT_MS = 120_000
COLLECT_VIOLATIONS = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));
"""
PAGE_KINDS = ["", "en/", "self-scoring/", "en/self-scoring/"]


def existing(built_site, paths):
    return [p for p in paths if (built_site.dir / p / "index.html").exists()]


def test_every_page_carries_the_policy_and_every_inline_script_is_hashed(built_site):
    pages = list(built_site.dir.rglob("*.html"))
    assert pages
    for page in pages:
        html = page.read_text(encoding="utf-8")
        meta = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', html)
        assert meta, page
        policy = meta.group(1)
        assert "default-src 'self'" in policy and "'unsafe-eval'" not in policy and "http" not in policy
        for digest in script_hashes(html):
            assert f"'sha256-{digest}'" in policy, page


@pytest.mark.parametrize(
    "path", PAGE_KINDS + ["policy/", "indicators/", "indicators/17/", "en/units/market-regulation/", "glossary/"]
)
def test_pages_run_without_policy_violations(built_site, site_browser, path):
    if not (built_site.dir / path / "index.html").exists():
        pytest.skip(f"{path} is not part of this build")
    with browser_context(site_browser) as context:
        context.add_init_script(COLLECT_VIOLATIONS)
        page = context.new_page()
        messages = []
        page.on("console", lambda m: messages.append(m.text))
        page.goto(built_site.url + path)
        if "self-scoring" in path:
            page.wait_for_selector(".selfscore-status[data-ready]", timeout=ENGINE_TIMEOUT_MS)
        else:
            page.wait_for_load_state("networkidle")
        assert page.evaluate("window.__csp") == []
        assert not [m for m in messages if "Content Security Policy" in m]


def _cached_count(page):
    return page.evaluate("""async () => {
        const names = await caches.keys();
        let count = 0;
        for (const name of names) count += (await (await caches.open(name)).keys()).length;
        return {names, count};
    }""")


def test_offline_after_the_first_visit(built_site, site_browser):
    with browser_context(site_browser) as context:
        page = context.new_page()
        page.goto(built_site.url)
        page.evaluate("navigator.serviceWorker.ready.then(() => true)")
        wait_all_cached(page, built_site.url, precache_list(built_site.dir))
        page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=60_000)
        context.set_offline(True)
        for path in existing(built_site, ["en/", "policy/", "en/indicators/3/", "en/units/", "glossary/"]):
            page.goto(built_site.url + path)
            assert page.locator("article").count() == 1, path
        page.goto(built_site.url + "en/self-scoring/")
        page.wait_for_selector(".selfscore-status[data-ready]", timeout=ENGINE_TIMEOUT_MS)
        page.check("#fact-10\\.1")
        page.wait_for_selector("[data-indicator='10'] .selfscore-result[data-score='2']", timeout=ENGINE_TIMEOUT_MS)


class _Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".wasm": "application/wasm",
        ".mjs": "text/javascript",
        ".js": "text/javascript",
    }

    def log_message(self, *args):
        pass


def test_a_new_build_replaces_the_old_cache(built_site, site_browser, tmp_path):
    """Serve build A, let its worker cache it, then put build B (one page changed) in its place: the
    reader gets B's page, online and then offline, and only B's cache is left."""
    served = tmp_path / "served"
    shutil.copytree(built_site.dir, served)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Handler, directory=str(served)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        with browser_context(site_browser) as context:
            page = context.new_page()
            page.goto(url)
            page.wait_for_function("async () => (await caches.keys()).length === 1", timeout=120_000, polling=500)
            old = _cached_count(page)["names"]

            home = served / "index.html"
            home.write_text(
                home.read_text(encoding="utf-8").replace("</article>", "<p id='build-b'>build B</p></article>", 1),
                encoding="utf-8",
            )
            new_version = write_service_worker(served)
            assert f"pinglu-site-{new_version}" not in old
            page.goto(url)
            page.evaluate("navigator.serviceWorker.getRegistration().then((r) => r && r.update())")
            page.wait_for_function(
                f"async () => {{ const k = await caches.keys(); return k.length === 1 && k[0] === 'pinglu-site-{new_version}'; }}",
                timeout=120_000,
                polling=500,
            )
            context.set_offline(True)
            page.goto(url)
            assert page.locator("#build-b").count() == 1
    finally:
        server.shutdown()


def test_the_self_scoring_page_registers_the_service_worker_after_the_engine(built_site, site_browser):
    """On the self-scoring page the service worker is registered only once the scoring engine has
    loaded: its precache would otherwise download the Pyodide runtime while the engine downloads it.
    (Whether the precache then gets the runtime from the HTTP cache depends on that cache keeping a
    9.6 MB entry, which a browser may or may not do, so only the order is tested; benchmarks/
    bench_selfscore.py measures the bytes.) It caches the shell and the engine, not the whole site."""
    lists = cache_lists(built_site.dir)
    assert any("snapshot-" in url for url in lists["runtime"]) and lists["pages"]
    with browser_context(site_browser) as context:
        context.add_init_script("""
        if (navigator.serviceWorker) {
          const register = navigator.serviceWorker.register.bind(navigator.serviceWorker);
          navigator.serviceWorker.register = (...args) => {
            window.__registeredAfterEngine = window.__selfscoreEngineSettled === true;
            return register(...args);
          };
        }""")
        page = context.new_page()
        page.goto(built_site.page_url("zh", "self-scoring.md"))
        page.wait_for_selector(".selfscore-status[data-ready]", timeout=ENGINE_TIMEOUT_MS)
        wait_all_cached(page, built_site.url, lists["shell"] + lists["runtime"])
        assert page.evaluate("window.__registeredAfterEngine") is True
        cached = page.evaluate("""async () => {
            const cache = await caches.open((await caches.keys())[0]);
            return (await cache.keys()).map((r) => new URL(r.url).pathname);
        }""")
        assert not [path for path in cached if path.endswith("/policy/")]
        # Offline, the page still starts its engine from what was cached.
        page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=60_000)
        context.set_offline(True)
        page.goto(built_site.page_url("zh", "self-scoring.md"))
        page.wait_for_selector(".selfscore-status[data-ready]", timeout=ENGINE_TIMEOUT_MS)
        page.check("#fact-10\\.1")
        page.wait_for_selector("[data-indicator='10'] .selfscore-result[data-score='2']", timeout=ENGINE_TIMEOUT_MS)


def test_cache_name_follows_the_content(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text("one", encoding="utf-8")
    first = build_hash(tmp_path / "a")
    (tmp_path / "a" / "index.html").write_text("two", encoding="utf-8")
    assert build_hash(tmp_path / "a") != first
    write_service_worker(tmp_path / "a")
    sw = (tmp_path / "a" / "sw.js").read_text(encoding="utf-8")
    assert json.dumps(f"pinglu-site-{build_hash(tmp_path / 'a')}") in sw and '"./"' in sw


def test_pagefind_files_are_cached_and_found_offline_whatever_their_query(built_site, site_browser, tmp_path):
    """Pagefind asks for its files with a ?ts= query; the worker caches them with the site (first visit
    of a page other than the self-scoring page) and finds them offline whatever the query."""
    served = tmp_path / "served"
    shutil.copytree(built_site.dir, served, ignore=shutil.ignore_patterns("*.br", "*.gz"))
    for folder in ("pagefind", "en/pagefind"):
        (served / folder).mkdir(parents=True, exist_ok=True)  # the real bundle is there too: this copy is overwritten
        (served / folder / "pagefind-entry.json").write_text(json.dumps({"folder": folder}), encoding="utf-8")
    write_service_worker(served)
    assert "pagefind/pagefind-entry.json" in cache_lists(served)["pages"]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Handler, directory=str(served)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        with browser_context(site_browser) as context:
            page = context.new_page()
            page.goto(url + "en/")
            wait_all_cached(page, url, precache_list(served))
            page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=60_000)
            context.set_offline(True)
            for folder in ("pagefind", "en/pagefind"):
                answer = page.evaluate(
                    f"fetch('{url}{folder}/pagefind-entry.json?ts=1733100000').then((r) => r.json())"
                )
                assert answer == {"folder": folder}
    finally:
        server.shutdown()
