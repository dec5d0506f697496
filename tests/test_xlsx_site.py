"""The downloads page in the built site (one module, so the site is built once): both editions, in the
navigation, every .xlsx and JSON template with its size and a `download` link, /downloads/ serving the
page, the served templates reading back cleanly, and search finding it by 模板, 下载, template, download."""

from __future__ import annotations

import re
import urllib.request
from html import unescape

import pytest
from search_helpers import search_pages, type_query  # noqa: F401 (search_pages: a fixture)

from calc.spreadsheet.read_xlsx import read_workbook
from site_macros.downloads import units_with_templates, xlsx_template_path
from site_macros.downloads_page import size_text

LINK = re.compile(r'<a download="([^"]+)" href="([^"]+)">([^<]+)</a> · ([0-9.]+ K?B)')
PAGE = "downloads.md"


def links(built_site, lang):
    html = built_site.html(lang, PAGE).read_text(encoding="utf-8")
    base = built_site.html(lang, PAGE).parent
    return [(unescape(save_as), (base / href).resolve(), size) for save_as, href, _, size in LINK.findall(html)]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_template_is_listed_with_its_size_and_saves(built_site, lang):
    listed = links(built_site, lang)
    files = {path: (save_as, size) for save_as, path, size in listed}
    for unit in (None, *units_with_templates()):
        for path in (
            xlsx_template_path(unit, "zh"),
            xlsx_template_path(unit, "en"),
            f"downloads/templates/{unit or 'county'}.json",
        ):
            target = (built_site.dir / path).resolve()
            assert target in files, (lang, path)
            assert files[target][1] == size_text(target.stat().st_size)
    for extra in (
        "downloads/schema/assessment.schema.json",
        "downloads/indicators.csv",
        "downloads/examples/county-complete.json",
    ):
        assert (built_site.dir / extra).resolve() in files
    assert all(save_as for save_as, _, _ in listed)  # every link carries the download attribute
    html = built_site.html(lang, PAGE).read_text(encoding="utf-8")
    assert 'href="../downloads/"' in built_site.html(lang, "glossary.md").read_text(
        encoding="utf-8"
    )  # in the navigation
    assert ("自评模板下载" if lang == "zh" else "Assessment templates to download") in html


def test_downloads_address_serves_the_page(built_site):
    with urllib.request.urlopen(built_site.url + "downloads/") as answer:
        assert answer.status == 200 and "下载：自评模板与资料" in answer.read().decode("utf-8")
    with urllib.request.urlopen(built_site.url + "en/downloads/") as answer:
        assert answer.status == 200 and "Downloads: assessment templates" in answer.read().decode("utf-8")


@pytest.mark.parametrize("path", [xlsx_template_path("market-regulation"), xlsx_template_path(None, "en")])
def test_served_templates_read_back_cleanly(built_site, path):
    with urllib.request.urlopen(built_site.url + path) as answer:
        reading = read_workbook(answer.read(), path)
    assert reading.assessment is not None and reading.problems == []


@pytest.mark.parametrize(
    "query,lang",
    [
        ("模板", "zh"),
        ("下载", "zh"),
        ("自评模板", "zh"),
        ("Excel模板", "zh"),
        ("template", "en"),
        ("download", "en"),
        ("Excel template", "en"),
    ],
)
def test_search_finds_the_downloads_page(search_pages, built_site, query, lang):
    found = [href.split("#")[0] for href in type_query(search_pages[lang], query).pages]
    assert built_site.page_url(lang, PAGE) in found[:5], (query, found[:5])


def test_unit_pages_offer_their_excel_template(built_site):
    for lang, path in (
        ("zh", "downloads/templates/market-regulation.xlsx"),
        ("en", "downloads/templates/en/market-regulation.xlsx"),
    ):
        html = built_site.html(lang, "units/market-regulation.md").read_text(encoding="utf-8")
        assert re.search(r'<a download href="(\.\./)+' + re.escape(path) + '"', html), lang
        assert re.search(r'<a download href="(\.\./)+downloads/templates/market-regulation\.json"', html), lang
