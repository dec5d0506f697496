"""Search (Pagefind, hooks/search_index.py + overrides/partials/site-search.html + assets/javascripts/
search.js), tested through the header search box of the built site as a reader uses it: with the mouse
and the keyboard, on a desktop and a phone, with odd input, from a sub-path, and offline.

tests/test_site_search_queries.py checks what realistic queries find.
"""

from __future__ import annotations

import functools
import http.server
import json
import re
import threading
from pathlib import Path

import pytest
from browser_helpers import browser_context, browser_page
from offline_helpers import wait_all_cached
from playwright.sync_api import expect
from search_helpers import DIALOG, INPUT, OPEN_BUTTON, STATUS, TOP_LINKS, open_search, read_listed, search, type_query
from site_helpers import QuietHandler

from hooks.offline import precache_list

DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
NO_RESULTS = {
    "zh": "本站没有与“{query}”相符的内容，请换个词或减少字数再试。",
    "en": "Nothing on this site matches “{query}”. Try fewer or other words.",
}
DIALOG_NAME = {"zh": "站内搜索", "en": "Search this site"}


@pytest.fixture()
def context(site_browser):
    with browser_context(site_browser, viewport=DESKTOP, service_workers="block") as ctx:
        yield ctx


@pytest.fixture()
def page(context):
    pg = context.new_page()
    pg.set_default_timeout(30000)
    errors: list[str] = []
    pg.on("pageerror", lambda error: errors.append(str(error)))
    pg.on("console", lambda m: errors.append(m.text) if m.type == "error" and "Service Worker" not in m.text else None)
    pg.errors = errors
    yield pg
    assert errors == [], errors  # a CSP violation, a failed fetch or a script error while searching


# --- the built index -------------------------------------------------------------------------------


def test_one_index_per_language_and_only_what_the_box_uses(built_site):
    bundle = built_site.dir / "pagefind"
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert set(entry["languages"]) == {"zh", "en"}
    pages = {lang: sum(1 for p in built_site.pages[lang]) for lang in ("zh", "en")}
    for lang, info in entry["languages"].items():
        assert info["page_count"] == pages[lang], (lang, info, pages[lang])
    assert (bundle / "pagefind.js").is_file() and (bundle / "pagefind-worker.js").is_file()
    assert not list(bundle.glob("pagefind-*ui*")) and not (bundle / "pagefind-highlight.js").exists()
    # Material's search is gone: no lunr index, no search worker.
    assert not (built_site.dir / "search").exists()
    assert not (built_site.dir / "assets" / "javascripts" / "workers").exists()
    assert not (built_site.dir / "assets" / "javascripts" / "lunr").exists()


def test_only_the_article_is_indexed(built_site):
    for lang, pages in built_site.pages.items():
        for name in pages:
            html = built_site.html(lang, name).read_text(encoding="utf-8")
            assert html.count("data-pagefind-body") == 1, (lang, name)
            body = re.search(r"<article [^>]*data-pagefind-body[^>]*>", html)
            assert body, (lang, name)
    not_found = (built_site.dir / "404.html").read_text(encoding="utf-8")
    assert "data-pagefind-body" not in not_found
    # The unit abbreviation and the indicator number are keywords of their pages, also cut into
    # the words the browser cuts a query into.
    unit = built_site.html("zh", "units/industry-it-science.md").read_text(encoding="utf-8")
    assert re.search(r'data-pagefind-meta="keywords:[^"]*县工信局[^"]*县 工 信 局', unit)
    indicator = built_site.html("en", "indicators/05.md").read_text(encoding="utf-8")
    assert re.search(r'data-pagefind-meta="keywords:[^"]*Indicator 5\b', indicator)


INDEXED_TEXT = """async ([root, query]) => {
    const pagefind = await import(root + "pagefind/pagefind.js");
    await pagefind.init();
    const found = await pagefind.search(query);
    return Promise.all(found.results.map(async (r) => { const d = await r.data(); return [d.url, d.content]; }));
}"""


