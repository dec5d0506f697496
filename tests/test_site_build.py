"""The site frame: it builds strictly, every page exists in both languages, the English edition says it
is unofficial, the government footer appears only when configured, and no built page makes the browser
fetch anything from another host.

The "nothing from another host" check is static and looks at what a page would actually *fetch*:
<script src>, <link href> (except canonical/alternate, which are not fetched), <img>/<iframe>/<source>/
<video>/<audio>/<embed>/<object> sources, srcset, inline SVG <image>/<use>, <meta http-equiv=refresh>,
<base>, CSS url() and @import (in .css files, <style> and style=""), ES module imports, importScripts
and new Worker in every script, fetch() in the site's own scripts, and URL-valued keys of JSON files.
Plain <a href> links to other sites are allowed: following one is the reader's choice (the ICP record
number must even link to the MIIT lookup). Vendor bundles (Material, lunr, Pyodide) mention many
addresses in strings and licence comments that nothing loads; tests/test_browser_site.py loads every
page in Chromium and fails on any request that leaves 127.0.0.1.
"""

from __future__ import annotations

import json
import logging
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin

import jinja2
import pytest
from site_helpers import DEFAULT_LANGUAGE, LANGUAGES, ROOT

# ------------------------------------------------------------------------------------------------
# Static scanner for requests to other hosts
# ------------------------------------------------------------------------------------------------

EXTERNAL = re.compile(r"^\s*(?:[a-z][a-z0-9+.\-]*:)?//", re.I)  # http://, https://, //host, ws://, ftp://
LINK_RELS_NOT_FETCHED = {"canonical", "alternate", "prev", "next", "author", "license", "help", "search", "me"}
FETCHING_ATTRS = {
    "script": ["src"],
    "img": ["src", "srcset"],
    "source": ["src", "srcset"],
    "iframe": ["src"],
    "frame": ["src"],
    "embed": ["src"],
    "object": ["data"],
    "video": ["src", "poster"],
    "audio": ["src"],
    "track": ["src"],
    "input": ["src"],
    "image": ["href", "xlink:href"],
    "use": ["href", "xlink:href"],
    "feimage": ["href", "xlink:href"],
    "base": ["href"],
    "body": ["background"],
}
JS_LOADS = [
    re.compile(r"""\bimport\s*\(\s*["'`]((?:https?:)?//[^"'`]+)"""),  # import("https://…")
    re.compile(r"""\bimport\s+(?:[\w*{}\s,$]+\s+from\s+)?["']((?:https?:)?//[^"']+)"""),  # import x from "https://…"
    re.compile(r"""\bimportScripts\s*\(\s*["'`]((?:https?:)?//[^"'`]+)"""),
    re.compile(r"""\bnew\s+(?:Shared)?Worker\s*\(\s*["'`]((?:https?:)?//[^"'`]+)"""),
]
JS_OWN_LOADS = [
    re.compile(r"""\bfetch\s*\(\s*["'`]((?:https?:)?//[^"'`]+)"""),
    re.compile(r"""\.open\s*\(\s*["'`][A-Z]+["'`]\s*,\s*["'`]((?:https?:)?//[^"'`]+)"""),  # XMLHttpRequest
    re.compile(r"""\.(?:src|href)\s*=\s*["'`]((?:https?:)?//[^"'`]+)"""),
    re.compile(r"""setAttribute\s*\(\s*["'](?:src|href)["']\s*,\s*["'`]((?:https?:)?//[^"'`]+)"""),
]
JSON_URL_KEYS = {"src", "href", "url", "file_name", "import", "index_url", "indexurl", "stylesheet", "script"}


def _strip_css_comments(css: str) -> str:
    return re.sub(r"/\*.*?\*/", "", css, flags=re.S)


