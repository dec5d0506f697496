"""Load time of the self-scoring page against a bare page that only loads the same Pyodide (a script,
not a test: it prints figures and asserts nothing about time). Prints every row of the goals table of
issue 11, for both of the page's paths (the build's snapshot; and the fallback, runtime + wheel through the
lock, made to happen by answering 404 for the snapshot under /fallback/), and the worker's stage times.

    python -m benchmarks.bench_selfscore [--runs 3] [--site site/] [--keystrokes 40]

In one run this
1. builds the site (mkdocs build; or copies the one given with --site) into <tmp>/site and writes the bare page into <tmp>/bare (next to the
   built site, never into docs/): a module Web Worker that loads <tmp>/site/assets/pyodide/pyodide.mjs
   and runs one line of Python, as the self-scoring page's worker does before it installs calc;
2. serves <tmp> on 127.0.0.1 with correct types (.wasm application/wasm, .mjs text/javascript) and
   `Cache-Control: no-cache` (the browser revalidates and gets 304 for what it already holds, as a
   cautious intranet server would make it), counting every byte the server sends;
3. opens each page in headless Chromium (Debian's /usr/bin/chromium), cold (a new profile: empty disk
   cache) and then warm (the same profile again), and measures from navigation start to the first
   score (self-scoring: calc's first total on the page; bare: the first Python result), in the page's
   own clock (performance.now()). The page's first total may be a known answer (app.js: calc's answer
   for exactly the data on screen, from the build or from this browser's last visit), drawn while Python
   loads; so for the page it also measures the first total Python itself computed in that visit.

Bytes are counted twice: as this server sent them (uncompressed), and as the README's nginx would send
them with brotli (the size of the .br copy the build wrote, for every 200 answer; a 304 counts 0).
Keystroke → updated score: in the warm snapshot page, a digit typed into a denominator and deleted again,
--keystrokes times, timed from the keydown until the page has drawn the new answer (data-scored on the summary); of that, the time
calc spent in the worker (the worker reports it with each answer).
Inputs usable: on every load of the page, ms from DOMContentLoaded until the form's first input is in the
page (typing is accepted from then on; what is typed before Python is ready is scored when it is). The
page's module runs as soon as it has loaded (`async`), so this is often negative: the form is there first.

Issue 25's journeys, each in a new profile per run: the scoring page opened cold and its first box ticked as
soon as the form is there (ms from that change to Python's answer); indicator 17's calculator opened cold
and 95.5 % typed, then again after Material's instant navigation to 16 and back (ms from the typed value to
the answer); and, once, the home page and an indicator page with the calculator closed (bytes, and any
request for the engine: there should be none).

Prints the medians of --runs runs, the bytes sent per load, and the ratios page / bare, goal by goal.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from urllib.parse import unquote

from tests.site_helpers import CHROMIUM, CHROMIUM_ARGS

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT_MS = 180_000
STAGES: list[dict] = []  # the self-scoring worker's own stage times (ms since it started), one per page load

BARE_HTML = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Bare Pyodide</title></head>
<body>
<p id="out">loading Pyodide…</p>
<script type="module">
  const worker = new Worker(new URL("worker.js", location.href), { type: "module" });
  worker.onmessage = (event) => {
    window.__firstResult = performance.now();
    document.getElementById("out").textContent = "Python says " + event.data;
  };
</script>
</body></html>
"""

BARE_WORKER = """// Only Pyodide, from the built site's copy, and one line of Python.
const base = new URL("../site/assets/pyodide/", import.meta.url);
const { loadPyodide } = await import(new URL("pyodide.mjs", base).href);
const pyodide = await loadPyodide({ indexURL: base.href, stdout() {}, stderr() {} });
self.postMessage(String(pyodide.runPython("1 + 1")));
"""

