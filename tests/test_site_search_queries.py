"""Realistic search queries, typed into the real search box of the built site in both editions: each must
list the page a reader expects among the first five results, and no page of the other edition.

The queries are what county staff, trainers and the public type, phrased as they would (not copied from
the index): policy terms, task subjects, indicator subjects and numbers, unit names and their
abbreviations, leading-group names and roles, the document number, numbers such as 12315, Chinese mixed
with digits, with and without spaces or punctuation, English synonyms and spelling variants. "Among the
first five" counts what the search box lists: one entry per page, best first (tests/search_helpers.py).
"""

from __future__ import annotations

import pytest
from search_helpers import search_pages, type_query  # noqa: F401 (search_pages: a fixture)

TOP = 5

# (query, edition, page under docs/<edition>/ that must be among the first five)
QUERIES: list = [
    # Chinese: policy terms
    ("双随机、一公开", "zh", "tasks.md"),
    ("双随机一公开", "zh", "tasks.md"),
    ("首违不罚", "zh", "tasks.md"),
    ("触发式监管", "zh", "tasks.md"),
    ("沙盒监管", "zh", "indicators/29.md"),
    ("公平竞争审查", "zh", "tasks.md"),
    ("一照多址", "zh", "tasks.md"),
    ("网剑行动", "zh", "indicators/13.md"),
    ("跨境电商", "zh", "tasks.md"),
    ("直播电商", "zh", "tasks.md"),
    ("直播带货", "zh", "policy/index.md"),
    ("信用修复", "zh", "indicators/12.md"),
    ("放心消费", "zh", "tasks.md"),
    ("消费维权", "zh", "tasks.md"),
    ("农产品", "zh", "tasks.md"),
    ("知识产权", "zh", "indicators/21.md"),
    ("电子商务", "zh", "tasks.md"),
    ("包容审慎监管", "zh", "tasks.md"),
    ("线上线下一体化", "zh", "tasks.md"),
    ("人才培育", "zh", "tasks.md"),
    ("指导思想", "zh", "policy/index.md"),
    ("编者注", "zh", "policy/index.md"),
    # Chinese: the document, the site
    ("平政办发〔2023〕21号", "zh", "index.md"),
    ("平政办发[2023]21号", "zh", "index.md"),
    ("平政办发 2023 21号", "zh", "index.md"),
    ("合格标准", "zh", "index.md"),
    ("中英对照", "zh", "policy/side-by-side.md"),
    ("术语表", "zh", "glossary.md"),
    ("自评打分", "zh", "self-scoring.md"),
    # Chinese: indicators, by subject and by number
    ("快递", "zh", "indicators/05.md"),
    ("快递业务增速", "zh", "indicators/05.md"),
    ("网络零售额", "zh", "indicators/01.md"),
    ("网上零售额增速", "zh", "indicators/01.md"),
    ("就业贡献度", "zh", "indicators/07.md"),
    ("税收贡献", "zh", "indicators/08.md"),
    ("智慧监管", "zh", "indicators/11.md"),
    ("消费投诉", "zh", "indicators/25.md"),
    ("消费纠纷", "zh", "indicators/26.md"),
    ("特种设备", "zh", "indicators/28.md"),
    ("普法宣传", "zh", "indicators/41.md"),
    ("12315", "zh", "indicators/17.md"),
    ("12315热线", "zh", "indicators/17.md"),
    ("指标17", "zh", "indicators/17.md"),
    ("指标 5", "zh", "indicators/05.md"),
    ("第41项指标", "zh", "indicators/41.md"),
    # Chinese: units, abbreviations and the leading group
    ("县市场监督管理局", "zh", "units/market-regulation.md"),
    ("县市场监管局", "zh", "units/market-regulation.md"),
    ("县公安局", "zh", "units/public-security.md"),
    ("县融媒体中心", "zh", "units/media-center.md"),
    ("人行平陆支行", "zh", "units/pboc-pinglu.md"),
    ("县工信局", "zh", "units/industry-it-science.md"),
    ("县发改局", "zh", "units/development-reform.md"),
    ("县住建局", "zh", "units/housing-construction.md"),
    ("县人社局", "zh", "units/human-resources.md"),
    ("税务局", "zh", "units/taxation.md"),
    ("果业发展中心", "zh", "units/fruit-industry.md"),
    ("各乡镇人民政府", "zh", "units/township-governments.md"),
    ("联席会议", "zh", "units/joint-conference-members.md"),
    ("领导小组", "zh", "leading-group.md"),
    ("领导小组办公室", "zh", "leading-group.md"),
    ("副组长", "zh", "leading-group.md"),
    ("联络员", "zh", "leading-group.md"),
    ("翟纪亭", "zh", "leading-group.md"),
    ("谭千义", "zh", "leading-group.md"),
    # English: policy terms and tasks
    ("first violation", "en", "tasks.md"),
    ("no penalty for first violation", "en", "tasks.md"),
    ("double random", "en", "tasks.md"),
    ("sandbox", "en", "indicators/29.md"),
    ("cross-border e-commerce", "en", "tasks.md"),
    ("cross border ecommerce", "en", "tasks.md"),
    ("e-commerce", "en", "tasks.md"),
    ("live-stream", "en", "tasks.md"),
    ("livestream", "en", "tasks.md"),
    ("fair competition review", "en", "tasks.md"),
    ("credit repair", "en", "indicators/12.md"),
    ("worry-free consumption", "en", "tasks.md"),
    ("guiding principles", "en", "policy/index.md"),
    ("editorial notes", "en", "policy/index.md"),
    # English: the document, the site
    ("Ping Zheng Ban Fa", "en", "index.md"),
    ("pass standard", "en", "index.md"),
    ("side by side", "en", "policy/side-by-side.md"),
    ("glossary", "en", "glossary.md"),
    ("self-scoring", "en", "self-scoring.md"),
    ("self scoring", "en", "self-scoring.md"),
    # English: indicators
    ("express delivery", "en", "indicators/05.md"),
    ("online retail sales", "en", "indicators/01.md"),
    ("employment", "en", "indicators/07.md"),
    ("tax revenue", "en", "indicators/08.md"),
    ("smart supervision", "en", "indicators/11.md"),
    ("consumer complaints", "en", "indicators/25.md"),
    ("special equipment", "en", "indicators/28.md"),
    ("12315", "en", "indicators/17.md"),
    ("Indicator 17", "en", "indicators/17.md"),
    ("indicator 5", "en", "indicators/05.md"),
    # English: units and the leading group
    ("joint conference", "en", "units/joint-conference-members.md"),
    ("Administration for Market Regulation", "en", "units/market-regulation.md"),
    ("market regulation bureau", "en", "units/market-regulation.md"),
    ("Public Security Bureau", "en", "units/public-security.md"),
    ("Taxation Bureau", "en", "units/taxation.md"),
    ("fruit industry", "en", "units/fruit-industry.md"),
    ("People's Bank of China", "en", "units/pboc-pinglu.md"),
    ("township governments", "en", "units/township-governments.md"),
    ("leading group", "en", "leading-group.md"),
    ("leading group office", "en", "leading-group.md"),
    ("deputy leader", "en", "leading-group.md"),
    ("Zhai Jiting", "en", "leading-group.md"),
    ("liaison officer", "en", "leading-group.md"),
]


