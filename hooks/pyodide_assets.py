"""MkDocs hook: ship the browser runtime of the self-scoring page with the built site.

After every build (on_post_build) this writes, under site/assets/:

- pyodide/  the four runtime files of the pinned npm package `pyodide` (pyodide.mjs, pyodide.asm.mjs,
            pyodide.asm.wasm, python_stdlib.zip), copied from node_modules/pyodide, never from a CDN;
- pyodide/packages/<source hash>/pinglu_assessment-1.0.0-py3-none-any.whl
            the scoring core as a standard wheel, built by `pip wheel .` with flit-core (pyproject.toml;
            hooks/calc_package.py). The folder carries calc's source hash, so the URL changes with calc;
- pyodide/pyodide-lock.json  Pyodide's lock plus that wheel, written by pyodide-build's
            `pyodide lockfile add-wheels` (hooks/pyodide_lock.py): the worker loads calc through it and
            Pyodide checks the wheel's sha256;
- pyodide/snapshot-<hash>.bin  a memory snapshot of Python with calc imported (hooks/snapshot.py), from
            which the worker starts in about a second; when it is missing or refused, the worker takes the
            runtime + wheel path;
- pyodide/manifest.json  the wheel, its sha256, the snapshot (file, sha256, size), the source hash of
            calc/, the ruleset digest and the Pyodide version;
- selfscore/form.json    what the page needs to draw its form before Python has loaded (indicators,
                         facts with their kinds and labels, sub-items, units, benchmarks, categories),
                         taken from the same compiled ruleset that `calc` scores with; and calc's answers
                         for the blank form of every first year the year box offers (`known_answers`, one
                         template and a few patches: hooks/known_answers.py), which the page shows while
                         Python loads when that is exactly what it holds (known.js; app.js, "known answers").

It also names the snapshot on the self-scoring pages' app.js tag (data-snapshot), so the page's worker can
start downloading it before it has read manifest.json.

Every step is cached by content hash under .cache/, so an unchanged build only copies files.
`source_hash()` is also computed in the browser, over the installed files, and the page shows both; the
parity tests (tests/test_pyodide_parity.py) check that they agree.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from hooks.calc_package import build_calc_wheel, calc_source_files, hash_sources, source_hash  # noqa: E402,F401
from hooks.known_answers import timed_known_answers  # noqa: E402
from hooks.pyodide_lock import write_site_lock  # noqa: E402
from hooks.snapshot import snapshot_for  # noqa: E402

PYODIDE_DIR = ROOT / "node_modules" / "pyodide"
PYODIDE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip")
NPM_LOCK = "pyodide-lock.json"
# With a snapshot the standard library is already in memory: the worker mounts this empty zip instead of
# python_stdlib.zip (see snapshot.js). An empty zip is its 22-byte end record.
EMPTY_STDLIB = "empty_stdlib.zip"
EMPTY_ZIP = b"PK\x05\x06" + bytes(18)
CALC_DIR = ROOT / "calc"

log = logging.getLogger("mkdocs.hooks.pyodide_assets")


def copy_pyodide(out_dir: Path, source_dir: Path = PYODIDE_DIR) -> list[Path]:
    missing = [name for name in (*PYODIDE_FILES, NPM_LOCK) if not (source_dir / name).is_file()]
    if missing:
        raise FileNotFoundError(
            f"{source_dir} lacks {', '.join(missing)}: run `npm ci` (package-lock.json pins pyodide)"
        )
    out_dir.mkdir(parents=True, exist_ok=True)
    copied = []
    for name in PYODIDE_FILES:
        target = out_dir / name
        source = source_dir / name
        if (
            not target.exists()
            or target.stat().st_size != source.stat().st_size
            or target.stat().st_mtime < source.stat().st_mtime
        ):
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
    from calc.api import browser_contract
    from calc.facts import BENCHMARK_YEAR_INDEX
    from calc.template import default_years, empty_file

    blank = {k: v for k, v in empty_file().items() if k != "years"}
    selectable = [u["id"] for u in raw["units"] if u["kind"] in ("unit", "government")]
    return {
        "ruleset": ruleset.digest,
        "blank": blank,
        "years_before_assessment": [-offset for offset in default_years(0)],
        "benchmark_year_index": BENCHMARK_YEAR_INDEX,
        "unit_indicators": {u: ruleset.indicators_for_unit(u) for u in selectable},
        "categories": raw["categories"],
        "pass_rule": raw["pass_rule"],
        "total_points": raw["total_points"],
        "document_number": raw["document_number"],
        "indicators": indicators,
        "units": raw["units"],
        "benchmarks": raw["benchmarks"],
        "contract": browser_contract(),  # format, regions, states' words, the input limit: calc.contract
    }


BROWSER_WHEELS = ROOT / ".cache" / "browser-wheels"
BROWSER_WHEELS_LIST = ROOT / "requirements-browser-wheels.txt"


def copy_spreadsheet_wheels(target: Path) -> tuple[Path, ...]:
    """openpyxl and et-xmlfile, as ./dev downloaded them (hash-checked) from requirements-browser-wheels.txt,
    copied under the site's packages: the lock lists them, the spreadsheet worker loads them on first use."""
    wanted = [
        line.split()[0]
        for line in BROWSER_WHEELS_LIST.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    found = sorted(BROWSER_WHEELS.glob("*.whl"))
    names = {path.name.split("-")[0].lower().replace("_", "-") + "==" + path.name.split("-")[1] for path in found}
    if names != set(wanted):
        raise FileNotFoundError(
            f"{BROWSER_WHEELS} holds {sorted(names)}, not {wanted}: run ./dev build once "
            "(it downloads them from requirements-browser-wheels.txt)"
        )
    target.mkdir(parents=True, exist_ok=True)
    return tuple(Path(shutil.copy2(path, target / path.name)) for path in found)


_KNOWN: dict[str, dict] = {}  # calc's source hash and the blank form → its known answers, made once a process


def known_answers_for(src_hash: str, blank: dict) -> dict:
    """form.json's known_answers (hooks/known_answers.py), made and checked once for both languages' builds."""
    key = src_hash + json.dumps(blank, sort_keys=True)
    if key not in _KNOWN:
        _KNOWN[key], seconds = timed_known_answers(blank)
        low, high = _KNOWN[key]["first_years"]
        log.info(
            "pyodide_assets: known answers for the first years %d-%d, checked against calc, in %.1f s",
            low,
            high,
            seconds,
        )
    return _KNOWN[key]


def write_runtime(site_dir: Path, snapshot: bool | None = None) -> dict:
    """Everything the self-scoring page needs under site_dir/assets; returns the manifest."""
    from calc.api import ruleset_digest

    if snapshot is None:
        snapshot = os.environ.get("SITE_SNAPSHOT", "1") != "0"
    pyodide_dir = site_dir / "assets" / "pyodide"
    copy_pyodide(pyodide_dir)
    src_hash = source_hash()
    packages = pyodide_dir / "packages"
    shutil.rmtree(packages, ignore_errors=True)
    wheel = build_calc_wheel(packages / src_hash[:16])
    entry = write_site_lock(PYODIDE_DIR / NPM_LOCK, wheel, pyodide_dir, copy_spreadsheet_wheels(packages / "xlsx"))
    version = pyodide_version()
    manifest = {
        "package": entry["name"],
        "wheel": entry["file_name"],
        "wheel_sha256": entry["sha256"],
        "source_hash": src_hash,
        "ruleset": ruleset_digest(),
        "pyodide": version,
        "files": [*PYODIDE_FILES, NPM_LOCK],
        "snapshot": None,
    }
    if hashlib.sha256(wheel.read_bytes()).hexdigest() != entry["sha256"]:
        raise RuntimeError(f"{wheel.name}: the lock's sha256 is not the wheel's")
    if snapshot:
        info = snapshot_for(PYODIDE_DIR, pyodide_dir / NPM_LOCK, wheel, version, pyodide_dir)
        if info["source_hash"] != src_hash:
            raise RuntimeError(f"the snapshot holds calc {info['source_hash'][:12]}, the build {src_hash[:12]}")
        (pyodide_dir / EMPTY_STDLIB).write_bytes(EMPTY_ZIP)
        manifest["snapshot"] = {**{key: info[key] for key in ("file", "sha256", "size")}, "stdlib": EMPTY_STDLIB}
    else:
        for old in pyodide_dir.glob("snapshot-*.bin*"):
            old.unlink()
    (pyodide_dir / "manifest.json").write_text(json.dumps(manifest, indent=1), encoding="utf-8")
    form_dir = site_dir / "assets" / "selfscore"
    form_dir.mkdir(parents=True, exist_ok=True)
    form = {**form_data(), "source_hash": manifest["source_hash"], "wheel": manifest["wheel"]}
    form["known_answers"] = known_answers_for(src_hash, form["blank"])
    (form_dir / "form.json").write_text(json.dumps(form, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return manifest


APP_SCRIPT = re.compile(r'(<script type="module"(?: async)? src="[^"]*selfscore/app\.js")(?: data-snapshot="[^"]*")?>')


def name_snapshot_in_pages(site_dir: Path, snapshot: dict | None) -> int:
    """Write this build's snapshot ("file:sha256:size") on the self-scoring pages' app.js tag: the page's
    early start script hands it to the worker, which starts downloading it while it reads manifest.json
    (and uses it only if the manifest names the same file). Returns the number of pages marked."""
    hint = f' data-snapshot="{snapshot["file"]}:{snapshot["sha256"]}:{snapshot["size"]}"' if snapshot else ""
    marked = 0
    for page in site_dir.rglob("index.html"):
        html = page.read_text(encoding="utf-8")
        if "selfscore/app.js" not in html:
            continue
        changed = APP_SCRIPT.sub(lambda m: m.group(1) + hint + ">", html)
        if changed != html:
            page.write_text(changed, encoding="utf-8")
            marked += 1
    return marked


def on_post_build(config, **kwargs):
    manifest = write_runtime(Path(config["site_dir"]))
    snapshot = manifest["snapshot"]
    name_snapshot_in_pages(Path(config["site_dir"]), snapshot)
    log.info(
        "pyodide_assets: Pyodide %s, %s (source %s), snapshot %s",
        manifest["pyodide"],
        manifest["wheel"],
        manifest["source_hash"][:12],
        f"{snapshot['file']} ({snapshot['size'] / 1e6:.1f} MB)" if snapshot else "off",
    )
