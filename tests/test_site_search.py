"""Search: Chinese text is segmented into words (jieba, through Material's search plugin) and the
index configuration lets both Chinese and English queries match.

How Material's Chinese search works: at build time the plugin cuts every run of Han characters into
words with jieba and joins them with U+200B ZERO WIDTH SPACE; in the browser lunr splits the text on the
configured `separator`, which therefore has to contain \\u200b. Material's pipeline default for a
Chinese site is the lunr *stemmer*, which stems English words in the index but not the prefix queries
Material sends, so "indicators" or "assessment" found nothing; the site uses trimmer + stopWordFilter.
tests/test_browser_site.py types queries into the real search box.
"""
from __future__ import annotations

import json
import re

import pytest

from conftest import ROOT

HAN = re.compile(r"[\u3400-\u9fff]")


@pytest.fixture(scope="module")
def index(built_site):
    return json.loads((built_site.dir / "search" / "search_index.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def separator(index):
    return re.compile(index["config"]["separator"])


def words(text: str, separator: re.Pattern) -> list[str]:
    return [w for w in separator.split(re.sub(r"<[^>]+>", " ", text)) if w]


def test_mkdocs_config_keeps_zero_width_space_in_the_separator():
    from mkdocs.config import load_config

    search = load_config(str(ROOT / "mkdocs.yml")).plugins["material/search"].config
    assert "\\u200b" in search.separator
    assert re.compile(search.separator).split("网络\u200b市场") == ["网络", "市场"]
    assert search.lang == ["zh", "en"]


def test_index_configuration(index, separator):
    config = index["config"]
    assert config["lang"] == ["zh", "en"]
    assert separator.split("a\u200bb") == ["a", "b"]
    assert "stemmer" not in config["pipeline"], "the stemmer breaks exact English queries (see module doc)"
    assert "stopWordFilter" in config["pipeline"]
    # English words, ids and decimals stay whole; punctuation splits.
    assert words("Indicator 17.1 (quantitative), pass: 85.", separator) == ["Indicator", "17.1", "quantitative", "pass", "85"]


def test_chinese_text_is_segmented_into_words(index, separator, built_site):
    from tools.datasource import load_data

    zh_docs = [d for d in index["docs"] if not d["location"].startswith("en/")]
    assert zh_docs, "no Chinese documents in the index"
    for doc in zh_docs:
        if HAN.search(doc["text"]) and len(doc["text"]) > 20:
            assert "\u200b" in doc["text"], f"{doc['location']}: Chinese text was not segmented"

    # The verbatim pass rule on the home page: indexed word by word, and whole again without U+200B.
    rule = load_data()["categories"]["pass_rule"]["source"]["zh"]
    section = next(d for d in zh_docs if d["location"] == "#pass-rule")
    assert rule not in section["text"]
    assert rule in section["text"].replace("\u200b", "")
    tokens = words(section["text"], separator)
    for word in ("合格", "标准", "总分", "得分率"):
        assert word in tokens, (word, tokens[:40])
    assert max(len(t) for t in tokens if HAN.search(t)) <= 6, "a Chinese run was left unsegmented"


def test_english_text_is_indexed_as_english_words(index, separator):
    en_docs = [d for d in index["docs"] if d["location"].startswith("en/")]
    assert en_docs, "no English documents in the index"
    tokens = {t.lower() for d in en_docs for t in words(d["title"] + " " + d["text"], separator)}
    for word in ("assessment", "indicators", "responsible", "standard"):
        assert word in tokens, word


def test_both_languages_share_one_index(index, built_site):
    locations = {d["location"].split("#")[0] for d in index["docs"]}
    assert "" in locations and "en/" in locations
    assert not (built_site.dir / "en" / "search" / "search_index.json").exists()
