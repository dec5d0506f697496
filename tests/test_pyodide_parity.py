"""The browser runs the same scoring core as CPython.

Node loads the vendored Pyodide (node_modules/pyodide) with `fetch` replaced by a function that refuses
and records every call, installs the wheel that the site build makes (same function as the mkdocs hook,
written to a temporary directory), and answers through docs/assets/javascripts/selfscore/engine.js — the
module the page's worker uses. Every answer must equal CPython's calc.api answer for the same input.
"""
from __future__ import annotations

import base64
import copy
import hashlib
import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from calc import api
from hooks.pyodide_assets import PYODIDE_DIR, build_wheel, source_hash

ROOT = Path(__file__).resolve().parent.parent
ENGINE = ROOT / "docs" / "assets" / "javascripts" / "selfscore" / "engine.js"
SCRIPT = ROOT / "tests" / "node" / "parity.mjs"
EXAMPLES = sorted((ROOT / "examples").glob("*.json"))

pytestmark = pytest.mark.skipif(shutil.which("node") is None or not (PYODIDE_DIR / "pyodide.mjs").exists(),
                                reason="needs node and node_modules/pyodide (npm ci)")


def _fixtures() -> dict[str, str]:
    """Extra inputs beside the examples: edge cases of reading, rates, boundaries and refusals."""
    county = json.loads((ROOT / "examples" / "county-complete.json").read_text(encoding="utf-8"))
    out: dict[str, str] = {
        "not-json": "{\"format\": \"pinglu-online-market-assessment\", ",
        "foreign-json": json.dumps({"name": "some other file", "items": [1, 2, 3]}),
        "empty-text": "",
        "json-array": "[1, 2]",
        "blank-county": api.template_json(None, 2024),
        "blank-unit": api.template_json("market-regulation", 2024),
    }
    zero = copy.deepcopy(county)
    zero["facts"]["online_operator_share"] = {"numerator": 0, "denominator": 0}
    zero["facts"]["training_coverage_rate"] = {"numerator": 5, "denominator": 0}
    out["zero-denominators"] = json.dumps(zero, ensure_ascii=False)
    strings = copy.deepcopy(county)
    strings["facts"]["online_tax_share"] = {"percent": "３．２%"}
    strings["facts"]["online_employment_share"] = {"numerator": "5,400", "denominator": " 142000 "}
    strings["region"] = "west"
    out["strings-and-region"] = json.dumps(strings, ensure_ascii=False)
    bad = copy.deepcopy(county)
    bad["facts"]["online_tax_share"] = {"percent": "abc"}
    bad["facts"]["12.1"] = "yes"
    bad["years"] = [2025, 2027]
    out["invalid-values"] = json.dumps(bad, ensure_ascii=False)
    low = copy.deepcopy(county)
    for key, value in low["facts"].items():
        if value is True:
            low["facts"][key] = False
    out["failing-county"] = json.dumps(low, ensure_ascii=False)
    return out


_NAMED = [{"name": path.name, "text": path.read_text(encoding="utf-8")} for path in EXAMPLES]
MERGE_REQUESTS = [
    ("merge examples", "merge", _NAMED),
    ("merge with broken", "merge", _NAMED[:1] + [{"name": "broken.json", "text": "{"}]),
]


def _requests() -> list[tuple[str, str, object]]:
    inputs = {path.name: path.read_text(encoding="utf-8") for path in EXAMPLES}
    inputs.update(_fixtures())
    requests: list[tuple[str, str, object]] = []
    for name, text in inputs.items():
        requests.append((f"score {name}", "score", text))
        requests.append((f"validate {name}", "validate", text))
    requests.extend(MERGE_REQUESTS)
    requests.append(("template county", "template", {"unit": None, "first_year": 2023}))
    requests.append(("template unit", "template", {"unit": "statistics", "first_year": 2024}))
    return requests


