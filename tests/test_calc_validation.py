"""Validation collects every problem, points at the field, speaks zh and en, and never raises."""

import pytest

from calc import score, validate
from tests.calc_helpers import assessment


def codes(problems):
    return {(p["field"], p["code"]) for p in problems}


def test_a_blank_template_is_valid():
    assert validate(assessment()) == []


def test_all_problems_are_collected_at_once():
    case = assessment(
        online_operator_share={"numerator": 5, "denominator": 2},
        procedural_defeat_cases=-1,
        identity_claim_rate={"percent": 101},
        no_such_fact=3,
    )
    case["facts"]["12.1"] = "yes"
    case["years"] = None
    found = codes(validate(case))
    assert found >= {
        ("facts/online_operator_share", "numerator-over-denominator"),
        ("facts/procedural_defeat_cases", "negative"),
        ("facts/identity_claim_rate/percent", "percent-over-100"),
        ("facts/no_such_fact", "unknown-fact"),
        ("facts/12.1", "not-a-flag"),
        ("years", "missing-years"),
    }


def test_every_problem_has_both_languages_and_points_at_indicator():
    problems = validate(assessment(tip_check_on_time_rate={"numerator": "abc", "denominator": 3}))
    (problem,) = problems
    assert problem["indicator"] == 17 and problem["key"] == "tip_check_on_time_rate"
    assert "应为数字" in problem["message"]["zh"] and "must be a number" in problem["message"]["en"]


@pytest.mark.parametrize(
    "bad", [None, [], "text", 3, {"format": "other"}, {"format": "pinglu-online-market-assessment", "version": 99}]
)
def test_foreign_and_wrong_version_files_are_refused(bad):
    assert validate(bad)


def test_year_outside_the_assessed_pair_is_an_error():
    problems = validate(assessment(online_retail_growth={"2023": {"percent": 5}}))
    assert codes(problems) == {("facts/online_retail_growth/2023", "year-not-assessed")}


def test_years_must_be_consecutive():
    case = assessment()
    case["years"] = [2023, 2025]
    assert ("years", "bad-years") in codes(validate(case))


def test_the_first_year_is_within_calc_contracts_years():
    from calc.contract import YEARS

    for years, valid in (
        ([YEARS[0] - 1, YEARS[0]], False),
        ([YEARS[0], YEARS[0] + 1], True),
        ([YEARS[1], YEARS[1] + 1], True),
        ([YEARS[1] + 1, YEARS[1] + 2], False),
    ):
        case = assessment()
        case["years"] = years
        problems = [p for p in validate(case) if p["code"] == "bad-years"]
        assert (problems == []) == valid, years
        if not valid:
            assert problems[0]["message"]["en"] == (
                "The assessed years must be two consecutive years (2000–2100), e.g. [2024, 2025]."
            )
            assert "（2000–2100）" in problems[0]["message"]["zh"]


def test_numbers_typed_as_text_are_accepted_including_full_width():
    case = assessment(online_tax_share={"percent": "３.５"}, institutional_results="2")
    assert validate(case) == []
    report = score(case)
    assert report["indicators"][7]["score"] == 1 and report["indicators"][33]["score"] == 2


@pytest.mark.parametrize("value", [float("nan"), float("inf"), True, "1e5", "", {"percent": None}])
def test_non_numbers_are_refused(value):
    assert validate(assessment(online_tax_share={"percent": value}))


def test_count_must_be_whole():
    assert ("facts/institutional_results", "not-whole") in codes(validate(assessment(institutional_results=1.5)))


def test_invalid_facts_are_left_out_and_the_rest_still_scores():
    case = assessment(**{"12.1": True, "12.2": "maybe"})
    report = score(case)
    assert not report["valid"] and report["indicators"][11]["score"] == 1
    assert report["problems"][0]["field"] == "facts/12.2"


def test_firm_rows_are_checked_one_by_one():
    problems = validate(assessment(new_large_operators=[{"name": "", "year": 2019, "sales_wan_yuan": -1}]))
    assert {p["code"] for p in problems} == {"bad-name", "bad-firm-year", "negative"}


def test_evidence_for_unknown_indicator_and_overlong_text():
    case = assessment()
    case["evidence"] = {"42": "x", "3": "长" * 20001}
    assert codes(validate(case)) == {("evidence/42", "unknown-indicator"), ("evidence/3", "text-too-long")}


def test_superscript_digits_are_not_numbers_in_keys():
    # "¹" and "²⁰²⁴" are digits to str.isdigit() but not numbers int() reads: a problem, never a crash.
    case = assessment()
    case["evidence"] = {"¹": "x"}
    case["facts"]["express_growth"] = {"²⁰²⁴": {"percent": 5}}
    problems = codes(validate(case))
    assert ("evidence/¹", "unknown-indicator") in problems
    assert ("facts/express_growth/²⁰²⁴", "bad-year") in problems
    assert score(case)["total"] >= 0
