"""Merging units' files, the gap to pass, and templates."""

from calc import merge, score, template
from calc.ruleset import default_ruleset
from tests.calc_helpers import assessment, example


def test_unit_template_holds_only_its_indicators():
    blank = template("taxation", (2024, 2025))
    numbers = sorted(int(k) for k in blank["evidence"])
    # 县税务局 is named for 8 and 20, and is a member unit (32–35, 37, 40, 41 name 各成员单位; 10, 12… the joint conference).
    assert 8 in numbers and 20 in numbers and 1 not in numbers
    assert "online_tax_share" in blank["facts"] and "online_retail_growth" not in blank["facts"]
    assert blank["scope"] == {"kind": "unit", "unit": "taxation"}


def test_county_template_has_every_fact():
    blank = template(None, (2024, 2025))
    assert set(blank["facts"]) == set(default_ruleset().facts)
    assert len(blank["evidence"]) == 41


def test_merge_takes_the_union_and_reports_conflicts():
    a = assessment(online_tax_share={"percent": 3.5}, **{"12.1": True})
    b = assessment(online_tax_share={"percent": 4.0}, **{"12.2": True})
    c = assessment(online_tax_share={"numerator": 35, "denominator": 1000}, **{"12.1": True})
    result = merge([("县税务局", a), ("县市场监管局", b), ("县统计局", c)])
    assert result["assessment"]["facts"]["12.1"] is True and result["assessment"]["facts"]["12.2"] is True
    assert "online_tax_share" not in result["assessment"]["facts"]  # 3.5 vs 4.0: never silently overwritten
    (conflict,) = result["conflicts"]
    assert conflict["key"] == "online_tax_share" and len(conflict["values"]) == 3


def test_equal_meaning_is_not_a_conflict():
    a = assessment(online_tax_share={"percent": 3.5})
    b = assessment(online_tax_share={"numerator": 7, "denominator": 200})
    result = merge([("a", a), ("b", b)])
    assert result["conflicts"] == [] and result["assessment"]["facts"]["online_tax_share"] == {"percent": 3.5}


def test_per_year_facts_merge_year_by_year():
    a = assessment(online_retail_growth={"2024": {"percent": 9}})
    b = assessment(online_retail_growth={"2025": {"percent": 10}})
    merged = merge([("a", a), ("b", b)])["assessment"]
    assert merged["facts"]["online_retail_growth"] == {"2024": {"percent": 9}, "2025": {"percent": 10}}


def test_different_years_cannot_merge():
    result = merge([("a", assessment(years=(2023, 2024))), ("b", assessment())])
    assert any(c["field"] == "years" for c in result["conflicts"])


def test_evidence_notes_are_kept_with_their_unit():
    a, b = assessment(), assessment()
    a["evidence"]["12"], b["evidence"]["12"] = "甲", "乙"
    assert merge([("A局", a), ("B局", b)])["assessment"]["evidence"]["12"] == "【A局】甲\n\n【B局】乙"


def test_merging_the_unit_example_with_itself_changes_nothing():
    unit = example("unit-market-regulation.json")
    result = merge([("a", unit), ("b", unit)])
    assert result["conflicts"] == [] and score(result["assessment"])["total"] == score(unit)["total"]


def test_gap_lists_short_categories_cheapest_first_with_units():
    report = score(example("county-complete.json"))
    assert report["passed"] and report["gap"]["categories"] == []
    case = example("county-exactly-85.json")
    case["facts"]["41.2"] = False  # 84
    report = score(case)
    gap = report["gap"]
    assert not report["passed"] and gap["total_short_by"] == 1
    (first,) = gap["total"]["items"][:1]
    assert first["effort"] == 2 and first["gain"] >= 1 and first["responsible"]


def test_gap_prefers_unanswered_criteria_and_reaches_the_shortfall():
    report = score(assessment(**{"35.1": True}))
    support = next(c for c in report["gap"]["categories"] if c["id"] == "support")
    assert support["short_by"] == 10 and support["reachable"]
    assert support["items"][-1]["cumulative"] >= 10
    assert [i["effort"] for i in support["items"]] == sorted(i["effort"] for i in support["items"])


def test_best_one_indicator_appears_once_in_the_gap():
    report = score(assessment())
    ids = [i["id"] for c in report["gap"]["categories"] for i in c["items"]] + [
        i["id"] for i in report["gap"]["total"]["items"]
    ]
    assert sum(1 for i in ids if i.startswith("28.")) <= 1
