"""The built site in headless Chromium: nothing is fetched from another host, changing language works
after instant navigation, search finds Chinese and English words, text is readable on a phone, and the
print layout drops the screen furniture.

Uses the session fixtures `built_site` (served on 127.0.0.1) and `site_browser` from conftest.py.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from browser_helpers import browser_context, browser_page
from playwright.sync_api import expect
from site_helpers import LANGUAGES

DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}


@pytest.fixture()
def page(site_browser, built_site):
    with browser_page(site_browser, viewport=DESKTOP, timeout=30000) as pg:
        yield pg


def _local(url: str, built_site) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("data", "blob", "about") or (
        parts.hostname == "127.0.0.1" and parts.port == built_site.port
    )


def one_page_of_each_kind(pages: list[str]) -> list[str]:
    """The first page of every top-level folder (and every top-level page): pages of one folder are
    made by the same macros, so they load the same things. test_site_build.py scans every file."""
    kinds: dict[str, str] = {}
    for name in pages:
        kinds.setdefault(name.split("/")[0], name)
    return sorted(kinds.values())


def test_pages_request_nothing_from_other_hosts(site_browser, built_site):
    elsewhere: list[str] = []

    def route(r):
        if _local(r.request.url, built_site):
            r.continue_()
        else:
            elsewhere.append(f"{r.request.frame.url if r.request.frame else '?'} → {r.request.url}")
            r.abort()

    with browser_context(site_browser, viewport=DESKTOP) as context:
        context.route("**/*", route)
        pg = context.new_page()
        for lang in LANGUAGES:
            for name in one_page_of_each_kind(built_site.pages[lang]):
                pg.goto(built_site.page_url(lang, name), wait_until="networkidle")
    assert elsewhere == [], "requests to other hosts:\n" + "\n".join(elsewhere)


def test_no_webfont_is_loaded_and_chinese_comes_first(page, built_site):
    page.goto(built_site.page_url("zh", "index.md"), wait_until="networkidle")
    assert page.evaluate("document.fonts.size") == 0
    family = page.evaluate("getComputedStyle(document.querySelector('.md-typeset p')).fontFamily")
    first = family.split(",")[0].strip().strip('"')
    assert first in ("PingFang SC", "Hiragino Sans GB", "Microsoft YaHei"), family
    page.goto(built_site.page_url("en", "index.md"), wait_until="networkidle")
    family_en = page.evaluate("getComputedStyle(document.querySelector('.md-typeset p')).fontFamily")
    assert "Noto Sans CJK SC" in family_en and not family_en.startswith('"PingFang SC"'), family_en


def test_changing_language_after_instant_navigation(page, built_site):
    pages = built_site.pages["zh"]
    assert len(pages) >= 2, "needs a second page to navigate to"
    home = built_site.page_url("zh", "index.md")
    page.goto(home, wait_until="networkidle")
    page.evaluate("window.__sameDocument = true")

    # An instant navigation to another page of the navigation.
    links = page.eval_on_selector_all(
        ".md-nav--primary a.md-nav__link[href]", "els => els.map(e => [e.href, e.getAttribute('href')])"
    )
    target = next(href for href, raw in links if not raw.startswith("#") and href.split("#")[0] != home)
    name = next(n for n in pages if built_site.page_url("zh", n) == target.split("#")[0])
    page.click(f".md-nav--primary a.md-nav__link[href='{dict((h, r) for h, r in links)[target]}']")
    page.wait_for_url(target)  # pushState happens on the click, before the new article has arrived
    assert page.evaluate("window.__sameDocument === true"), "navigation was not instant (check site_url)"

    # The header's language link now points at the English edition of *this* page, once the new article
    # is in (wait_for_load_state would not wait: an instant navigation is no new load).
    header_link = "header a[data-site-alternate][hreflang=en]"
    expect(page.locator(header_link)).to_have_js_property("href", built_site.page_url("en", name), timeout=15000)
    assert page.evaluate("window.__sameDocument === true"), "navigation was not instant (check site_url)"

    # … and following it loads the English page as a whole: new document, English header and <html lang>.
    page.click(header_link)
    page.wait_for_url(built_site.page_url("en", name))
    page.wait_for_load_state("networkidle")
    assert page.evaluate("window.__sameDocument") is None
    assert page.evaluate("document.documentElement.lang") == "en"
    assert page.inner_text("header a[data-site-alternate]").strip() == "中文"

    # A link inside an article into the other language is a full page load too.
    page.evaluate("window.__sameDocument = true")
    page.evaluate(
        """url => { const a = document.createElement('a'); a.href = url; a.id = 'cross'; a.textContent = 'x';
                    document.querySelector('article').prepend(a); }""",
        home,
    )
    page.click("#cross")
    page.wait_for_url(home)
    page.wait_for_load_state("networkidle")
    assert page.evaluate("window.__sameDocument") is None
    assert page.evaluate("document.documentElement.lang") == "zh"


@pytest.mark.parametrize(
    "lang,query",
    [
        ("en", "indicators"),
        ("en", "assessment"),
        ("en", "responsible"),
        ("en", "Trainers"),
        ("zh", "合格标准"),
        ("zh", "领导小组"),
        ("zh", "发文机关"),
    ],
)
def test_search_finds_words(page, built_site, lang, query):
    """The word typed into the header search box is found on pages of the reader's language only and
    highlighted in the excerpts (tests/test_site_search*.py test the search in depth)."""
    from search_helpers import search

    page.goto(built_site.page_url(lang, "index.md"), wait_until="networkidle")
    listed = search(page, query)
    paths = [h[len(built_site.url) :] for h in listed.pages]
    assert paths, query
    assert all(p.startswith("en/") == (lang == "en") for p in paths), (query, paths)
    assert listed.marked, query
    if lang == "en":
        assert query.lower() in {m.lower() for m in listed.marked}, (query, listed.marked[:10])
    else:
        # Pagefind marks the words of the query it found (合格标准 → 合格, 标准).
        assert any(m and m in query for m in listed.marked), (query, listed.marked[:10])


def test_text_is_readable_on_a_phone(site_browser, built_site):
    with browser_page(site_browser, viewport=PHONE, is_mobile=True, has_touch=True) as pg:
        for lang in LANGUAGES:
            pg.goto(built_site.page_url(lang, "index.md"), wait_until="networkidle")
            size, line = pg.evaluate(
                """() => { const s = getComputedStyle(document.querySelector('article > p'));
                           return [parseFloat(s.fontSize), parseFloat(s.lineHeight)]; }"""
            )
            assert size >= 17, (lang, size)
            assert line / size >= 1.5, (lang, line, size)
            overflow = pg.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
            assert overflow <= 0, f"{lang}: the page is {overflow}px wider than the phone"
            # Projector blocks for training sessions: much larger type.
            ratio = pg.evaluate(
                """() => { const d = document.createElement('div'); d.className = 'projector';
                           d.innerHTML = '<p>x</p>'; document.querySelector('article').append(d);
                           const p = document.querySelector('article > p');
                           return parseFloat(getComputedStyle(d.querySelector('p')).fontSize)
                                  / parseFloat(getComputedStyle(p).fontSize); }"""
            )
            assert ratio >= 1.15, ratio


def test_projector_blocks_use_large_type_on_desktop(page, built_site):
    page.goto(built_site.page_url("zh", "index.md"), wait_until="networkidle")
    ratio = page.evaluate(
        """() => { const d = document.createElement('div'); d.className = 'projector';
                   d.innerHTML = '<p>x</p>'; document.querySelector('article').append(d);
                   return parseFloat(getComputedStyle(d.querySelector('p')).fontSize)
                          / parseFloat(getComputedStyle(document.querySelector('article > p')).fontSize); }"""
    )
    assert ratio >= 1.4, ratio


def test_print_layout(page, built_site):
    page.goto(built_site.page_url("en", "index.md"), wait_until="networkidle")
    page.evaluate(
        """() => { const h = document.createElement('h2'); h.className = 'indicator-section'; h.id = 'probe';
                   h.textContent = 'x'; document.querySelector('article').append(h); }"""
    )
    page.emulate_media(media="print")
    hidden = page.evaluate(
        """() => ['.md-header', '.md-sidebar--primary', '.md-sidebar--secondary', '.md-footer', '.site-search',
                  '.md-top', '.md-header__option'].filter(s => document.querySelector(s))
                  .map(s => [s, getComputedStyle(document.querySelector(s)).display])"""
    )
    assert hidden and all(display == "none" for _, display in hidden), hidden
    assert page.evaluate("getComputedStyle(document.querySelector('#probe')).breakBefore") == "page"
    row = page.evaluate("getComputedStyle(document.querySelector('article table tr')).breakInside")
    assert row == "avoid"
    link = page.evaluate(
        """() => { const a = document.querySelector('article p a'); const s = getComputedStyle(a);
                   return [s.textDecorationLine, s.color, getComputedStyle(a.parentElement).color,
                           getComputedStyle(a, '::after').content]; }"""
    )
    assert link[0] == "none" and link[1] == link[2] and link[3] in ("none", "normal"), link
    # The English edition's notice stays on paper.
    assert page.evaluate("getComputedStyle(document.querySelector('.unofficial-notice')).display") != "none"
    sheets = page.evaluate("[...document.styleSheets].map(s => s.href || '')")
    assert any(s.endswith("print.css") for s in sheets)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_phone_header_fits_at_every_type_size(site_browser, built_site, lang):
    """On 320, 390 and 414 px phones, with A+ (the header's larger text) and then also the indicator page's
    large type, nothing scrolls sideways, every header control is on the screen and the site title is
    readable in a row of its own (issue 22: A+ had made the page 473 px wide, the title "平…")."""
    for width in (320, 390, 414):
        with browser_page(site_browser, viewport={"width": width, "height": 740}, is_mobile=True, has_touch=True) as pg:
            pg.goto(built_site.page_url(lang, "indicators/17.md"), wait_until="networkidle")
            pg.click("[data-elder='elder-large']")
            for step in ("A+", "A+ and large type"):
                if step != "A+":
                    pg.click("[data-large-type-toggle]")
                pg.wait_for_timeout(600)  # Material slides the header title in over 0.4 s
                where = f"{lang}, {width}px, {step}"
                overflow = pg.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
                assert overflow <= 0, f"{where}: the page is {overflow}px wider than the phone"
                for control in (
                    ".md-header__button.md-icon",
                    "[data-md-component='palette']",
                    ".site-lang__link",
                    "[data-elder='elder-large']",
                    "[data-elder='elder-contrast']",
                    ".site-search__open",
                ):
                    box = pg.locator(control).first.bounding_box()
                    assert box and box["x"] >= 0 and box["x"] + box["width"] <= width, f"{where}: {control} at {box}"
                title = pg.locator(".md-header__title").bounding_box()
                assert title["width"] >= width * 0.9, f"{where}: the title has {title['width']}px"
                # The title in view (the site's, or the page's once scrolled past its heading) is shown whole,
                # or (a long English one) over most of the row.
                full, shown = pg.evaluate("""() => {
                    const title = document.querySelector('.md-header__title');
                    const topics = title.querySelectorAll('.md-header__topic .md-ellipsis');
                    const span = topics[title.classList.contains('md-header__title--active') ? 1 : 0];
                    const range = document.createRange(); range.selectNodeContents(span);
                    const text = range.getBoundingClientRect(), row = span.closest('.md-header__title').getBoundingClientRect();
                    return [text.width, Math.min(text.right, row.right) - Math.max(text.left, row.left)]; }""")
                assert shown >= min(full, width * 0.8) - 1, f"{where}: {shown}px of the title's {full}px shown"


@pytest.mark.parametrize(
    "lang,title,search,home", [("zh", "页面不存在", "搜索", "首页"), ("en", "Page not found", "Search", "Home page")]
)
def test_the_not_found_page_is_in_its_editions_language(page, built_site, lang, title, search, home):
    """Each edition's "page not found" (hooks/not_found.py; servers map misses under /en/ to the English one)
    speaks its readers' language, header and navigation included, and leads back into the same edition."""
    page.goto(built_site.url + ("en/404.html" if lang == "en" else "404.html"), wait_until="networkidle")
    assert page.get_attribute("html", "lang") == lang
    assert title in page.locator("article h1").inner_text()
    assert search in page.locator(".site-search__open").inner_text()
    page.locator("article").get_by_role("link", name=home, exact=True).click()
    page.wait_for_load_state("networkidle")
    assert page.url == built_site.page_url(lang, "index.md")
