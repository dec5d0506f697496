"""Write precompressed copies (.gz and .br) of the built site's large text and wasm assets.

Servers such as nginx (`gzip_static on;`, and `brotli_static on;` where the brotli module is installed)
then send them without compressing on every request; Pyodide's 9.6 MB wasm becomes ~3 MB on the wire.
Compression is deterministic (no timestamps) and cached by content hash under .cache/precompress/, so
only the first build pays for brotli. Runs last among the hooks (it compresses what the others wrote).
"""

from __future__ import annotations

import gzip
import hashlib
import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import brotli
from mkdocs.plugins import get_plugin_logger

CACHE = Path(__file__).resolve().parent.parent / ".cache" / "precompress"
# (not .zip: python_stdlib.zip is compressed already, brotli saves 2.5 % of it)
SUFFIXES = {".html", ".css", ".js", ".mjs", ".json", ".wasm", ".svg", ".xml", ".txt", ".csv", ".map", ".bin"}
MIN_BYTES = 1024
MIN_SAVING = 0.10  # keep a compressed copy only if it is at least 10 % smaller
BIG = 2 * 1024 * 1024
# Above BIG (the .wasm and the snapshot, what every first visit to a scoring page downloads): brotli 11 with
# a 16 MB window, about 30 s each on a cold cache, for 11 % fewer bytes than quality 9 with the default 4 MB
# window (snapshot 3.10 → 2.76 MB, wasm 3.10 → 2.77 MB); gzip level 6: on the snapshot level 9 takes five
# times as long for 1 % fewer bytes.
BIG_BROTLI_WINDOW = 24


def _compressed(data: bytes, kind: str) -> bytes:
    digest = hashlib.sha256(data).hexdigest()
    big = len(data) > BIG
    level = (6 if big else 9) if kind == "gz" else 11
    window = BIG_BROTLI_WINDOW if big and kind == "br" else 22
    cached = CACHE / f"{digest}.{kind}{level}" if window == 22 else CACHE / f"{digest}.{kind}{level}w{window}"
    if cached.exists():
        return cached.read_bytes()
    if kind == "gz":
        out = gzip.compress(data, compresslevel=level, mtime=0)
    else:
        out = brotli.compress(data, quality=level, lgwin=window)
    CACHE.mkdir(parents=True, exist_ok=True)
    tmp = cached.with_suffix(f".{kind}.tmp{os.getpid()}")
    tmp.write_bytes(out)
    tmp.replace(cached)
    return out


def _compress_file(path: Path) -> dict[str, int]:
    data = path.read_bytes()
    sizes = {"original": len(data)}
    for kind in ("gz", "br"):
        out = _compressed(data, kind)
        if len(out) <= len(data) * (1 - MIN_SAVING):
            path.with_name(path.name + "." + kind).write_bytes(out)
            sizes[kind] = len(out)
    return sizes


def precompress_tree(root: Path) -> dict[str, int]:
    """Compress every eligible file under root; returns byte totals for the build log.
    brotli and zlib release the GIL, so threads use every core (a cold build: 2 cores, half the time);
    the largest files go first so that no core is left with the snapshot at the end."""
    files = [
        path
        for path in root.rglob("*")
        if path.is_file() and path.suffix in SUFFIXES and path.stat().st_size >= MIN_BYTES
    ]
    files.sort(key=lambda path: -path.stat().st_size)
    totals = {"files": 0, "original": 0, "gz": 0, "br": 0}
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        for sizes in pool.map(_compress_file, files):
            if len(sizes) > 1:
                totals["files"] += 1
                totals["original"] += sizes["original"]
                totals["gz"] += sizes.get("gz", 0)
                totals["br"] += sizes.get("br", 0)
    return totals


def on_post_build(config, **kwargs) -> None:
    if os.environ.get("SITE_PRECOMPRESS", "1") == "0":  # ./dev serve turns it off: nobody serves .gz there
        return
    totals = precompress_tree(Path(config["site_dir"]))
    get_plugin_logger("precompress").info(
        "precompressed %d files: %.1f MB → gzip %.1f MB, brotli %.1f MB",
        totals["files"],
        totals["original"] / 1e6,
        totals["gz"] / 1e6,
        totals["br"] / 1e6,
    )
