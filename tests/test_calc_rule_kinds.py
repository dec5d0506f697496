"""The rule kinds (calc/rule_<kind>.py): the registry, the checks of their parameters, their descriptions."""

import copy
import importlib
from pathlib import Path

import pytest

from calc.rules import RULE_KINDS, check_item, describe, facts_used, flag_keys
from calc.ruleset import default_ruleset
from tools.datasource import check, load_raw

RULESET = default_ruleset()
CALC = Path(__file__).resolve().parent.parent / "calc"
DECLARED = {fact["key"] for ind in RULESET.indicators.values() for fact in ind["facts"]}


def item(item_id):
    return copy.deepcopy(RULESET.items[item_id])


def test_each_kind_is_the_module_named_after_it():
    modules = sorted(path.stem for path in CALC.glob("rule_*.py"))
    assert modules == sorted(f"rule_{name}" for name in RULE_KINDS)
    for name, kind in RULE_KINDS.items():
        assert importlib.import_module(f"calc.rule_{name}").KIND is kind


def test_every_kind_in_the_data_is_registered_and_every_registered_kind_is_used():
    used = {i["rule"]["kind"] for i in RULESET.items.values()}
    assert used == set(RULE_KINDS)


def test_the_data_passes_every_kinds_check():
    assert [problem for i in RULESET.items.values() for problem in check_item(i, DECLARED)] == []


@pytest.mark.parametrize(
    "item_id,change,message",
    [
        ("17.1", lambda r: r.update(kind="between"), "unknown rule kind between"),
        ("17.1", lambda r: r["conditions"][0].update(op="<"), "unknown operator <"),
        ("17.1", lambda r: r["conditions"][0].update(fact="no_such_fact"), "undeclared fact no_such_fact"),
        ("17.1", lambda r: r["conditions"][0].pop("value"), "needs either a value or a reference"),
        ("17.3", lambda r: r.update(fact="17.2"), "a criterion's fact must be its own id"),
        ("26.1", lambda r: r["conditions"][0].update(fact="26.2"), "a flag condition's fact must be its own id"),
        ("1.1", lambda r: r.pop("points_per_year"), "needs points_per_year"),
        ("1.1", lambda r: r.update(reference="national_nothing"), "undeclared fact national_nothing"),
        ("3.1", lambda r: r["bands"].append({"min": 20, "max": 10, "points": 3}), "ends below its start"),
        ("4.1", lambda r: r["threshold_wan_yuan"].pop("west"), "threshold_wan_yuan needs exactly the regions"),
        ("34.1", lambda r: r.update(points_per_unit=0), "points_per_unit must be a whole number above 0"),
    ],
)
def test_each_kind_refuses_broken_parameters(item_id, change, message):
    broken = item(item_id)
    change(broken["rule"])
    problems = check_item(broken, DECLARED)
    assert any(message in problem for problem in problems), problems


def test_the_data_check_says_where_a_broken_rule_is():
    data = load_raw()
    ind = next(i for i in data["indicators"] if i["number"] == 17)
    ind["items"][0]["rule"]["conditions"][0]["op"] = "=>"
    assert "indicator 17 sub-item 17.1: unknown operator =>" in check(data)


def test_yes_no_facts_come_from_the_kinds():
    assert flag_keys(item("17.3")) == ["17.3"]  # a criterion
    assert flag_keys(item("26.1")) == ["26.1"]  # a threshold with a yes/no part
    assert flag_keys(item("17.1")) == flag_keys(item("1.1")) == []
    assert RULESET.flags[17] == ["17.3"]
    assert all(RULESET.facts[key]["kind"] == "flag" for keys in RULESET.flags.values() for key in keys)


def test_facts_used_in_order_of_first_use_with_their_sub_items():
    assert facts_used(RULESET.indicators[17]) == [
        ("tip_check_on_time_rate", ["17.1"]),
        ("assigned_case_timely_rate", ["17.2"]),
        ("assigned_case_completion_rate", ["17.2"]),
        ("17.3", ["17.3"]),
    ]
    used = dict(facts_used(RULESET.indicators[1]))
    assert used["online_retail_growth"] == ["1.1"] and used["national_online_retail_growth"] == ["1.1"]


def block_texts(block):
    if "text" in block:
        return [block["text"]]
    if "list" in block:
        return block["list"]
    return block["table"]["head"] + [cell for row in block["table"]["rows"] for cell in row]


def test_every_sub_item_has_its_description_in_the_ruleset_in_both_languages():
    for entry in RULESET.items.values():
        description = entry["description"]
        assert set(description) == {"zh", "en"}
        for lang, blocks in description.items():
            assert blocks, (entry["id"], lang)
            for block in blocks:
                assert len(block) == 1 and set(block) <= {"text", "list", "table"}
                assert all(isinstance(text, str) and text.strip() for text in block_texts(block)), (entry["id"], lang)
        assert len(description["zh"]) == len(description["en"])


def test_descriptions_word_the_boundaries():
    def words(item_id, lang):
        return str(describe(item(item_id), RULESET.facts)[lang])

    assert "严格大于：恰为95%不得分" in words("17.1", "zh")
    assert "exactly 95% does not score" in words("17.1", "en")
    assert "二者相等不算超过" in words("1.1", "zh")
    assert "Exactly 15% lies in both bands" in words("3.1", "en")
    assert "at most 2 points" in words("34.1", "en")
    assert "（平陆县，默认）" in words("4.1", "zh")


def test_the_same_comparison_words_in_the_description_and_the_report():
    from calc.rulekind import COMPARISONS
    from tests.calc_helpers import scored_item

    above = COMPARISONS[">"]
    line = scored_item("17.1", tip_check_on_time_rate={"percent": 95})["explanation"]
    assert f" {above.fails['zh']} 95%" in line["zh"] and f" {above.fails['en']} 95%" in line["en"]
    assert above.symbol["zh"] in str(describe(item("17.1"), RULESET.facts)["zh"])


def test_a_report_line_reads_as_a_sentence_with_no_decimal_the_rule_lacks():
    """Issue 23: "95% (95 of 100) is not above 95%: 0 of 1 point", not "95.0% (95/100) … 95.0%: 0/1"."""
    from tests.calc_helpers import scored_item

    line = scored_item("17.1", tip_check_on_time_rate={"numerator": 95, "denominator": 100})["lines"][0]
    assert line["en"].endswith("95% (95 of 100) is not above 95%: 0 of 1 point")
    assert line["zh"].endswith("95%（95/100） 未超过 95%：0/1")
    two = scored_item("9.1", long_lived_operator_share={"numerator": 1690, "denominator": 3120})["lines"][0]
    assert two["en"].endswith(": 2 of 2 points")
