"""The scope section of the report: a unit's own result, its open items and the split of the county's gap."""

import json

from calc import score, template
from calc.api import unit_section_json
from calc.ruleset import default_ruleset
from tests.calc_helpers import example
from tests.test_cli import run

UNIT = "market-regulation"


def unit_file(**facts):
    blank = template(UNIT, (2024, 2025))
    blank["facts"].update(facts)
    return blank


def test_market_regulation_earns_76_of_its_78_points():
    section = score(example("unit-market-regulation.json"))["scope"]
    assert (section["kind"], section["unit"], section["name"]["zh"]) == ("unit", UNIT, "县市场监督管理局")
    assert (section["score"], section["max"], section["count"], section["answered"]) == (76, 78, 32, 32)
    assert section["open_points"] == 2
    # its own open items, cheapest first (a criterion to document before a figure to improve)
    assert [(i["id"], i["gain"]) for i in section["open_items"]] == [("33.2", 1), ("7.1", 1)]
    assert [i["effort"] for i in section["open_items"]] == sorted(i["effort"] for i in section["open_items"])


def test_gap_split_names_the_other_units_and_never_sends_a_unit_to_them():
    section = score(example("unit-market-regulation.json"))["scope"]
    mine = set(default_ruleset().indicators_for_unit(UNIT))
    assert all(item["indicator"] in mine for item in section["gap"]["own"])
    others = {o["unit"]: [i["id"] for i in o["items"]] for o in section["gap"]["others"]}
    assert UNIT not in others
    # 1.1, 2.1 and 4.1 belong to the statistics bureau, which is named in both languages
    assert {"1.1", "2.1", "4.1"} <= set(others["statistics"])
    statistics = next(o for o in section["gap"]["others"] if o["unit"] == "statistics")
    assert statistics["name"] == {"zh": "县统计局", "en": "County Statistics Bureau"}
    assert all(item["indicator"] not in mine for o in section["gap"]["others"] for item in o["items"])


def test_county_scope_covers_all_41_indicators():
    report = score(example("county-complete.json"))
    section = report["scope"]
    assert (section["kind"], section["unit"], section["count"]) == ("county", None, 41)
    assert (section["score"], section["max"]) == (report["total"], report["max"])
    assert section["gap"]["others"] == []


def test_indicator_states_open_partial_done_invalid():
    blank = score(unit_file())["scope"]
    assert {i["state"] for i in blank["indicators"]} == {"open"} and blank["answered"] == 0
    # indicator 12 has three criteria: one ticked is partial, all three answered is done
    partial = {i["number"]: i["state"] for i in score(unit_file(**{"12.1": True}))["scope"]["indicators"]}
    assert partial[12] == "partial"
    done = score(unit_file(**{"12.1": True, "12.2": False, "12.3": True}))["scope"]
    assert {i["number"]: i["state"] for i in done["indicators"]}[12] == "done" and done["answered"] == 1
    bad = score(unit_file(tip_check_on_time_rate={"numerator": "abc", "denominator": 3}))["scope"]
    seventeen = next(i for i in bad["indicators"] if i["number"] == 17)
    assert seventeen["state"] == "invalid" and seventeen["invalid_fields"] == ["facts/tip_check_on_time_rate/numerator"]
    assert bad["invalid"] == 1


def test_an_invalid_value_is_invalid_in_the_result_not_missing():
    report = score(unit_file(online_operator_share={"percent": 150}))
    item = report["indicators"][2]["items"][0]
    assert item["status"] == "invalid"
    assert "不能超过100%" in item["lines"][0]["zh"] and "cannot exceed 100%" in item["lines"][0]["en"]
    assert item["explanation"]["zh"].startswith("数值有误，未计入")


def test_zero_denominator_is_undefined_not_numerator_over_denominator():
    report = score(unit_file(online_operator_share={"numerator": 3120, "denominator": 0}))
    assert report["problems"] == []
    item = report["indicators"][2]["items"][0]
    assert item["status"] == "undefined"
    assert "分母为0，比率无定义" in item["lines"][0]["zh"] and "denominator is 0" in item["lines"][0]["en"]


def test_api_section_for_another_unit_and_bad_unit():
    text = json.dumps(example("county-complete.json"), ensure_ascii=False)
    answer = json.loads(unit_section_json(text, "statistics"))
    numbers = default_ruleset().indicators_for_unit("statistics")
    assert answer["section"]["unit"] == "statistics" and answer["section"]["count"] == len(numbers)
    refused = json.loads(unit_section_json(text, "no-such-unit"))
    assert refused["section"] is None and refused["problems"][0]["code"] == "unknown-unit"
    assert json.loads(unit_section_json("{"))["problems"][0]["code"] == "not-json"


def test_cli_leads_with_the_unit_result():
    done = run("score", "tests/../examples/unit-market-regulation.json")
    lines = done.stdout.splitlines()
    assert lines[1] == "本单位：县市场监督管理局"
    assert lines[2].startswith("本单位得分 76/78") and "已填 32 / 32 项" in lines[2]
    assert "本单位可补：" in lines and "其他单位负责：" in lines
    assert any(line.startswith("全县总分 76/100") for line in lines)
    english = run("--lang", "en", "score", "examples/unit-market-regulation.json").stdout
    assert "Unit score 76/78" in english and "County Statistics Bureau: 1.1, 2.1, 4.1" in english
    report = json.loads(run("score", "--json", "examples/unit-market-regulation.json").stdout)
    assert (report["scope"]["score"], report["scope"]["max"]) == (76, 78)


def test_responsible_units_are_the_same_on_every_call_and_a_caller_cannot_change_them():
    # The ruleset keeps the answer (the page asks on every keystroke); each caller gets its own list.
    ruleset = default_ruleset()
    first = ruleset.units_responsible_for(16)
    assert "market-regulation" in first and len(first) == len(set(first))
    first.clear()
    assert ruleset.units_responsible_for(16) and ruleset.units_responsible_for(16) == ruleset.units_responsible_for(16)


def test_the_api_answers_in_ascii_json_that_reads_back_to_the_same_chinese():
    from calc.api import score_json, template_json

    text = score_json(template_json(None, 2024))
    assert text.isascii()
    report = json.loads(text)["report"]
    assert report["categories"][0]["name"]["zh"] == default_ruleset().first_level[0]["name"]["zh"]
    assert "\\u" in text  # the Chinese is there, escaped
