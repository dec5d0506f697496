"""The build-time memory snapshot of Python with calc loaded (see docs/assets/javascripts/engine/snapshot.js).

`snapshot_for(...)` runs hooks/make_snapshot.mjs in Node once per (Pyodide version, calc wheel, snapshot
code) and keeps the result in .cache/snapshot/ under that hash; an unchanged build copies it. The file is
named snapshot-<hash>.bin, so a browser can never hold an old snapshot under the new name.

Set SITE_SNAPSHOT=0 to build without it (the page then always takes the runtime + wheel path).
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / ".cache" / "snapshot"
MAKER = Path(__file__).with_name("make_snapshot.mjs")
ENGINE = ROOT / "docs" / "assets" / "javascripts" / "engine"
SLIM = Path(__file__).with_name("slim_heap.py")  # run in Pyodide before the snapshot is taken
CODE = (MAKER, SLIM, ENGINE / "snapshot.js", ENGINE / "engine.js")


def snapshot_key(pyodide_version: str, wasm: Path, wheel: Path) -> str:
    digest = hashlib.sha256(pyodide_version.encode())
    for part in (wasm.read_bytes(), wheel.read_bytes(), *(path.read_bytes() for path in CODE)):
        digest.update(hashlib.sha256(part).digest())
    return digest.hexdigest()[:16]


def snapshot_for(pyodide_dir: Path, lock: Path, wheel: Path, pyodide_version: str, out_dir: Path) -> dict:
    """Write out_dir/snapshot-<key>.bin (made from the files in pyodide_dir, the lock and the wheel);
    returns {"file", "sha256", "size", "source_hash"} for manifest.json."""
    key = snapshot_key(pyodide_version, pyodide_dir / "pyodide.asm.wasm", wheel)
    name = f"snapshot-{key}.bin"
    cached, info_file = CACHE / name, CACHE / f"snapshot-{key}.json"
    if not (cached.exists() and info_file.exists()):
        CACHE.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=CACHE) as tmp:
            out = Path(tmp) / name
            proc = subprocess.run(
                ["node", str(MAKER), str(pyodide_dir), str(lock), str(wheel), str(out)],
                capture_output=True,
                text=True,
                timeout=600,
            )
            if proc.returncode != 0:
                raise RuntimeError(f"making the Pyodide snapshot failed:\n{proc.stderr[-3000:]}")
            made = json.loads(proc.stdout)
            data = out.read_bytes()
            info = {
                "file": name,
                "sha256": hashlib.sha256(data).hexdigest(),
                "size": len(data),
                "source_hash": made["source_hash"],
            }
            out.replace(cached)
            info_file.write_text(json.dumps(info), encoding="utf-8")
    for old in out_dir.glob("snapshot-*.bin*"):
        if old.name != name:
            old.unlink()
    shutil.copyfile(cached, out_dir / name)
    return json.loads(info_file.read_text(encoding="utf-8"))
