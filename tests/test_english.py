"""The English edition keeps up with the Chinese: every text translated, glossary terms used consistently,
every number carried over. These fail as soon as a Chinese text is added or changed without its English."""
import re

import pytest

from calc import score
from tests.calc_helpers import EXAMPLES
from tools.datasource import load_data

DATA = load_data()
GLOSSARY = DATA["glossary"]
CJK = re.compile(r"[\u4e00-\u9fff]")
NUMBER = re.compile(r"\d+(?:\.\d+)?")
QUOTED = re.compile(r"[\"“(（][^\"”)）]*[\u4e00-\u9fff][^\"”)）]*[\"”)）]")
ZH_SCALE = {"亿": 10**8, "万": 10**4}
EN_SCALE = {"million": 10**6, "billion": 10**9}


def numbers(text, scales):
    """Each number as written, and scaled by a following unit word (2亿 = 200 million = 200000000)."""
    found = set()
    for match in re.finditer(r"(\d+(?:\.\d+)?)\s*(亿|万|million|billion)?", text.replace(",", "")):
        found.add(match.group(1))
        if match.group(2):
            found.add(str(int(float(match.group(1)) * scales[match.group(2)])))
    return found
# Editorial notes explain defects of the Chinese original, so their English quotes the Chinese.
QUOTES_CHINESE = ("document.editorial_notes",)


def bilingual_pairs(node, path):
    if isinstance(node, dict):
        if isinstance(node.get("zh"), str) and "en" in node:
            yield path, node["zh"], node["en"]
        for key, value in node.items():
            yield from bilingual_pairs(value, f"{path}.{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from bilingual_pairs(value, f"{path}[{index}]")


PAIRS = [pair for name in ("document", "policy", "sections", "tasks", "units", "leading_group", "categories",
                            "indicators", "benchmarks", "glossary")
         for pair in bilingual_pairs(DATA[name], name)]


def test_there_is_a_lot_to_check():
    assert len(PAIRS) > 700


@pytest.mark.parametrize("path,zh,en", PAIRS, ids=[p[0] for p in PAIRS])
def test_every_chinese_text_has_english(path, zh, en):
    assert isinstance(en, str) and en.strip(), f"{path}: no English for {zh[:40]!r}"
    if path.endswith(".interpretation"):
        en = QUOTED.sub("", en)  # an interpretation may quote the Chinese word it interprets: "Exceeds" (超过)
    if not path.startswith(QUOTES_CHINESE):
        assert not CJK.search(en), f"{path}: Chinese left in the English: {en[:80]!r}"


def _flat(text):
    return re.sub(r"\s+", "", text)


TERM_PAIRS = [p for p in PAIRS if not p[0].startswith(("glossary", *QUOTES_CHINESE))]


@pytest.mark.parametrize("path,zh,en", TERM_PAIRS, ids=[p[0] for p in TERM_PAIRS])
def test_glossary_terms_keep_their_english(path, zh, en):
    missing = []
    for term in GLOSSARY:
        if any(_flat(v) in _flat(zh) for v in [term["zh"], *term.get("zh_variants", [])]):
            if not any(v.lower() in en.lower() for v in [term["en"], *term.get("en_variants", [])]):
                missing.append(f"{term['zh']} → {term['en']}")
    assert not missing, f"{path}: {missing}"


@pytest.mark.parametrize("path,zh,en", PAIRS, ids=[p[0] for p in PAIRS])
def test_numbers_are_carried_over(path, zh, en):
    english = numbers(en, EN_SCALE)
    missing = []
    for match in re.finditer(r"(\d+(?:\.\d+)?)\s*(亿|万)?", zh):
        scaled = str(int(float(match.group(1)) * ZH_SCALE[match.group(2)])) if match.group(2) else None
        if match.group(1) not in english and scaled not in english:
            missing.append(match.group(0))
    assert not missing, f"{path}: {missing} missing from {en[:100]!r}"


def test_the_english_edition_says_it_is_unofficial():
    statement = DATA["document"].get("translation_notice", {})
    assert "unofficial" in statement.get("en", "").lower() and "authoritative" in statement.get("en", "").lower()
    assert "中文" in statement.get("zh", "")


@pytest.mark.parametrize("name", sorted(p.name for p in EXAMPLES.glob("*.json")))
def test_every_explanation_line_of_the_core_is_bilingual(name):
    import json
    report = score(json.loads((EXAMPLES / name).read_text(encoding="utf-8")))
    texts = [report["reason"]] + [line for ind in report["indicators"] for item in ind["items"] for line in item["lines"]]
    for text in texts:
        assert text["zh"] and text["en"]
        # Names typed by users (firms) may be Chinese; everything the core writes itself is English.
        assert not CJK.search(re.sub(r"(counted|not counted): [^(]*", "", text["en"])), text["en"]
