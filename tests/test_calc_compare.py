"""calc compare: progress between two assessments, checked against the two examples' golden score reports
(tests/golden/, reviewed by hand) and the raw example files, not against the comparison's own code."""

import json
import subprocess
import sys

import pytest

from calc.api import compare_json
from calc.compare import compare
from tests.calc_helpers import EXAMPLES, ROOT, example

OLD, NEW = "county-exactly-85.json", "county-complete.json"


def golden(name):
    return json.loads((ROOT / "tests" / "golden" / name.replace(".json", ".report.json")).read_text(encoding="utf-8"))


def run(*args):
    return subprocess.run([sys.executable, "-m", "calc", *args], cwd=ROOT, capture_output=True, text=True)


@pytest.fixture(scope="module")
def comparison():
    return compare(example(OLD), example(NEW))


def test_total_and_verdicts_match_the_two_score_reports(comparison):
    old, new = golden(OLD), golden(NEW)
    assert (old["total"], new["total"]) == (85, 97)
    assert comparison["total"] == {"max": 100, "old": 85, "new": 97, "delta": 12}
    assert comparison["passed"] == {"old": True, "new": True}
    assert comparison["valid"] is True and comparison["refused"] is False
    for got, a, b in zip(comparison["categories"], old["categories"], new["categories"]):
        assert (got["id"], got["old"], got["new"], got["delta"]) == (
            a["id"],
            a["score"],
            b["score"],
            b["score"] - a["score"],
        )
        assert got["passed"] == {"old": a["passed"], "new": b["passed"]}
        for child, ca, cb in zip(got["children"], a["children"], b["children"]):
            assert (child["old"], child["new"], child["delta"]) == (ca["score"], cb["score"], cb["score"] - ca["score"])


def test_every_indicator_has_old_new_delta_and_the_changed_sub_items(comparison):
    old, new = golden(OLD), golden(NEW)
    assert [i["number"] for i in comparison["indicators"]] == list(range(1, 42))
    expected_changed = set()
    for got, a, b in zip(comparison["indicators"], old["indicators"], new["indicators"]):
        assert (got["old"], got["new"], got["delta"], got["max"]) == (
            a["score"],
            b["score"],
            b["score"] - a["score"],
            a["max"],
        )
        for item_a, item_b in zip(a["items"], b["items"]):
            if (item_a["score"], item_a["status"]) != (item_b["score"], item_b["status"]):
                expected_changed.add(
                    (item_a["id"], item_a["status"], item_b["status"], item_b["score"] - item_a["score"])
                )
    changed = {
        (i["id"], i["status"]["old"], i["status"]["new"], i["delta"])
        for ind in comparison["indicators"]
        for i in ind["changed_items"]
    }
    assert changed == expected_changed
    # Read off the two reports by hand: the sub-items that moved between the examples.
    assert {c[0] for c in changed} == {
        "1.1",
        "8.1",
        "14.3",
        "15.2",
        "16.1",
        "22.3",
        "26.2",
        "27.2",
        "33.1",
        "33.2",
        "34.1",
    }
    assert ("33.2", "met", "unmet", -1) in changed  # a loss is shown as one, not hidden in the total
    assert sum(ind["delta"] for ind in comparison["indicators"]) == comparison["total"]["delta"]


def test_facts_whose_values_changed(comparison):
    old, new = example(OLD)["facts"], example(NEW)["facts"]
    expected = set()
    for key in set(old) | set(new):
        a, b = old.get(key), new.get(key)
        if isinstance(a, dict) and isinstance(b, dict) and set(a) <= {"2024", "2025"} and set(b) <= {"2024", "2025"}:
            expected |= {(key, int(year)) for year in set(a) | set(b) if a.get(year) != b.get(year)}
        elif a != b:
            expected.add((key, None))
    assert {(f["key"], f["year"]) for f in comparison["facts"]} == expected
    tax = next(f for f in comparison["facts"] if f["key"] == "online_tax_share")
    assert (tax["old"]["en"], tax["new"]["en"]) == ("2.9%", "3.2%")
    share = next(f for f in comparison["facts"] if f["key"] == "online_operator_share")
    assert share["new"]["zh"] == "16.73%（3120/18650）"


def test_same_file_twice_changes_nothing():
    same = compare(example(NEW), example(NEW))
    assert same["total"]["delta"] == 0 and same["facts"] == []
    assert all(ind["delta"] == 0 and not ind["changed_items"] for ind in same["indicators"])