def plain(entry) -> tuple[str, str, str]:
    return tuple(entry.values) if hasattr(entry, "values") else entry


def test_the_query_set_is_large_enough_and_bilingual():
    langs = [plain(e)[1] for e in QUERIES]
    assert len(QUERIES) >= 80
    assert langs.count("zh") >= 30 and langs.count("en") >= 30
    assert len({(plain(e)[0], plain(e)[1]) for e in QUERIES}) == len(QUERIES)


def test_every_expected_page_exists(built_site):
    for query, lang, page in map(plain, QUERIES):
        assert built_site.html(lang, page).is_file(), (query, lang, page)


@pytest.mark.parametrize("query,lang,page", QUERIES, ids=[f"{plain(e)[1]}:{plain(e)[0]}" for e in QUERIES])
def test_query_lists_the_page_in_the_top_five_and_only_its_edition(search_pages, built_site, query, lang, page):
    listed = type_query(search_pages[lang], query)
    expected = built_site.page_url(lang, page)
    found = [href.split("#")[0] for href in listed.pages]
    assert expected in found[:TOP], f"{query!r}: expected {expected} in the top {TOP}, got {found[:TOP]}"
    english = built_site.url + "en/"
    other = [href for href in found if href.startswith(english) != (lang == "en")]
    assert other == [], f"{query!r}: pages of the other edition listed: {other}"
