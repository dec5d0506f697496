"""Hostile input: thousands of generated and mutated assessments. The core answers every one of them with
its own problems list (zh + en) and never raises. Counts are set by FUZZ_EXAMPLES (default 2000 each)."""

import json
import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from calc import api, merge, score, validate
from tests.calc_helpers import EXAMPLES

EXAMPLES_COUNT = int(os.environ.get("FUZZ_EXAMPLES", "2000"))
SEEDS = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(EXAMPLES.glob("*.json"))]
FUZZ = settings(max_examples=EXAMPLES_COUNT, deadline=None, suppress_health_check=list(HealthCheck))

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(10**20), 10**20)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=30)
    | st.sampled_from(["<script>alert(1)</script>", "１２.５", "50%", "1e400", "-0", "NaN"]),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=12,
)


@st.composite
def mutated(draw):
    """An example file with a few of its fields replaced, deleted or added."""
    case = json.loads(json.dumps(draw(st.sampled_from(SEEDS))))
    for _ in range(draw(st.integers(1, 6))):
        target = draw(st.sampled_from(["top", "facts", "evidence", "deep"]))
        if target == "top":
            key = draw(
                st.sampled_from(["format", "version", "scope", "years", "region", "facts", "evidence", "meta", "extra"])
            )
            if draw(st.booleans()):
                case.pop(key, None)
            else:
                case[key] = draw(json_values)
        elif target == "facts" and isinstance(case.get("facts"), dict) and case["facts"]:
            key = draw(st.sampled_from(sorted(case["facts"])))
            case["facts"][key] = draw(json_values)
        elif target == "evidence" and isinstance(case.get("evidence"), dict):
            case["evidence"][draw(st.sampled_from(["1", "41", "0", "x", "12"]))] = draw(json_values)
        elif target == "deep" and isinstance(case.get("facts"), dict):
            for value in case["facts"].values():
                if isinstance(value, dict) and value:
                    value[draw(st.sampled_from(sorted(value)))] = draw(json_values)
                    break
    return case


def assert_clean_problems(problems):
    for problem in problems:
        assert problem["message"]["zh"] and problem["message"]["en"] and isinstance(problem["path"], list)


@FUZZ
@given(mutated())
def test_mutated_assessments_never_raise(case):
    problems = validate(case)
    assert_clean_problems(problems)
    report = score(case)
    assert 0 <= report["total"] <= 100
    assert report["valid"] == (not problems)


@FUZZ
@given(json_values)
def test_arbitrary_json_never_raises(value):
    assert_clean_problems(validate(value))
    assert json.loads(api.score_json(json.dumps(value)))["ok"] in (True, False)


@settings(max_examples=EXAMPLES_COUNT // 4, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.sampled_from(SEEDS), st.integers(0, 4000), st.binary(max_size=20))
def test_truncated_and_corrupted_files_are_refused_clearly(seed, cut, junk):
    text = json.dumps(seed, ensure_ascii=False)
    for broken in (text[:cut], text[:cut] + junk.decode("latin-1")):
        answer = json.loads(api.score_json(broken))
        if not answer["ok"]:
            assert answer["problems"] and answer["problems"][0]["message"]["en"]


@settings(max_examples=EXAMPLES_COUNT // 10, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(mutated(), min_size=1, max_size=4))
def test_merging_mutated_files_never_raises(cases):
    result = merge([(f"unit{i}", case) for i, case in enumerate(cases)])
    assert_clean_problems(result["problems"])
    assert validate(result["assessment"]) == [] or result["conflicts"] or result["problems"]


def test_huge_and_deeply_nested_input_is_refused():
    assert json.loads(api.score_json("[" * 100000 + "]" * 100000))["ok"] is False
    assert json.loads(api.score_json(" " * 2_000_001))["problems"][0]["code"] == "too-large"
