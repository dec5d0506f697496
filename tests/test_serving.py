"""The README's nginx block serves the built site with the right MIME types, the precompressed copies,
caching that never leaves a redeploy stale, and the security headers; the site still works under them.

Runs Debian's nginx (installed by ./dev test as root) on a free port with exactly the block from the
README, pointed at the session's built site (or, for the redeploy test, at a copy that is swapped).
"""

from __future__ import annotations

import contextlib
import functools
import getpass
import http.server
import os
import re
import shutil
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from browser_helpers import browser_context, browser_page

from hooks.offline import write_service_worker

ROOT = Path(__file__).resolve().parent.parent
BROTLI_MODULE = Path("/usr/lib/nginx/modules/ngx_http_brotli_static_module.so")


def readme_snippet() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"<!-- nginx-snippet:start -->\s*```nginx\n(.*?)```\s*<!-- nginx-snippet:end -->", readme, re.S)
    assert block, "README.md lost its nginx snippet markers"
    return block.group(1)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def run_nginx(root: Path, work: Path):
    if not shutil.which("nginx"):
        pytest.fail("nginx is not installed: run ./dev test as root once (it installs nginx)")
    port = free_port()
    server = (
        readme_snippet()
        .replace("listen 80;", f"listen 127.0.0.1:{port};")
        .replace("root /srv/pinglu/site;", f"root {root};")
    )
    (work / "logs").mkdir(parents=True)
    conf = work / "nginx.conf"
    conf.write_text(
        (f"load_module {BROTLI_MODULE};\n" if BROTLI_MODULE.exists() else "")
        # pytest's temporary directories are private to this user, so the workers must run as it too
        + (f"user {getpass.getuser()};\n" if os.geteuid() == 0 else "")
        + f"daemon off;\npid {work}/nginx.pid;\nerror_log {work}/logs/error.log;\nevents {{}}\n"
        + f"http {{\n access_log off;\n client_body_temp_path {work};\n proxy_temp_path {work};\n"
        + f" fastcgi_temp_path {work};\n uwsgi_temp_path {work};\n scgi_temp_path {work};\n{server}\n}}\n",
        encoding="utf-8",
    )
    if not BROTLI_MODULE.exists():
        conf.write_text(conf.read_text(encoding="utf-8").replace("brotli_static on;", ""), encoding="utf-8")
    process = subprocess.Popen(["nginx", "-p", str(work), "-c", str(conf)], stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(base + "/", timeout=1)
            break
        except urllib.error.HTTPError as error:
            process.kill()
            pytest.fail(f"nginx answered {error.code} for /: " + (work / "logs/error.log").read_text())
        except OSError:
            time.sleep(0.05)
    else:
        process.kill()
        pytest.fail("nginx did not start: " + process.stderr.read().decode())
    try:
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture(scope="module")
def nginx(built_site, tmp_path_factory):
    with run_nginx(built_site.dir, tmp_path_factory.mktemp("nginx")) as base:
        yield base


def fetch(url: str, encoding: str | None = None):
    request = urllib.request.Request(url, headers={"Accept-Encoding": encoding} if encoding else {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.headers, response.read()
    except urllib.error.HTTPError as error:  # a 404 has headers to check too
        return error.headers, error.read()


@pytest.mark.parametrize(
    "path,mime",
    [
        ("/assets/pyodide/pyodide.asm.wasm", "application/wasm"),
        ("/assets/pyodide/pyodide.mjs", "text/javascript"),
        ("/assets/pyodide/pyodide.asm.mjs", "text/javascript"),
        ("/assets/pyodide/pyodide-lock.json", "application/json"),
        ("/", "text/html"),
        ("/en/", "text/html"),
        (
            "/downloads/templates/market-regulation.xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
    ],
)
def test_mime_types(nginx, path, mime):
    headers, _ = fetch(nginx + path)
    assert headers.get_content_type() == mime


def test_precompressed_wasm_is_served(nginx, built_site):
    original = (built_site.dir / "assets/pyodide/pyodide.asm.wasm").read_bytes()
    headers, body = fetch(nginx + "/assets/pyodide/pyodide.asm.wasm", "gzip")
    assert headers["Content-Encoding"] == "gzip" and len(body) < len(original) / 2
    assert headers.get_content_type() == "application/wasm"
    if BROTLI_MODULE.exists():
        headers, body = fetch(nginx + "/assets/pyodide/pyodide.asm.wasm", "br, gzip")
        assert headers["Content-Encoding"] == "br"
        import brotli

        assert brotli.decompress(body) == original


def test_every_large_asset_has_compressed_copies(built_site):
    for path in ["assets/pyodide/pyodide.asm.wasm", "assets/pyodide/pyodide.asm.mjs", "pagefind/pagefind.js"]:
        assert (built_site.dir / (path + ".gz")).exists() and (built_site.dir / (path + ".br")).exists(), path


# ------------------------------------------------------------------------------------------------
# Caching and security headers
# ------------------------------------------------------------------------------------------------
IMMUTABLE = "public, max-age=31536000, immutable"
ENGINE_TIMEOUT_MS = 120_000


def site_file(built_site, pattern: str) -> str:
    """URL path of the one built file matching the glob (hashed names differ between builds)."""
    found = sorted(built_site.dir.glob(pattern))
    assert found, pattern
    return "/" + found[0].relative_to(built_site.dir).as_posix()


def meta_policy(built_site) -> str:
    html = (built_site.dir / "index.html").read_text(encoding="utf-8")
    return re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', html).group(1)


def directives(policy: str) -> dict[str, list[str]]:
    parts = (d.split() for d in policy.split(";") if d.strip())
    return {p[0]: p[1:] for p in parts}


def test_caching_headers(nginx, built_site):
    """Unhashed names are revalidated on every use, so a redeploy is seen at once; only content-hashed
    names are cached for good."""
    revalidated = [
        "/",
        "/index.html",
        "/en/",
        "/policy/",
        "/sw.js",
        "/assets/javascripts/site.js",
        "/assets/stylesheets/extra.css",
        "/assets/selfscore/form.json",
        "/assets/pyodide/manifest.json",
        "/assets/pyodide/pyodide-lock.json",
        "/assets/pyodide/pyodide.asm.wasm",
        "/assets/javascripts/engine/worker.js",
        "/pagefind/pagefind-entry.json",
        "/pagefind/pagefind.js",
    ]
    hashed = [
        site_file(built_site, p)
        for p in [
            "assets/javascripts/bundle.*.min.js",
            "assets/stylesheets/main.*.min.css",
            "assets/pyodide/snapshot-*.bin",
            "assets/pyodide/packages/*/*.whl",
            "pagefind/fragment/*.pf_fragment",
            "pagefind/index/*.pf_index",
        ]
    ]
    for path in revalidated:
        headers, _ = fetch(nginx + path, "br, gzip")
        assert headers["Cache-Control"] == "no-cache", path
    for path in hashed:
        headers, _ = fetch(nginx + path, "br, gzip")
        assert headers["Cache-Control"] == IMMUTABLE, path


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/en/indicators/17/",
        "/sw.js",
        "/assets/javascripts/engine/worker.js",
        "/pagefind/pagefind-worker.js",
        "/assets/pyodide/pyodide.asm.wasm",
        "/no-such-page/",
    ],
)
def test_security_headers_on_every_response(nginx, built_site, path):
    headers, _ = fetch(nginx + path, "br, gzip")
    assert headers["X-Content-Type-Options"] == "nosniff" and headers["Referrer-Policy"] == "no-referrer", path
    header, meta = directives(headers["Content-Security-Policy"]), directives(meta_policy(built_site))
    assert header.pop("frame-ancestors") == ["'none'"]
    # The header is the pages' policy, but for the inline scripts' hashes, which the <meta> pins (README).
    meta_scripts, header_scripts = meta.pop("script-src"), header.pop("script-src")
    assert header == meta
    assert header_scripts == [s for s in meta_scripts if not s.startswith("'sha256-")] + ["'unsafe-inline'"]


def test_a_framed_page_is_refused(nginx, built_site, site_browser):
    """A page of the site in an <iframe> of the same site: shown from the plain test server (no header),
    refused from nginx (frame-ancestors 'none')."""
    with browser_page(site_browser, service_workers="block") as page:
        loaded = """async (src) => {
            const frame = document.createElement('iframe');
            const done = new Promise((resolve) => frame.addEventListener('load', resolve));
            frame.src = src;
            document.body.append(frame);
            await done;
            return !!(frame.contentDocument && frame.contentDocument.querySelector('article'));
        }"""
        page.goto(built_site.url)
        assert page.evaluate(loaded, built_site.url + "policy/") is True
        page.goto(nginx + "/")
        assert page.evaluate(loaded, nginx + "/policy/") is False


def is_engine_worker(url: str) -> bool:
    return urllib.parse.urlsplit(url).path.endswith("/engine/worker.js")  # it carries a ?snapshot= query


def test_self_scoring_scores_under_the_header_policy(nginx, site_browser):
    """The engine's worker runs under the header's policy (no <meta> reaches a worker) and still scores."""
    workers, worker_errors = [], []
    with browser_context(site_browser, service_workers="block") as context:
        context.add_init_script(
            "window.__csp = []; document.addEventListener('securitypolicyviolation',"
            " (e) => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));"
        )
        page = context.new_page()
        page.on("worker", lambda worker: workers.append(worker.url))
        page.on("console", lambda m: worker_errors.append(m.text) if "Content Security Policy" in m.text else None)
        with page.expect_response(lambda r: is_engine_worker(r.url)) as worker_response:
            page.goto(nginx + "/self-scoring/")
        assert "frame-ancestors 'none'" in worker_response.value.headers["content-security-policy"]
        page.wait_for_selector(".selfscore-status[data-ready]", timeout=ENGINE_TIMEOUT_MS)
        page.check("#fact-10\\.1")
        page.wait_for_selector("[data-indicator='10'] .selfscore-result[data-score='2']", timeout=ENGINE_TIMEOUT_MS)
        assert page.locator(".selfscore-summary[data-total]").count() == 1
        assert any(is_engine_worker(url) for url in workers)
        assert page.evaluate("window.__csp") == [] and worker_errors == []


def test_an_inline_script_not_in_the_build_is_refused(nginx, site_browser):
    """The header allows inline scripts only because the <meta> pins them: together they still refuse one
    the build did not write."""
    with browser_page(site_browser, service_workers="block") as page:
        page.goto(nginx + "/")
        ran = page.evaluate("""() => { window.__ran = false; const s = document.createElement('script');
            s.textContent = 'window.__ran = true'; document.head.append(s); return window.__ran; }""")
        assert ran is False


# ------------------------------------------------------------------------------------------------
# A redeploy
# ------------------------------------------------------------------------------------------------
MONTH_AGO = time.time() - 30 * 86400
JS_MARKER = "assets/javascripts/site.js"
MARKER_LINE = "\ndocument.documentElement.dataset.build = "


class _PlainHandler(http.server.SimpleHTTPRequestHandler):
    """What a server that sends no Cache-Control does: Last-Modified only, so the browser may keep a copy
    heuristically fresh (a tenth of its age: three days for a file a month old)."""

    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".wasm": "application/wasm",
        ".mjs": "text/javascript",
        ".js": "text/javascript",
        ".json": "application/json",
    }

    def log_message(self, *args):
        pass


@contextlib.contextmanager
def run_plain(root: Path):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_PlainHandler, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def _mark(site: Path, build: str) -> None:
    """A visible marker in the home page and in a script every page runs; their compressed copies go (they
    would be served instead), and sw.js is written again, as a new build writes it."""
    home, script = site / "index.html", site / JS_MARKER
    page = re.sub(r"<p id='build-marker'>[^<]*</p>", "", home.read_text(encoding="utf-8"))  # B is a copy of A
    home.write_text(
        page.replace("</article>", f"<p id='build-marker'>build {build}</p></article>", 1), encoding="utf-8"
    )
    code = script.read_text(encoding="utf-8").split(MARKER_LINE)[0]
    script.write_text(code + f"{MARKER_LINE}{build!r};\n", encoding="utf-8")
    for path in (home, script, site / "sw.js"):
        for suffix in (".gz", ".br"):
            Path(str(path) + suffix).unlink(missing_ok=True)
    write_service_worker(site)


@pytest.fixture(scope="module")
def two_builds(built_site, tmp_path_factory):
    """Build A and build B (a copy of A with its markers changed; the site is not built twice). Every file
    of A is a month old, as on a server that has not been redeployed for a while: that is when a browser's
    heuristic freshness lasts long enough to show the problem (a site built seconds ago would hide it)."""
    work = tmp_path_factory.mktemp("redeploy")
    a, b = work / "a", work / "b"
    shutil.copytree(built_site.dir, a)
    _mark(a, "A")
    for path in a.rglob("*"):
        os.utime(path, (MONTH_AGO, MONTH_AGO))
    shutil.copytree(a, b)  # keeps the times: unchanged files stay unchanged to the server
    _mark(b, "B")
    return a, b


def _shown(page) -> tuple[str, str]:
    page.wait_for_function("() => document.documentElement.dataset.build")
    return page.locator("#build-marker").inner_text(), page.evaluate("document.documentElement.dataset.build")


@pytest.mark.parametrize(
    "server,service_worker",
    [("nginx", True), ("nginx", False), ("plain", True)],
    ids=["nginx-service-worker", "nginx-no-service-worker", "no-cache-control-service-worker"],
)
def test_a_redeploy_is_seen_on_the_first_visit(two_builds, site_browser, tmp_path, server, service_worker):
    """Build A served and visited twice (its service worker installed and in control), build B swapped in
    on the same origin, one visit: B's page and B's script with the README's nginx (with and without the
    service worker); B's page through the service worker alone on a server that sends no Cache-Control."""
    a, b = two_builds
    served = tmp_path / "served"
    served.symlink_to(a, target_is_directory=True)
    start = run_nginx(served, tmp_path / "nginx") if server == "nginx" else run_plain(served)
    with start as base:
        with browser_page(site_browser, service_workers="allow" if service_worker else "block") as page:
            page.goto(base + "/")
            if service_worker:
                page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=60_000)
            page.goto(base + "/")
            assert _shown(page) == ("build A", "A")
            swapped = tmp_path / "swapped"
            swapped.symlink_to(b, target_is_directory=True)
            swapped.replace(served)  # atomically, as a deploy switches a release link
            page.goto(base + "/")
            if server == "nginx":
                assert _shown(page) == ("build B", "B")
            else:
                # The service worker fetches the page past the HTTP cache. Not the page's scripts: measured,
                # Chromium answers a heuristically fresh script from its own cache without asking the
                # service worker. So the server must send Cache-Control (README).
                assert page.locator("#build-marker").inner_text() == "build B"