def css_fetches(css: str) -> list[str]:
    """Every address a style sheet loads: url(…) arguments and @import targets."""
    css = _strip_css_comments(css)
    found = []
    i = 0
    lower = css.lower()
    while True:
        i = lower.find("url(", i)
        if i < 0:
            break
        j = i + 4
        while j < len(css) and css[j] in " \t\r\n":
            j += 1
        if j < len(css) and css[j] in "\"'":
            quote = css[j]
            k = j + 1
            while k < len(css) and css[k] != quote:
                k += 2 if css[k] == "\\" else 1
            found.append(css[j + 1 : k])
            i = k + 1
        else:
            k = css.find(")", j)
            found.append(css[j : k if k >= 0 else len(css)].strip())
            i = (k if k >= 0 else len(css)) + 1
    found += re.findall(r"""@import\s+["']([^"']+)["']""", css, flags=re.I)
    return found


def js_fetches(js: str, own: bool) -> list[str]:
    patterns = JS_LOADS + (JS_OWN_LOADS if own else [])
    return [m.group(1) for pattern in patterns for m in pattern.finditer(js)]


class _FetchCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self._in: str | None = None

    def _external(self, what: str, value: str | None) -> None:
        if value and EXTERNAL.match(value):
            self.problems.append(f"{what}: {value.strip()[:120]}")

    def handle_starttag(self, tag, attrs):
        attrs_d = {k.lower(): (v or "") for k, v in attrs}
        tag = tag.lower()
        if tag == "link":
            rels = set(attrs_d.get("rel", "").lower().split())
            if not rels or not rels <= LINK_RELS_NOT_FETCHED:
                self._external(f"<link rel={attrs_d.get('rel')!r} href>", attrs_d.get("href"))
            self._external("<link imagesrcset>", attrs_d.get("imagesrcset"))
        for attr in FETCHING_ATTRS.get(tag, []):
            value = attrs_d.get(attr)
            if attr.endswith("srcset") and value:
                for candidate in value.split(","):
                    self._external(f"<{tag} {attr}>", candidate.strip().split(" ")[0])
            else:
                self._external(f"<{tag} {attr}>", value)
        if tag == "meta" and attrs_d.get("http-equiv", "").lower() == "refresh":
            target = re.sub(r"^\s*\d+\s*;?\s*(url\s*=\s*)?", "", attrs_d.get("content", ""), flags=re.I)
            self._external("<meta http-equiv=refresh>", target.strip("'\" "))
        if tag == "a" and attrs_d.get("ping"):
            self._external("<a ping>", attrs_d["ping"])
        if "style" in attrs_d:
            for url in css_fetches(attrs_d["style"]):
                self._external(f"<{tag} style=url()>", url)
        if tag in ("style", "script"):
            self._in = tag

    def handle_endtag(self, tag):
        if tag.lower() in ("style", "script"):
            self._in = None

    def handle_data(self, data):
        if self._in == "style":
            for url in css_fetches(data):
                self._external("<style> url()/@import", url)
        elif self._in == "script":
            for url in js_fetches(data, own=True):
                self._external("inline <script>", url)


def html_fetches_elsewhere(html: str) -> list[str]:
    collector = _FetchCollector()
    collector.feed(html)
    collector.close()
    return collector.problems


def json_fetches_elsewhere(value, path: str = "") -> list[str]:
    problems = []
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, str) and key.lower() in JSON_URL_KEYS and EXTERNAL.match(item):
                problems.append(f"{path}.{key}: {item[:120]}")
            else:
                problems += json_fetches_elsewhere(item, f"{path}.{key}")
    elif isinstance(value, list):
        for n, item in enumerate(value):
            problems += json_fetches_elsewhere(item, f"{path}[{n}]")
    return problems


