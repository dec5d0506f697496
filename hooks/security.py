"""Give every built page a Content-Security-Policy that allows nothing but the site itself.

The policy goes in a <meta http-equiv> tag so it holds on any server, including a plain intranet file
server that sets no headers. Inline scripts (Material's small bootstrap scripts) are allowed by their
SHA-256 hashes, collected from ALL pages: with instant navigation, scripts of one page run under the
policy of the page first loaded. Pyodide needs 'wasm-unsafe-eval' to compile WebAssembly; nothing else
is relaxed for scripts. Styles keep 'unsafe-inline' because Material writes style attributes.

The README's nginx block sends this policy as a header as well, with frame-ancestors 'none' (which a
<meta> cannot set) and 'unsafe-inline' in place of the hashes, which change with every build: the browser
enforces both, so inline scripts stay pinned by the <meta>. tests/test_serving.py checks the two agree.
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", re.S | re.I)
META_MARK = '<meta http-equiv="Content-Security-Policy"'


def policy(script_hashes: list[str]) -> str:
    hashes = " ".join(f"'sha256-{h}'" for h in script_hashes)
    return "; ".join(
        [
            "default-src 'self'",
            f"script-src 'self' 'wasm-unsafe-eval' {hashes}".strip(),
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data:",
            "font-src 'self' data:",
            "connect-src 'self'",
            "worker-src 'self'",
            "manifest-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
        ]
    )


def script_hashes(html: str) -> set[str]:
    return {
        base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode()
        for body in INLINE_SCRIPT.findall(html)
        if body.strip()
    }


def apply_csp(site_dir: Path) -> int:
    pages = sorted(site_dir.rglob("*.html"))
    texts = {path: path.read_text(encoding="utf-8") for path in pages}
    hashes: set[str] = set()
    for text in texts.values():
        hashes |= script_hashes(text)
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(sorted(hashes))}">'
    for path, text in texts.items():
        if META_MARK in text or "<head>" not in text:
            continue
        path.write_text(text.replace("<head>", "<head>\n    " + meta, 1), encoding="utf-8")
    return len(pages)


def on_post_build(config, **kwargs) -> None:
    apply_csp(Path(config["site_dir"]))
