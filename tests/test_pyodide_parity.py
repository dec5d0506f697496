"""The browser runs the same scoring core as CPython, by both of the page's paths.

The runtime the site build writes (hooks/pyodide_assets.write_runtime: Pyodide, the calc wheel from
`pip wheel`, the site's pyodide-lock.json from pyodide-build, the memory snapshot) is written into a
temporary directory. Node loads it with `fetch` replaced by a function that refuses and records every
call, and answers through docs/assets/javascripts/engine/engine.js — the module the page's worker uses —
once from the snapshot and once through the lock (loadPackage, sha256 checked). Every answer must equal
CPython's calc.api answer for the same input.

The snapshot relies on Pyodide's underscore API (_makeSnapshot, makeMemorySnapshot, _loadSnapshot; see
snapshot.js): if an upgrade of Pyodide breaks it, building the runtime or the snapshot run fails here.
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
from hooks.calc_package import build_calc_wheel
from hooks.pyodide_assets import PYODIDE_DIR, source_hash, write_runtime

ROOT = Path(__file__).resolve().parent.parent
ENGINE = ROOT / "docs" / "assets" / "javascripts" / "engine" / "engine.js"
SCRIPT = ROOT / "tests" / "node" / "parity.mjs"
EXAMPLES = sorted((ROOT / "examples").glob("*.json"))

pytestmark = pytest.mark.skipif(
    shutil.which("node") is None or not (PYODIDE_DIR / "pyodide.mjs").exists(),
    reason="needs node and node_modules/pyodide (npm ci)",
)


def _fixtures() -> dict[str, str]:
    """Extra inputs beside the examples: edge cases of reading, rates, boundaries and refusals."""
    county = json.loads((ROOT / "examples" / "county-complete.json").read_text(encoding="utf-8"))
    out: dict[str, str] = {
        "not-json": '{"format": "pinglu-online-market-assessment", ',
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
        return api.score_page_json(payload)  # engine.js's "score" is what the pages draw
    if op == "validate":
        return api.validate_json(payload)
    if op == "merge":
        return api.merge_json(json.dumps(payload))
    if op == "template":
        return api.template_json(payload["unit"], payload["first_year"])
    raise AssertionError(op)


@pytest.fixture(scope="module")
def runtime(tmp_path_factory):
    """The runtime exactly as the build writes it (cached by content hash, so usually only copied)."""
    site = tmp_path_factory.mktemp("pyodide-runtime")
    manifest = write_runtime(site, snapshot=True)
    return {"dir": site / "assets" / "pyodide", "manifest": manifest}


@pytest.fixture(scope="module", params=["snapshot", "runtime"])
def pyodide_run(request, runtime, tmp_path_factory):
    tmp = tmp_path_factory.mktemp(f"pyodide-parity-{request.param}")
    base = runtime["dir"]
    snapshot = str(base / runtime["manifest"]["snapshot"]["file"]) if request.param == "snapshot" else "-"
    requests = _requests()
    request_file = tmp / "requests.json"
    request_file.write_text(
        json.dumps([{"op": op, "payload": payload} for _, op, payload in requests], ensure_ascii=False),
        encoding="utf-8",
    )
    proc = subprocess.run(
        ["node", str(SCRIPT), str(base), str(ENGINE), str(base / "pyodide-lock.json"), snapshot, str(request_file)],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=tmp,
    )
    assert proc.returncode == 0, proc.stderr[-4000:]
    wheel = base / runtime["manifest"]["wheel"]
    return {"path": request.param, "wheel": wheel, "requests": requests, "out": json.loads(proc.stdout)}


def test_nothing_reached_for_the_network(pyodide_run):
    assert pyodide_run["out"]["network_attempts"] == []
    assert pyodide_run["out"]["version"] == json.loads((PYODIDE_DIR / "package.json").read_text())["version"]


def test_same_source_and_ruleset_as_the_build(pyodide_run):
    assert pyodide_run["out"]["source_hash"] == source_hash()
    assert pyodide_run["out"]["digest"] == api.ruleset_digest()
    # The path that ran is the one asked for: a snapshot that Pyodide ignored would start a Python
    # without calc (its files are not in the snapshot) and fail above.
    assert pyodide_run["out"]["path"] == pyodide_run["path"]
    expected = ["python", "ready"] if pyodide_run["path"] == "snapshot" else ["python", "calc", "ready"]
    assert pyodide_run["out"]["stages"] == expected


def test_the_site_lock_lists_calc_with_the_sha256_of_the_shipped_wheel(runtime):
    lock = json.loads((runtime["dir"] / "pyodide-lock.json").read_text(encoding="utf-8"))
    npm_lock = json.loads((PYODIDE_DIR / "pyodide-lock.json").read_text(encoding="utf-8"))
    entry = lock["packages"]["pinglu-assessment"]
    wheel = runtime["dir"] / entry["file_name"]
    assert entry["imports"] == ["calc"] and entry["depends"] == []
    assert entry["sha256"] == hashlib.sha256(wheel.read_bytes()).hexdigest() == runtime["manifest"]["wheel_sha256"]
    assert entry["file_name"] == runtime["manifest"]["wheel"]
    # The spreadsheet engine's wheels (requirements-browser-wheels.txt), each with the sha256 of the file served.
    for name, imports in (("openpyxl", ["openpyxl"]), ("et-xmlfile", ["et_xmlfile"])):
        sheet = lock["packages"][name]
        assert sheet["imports"] == imports and sheet["file_name"].startswith("packages/xlsx/")
        assert sheet["sha256"] == hashlib.sha256((runtime["dir"] / sheet["file_name"]).read_bytes()).hexdigest()
    assert lock["packages"]["openpyxl"]["depends"] == ["et-xmlfile"]
    # Everything else is Pyodide's own lock, unchanged.
    ours = {"pinglu-assessment", "openpyxl", "et-xmlfile"}
    assert {k: v for k, v in lock["packages"].items() if k not in ours} == npm_lock["packages"]
    assert lock["info"] == npm_lock["info"]


def test_calc_imports_only_at_module_level():
    """On the snapshot path the standard library is not there (snapshot.js): every module calc uses must
    be imported when calc is, not later inside a function."""
    import ast

    late = []
    for path in sorted((ROOT / "calc").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        top = {id(node) for node in tree.body}
        # `if TYPE_CHECKING:` imports never run; they only name types for the type checker.
        typing_only = {
            id(inner)
            for node in tree.body
            if isinstance(node, ast.If) and isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING"
            for inner in ast.walk(node)
        }
        late += [
            f"{path.name}:{node.lineno}"
            for node in ast.walk(tree)
            if isinstance(node, (ast.Import, ast.ImportFrom)) and id(node) not in top | typing_only
        ]
    assert late == []


def test_the_snapshot_in_the_manifest_is_the_file_shipped(runtime):
    info = runtime["manifest"]["snapshot"]
    data = (runtime["dir"] / info["file"]).read_bytes()
    assert len(data) == info["size"] and hashlib.sha256(data).hexdigest() == info["sha256"]
    assert [p.name for p in runtime["dir"].glob("snapshot-*.bin")] == [info["file"]]
    with zipfile.ZipFile(runtime["dir"] / info["stdlib"]) as empty:
        assert empty.namelist() == []
    # Packed (snapshot.js): free memory zeroed, the .wasm's data image XORed away, the zero pages left out,
    # so the file is far smaller than the memory.
    assert data[:8] == b"PLSNAP02"
    memory_size = int.from_bytes(data[8:12], "little")
    assert len(data) < 0.5 * memory_size, (len(data), memory_size)


PACK_CHECK = """
import { packSnapshot, unpackSnapshot, dataSegments } from %s;
const page = 65536;
// A .wasm with a data section: segment 0 (active, at address 16, four bytes), a passive one, and segment 2
// (active, at address 2 * 65536 + 4, two bytes).
const wasm = new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 11, 23, 3,
  0, 0x41, 16, 0x0b, 4, 9, 8, 7, 6,
  1, 2, 0xaa, 0xbb,
  0, 0x41, 0x84, 0x80, 0x08, 0x0b, 2, 5, 5]);