def site_fetches_elsewhere(site: Path) -> list[str]:
    own_js = {
        p.relative_to(ROOT / "docs").as_posix() for p in (ROOT / "docs").rglob("*") if p.suffix in (".js", ".mjs")
    }
    problems = []
    for path in sorted(site.rglob("*")):
        rel = path.relative_to(site).as_posix()
        if path.suffix == ".html":
            problems += [f"{rel}: {p}" for p in html_fetches_elsewhere(path.read_text(encoding="utf-8"))]
        elif path.suffix == ".css":
            css = path.read_text(encoding="utf-8")
            problems += [f"{rel}: url()/@import {u[:120]}" for u in css_fetches(css) if EXTERNAL.match(u)]
        elif path.suffix in (".js", ".mjs"):
            js = path.read_text(encoding="utf-8", errors="replace")
            problems += [f"{rel}: script loads {u[:120]}" for u in js_fetches(js, own=rel in own_js)]
        elif path.suffix in (".json", ".webmanifest"):
            problems += [f"{rel}: {p}" for p in json_fetches_elsewhere(json.loads(path.read_text(encoding="utf-8")))]
    return problems


# The scanner itself: each of these must be caught, each of the harmless ones must pass.
CAUGHT = [
    ("html", '<link rel="preconnect" href="https://fonts.gstatic.com" crossorigin>'),
    ("html", '<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto">'),
    ("html", '<link rel="preload" as="font" href="//cdn.example.com/a.woff2">'),
    ("html", '<link rel="icon" href="https://example.com/favicon.ico">'),
    ("html", '<link rel="manifest" href="https://example.com/site.webmanifest">'),
    ("html", '<script src="https://cdn.jsdelivr.net/npm/mermaid/dist/mermaid.min.js"></script>'),
    ("html", '<script type="module">import x from "https://esm.sh/x";</script>'),
    ("html", '<script>fetch("https://api.example.com/data")</script>'),
    ("html", '<img src="https://example.com/a.png" alt="">'),
    ("html", '<img srcset="a.png 1x, https://example.com/b.png 2x" alt="">'),
    ("html", '<iframe src="https://map.example.com/"></iframe>'),
    ("html", '<div style="background:url(https://example.com/bg.png)"></div>'),
    ("html", '<style>@import url("https://fonts.googleapis.com/css2?family=Noto+Sans+SC");</style>'),
    ("html", '<svg><image href="https://example.com/a.png"/></svg>'),
    ("html", '<meta http-equiv="refresh" content="0; url=https://example.com/">'),
    ("css", '@import "https://fonts.googleapis.com/css?family=Roboto";'),
    ("css", '@font-face{font-family:X;src:url(https://fonts.gstatic.com/s/x.woff2) format("woff2")}'),
    ("css", 'body{background:url( "//cdn.example.com/x.png" )}'),
    ("js", 'importScripts("https://cdn.example.com/lunr.js")'),
    ("js", 'import("https://cdn.example.com/mod.js")'),
    ("js", 'import {a} from "https://cdn.example.com/mod.js";'),
]
HARMLESS = [
    ("html", '<a href="https://beian.miit.gov.cn/">晋ICP备00000000号</a>'),
    ("html", '<link rel="canonical" href="https://example.gov.cn/">'),
    ("html", '<link rel="alternate" hreflang="en" href="https://example.gov.cn/en/">'),
    ("html", '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"></svg>'),
    ("html", '<script src="assets/javascripts/bundle.js"></script><link rel="stylesheet" href="../x.css">'),
    ("html", "<p>Source: https://www.stats.gov.cn/</p>"),
    (
        "css",
        "/*! licence https://fontawesome.com/license/free */ a{mask-image:url(\"data:image/svg+xml;charset=utf-8,<svg xmlns='http://www.w3.org/2000/svg'/>\")}",
    ),
    ("js", '/* http://lunrjs.com */ var u = "https://api.github.com/repos/" + r;'),
]


@pytest.mark.parametrize("kind,sample", CAUGHT)
def test_scanner_catches_requests_to_other_hosts(kind, sample):
    if kind == "html":
        assert html_fetches_elsewhere(sample), sample
    elif kind == "css":
        assert [u for u in css_fetches(sample) if EXTERNAL.match(u)], sample
    else:
        assert js_fetches(sample, own=False), sample