# Records, in the page's clock, when calc's first total appears on the self-scoring page (and who gave
# it: data-scored-by "build" or "saved" for a known answer, "python" for the worker's), when the first
# total computed by Python in this visit is drawn, and when the form's first input is there to type into
# (from DOMContentLoaded).
FIRST_SCORE_PROBE = """
document.addEventListener('DOMContentLoaded', () => { window.__domContentLoaded = performance.now(); });
new MutationObserver((_, observer) => {
  if (window.__firstInput === undefined && document.querySelector('.selfscore-form input')) {
    window.__firstInput = performance.now();
  }
  const summary = document.querySelector('.selfscore-summary[data-total]');
  if (summary && window.__firstResult === undefined) {
    window.__firstResult = performance.now();
    window.__firstBy = summary.dataset.scoredBy || 'python';
  }
  if (summary && (summary.dataset.scoredBy || 'python') === 'python') {
    window.__firstComputed = performance.now();
    observer.disconnect();
  }
}).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-total', 'data-scored-by'] });
"""
INPUT_READY: dict[str, list[float]] = {"cold": [], "warm": []}  # ms from DOMContentLoaded to the first input
FIRST_BY: dict[str, list[str]] = {"cold": [], "warm": []}  # who gave the page's first total, per load


class Counter:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.bytes = 0
        self.requests = 0
        self.by_path: dict[str, int] = {}
        self.answers: list[tuple[str, int]] = []  # (path, status) of every request, in order
        self.precache_bytes = 0
        self.precache_paths: set[str] = set()

    def reset(self) -> None:
        with self.lock:
            self.bytes = 0
            self.precache_bytes = 0
            self.precache_paths = set()
            self.requests = 0
            self.by_path = {}
            self.answers = []

    def answered(self, path: str, status: int) -> None:
        with self.lock:
            self.answers.append((path, status))

    def add(self, path: str, count: int, precache: bool) -> None:
        with self.lock:
            if precache:
                self.precache_bytes += count
                self.precache_paths.add(path)
            else:
                self.bytes += count
            self.by_path[path] = self.by_path.get(path, 0) + count


class _CountingWriter:
    def __init__(self, raw, counter: Counter, handler) -> None:
        self.raw, self.counter, self.handler = raw, counter, handler

    def write(self, data) -> int:
        # The site's service worker precaches with `cache: "no-cache"` (the request carries Cache-Control:
        # max-age=0) or "reload" (Pragma: no-cache); of the page's own requests only manifest.json (under 1 kB)
        # looks the same. Those bytes are counted apart; the totals printed include them.
        headers = getattr(self.handler, "headers", None)
        precache = bool(
            headers
            and (
                headers.get("Pragma", "").lower() == "no-cache"
                or headers.get("Cache-Control", "").lower() == "max-age=0"
            )
        )
        self.counter.add(getattr(self.handler, "path", "?"), len(data), precache)
        return self.raw.write(data)

    def __getattr__(self, name):
        return getattr(self.raw, name)


class Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".wasm": "application/wasm",
        ".mjs": "text/javascript",
        ".js": "text/javascript",
        ".json": "application/json",
    }
    counter: Counter

    def translate_path(self, path: str) -> str:
        # /fallback/… is the same site, except that its snapshot is missing (the worker's fallback path).
        if path.startswith("/fallback/"):
            path = "/site/" + path[len("/fallback/") :]
        return super().translate_path(path)

    def send_head(self):
        if self.path.startswith("/fallback/") and "/assets/pyodide/snapshot-" in self.path:
            self.send_error(404)
            return None
        return super().send_head()

    def log_request(self, code="-", size="-") -> None:
        try:
            status = int(code)
        except (TypeError, ValueError):
            status = 0
        # A HEAD answer carries no body (the worker checked the .wasm's type with one before it fetched it once).
        self.counter.answered(self.path, 0 if self.command == "HEAD" else status)

    def setup(self) -> None:
        super().setup()
        self.wfile = _CountingWriter(self.wfile, self.counter, self)

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def handle_one_request(self) -> None:
        with self.counter.lock:
            self.counter.requests += 1
        super().handle_one_request()

    def log_message(self, *args) -> None:
        pass


def build(out: Path, prebuilt: Path | None, site_url: str) -> None:
    """The site into out/site, built for site_url (Material's instant navigation needs its sitemap to name
    the address it is served from), and the bare page into out/bare."""
    if prebuilt:
        shutil.copytree(prebuilt, out / "site")
    else:
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SITE_URL=site_url)
        proc = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--clean", "-d", str(out / "site")],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
        )
        if proc.returncode != 0:
            sys.exit(f"mkdocs build failed:\n{(proc.stdout + proc.stderr)[-4000:]}")
    bare = out / "bare"
    bare.mkdir()
    (bare / "index.html").write_text(BARE_HTML, encoding="utf-8")
    (bare / "worker.js").write_text(BARE_WORKER, encoding="utf-8")


