"""data/glossary.yaml: the bilingual glossary of the document's policy terms.

Checks its shape, that every term is really used by the seed (unless marked `in_text: false`), and that
the terms trainers and the English consistency checks rely on are all there.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
GLOSSARY_PATH = ROOT / "data" / "glossary.yaml"
SEED_PATH = ROOT.parent / "shared" / "seed" / "000_8729f1a4ca8d2a50.txt"

REQUIRED_ZH = [
    "双随机、一公开",
    "首违不罚",
    "触发式监管",
    "沙盒监管",
    "包容审慎",
    "以网管网",
    "线上线下一体化",
    "信用修复",
    "联合惩戒",
    "公平竞争审查",
    "一址多照",
    "一照多址",
    "集群登记",
    "住宅商用",
    "网剑行动",
    "ODR",
    "12315",
    "MCN",
    "规模以上",
    "市场主体",
    "网络交易经营者",
    "平台内经营者",
    "自建网站经营者",
    "电子取证",
    "行政约谈",
    "局际联席会议",
    "示范区",
]
REQUIRED_EN = {  # renderings the brief fixes for the whole site
    "示范区": "demonstration zone",
    "网络交易经营者": "online trading operators",
    "平台内经营者": "in-platform operators",
    "市场主体": "market entities",
}
TERM_KEYS = {"id", "zh", "zh_variants", "en", "en_variants", "definition", "in_text"}
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")
WHITESPACE = re.compile(r"\s+")


def _squeeze(text: str) -> str:
    return WHITESPACE.sub("", text)


@pytest.fixture(scope="module")
def terms() -> list[dict]:
    with GLOSSARY_PATH.open(encoding="utf-8") as handle:
        document = yaml.safe_load(handle)
    assert isinstance(document, dict) and set(document) == {"terms"}, "glossary.yaml holds only `terms`"
    assert isinstance(document["terms"], list) and document["terms"], "`terms` is a non-empty list"
    return document["terms"]


@pytest.fixture(scope="module")
def seed() -> str:
    return _squeeze(SEED_PATH.read_text(encoding="utf-8"))


def _label(term: dict) -> str:
    return str(term.get("id") or term.get("zh"))


def _non_empty_str(value: object) -> bool:
    return isinstance(value, str) and value.strip() != "" and value == value.strip()


def test_every_term_has_exactly_the_documented_fields(terms):
    problems = []
    for term in terms:
        if not isinstance(term, dict):
            problems.append(f"not a mapping: {term!r}")
            continue
        missing = (TERM_KEYS - {"in_text"}) - set(term)
        unknown = set(term) - TERM_KEYS
        if missing or unknown:
            problems.append(f"{_label(term)}: missing {sorted(missing)}, unknown {sorted(unknown)}")
        if "definition" in term and (
            not isinstance(term["definition"], dict) or set(term["definition"]) != {"zh", "en"}
        ):
            problems.append(f"{_label(term)}: definition must have exactly zh and en")
        if "in_text" in term and not isinstance(term["in_text"], bool):
            problems.append(f"{_label(term)}: in_text must be true or false")
    assert not problems, "\n".join(problems)


def test_every_field_is_filled_in_both_languages(terms):
    problems = []
    for term in terms:
        label = _label(term)
        for key in ("id", "zh", "en"):
            if not _non_empty_str(term.get(key)):
                problems.append(f"{label}: {key} must be a non-empty trimmed string, got {term.get(key)!r}")
        definition = term.get("definition") or {}
        for lang in ("zh", "en"):
            if not _non_empty_str(definition.get(lang)):
                problems.append(f"{label}: definition.{lang} is empty")
        for key in ("zh_variants", "en_variants"):
            variants = term.get(key)
            if not isinstance(variants, list) or not all(_non_empty_str(v) for v in variants):
                problems.append(f"{label}: {key} must be a list of non-empty strings")
    assert not problems, "\n".join(problems)


def test_each_language_is_in_its_own_field(terms):
    problems = []
    for term in terms:
        label = _label(term)
        english = [term["en"], *term["en_variants"], term["definition"]["en"]]
        if any(CJK.search(text) for text in english):
            problems.append(f"{label}: Chinese characters in an English field")
        if not CJK.search(term["definition"]["zh"]):
            problems.append(f"{label}: definition.zh is not Chinese")
        if term["en"].lower() in {v.lower() for v in term["en_variants"]}:
            problems.append(f"{label}: en repeated in en_variants")
        if term["zh"] in term["zh_variants"]:
            problems.append(f"{label}: zh repeated in zh_variants")
    assert not problems, "\n".join(problems)


def test_ids_are_unique_slugs(terms):
    ids = [term["id"] for term in terms]
    assert [i for i in ids if not SLUG.match(i)] == []
    assert sorted({i for i in ids if ids.count(i) > 1}) == []


def test_chinese_terms_are_unique(terms):
    owner: dict[str, str] = {}
    problems = []
    for term in terms:
        for zh in [term["zh"], *term["zh_variants"]]:
            key = _squeeze(zh)
            if key in owner and owner[key] != term["id"]:
                problems.append(f"{zh} belongs to both {owner[key]} and {term['id']}")
            owner[key] = term["id"]
    assert not problems, "\n".join(problems)


def test_english_renderings_are_unique(terms):
    owner: dict[str, str] = {}
    problems = []
    for term in terms:
        key = term["en"].lower()
        if key in owner:
            problems.append(f"'{term['en']}' is the rendering of both {owner[key]} and {term['id']}")
        owner[key] = term["id"]
    assert not problems, "\n".join(problems)


def test_terms_occur_in_the_seed_unless_marked(terms, seed):
    problems = []
    for term in terms:
        spellings = [term["zh"], *term["zh_variants"]]
        found = [zh for zh in spellings if _squeeze(zh) in seed]
        if term.get("in_text", True):
            if _squeeze(term["zh"]) not in seed and not found:
                problems.append(f"{term['id']}: neither {spellings} occurs in the seed (mark in_text: false?)")
            for variant in term["zh_variants"]:
                if _squeeze(variant) not in seed:
                    problems.append(f"{term['id']}: variant {variant} does not occur in the seed")
        elif found:
            problems.append(f"{term['id']}: marked in_text: false but the seed uses {found}")
    assert not problems, "\n".join(problems)


def test_required_terms_are_present(terms):
    spelled = {_squeeze(zh) for term in terms for zh in [term["zh"], *term["zh_variants"]]}
    assert [zh for zh in REQUIRED_ZH if _squeeze(zh) not in spelled] == []


def test_fixed_renderings(terms):
    by_zh = {term["zh"]: term for term in terms}
    wrong = {zh: by_zh[zh]["en"] for zh, en in REQUIRED_EN.items() if zh in by_zh and by_zh[zh]["en"] != en}
    assert wrong == {}


def test_occurrences_are_computed_for_every_term_in_the_text():
    from tools.datasource import glossary_occurrences, load_data

    data = load_data()
    occurrences = glossary_occurrences(data)
    assert set(occurrences) == {t["id"] for t in data["glossary"]}
    for term in data["glossary"]:
        if term.get("in_text", True):  # every term the seed uses is found somewhere in the structured text
            assert occurrences[term["id"]], term["zh"]
    double_random = next(t["id"] for t in data["glossary"] if t["zh"] == "双随机、一公开")
    assert {"kind": "task", "id": 21} in occurrences[double_random]
