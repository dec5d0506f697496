"""The site's own pyodide-lock.json: Pyodide's lock from npm plus the calc wheel (and the spreadsheet wheels),
written by pyodide-build.

`pyodide lockfile add-wheels` (pyodide-build, run from its own Python >= 3.12 environment that ./dev
creates in .tools/pyodide-build) reads the wheel's metadata and adds an entry with its file name (relative
to the lock), sha256, version and imports (`calc`). The worker then loads calc with
`loadPyodide({lockFileURL})` + `loadPackage("pinglu-assessment")`, and Pyodide checks the sha256.
`pyodide build` is not used: it downloads a cross-build environment and does not work offline.

The result is cached under .cache/pyodide-lock/ by a hash of its inputs (Pyodide's lock, the wheel's bytes
and path, the tool's lock file), so an unchanged build does not run the tool again.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / ".cache" / "pyodide-lock"
TOOL_REQUIREMENTS = ROOT / "requirements-pyodide-build.txt"


def pyodide_cli() -> Path:
    tool = Path(os.environ.get("PYODIDE_BUILD_CLI", ROOT / ".tools" / "pyodide-build" / "bin" / "pyodide"))
    if not tool.exists():
        raise FileNotFoundError(
            f"{tool} is missing: run ./dev build once (it installs pyodide-build into .tools/pyodide-build "
            "with Python >= 3.12, from requirements-pyodide-build.txt)"
        )
    return tool


def write_site_lock(npm_lock: Path, wheel: Path, lock_dir: Path, extra_wheels: tuple[Path, ...] = ()) -> dict:
    """Write lock_dir/pyodide-lock.json (npm_lock + the wheel + extra_wheels, all under lock_dir); returns
    the lock's entry for the wheel. extra_wheels: loaded only when asked for (openpyxl, for spreadsheets)."""
    wheels = (wheel, *extra_wheels)
    digest = hashlib.sha256()
    for part in (
        npm_lock.read_bytes(),
        TOOL_REQUIREMENTS.read_bytes(),
        *(item for w in wheels for item in (w.read_bytes(), w.relative_to(lock_dir).as_posix().encode())),
    ):
        digest.update(hashlib.sha256(part).digest())
    cached = CACHE / f"{digest.hexdigest()[:24]}.json"
    if not cached.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=CACHE) as tmp:
            out = Path(tmp) / "pyodide-lock.json"
            proc = subprocess.run(
                [
                    str(pyodide_cli()),
                    "lockfile",
                    "add-wheels",
                    "--input",
                    str(npm_lock),
                    "--output",
                    str(out),
                    "--base-path",
                    str(lock_dir),
                    *(str(w) for w in wheels),
                ],
                capture_output=True,
                text=True,
                cwd=tmp,
            )
            if proc.returncode != 0 or not out.exists():
                raise RuntimeError(f"pyodide lockfile add-wheels failed:\n{proc.stdout}\n{proc.stderr}")
            out.replace(cached)
    target = lock_dir / "pyodide-lock.json"
    shutil.copyfile(cached, target)
    return wheel_entry(target, wheel.name)


def wheel_entry(lock: Path, wheel_name: str) -> dict:
    packages = json.loads(lock.read_text(encoding="utf-8"))["packages"]
    entries = [entry for entry in packages.values() if entry["file_name"].rsplit("/", 1)[-1] == wheel_name]
    if len(entries) != 1:
        raise ValueError(f"{lock} lists {wheel_name} {len(entries)} times")
    return entries[0]
