"""Shared fixtures for the site tests.

- `built_site`: the whole site, built once per test session exactly as it ships
  (`mkdocs build`, strict), into a temporary directory, and served over HTTP on 127.0.0.1 from the
  moment it exists. SITE_URL is set to that address, so canonical links, sitemap.xml and Material's
  instant navigation behave as they do on the real host.
- `site_browser`: one headless Debian Chromium per test module (never `playwright install`).

Use them from any test module: `def test_x(built_site): built_site.dir / "index.html" …`.
"""

from __future__ import annotations

import functools
import os
import subprocess
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path

import pytest

# site_helpers sits beside this file; pytest's rootdir import mode does not always put tests/ on sys.path
TESTS = Path(__file__).resolve().parent
if str(TESTS) not in sys.path:
    sys.path.insert(0, str(TESTS))

from site_helpers import CHROMIUM, CHROMIUM_ARGS, LANGUAGES, ROOT, QuietHandler, QuietServer, page_path  # noqa: E402

if str(ROOT) not in sys.path:  # site_macros, tools and hooks import from the repository root
    sys.path.insert(0, str(ROOT))


@dataclass
class BuiltSite:
    dir: Path  # the built site
    url: str  # http://127.0.0.1:<port>/, where it is served
    port: int
    log: str  # everything mkdocs printed
    pages: dict[str, list[str]] = field(default_factory=dict)  # language → page paths under docs/<lang>/

    def html(self, lang: str, page: str) -> Path:
        """The built file of docs/<lang>/<page>: zh at the site root, other languages under /<lang>/
        (use_directory_urls: a.md → a/index.html, a/index.md → a/index.html)."""
        return self.dir / page_path(lang, page) / "index.html"

    def page_url(self, lang: str, page: str) -> str:
        path = page_path(lang, page)
        return self.url + (f"{path}/" if path else "")


def source_pages() -> dict[str, list[str]]:
    """Every Markdown page under docs/<lang>/, as paths relative to that folder."""
    return {
        lang: sorted(p.relative_to(ROOT / "docs" / lang).as_posix() for p in (ROOT / "docs" / lang).rglob("*.md"))
        for lang in LANGUAGES
    }


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    # PINGLU_BUILT_SITE=<dir of a `mkdocs build`>: serve that build instead of building (quick reruns while
    # working on the pages; tests of canonical links and the sitemap then see the address it was built for).
    prebuilt = os.environ.get("PINGLU_BUILT_SITE")
    if prebuilt:
        directory = Path(prebuilt)
        yield from _serve(
            QuietServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(directory))),
            directory,
            "(prebuilt)",
        )
        return
    out = tmp_path_factory.mktemp("site")
    # Bind the port first so that the address baked into the build is the one served.
    handler = functools.partial(QuietHandler, directory=str(out))
    server = QuietServer(("127.0.0.1", 0), handler)
    port = server.server_address[1]
    url = f"http://127.0.0.1:{port}/"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SITE_URL=url)
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "-d", str(out)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    log = proc.stdout + proc.stderr
    if proc.returncode != 0:
        server.server_close()
        pytest.fail(f"mkdocs build failed (exit {proc.returncode}):\n{log[-6000:]}", pytrace=False)
    yield from _serve(server, out, log)


def _serve(server: QuietServer, out: Path, log: str):
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield BuiltSite(dir=out, url=url, port=server.server_address[1], log=log, pages=source_pages())
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def site_browser():
    """Module-scoped: Playwright's sync API allows one running instance per process, so a module that
    starts its own must not overlap with this one."""
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (apt-get install chromium)", pytrace=False)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def pytest_collection_modifyitems(config, items):
    """Markers from what a test uses, so a run can leave out the slow parts: `site` (the test needs the
    built site, which one run builds once) and `browser` (it drives headless Chromium). The seconds-long
    inner loop is `./dev test -m "not site"` (README)."""
    for item in items:
        used = set(getattr(item, "fixturenames", ()))
        if "built_site" in used:
            item.add_marker(pytest.mark.site)
        if "site_browser" in used:
            item.add_marker(pytest.mark.browser)
