"""The build's answers for the blank form of every first year the year box offers (calc.contract.YEARS):
form.json holds them as one template and a few patches (hooks/known_answers.py), and the page rebuilds the
year's answer with docs/assets/javascripts/selfscore/known.js. Run here under Node on the file the site
ships, for all of those years, against CPython's calc.api.score_page_json for each blank form; the page
must find no known answer for anything else (another year, a fact filled in, years that are not a pair)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from calc.api import score_page_json
from calc.contract import YEARS
from hooks.known_answers import answer_for, blank_input, known_answers
from hooks.pyodide_assets import form_data

KNOWN = Path(__file__).resolve().parent.parent / "docs" / "assets" / "javascripts" / "selfscore" / "known.js"
FIRSTS = range(YEARS[0], YEARS[1] + 1)

needs_node = pytest.mark.skipif(shutil.which("node") is None, reason="needs node")

# For each case: whether known.js finds an answer for its data, and whether that is calc's (canonical JSON).
HARNESS = """
import fs from "node:fs";
const { blankAnswerFor } = await import(%s);
const { canonicalJson } = await import(%s);
const { known, cases } = JSON.parse(fs.readFileSync(%s, "utf8"));
const out = cases.map(({ data, calc }) => {
  const answer = blankAnswerFor(known, data);
  return { found: answer !== null, same: answer !== null && calc !== null && canonicalJson(answer) === canonicalJson(JSON.parse(calc)) };
});
process.stdout.write(JSON.stringify(out));
"""


@pytest.fixture(scope="module")
def blank() -> dict:
    return form_data()["blank"]


@pytest.fixture(scope="module")
def known(blank) -> dict:
    return known_answers(blank)


def run_known_js(tmp_path: Path, known: dict, cases: list[dict]) -> list[dict]:
    payload = tmp_path / "cases.json"
    payload.write_text(json.dumps({"known": known, "cases": cases}, ensure_ascii=False), encoding="utf-8")
    store = KNOWN.parent.parent / "engine" / "store.js"
    program = HARNESS % (json.dumps(KNOWN.as_uri()), json.dumps(store.as_uri()), json.dumps(str(payload)))
    proc = subprocess.run(["node", "--input-type=module", "-e", program], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def every_year(blank: dict) -> list[dict]:
    return [
        {"data": blank_input(blank, first), "calc": score_page_json(json.dumps(blank_input(blank, first)))}
        for first in FIRSTS
    ]


def check_every_year(tmp_path: Path, known: dict, blank: dict) -> None:
    results = run_known_js(tmp_path, known, every_year(blank))
    assert [first for first, r in zip(FIRSTS, results) if not r["found"]] == []
    assert [first for first, r in zip(FIRSTS, results) if not r["same"]] == []


@needs_node
def test_known_js_gives_calcs_answer_for_the_blank_form_of_every_year(tmp_path, known, blank):
    assert known["first_years"] == list(YEARS) and len(FIRSTS) == 100
    check_every_year(tmp_path, known, blank)


@needs_node
def test_known_js_finds_no_answer_for_anything_else(tmp_path, known, blank):
    shown = blank_input(blank, 2031)
    others = [
        {**blank, "years": [YEARS[0] - 1, YEARS[0]]},  # the year box refuses these
        {**blank, "years": [YEARS[1] + 1, YEARS[1] + 2]},
        {**blank, "years": [2031, 2033]},  # not a pair
        {**blank, "years": [2031]},
        {**blank, "years": ["2031", "2032"]},
        {key: value for key, value in shown.items() if key != "years"},
        {**shown, "region": "east"},
        {**shown, "facts": {"online_tax_share": {"percent": 3.5}}},
        {**shown, "extra": None},
        None,
        [],
    ]
    results = run_known_js(tmp_path, known, [{"data": data, "calc": None} for data in others])
    assert [r["found"] for r in results] == [False] * len(others)
    # Keys in another order are the same data.
    reordered = dict(reversed(list(shown.items())))
    [result] = run_known_js(tmp_path, known, [{"data": reordered, "calc": score_page_json(json.dumps(shown))}])
    assert result == {"found": True, "same": True}


def test_they_are_small_and_cpythons_rebuilding_agrees(known, blank):
    # One template and a patch for each group of years the national benchmarks set apart, not 100 answers.
    assert 1 <= len(known["patches"]) <= 10
    covered = [first for patch in known["patches"] for a, b in patch["years"] for first in range(a, b + 1)]
    assert len(covered) == len(set(covered))  # a year is in one patch at most
    assert len(json.dumps(known["patches"], ensure_ascii=False)) < len(json.dumps(known["answer"], ensure_ascii=False))
    for first in (YEARS[0], 2019, 2020, 2024, 2025, 2026, 2031, YEARS[1]):
        assert answer_for(known, first) == json.loads(score_page_json(json.dumps(blank_input(blank, first))))
    assert answer_for(known, YEARS[0] - 1) is None and answer_for(known, YEARS[1] + 1) is None


def test_the_build_fails_when_a_year_does_not_come_back_as_calcs(monkeypatch, blank):
    from hooks import known_answers as module

    monkeypatch.setattr(module, "_differences", lambda a, b, path, out: None)  # patches that change nothing
    with pytest.raises(ValueError, match=r"not calc's for the first years \[\[2019, 2025\]\]"):
        module.known_answers(blank)


@needs_node
def test_the_built_form_json_holds_them(tmp_path, built_site, blank):
    form = json.loads((built_site.dir / "assets" / "selfscore" / "form.json").read_text(encoding="utf-8"))
    assert "blank_answer" not in form
    assert form["blank"] == blank
    check_every_year(tmp_path, form["known_answers"], blank)
