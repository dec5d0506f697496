"""The CSV cell rules of the self-scoring page (docs/assets/javascripts/selfscore/export.js), run under Node
on the file the site ships: quoting as RFC 4180 wants it, formula injection neutralised, BOM and CRLF.
Python's csv module then reads the file back to the same cells (with the apostrophe where one was added)."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXPORT = ROOT / "docs" / "assets" / "javascripts" / "selfscore" / "export.js"

pytestmark = pytest.mark.skipif(shutil.which("node") is None, reason="needs node")

CELLS = [
    "plain",
    "",
    "with, comma",
    'with "quotes"',
    "two\nlines",
    "cr\r\nlf",
    " leading space",
    "trailing ",
    "=1+2",
    "+86 359",
    "-1",
    "@SUM(A1)",
    "\tTAB",
    "\rCR",
    "中文，逗号",
    "a=b",
    "3-2",
    "email@example.invalid",
]
NUMBERS = [0, 2, 97, 87.5]


def _run(script: str) -> str:
    # The file itself (not a copy): its own imports (./contract.js) resolve beside it.
    program = "const m = await import(" + json.dumps(EXPORT.as_uri()) + ");\n" + script
    # Bytes, not text mode: text mode would turn the CRLF under test into LF.
    proc = subprocess.run(["node", "--input-type=module", "-e", program], capture_output=True, timeout=60)
    assert proc.returncode == 0, proc.stderr.decode("utf-8", "replace")
    return proc.stdout.decode("utf-8")


def test_cells_quote_and_neutralise_exactly_as_specified():
    out = json.loads(_run("process.stdout.write(JSON.stringify(" + json.dumps(CELLS + NUMBERS) + ".map(m.csvCell)));"))
    cells = dict(zip([repr(c) for c in CELLS + NUMBERS], out))
    assert cells[repr("plain")] == "plain"
    assert cells[repr("")] == ""
    assert cells[repr("with, comma")] == '"with, comma"'
    assert cells[repr('with "quotes"')] == '"with ""quotes"""'
    assert cells[repr("two\nlines")] == '"two\nlines"'
    assert cells[repr("cr\r\nlf")] == '"cr\nlf"'  # no CR inside a cell: CRLF only ends records
    assert cells[repr(" leading space")] == '" leading space"'
    assert cells[repr("=1+2")] == "'=1+2"
    assert cells[repr("+86 359")] == "'+86 359"
    assert cells[repr("-1")] == "'-1"
    assert cells[repr("@SUM(A1)")] == "'@SUM(A1)"
    assert cells[repr("\tTAB")] == '"\'\tTAB"' or cells[repr("\tTAB")] == "'\tTAB"
    assert cells[repr("a=b")] == "a=b" and cells[repr("3-2")] == "3-2"
    assert cells[repr("中文，逗号")] == "中文，逗号"
    assert [cells[repr(n)] for n in NUMBERS] == ["0", "2", "97", "87.5"]


def test_file_has_bom_crlf_and_reads_back():
    rows = [["h1", "h2", "h3"], CELLS[:6], CELLS[6:12], CELLS[12:], [1, 2.5, "x"]]
    text = _run("process.stdout.write(m.csvText(" + json.dumps(rows) + "));")
    assert text.startswith("\ufeff")
    body = text[1:]
    assert body.endswith("\r\n") and body.count("\r\n") == len(rows)
    back = list(csv.reader(io.StringIO(body, newline="")))
    expected = []
    for row in rows:
        cells = []
        for cell in row:
            if isinstance(cell, (int, float)):
                cells.append(str(cell))
                continue
            cell = cell.replace("\r\n", "\n").replace("\r", "\n")
            cells.append("'" + cell if cell[:1] in ("=", "+", "-", "@", "\t", "\n") and cell != "" else cell)
        expected.append(cells)
    # "\rCR" became "\nCR" (a carriage return is never kept inside a cell) and was neutralised as a CR.
    assert back == expected
