"""Write the service worker (site/sw.js) that makes the site and the Pyodide runtime work offline.

The cache name is a hash of every file the build wrote, so each build has its own cache: a new build
installs a new worker, which precaches the new files and deletes the old caches. Pages and site assets are
fetched network-first (fresh whenever the server answers), the Pyodide runtime cache-first (it is large
and changes only with a new build, which renames the cache). Runs after the hooks that write files and
before precompress (so sw.js is compressed too).
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

SKIP_SUFFIXES = {".gz", ".br", ".map"}  # source maps: only for developers
SKIP_NAMES = {"sw.js", "sitemap.xml.gz"}
TEMPLATE = Path(__file__).with_name("sw.template.js")


def precache_list(site_dir: Path) -> list[str]:
    """URLs relative to the site root; a directory page is cached under its directory URL."""
    urls = []
    for path in sorted(site_dir.rglob("*")):
        if not path.is_file() or path.suffix in SKIP_SUFFIXES or path.name in SKIP_NAMES:
            continue
        relative = path.relative_to(site_dir).as_posix()
        if relative == "index.html":
            urls.append("./")
        elif relative.endswith("/index.html"):
            urls.append(relative[: -len("index.html")])
        else:
            urls.append(relative)
    return urls


def build_hash(site_dir: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(site_dir.rglob("*")):
        if path.is_file() and path.suffix not in SKIP_SUFFIXES and path.name not in SKIP_NAMES:
            digest.update(path.relative_to(site_dir).as_posix().encode())
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()[:16]


def write_service_worker(site_dir: Path) -> str:
    version = build_hash(site_dir)
    script = (TEMPLATE.read_text(encoding="utf-8")
              .replace("__CACHE_NAME__", json.dumps(f"pinglu-site-{version}"))
              .replace("__PRECACHE__", json.dumps(precache_list(site_dir), ensure_ascii=False, indent=0)))
    (site_dir / "sw.js").write_text(script, encoding="utf-8")
    return version


def on_post_build(config, **kwargs) -> None:
    write_service_worker(Path(config["site_dir"]))
