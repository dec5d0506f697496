"""A merge that leaves a figure undecided: the merged file keeps the dispute, and calc's gap, verdict, CLI
text and --json say what each unit's value would give (issue 22, item 1).

The case: the county file that scores exactly 85 is split in three. The statistics bureau and the bureau
of industry both send indicator 6's county share of online retail; for 2025 one says 31.4 %, the other
25.0 % (the national share is 26.1 %). Left open, indicator 6 scores 1 of 2 and the county 84: a fail
that settling the figure alone can turn into a pass."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from calc import api, merge, score, validate
from calc.ruleset import default_ruleset
from tests.calc_helpers import run_cli, three_files_with_one_dispute

STATS, INDUSTRY, MARKET = "统计局.json", "工科局.json", "市场监管局.json"


def _three_files() -> list[tuple[str, dict]]:
    return three_files_with_one_dispute(MARKET, STATS, INDUSTRY)


@pytest.fixture(scope="module")
def merged() -> dict:
    return merge(_three_files())["assessment"]


def test_the_merged_file_keeps_the_dispute_and_is_valid(merged):
    assert merged["disputes"] == [
        {
            "key": "online_retail_share",
            "year": 2025,
            "values": [{"source": STATS, "value": {"percent": 31.4}}, {"source": INDUSTRY, "value": {"percent": 25}}],
        }
    ]
    assert "2025" not in merged["facts"]["online_retail_share"]  # left out, not overwritten
    assert merged["facts"]["online_retail_share"]["2024"] == {"numerator": 41.6, "denominator": 128.3}
    assert validate(merged) == []


def test_the_gap_offers_the_dispute_first_with_what_each_value_scores(merged):
    report = score(merged)
    assert (report["total"], report["passed"]) == (84, False)
    items = [i for c in report["gap"]["categories"] for i in c["items"]] + report["gap"]["total"]["items"]
    first = items[0]
    assert first["status"] == "conflict" and first["indicator"] == 6 and first["gain"] == 1
    values = {v["source"]: v for v in first["dispute"]["values"]}
    assert (values[STATS]["indicator_score"], values[STATS]["total"], values[STATS]["passed"]) == (2, 85, True)
    assert (values[INDUSTRY]["indicator_score"], values[INDUSTRY]["total"], values[INDUSTRY]["passed"]) == (
        1,
        84,
        False,
    )
    # Indicator 6's missing 2025 figure is not offered a second time as "enter the data".
    assert not [i for i in items if i["indicator"] == 6 and i["status"] != "conflict"]


def test_the_verdict_says_the_dispute_decides_it(merged):
    report = score(merged)
    assert report["disputes"]["decides"] is True
    assert (report["disputes"]["best"], report["disputes"]["worst"]) == (
        {"total": 85, "passed": True},
        {"total": 84, "passed": False},
    )
    assert "它决定是否合格" in report["reason"]["zh"] and "县统计局" in report["reason"]["zh"]
    assert "decides the verdict" in report["reason"]["en"]


def test_a_dispute_that_does_not_decide_says_so():
    files = _three_files()
    files[2][1]["facts"]["online_retail_share"]["2025"] = {"percent": 30.9}  # both above the national 26.1
    report = score(merge(files)["assessment"])
    assert report["disputes"]["decides"] is False
    assert "无论采用哪家单位的数值，总分均为 85 分，都合格" in report["reason"]["zh"]
    assert (
        "whichever unit's value is chosen, the total is 85 either way and the assessment passes"
        in report["reason"]["en"]
    )


def test_settling_the_figure_closes_the_dispute(merged):
    settled = json.loads(json.dumps(merged))
    settled["facts"]["online_retail_share"]["2025"] = {"percent": 31.4}
    report = score(settled)
    assert report["disputes"]["open"] == [] and report["passed"] is True
    assert "分歧" not in report["reason"]["zh"]


def test_a_merged_file_merged_again_brings_its_open_dispute_along(merged):
    again = merge([("县汇总.json", merged)])["assessment"]
    assert again["disputes"] == merged["disputes"]
    assert (
        merge(
            [
                ("县汇总.json", merged),
                (
                    "核实.json",
                    {**merged, "facts": {"online_retail_share": {"2025": {"percent": 31.4}}}, "disputes": []},
                ),
            ]
        )["assessment"].get("disputes")
        is None
    )


@pytest.mark.parametrize(
    "bad, code",
    [
        ("many", "bad-disputes"),
        ([{"key": "no_such_fact", "year": 2025, "values": []}], "bad-dispute"),
        (
            [
                {
                    "key": "online_retail_share",
                    "year": 2025,
                    "values": [{"source": "a", "value": {"percent": 1}}, {"source": "b", "value": {"percent": 2}}],
                }
            ]
            * 2,
            "duplicate-dispute",
        ),
        (
            [
                {
                    "key": "online_retail_share",
                    "year": 2025,
                    "values": [{"source": "a", "value": {"percent": "九"}}, {"source": "b", "value": {"percent": 2}}],
                }
            ],
            "bad-dispute-value",
        ),
    ],
)
def test_a_malformed_dispute_is_named_and_the_rest_still_scores(merged, bad, code):
    broken = {**merged, "disputes": bad}
    assert code in {p["code"] for p in validate(broken)}
    assert json.loads(api.score_json(json.dumps(broken, ensure_ascii=False)))["report"]["total"] == 84


def test_the_command_line_lists_the_choices(merged, tmp_path: Path):
    path = tmp_path / "county.json"
    path.write_text(json.dumps(merged, ensure_ascii=False), encoding="utf-8")
    code, out, _ = run_cli("score", str(path))
    assert code == 0
    assert "县统计局（统计局.json）：31.4% → 指标6 得 2/2 分，总分 85，合格" in out
    industry_line = next(line for line in out.splitlines() if "工科局.json）：" in line)
    assert "县工业信息化和科技局（工科局.json）：25" in industry_line
    assert industry_line.endswith("% → 指标6 得 1/2 分，总分 84，不合格")
    code, out, _ = run_cli("--lang", "en", "score", str(path))
    assert "(统计局.json): 31.4% → indicator 6 scores 2 of 2, total 85, pass" in out
    code, out, _ = run_cli("score", "--json", str(path))
    answer = {"report": json.loads(out)}  # --json prints the report itself
    assert answer["report"]["disputes"]["open"][0]["key"] == "online_retail_share"
    assert answer["report"]["gap"]["total"]["items"][0]["status"] == "conflict"
    # The merge command writes the dispute into the file it outputs.
    files = []
    for name, data in _three_files():
        files.append(tmp_path / name)
        files[-1].write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    out_file = tmp_path / "merged.json"
    code, _, _ = run_cli("merge", *map(str, files), "-o", str(out_file))
    written = json.loads(out_file.read_text(encoding="utf-8"))["disputes"]
    assert [(d["key"], d["year"], [v["value"] for v in d["values"]]) for d in written] == [
        ("online_retail_share", 2025, [{"percent": 31.4}, {"percent": 25}])
    ]


def test_every_gap_item_has_the_ruleset_s_indicator(merged):
    ruleset = default_ruleset()
    gap = score(merged)["gap"]
    for item in [i for c in gap["categories"] for i in c["items"]] + gap["total"]["items"]:
        assert item["indicator"] in ruleset.indicators


def test_a_merged_file_opened_again_lists_its_open_disputes_as_conflicts(merged):
    """What the page does when the merged file is imported again: calc.merge, given it alone, lists each
    open dispute as a conflict with every file's value, so the chooser comes back."""
    again = merge([("县汇总.json", merged)])
    [conflict] = again["conflicts"]
    assert (conflict["field"], conflict["key"], conflict["year"], conflict["indicator"]) == (
        "facts",
        "online_retail_share",
        2025,
        6,
    )
    assert [v["source"] for v in conflict["values"]] == [STATS, INDUSTRY]
    assert "各单位填写不一致" in conflict["message"]["zh"]
