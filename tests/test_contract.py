"""calc.contract is the one place the browser's scripts learn the file format, the regions, the states' words
and the input limit from: the build hands it to both pages, and no script keeps a copy of its own."""

from __future__ import annotations

import re
from pathlib import Path

from calc.api import browser_contract
from calc.contract import FORMAT_NAME, PROGRESS_LABELS, REGION_LABELS, STATE_LABELS
from calc.template import empty_file, template
from hooks.pyodide_assets import form_data
from site_macros.calculator import calculator_config

SCRIPTS = Path(__file__).resolve().parent.parent / "docs" / "assets" / "javascripts"


def test_both_pages_are_handed_calcs_contract_and_calcs_empty_file():
    form = form_data()
    assert form["contract"] == browser_contract()
    assert form["blank"] == {key: value for key, value in empty_file().items() if key != "years"}
    for number, lang in ((4, "zh"), (17, "en")):
        config = calculator_config(number, lang)
        assert config["contract"] == browser_contract()
        assert {**config["blank"], "years": config["years"], "region": config["region"]} == empty_file(
            tuple(config["years"]), config["region"]
        )


def test_the_empty_file_is_the_template_without_facts():
    county = template(None, (2024, 2025))
    assert empty_file() == {**county, "facts": {}, "evidence": {}}


def test_no_script_keeps_its_own_copy_of_the_contract():
    words = {labels["zh"] for labels in [*STATE_LABELS.values(), *PROGRESS_LABELS.values(), *REGION_LABELS.values()]}
    words |= {labels["en"] for labels in REGION_LABELS.values()} | {"得满分", "比率无定义", "东部", "中部", "西部"}
    found = []
    for path in sorted(SCRIPTS.rglob("*.js")):
        text = path.read_text(encoding="utf-8")
        if FORMAT_NAME in text or re.search(r"version: 1\b|version === 1\b", text):
            found.append(f"{path.name}: format or version")
        found += [f"{path.name}: {word}" for word in sorted(words) if f'"{word}"' in text]
    assert found == []


def test_state_words_are_one_vocabulary_across_calc():
    from calc.compare_text import STATUS
    from calc.spreadsheet.report_xlsx import STATUS as WORKBOOK_STATUS

    for state, labels in STATE_LABELS.items():
        assert STATUS["zh"][state] == labels["zh"] and STATUS["en"][state] == labels["en"]
        assert WORKBOOK_STATUS[state] == (labels["zh"], labels["en"])


def test_the_year_box_offers_the_years_calc_accepts():
    from calc.contract import YEARS

    assert browser_contract()["first_year"] == {"min": YEARS[0], "max": YEARS[1]}
    toolbar = (SCRIPTS / "selfscore" / "toolbar.js").read_text(encoding="utf-8")
    assert "contract().first_year" in toolbar
    assert not re.search(r"\b(2000|2099|2100)\b", toolbar)