@pytest.mark.parametrize("kind,sample", HARMLESS)
def test_scanner_lets_links_namespaces_and_licences_pass(kind, sample):
    if kind == "html":
        assert html_fetches_elsewhere(sample) == []
    elif kind == "css":
        assert [u for u in css_fetches(sample) if EXTERNAL.match(u)] == []
    else:
        assert js_fetches(sample, own=False) == []


def test_no_built_file_fetches_from_another_host(built_site):
    problems = site_fetches_elsewhere(built_site.dir)
    assert problems == [], "built files that would load something from another host:\n" + "\n".join(problems)


def test_no_page_needs_a_cdn_loaded_by_material(built_site):
    """Material fetches mermaid.js from unpkg.com when a page contains a mermaid diagram."""
    pages = [p for p in built_site.dir.rglob("*.html") if 'class="mermaid"' in p.read_text(encoding="utf-8")]
    assert pages == [], f"pages with mermaid diagrams (Material would load mermaid from unpkg.com): {pages}"


def test_built_site_has_no_webfonts(built_site):
    fonts = [
        p.relative_to(built_site.dir).as_posix()
        for p in built_site.dir.rglob("*")
        if p.suffix.lower() in (".woff", ".woff2", ".ttf", ".otf", ".eot")
    ]
    font_faces = [
        p.name for p in built_site.dir.rglob("*.css") if "@font-face" in _strip_css_comments(p.read_text("utf-8"))
    ]
    assert fonts == [] and font_faces == [], (fonts, font_faces)


# ------------------------------------------------------------------------------------------------
# Configuration
# ------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def config():
    from mkdocs.config import load_config

    return load_config(str(ROOT / "mkdocs.yml"))


def test_configuration_is_strict_and_checks_links_and_anchors(config):
    assert config.strict is True
    links, nav = config.validation.links, config.validation.nav
    for level in (
        links.not_found,
        links.anchors,
        links.unrecognized_links,
        links.absolute_links,
        nav.not_found,
        nav.omitted_files,
        nav.absolute_links,
    ):
        assert level >= logging.WARNING


def test_configuration_theme_languages_and_macros(config):
    theme = config.theme
    assert theme.name == "material" and theme["font"] is False and theme["language"] == DEFAULT_LANGUAGE
    for feature in (
        "navigation.instant",
        "navigation.tracking",
        "navigation.sections",
        "navigation.top",
        "toc.follow",
        "content.tooltips",
    ):
        assert feature in theme["features"], feature
    schemes = {option["scheme"] for option in theme["palette"]}
    assert schemes == {"default", "slate"} and all(option.get("toggle") for option in theme["palette"])

    i18n = config.plugins["i18n"].config
    assert i18n.docs_structure == "folder" and i18n.fallback_to_default is False
    assert [(lang.locale, lang.default) for lang in i18n.languages] == [("zh", True), ("en", False)]

    macros = config.plugins["macros"].config
    assert macros["module_name"] == "site_macros"
    assert macros["on_error_fail"] is True and macros["on_undefined"] == "strict"
    assert macros["j2_comment_start_string"] not in ("", "{#")

    for path in ("data", "calc", "tools"):
        assert str(ROOT / path) in [str(Path(p)) for p in config.watch], path


# ------------------------------------------------------------------------------------------------
# The built site
# ------------------------------------------------------------------------------------------------


def test_build_printed_no_warnings(built_site):
    assert not re.search(r"^WARNING", built_site.log, flags=re.M), built_site.log[-4000:]


def test_every_page_has_a_twin_in_the_other_language(built_site):
    zh, en = set(built_site.pages["zh"]), set(built_site.pages["en"])
    assert zh == en, f"only in docs/zh: {sorted(zh - en)}; only in docs/en: {sorted(en - zh)}"
    assert "index.md" in zh