def test_cli_text_and_json():
    done = run("compare", str(EXAMPLES / OLD), str(EXAMPLES / NEW))
    assert done.returncode == 0, done.stderr
    assert "总分 85 → 97（+12）/ 100  合格 → 合格" in done.stdout
    assert "33.2 达标 → 未达标  1 → 0（−1）/ 1" in done.stdout
    assert "指标8 电子商务纳税额占地区总税收额比重：2.9% → 3.2%" in done.stdout
    done = run("compare", "--lang", "en", str(EXAMPLES / OLD), str(EXAMPLES / NEW))
    assert (
        "Total 85 → 97 (+12) / 100  PASS → PASS" in done.stdout and "16.1 not met → met  0 → 3 (+3) / 3" in done.stdout
    )
    shape = json.loads(run("compare", "--json", str(EXAMPLES / OLD), str(EXAMPLES / NEW)).stdout)
    assert shape["format"] == "pinglu-online-market-comparison"
    assert {"old", "new", "delta"} <= set(shape["indicators"][15]) and shape["indicators"][15]["delta"] == 3


def test_bad_files_are_refused_like_score(tmp_path):
    broken = tmp_path / "broken.json"
    broken.write_text('{"format": ', encoding="utf-8")
    done = run("compare", str(broken), str(EXAMPLES / NEW))
    assert done.returncode == 2 and "不是有效的JSON" in done.stderr and "Traceback" not in done.stderr
    done = run("--lang", "en", "compare", str(EXAMPLES / NEW), str(tmp_path / "missing.json"))
    assert done.returncode == 2 and "cannot read" in done.stderr and "Traceback" not in done.stderr

    report = tmp_path / "report.json"  # a score report is JSON, but not an assessment
    report.write_text(run("score", "--json", str(EXAMPLES / NEW)).stdout, encoding="utf-8")
    done = run("compare", str(EXAMPLES / OLD), str(report))
    assert done.returncode == 1 and "无法比较" in done.stdout and "这不是本站的评估文件" in done.stdout
    assert "总分" not in done.stdout  # nothing compared against a file that is not an assessment
    done = run("--lang", "en", "compare", "--json", str(EXAMPLES / OLD), str(report))
    refused = json.loads(done.stdout)
    assert done.returncode == 1 and refused["refused"] is True and refused["indicators"] == []
    assert refused["files"]["new"]["problems"][0]["code"] == "wrong-format"

    invalid = example(NEW)
    invalid["facts"]["online_tax_share"] = {"percent": 140}
    bad_value = tmp_path / "invalid.json"
    bad_value.write_text(json.dumps(invalid), encoding="utf-8")
    done = run("compare", str(EXAMPLES / OLD), str(bad_value))
    assert done.returncode == 1 and "不能超过100%" in done.stdout and "总分 85 →" in done.stdout


def test_api_answers_json_and_never_raises():
    answer = json.loads(
        compare_json((EXAMPLES / OLD).read_text(encoding="utf-8"), (EXAMPLES / NEW).read_text(encoding="utf-8"))
    )
    assert answer["total"]["delta"] == 12
    refused = json.loads(compare_json("not json", (EXAMPLES / NEW).read_text(encoding="utf-8")))
    assert refused["refused"] is True and refused["files"]["old"]["problems"][0]["code"] == "not-json"
    assert refused["files"]["new"]["problems"] == [] and refused["indicators"] == []


@pytest.mark.parametrize(
    "hostile",
    [
        "null",
        "[]",
        '"text"',
        "[" * 100000 + "]" * 100000,
        " " * 2_000_001,
        json.dumps({"format": "pinglu-online-market-assessment", "version": 1, "years": "x", "facts": []}),
        json.dumps(
            {
                "format": "pinglu-online-market-assessment",
                "version": 1,
                "years": [2024, 2025],
                "facts": {"online_retail_growth": {"2024": {"percent": "abc"}}, "new_large_operators": [None, 3]},
            }
        ),
    ],
)
def test_api_answers_hostile_files_with_problems_not_exceptions(hostile):
    good = (EXAMPLES / NEW).read_text(encoding="utf-8")
    for old_text, new_text in ((hostile, good), (good, hostile)):
        answer = json.loads(compare_json(old_text, new_text))
        assert answer["valid"] is False
        side = "old" if old_text is hostile else "new"
        assert answer["files"][side]["problems"] and all(
            p["message"]["zh"] and p["message"]["en"] for p in answer["files"][side]["problems"]
        )
