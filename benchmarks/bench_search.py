"""What search costs a reader (a script, not a test: it prints figures and asserts nothing about them).

    python -m benchmarks.bench_search [--site DIR] [--before DIR] [--runs 3]

--site is a built site (default: build one with `mkdocs build` into a temporary folder); --before is
optionally an older build to compare with (e.g. one with Material's lunr search: the script drives
whichever search box the pages have). For each site it
1. serves the folder on 127.0.0.1 and counts the bytes the server sends for every request, and what
   those requests would weigh from the precompressed copies (.br, as nginx `brotli_static on` sends them);
2. in headless Chromium (Debian's /usr/bin/chromium), with a cold profile and no service worker, loads the
   Chinese page of the tasks without searching: bytes in all, and bytes of search files;
3. then opens the search box, types 首违不罚 (one input event, as an IME commits it) and waits for the
   first listed result: bytes downloaded for it and the time from the click on the search button to the
   first result (in the page's own clock);
4. adds up the site's size on disk (all files, and without the precompressed .gz/.br copies).

Prints the medians of --runs runs.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import os
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from site_helpers import CHROMIUM, CHROMIUM_ARGS, QuietHandler  # noqa: E402

QUERY = "首违不罚"
PAGE = "tasks/"
SEARCH_FILES = ("/pagefind/", "/search/search_index.json", "/workers/search.")


class CountingHandler(QuietHandler):
    log: list[tuple[str, int, int]]  # (path, bytes sent, bytes of its .br copy or of itself)

    def copyfile(self, source, outputfile):
        data = source.read()
        outputfile.write(data)
        path = self.path.split("?")[0]
        local = Path(self.translate_path(path))
        if local.is_dir():
            local = local / "index.html"
        brotli = local.with_name(local.name + ".br")
        self.log.append((path, len(data), brotli.stat().st_size if brotli.exists() else len(data)))


def serve(site: Path):
    handler = type("Handler", (CountingHandler,), {"log": []})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, handler.log, f"http://127.0.0.1:{server.server_address[1]}/"


def totals(entries):
    return sum(e[1] for e in entries), sum(e[2] for e in entries)


def one_run(browser, site: Path) -> dict:
    server, log, url = serve(site)
    context = browser.new_context(viewport={"width": 1280, "height": 800}, service_workers="block")
    try:
        page = context.new_page()
        page.goto(url + PAGE, wait_until="networkidle")
        page.wait_for_timeout(500)
        load = list(log)
        log.clear()
        pagefind = page.locator("[data-site-search-open]").count() > 0
        start = page.evaluate("performance.now()")
        if pagefind:
            page.click("[data-site-search-open]")
            page.fill("[data-site-search-input]", QUERY)
            page.wait_for_selector("[data-site-search-results] > li > a", timeout=120_000)
        else:  # Material's own search box
            page.click("input.md-search__input")  # shown in the header at desktop width
            page.fill("input.md-search__input", QUERY)
            page.keyboard.press("End")  # Material searches on keyboard input
            page.wait_for_selector(".md-search-result__item", timeout=120_000)
        first_result_ms = page.evaluate("performance.now()") - start
        page.wait_for_load_state("networkidle")
        searched = list(log)
        return {
            "load": totals(load),
            "load_search_files": totals([e for e in load if any(s in e[0] for s in SEARCH_FILES)]),
            "search": totals(searched),
            "first_result_ms": first_result_ms,
        }
    finally:
        context.close()
        server.shutdown()
        server.server_close()


def site_size(site: Path) -> tuple[int, int]:
    files = [p for p in site.rglob("*") if p.is_file()]
    return (
        sum(p.stat().st_size for p in files),
        sum(p.stat().st_size for p in files if p.suffix not in (".gz", ".br")),
    )


def build(into: Path) -> Path:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--clean", "-q", "-d", str(into)], cwd=ROOT, env=env, check=True
    )
    return into


def kb(n: float) -> str:
    return f"{n / 1000:,.1f} kB"


def report(name: str, site: Path, runs: list[dict]) -> None:
    def median(key, index=None):
        values = [r[key] if index is None else r[key][index] for r in runs]
        return statistics.median(values)

    total, without_compressed = site_size(site)
    print(f"\n== {name}: {site}")
    print(f"site size: {total / 1e6:.2f} MB in all, {without_compressed / 1e6:.2f} MB without the .gz/.br copies")
    print(
        f"page load of /{PAGE} without searching: {kb(median('load', 0))} sent "
        f"({kb(median('load', 1))} as brotli), of which search files {kb(median('load_search_files', 0))} "
        f"({kb(median('load_search_files', 1))} as brotli)"
    )
    print(
        f"first Chinese search ({QUERY}): {kb(median('search', 0))} sent ({kb(median('search', 1))} as brotli), "
        f"first result after {median('first_result_ms'):.0f} ms (median of {len(runs)}: "
        + ", ".join(f"{r['first_result_ms']:.0f}" for r in runs)
        + " ms)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--site", type=Path)
    parser.add_argument("--before", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        site = args.site or build(Path(tmp) / "site")
        sites = [("before", args.before)] if args.before else []
        sites.append(("this build", site))
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                for name, folder in sites:
                    report(name, folder, [one_run(browser, folder) for _ in range(args.runs)])
            finally:
                browser.close()


if __name__ == "__main__":
    main()
