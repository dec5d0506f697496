"""Property: whatever an assessment file holds, the self-scoring page (through its own file input) and
`python -m calc score` give it the same verdict, the same problems in the same words, and the same total.

Hypothesis starts from the example files and mutates them the way files get damaged or hand-edited:
values of every shape where a fact goes, keys removed, years and scope and region mistyped, text where a
number belongs. One page serves every example (a fresh browser per example would cost a minute each)."""

from __future__ import annotations

import copy
import json

import pytest
from calc_helpers import run_cli
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.selfscore_helpers import EXAMPLES, open_session

BASES = [
    json.loads((EXAMPLES / name).read_text(encoding="utf-8"))
    for name in ("county-complete.json", "unit-market-regulation.json", "county-exactly-85.json")
]
ODD_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.floats(-1e6, 1e6, allow_nan=False),
    st.sampled_from(["9５", "95%", " 12.5 ", "1,234", "abc", "", "-3", "1e3", "１００"]),
    st.fixed_dictionaries({"percent": st.one_of(st.floats(-200, 200, allow_nan=False), st.text(max_size=4))}),
    st.fixed_dictionaries({"numerator": st.integers(-5, 50), "denominator": st.integers(-5, 50)}),
    st.fixed_dictionaries({"current": st.floats(0, 1e4, allow_nan=False), "previous": st.integers(0, 100)}),
    st.lists(st.integers(0, 3), max_size=3),
    st.dictionaries(st.sampled_from(["2023", "2024", "2025", "x"]), st.floats(0, 150, allow_nan=False), max_size=3),
    st.lists(
        st.one_of(
            st.none(),
            st.fixed_dictionaries(
                {"name": st.text(max_size=5), "year": st.integers(2023, 2026), "sales_wan_yuan": st.integers(0, 50000)}
            ),
        ),
        max_size=3,
    ),
)


@st.composite
def damaged_assessments(draw) -> dict:
    data = copy.deepcopy(draw(st.sampled_from(BASES)))
    keys = sorted(data["facts"])
    for _ in range(draw(st.integers(1, 5))):
        key = draw(st.sampled_from(keys))
        if draw(st.booleans()):
            data["facts"][key] = draw(ODD_VALUES)
        else:
            data["facts"].pop(key, None)
    choice = draw(st.sampled_from(["none", "years", "scope", "region", "evidence"]))
    if choice == "years":
        data["years"] = draw(
            st.sampled_from([["2024", "2025"], [2024], [2023, 2025], {"a": 1}, None, [2024, 2025, 2026]])
        )
    elif choice == "scope":
        data["scope"] = draw(
            st.sampled_from(
                [
                    {"kind": "unit", "unit": "constructor"},
                    {"kind": "unit", "unit": ["x"]},
                    {"kind": "unit", "unit": "taxation"},
                    "county",
                    {"kind": 3},
                ]
            )
        )
    elif choice == "region":
        data["region"] = draw(st.sampled_from(["north", 1, None, "west"]))
    elif choice == "evidence":
        data["evidence"] = {
            draw(st.sampled_from(["1", "17", "99", "x"])): draw(st.one_of(st.text(max_size=8), st.integers()))
        }
    return data


@pytest.fixture(scope="module")
def page_session(built_site, site_browser):
    with open_session(site_browser, built_site, "zh") as session:
        errors: list[str] = []
        session.page.on("pageerror", lambda error: errors.append(str(error)))
        session.wait_scored()
        yield session, errors


@settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(data=damaged_assessments())
def test_page_and_command_line_agree(page_session, tmp_path_factory, data):
    session, errors = page_session
    page = session.page
    path = tmp_path_factory.mktemp("case") / "case.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    code, out, _ = run_cli("score", "--json", str(path))
    report = json.loads(out)
    scored = session.answers()
    message = session.import_file("case.json", path.read_bytes())
    if report.get("opened") is False:
        assert "未导入" in message
        assert all(p["message"]["zh"] in message for p in report["problems"])
        return
    assert message.startswith("已导入"), message
    session.wait_next_answer(scored)
    assert session.total() == report["total"]
    shown = page.eval_on_selector_all(".selfscore-errors-list li", "items => items.map((li) => li.textContent)")
    assert shown == [p["message"]["zh"] for p in report["problems"]]
    assert errors == []
