"""MkDocs hook: ship the browser runtime of the self-scoring page with the built site.

After every build (on_post_build) this writes, under site/assets/:

- pyodide/  only the five files of the pinned npm package `pyodide` that the page needs
            (pyodide.mjs, pyodide.asm.mjs, pyodide.asm.wasm, python_stdlib.zip, pyodide-lock.json),
            copied from node_modules/pyodide, never fetched from a CDN;
- pyodide/calc-<version>-py3-none-any.whl  the scoring core `calc/` of the working tree as a wheel;
- pyodide/manifest.json  the wheel's file name, the ruleset digest and the source hash of calc/;
- selfscore/form.json    what the page needs to draw its form before Python has loaded (indicators,
                         facts with their kinds and labels, sub-items, units, benchmarks, categories),
                         taken from the same compiled ruleset that `calc` scores with.

Why the wheel is written with zipfile: `calc` is pure Python (standard library only), so a wheel is a
zip of the sources plus three metadata files (METADATA, WHEEL, RECORD). pyodide-build, the tool meant
for this, needs Python >= 3.12 and this project runs on 3.11, and its other commands need the internet;
nothing it would add applies to a pure-Python package. The page installs the wheel with
`pyodide.unpackArchive(bytes, "wheel")`, so no lock file change and no micropip (not in the npm
package) are needed.

`source_hash()` is also computed in the browser, over the installed files, and the page shows both; the
parity test (tests/test_pyodide_parity.py) checks that they agree.
"""
from __future__ import annotations

import base64
import csv
import hashlib
import io
import json
import logging
import shutil
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

PYODIDE_DIR = ROOT / "node_modules" / "pyodide"
PYODIDE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json")
CALC_DIR = ROOT / "calc"
WHEEL_BASE_VERSION = "1.0.0"
# A fixed timestamp so that the same sources always give the same wheel bytes.
ZIP_DATE = (1980, 1, 1, 0, 0, 0)

log = logging.getLogger("mkdocs.hooks.pyodide_assets")


def calc_source_files(calc_dir: Path = CALC_DIR) -> list[Path]:
    """The files that make up the scoring core: every module and the compiled ruleset."""
    files = sorted(calc_dir.glob("*.py")) + [calc_dir / "ruleset.json"]
    missing = [str(path) for path in files if not path.is_file()]
    if missing:
        raise FileNotFoundError(f"calc sources missing: {missing}")
    return sorted(files, key=lambda path: path.name)


def hash_sources(named: list[tuple[str, bytes]]) -> str:
    """sha256 over (name, length, bytes) of each file, in name order. The worker runs the same few
    lines in Pyodide over the installed package (worker.js, SOURCE_HASH_PY)."""
    digest = hashlib.sha256()
    for name, data in sorted(named):
        digest.update(name.encode("utf-8") + b"\n" + str(len(data)).encode("ascii") + b"\n" + data)
    return digest.hexdigest()


def source_hash(calc_dir: Path = CALC_DIR) -> str:
    return hash_sources([(path.name, path.read_bytes()) for path in calc_source_files(calc_dir)])


def wheel_version(src_hash: str) -> str:
    # The local version label carries the source hash, so the wheel's URL changes whenever calc/ does
    # and a browser cache can never serve an old scoring core.
    return f"{WHEEL_BASE_VERSION}+{src_hash[:12]}"


def _record_hash(data: bytes) -> str:
    return "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode("ascii")


def build_wheel(out_dir: Path, calc_dir: Path = CALC_DIR) -> Path:
    """Write calc-<version>-py3-none-any.whl into out_dir and return its path."""
    files = calc_source_files(calc_dir)
    version = wheel_version(source_hash(calc_dir))
    dist_info = f"calc-{version}.dist-info"
    entries: list[tuple[str, bytes]] = [(f"calc/{path.name}", path.read_bytes()) for path in files]
    metadata = (
        "Metadata-Version: 2.1\n"
        "Name: calc\n"
        f"Version: {version}\n"
        "Summary: Scoring core of the Pinglu online-market demonstration-zone self-assessment\n"
        "Requires-Python: >=3.11\n"
    )
    wheel = (
        "Wheel-Version: 1.0\n"
        "Generator: hooks/pyodide_assets.py\n"
        "Root-Is-Purelib: true\n"
        "Tag: py3-none-any\n"
    )
    entries.append((f"{dist_info}/METADATA", metadata.encode("utf-8")))
    entries.append((f"{dist_info}/WHEEL", wheel.encode("utf-8")))
    record = io.StringIO()
    writer = csv.writer(record, lineterminator="\n")
    for name, data in entries:
        writer.writerow([name, _record_hash(data), str(len(data))])
    writer.writerow([f"{dist_info}/RECORD", "", ""])
    entries.append((f"{dist_info}/RECORD", record.getvalue().encode("utf-8")))

    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / f"calc-{version}-py3-none-any.whl"
    for old in out_dir.glob("calc-*-py3-none-any.whl"):
        if old != path:
            old.unlink()
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return path


