"""Build the site's search index with Pagefind (npm `pagefind`, extended binary: Chinese word segmentation).

Runs after every page is written and before hooks/security.py, hooks/offline.py and hooks/precompress.py,
so the CSP, the service worker's precache list and the precompressed copies cover Pagefind's files.

1. Mark what is searchable in every built page: only the article (`data-pagefind-body` on Material's
   <article>), never the navigation, the header, the language links or the translation notice
   (EXCLUDE_SELECTORS). Pagefind splits languages by <html lang>, so the Chinese site searches the
   Chinese pages and the English site the English ones.
2. Give a page the words a reader uses to reach it, as a `keywords` meta field that
   assets/javascripts/search.js weighs (ranking.metaWeights): its title, a unit's name and abbreviations
   (县工信局), an indicator's number as readers write it (指标5, Indicator 5). Chinese has no spaces, and
   Pagefind cuts a query into words in the browser (Intl.Segmenter: 县工信局 → 县/工/信/局) but the
   pages at build time with its own dictionary (县工信局 stays whole or is cut elsewhere), so an
   abbreviation or a title could match nothing. Each keyword is therefore also written cut the way the
   browser cuts it (Node's Intl.Segmenter, the same ICU word break rules as Chromium's). SYNONYMS adds
   the few words readers use for a page whose official term is another one.
3. Run Pagefind, then delete the UIs it ships that the site does not use (the site has its own search
   box: overrides/partials/site-search.html and assets/javascripts/search.js), and Material's lunr
   search files, which the theme copies into every build.

4. Write the direct answers (hooks/search_answers.py) beside the index: pagefind/answers.<lang>.json.

Where to tune: the words a page is found by → page_keywords() here; ranking → RANKING in search.js;
what a question is recognised as → hooks/search_answers.py.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from hooks import search_answers  # noqa: E402
from tools.datasource import load_data  # noqa: E402  (needs ROOT on sys.path)

PAGEFIND = ROOT / "node_modules" / ".bin" / "pagefind"
BUNDLE = "pagefind"
ARTICLE = '<article class="md-content__inner md-typeset">'
# Inside the article but not the page's own text: the hidden list of this page's addresses in each
# language and the English edition's translation notice (overrides/main.html), heading permalinks (¶),
# paragraph permalinks and editorial marks that are left out of search (site_macros: data-search-exclude).
EXCLUDE_SELECTORS = (".site-alternates", ".unofficial-notice", ".headerlink", "[data-search-exclude]")
# Pagefind writes these for its own ready-made UIs; the site's search box uses only pagefind.js
# (and the worker, the wasm and the index it loads).
UNUSED_BUNDLE_FILES = (
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-highlight.js",
)

# The theme copies its own search (lunr with its language packs, and the worker that runs it) into every
# build, whether its search plugin is on or not; nothing loads them without the plugin.
MATERIAL_SEARCH_ASSETS = ("assets/javascripts/lunr", "assets/javascripts/workers")

log = get_plugin_logger("search_index")

# Words readers use for a page that the page itself does not use (its official term is another one).
SYNONYMS: dict[str, list[str]] = {
    "indicators/01/": ["网络零售额"],  # the indicator's term is 网上零售额
    "en/units/market-regulation/": ["Market Regulation Bureau", "Market Supervision Bureau"],
    "en/units/taxation/": ["Tax Bureau", "tax office"],
    "en/units/cyberspace-office/": ["Cyberspace Affairs Office", "cyberspace office"],
    "en/units/human-resources/": ["Human Resources Bureau", "Social Security Bureau"],
    "downloads/": ["模板", "下载", "自评模板", "Excel模板", "表格"],  # the templates are what readers look for
    "en/downloads/": ["template", "download", "Excel template", "spreadsheet"],
}


def page_keywords(data: dict) -> dict[str, list[str]]:
    """Keywords by page URL path (no leading slash, as the site serves it: "units/finance/"), per language."""
    keywords: dict[str, list[str]] = {}
    for unit in data["units"]:
        zh, en = unit["name"]["zh"], unit["name"]["en"]
        keywords[f"units/{unit['id']}/"] = [zh, *unit.get("aliases", [])]
        keywords[f"en/units/{unit['id']}/"] = [en]
    for indicator in data["indicators"]:
        number = int(indicator["number"])
        keywords[f"indicators/{number:02d}/"] = [f"指标{number}", f"第{number}项指标"]
        keywords[f"en/indicators/{number:02d}/"] = [f"Indicator {number}"]
    for url, words in SYNONYMS.items():
        keywords.setdefault(url, []).extend(words)
    return keywords


SEGMENT_SCRIPT = """
const texts = JSON.parse(require("fs").readFileSync(0, "utf8"));
const segmenter = new Intl.Segmenter("zh", { granularity: "word" });
const cut = texts.map((t) => [...segmenter.segment(t)].filter((s) => s.isWordLike).map((s) => s.segment).join(" "));
process.stdout.write(JSON.stringify(cut));
"""
HAN = re.compile(r"[\u3400-\u9fff]")


def browser_segmentation(texts: list[str]) -> dict[str, str]:
    """Each Chinese text cut into words as the browser cuts a query (see the module docstring)."""
    chinese = sorted({t for t in texts if HAN.search(t)})
    if not chinese:
        return {}
    node = shutil.which("node")
    if node is None:
        raise PluginError("search index: node is missing (needed for Pagefind and to cut Chinese keywords)")
    proc = subprocess.run(
        [node, "-e", SEGMENT_SCRIPT],
        input=json.dumps(chinese, ensure_ascii=False),
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
    if proc.returncode != 0:
        raise PluginError(f"search index: could not segment the keywords:\n{proc.stderr[-2000:]}")
    return dict(zip(chinese, json.loads(proc.stdout)))


def with_segmentation(words: list[str], cut: dict[str, str]) -> list[str]:
    out: list[str] = []
    for word in words:
        for form in (word, cut.get(word)):
            if form and form not in out:
                out.append(form)
    return out


def meta_value(words: list[str]) -> str:
    # Pagefind splits data-pagefind-meta on commas (several fields) and on the first colon.
    return " ".join(word.replace(",", " ").replace(":", " ") for word in words)


def mark_page(text: str, keywords: list[str] | None = None) -> str:
    """The page with its article marked as the searchable body (unchanged when it has no article)."""
    if ARTICLE not in text:
        return text
    attributes = " data-pagefind-body"
    if keywords:
        attributes += f' data-pagefind-meta="keywords:{html.escape(meta_value(keywords), quote=True)}"'
    return text.replace(ARTICLE, ARTICLE[:-1] + attributes + ">", 1)


H1 = re.compile(r"<h1[^>]*>(.*?)</h1>", re.S)
TAG = re.compile(r"<[^>]+>")


def page_title(text: str) -> str:
    """The article's first heading as plain text (what Pagefind takes as the page's title)."""
    match = H1.search(text)
    return " ".join(html.unescape(TAG.sub(" ", match.group(1))).replace("¶", " ").split()) if match else ""


def mark_site(site_dir: Path, keywords: dict[str, list[str]]) -> int:
    pages: dict[Path, tuple[str, list[str]]] = {}
    for path in sorted(site_dir.rglob("*.html")):
        relative = path.relative_to(site_dir).as_posix()
        if relative in ("404.html", "en/404.html") or relative.startswith(f"{BUNDLE}/"):
            continue  # the "page not found" pages (hooks/not_found.py) are not search results
        url = relative[: -len("index.html")] if relative.endswith("index.html") else relative
        text = path.read_text(encoding="utf-8")
        if ARTICLE in text:
            title = page_title(text)
            pages[path] = (text, ([title] if title else []) + keywords.get(url, []))
    cut = browser_segmentation([word for _, words in pages.values() for word in words])
    for path, (text, words) in pages.items():
        path.write_text(mark_page(text, with_segmentation(words, cut)), encoding="utf-8")
    return len(pages)


def run_pagefind(site_dir: Path) -> str:
    if not PAGEFIND.exists():
        raise PluginError(
            f"search index: {PAGEFIND} is missing; install the npm packages first (`npm ci`, which ./dev does)"
        )
    command = [str(PAGEFIND), "--site", str(site_dir), "--output-subdir", BUNDLE]
    for selector in EXCLUDE_SELECTORS:
        command += ["--exclude-selectors", selector]
    proc = subprocess.run(command, capture_output=True, text=True)
    output = proc.stdout + proc.stderr
    if proc.returncode != 0 or "Extended" not in output:
        # Without the extended binary Pagefind cannot cut Chinese into words: stop rather than ship that.
        raise PluginError(f"search index: pagefind failed (exit {proc.returncode}):\n{output[-3000:]}")
    for name in UNUSED_BUNDLE_FILES:
        (site_dir / BUNDLE / name).unlink(missing_ok=True)
    return output


def is_last_language_build(config) -> bool:
    """mkdocs-static-i18n builds the default language, then (from its own on_post_build, which runs after
    this hook's) every other language into the same site folder: index once, when all pages are there."""
    i18n = config.plugins.get("i18n")
    if i18n is None or len(getattr(i18n, "build_languages", [])) <= 1:
        return True
    return bool(getattr(i18n, "building", False))


def on_post_build(config, **kwargs) -> None:
    if not is_last_language_build(config):
        return
    site_dir = Path(config["site_dir"])
    shutil.rmtree(site_dir / BUNDLE, ignore_errors=True)  # `mkdocs serve` rebuilds into the same folder
    for folder in MATERIAL_SEARCH_ASSETS:
        shutil.rmtree(site_dir / folder, ignore_errors=True)
    data = load_data()
    marked = mark_site(site_dir, page_keywords(data))
    output = run_pagefind(site_dir)
    for lang in ("zh", "en"):  # beside the index the page's language loads (search.js)
        (site_dir / BUNDLE / f"answers.{lang}.json").write_text(
            json.dumps(search_answers.answers(data, lang, SYNONYMS), ensure_ascii=False, separators=(",", ":")),
            encoding="utf-8",
        )
    summary = re.findall(r"Indexed (\d+) (languages|pages|words)", output)
    log.info("%d pages marked; pagefind indexed %s", marked, ", ".join(f"{n} {what}" for n, what in summary))
