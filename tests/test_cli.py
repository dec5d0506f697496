"""python -m calc: text and JSON output, exit codes."""

import json
import subprocess
import sys

from tests.calc_helpers import EXAMPLES, ROOT, run_cli


def run(*args, stdin=None):
    return subprocess.run([sys.executable, "-m", "calc", *args], cwd=ROOT, capture_output=True, text=True, input=stdin)


def test_score_text_and_json():
    done = run("score", str(EXAMPLES / "county-exactly-85.json"))
    assert done.returncode == 0 and "总分 85/100  合格" in done.stdout
    done = run("--lang", "en", "score", "--json", str(EXAMPLES / "county-exactly-85.json"))
    report = json.loads(done.stdout)
    assert report["total"] == 85 and report["passed"] is True
    category = report["categories"][0]
    assert {"name", "score", "max", "rate", "passed"} <= set(category)
    item = report["indicators"][16]["items"][0]
    assert {"id", "score", "max", "explanation"} <= set(item) and item["explanation"]["en"]
    assert "gap" in report


def test_require_pass_exit_code():
    assert run("score", "--require-pass", str(EXAMPLES / "unit-market-regulation.json")).returncode == 3


def test_invalid_input_exits_one_with_messages(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text(
        json.dumps(
            {
                "format": "pinglu-online-market-assessment",
                "version": 1,
                "years": [2024, 2025],
                "facts": {"online_tax_share": {"percent": 140}},
            }
        ),
        encoding="utf-8",
    )
    done = run("validate", str(bad))
    assert done.returncode == 1 and "不能超过100%" in done.stdout
    done = run("--lang", "en", "validate", "--json", str(bad))
    assert json.loads(done.stdout)["valid"] is False


def test_unreadable_and_non_json_files_exit_two(tmp_path):
    broken = tmp_path / "broken.json"
    broken.write_text('{"format": ', encoding="utf-8")
    done = run("score", str(broken))
    assert done.returncode == 2 and "不是有效的JSON" in done.stderr and "Traceback" not in done.stderr
    assert run("score", str(tmp_path / "missing.json")).returncode == 2


def test_template_and_merge_round_trip(tmp_path):
    a, b = tmp_path / "tax.json", tmp_path / "stats.json"
    assert run("template", "--unit", "taxation", "--years", "2024", "2025", "-o", str(a)).returncode == 0
    blank = json.loads(a.read_text(encoding="utf-8"))
    blank["facts"]["online_tax_share"] = {"percent": 4}
    a.write_text(json.dumps(blank), encoding="utf-8")
    other = dict(blank, facts={**blank["facts"], "online_tax_share": {"percent": 5}})
    b.write_text(json.dumps(other), encoding="utf-8")
    out = tmp_path / "county.json"
    done = run("merge", str(a), str(b), "-o", str(out))
    assert done.returncode == 4 and "不一致" in done.stdout
    assert "online_tax_share" not in json.loads(out.read_text(encoding="utf-8"))["facts"]
    assert run("template", "--unit", "nobody").returncode == 2


def test_show_prints_an_indicators_source_sentences_beside_its_rules():
    """`python -m calc show 17`: what a reader checking indicator 17 needs, from the compiled rules."""
    from calc.ruleset import default_ruleset

    ind = default_ruleset().indicators[17]
    code, out, _ = run_cli("show", "17")
    assert code == 0
    for item in ind["items"]:
        assert item["source"]["zh"] in out and item["description"]["zh"][0]["text"] in out
    assert "data/indicators/17.yaml" in out and "data/worked_examples/17.yaml" in out
    code, out, _ = run_cli("--lang", "en", "show", "17")
    assert "17.1 (1 point, rule kind threshold)" in out and ind["items"][0]["source"]["en"] in out
    code, _, err = run_cli("show", "42")
    assert code == 2 and "1–41" in err
