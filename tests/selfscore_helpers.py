"""Shared by the browser tests of the self-scoring page (tests/test_selfscore_*.py,
tests/test_pyodide_browser_page.py): open the page in a fresh browser context, record every request it
makes (the page's own and its Web Worker's), and wait until calc has scored the form."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from browser_helpers import browser_context

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
PAGE = {"zh": "self-scoring.md", "en": "self-scoring.md"}
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
ENGINE_TIMEOUT_MS = 120_000
STORAGE_KEY = "pinglu-selfscore:v1"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass
class SelfScoreSession:
    context: object
    page: object
    port: int
    lang: str
    requests: list[str] = field(default_factory=list)

    def foreign_requests(self) -> list[str]:
        """Every request that went anywhere but the local test server (data:/blob: URLs stay in the page)."""
        out = []
        for url in self.requests:
            parts = urlsplit(url)
            if parts.scheme in ("data", "blob", "about"):
                continue
            if parts.hostname == "127.0.0.1" and parts.port == self.port:
                continue
            out.append(url)
        return out

    def assert_only_local(self) -> None:
        assert self.requests, "no request was recorded at all"
        assert any(url.endswith("pyodide.asm.wasm") for url in self.requests), (
            "the worker's requests were not recorded, so the check would prove nothing"
        )
        assert self.foreign_requests() == []

    def wait_scored(self) -> None:
        self.page.wait_for_selector(".selfscore-status[data-ready]", timeout=ENGINE_TIMEOUT_MS)
        self.page.wait_for_selector(".selfscore-summary[data-total]", timeout=30_000)

    def total(self) -> int:
        return int(self.page.get_attribute(".selfscore-summary", "data-total"))

    def wait_total(self, expected: int) -> None:
        self.page.wait_for_function(
            "n => document.querySelector('.selfscore-summary')?.dataset.total === String(n)",
            arg=expected,
            timeout=30_000,
        )

    def answers(self) -> int:
        """How many of the worker's answers the page has drawn (data-scored)."""
        return int(self.page.get_attribute(".selfscore-summary", "data-scored") or 0)

    def wait_next_answer(self, after: int) -> None:
        """Until the page draws a worker's answer later than the `after`-th (a known answer does not count)."""
        self.page.wait_for_function(
            "n => Number(document.querySelector('.selfscore-summary')?.dataset.scored) > n "
            "&& document.querySelector('.selfscore-summary').dataset.scoredBy === 'python'",
            arg=after,
            timeout=ENGINE_TIMEOUT_MS,
        )

    def saved(self) -> dict:
        return json.loads(self.page.evaluate(f"() => localStorage.getItem('{STORAGE_KEY}')"))

    def import_file(self, name: str, content: bytes) -> str:
        """Chooses the file in the page's own file input and waits, as a person does, for the page to say
        what became of it (imported or refused: calc reads it in the worker first); returns what it said."""
        self.page.evaluate("document.querySelector('.selfscore-messages').textContent = ''")
        mime = XLSX_MIME if name.endswith(".xlsx") else "application/json"
        self.page.set_input_files("#selfscore-import", files=[{"name": name, "mimeType": mime, "buffer": content}])
        said = ".selfscore-messages :is(.selfscore-message-done, .selfscore-message-error)"  # not "reading …"
        self.page.wait_for_function(
            "([name, said]) => [...document.querySelectorAll(said)].some((p) => p.textContent.includes(name))",
            arg=[name, said],
            timeout=ENGINE_TIMEOUT_MS,
        )
        return self.page.text_content(said)


@contextmanager
def open_session(
    browser, built_site, lang: str, viewport=DESKTOP, service_workers: str = "block"
) -> Iterator[SelfScoreSession]:
    """`with open_session(...) as session:` the page in a fresh context, closed when the block ends.
    service_workers="block" by default: the site's offline service worker precaches the whole site
    (Pyodide included) in every fresh context, which doubles each test's downloads without testing the
    page; tests/test_pyodide_browser_page.py runs the page with it ("allow")."""
    with browser_context(browser, viewport=viewport, accept_downloads=True, service_workers=service_workers) as context:
        session = SelfScoreSession(context=context, page=None, port=built_site.port, lang=lang)
        # context-level events include the requests of the page's dedicated Web Worker (Pyodide's downloads).
        context.on("request", lambda request: session.requests.append(request.url))
        page = context.new_page()
        page.set_default_timeout(30_000)
        session.page = page
        page.goto(built_site.page_url(lang, PAGE[lang]))
        yield session


def example_bytes(name: str) -> bytes:
    return (EXAMPLES / name).read_bytes()


def download(page, selector: str) -> tuple[str, bytes]:
    """Click what starts a download and return (suggested file name, content)."""
    with page.expect_download() as info:
        page.click(selector)
    done = info.value
    return done.suggested_filename, Path(done.path()).read_bytes()


def open_indicator(page, number: int) -> None:
    """Jump to an indicator through the page's own index (it opens the indicator if it is folded)."""
    index = page.locator("details.selfscore-index")
    if not index.evaluate("d => d.open"):
        index.locator("summary").click()
    page.click(f"a.selfscore-index-link[data-goto='{number}']")
    page.wait_for_selector(f"#indicator-{number}[data-open='1']")


def screenshot(page, name: str) -> None:
    """Screenshots for a person to look at, written only when SELFSCORE_SHOTS names a folder."""
    folder = os.environ.get("SELFSCORE_SHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"))
