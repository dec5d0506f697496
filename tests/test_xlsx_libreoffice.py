"""A real spreadsheet program: LibreOffice Calc (Debian's libreoffice-calc-nogui, installed by ./dev).

Every template opens and, re-saved, reads back as its JSON template. A template filled by script and re-saved by LibreOffice (its own styles, shared strings, its own XML) imports
and scores exactly as the same values given as JSON; printed by LibreOffice, the entry sheet fits one A4
page wide with its header rows repeated on every page.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

import calc
from calc.spreadsheet.located import score_workbook
from calc.spreadsheet.read_xlsx import read_workbook
from calc.spreadsheet.template_xlsx import entry_workbook, template_bytes
from site_macros.downloads import units_with_templates
from tests.calc_helpers import EXAMPLES
from tests.xlsx_helpers import WHEN, YEARS, blank, entry_sheet, locate, open_book, save

SOFFICE = "/usr/bin/soffice"
XLSX = "xlsx:Calc MS Excel 2007 XML"


@pytest.fixture(scope="module")
def soffice(tmp_path_factory):
    if not Path(SOFFICE).exists():
        pytest.fail(
            f"{SOFFICE} is missing: install Debian's libreoffice-calc-nogui (./dev test does, as root)", pytrace=False
        )
    profile = tmp_path_factory.mktemp("lo-profile")

    def convert(source: Path | list[Path], target_format: str) -> Path | list[Path]:
        """Opens each file in LibreOffice and saves it as `target_format` (one soffice run for a list)."""
        sources = source if isinstance(source, list) else [source]
        out = sources[0].parent / f"out-{target_format.split(':')[0]}"
        out.mkdir(exist_ok=True)
        done = subprocess.run(
            [
                SOFFICE,
                f"-env:UserInstallation={profile.as_uri()}",
                "--headless",
                "--norestore",
                "--convert-to",
                target_format,
                "--outdir",
                str(out),
                *map(str, sources),
            ],
            capture_output=True,
            text=True,
            timeout=600,
        )
        made = [out / (s.stem + "." + target_format.split(":")[0]) for s in sources]
        assert done.returncode == 0 and all(m.is_file() for m in made), done.stdout + done.stderr
        return made if isinstance(source, list) else made[0]

    return convert


def test_filled_by_script_resaved_by_libreoffice_scores_as_json(soffice, tmp_path):
    example = json.loads((EXAMPLES / "unit-market-regulation.json").read_text(encoding="utf-8"))
    book = entry_workbook("market-regulation", YEARS, "zh", assessment=example)
    sheet = entry_sheet(book)
    # As people type it: 95% (stored 0.95, percent format), a 是 cell, a number stored as text.
    percent = locate(sheet, "identity_claim_rate", "period.value")
    locate(sheet, "identity_claim_rate", "period.a").value = None
    locate(sheet, "identity_claim_rate", "period.b").value = None
    percent.value, percent.number_format = 0.95, "0%"
    locate(sheet, "12.1", "period.value").value = "是"
    locate(sheet, "procedural_defeat_cases", "period.value").value = "１"
    example["facts"].update({"identity_claim_rate": {"percent": 95}, "12.1": True, "procedural_defeat_cases": 1})
    source = tmp_path / "filled.xlsx"
    source.write_bytes(save(book))

    resaved = soffice(source, XLSX)
    assert resaved.read_bytes() != source.read_bytes()
    report, problems = score_workbook(resaved.read_bytes(), resaved.name)
    expected = calc.score(example)
    assert problems == []
    assert report["total"] == expected["total"]
    assert [(i["id"], i["score"], i["status"]) for ind in report["indicators"] for i in ind["items"]] == [
        (i["id"], i["score"], i["status"]) for ind in expected["indicators"] for i in ind["items"]
    ]
    # LibreOffice kept the machine keys: hidden key column and row, hidden _keys sheet.
    kept = open_book(resaved.read_bytes())
    entry = entry_sheet(kept)
    assert entry.column_dimensions["A"].hidden and entry.row_dimensions[1].hidden
    assert kept["_keys"].sheet_state == "hidden"


def test_every_template_opens_in_libreoffice_and_reads_back_as_its_json(soffice, tmp_path):
    units = [None, *units_with_templates()]
    sources = []
    for lang in ("zh", "en"):
        for unit in units:
            path = tmp_path / f"{unit or 'county'}-{lang}.xlsx"
            path.write_bytes(template_bytes(unit, YEARS, lang, WHEN))
            sources.append(path)
    for (unit, _lang), resaved in zip([(u, lang) for lang in ("zh", "en") for u in units], soffice(sources, XLSX)):
        reading = read_workbook(resaved.read_bytes(), resaved.name)
        assert reading.problems == [], resaved.name
        assert reading.assessment["facts"] == calc.template(unit, YEARS)["facts"], resaved.name


def test_template_prints_one_page_wide_with_repeated_headers(soffice, tmp_path):
    if not shutil.which("pdftotext"):
        pytest.fail("pdftotext is missing: install Debian's poppler-utils", pytrace=False)
    source = tmp_path / "county.xlsx"
    source.write_bytes(blank(None))
    pdf = soffice(source, "pdf")
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    texts = [
        subprocess.run(
            ["pdftotext", "-layout", "-f", str(n), "-l", str(n), str(pdf), "-"], capture_output=True, text=True
        ).stdout
        for n in range(1, pages + 1)
    ]
    entry_pages = [n for n, t in enumerate(texts, 1) if "What to enter" in t]  # only its headers say so
    assert len(entry_pages) >= 2  # the county's rows take several pages…
    for n in entry_pages:  # …each with the first and the last column: one page wide
        assert all(word in texts[n - 1] for word in ("指标名称", "Sub-items", "佐证材料", "备注", "Remarks"))
    assert all("页，共" in t for t in texts)  # page numbers in the footer
    sizes = subprocess.run(["pdfinfo", "-f", "1", "-l", str(pages), str(pdf)], capture_output=True, text=True).stdout
    size = {
        int(line.split()[1]): line.split() for line in sizes.splitlines() if line.startswith("Page") and "size:" in line
    }
    assert all(float(size[n][3]) > float(size[n][5]) for n in entry_pages)  # A4 landscape
