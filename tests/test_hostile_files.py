"""Hostile and clumsy files (tests/hostile/, each a kind of fault seen in use) through every command of
`python -m calc`: never a traceback, always a message in the user's language, and one verdict per file
that every command agrees on. tests/test_selfscore_hostile.py sends the same files through the page.

The verdicts, as a reader of each file would expect them:
- unreadable: not UTF-8, not JSON, NaN, too large, nested too deep, a number out of range, half a character
  pair: refused before anything is checked (exit 2);
- not an assessment: another format or version, not an object, facts or evidence not a mapping: refused,
  nothing scored (exit 1, `opened: false`);
- opened with problems: the faulty entries are left out and named, the rest is scored (exit 1);
- valid: scored (exit 0).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from calc_helpers import run_cli as run

from calc import cli
from calc.reading import MAX_DEPTH, MAX_INPUT_BYTES, Refused, nesting_depth, parse

HOSTILE = Path(__file__).resolve().parent / "hostile"
EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "county-complete.json"

UNREADABLE = {
    "binary-garbage.json",
    "empty.json",
    "fact-nested-100000.json",
    "gbk-encoded.json",
    "integer-5000-digits.json",
    "lone-surrogate.json",
    "meta-nested-40.json",
    "nan-literal.json",
    "not-json.json",
    "number-1e309.json",
}
NOT_AN_ASSESSMENT = {
    "evidence-list.json",
    "facts-list.json",
    "top-level-list.json",
    "top-level-null.json",
    "version-2.json",
    "version-true.json",
    "wrong-format.json",
}
VALID = {"duplicate-keys.json", "fullwidth-digits.json", "utf8-bom.json"}
FILES = sorted(p.name for p in HOSTILE.glob("*.json"))
PYTHON_WORDS = ("None", "True", "False", "Traceback", "{'")


def verdict(name: str) -> str:
    if name in UNREADABLE:
        return "unreadable"
    if name in NOT_AN_ASSESSMENT:
        return "not-an-assessment"
    return "valid" if name in VALID else "problems"


def test_every_corpus_file_has_an_expected_verdict():
    assert len(FILES) >= 30
    assert UNREADABLE | NOT_AN_ASSESSMENT | VALID <= set(FILES)


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("name", FILES)
def test_every_command_gives_one_verdict_in_plain_words(name, lang):
    path = str(HOSTILE / name)
    expected = verdict(name)
    code, out, err = run("--lang", lang, "score", "--json", path)
    assert "Traceback" not in err and code != cli.EXIT_INTERNAL, err
    if expected == "unreadable":
        assert code == cli.EXIT_USAGE and out == ""
        message = err
    else:
        report = json.loads(out)
        assert report["valid"] is (expected == "valid")
        assert report.get("opened", True) is (expected != "not-an-assessment")
        assert ("total" in report) is (expected != "not-an-assessment")
        assert code == (cli.EXIT_OK if expected == "valid" else cli.EXIT_INVALID)
        message = " ".join(p["message"][lang] for p in report["problems"])
    if expected != "valid":
        assert message.strip(), "a refusal without a word"
        for word in PYTHON_WORDS:
            assert word not in message, f"{word!r} in {message!r}"
        if lang == "zh":
            assert any("\u4e00" <= ch <= "\u9fff" for ch in message)

    # validate, the text report, merge and compare say the same of the file
    code_validate, out_validate, err_validate = run("--lang", lang, "validate", "--json", path)
    assert "Traceback" not in err_validate
    if expected == "unreadable":
        assert code_validate == cli.EXIT_USAGE
    else:
        checked = json.loads(out_validate)
        assert checked["valid"] is (expected == "valid") and checked["opened"] is (expected != "not-an-assessment")
    code_text, _, err_text = run("--lang", lang, "score", path)
    assert code_text == code and "Traceback" not in err_text
    code_merge, out_merge, err_merge = run("--lang", lang, "merge", "--json", str(EXAMPLE), path)
    assert "Traceback" not in err_merge and code_merge in (cli.EXIT_OK, cli.EXIT_INVALID, cli.EXIT_CONFLICTS)
    merged = json.loads(out_merge)
    assert bool([p for p in merged["problems"] if p["source"] == Path(name).stem]) is (expected != "valid")
    code_compare, out_compare, err_compare = run("--lang", lang, "compare", "--json", str(EXAMPLE), path)
    assert "Traceback" not in err_compare
    if expected == "unreadable":
        assert code_compare == cli.EXIT_USAGE
    else:
        assert json.loads(out_compare)["refused"] is (expected == "not-an-assessment")


def test_a_file_over_the_size_limit_is_refused_without_reading_it_all(tmp_path):
    big = tmp_path / "30mb.json"
    with big.open("wb") as handle:
        handle.write(b'{"format": "pinglu-online-market-assessment", "version": 1, "evidence": {"1": "')
        handle.write(b"x" * 30_000_000)
        handle.write(b'"}}')
    for lang, words in (("zh", "MB"), ("en", "larger than")):
        code, out, err = run("--lang", lang, "score", str(big))
        assert code == cli.EXIT_USAGE and words in err and "Traceback" not in err


def test_scope_and_years_faults_leave_the_rest_scored():
    """A unit id the plan does not know (or not text) reads as the county, as on the page; years the rules
    cannot use leave the per-year figures unscored, and say so on the years field."""
    for name in ("unit-constructor.json", "unit-proto.json", "unit-list.json"):
        report = json.loads(run("score", "--json", str(HOSTILE / name))[1])
        assert report["scope"]["kind"] == "county"
        assert [p["field"] for p in report["problems"]] == ["scope/unit"]
    complete = json.loads(run("score", "--json", str(EXAMPLE))[1])
    for name in ("years-strings.json", "years-object.json", "years-three.json", "years-missing.json"):
        report = json.loads(run("score", "--json", str(HOSTILE / name))[1])
        assert [p["field"] for p in report["problems"]] == ["years"]
        assert report["total"] < complete["total"]


def test_limits_are_exact():
    assert nesting_depth("[" * (MAX_DEPTH + 5) + "]" * (MAX_DEPTH + 5)) == MAX_DEPTH + 5
    assert nesting_depth("[[]]" * MAX_DEPTH) == 2
    parse("[" * MAX_DEPTH + "]" * MAX_DEPTH)
    with pytest.raises(Refused):
        parse("[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1))
    # brackets inside strings, escaped quotes and escaped backslashes do not count
    inside = '["' + "[" * 100 + '\\"' + "{" * 100 + '\\\\"]'
    assert nesting_depth(inside) == 1 and parse(inside) == ["[" * 100 + '"' + "{" * 100 + "\\"]
    assert nesting_depth('["\\\\", ' + "[" * 40 + "]" * 40 + "]") == 41
    assert parse("1000000000000000") == 10**15
    for text in ("1000000000000001", "-1e16", "1e309", "NaN", "-Infinity"):
        with pytest.raises(Refused):
            parse(text)
    assert parse(" " * (MAX_INPUT_BYTES - 2) + "{}") == {}
    with pytest.raises(Refused):
        parse(" " * (MAX_INPUT_BYTES - 1) + "{}")
