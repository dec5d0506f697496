"""Properties that hold for every assessment (hypothesis)."""

from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from calc import score
from calc.ruleset import default_ruleset
from tests.calc_helpers import assessment

RULESET = default_ruleset()
FLAGS = [k for k, f in RULESET.facts.items() if f["kind"] == "flag"]
RATIOS = [k for k, f in RULESET.facts.items() if f["kind"] == "ratio" and not f.get("per_year")]
percent = st.decimals(min_value=0, max_value=100, places=2).map(lambda d: {"percent": float(d)})


@st.composite
def assessments(draw):
    facts = {k: draw(st.one_of(st.none(), st.booleans())) for k in FLAGS}
    for key in RATIOS:
        facts[key] = draw(st.one_of(st.none(), percent))
    for key in ("online_retail_growth", "express_growth", "social_retail_growth"):
        facts[key] = {str(y): {"percent": draw(st.integers(-50, 60))} for y in (2024, 2025)}
    facts["institutional_results"] = draw(st.one_of(st.none(), st.integers(0, 9)))
    facts["procedural_defeat_cases"] = draw(st.one_of(st.none(), st.integers(0, 3)))
    facts["consumer_satisfaction"] = draw(st.one_of(st.none(), st.integers(0, 100)))
    facts["national_consumer_satisfaction"] = 80
    facts["training_hours_min"] = draw(st.one_of(st.none(), st.integers(0, 80)))
    return assessment(**facts)


@settings(max_examples=150, deadline=None)
@given(assessments())
def test_scores_stay_within_bounds_and_add_up(case):
    report = score(case)
    assert report["valid"]
    assert 0 <= report["total"] <= 100
    for ind in report["indicators"]:
        assert 0 <= ind["score"] <= ind["max"]
        assert sum(i["score"] for i in ind["items"]) == ind["score"]
        for item in ind["items"]:
            assert 0 <= item["score"] <= item["max"] and item["lines"]
    assert sum(c["score"] for c in report["categories"]) == report["total"]


@settings(max_examples=150, deadline=None)
@given(assessments())
def test_pass_iff_total_and_every_category(case):
    report = score(case)
    rates_ok = all(Fraction(c["score"], c["max"]) >= Fraction(3, 4) for c in report["categories"])
    assert report["passed"] == (report["total"] >= 85 and rates_ok)
    assert report["gap"]["passed"] == report["passed"]


@settings(max_examples=100, deadline=None)
@given(assessments(), st.data())
def test_more_of_a_more_is_better_fact_never_lowers_the_score(case, data):
    more_is_better = [k for k in RATIOS if RULESET.facts[k]["better"] == "more"]  # not the national figures
    key = data.draw(
        st.sampled_from(
            FLAGS + more_is_better + ["institutional_results", "online_retail_growth", "training_hours_min"]
        )
    )
    before = score(case)["total"]
    better = dict(case["facts"])
    kind = RULESET.facts[key]["kind"]
    if kind == "flag":
        better[key] = True
    elif kind == "ratio":
        current = (case["facts"][key] or {"percent": 0})["percent"]
        better[key] = {"percent": min(100, current + data.draw(st.integers(0, 30)))}
    elif key == "online_retail_growth":
        better[key] = {
            y: {"percent": v["percent"] + data.draw(st.integers(0, 20))} for y, v in case["facts"][key].items()
        }
    else:
        better[key] = (case["facts"][key] or 0) + data.draw(st.integers(0, 10))
    assert score({**case, "facts": better})["total"] >= before


@settings(max_examples=100, deadline=None)
@given(assessments(), st.data())
def test_less_of_a_less_is_better_fact_never_lowers_the_score(case, data):
    cases = case["facts"]["procedural_defeat_cases"]
    if cases:
        fewer = {**case["facts"], "procedural_defeat_cases": cases - data.draw(st.integers(1, cases))}
        assert score({**case, "facts": fewer})["total"] >= score(case)["total"]
