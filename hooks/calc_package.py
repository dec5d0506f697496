"""The scoring core as a standard wheel: `pip wheel .` with the flit-core backend (pyproject.toml).

`build_calc_wheel(out_dir)` returns pinglu_assessment-<version>-py3-none-any.whl, built by pip from the
working tree and reused from .cache/calc-wheel/ while its inputs (calc/'s sources, pyproject.toml and the
backend's version) are unchanged. SOURCE_DATE_EPOCH fixes the timestamps inside the zip, so the same
sources always give the same bytes (and the same sha256 in the site's pyodide-lock.json).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CALC_DIR = ROOT / "calc"
CACHE = ROOT / ".cache" / "calc-wheel"
DISTRIBUTION = "pinglu-assessment"  # [project].name in pyproject.toml; the import package is `calc`
ZIP_EPOCH = "315532800"  # 1980-01-01, the earliest date a zip can hold


def calc_source_files(calc_dir: Path = CALC_DIR) -> list[Path]:
    """The files that make up the scoring core (and the wheel): every module and the compiled ruleset."""
    files = sorted(calc_dir.glob("*.py")) + [calc_dir / "ruleset.json"]
    missing = [str(path) for path in files if not path.is_file()]
    if missing:
        raise FileNotFoundError(f"calc sources missing: {missing}")
    return sorted(files, key=lambda path: path.name)


def hash_sources(named: list[tuple[str, bytes]]) -> str:
    """sha256 over (name, length, bytes) of each file, in name order. The worker runs the same few
    lines in Pyodide over the installed package (engine.js, SOURCE_HASH_PY)."""
    digest = hashlib.sha256()
    for name, data in sorted(named):
        digest.update(name.encode("utf-8") + b"\n" + str(len(data)).encode("ascii") + b"\n" + data)
    return digest.hexdigest()


def source_hash(calc_dir: Path = CALC_DIR) -> str:
    return hash_sources([(path.name, path.read_bytes()) for path in calc_source_files(calc_dir)])


def _wheel_key(project_dir: Path) -> str:
    digest = hashlib.sha256()
    digest.update(source_hash(project_dir / "calc").encode())
    # The wheel also holds calc's subpackages (calc/spreadsheet/), which the source hash leaves out.
    for path in sorted((project_dir / "calc").glob("*/**/*.py")):
        digest.update(path.relative_to(project_dir).as_posix().encode() + b"\n" + path.read_bytes())
    digest.update((project_dir / "pyproject.toml").read_bytes())
    digest.update(metadata.version("flit_core").encode())
    return digest.hexdigest()[:20]


def build_calc_wheel(out_dir: Path, project_dir: Path = ROOT) -> Path:
    """Build (or take from the cache) the calc wheel and copy it into out_dir; returns its path there."""
    cached_dir = CACHE / _wheel_key(project_dir)
    wheels = sorted(cached_dir.glob("*.whl")) if cached_dir.is_dir() else []
    if len(wheels) != 1:
        CACHE.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=CACHE) as tmp:
            # --no-build-isolation: flit_core comes from the project's own venv (requirements.txt), so the
            # build needs no index; --no-index makes sure it never asks one.
            proc = subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "pip",
                    "wheel",
                    "--no-build-isolation",
                    "--no-deps",
                    "--no-index",
                    "--quiet",
                    "--disable-pip-version-check",
                    "--wheel-dir",
                    tmp,
                    str(project_dir),
                ],
                capture_output=True,
                text=True,
                env=dict(os.environ, SOURCE_DATE_EPOCH=ZIP_EPOCH),
            )
            built = sorted(Path(tmp).glob("*.whl"))
            if proc.returncode != 0 or len(built) != 1:
                raise RuntimeError(f"pip wheel failed for {project_dir}:\n{proc.stdout}\n{proc.stderr}")
            staging = Path(tmp) / "done"
            staging.mkdir()
            built[0].rename(staging / built[0].name)
            shutil.rmtree(cached_dir, ignore_errors=True)
            staging.rename(cached_dir)
        wheels = sorted(cached_dir.glob("*.whl"))
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / wheels[0].name
    shutil.copyfile(wheels[0], target)
    return target