@pytest.mark.parametrize("lang,query", [("zh", "首违不罚"), ("en", "sandbox")])
def test_only_the_article_text_is_in_the_index(page, built_site, lang, query):
    # What Pagefind holds for each page found: the article's text, without the header (search box,
    # language link), the navigation, the translation notice of the English pages or the permalinks.
    page.goto(built_site.page_url(lang, "index.md"))
    indexed = page.evaluate(INDEXED_TEXT, [built_site.url, query])
    assert len(indexed) >= 2
    unwanted = [
        "Unofficial translation",
        "阅读中文版",
        "站内搜索",
        "Search this site",
        "跳转至",
        "Skip to content",
        "切换到深色模式",
        "Switch to dark mode",
    ]
    for url, content in indexed:
        assert [u for u in unwanted if u in content] == [], (url, content[:300])
        assert content.count("¶") <= 1, url  # the permalinks (the policy page names its ¶ once in its text)


# --- what a page load costs ---------------------------------------------------------------------


def test_a_page_that_is_not_searched_downloads_nothing_of_search(context, built_site):
    requested: list[str] = []
    pg = context.new_page()
    pg.on("request", lambda r: requested.append(r.url))
    pg.goto(built_site.page_url("zh", "tasks.md"), wait_until="networkidle")
    # (The box itself, assets/javascripts/search.js and stylesheets/search.css, is a few kB on every page.)
    index_files = [u for u in requested if any(s in u for s in ("/pagefind/", "search_index", "/workers/", "/lunr/"))]
    assert index_files == [], index_files
    # Opening the search loads Pagefind and the Chinese index only.
    open_search(pg)
    type_query(pg, "首违不罚")
    fetched = [u for u in requested if "/pagefind/" in u]
    assert any(u.split("?")[0].endswith("/pagefind/pagefind.js") for u in fetched), fetched
    assert any("pagefind.zh_" in u for u in fetched) and not any("pagefind.en_" in u for u in fetched), fetched


# --- the box, with mouse and keyboard --------------------------------------------------------------


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_dialog_has_a_name_in_the_page_language_and_esc_closes_it(page, built_site, lang):
    page.goto(built_site.page_url(lang, "index.md"))
    button = page.locator(OPEN_BUTTON)
    expect(button).to_be_visible()
    button.click()
    dialog = page.get_by_role("dialog", name=DIALOG_NAME[lang])
    expect(dialog).to_be_visible()
    expect(page.locator(INPUT)).to_be_focused()
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    expect(button).to_be_focused()  # the focus goes back where it was


@pytest.mark.parametrize("key", ["/", "s"])
def test_keyboard_only(page, built_site, key):
    page.goto(built_site.page_url("zh", "index.md"))
    page.locator("body").press(key)
    expect(page.locator(INPUT)).to_be_focused()
    assert page.locator(INPUT).input_value() == "", "the shortcut key is not typed into the box"
    listed = type_query(page, "沙盒监管")
    assert listed.pages
    page.keyboard.press("ArrowDown")
    first = page.locator(TOP_LINKS).first
    expect(first).to_be_focused()
    page.keyboard.press("ArrowUp")
    expect(page.locator(INPUT)).to_be_focused()
    page.keyboard.press("Enter")  # Enter in the box opens the first result
    page.wait_for_url(listed.pages[0])
    expect(page.locator(DIALOG)).to_be_hidden()


def test_clicking_a_result_opens_the_page_and_closes_the_search(page, built_site):
    page.goto(built_site.page_url("en", "index.md"))
    listed = search(page, "sandbox")
    assert built_site.page_url("en", "indicators/29.md") in [h.split("#")[0] for h in listed.pages[:5]]
    page.locator(f'{TOP_LINKS}[href="{built_site.page_url("en", "indicators/29.md")}"]').click()
    page.wait_for_url(re.compile(r"/en/indicators/29/"))
    expect(page.locator(DIALOG)).to_be_hidden()
    expect(page.locator("article h1").first).to_contain_text("Indicator 29")
    # After (instant) navigation, the search still works.
    assert search(page, "express delivery").pages