def brotli_bytes(root: Path, answers: list[tuple[str, int]]) -> int:
    """What the README's nginx would have sent: the .br copy where the build wrote one, else the file."""
    total = 0
    for path, status in answers:
        if status != 200:
            continue
        relative = path.split("?")[0].lstrip("/")
        if relative.startswith("fallback/"):
            relative = "site/" + relative[len("fallback/") :]
        local = root / unquote(relative)
        if local.is_dir():
            local = local / "index.html"
        compressed = local.with_name(local.name + ".br")
        total += compressed.stat().st_size if compressed.exists() else (local.stat().st_size if local.exists() else 0)
    return total


LAST: dict = {}  # details of the last measured load (answers, brotli bytes), for the request list


def measure(
    context, url: str, counter: Counter, is_page: bool, cache: str, detail: bool = False
) -> tuple[float, int, int, int, int, float]:
    """One navigation: (ms from navigation start to the first result, bytes sent for the page and its
    worker, requests, bytes sent for the site's service-worker precache, bytes as nginx with brotli would
    send them, everything included, ms to the first result computed by Python in this visit)."""
    page = context.new_page()
    if is_page:
        page.add_init_script(FIRST_SCORE_PROBE)
    counter.reset()
    page.goto(url)
    page.wait_for_function("() => window.__firstResult !== undefined", timeout=TIMEOUT_MS, polling=100)
    first = page.evaluate("window.__firstResult")
    computed = first
    if is_page:
        page.wait_for_function("() => window.__firstComputed !== undefined", timeout=TIMEOUT_MS, polling=100)
        computed = page.evaluate("window.__firstComputed")
        FIRST_BY[cache].append(page.evaluate("window.__firstBy"))
    page.wait_for_load_state("networkidle")
    if is_page:
        stages = json.loads(page.get_attribute("[data-stage-times]", "data-stage-times") or "{}")
        STAGES.append(stages)
        ready = page.evaluate("window.__firstInput - window.__domContentLoaded")
        if ready is not None and ready == ready:  # not NaN: both moments were seen
            INPUT_READY[cache].append(ready)
    # The service worker installs in the background after the page's load event; give it time to finish
    # so that its bytes are not left for the next measurement.
    page.wait_for_timeout(2000)
    page.wait_for_load_state("networkidle")
    sent, requests, precache = counter.bytes, counter.requests, counter.precache_bytes
    answers = list(counter.answers)
    brotli = brotli_bytes(ROOT_SERVED[0], answers)
    LAST.update(answers=answers, brotli=brotli)
    if detail:
        largest = sorted(counter.by_path.items(), key=lambda kv: -kv[1])[:8]
        print(f"  {url}: " + ", ".join(f"{path} {fmt_bytes(n)}" for path, n in largest), file=sys.stderr)
    page.close()
    return first, sent, requests, precache, brotli, computed


KEYSTROKE_PROBE = """
window.__renders = [];
window.__keys = [];
window.__python = [];
document.addEventListener('keydown', () => window.__keys.push(performance.now()), true);
// data-scored changes once the page has drawn an answer (what changed of it: the summary is rebuilt only when
// its figures change, so most keystrokes redraw one indicator's lines)
new MutationObserver(() => window.__renders.push(performance.now()))
  .observe(document.querySelector('.selfscore-summary'), { attributes: true, attributeFilter: ['data-scored'] });
// (a build from before the page started its own worker has no __selfscoreBoot: no calc share then)
if (window.__selfscoreBoot) window.__selfscoreBoot.worker.addEventListener('message', (event) => {
  if (event.data && event.data.id && typeof event.data.ms === 'number') window.__python.push(event.data.ms);
});
"""
PYTHON_MS: list[float] = []  # the worker's time in calc for each keystroke's rescore