def test_every_page_is_built_in_both_languages(built_site):
    for lang in LANGUAGES:
        for page in built_site.pages[lang]:
            path = built_site.html(lang, page)
            assert path.is_file(), f"docs/{lang}/{page} was not built to {path.relative_to(built_site.dir)}"
            html = path.read_text(encoding="utf-8")
            assert re.search(rf'<html lang="{lang}"', html), f"{path}: wrong <html lang>"


def test_every_built_page_has_its_twin(built_site):
    """No page is built in one language only (e.g. a page generated by a plugin)."""
    site = built_site.dir
    zh = {
        p.relative_to(site).as_posix()
        for p in site.rglob("index.html")
        if not p.relative_to(site).as_posix().startswith(("en/", "assets/"))
    }
    en = {p.relative_to(site / "en").as_posix() for p in (site / "en").rglob("index.html")}
    assert zh == en, f"only Chinese: {sorted(zh - en)}; only English: {sorted(en - zh)}"


def test_english_pages_say_the_translation_is_unofficial_and_link_the_chinese(built_site):
    for page in built_site.pages["en"]:
        html = built_site.html("en", page).read_text(encoding="utf-8")
        assert 'class="unofficial-notice"' in html, page
        notice = html[html.index('class="unofficial-notice"') :]
        notice = notice[: notice.index("</div>")]
        assert "Unofficial translation" in notice and "authoritative" in notice
        assert 'hreflang="zh"' in notice, f"{page}: the notice does not link the Chinese page"
    for page in built_site.pages["zh"]:
        assert 'class="unofficial-notice"' not in built_site.html("zh", page).read_text(encoding="utf-8"), page


def test_language_link_points_at_the_same_page_in_the_other_language(built_site):
    for lang in LANGUAGES:
        other = "en" if lang == "zh" else "zh"
        for page in built_site.pages[lang]:
            path = built_site.html(lang, page)
            html = path.read_text(encoding="utf-8")
            m = re.search(r'<a href="([^"]*)" hreflang="%s"[^>]*data-site-alternate[ >]' % other, html)
            assert m, f"{path}: no header link to the {other} edition"
            target = urljoin(built_site.page_url(lang, page), m.group(1))
            assert target == built_site.page_url(other, page), (lang, page, m.group(1))


def test_heading_attributes_survive_the_macros(built_site):
    """`## Title {#id}` must reach attr_list (Jinja comments are {## ##}, not {# #})."""
    for lang in LANGUAGES:
        html = built_site.html(lang, "index.md").read_text(encoding="utf-8")
        for anchor in ("document", "about", "indicators", "pass-rule", "ways-in"):
            assert f'id="{anchor}"' in html, (lang, anchor)
        assert "{#" not in re.sub(r"<script.*?</script>", "", html, flags=re.S), lang


def test_home_page_document_block_comes_from_the_data(built_site):
    from tools.datasource import load_data

    doc = load_data()["document"]
    html = built_site.html("zh", "index.md").read_text(encoding="utf-8")
    block = html[html.index('<dl class="doc-meta"') :]
    block = block[: block.index("</dl>")]
    for label in ("发文机关", "发文字号", "成文年份", "解读单位", "附件"):
        assert f">{label}</dt>" in block, label
    assert doc["issuer"]["zh"] in block and doc["document_number"]["zh"] in block and str(doc["year"]) in block
    for attachment in doc["attachments"]:
        assert attachment["title"]["zh"] in block
    en = built_site.html("en", "index.md").read_text(encoding="utf-8")
    assert doc["issuer"]["en"].replace("'", "&#39;") in en and doc["document_number"]["zh"] in en


def test_sitemap_lists_every_page_with_its_language_twin(built_site):
    sitemap = (built_site.dir / "sitemap.xml").read_text(encoding="utf-8")
    assert "None" not in sitemap
    locs = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    expected = {built_site.page_url(lang, page) for lang in LANGUAGES for page in built_site.pages[lang]}
    assert set(locs) == expected
    assert sitemap.count('rel="alternate" hreflang="en"') == len(expected)


