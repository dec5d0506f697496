"""Each rule kind and every boundary the plan names (issue 2, 'The meaning of the rules')."""

import pytest

from calc import score
from tests.calc_helpers import assessment, scored_item

P = lambda value: {"percent": value}  # noqa: E731


# --- yearly comparisons (indicators 1, 2, 5, 6): strict '>', one point per year -------------------------


def test_growth_above_national_in_both_years_scores_two():
    result = scored_item(
        "1.1",
        online_retail_growth={"2024": P(9.8), "2025": P(12)},
        national_online_retail_growth={"2024": P(7.2), "2025": P(8.6)},
    )
    assert result["score"] == 2


def test_growth_equal_to_national_is_not_above():
    result = scored_item("1.1", online_retail_growth={"2024": P(7.2), "2025": P(8.61)})
    assert result["score"] == 1  # 2024 equals the shipped 7.2 → 0; 2025 8.61 > 8.6 → 1
    assert "二者相等" in result["explanation"]["zh"] and "equal is not above" in result["explanation"]["en"]


def test_growth_from_amounts_is_exact_at_the_boundary():
    # 111 / 100 − 1 = 11 % exactly; a float computation would give 11.000000000000002 and pass wrongly.
    result = scored_item(
        "1.1",
        online_retail_growth={"2024": {"current": 111, "previous": 100}},
        national_online_retail_growth={"2024": P(11.0)},
    )
    assert result["score"] == 0


def test_shipped_national_default_is_used_and_named():
    result = scored_item("1.1", online_retail_growth={"2024": P(9.8)})
    assert "2024年本县网上零售额同比增速 9.8% 未超过全国网上零售额同比增速 7.2%" not in result["explanation"]["zh"]
    assert "超过全国网上零售额同比增速 7.2%（默认值，来源：国家统计局" in result["explanation"]["zh"]
    assert "default, source: National Bureau of Statistics" in result["explanation"]["en"]


def test_national_figure_for_unknown_year_must_be_entered():
    result = scored_item("1.1", years=(2026, 2027), online_retail_growth={"2026": P(9), "2027": P(9)})
    assert result["score"] == 0 and result["status"] == "missing"
    assert "national_online_retail_growth" in result["missing"]


def test_zero_previous_amount_makes_growth_undefined_not_a_crash():
    result = scored_item("5.1", express_growth={"2024": {"current": 10, "previous": 0}, "2025": P(50)})
    assert result["score"] == 1
    assert "增速无定义" in result["explanation"]["zh"] and "undefined" in result["explanation"]["en"]


def test_indicator_2_compares_with_the_countys_own_total_retail():
    result = scored_item(
        "2.1", online_retail_growth={"2024": P(5), "2025": P(3)}, social_retail_growth={"2024": P(4.9), "2025": P(3)}
    )
    assert result["score"] == 1


def test_indicator_6_uses_the_physical_goods_share_by_default():
    result = scored_item("6.1", online_retail_share={"2024": P(26.8), "2025": P(26.2)})
    assert result["score"] == 1  # 2024 equal (0), 2025 26.2 > 26.1 (1)


# --- bands (3, 7, 8, 9): both ends inclusive, the higher band on a shared boundary ----------------------


@pytest.mark.parametrize(
    "item_id,key,value,points",
    [
        ("3.1", "online_operator_share", 7.99, 0),
        ("3.1", "online_operator_share", 8, 1),
        ("3.1", "online_operator_share", 14.99, 1),
        ("3.1", "online_operator_share", 15, 2),
        ("3.1", "online_operator_share", 60, 2),
        ("7.1", "online_employment_share", 3, 1),
        ("7.1", "online_employment_share", 5, 2),
        ("8.1", "online_tax_share", 2.99, 0),
        ("8.1", "online_tax_share", 5, 2),
        ("9.1", "long_lived_operator_share", 30, 1),
        ("9.1", "long_lived_operator_share", 50, 2),
        ("9.1", "long_lived_operator_share", 49.999, 1),
    ],
)
def test_band_boundaries(item_id, key, value, points):
    assert scored_item(item_id, **{key: P(value)})["score"] == points


def test_shared_boundary_is_explained():
    result = scored_item("3.1", online_operator_share={"numerator": 15, "denominator": 100})
    assert result["score"] == 2
    assert "共同边界" in result["explanation"]["zh"] and "higher band applies" in result["explanation"]["en"]


def test_zero_denominator_ratio_is_undefined():
    result = scored_item("9.1", long_lived_operator_share={"numerator": 0, "denominator": 0})
    assert result["score"] == 0 and result["status"] == "undefined"
    assert "分母为0" in result["explanation"]["zh"] and "denominator is 0" in result["explanation"]["en"]


# --- indicator 4: region thresholds, '以上' inclusive, 1 firm → 1, ≥ 2 → 2 ---------------------------------


def firms(*sales, year=2024):
    return [{"name": f"企业{i}", "year": year, "sales_wan_yuan": s} for i, s in enumerate(sales)]


@pytest.mark.parametrize(
    "region,sales,points",
    [
        ("central", (10000,), 1),
        ("central", (9999.99,), 0),
        ("central", (10000, 25000), 2),
        ("central", (10000, 9000, 30000, 50000), 2),
        ("east", (10000, 19999), 0),
        ("east", (20000,), 1),
        ("west", (5000, 5000), 2),
        ("west", (4999,), 0),
    ],
)
def test_firm_thresholds_by_region(region, sales, points):
    case = assessment(new_large_operators=firms(*sales))
    case["region"] = region
    item = next(i for i in score(case)["indicators"][3]["items"])
    assert item["score"] == points


