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


PAIRS = [
    pair
    for name in (
        "document",
        "policy",
        "sections",
        "tasks",
        "units",
        "leading_group",
        "categories",
        "indicators",
        "benchmarks",
        "glossary",
    )
    for pair in bilingual_pairs(DATA[name], name)
]


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
    texts = [report["reason"]] + [
        line for ind in report["indicators"] for item in ind["items"] for line in item["lines"]
    ]
    for text in texts:
        assert text["zh"] and text["en"]
        # Names typed by users (firms) may be Chinese; everything the core writes itself is English.
        assert not CJK.search(re.sub(r"(counted|not counted): [^(]*", "", text["en"])), text["en"]


# --- A reader's review of the English edition (issue 13): one term for one thing, amounts as people say them.

ENGLISH_TEXTS = [(path, en) for path, _, en in PAIRS]


def _english_of(name):
    return [en for path, en in ENGLISH_TEXTS if path.startswith(name)]


def test_leader_and_deputy_are_one_pair_everywhere():
    roles = DATA["leading_group"]["roles"]
    assert (roles["leader"]["en"], roles["deputy-leader"]["en"]) == ("Head", "Deputy head")
    text = " ".join(en for path, zh, en in PAIRS if "副组长" in zh)
    assert text and "as deputy head" in text and "as head" in text
    for path, en in ENGLISH_TEXTS:
        assert "deputy leader" not in en.lower() and "group leader" not in en.lower(), path


def test_each_member_units_reads_all_member_units_of():
    checked = 0
    for path, zh, en in PAIRS:
        if "各成员单位" in zh and path.startswith(("tasks", "units", "indicators")) and not path.endswith(".note"):
            checked += 1
            assert "All member units of" in en, f"{path}: {en[:120]!r}"
            assert not re.search(r"(?<!All )\bMember units of\b", en), f"{path}: {en[:120]!r}"
    assert checked >= 25


@pytest.mark.parametrize("name", sorted(p.name for p in EXAMPLES.glob("*.json")))
def test_amounts_are_written_in_yuan(name):
    import json

    report = score(json.loads((EXAMPLES / name).read_text(encoding="utf-8")))
    texts = [line["en"] for ind in report["indicators"] for item in ind["items"] for line in item["lines"]]
    texts += [en for _, en in ENGLISH_TEXTS]
    assert not [t for t in texts if "ten-thousand" in t.lower() or "ten thousand yuan" in t.lower()]
    if name.startswith("county"):
        assert "the central-region threshold is annual e-commerce sales of 100 million yuan or more" in " ".join(texts)


def test_yuan_in_words():
    from fractions import Fraction

    from calc.numbers import yuan_en

    assert [yuan_en(Fraction(v)) for v in (20000, 12800, 5000, 150000, 50, Fraction("12800.5"))] == [
        "200 million yuan",
        "128 million yuan",
        "50 million yuan",
        "1.5 billion yuan",
        "500,000 yuan",
        "128.005 million yuan",
    ]


@pytest.mark.parametrize(
    "zh,en,wrong",
    [
        ("严守底线", "strictly holding the bottom line", None),
        (
            "适应新时期网络市场发展特点",
            "suited to the characteristics of online market development in the new era",
            "online market of the new era",
        ),
        ("部署新型业态", "new business forms", "new types of business"),
        ("网络交易监管队伍健全", "The online trading supervision team is well established", "fully staffed"),
        ("成立示范区创建工作领导机构", "a leading body for the demonstration zone bid", "demonstration zone work"),
        ("精神，特制定本实施意见", "in the spirit of", "formulated in accordance with"),
        ("信息公开", "information disclosure", "public information"),
        ("一网通办", "one-stop online government services", "single online portal"),
    ],
)
def test_the_reviewed_phrases(zh, en, wrong):
    pairs = [(path, text) for path, chinese, text in PAIRS if zh in chinese and not path.startswith("glossary")]
    assert pairs, zh
    for path, text in pairs:
        assert en in text, f"{path}: {text[:160]!r}"
        assert wrong is None or wrong not in text, f"{path}: {text[:160]!r}"


def test_the_built_english_edition_has_no_ten_thousand_yuan_and_one_deputy(built_site):
    from html import unescape

    pages = list((built_site.dir / "en").rglob("*.html"))
    assert len(pages) > 40
    for page in pages:
        text = unescape(re.sub(r"<[^>]+>", " ", page.read_text(encoding="utf-8")))
        assert "ten-thousand yuan" not in text, page
        assert "deputy leader" not in text.lower(), page
    indicator_4 = (built_site.dir / "en" / "indicators" / "04" / "index.html").read_text(encoding="utf-8")
    assert "100 million yuan or more" in indicator_4 and "200 million yuan or more" in indicator_4