def test_pages_make_no_alternate_sitemap_lookups(built_site):
    """<link rel=alternate> would make Material fetch <page>/sitemap.xml (a 404) on every page view;
    the alternates are in sitemap.xml instead (see overrides/main.html)."""
    for lang in LANGUAGES:
        for page in built_site.pages[lang]:
            html = built_site.html(lang, page).read_text(encoding="utf-8")
            assert not re.search(r'<link rel="alternate"', html), page


# ------------------------------------------------------------------------------------------------
# Footer: 主办单位, 网站标识码, ICP备案号, 公网安备 — only when configured
# ------------------------------------------------------------------------------------------------


def render_copyright(government_site: dict, locale: str) -> str:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(ROOT / "overrides")), undefined=jinja2.StrictUndefined)
    template = env.get_template("partials/copyright.html")
    config = {"copyright": None, "extra": {"government_site": government_site}, "theme": {"language": locale}}
    return template.render(config=config, i18n_page_locale=locale)


def test_footer_is_empty_when_nothing_is_configured(config, built_site):
    assert all(value == "" for value in config.extra["government_site"].values())
    html = built_site.html("zh", "index.md").read_text(encoding="utf-8")
    assert '<div class="md-copyright"></div>' in html
    assert render_copyright(config.extra["government_site"], "zh") == '<div class="md-copyright"></div>'


def test_footer_shows_each_configured_line():
    site = {
        "sponsor": "平陆县市场监督管理局",
        "sponsor_en": "Pinglu County Administration for Market Regulation",
        "site_code": "1408290001",
        "icp": "晋ICP备00000000号",
        "icp_link": "https://beian.miit.gov.cn/",
        "police": "晋公网安备14082902000001号",
        "police_link": "",
    }
    zh = render_copyright(site, "zh")
    assert "主办单位：平陆县市场监督管理局" in zh and "网站标识码：1408290001" in zh
    assert '<a href="https://beian.miit.gov.cn/" rel="noopener" target="_blank">晋ICP备00000000号</a>' in zh
    assert "晋公网安备14082902000001号" in zh and '<a href=""' not in zh
    en = render_copyright(site, "en")
    assert (
        "Sponsor: Pinglu County Administration for Market Regulation" in en and "Website identifier: 1408290001" in en
    )
    only_icp = render_copyright(
        {"sponsor": "", "site_code": "", "icp": "晋ICP备1号", "icp_link": "", "police": "", "police_link": ""}, "zh"
    )
    assert "晋ICP备1号" in only_icp and "主办单位" not in only_icp and "网站标识码" not in only_icp


# ------------------------------------------------------------------------------------------------
# Navigation in English
# ------------------------------------------------------------------------------------------------

HAN = re.compile(r"[\u3400-\u9fff]")


def _nav_titles(nav) -> list[str]:
    titles = []
    for item in nav or []:
        if isinstance(item, dict):
            for title, value in item.items():
                titles.append(title)
                if isinstance(value, list):
                    titles += _nav_titles(value)
    return titles


def test_every_navigation_title_has_an_english_translation(config):
    en = next(lang for lang in config.plugins["i18n"].config.languages if lang.locale == "en")
    translations = en.nav_translations or {}
    missing = [title for title in _nav_titles(config.nav) if HAN.search(title) and title not in translations]
    assert missing == [], f"add these to nav_translations of en in mkdocs.yml: {missing}"


def test_english_navigation_shows_no_chinese(built_site):
    for page in built_site.pages["en"]:
        html = built_site.html("en", page).read_text(encoding="utf-8")
        start = html.index('data-md-type="navigation"')
        nav = html[start : html.index('data-md-type="toc"', start)]
        text = re.sub(r"<[^>]+>", " ", nav)
        assert not HAN.search(text), f"{page}: Chinese in the English navigation: {HAN.findall(text)[:10]}"