def test_central_region_is_the_default_for_shanxi():
    assert scored_item("4.1", new_large_operators=firms(10000))["score"] == 1


def test_empty_firm_list_scores_zero_but_counts_as_answered():
    result = scored_item("4.1", new_large_operators=[])
    assert result["score"] == 0 and result["status"] == "unmet"


# --- thresholds: '大于/超过' strict, '达到/不低于' inclusive ------------------------------------------------


@pytest.mark.parametrize(
    "item_id,facts,points",
    [
        ("11.1", {"platform_users_to_staff": {"numerator": 29, "denominator": 58}}, 0),  # exactly 50 %
        ("11.1", {"platform_users_to_staff": {"numerator": 30, "denominator": 58}}, 1),
        ("11.1", {"platform_users_to_staff": {"numerator": 70, "denominator": 58}}, 1),  # may exceed 100 %
        ("11.2", {"identity_claim_rate": P(100)}, 1),
        ("11.2", {"identity_claim_rate": P(99.99)}, 0),
        ("17.1", {"tip_check_on_time_rate": P(95)}, 0),
        ("17.1", {"tip_check_on_time_rate": P(95.01)}, 1),
        ("17.2", {"assigned_case_timely_rate": P(91), "assigned_case_completion_rate": P(90)}, 0),
        ("17.2", {"assigned_case_timely_rate": P(91), "assigned_case_completion_rate": P(90.5)}, 1),
        ("18.1", {"case_upheld_rate": P(100), "case_win_rate": P(95)}, 0),
        ("18.2", {"procedural_defeat_cases": 0}, 1),
        ("18.2", {"procedural_defeat_cases": 1}, 0),
        ("19.1", {"monitoring_check_timely_rate": P(90)}, 0),
        ("25.1", {"complaint_initial_check_on_time_rate": P(96), "complaint_closed_on_time_rate": P(96)}, 1),
        ("25.2", {"mediation_success_rate": P(60), "national_mediation_success_rate": P(60)}, 0),
        ("25.2", {"mediation_success_rate": P(60.1), "national_mediation_success_rate": P(60)}, 1),
        ("25.3", {"consumer_satisfaction": 80.36}, 0),  # 2025 has no shipped figure → missing
        ("38.2", {"training_coverage_rate": P(100), "training_hours_min": 50}, 1),
        ("38.2", {"training_coverage_rate": P(100), "training_hours_min": 49.5}, 0),
    ],
)
def test_threshold_boundaries(item_id, facts, points):
    assert scored_item(item_id, **facts)["score"] == points


def test_satisfaction_uses_the_latest_assessed_years_national_score():
    case = assessment(years=(2023, 2024), consumer_satisfaction=80.37)
    assert next(i for i in score(case)["indicators"][24]["items"] if i["id"] == "25.3")["score"] == 1
    case = assessment(years=(2023, 2024), consumer_satisfaction=80.36)
    assert next(i for i in score(case)["indicators"][24]["items"] if i["id"] == "25.3")["score"] == 0


def test_26_1_needs_the_mechanism_and_both_rates():
    rates = {
        "odr_on_time_rate": P(95),
        "odr_settlement_rate": P(80),
        "national_odr_on_time_rate": P(90),
        "national_odr_settlement_rate": P(75),
    }
    assert scored_item("26.1", **rates)["score"] == 0
    assert scored_item("26.1", **rates, **{"26.1": True})["score"] == 1
    assert scored_item("26.1", **{**rates, "odr_settlement_rate": P(75)}, **{"26.1": True})["score"] == 0


# --- qualitative: criteria, any-one-of (28–31), media (33), results (34) ----------------------------------


def test_criterion_true_false_and_missing():
    assert scored_item("12.1", **{"12.1": True})["score"] == 1
    assert scored_item("12.1", **{"12.1": False})["status"] == "unmet"
    assert scored_item("12.1")["status"] == "missing"


@pytest.mark.parametrize("number", [28, 29, 30, 31])
def test_any_one_item_gives_three_and_more_still_three(number):
    one = score(assessment(**{f"{number}.2": True}))["indicators"][number - 1]
    three = score(assessment(**{f"{number}.{k}": True for k in (1, 2, 3)}))["indicators"][number - 1]
    none = score(assessment())["indicators"][number - 1]
    assert (one["score"], three["score"], none["score"]) == (3, 3, 0)
    assert sum(i["score"] for i in three["items"]) == 3


def test_media_national_two_provincial_one():
    ind = lambda **f: score(assessment(**f))["indicators"][32]["score"]  # noqa: E731
    assert ind(**{"33.1": True}) == 2 and ind(**{"33.2": True}) == 1 and ind(**{"33.1": True, "33.2": True}) == 3


@pytest.mark.parametrize("count,points", [(0, 0), (1, 1), (2, 2), (7, 2)])
def test_results_one_point_each_at_most_two(count, points):
    assert scored_item("34.1", institutional_results=count)["score"] == points


# --- totals and the pass rule ------------------------------------------------------------------------------


def test_pass_needs_85_and_every_category_at_75_percent():
    all_true = {k: True for k in __import__("calc.ruleset", fromlist=["x"]).default_ruleset().facts if "." in k}
    report = score(assessment(**all_true))
    # Every qualitative item, nothing quantitative: development scores only its indicator 10 (2/20).
    development = next(c for c in report["categories"] if c["id"] == "development")
    assert development["score"] == 2 and not development["passed"]
    assert not report["passed"]
    assert "促进发展" in report["reason"]["zh"]


def test_category_minimums_are_rounded_up():
    report = score(assessment())
    needed = {c["id"]: c["needed"] for c in report["categories"]}
    assert needed == {"development": 15, "regulation": 19, "service": 15, "innovation": 15, "support": 12}
