"""Write the service worker (site/sw.js) that makes the site and the self-scoring engine work offline.

The cache name is a hash of every file the build wrote, so each build has its own cache: a new build
installs a new worker, which caches the new files and deletes the old caches. The worker knows three lists:

- SHELL    cached when it installs: the theme's assets, the home pages, the self-scoring pages, both 404.html;
- PAGES    every other page and file of the site (search index and Pagefind's files included);
- RUNTIME  the self-scoring engine as the page loads it (assets/pyodide/: with a snapshot, the loader,
           the .wasm, the lock, the snapshot and the empty stand-in for the standard library; without one,
           the standard library and the calc wheel instead).

assets/javascripts/offline.js asks it, once the page has loaded, to cache RUNTIME (on the self-scoring
page, after the engine has loaded: the files are then revalidated against the browser's HTTP cache, 304s)
or PAGES + RUNTIME (on any other page). So the first visit of the self-scoring page downloads the engine
once and no more than the shell besides; a first visit anywhere else makes the whole site available
offline. The engine's files are answered from the cache once there (see sw.template.js for why).

Pagefind requests carry a `?ts=` query: the worker stores and matches its files without the query.
Runs after the hooks that write files and before precompress (so sw.js is compressed too).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

SKIP_SUFFIXES = {".gz", ".br", ".map"}  # source maps: only for developers
SKIP_NAMES = {"sw.js", "sitemap.xml.gz"}
TEMPLATE = Path(__file__).with_name("sw.template.js")
RUNTIME_DIR = "assets/pyodide/"
SHELL_PAGES = {"./", "en/", "self-scoring/", "en/self-scoring/", "404.html", "en/404.html"}
SHELL_PREFIXES = ("assets/",)


def _site_files(site_dir: Path) -> list[str]:
    return [
        path.relative_to(site_dir).as_posix()
        for path in sorted(site_dir.rglob("*"))
        if path.is_file() and path.suffix not in SKIP_SUFFIXES and path.name not in SKIP_NAMES
    ]


def _url(relative: str) -> str:
    """A directory page is cached under its directory URL."""
    if relative == "index.html":
        return "./"
    if relative.endswith("/index.html"):
        return relative[: -len("index.html")]
    return relative


def runtime_list(site_dir: Path) -> list[str]:
    """The engine's files as the page loads them (from manifest.json, written by pyodide_assets)."""
    manifest_file = site_dir / RUNTIME_DIR / "manifest.json"
    if not manifest_file.exists():
        return []
    manifest = json.loads(manifest_file.read_text(encoding="utf-8"))
    names = ["manifest.json", "pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "pyodide-lock.json"]
    snapshot = manifest.get("snapshot")
    names += [snapshot["file"], snapshot["stdlib"]] if snapshot else ["python_stdlib.zip", manifest["wheel"]]
    return [RUNTIME_DIR + name for name in names if (site_dir / RUNTIME_DIR / name).is_file()]


def cache_lists(site_dir: Path) -> dict[str, list[str]]:
    shell, pages = [], []
    for relative in _site_files(site_dir):
        if relative.startswith(RUNTIME_DIR):
            continue
        url = _url(relative)
        (shell if url in SHELL_PAGES or url.startswith(SHELL_PREFIXES) else pages).append(url)
    return {"shell": shell, "pages": pages, "runtime": runtime_list(site_dir)}


def precache_list(site_dir: Path) -> list[str]:
    """Every URL the worker caches after a first visit to a page other than the self-scoring page."""
    lists = cache_lists(site_dir)
    return lists["shell"] + lists["pages"] + lists["runtime"]


def build_hash(site_dir: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(site_dir.rglob("*")):
        if path.is_file() and path.suffix not in SKIP_SUFFIXES and path.name not in SKIP_NAMES:
            digest.update(path.relative_to(site_dir).as_posix().encode())
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()[:16]


def write_service_worker(site_dir: Path) -> str:
    version = build_hash(site_dir)
    lists = cache_lists(site_dir)
    script = TEMPLATE.read_text(encoding="utf-8").replace("__CACHE_NAME__", json.dumps(f"pinglu-site-{version}"))
    for name, urls in lists.items():
        script = script.replace(f"__{name.upper()}__", json.dumps(urls, ensure_ascii=False, indent=0))
    (site_dir / "sw.js").write_text(script, encoding="utf-8")
    return version


def on_post_build(config, **kwargs) -> None:
    write_service_worker(Path(config["site_dir"]))