def keystrokes(context, url: str, count: int) -> list[float]:
    """ms from each keydown until the page has drawn the new answer, on a page whose engine is ready."""
    page = context.new_page()
    page.goto(url)
    page.wait_for_selector(".selfscore-status[data-ready]", timeout=TIMEOUT_MS)
    page.wait_for_selector(".selfscore-summary[data-total]", timeout=TIMEOUT_MS)
    page.locator("[data-fact='online_tax_share'] select").select_option("parts")
    page.fill("#fact-online_tax_share-numerator", "35")
    page.fill("#fact-online_tax_share-denominator", "1000")
    page.wait_for_timeout(500)
    page.evaluate(KEYSTROKE_PROBE)
    box = page.locator("#fact-online_tax_share-denominator")
    box.click()
    page.keyboard.press("End")
    latencies = []
    for i in range(count):
        before = page.evaluate("window.__renders.length")
        page.keyboard.press("5" if i % 2 == 0 else "Backspace")
        page.wait_for_function("n => window.__renders.length > n", arg=before, timeout=30_000, polling="raf")
        latencies.append(
            page.evaluate("window.__renders[window.__renders.length - 1] - window.__keys[window.__keys.length - 1]")
        )
    PYTHON_MS.extend(page.evaluate("window.__python"))
    page.close()
    return latencies


# When the first value is entered (the form's or the calculator's input or change event, in the page's clock).
ENTERED_PROBE = """
document.addEventListener('input', () => { if (window.__entered === undefined) window.__entered = performance.now(); }, true);
document.addEventListener('change', () => { if (window.__entered === undefined) window.__entered = performance.now(); }, true);
"""


def typed_cold(context, url: str) -> tuple[float, float]:
    """A unit opens the page cold and ticks the first box it sees as soon as the form is there: (ms from that
    change to Python's answer for it on the page, ms from navigation start to that answer). A change has no
    known answer, so the first answer the worker draws after it (data-scored) is Python's for it."""
    page = context.new_page()
    page.add_init_script(ENTERED_PROBE)
    page.goto(url)
    box = page.locator(".selfscore-form input[type='checkbox']:visible").first
    box.wait_for(timeout=TIMEOUT_MS)
    box.check()
    answered = page.wait_for_function(
        "() => { const s = document.querySelector('.selfscore-summary[data-scored][data-total]');"
        " return s && s.dataset.scoredBy === 'python' && performance.now(); }",
        timeout=TIMEOUT_MS,
        polling="raf",
    ).json_value()
    entered = page.evaluate("window.__entered")
    page.close()
    return answered - entered, answered


def calculator_answer(page, value: str) -> float:
    """Types `value` as indicator 17's on-time rate (percent) into the open calculator: ms from the change to
    the calculator's answer for it (no data-pending, 17.1 scored as calc says for that value)."""
    page.evaluate("() => { window.__entered = undefined; }")
    page.select_option("select[data-mode='facts/tip_check_on_time_rate']", "percent")
    page.evaluate("() => { window.__entered = undefined; }")
    page.fill("input[data-path='facts/tip_check_on_time_rate/percent']", value)
    answered = page.wait_for_function(
        "() => !document.querySelector('.calc-results[data-pending]')"
        " && document.querySelector(\".calc-item[data-item='17.1']\")?.dataset.score === '1' && performance.now()",
        timeout=TIMEOUT_MS,
        polling="raf",
    ).json_value()
    return answered - page.evaluate("window.__entered")


def calculator(context, base: str) -> tuple[float, float, float | None]:
    """Indicator 17's page opened cold; the reader opens its calculator and types 95.5 %: (ms from opening the
    calculator to its answer, ms from the typed value to it); then, by Material's instant navigation, to
    indicator 16 and back to 17, opens the calculator again and types the same: ms from the typed value to
    the answer, from the worker the first page started."""
    page = context.new_page()
    page.add_init_script(ENTERED_PROBE)
    page.goto(base + "site/indicators/17/")
    page.wait_for_load_state("networkidle")
    opened = page.evaluate("() => performance.now()")
    page.locator("details[data-calculator] summary").click()
    page.wait_for_selector("select[data-mode='facts/tip_check_on_time_rate']")
    cold = calculator_answer(page, "95.5")
    from_open = page.evaluate("window.__entered") + cold - opened
    page.evaluate("() => { window.__sameDocument = true; }")
    page.locator("nav.md-nav a[href$='16/']").first.click()
    page.wait_for_url("**/indicators/16/")
    page.locator("nav.md-nav a[href$='17/']").first.click()
    page.wait_for_url("**/indicators/17/")
    page.wait_for_selector("details[data-calculator='17']")
    if not page.evaluate("() => window.__sameDocument === true"):
        page.close()  # a --site built for another address: Material reloads instead of navigating instantly
        return from_open, cold, None
    page.locator("details[data-calculator='17'] summary").click()
    page.wait_for_selector("select[data-mode='facts/tip_check_on_time_rate']")
    after_navigation = calculator_answer(page, "95.5")
    page.close()
    return from_open, cold, after_navigation


