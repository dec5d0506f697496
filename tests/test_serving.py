"""The README's nginx block serves the built site with the right MIME types and the precompressed copies.

Runs Debian's nginx (installed by ./dev test as root) on a free port with exactly the block from the
README, pointed at the session's built site.
"""
from __future__ import annotations

import getpass
import os
import re
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BROTLI_MODULE = Path("/usr/lib/nginx/modules/ngx_http_brotli_static_module.so")


def readme_snippet() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"<!-- nginx-snippet:start -->\s*```nginx\n(.*?)```\s*<!-- nginx-snippet:end -->", readme, re.S)
    assert block, "README.md lost its nginx snippet markers"
    return block.group(1)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def nginx(built_site, tmp_path_factory):
    if not shutil.which("nginx"):
        pytest.fail("nginx is not installed: run ./dev test as root once (it installs nginx)")
    port = free_port()
    work = tmp_path_factory.mktemp("nginx")
    server = readme_snippet().replace("listen 80;", f"listen 127.0.0.1:{port};") \
                             .replace("root /srv/pinglu/site;", f"root {built_site.dir};")
    (work / "logs").mkdir()
    conf = work / "nginx.conf"
    conf.write_text(
        (f"load_module {BROTLI_MODULE};\n" if BROTLI_MODULE.exists() else "")
        # pytest's temporary directories are private to this user, so the workers must run as it too
        + (f"user {getpass.getuser()};\n" if os.geteuid() == 0 else "")
        + f"daemon off;\npid {work}/nginx.pid;\nerror_log {work}/logs/error.log;\nevents {{}}\n"
        + f"http {{\n access_log off;\n client_body_temp_path {work};\n proxy_temp_path {work};\n"
        + f" fastcgi_temp_path {work};\n uwsgi_temp_path {work};\n scgi_temp_path {work};\n{server}\n}}\n",
        encoding="utf-8")
    if not BROTLI_MODULE.exists():
        conf.write_text(conf.read_text(encoding="utf-8").replace("brotli_static on;", ""), encoding="utf-8")
    process = subprocess.Popen(["nginx", "-p", str(work), "-c", str(conf)], stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(base + "/", timeout=1)
            break
        except urllib.error.HTTPError as error:
            process.kill()
            pytest.fail(f"nginx answered {error.code} for /: " + (work / "logs/error.log").read_text())
        except OSError:
            time.sleep(0.05)
    else:
        process.kill()
        pytest.fail("nginx did not start: " + process.stderr.read().decode())
    yield base
    process.terminate()
    process.wait(timeout=10)


def fetch(url: str, encoding: str | None = None):
    request = urllib.request.Request(url, headers={"Accept-Encoding": encoding} if encoding else {})
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.headers, response.read()


@pytest.mark.parametrize("path,mime", [
    ("/assets/pyodide/pyodide.asm.wasm", "application/wasm"),
    ("/assets/pyodide/pyodide.mjs", "text/javascript"),
    ("/assets/pyodide/pyodide.asm.mjs", "text/javascript"),
    ("/assets/pyodide/pyodide-lock.json", "application/json"),
    ("/", "text/html"),
    ("/en/", "text/html"),
])
def test_mime_types(nginx, path, mime):
    headers, _ = fetch(nginx + path)
    assert headers.get_content_type() == mime


def test_precompressed_wasm_is_served(nginx, built_site):
    original = (built_site.dir / "assets/pyodide/pyodide.asm.wasm").read_bytes()
    headers, body = fetch(nginx + "/assets/pyodide/pyodide.asm.wasm", "gzip")
    assert headers["Content-Encoding"] == "gzip" and len(body) < len(original) / 2
    assert headers.get_content_type() == "application/wasm"
    if BROTLI_MODULE.exists():
        headers, body = fetch(nginx + "/assets/pyodide/pyodide.asm.wasm", "br, gzip")
        assert headers["Content-Encoding"] == "br"
        import brotli
        assert brotli.decompress(body) == original


def test_every_large_asset_has_compressed_copies(built_site):
    for path in ["assets/pyodide/pyodide.asm.wasm", "assets/pyodide/pyodide.asm.mjs", "pagefind/pagefind.js"]:
        assert (built_site.dir / (path + ".gz")).exists() and (built_site.dir / (path + ".br")).exists(), path
