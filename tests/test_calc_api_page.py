"""calc.api.score_page_json, the answer the site's pages get on every keystroke, is score_json's answer less
the two parts of a county's scope section that repeat its gap (the pages never draw them for the county);
for a unit, and for input that cannot be read, it is score_json's answer unchanged."""

import json

from hypothesis import HealthCheck, given, settings

from calc import api, template
from tests.calc_helpers import EXAMPLES
from tests.test_calc_fuzz import mutated

REPEATED_FOR_THE_COUNTY = ("open_items", "gap")


def _both(text: str) -> tuple[dict, dict]:
    return json.loads(api.score_json(text)), json.loads(api.score_page_json(text))


def _assert_projection(full: dict, page: dict) -> None:
    if full["report"] is None or full["report"]["scope"]["kind"] != "county":
        assert page == full
        return
    scope = full["report"]["scope"]
    assert {key: value for key, value in scope.items() if key not in REPEATED_FOR_THE_COUNTY} == page["report"]["scope"]
    full["report"]["scope"] = page["report"]["scope"]
    assert page == full


def test_a_blank_county_form_gets_the_report_without_the_repeated_scope_parts():
    blank = json.dumps(template(None, (2024, 2025)))
    full, page = _both(blank)
    assert full["report"]["scope"]["open_items"] and full["report"]["scope"]["gap"]["own"]
    assert not set(REPEATED_FOR_THE_COUNTY) & set(page["report"]["scope"])
    # The county's gap, which the pages draw, is all there.
    assert page["report"]["gap"] == full["report"]["gap"] and page["report"]["gap"]["categories"]
    assert len(api.score_page_json(blank)) < 0.6 * len(api.score_json(blank))
    _assert_projection(full, page)


def test_a_unit_gets_the_whole_report():
    full, page = _both(json.dumps(template("market-regulation", (2024, 2025))))
    assert page["report"]["scope"]["kind"] == "unit" and page["report"]["scope"]["open_items"]
    assert page == full


def test_the_examples_and_files_that_are_not_assessments():
    for path in sorted(EXAMPLES.glob("*.json")):
        _assert_projection(*_both(path.read_text(encoding="utf-8")))
    for text in ("{", ""):
        full, page = _both(text)
        assert page == full and page["report"] is None and page["problems"][0]["code"] == "not-json"
    for text in ("[1, 2]", json.dumps({"name": "not an assessment"})):
        full, page = _both(text)
        assert page["ok"] is False and page["problems"] == full["problems"]
        _assert_projection(full, page)


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(mutated())
def test_damaged_files_get_the_same_answer_less_the_repeated_parts(case):
    _assert_projection(*_both(json.dumps(case, ensure_ascii=False)))
