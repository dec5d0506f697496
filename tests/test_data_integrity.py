"""data/ is complete, consistent, verbatim, and the compiled artefacts are current."""

import json
import re

import jsonschema
import pytest

from tools import assessment_schema, compile_data
from tools.datasource import SEED_PATH, load_data, split_unit_mentions

DATA = load_data()
SEED_FLAT = re.sub(r"\s+", "", SEED_PATH.read_text(encoding="utf-8"))


def flat(text):
    return re.sub(r"\s+", "", text)


def zh_fields():
    """Every verbatim Chinese text: (where, text)."""
    doc = DATA["document"]
    yield "document.title", doc["title"]["zh"]
    yield "document.short_title", doc["short_title"]["zh"]
    yield "document.document_number", doc["document_number"]["zh"]
    yield "document.basis", doc["basis"]["zh"]
    for att in doc["attachments"]:
        yield f"attachment {att['number']}", att["title"]["zh"]
    for block in DATA["policy"]:
        if "zh" in block:
            yield f"policy {block['id']}", block["zh"]
    for section in DATA["sections"]:
        yield f"section {section['number']}", section["label"]["zh"] + section["heading"]["zh"]
    for task in DATA["tasks"]:
        yield (
            f"task {task['number']}",
            f"{task['number']}.{task['title']['zh']}。{task['text']['zh']}（责任单位：{task['responsible']['text']['zh']}）",
        )
    for member in DATA["leading_group"]["members"]:
        yield "leading group", member["name"]["zh"] + member["position"]["zh"]
    for ind in DATA["indicators"]:
        n = ind["number"]
        yield f"indicator {n} title", f"{ind['title']['zh']}（{ind['points']}分）"
        yield f"indicator {n} explanation", ind["explanation"]["zh"]
        yield f"indicator {n} method", "方式：" + ind["evaluation"]["method"]["zh"]
        yield f"indicator {n} responsible", ind["responsible"]["text"]["zh"]
        for src in ind["evaluation"]["sources"]:
            yield f"indicator {n} source", src["zh"]
        for item in ind["items"]:
            yield f"indicator {n} item {item['id']}", item["source"]["zh"]
    for cat in DATA["categories"]["categories"]:
        yield f"category {cat['id']}", f"{cat['name']['zh']}（{cat['points']}分）"
        for child in cat["children"]:
            yield f"category {child['id']}", f"{child['name']['zh']}（{child['points']}分）"
    yield "pass rule", DATA["categories"]["pass_rule"]["source"]["zh"]


@pytest.mark.parametrize("where,text", list(zh_fields()))
def test_chinese_is_verbatim_from_the_seed(where, text):
    assert flat(text) in SEED_FLAT, where


def test_task_paragraphs_are_complete():
    for task in DATA["tasks"]:
        whole = f"{task['number']}.{task['title']['zh']}。{task['text']['zh']}（责任单位：{task['responsible']['text']['zh']}）"
        assert flat(whole) in SEED_FLAT


def test_41_indicators_worth_100_in_the_stated_categories():
    assert len(DATA["indicators"]) == 41
    assert sum(i["points"] for i in DATA["indicators"]) == 100
    assert [c["points"] for c in DATA["categories"]["categories"]] == [20, 25, 20, 20, 15]
    assert [ch["points"] for c in DATA["categories"]["categories"] for ch in c["children"]] == [
        10,
        10,
        15,
        10,
        11,
        9,
        12,
        8,
        7,
        8,
    ]


def test_every_unit_mention_resolves():
    aliases = DATA["aliases"]
    for text in [t["responsible"]["text"]["zh"] for t in DATA["tasks"]] + [
        i["responsible"]["text"]["zh"] for i in DATA["indicators"]
    ]:
        for mention in split_unit_mentions(text):
            assert mention in aliases, mention


@pytest.mark.parametrize(
    "alias,unit",
    [
        ("县工科局", "industry-it-science"),
        ("县工信局", "industry-it-science"),
        ("县交运局", "transport"),
        ("人行平陆支行", "pboc-pinglu"),
        ("人行平陆县支行", "pboc-pinglu"),
        ("县行政审批局", "administrative-approval"),
        ("县市场监管局", "market-regulation"),
        ("县网络市场监管局际联席会议各成员单位", "joint-conference-members"),
        ("县网络市场监督管理局际联席会议各成员单位", "joint-conference-members"),
    ],
)
def test_known_aliases(alias, unit):
    assert DATA["aliases"][alias] == unit


def test_groups_are_groups():
    kinds = {u["id"]: u["kind"] for u in DATA["units"]}
    assert kinds["joint-conference-members"] == kinds["member-units"] == kinds["township-governments"] == "group"


def test_seed_defects_are_recorded_not_fixed():
    notes = {n["id"]: n for n in DATA["document"]["editorial_notes"]}
    assert {"missing-label-goal-3", "missing-label-measure-2", "joint-conference-spelling"} <= set(notes)
    blocks = {b["id"]: b for b in DATA["policy"]}
    assert blocks["goal-3"]["zh"] == "提升网络市场监管与服务整体水平"
    assert blocks["measure-2"]["zh"] == "细化目标任务"


def test_every_scored_item_keeps_its_source_sentence():
    for ind in DATA["indicators"]:
        for item in ind["items"]:
            assert item["source"]["zh"] and item["rule"]["kind"]


def test_compiled_ruleset_is_current():
    assert compile_data.RULESET_PATH.read_text(encoding="utf-8") == compile_data.render(), (
        "run: python -m tools.compile_data"
    )


def test_json_schema_is_current_and_accepts_the_examples():
    assert assessment_schema.SCHEMA_PATH.read_text(encoding="utf-8") == assessment_schema.render(), (
        "run: python -m tools.assessment_schema"
    )
    schema = json.loads(assessment_schema.SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    for path in sorted((compile_data.ROOT / "examples").glob("*.json")):
        jsonschema.validate(json.loads(path.read_text(encoding="utf-8")), schema)


def test_schema_rejects_what_the_validator_rejects():
    schema = json.loads(assessment_schema.SCHEMA_PATH.read_text(encoding="utf-8"))
    bad = {
        "format": "pinglu-online-market-assessment",
        "version": 1,
        "years": [2024, 2025],
        "facts": {"online_tax_share": {"percent": 3, "numerator": 1}},
    }
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, schema)