// Pyodide's header (here 8 bytes, then the memory), zero pages in the middle and at the end, data in a last
// page shorter than a whole one; the image as the .wasm wrote it, but for one byte changed since.
const memory = new Uint8Array(5 * page + 100);
memory.set([0, 0x73, 0x6e, 0x70, 8, 0, 0, 0]);
memory.set([9, 8, 7, 1], 8 + 16);
memory.set([5, 5], 8 + 2 * page + 4);
memory[3 * page + 7] = 2; memory[5 * page + 99] = 3;
const packed = packSnapshot(memory, wasm);
const back = unpackSnapshot(packed, wasm);
const same = back.length === memory.length && back.every((b, i) => b === memory[i]);
const otherWasm = new Uint8Array(wasm); otherWasm[16] = 1;
const refusals = [
  new Uint8Array(40), packed.subarray(0, packed.length - 1), new Uint8Array([...packed, 0]), new Uint8Array(8),
].map((bad, i) => {
  try { unpackSnapshot(bad, i === 3 ? new Uint8Array(8) : wasm); return "accepted"; } catch (error) { return String(error.message); }
});
const withOtherWasm = unpackSnapshot(packed, otherWasm).every((b, i) => b === memory[i]);
console.log(JSON.stringify({ same, packed: packed.length, refusals, withOtherWasm, segments: dataSegments(wasm) }));
"""


def test_the_snapshot_packing_keeps_every_byte_and_refuses_a_damaged_file(tmp_path):
    script = tmp_path / "pack.mjs"
    module = ROOT / "docs" / "assets" / "javascripts" / "engine" / "snapshot.js"
    script.write_text(PACK_CHECK % json.dumps(module.as_uri()), encoding="utf-8")
    out = json.loads(subprocess.run(["node", str(script)], capture_output=True, text=True, check=True).stdout)
    assert out["same"] is True
    # Page 2 held only the image (zeros once XORed), pages 1 and 4 zeros: pages 0 (Pyodide's header, and
    # a byte of segment 0 changed since the .wasm wrote it), 3 and 5 are kept.
    assert 2 * 65536 + 100 < out["packed"] < 2 * 65536 + 200
    assert out["segments"] == [{"address": 16, "start": 16, "length": 4}, {"address": 131076, "start": 31, "length": 2}]
    assert "not a packed snapshot" in out["refusals"][0]
    assert "truncated" in out["refusals"][1] and "too many" in out["refusals"][2]
    assert "not a packed snapshot" in out["refusals"][3]
    # Unpacked with another .wasm, the memory is not the one packed: the snapshot fits its own .wasm only.
    assert out["withOtherWasm"] is False


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
    assert wheel.name.startswith("pinglu_assessment-") and wheel.name.endswith("-py3-none-any.whl")
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
    with zipfile.ZipFile(wheel) as archive:
        metadata = archive.read(f"{dist_info}/METADATA").decode("utf-8")
        entry_points = archive.read(f"{dist_info}/entry_points.txt").decode("utf-8")
    assert "Name: pinglu-assessment" in metadata and "Requires-Python: >=3.11" in metadata
    assert "pinglu-assessment = calc.cli:main" in entry_points.replace("=", " = ").replace("  ", " ")
    # Same sources, same bytes: the build is reproducible.
    again = build_calc_wheel(wheel.parent.parent / "again")
    assert again.read_bytes() == wheel.read_bytes()