def _cpython(op: str, payload: object) -> str:
    if op == "score":
        return api.score_json(payload)
    if op == "validate":
        return api.validate_json(payload)
    if op == "merge":
        return api.merge_json(json.dumps(payload))
    if op == "template":
        return api.template_json(payload["unit"], payload["first_year"])
    raise AssertionError(op)


@pytest.fixture(scope="module")
def pyodide_run(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("pyodide-parity")
    wheel = build_wheel(tmp / "wheel")
    requests = _requests()
    request_file = tmp / "requests.json"
    request_file.write_text(json.dumps([{"op": op, "payload": payload} for _, op, payload in requests],
                                       ensure_ascii=False), encoding="utf-8")
    proc = subprocess.run(["node", str(SCRIPT), str(PYODIDE_DIR), str(ENGINE), str(wheel), str(request_file)],
                          capture_output=True, text=True, timeout=300, cwd=tmp)
    assert proc.returncode == 0, proc.stderr[-4000:]
    return {"wheel": wheel, "requests": requests, "out": json.loads(proc.stdout)}


def test_nothing_reached_for_the_network(pyodide_run):
    assert pyodide_run["out"]["network_attempts"] == []
    assert pyodide_run["out"]["version"] == json.loads((PYODIDE_DIR / "package.json").read_text())["version"]


def test_same_source_and_ruleset_as_the_build(pyodide_run):
    assert pyodide_run["out"]["source_hash"] == source_hash()
    assert pyodide_run["out"]["digest"] == api.ruleset_digest()
    assert pyodide_run["out"]["stages"] == ["python", "calc", "ready"]


def test_every_example_and_fixture_answers_exactly_as_cpython(pyodide_run):
    results = pyodide_run["out"]["results"]
    assert len(results) == len(pyodide_run["requests"])
    differing = []
    for (label, op, payload), browser in zip(pyodide_run["requests"], results):
        if op == "merge":
            continue  # test_merge_answers_exactly_as_cpython
        if json.loads(browser) != json.loads(_cpython(op, payload)):
            differing.append(label)
    assert differing == []
    # The comparison is not vacuous: the examples score, and the refusals are refusals.
    by_label = {label: json.loads(text) for (label, _, _), text in zip(pyodide_run["requests"], results)}
    assert by_label["score county-complete.json"]["report"]["total"] > 85
    assert by_label["score county-exactly-85.json"]["report"]["total"] == 85
    assert by_label["score not-json"]["ok"] is False
    assert by_label["score foreign-json"]["ok"] is False
    assert by_label["score failing-county"]["report"]["passed"] is False


def test_merge_answers_exactly_as_cpython(pyodide_run):
    labels = [label for label, _, _ in MERGE_REQUESTS]
    by_label = dict(zip([label for label, _, _ in pyodide_run["requests"]], pyodide_run["out"]["results"]))
    for label, op, payload in MERGE_REQUESTS:
        expected = json.loads(_cpython(op, payload))
        assert json.loads(by_label[label]) == expected, label
    assert labels


def test_wheel_is_a_valid_pure_python_wheel(pyodide_run):
    wheel = pyodide_run["wheel"]
    assert wheel.name.startswith("calc-") and wheel.name.endswith("-py3-none-any.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        dist_info = next(n.split("/")[0] for n in names if n.endswith(".dist-info/WHEEL"))
        record = archive.read(f"{dist_info}/RECORD").decode("utf-8").splitlines()
        assert "Root-Is-Purelib: true" in archive.read(f"{dist_info}/WHEEL").decode()
        assert "calc/ruleset.json" in names and "calc/api.py" in names
        listed = {line.split(",")[0] for line in record}
        assert listed == set(names)
        for line in record:
            name, digest, size = line.split(",")
            if name.endswith("RECORD"):
                continue
            data = archive.read(name)
            assert int(size) == len(data)
            expected = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
            assert digest == f"sha256={expected}"
    # Same sources, same bytes: the build is reproducible.
    again = build_wheel(wheel.parent / "again")
    assert again.read_bytes() == wheel.read_bytes()
