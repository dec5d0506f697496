"""Exported files hold numbers as calc reads them (calc.normalise): the file a unit passes on says "95"
where the person typed "9５", and scores exactly as the file as typed did."""

from __future__ import annotations

import json

from calc import api, score
from tests.calc_helpers import assessment


def test_full_width_digits_spaces_commas_and_percent_signs_are_cleaned():
    typed = assessment(
        tip_check_on_time_rate={"percent": "9５"},
        online_retail_share={
            "2024": {"numerator": " 3,120 ", "denominator": "１８６５０"},
            "2025": {"percent": "31.4 %"},
        },
        procedural_defeat_cases="　０ ",
    )
    clean = json.loads(api.normalised_json(json.dumps(typed, ensure_ascii=False)))
    assert clean["facts"]["tip_check_on_time_rate"] == {"percent": "95"}
    assert clean["facts"]["online_retail_share"] == {
        "2024": {"numerator": "3120", "denominator": "18650"},
        "2025": {"percent": "31.4"},
    }
    assert clean["facts"]["procedural_defeat_cases"] == "0"
    assert score(clean)["indicators"] == score(typed)["indicators"]


def test_what_calc_cannot_read_is_left_as_typed():
    typed = assessment(
        tip_check_on_time_rate={"percent": "九十五"}, online_operator_share={"numerator": "", "denominator": None}
    )
    clean = json.loads(api.normalised_json(json.dumps(typed, ensure_ascii=False)))
    assert clean["facts"]["tip_check_on_time_rate"] == {"percent": "九十五"}
    assert clean["facts"]["online_operator_share"] == {"numerator": "", "denominator": None}
    assert api.normalised_json("{not json") == "{not json"


def test_operator_names_are_never_touched():
    firms = [{"name": "１号店", "year": 2024, "sales_wan_yuan": "２,０００"}]
    clean = json.loads(api.normalised_json(json.dumps(assessment(new_large_operators=firms), ensure_ascii=False)))
    assert clean["facts"]["new_large_operators"] == [{"name": "１号店", "year": 2024, "sales_wan_yuan": "2000"}]
