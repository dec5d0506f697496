"""The downloads page (docs/<lang>/downloads.md, served at /downloads/ and /en/downloads/): every file of
site_macros/downloads.py with its format and size, each link saving the file (`download`), never opening
raw JSON in a tab. The list and the files come from the same download_files(), so they cannot drift apart."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from site_macros import downloads
from site_macros.links import by_id, link
from site_macros.templating import render
from site_macros.text import page_language, text_in
from tools.datasource import load_data


def size_text(size: int) -> str:
    """2345 → '2.3 KB', 24039 → '23 KB', 900 → '900 B' (KB = 1024 bytes, as file managers count)."""
    if size < 1024:
        return f"{size} B"
    kb = size / 1024
    return f"{kb:.1f} KB" if kb < 10 else f"{kb:.0f} KB"


def _file(src: str, path: str, files: dict[str, bytes], save_as: str) -> dict[str, Any]:
    return {
        "href": link(src, path, download=True),
        "size": size_text(len(files[path])),
        "name": path.rsplit("/", 1)[-1],
        "save_as": save_as,
    }


def page_context(data: dict[str, Any], src: str, lang: str) -> dict[str, Any]:
    files = downloads.download_files()
    years = downloads.template_years()
    span = f"{years[0]}-{years[1]}"
    rules = downloads.default_ruleset()
    rows = []
    for unit_id in (None, *downloads.units_with_templates(data)):
        unit = by_id(data["units"], unit_id) if unit_id else None
        name_zh = unit["name"]["zh"] if unit else "全县"
        rows.append(
            {
                "name": text_in(unit["name"], lang) if unit else ("全县" if lang == "zh" else "Whole county"),
                "count": len(rules.indicators_for_unit(unit_id)) if unit_id else len(rules.indicators),
                "xlsx": _file(src, downloads.xlsx_template_path(unit_id), files, f"自评模板-{name_zh}-{span}.xlsx"),
                "xlsx_en": _file(
                    src,
                    downloads.xlsx_template_path(unit_id, "en"),
                    files,
                    f"template-{unit_id or 'county'}-{span}-en.xlsx",
                ),
                "json": _file(src, downloads.template_path(unit_id), files, f"{unit_id or 'county'}-{span}.json"),
            }
        )
    examples = []
    for path in downloads.example_files():
        example = json.loads(Path(path).read_text(encoding="utf-8"))
        examples.append(
            {
                **_file(src, downloads.example_path(path), files, path.name),
                "title": example.get("meta", {}).get("title", path.stem),
            }
        )
    return {
        "rows": rows,
        "examples": examples,
        "years": years,
        "date": downloads.build_date().isoformat(),
        "schema": _file(src, downloads.schema_path(), files, "assessment.schema.json"),
        "csv": _file(src, downloads.CSV_NAME, files, "indicators.csv"),
        "tool": link(src, "self-scoring.md"),
        "units_page": link(src, "units/index.md"),
    }


def register(env: Any, lang: Any) -> None:
    @env.macro
    def downloads_page() -> str:
        return render(
            "downloads/page.md", lang(), **page_context(load_data(), env.page.file.src_uri, page_language(env.page))
        )