def not_scoring(context, base: str, counter: Counter) -> tuple[int, int, list[str]]:
    """The home page and indicator 17's page (calculator closed), opened cold: brotli bytes of both visits, of
    which the service worker's background fill for offline use (the whole site and the engine, by design:
    offline.js), and every request the pages themselves made for the engine (Pyodide, the worker, the
    snapshot; none is expected)."""
    engine: list[str] = []
    total = offline_fill = 0
    for path in ("site/", "site/indicators/17/"):
        page = context.new_page()
        own: list[str] = []  # the page's requests (the service worker's own fetches are not the page's)
        page.on("request", lambda request, own=own: own.append(request.url))
        counter.reset()
        page.goto(base + path)
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(2000)  # the service worker's install and fill
        page.wait_for_load_state("networkidle")
        answers = list(counter.answers)
        total += brotli_bytes(ROOT_SERVED[0], answers)
        offline_fill += brotli_bytes(ROOT_SERVED[0], [(p, st) for p, st in answers if p in counter.precache_paths])
        engine += [url for url in own if "/assets/pyodide/" in url or url.endswith("/engine/worker.js")]
        page.close()
    return total, offline_fill, engine


def brotli_of(answers: list[tuple[str, int]], needle: str) -> int:
    return brotli_bytes(ROOT_SERVED[0], [(p, st) for p, st in answers if needle in p])


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]


ROOT_SERVED: list[Path] = []


