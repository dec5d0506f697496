"""Realistic search queries, in both languages, each with the page a reader expects among the first five
results, run on the built site's search index with Material's own search code.

tests/node/search.mjs runs the search worker the site ships (assets/javascripts/workers/search.*.min.js
with the lunr files it imports) in Node and sends it the same messages the search box does; nothing of
the search logic is reimplemented here. "Among the first five" counts what the search box lists: one
entry per page, best first.

The queries are what county staff, trainers and the public type: policy terms, unit names and their
abbreviations, indicator subjects, the document number, names in the leading group, and the English
equivalents on the English edition.
"""
from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from conftest import ROOT, page_path

TOP = 5

# (query, language folder, page under docs/<lang>/ that must be in the top five)
QUERIES: list = [
    # Chinese: policy terms
    ("双随机、一公开", "zh", "tasks.md"),
    ("首违不罚", "zh", "tasks.md"),
    ("触发式监管", "zh", "tasks.md"),
    ("沙盒监管", "zh", "indicators/29.md"),
    ("公平竞争审查", "zh", "tasks.md"),
    ("一照多址", "zh", "indicators/26.md"),
    ("网剑行动", "zh", "indicators/13.md"),
    ("跨境电商", "zh", "tasks.md"),
    ("直播电商", "zh", "tasks.md"),
    ("信用修复", "zh", "indicators/12.md"),
    ("放心消费", "zh", "tasks.md"),
    ("指导思想", "zh", "policy/index.md"),
    ("编者注", "zh", "policy/index.md"),
    # Chinese: the document, the site
    ("平政办发〔2023〕21号", "zh", "index.md"),
    ("合格标准", "zh", "index.md"),
    ("中英对照", "zh", "policy/side-by-side.md"),
    ("术语表", "zh", "glossary.md"),
    # Chinese: indicators
    ("快递", "zh", "indicators/05.md"),
    ("网络零售额", "zh", "indicators/01.md"),
    ("12315", "zh", "indicators/17.md"),
    # Chinese: units, abbreviations and the leading group
    ("县市场监督管理局", "zh", "units/market-regulation.md"),
    ("县公安局", "zh", "units/public-security.md"),
    ("县融媒体中心", "zh", "units/media-center.md"),
    ("人行平陆支行", "zh", "units/pboc-pinglu.md"),
    ("县工信局", "zh", "units/industry-it-science.md"),
    ("各乡镇人民政府", "zh", "units/township-governments.md"),
    ("联席会议", "zh", "units/joint-conference-members.md"),
    ("领导小组", "zh", "leading-group.md"),
    # Material searches this as 领导小组* 办*, and 办* also matches short titles such as 县人才办 exactly:
    # the leading group page carries a search boost (front matter) to rank among the first for its office.
    ("领导小组办公室", "zh", "leading-group.md"),
    ("翟纪亭", "zh", "leading-group.md"),
    # English
    ("first violation", "en", "tasks.md"),
    ("double random", "en", "tasks.md"),
    ("sandbox", "en", "indicators/29.md"),
    ("express delivery", "en", "indicators/05.md"),
    ("online retail sales", "en", "indicators/01.md"),
    ("cross-border e-commerce", "en", "tasks.md"),
    ("live-stream", "en", "tasks.md"),
    ("fair competition review", "en", "tasks.md"),
    ("joint conference", "en", "units/joint-conference-members.md"),
    ("Administration for Market Regulation", "en", "units/market-regulation.md"),
    ("Public Security Bureau", "en", "units/public-security.md"),
    ("Ping Zheng Ban Fa", "en", "index.md"),
    ("pass standard", "en", "index.md"),
    ("leading group", "en", "leading-group.md"),
    ("Zhai Jiting", "en", "leading-group.md"),
    ("leading group office", "en", "leading-group.md"),
    ("guiding principles", "en", "policy/index.md"),
    ("editorial notes", "en", "policy/index.md"),
    ("side by side", "en", "policy/side-by-side.md"),
    ("glossary", "en", "glossary.md"),
    ("self-scoring", "en", "self-scoring.md"),
]


def plain(entry) -> tuple[str, str, str]:
    return tuple(entry.values) if hasattr(entry, "values") else entry


def location(lang: str, page: str) -> str:
    path = page_path(lang, page)
    return f"{path}/" if path else ""


@pytest.fixture(scope="module")
def results(built_site, tmp_path_factory):
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is not installed (needed to run Material's search worker)", pytrace=False)
    queries = tmp_path_factory.mktemp("search") / "queries.json"
    queries.write_text(json.dumps([plain(e)[0] for e in QUERIES] + ["qqzzxxyy"], ensure_ascii=False), encoding="utf-8")
    proc = subprocess.run([node, str(ROOT / "tests" / "node" / "search.mjs"), str(built_site.dir), str(queries)],
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return {r["query"]: r["pages"] for r in json.loads(proc.stdout)}


def test_the_query_set_is_large_enough_and_bilingual():
    langs = [plain(e)[1] for e in QUERIES]
    assert len(QUERIES) >= 30
    assert langs.count("zh") >= 15 and langs.count("en") >= 15
    assert len({plain(e)[0] for e in QUERIES}) == len(QUERIES)


def test_every_expected_page_exists(built_site):
    for query, lang, page in map(plain, QUERIES):
        assert built_site.html(lang, page).is_file(), (query, lang, page)


def test_the_worker_answers_like_the_search_box(results):
    # Something unknown finds nothing; a known word finds pages with their sections.
    assert results["qqzzxxyy"] == []
    pages = results["术语表"]
    assert pages and all(p["locations"] for p in pages)
    assert all(loc.split("#")[0] == p["page"] for p in pages for loc in p["locations"])


@pytest.mark.parametrize("query,lang,page", QUERIES, ids=[plain(e)[0] for e in QUERIES])
def test_query_finds_the_page_in_the_top_five(results, query, lang, page):
    found = [p["page"] for p in results[query][:TOP]]
    assert location(lang, page) in found, f"{query!r}: expected {location(lang, page)!r} in the top {TOP}, got {found}"
