"""Questions typed into the real search box, as residents and staff ask them (issue 23): the question words
do not make a query fail, and what the question is about is answered first (hooks/search_answers.py), with
the answer's text in the result. The ordinary results follow, from this edition only."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect
from search_helpers import open_search, search_pages, type_query  # noqa: F401  (search_pages: the fixture)
from search_questions import FIRST, TOP_THREE

ANSWER = "[data-site-search-results] > li.site-search__answer"


@pytest.mark.parametrize("query,lang,first,phrase", FIRST, ids=[f"{q[1]}:{q[0]}" for q in FIRST])
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


@pytest.mark.parametrize("query,lang,expected,phrase", TOP_THREE, ids=[f"{q[1]}:{q[0]}" for q in TOP_THREE])
def test_a_question_lists_its_page_among_the_first_three(search_pages, built_site, query, lang, expected, phrase):
    page = search_pages[lang]
    open_search(page)
    listed = type_query(page, query)
    assert built_site.url + expected in listed.pages[:3], f"{query!r}: {listed.pages[:4]}"
    answers = page.eval_on_selector_all(ANSWER, "els => els.map(e => [e.querySelector('a').href, e.innerText])")
    named = [text for href, text in answers if href == built_site.url + expected]
    assert named and phrase in named[0], f"{query!r}: the direct answers are {answers}"


def test_who_is_responsible_links_each_unit(search_pages, built_site):
    """谁负责直播电商: the task's answer names its units, each a link to the unit's own page; and the search
    opened again on that page (reached by instant navigation) still links to the site's own addresses."""
    page = search_pages["zh"].context.new_page()  # its own page: the shared one stays on the home page
    try:
        page.set_default_timeout(30000)
        page.goto(built_site.page_url("zh", "index.md"))
        open_search(page)
        type_query(page, "谁负责直播电商")
        task = page.locator(ANSWER, has=page.locator(f"a[href='{built_site.url}tasks/#task-4']"))
        units = task.locator("[data-site-search-unit]")
        assert units.all_inner_texts() == ["县工业信息化和科技局", "县农业农村局", "县文化和旅游局", "各乡镇人民政府"]
        units.nth(1).click()
        page.wait_for_url("**/units/agriculture-rural/")
        expect(page.locator("h1")).to_contain_text("县农业农村局")
        open_search(page)
        listed = type_query(page, "指标17")
        assert listed.pages[:1] == [built_site.url + "indicators/17/"], listed.pages[:3]
    finally:
        page.close()


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