def test_search_works_under_the_header_policy(nginx, site_browser):
    """Pagefind (its WebAssembly, its worker) under the header's policy."""
    from search_helpers import search

    with browser_context(site_browser, service_workers="block") as context:
        context.add_init_script(
            "window.__csp = []; document.addEventListener('securitypolicyviolation',"
            " (e) => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));"
        )
        page = context.new_page()
        page.goto(nginx + "/en/")
        listed = search(page, "tax")
        assert listed.pages and page.evaluate("window.__csp") == []


@pytest.mark.parametrize(
    "path,lang,title",
    [
        ("/no-such-page/", "zh", "页面不存在"),
        ("/indicators/99/", "zh", "页面不存在"),
        ("/en/no-such-page/", "en", "Page not found"),
        ("/en/indicators/99/", "en", "Page not found"),
    ],
)
def test_a_dead_link_gets_the_not_found_page_of_its_edition(nginx, path, lang, title):
    """A reader of either edition who follows a dead link stays in that edition's language, with its
    navigation and ways on (hooks/not_found.py writes /404.html and /en/404.html)."""
    with pytest.raises(urllib.error.HTTPError) as raised:
        urllib.request.urlopen(nginx + path, timeout=10)
    assert raised.value.code == 404
    page = raised.value.read().decode("utf-8")
    assert f'<html lang="{lang}"' in page and title in page
    home = "/en/" if lang == "en" else "/"
    assert f'<a href="{home}indicators/">' in page  # the way on, in the same edition
