"""The site's downloads, made from data/ and the scoring core when the site is built.

hooks/downloads.py adds every file below to the build as a virtual file under docs/ (so that the pages'
ordinary relative Markdown links to them are checked by `strict: true` like any other link), and the
page macros link them from the same list, so a link and its file cannot drift apart.

    downloads/templates/county.json         blank assessment for the whole county (calc.template)
    downloads/templates/<unit-id>.json      blank assessment for one unit or group: only its indicators
                                            (a unit responsible for no indicator has none)
    downloads/templates/<unit-id>.xlsx      the same as an Excel/WPS workbook (calc.spreadsheet, from
    downloads/templates/en/<unit-id>.xlsx   calc.template, so the two cannot disagree); en/: in English
    downloads/schema/assessment.schema.json the JSON Schema of the assessment file (schema/)
    downloads/examples/<name>.json          the worked assessment files (examples/)
    downloads/indicators.csv                the 41 indicators, both languages (UTF-8 with BOM, for Excel)

Assessed years of the blank templates: the plan's 近2年, i.e. the two most recent full years before the
build date (calc.template.default_years). The build date is today, or SOURCE_DATE_EPOCH when it is set
(reproducible builds); the pages say which years and which date.
"""

from __future__ import annotations

import csv
import datetime as _dt
import functools
import io
import json
import os
from pathlib import Path
from typing import Any

import calc
from calc.ruleset import default_ruleset
from calc.spreadsheet.template_xlsx import calc_source_hash, template_bytes
from calc.template import default_years
from tools.datasource import ROOT, load_data

DOWNLOADS = "downloads"
TEMPLATES = f"{DOWNLOADS}/templates"
SCHEMA_PATH = ROOT / "schema" / "assessment.schema.json"
EXAMPLES_DIR = ROOT / "examples"
CSV_NAME = f"{DOWNLOADS}/indicators.csv"
UNIT_KINDS = ("unit", "group")  # bodies that get a page and a template of their own
BOM = "\ufeff"

# "定量+定性" and the like: each part translated, joined the same way.
NATURE_WORDS = {"定量": "quantitative", "定性": "qualitative"}


def build_date() -> _dt.date:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return _dt.datetime.fromtimestamp(int(epoch), tz=_dt.timezone.utc).date()
    return _dt.date.today()


def template_years(today: _dt.date | None = None) -> tuple[int, int]:
    return default_years((today or build_date()).year)


def nature_en(nature: str) -> str:
    parts = nature.split("+")
    unknown = [p for p in parts if p not in NATURE_WORDS]
    if unknown:
        raise ValueError(f"unknown indicator nature {nature!r}")
    return " + ".join(NATURE_WORDS[p] for p in parts)


def template_units(data: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    data = data or load_data()
    return [u for u in data["units"] if u["kind"] in UNIT_KINDS]


def units_with_templates(data: dict[str, Any] | None = None) -> list[str]:
    """Units and groups responsible for at least one indicator: each gets a blank template."""
    rules = default_ruleset()
    return [u["id"] for u in template_units(data) if rules.indicators_for_unit(u["id"])]


def template_path(unit_id: str | None) -> str:
    return f"{TEMPLATES}/{unit_id or 'county'}.json"


def xlsx_template_path(unit_id: str | None, lang: str = "zh") -> str:
    return f"{TEMPLATES}/{'en/' if lang == 'en' else ''}{unit_id or 'county'}.xlsx"


@functools.lru_cache(maxsize=2)
def _xlsx_templates(
    units: tuple[str | None, ...], years: tuple[int, int], when: _dt.date, ruleset_digest: str, source_hash: str
) -> dict[str, bytes]:
    """Every .xlsx template, made once per build: both language builds and the downloads page ask for them.
    The key holds everything they are made from, so `mkdocs serve` remakes them after a change."""
    return {
        xlsx_template_path(unit, lang): template_bytes(unit, years, lang, when)
        for lang in ("zh", "en")
        for unit in units
    }


def xlsx_templates(today: _dt.date | None = None, data: dict[str, Any] | None = None) -> dict[str, bytes]:
    when = today or build_date()
    units = (None, *units_with_templates(data))
    return _xlsx_templates(units, template_years(when), when, default_ruleset().digest, calc_source_hash())


def example_files() -> list[Path]:
    return sorted(EXAMPLES_DIR.glob("*.json"))


def example_path(path: Path) -> str:
    return f"{DOWNLOADS}/examples/{path.name}"


def schema_path() -> str:
    return f"{DOWNLOADS}/schema/{SCHEMA_PATH.name}"


def _json(value: Any) -> bytes:
    return (json.dumps(value, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def indicator_rows(data: dict[str, Any] | None = None) -> list[list[str]]:
    """Header and one row per indicator, Chinese and English columns side by side."""
    data = data or load_data()
    parents = {child["id"]: (cat, child) for cat in data["categories"]["categories"] for child in cat["children"]}
    header = [
        "序号 No.",
        "一级指标",
        "First-level indicator",
        "一级指标分值 First-level points",
        "二级指标",
        "Second-level indicator",
        "二级指标分值 Second-level points",
        "三级指标",
        "Indicator",
        "性质",
        "Nature",
        "分值 Points",
        "指标说明及打分标准",
        "Explanation and scoring standard",
        "评估方式",
        "Evaluation method",
        "数据或资料来源",
        "Data or document sources",
        "责任单位",
        "Responsible units",
    ]
    rows = [header]
    for ind in data["indicators"]:
        first, second = parents[ind["category"]]
        rows.append(
            [
                str(ind["number"]),
                first["name"]["zh"],
                first["name"]["en"],
                str(first["points"]),
                second["name"]["zh"],
                second["name"]["en"],
                str(second["points"]),
                ind["title"]["zh"],
                ind["title"]["en"],
                ind["nature"],
                nature_en(ind["nature"]),
                str(ind["points"]),
                ind["explanation"]["zh"],
                ind["explanation"]["en"],
                ind["evaluation"]["method"]["zh"],
                ind["evaluation"]["method"]["en"],
                "\n".join(s["zh"] for s in ind["evaluation"]["sources"]),
                "\n".join(s["en"] for s in ind["evaluation"]["sources"]),
                ind["responsible"]["text"]["zh"],
                ind["responsible"]["text"]["en"],
            ]
        )
    return rows


def indicators_csv(data: dict[str, Any] | None = None) -> bytes:
    """UTF-8 with a byte-order mark, so that Excel on Windows opens the Chinese correctly; CRLF rows."""
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(indicator_rows(data))
    return (BOM + out.getvalue()).encode("utf-8")


def download_files(today: _dt.date | None = None) -> dict[str, bytes]:
    """Path under the site root → file content, for every download."""
    data = load_data()
    years = template_years(today)
    files: dict[str, bytes] = {template_path(None): _json(calc.template(None, years))}
    for unit_id in units_with_templates(data):
        files[template_path(unit_id)] = _json(calc.template(unit_id, years))
    files.update(xlsx_templates(today, data))
    files[schema_path()] = SCHEMA_PATH.read_bytes()
    for path in example_files():
        files[example_path(path)] = path.read_bytes()
    files[CSV_NAME] = indicators_csv(data)
    return files