def copy_pyodide(out_dir: Path, source_dir: Path = PYODIDE_DIR) -> list[Path]:
    missing = [name for name in PYODIDE_FILES if not (source_dir / name).is_file()]
    if missing:
        raise FileNotFoundError(
            f"{source_dir} lacks {', '.join(missing)}: run `npm ci` (package-lock.json pins pyodide)")
    out_dir.mkdir(parents=True, exist_ok=True)
    copied = []
    for name in PYODIDE_FILES:
        target = out_dir / name
        source = source_dir / name
        if not target.exists() or target.stat().st_size != source.stat().st_size \
                or target.stat().st_mtime < source.stat().st_mtime:
            shutil.copy2(source, target)
        copied.append(target)
    return copied


def pyodide_version(source_dir: Path = PYODIDE_DIR) -> str:
    return json.loads((source_dir / "package.json").read_text(encoding="utf-8"))["version"]


def form_data() -> dict:
    """What the page draws its form from: the compiled ruleset (the same data calc scores with), plus
    for each indicator the units responsible for it with groups expanded, so a unit can filter."""
    from calc.ruleset import default_ruleset

    ruleset = default_ruleset()
    raw = ruleset.raw
    indicators = []
    for ind in raw["indicators"]:
        # The yes/no facts the sub-items' rule kinds imply, keyed by the sub-item id (one checkbox each).
        flags = [{"key": key, "label": ruleset.facts[key]["label"]} for key in ruleset.flags.get(ind["number"], [])]
        indicators.append({**ind, "flags": flags, "responsible_units": ruleset.units_responsible_for(ind["number"])})
    # What the page used to repeat from calc: the blank file, the year rule, the regions, each unit's indicators.
    from calc.assessment import REGIONS
    from calc.template import default_years, template

    blank = {k: v for k, v in template(None).items() if k not in ("facts", "evidence", "years")}
    selectable = [u["id"] for u in raw["units"] if u["kind"] in ("unit", "government")]
    return {
        "ruleset": ruleset.digest,
        "blank": {**blank, "facts": {}, "evidence": {}},
        "years_before_assessment": [-offset for offset in default_years(0)],
        "regions": list(REGIONS),
        "unit_indicators": {u: ruleset.indicators_for_unit(u) for u in selectable},
        "categories": raw["categories"],
        "pass_rule": raw["pass_rule"],
        "total_points": raw["total_points"],
        "document_number": raw["document_number"],
        "indicators": indicators,
        "units": raw["units"],
        "benchmarks": raw["benchmarks"],
    }


def write_runtime(site_dir: Path) -> dict:
    """Everything the self-scoring page needs under site_dir/assets; returns the manifest."""
    from calc.api import ruleset_digest

    pyodide_dir = site_dir / "assets" / "pyodide"
    copy_pyodide(pyodide_dir)
    wheel = build_wheel(pyodide_dir)
    manifest = {
        "wheel": wheel.name,
        "wheel_sha256": hashlib.sha256(wheel.read_bytes()).hexdigest(),
        "source_hash": source_hash(),
        "ruleset": ruleset_digest(),
        "pyodide": pyodide_version(),
        "files": list(PYODIDE_FILES),
    }
    (pyodide_dir / "manifest.json").write_text(json.dumps(manifest, indent=1), encoding="utf-8")
    form_dir = site_dir / "assets" / "selfscore"
    form_dir.mkdir(parents=True, exist_ok=True)
    form = {**form_data(), "source_hash": manifest["source_hash"], "wheel": manifest["wheel"]}
    (form_dir / "form.json").write_text(json.dumps(form, ensure_ascii=False, separators=(",", ":")),
                                        encoding="utf-8")
    return manifest


def on_post_build(config, **kwargs):
    manifest = write_runtime(Path(config["site_dir"]))
    log.info("pyodide_assets: Pyodide %s and %s (source %s) written", manifest["pyodide"], manifest["wheel"],
             manifest["source_hash"][:12])
