"""Shared fixtures for the site tests, and how one run shares one site build among its processes.

- `built_site`: the whole site, built once per run exactly as it ships (`mkdocs build`, strict), into a
  temporary folder, and served over HTTP on 127.0.0.1. SITE_URL is set to that address, so canonical links,
  sitemap.xml and Material's instant navigation behave as they do on the real host.
- `site_browser`: one headless Debian Chromium per test process (never `playwright install`).

`./dev test` runs the tests in two processes (pytest-xdist, one per core: the browser tests leave a core
idle a third of the time while a page waits for the network or a timer). The main process (pytest's own, or
xdist's controller) binds the site's address and serves the folder from the start to the end of the run:
xdist ends a worker as soon as it has nothing left to run, so no worker may own the server. The first
process to collect a site test builds the site in the background, while the tests that need no site (run
first) go on; the others wait for its exit code in the shared folder. Without xdist (`-n 0`) one process
plays every part.

Use them from any test module: `def test_x(built_site): built_site.dir / "index.html" …`.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
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


SHARED_ENV = "PINGLU_TEST_SHARED"  # the run's shared folder: site/, build.log, build.exit (workers inherit it)
SITE_URL_ENV = "PINGLU_TEST_SITE_URL"  # where the main process serves site/ (or PINGLU_BUILT_SITE)
BUILD_TIMEOUT_S = 30 * 60


@dataclass
class MainProcess:
    shared: Path
    server: QuietServer


MAIN_PROCESS = pytest.StashKey[MainProcess]()


def pytest_configure(config: pytest.Config) -> None:
    if hasattr(config, "workerinput"):  # an xdist worker: the main process has set everything up
        return
    shared = Path(tempfile.mkdtemp(prefix="pinglu-tests-"))
    site = shared / "site"
    site.mkdir()
    # PINGLU_BUILT_SITE=<dir of a `mkdocs build`>: serve that build instead of building (quick reruns while
    # working on the pages; tests of canonical links and the sitemap then see the address it was built for).
    prebuilt = os.environ.get("PINGLU_BUILT_SITE")
    served = Path(prebuilt) if prebuilt else site
    server = QuietServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(served)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    if prebuilt:
        (shared / "build.log").write_text("(prebuilt)", encoding="utf-8")
        _write_exit(shared, 0)
    os.environ[SHARED_ENV] = str(shared)
    os.environ[SITE_URL_ENV] = f"http://127.0.0.1:{server.server_address[1]}/"
    config.stash[MAIN_PROCESS] = MainProcess(shared=shared, server=server)


def _write_exit(shared: Path, code: int) -> None:
    temporary = shared / f"build.exit.{os.getpid()}"
    temporary.write_text(str(code), encoding="utf-8")
    temporary.replace(shared / "build.exit")  # whole or absent for a process polling it


class SiteBuild:
    """`mkdocs build --strict` into the shared site/ folder, in the background; a thread writes its exit code
    to build.exit when it ends."""

    def __init__(self, shared: Path, url: str) -> None:
        self._log = open(shared / "build.log", "w", encoding="utf-8")  # closed by _report when the build ends
        self.process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "-d", str(shared / "site")],
            cwd=ROOT,
            env=dict(os.environ, NO_MKDOCS_2_WARNING="1", SITE_URL=url),
            stdout=self._log,
            stderr=subprocess.STDOUT,
        )
        self._watcher = threading.Thread(target=self._report, args=(shared,), daemon=True)
        self._watcher.start()

    def _report(self, shared: Path) -> None:
        code = self.process.wait()
        self._log.close()
        _write_exit(shared, code)

    def finish(self) -> None:
        """Let the build end even if this process has no test left: other processes may be waiting for it."""
        self._watcher.join()


SITE_BUILD = pytest.StashKey[SiteBuild]()


def _start_build_once(config: pytest.Config) -> None:
    shared = Path(os.environ[SHARED_ENV])
    try:  # the first process to get here builds
        os.close(os.open(shared / "build.claimed", os.O_CREAT | os.O_EXCL | os.O_WRONLY))
    except FileExistsError:
        return
    config.stash[SITE_BUILD] = SiteBuild(shared, os.environ[SITE_URL_ENV])


def pytest_collection_finish(session: pytest.Session) -> None:
    if os.environ.get("PINGLU_BUILT_SITE") or session.config.option.collectonly:
        return
    if any(item.get_closest_marker("site") for item in session.items):
        _start_build_once(session.config)


def pytest_unconfigure(config: pytest.Config) -> None:
    build = config.stash.get(SITE_BUILD, None)
    if build is not None:
        build.finish()
    main = config.stash.get(MAIN_PROCESS, None)
    if main is not None:
        main.server.shutdown()
        main.server.server_close()
        shutil.rmtree(main.shared, ignore_errors=True)


@pytest.fixture(scope="session")
def built_site(request: pytest.FixtureRequest) -> BuiltSite:
    shared = Path(os.environ[SHARED_ENV])
    url = os.environ[SITE_URL_ENV]
    exit_file = shared / "build.exit"
    if not exit_file.exists():
        _start_build_once(request.config)  # in case no collected test was marked `site`
    waited = 0.0
    while not exit_file.exists():
        if waited > BUILD_TIMEOUT_S:
            pytest.fail(f"the site build has not ended after {BUILD_TIMEOUT_S} s (log: {shared / 'build.log'})")
        time.sleep(0.2)
        waited += 0.2
    code = int(exit_file.read_text(encoding="utf-8"))
    log = (shared / "build.log").read_text(encoding="utf-8")
    if code != 0:
        pytest.fail(f"mkdocs build failed (exit {code}):\n{log[-6000:]}", pytrace=False)
    directory = Path(os.environ.get("PINGLU_BUILT_SITE") or shared / "site")
    port = int(url.rstrip("/").rsplit(":", 1)[1])
    return BuiltSite(dir=directory, url=url, port=port, log=log, pages=source_pages())


@pytest.fixture(scope="session")
def site_browser():
    """One browser per test process (each test opens its own context in it: tests/browser_helpers.py).
    Playwright's sync API allows one running instance per process: no test may start another."""
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
    inner loop is `./dev test -m "not site"` (README). The tests that need no site run first, while the site
    builds (SiteBuild); each group keeps its order."""
    for item in items:
        used = set(getattr(item, "fixturenames", ()))
        if "built_site" in used:
            item.add_marker(pytest.mark.site)
        if "site_browser" in used:
            item.add_marker(pytest.mark.browser)
    items[:] = [item for item in items if not item.get_closest_marker("site")] + [
        item for item in items if item.get_closest_marker("site")
    ]
