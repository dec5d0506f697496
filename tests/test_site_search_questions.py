"""Questions typed into the real search box, as residents and staff ask them (issue 23): the question words
do not make a query fail, and what the question is about is answered first (hooks/search_answers.py), with
the answer's text in the result. The ordinary results follow, from this edition only."""
from __future__ import annotations

import pytest

from search_helpers import open_search, search_pages, type_query  # noqa: F401  (search_pages: the fixture)

ANSWER = "[data-site-search-results] > li.site-search__answer"

QUESTIONS = [
    # (query, lang, the first listed page, a phrase of the answer's text or title)
    ("谁负责网络交易监管", "zh", "tasks/#task-7", "县市场监督管理局"),
    ("市场监管局 职责", "zh", "units/market-regulation/", "县市场监督管理局"),
    ("县市场监督管理局负责哪些指标", "zh", "units/market-regulation/", "负责评估指标"),
    ("税务局负责什么", "zh", "units/taxation/", "县税务局"),
    ("网信办", "zh", "units/cyberspace-office/", "网络安全和信息化"),
    ("指标17怎么算", "zh", "indicators/17/", "指标17"),
    ("第十七项", "zh", "indicators/17/", "指标17"),
    ("17号指标", "zh", "indicators/17/", "指标17"),
    ("第5项指标", "zh", "indicators/05/", "指标5"),
    ("示范区是什么", "zh", "glossary/#demonstration-zone", "示范区"),
    ("首违不罚是什么意思", "zh", "glossary/#no-penalty-first-violation", "初次违法"),
    ("考核 85分", "zh", "indicators/#pass-rule", "不低于85分"),
    ("多少分算合格", "zh", "indicators/#pass-rule", "75%"),
    ("模板在哪下载", "zh", "downloads/", "模板"),
    ("自评怎么填", "zh", "self-scoring/", "自评"),
    ("直播电商", "zh", "glossary/#live-streaming-ecommerce", "直播"),
    ("who is responsible for online trading supervision", "en", "en/tasks/#task-7", "Market Regulation"),
    ("what does the market regulation bureau do", "en", "en/units/market-regulation/", "indicators"),
    ("what is indicator 17", "en", "en/indicators/17/", "Indicator 17"),
    ("what is ODR", "en", "en/glossary/#odr", "dispute"),
    ("how many points do we need to pass", "en", "en/indicators/#pass-rule", "85 points"),
    ("where can I download the template", "en", "en/downloads/", "template"),
    ("how do I fill in the self-assessment", "en", "en/self-scoring/", "Score yourself"),
]


@pytest.mark.parametrize("query,lang,first,phrase", QUESTIONS, ids=[f"{q[1]}:{q[0]}" for q in QUESTIONS])
def test_a_question_is_answered_first(search_pages, built_site, query, lang, first, phrase):
    page = search_pages[lang]
    open_search(page)
    listed = type_query(page, query)
    assert listed.pages, f"{query!r}: nothing listed ({listed.status})"
    assert listed.pages[0] == built_site.url + first, f"{query!r}: first {listed.pages[0]}, all {listed.pages[:4]}"
    answer = page.locator(ANSWER).first.inner_text()
    assert phrase in answer, f"{query!r}: {answer!r}"
    english = built_site.url + "en/"
    assert all(href.startswith(english) == (lang == "en") for href in listed.pages), listed.pages


def test_live_streaming_lands_on_its_task(search_pages, built_site):
    """A result inside the long tasks page lands on the task it matched (task 4 is about 直播电商)."""
    page = search_pages["zh"]
    open_search(page)
    listed = type_query(page, "直播电商")
    assert built_site.url + "tasks/#task-4" in listed.pages[:3], listed.pages[:4]


def test_a_number_is_not_read_inside_a_longer_one(search_pages, built_site):
    """指标5 is not an answer to 指标50 (there is no such indicator), nor 指标1 to 指标17."""
    page = search_pages["zh"]
    open_search(page)
    type_query(page, "指标50")
    assert page.locator(ANSWER).count() == 0
    listed = type_query(page, "指标17")
    assert [href for href in listed.pages[:1]] == [built_site.url + "indicators/17/"]
    assert built_site.url + "indicators/01/" not in listed.pages[:1]