def fmt_bytes(n: float) -> str:
    return f"{n / 1e6:.2f} MB" if n >= 1e6 else f"{n / 1e3:.1f} kB"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--site", type=Path, help="measure this already built site instead of building one")
    parser.add_argument(
        "--service-workers",
        choices=("allow", "block"),
        default="allow",
        help="block: measure the page without the site's offline service worker",
    )
    parser.add_argument("--detail", action="store_true", help="print the largest transfers of every load")
    parser.add_argument("--keystrokes", type=int, default=40, help="keystrokes timed on the warm page")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="bench-selfscore-") as tmp:
        root = Path(tmp)
        ROOT_SERVED.append(root)
        counter = Counter()
        handler = type("CountingHandler", (Handler,), {"counter": counter})
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(root)))
        build(root, args.site, f"http://127.0.0.1:{server.server_address[1]}/site/")
        server.handle_error = lambda request, address: None  # a browser that closes a connection early is normal
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        targets = {
            "page, snapshot": (base + "site/self-scoring/", True),
            "page, fallback": (base + "fallback/self-scoring/", True),
            "bare Pyodide page": (base + "bare/", False),
        }
        results: dict[str, dict[str, list]] = {name: {"cold": [], "warm": []} for name in targets}
        stages: dict[str, list[dict]] = {name: [] for name in targets}
        first_requests: dict[str, list[tuple[str, int]]] = {}
        typing: list[float] = []
        typed: list[tuple[float, float]] = []  # (change → Python's answer, navigation → it), page opened cold
        calculators: list[tuple[float, float, float | None]] = []
        elsewhere: tuple[int, int, list[str]] = (0, 0, [])
        first_visit_parts: dict[str, int] = {}  # brotli bytes of the snapshot and the wasm, first visit

        def fresh_context(p, profile: str):
            return p.chromium.launch_persistent_context(
                profile,
                executable_path=CHROMIUM,
                args=CHROMIUM_ARGS,
                headless=True,
                service_workers=args.service_workers,
            )

        try:
            with sync_playwright() as p:
                for run in range(args.runs):
                    # Issue 25's journeys, each in a new profile (cold): a value entered at once on the
                    # scoring page; the indicator calculator; pages that do not score (once).
                    with tempfile.TemporaryDirectory(prefix="profile-", dir=tmp) as profile:
                        context = fresh_context(p, profile)
                        typed.append(typed_cold(context, base + "site/self-scoring/"))
                        context.close()
                    with tempfile.TemporaryDirectory(prefix="profile-", dir=tmp) as profile:
                        context = fresh_context(p, profile)
                        calculators.append(calculator(context, base))
                        context.close()
                    if run == 0:
                        with tempfile.TemporaryDirectory(prefix="profile-", dir=tmp) as profile:
                            context = fresh_context(p, profile)
                            elsewhere = not_scoring(context, base, counter)
                            context.close()
                    for name, (url, is_page) in targets.items():
                        # A new profile on disk: an empty cache, then the same cache for the warm load (a
                        # persistent profile has Chromium's disk cache, which keeps the 9.6 MB .wasm; the
                        # in-memory cache of an incognito context does not).
                        with tempfile.TemporaryDirectory(prefix="profile-", dir=tmp) as profile:
                            context = fresh_context(p, profile)
                            results[name]["cold"].append(measure(context, url, counter, is_page, "cold", args.detail))
                            first_requests.setdefault(name, LAST["answers"])
                            if name == "page, snapshot" and not first_visit_parts:
                                first_visit_parts.update(
                                    snapshot=brotli_of(LAST["answers"], "/snapshot-"),
                                    wasm=brotli_of(LAST["answers"], "pyodide.asm.wasm"),
                                )
                            if is_page:
                                stages[name].append(STAGES[-1])
                            results[name]["warm"].append(measure(context, url, counter, is_page, "warm", args.detail))
                            if is_page:
                                stages[name].append(STAGES[-1])
                            if name == "page, snapshot" and args.keystrokes:
                                typing += keystrokes(context, url, args.keystrokes)
                            context.close()
                    print(f"run {run + 1}/{args.runs} done", file=sys.stderr)
        finally:
            server.shutdown()
            server.server_close()

    print(
        f"Navigation start → first score, median of {args.runs} runs (headless Chromium, served from "
        f"127.0.0.1 with no-cache revalidation, service workers: {args.service_workers})"
    )
    print(
        f"{'':20} {'cold':>9} {'warm':>9} {'sent cold':>11} {'sent warm':>11} {'brotli cold':>12} {'brotli warm':>12} {'requests c/w':>13}"
    )
    med: dict[str, dict[str, list[float]]] = {}
    for name, by_cache in results.items():
        med[name] = {
            cache: [statistics.median(r[i] for r in runs) for i in range(6)] for cache, runs in by_cache.items()
        }
        cold, warm = med[name]["cold"], med[name]["warm"]
        print(
            f"{name:20} {cold[0] / 1000:>8.2f}s {warm[0] / 1000:>8.2f}s {fmt_bytes(cold[1] + cold[3]):>11} {fmt_bytes(warm[1] + warm[3]):>11}"
            f" {fmt_bytes(cold[4]):>12} {fmt_bytes(warm[4]):>12} {f'{cold[2]:.0f}/{warm[2]:.0f}':>13}"
        )
    bare = med["bare Pyodide page"]
    print()
    print("Goals of issue 11 (bare = the bare Pyodide page in the same run):")
    for name in ("page, snapshot", "page, fallback"):
        page = med[name]
        print(f"  [{name}]")
        print(
            f"    first score, cold:             {page['cold'][0] / 1000:.2f} s = {page['cold'][0] / bare['cold'][0]:.2f} × bare (goal ≤ 0.35 ×)"
        )
        print(
            f"    first score, warm:             {page['warm'][0] / 1000:.2f} s = {page['warm'][0] / bare['warm'][0]:.2f} × bare (goal ≤ 0.35 ×),"
            f" {page['warm'][0] / page['cold'][0]:.2f} × the page's own cold (goal ≤ 1)"
        )
        print(
            f"    first total Python computed:   cold {page['cold'][5] / 1000:.2f} s = {page['cold'][5] / bare['cold'][0]:.2f} × bare,"
            f" warm {page['warm'][5] / 1000:.2f} s = {page['warm'][5] / bare['warm'][0]:.2f} × bare"
        )
        print(
            f"    bytes, first visit (brotli):   {fmt_bytes(page['cold'][4])} in all, service worker included (goal ≤ 9 MB)"
        )
        print(f"    bytes, repeat visit (brotli):  {fmt_bytes(page['warm'][4])} (goal ≤ 50 kB)")
        print(f"    requests, first visit:         {page['cold'][2]:.0f}")
    snapshot_page = med["page, snapshot"]

    def ratio(ms: float, cache: str = "cold") -> str:
        return f"{ms / 1000:.2f} s = {ms / bare[cache][0]:.2f} × bare"

    print()
    print("Goals of issue 25 (bare = the bare Pyodide page in the same run; median of the runs):")
    print(
        f"  Python's own first answer (snapshot page): cold {ratio(snapshot_page['cold'][5])},"
        f" warm {ratio(snapshot_page['warm'][5], 'warm')} (goal ≤ 0.35 × both);"
        f" warm {snapshot_page['warm'][5] / snapshot_page['cold'][5]:.2f} × cold (goal ≤ 0.8 ×)"
    )
    if typed:
        change = statistics.median(t[0] for t in typed)
        since = statistics.median(t[1] for t in typed)
        print(
            f"  first entered value scored by Python, page opened cold: {ratio(change)} from the change"
            f" (goal ≤ 0.35 ×), {since / 1000:.2f} s from navigation start"
        )
    if calculators:
        opened, cold = (statistics.median(c[i] for c in calculators) for i in range(2))
        instant = [c[2] for c in calculators if c[2] is not None]
        print(
            f"  indicator calculator, page opened cold: {ratio(cold)} from the typed value (goal ≤ 0.35 ×),"
            f" {opened / 1000:.2f} s from opening it; after an instant navigation: "
            + (
                f"{ratio(statistics.median(instant))} (goal ≤ 0.1 ×)"
                if instant
                else "not measured (the --site given was built for another address, so Material reloaded the page)"
            )
        )
    print(
        f"  bytes, first visit (brotli): {fmt_bytes(snapshot_page['cold'][4])} in all (goal ≤ 6 MB), of which the"
        f" snapshot {fmt_bytes(first_visit_parts.get('snapshot', 0))} (goal ≤ 2.5 MB) and the wasm"
        f" {fmt_bytes(first_visit_parts.get('wasm', 0))} (first run); repeat visit {fmt_bytes(snapshot_page['warm'][4])}"
        " (goal ≤ 50 kB)"
    )
    print(
        f"  pages that do not score (home, then indicator 17 with its calculator closed, cold):"
        f" requests for the engine by the pages: {', '.join(elsewhere[2]) or 'none'} (goal: none);"
        f" {fmt_bytes(elsewhere[0])} in all, of which {fmt_bytes(elsewhere[1])} the service worker's background"
        " fill that makes the site and the engine work offline"
    )
    print()
    if typing:
        print(
            f"  keystroke → updated score (snapshot page, warm, {len(typing)} keystrokes): p95 {p95(typing):.0f} ms, median "
            f"{statistics.median(typing):.0f} ms (goal p95 ≤ 30 ms)"
            + (
                f"; of which calc in the worker: p95 {p95(PYTHON_MS):.0f} ms, "
                f"median {statistics.median(PYTHON_MS):.0f} ms"
                if PYTHON_MS
                else ""
            )
        )
    for cache, by in FIRST_BY.items():
        if by:
            print(
                f"  first total on the page, {cache}, drawn from: "
                + ", ".join(f"{who} {by.count(who)}" for who in sorted(set(by)))
                + " (build/saved: a known answer while Python loads; python: the worker's)"
            )
    for cache, values in INPUT_READY.items():
        if values:
            print(
                f"  inputs usable, {cache} (DOMContentLoaded → first input on the page, negative when the form is drawn before it, {len(values)} loads): median "
                f"{statistics.median(values):.0f} ms, max {max(values):.0f} ms (goal warm ≤ 500 ms)"
            )
    for name, loads in stages.items():
        if loads:
            keys = list(dict.fromkeys(k for st in loads for k in st))
            print(
                f"worker stage starts, {name} (ms since the worker started, median of all loads): "
                + ", ".join(f"{k} {statistics.median(st[k] for st in loads if k in st):.0f}" for k in keys)
            )
    print("first-visit requests (path status), self-scoring page with the snapshot:")
    for path, status in first_requests.get("page, snapshot", []):
        print(f"  {status} {path}")
    print("all runs (ms to first score, ms to Python's first score, bytes sent, precache bytes sent, brotli bytes):")
    for name, by_cache in results.items():
        for cache, runs in by_cache.items():
            print(
                f"  {name} {cache}: "
                + "; ".join(f"{r[0]:.0f} ms, {r[5]:.0f} ms, {r[1]:,} B, {r[3]:,} B, {r[4]:,} B" for r in runs)
            )


if __name__ == "__main__":
    main()
