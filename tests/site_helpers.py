"""What the site tests and benchmarks share besides fixtures: where the repository is, the site's languages and
the URL path of a page, the browser to launch, and the server that serves a built site to it. conftest.py builds its
fixtures from these; test modules import them from here (never from conftest or from another test module)."""

from __future__ import annotations

import http.server
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ("zh", "en")
DEFAULT_LANGUAGE = "zh"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def page_path(lang: str, page: str) -> str:
    """URL path (no leading or trailing slash) of docs/<lang>/<page>."""
    parts = page[: -len(".md")].split("/")
    if parts[-1] in ("index", "README"):
        parts = parts[:-1]
    if lang != DEFAULT_LANGUAGE:
        parts = [lang, *parts]
    return "/".join(parts)


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    # The self-scoring page's runtime needs these exact types (Pyodide compiles .wasm only when it is
    # served as application/wasm; module scripts need a JavaScript type), and the system's mime.types,
    # which Python otherwise consults, does not list .mjs everywhere.
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".wasm": "application/wasm",
        ".mjs": "text/javascript",
        ".js": "text/javascript",
        ".json": "application/json",
    }

    def log_message(self, *args):  # keep pytest output clean
        pass


class QuietServer(http.server.ThreadingHTTPServer):
    """A browser that leaves a page mid-download closes the connection; that is not a test failure, so it is
    not printed as a traceback in the test output."""

    def handle_error(self, request, client_address):
        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)
