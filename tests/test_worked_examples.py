"""Every worked example (data/worked_examples/NN.yaml, beside data/indicators/NN.yaml) as a test case of calc:
the facts it enters must give the indicator's score and each sub-item's points it expects, in both languages
(firm names differ by language). No site build: `pytest tests/test_worked_examples.py -k 17-` runs indicator 17's.
"""

from __future__ import annotations

import pytest
import yaml

import calc
from tools.worked_examples import (
    DEFAULTS_NAME,
    EXAMPLES_DIR,
    ExampleError,
    example_assessment,
    load_examples,
    score_example,
    scored,
)

DEFAULTS = yaml.safe_load((EXAMPLES_DIR / DEFAULTS_NAME).read_text(encoding="utf-8"))
CASES = [
    pytest.param(int(path.stem), example, id=example["id"])
    for path in sorted(EXAMPLES_DIR.glob("[0-9][0-9].yaml"))
    for example in yaml.safe_load(path.read_text(encoding="utf-8"))
]


@pytest.mark.parametrize("number,example", CASES)
def test_example_scores_what_it_expects(number, example):
    for lang in ("zh", "en"):
        assessment = example_assessment(example, lang, DEFAULTS)
        assert calc.validate(assessment) == []
        result = next(ind for ind in calc.score(assessment)["indicators"] if ind["number"] == number)
        assert scored(result) == example["expect"], lang


def test_the_examples_are_well_formed_and_cover_every_indicator():
    examples = load_examples()  # raises on a malformed file, a stray fact, a duplicate id or a missing title
    assert sorted(examples["indicators"]) == list(range(1, 42))
    assert len(CASES) == sum(len(v) for v in examples["indicators"].values())


def test_an_example_that_no_longer_scores_what_it_expects_is_reported():
    example = next(case.values[1] for case in CASES if case.id == "3-exactly-15")
    wrong = {**example, "expect": {"score": 1, "items": {"3.1": 1}}}  # exactly 15 % gets the higher band: 2
    with pytest.raises(ExampleError, match=r"meant to demonstrate .*data/worked_examples/03\.yaml"):
        score_example(3, wrong, "zh", DEFAULTS)
    assert score_example(3, example, "en", DEFAULTS)["score"] == 2