@pytest.mark.parametrize("lang,query", [("zh", "沙盒监管"), ("en", "sandbox")])
def test_excerpts_highlight_the_match(page, built_site, lang, query):
    page.goto(built_site.page_url(lang, "index.md"))
    listed = search(page, query)
    marked = [m.strip(" .,;:").lower() for m in listed.marked]
    if lang == "en":
        assert "sandbox" in marked, listed.marked
    else:
        # Pagefind marks the words it cut the query into (沙盒监管 → 沙, 盒, 监管): all of them.
        assert all(m in query for m in marked), listed.marked
        assert set("".join(marked)) == set(query), listed.marked


# --- odd input -------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_match_says_so_in_the_page_language(page, built_site, lang):
    page.goto(built_site.page_url(lang, "index.md"))
    query = "qqzzxxyy" if lang == "en" else "火星殖民地"
    listed = search(page, query)
    assert listed.pages == []
    assert listed.status == NO_RESULTS[lang].format(query=query)


def test_empty_query_lists_nothing_and_shows_the_hint(page, built_site):
    page.goto(built_site.page_url("zh", "index.md"))
    assert search(page, "首违不罚").pages
    page.locator(INPUT).fill("")
    page.wait_for_function(
        "document.querySelector('[data-site-search]').getAttribute('data-site-search-state') === 'empty'"
    )
    assert read_listed(page).pages == []
    expect(page.locator(STATUS)).to_contain_text("输入词语或编号")
    page.locator(INPUT).fill("   ")
    assert read_listed(page).pages == []


def test_a_200_character_query(page, built_site):
    page.goto(built_site.page_url("zh", "index.md"))
    long_query = ("平陆县网络市场监管与服务示范区创建工作领导小组办公室" * 10)[:200]
    assert len(long_query) == 200
    listed = search(page, long_query)
    assert page.locator(INPUT).input_value() == long_query, "the box keeps the whole query"
    assert page.get_attribute("[data-site-search]", "data-site-search-state") in ("results", "none")
    assert listed.status


@pytest.mark.parametrize("lang,query", [("zh", "，。！？、……"), ("en", "?!.,;:")])
def test_only_punctuation_finds_nothing(page, built_site, lang, query):
    page.goto(built_site.page_url(lang, "index.md"))
    listed = search(page, query)
    assert listed.pages == []
    assert listed.status == NO_RESULTS[lang].format(query=query)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_markup_typed_into_the_box_is_shown_as_text(page, built_site, lang):
    page.goto(built_site.page_url(lang, "index.md"))
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    for query in ["<script>alert(1)</script>", '<img src=x onerror="alert(2)">', "<b>12315</b>"]:
        listed = search(page, query)
        assert (
            page.locator("[data-site-search] script, [data-site-search] img, [data-site-search-results] b").count() == 0
        )
        if not listed.pages:
            assert listed.status == NO_RESULTS[lang].format(query=query)  # the query, as text
    if lang == "en":
        listed = search(page, "<i>qqzzxxyy</i>")
        assert listed.status == NO_RESULTS[lang].format(query="<i>qqzzxxyy</i>")
    assert dialogs == []


# --- phone, sub-path, offline -----------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_on_a_phone_the_search_opens_full_width(site_browser, built_site, lang):
    with browser_page(site_browser, viewport=PHONE, service_workers="block", has_touch=True, is_mobile=True) as pg:
        pg.goto(built_site.page_url(lang, "index.md"))
        button = pg.locator(OPEN_BUTTON)
        box = button.bounding_box()
        assert box and box["width"] >= 40 and box["height"] >= 40, box  # big enough to tap
        listed = search(pg, "首违不罚" if lang == "zh" else "first violation")
        assert listed.pages
        dialog = pg.locator(DIALOG).bounding_box()
        assert dialog["x"] == 0 and dialog["width"] == PHONE["width"], dialog
        assert pg.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


