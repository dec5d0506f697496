"""Choosing an .xlsx on the self-scoring page → its scores drawn, the first time (the spreadsheet engine and
openpyxl load) and the next; and the bytes the first workbook adds (not a test: it prints figures).

    python -m benchmarks.bench_xlsx_page SITE_DIR [runs]
SITE_DIR: a built site (`./dev build` writes site/). Each run is a fresh browser context (empty HTTP cache),
so "first" is a first visit's first workbook; the engine of the page itself has loaded before it starts.
"""

from __future__ import annotations

import functools
import statistics
import sys
import threading
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

from tests.site_helpers import CHROMIUM, CHROMIUM_ARGS, QuietHandler, QuietServer
from tests.xlsx_helpers import blank, fill

WAIT_SCORED = (
    "n => Number(document.querySelector('.selfscore-summary')?.dataset.scored) > n "
    "&& document.querySelector('.selfscore-summary').dataset.scoredBy === 'python'"
)


def choose(page, name: str, content: bytes) -> float:
    scored = int(page.get_attribute(".selfscore-summary", "data-scored") or 0)
    start = time.perf_counter()
    page.set_input_files(
        "#selfscore-import", files=[{"name": name, "mimeType": "application/octet-stream", "buffer": content}]
    )
    page.wait_for_function(WAIT_SCORED, arg=scored, timeout=180_000)
    return time.perf_counter() - start


def main() -> None:
    site, runs = Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 3
    server = QuietServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/self-scoring/"
    first_book = fill(blank("market-regulation"), {("long_lived_operator_share", "period.value"): 0.95})
    next_book = fill(blank("market-regulation"), {("long_lived_operator_share", "period.value"): 0.9})
    firsts, nexts, added = [], [], []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for _ in range(runs):
            context = browser.new_context(service_workers="block")
            page = context.new_page()
            page.goto(url)
            page.wait_for_selector(".selfscore-status[data-ready]", timeout=180_000)
            page.wait_for_function(WAIT_SCORED, arg=0, timeout=60_000)
            files: dict[str, int] = {}
            context.on(
                "requestfinished",
                lambda request, files=files: files.__setitem__(
                    request.url.rsplit("/", 1)[-1], request.sizes()["responseBodySize"]
                ),
            )
            firsts.append(choose(page, "first.xlsx", first_book))
            added.append(sum(files.values()))
            shown = files
            nexts.append(choose(page, "next.xlsx", next_book))
            context.close()
        browser.close()
    server.shutdown()
    print(
        f"first workbook → scores: median {statistics.median(firsts):.2f} s ({', '.join(f'{t:.2f}' for t in firsts)})"
    )
    print(f"next workbook → scores:  median {statistics.median(nexts):.2f} s ({', '.join(f'{t:.2f}' for t in nexts)})")
    print(
        f"files the first workbook asks for: {statistics.median(added) / 1e6:.2f} MB in all (bodies, uncompressed; "
        "those the page's own engine already loaded may come from the HTTP cache)"
    )
    for name, size in sorted(shown.items(), key=lambda item: -item[1]):
        print(f"    {size / 1e6:7.2f} MB  {name}")


if __name__ == "__main__":
    main()