class _SubPathHandler(QuietHandler):
    """Serves the site under /pinglu/ only, as a reverse proxy or a shared intranet host would."""

    PREFIX = "/pinglu/"

    def translate_path(self, path):
        if not path.startswith(self.PREFIX):
            return "/nonexistent"
        return super().translate_path("/" + path[len(self.PREFIX) :])


def test_search_works_from_a_sub_path(site_browser, built_site):
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_SubPathHandler, directory=str(built_site.dir))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/pinglu/"
    try:
        with browser_page(site_browser, viewport=DESKTOP, service_workers="block") as pg:
            pg.goto(base + "en/units/")
            listed = search(pg, "sandbox")
            assert base + "en/indicators/29/" in [h.split("#")[0] for h in listed.pages[:5]], listed.pages
            assert all(h.startswith(base + "en/") for h in listed.pages), listed.pages
            pg.goto(base + "tasks/")
            listed = search(pg, "县工信局")
            assert listed.pages[0].split("#")[0] == base + "units/industry-it-science/", listed.pages
    finally:
        server.shutdown()
        server.server_close()


def test_search_works_offline_after_one_visit(site_browser, built_site):
    """Pagefind asks for its files with a ?ts= query string (pagefind-entry.json?ts=…): the service
    worker answers them from the precache, which lists them without one."""
    precached = precache_list(built_site.dir)
    assert any(url.startswith("pagefind/") for url in precached)
    with browser_context(site_browser, viewport=DESKTOP) as ctx:
        pg = ctx.new_page()
        pg.goto(built_site.page_url("zh", "index.md"))
        pg.evaluate("navigator.serviceWorker.ready.then(() => true)")
        wait_all_cached(pg, built_site.url, precached)
        pg.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=60_000)
        assert search(pg, "首违不罚").pages  # online, through the service worker
        keys = pg.evaluate("""async () => {
            const cache = await caches.open((await caches.keys())[0]);
            return (await cache.keys()).map((r) => r.url);
        }""")
        assert [k for k in keys if "?" in k] == [], "a copy per ?ts= query string piles up in the cache"
        ctx.set_offline(True)
        pg.goto(built_site.page_url("zh", "tasks.md"))
        listed = search(pg, "县工信局")
        assert listed.pages and listed.pages[0] == built_site.page_url("zh", "units/industry-it-science.md"), (
            listed.pages
        )
        pg.goto(built_site.page_url("en", "index.md"))
        listed = search(pg, "sandbox")
        assert built_site.page_url("en", "indicators/29.md") in [h.split("#")[0] for h in listed.pages[:5]]


AXE = Path(__file__).resolve().parent.parent / "node_modules" / "axe-core" / "axe.min.js"
RUN_AXE_ON_SEARCH = """async () => {
    const inDialog = await axe.run('[data-site-search-dialog]', {runOnly: {type: 'tag',
        values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}});
    const dialogName = await axe.run(document, {runOnly: {type: 'rule', values: ['aria-dialog-name']}});
    return [...inDialog.violations, ...dialogName.violations]
        .filter(v => v.impact === 'serious' || v.impact === 'critical' || v.id === 'aria-dialog-name')
        .map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}));
}"""


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_open_search_passes_axe(site_browser, built_site, lang, viewport):
    with browser_page(
        site_browser, viewport=DESKTOP if viewport == "desktop" else PHONE, bypass_csp=True, service_workers="block"
    ) as pg:
        pg.goto(built_site.page_url(lang, "tasks.md"))
        assert search(pg, "12315").pages
        pg.add_script_tag(content=AXE.read_text(encoding="utf-8"))
        assert pg.evaluate(RUN_AXE_ON_SEARCH) == []
