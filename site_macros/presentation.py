"""The presentation page (docs/<lang>/indicators/present.md): slides for training sessions, three per
indicator so that each fits a 1024×768 projector: (1/3) title, points, the rule as issued and its reading
in plain words; (2/3) the first worked example (scored by calc at build time); (3/3) the live calculator,
alone because it grows when opened. templates/presentation/slides.html holds the markup;
assets/javascripts/presentation/ moves between slides, filters and prints the handout.

Filters: by first-level category, and by unit, with the indicators a unit is responsible for as the
scoring core's ruleset lists them (calc.ruleset.indicators_for_unit, groups included).

The handout (the page printed) has a running header, the document number and the indicator, and page
numbers: CSS @page margin boxes, as the self-scoring page's printed report has them (Chromium draws
them). The header differs per indicator, so every indicator prints on a named page of its own
(`page: present-17`), whose @page rule carries its header; `handout_css` writes those rules.
"""

from __future__ import annotations

import re
from typing import Any

from calc.ruleset import default_ruleset
from site_macros.calculator import assets_href, calculator_context
from site_macros.indicators import category_path, examples, nature_text
from site_macros.text import page_language, strip_final_stop, t, text_in
from tools.datasource import load_data

PARTS = 3  # rule and reading / worked example / calculator


def slide(data: dict[str, Any], ind: dict[str, Any], lang: str) -> dict[str, Any]:
    first, second = category_path(data, ind["category"])
    return {
        "number": ind["number"],
        "points": ind["points"],
        "category": first["id"],
        "category_name": text_in(first["name"], lang),
        "subcategory_name": text_in(second["name"], lang),
        "nature": nature_text(ind, lang),
        "title": strip_final_stop(text_in(ind["title"], lang)),
        "rule": [p for p in text_in(ind["explanation"], lang).split("\n") if p.strip()],
        "interpretation": [p for p in text_in(ind["interpretation"], lang).split("\n") if p.strip()],
        "example": examples(ind, lang)[0],
        "calculator": calculator_context(ind["number"], lang),
        # "17（1/3）", on the slide and in the bar's position
        "part_labels": [t("present.part", lang, part=part, parts=PARTS) for part in range(1, PARTS + 1)],
    }


def css_string(text: str) -> str:
    """`text` as a CSS string: quotes and backslashes escaped, and no "<" that could close the <style>."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("<", "\\3c ")
    return '"' + re.sub(r"[\r\n]+", " ", escaped) + '"'


def page_counter(lang: str) -> str:
    """strings.yaml's "第 {page} / {pages} 页" as CSS content: "第 " counter(page) " / " counter(pages) " 页"."""
    pieces = re.split(r"\{(page|pages)\}", t("present.page_of", lang))
    # re.split keeps the names it split on at the odd places
    return " ".join(f"counter({piece})" if i % 2 else css_string(piece) for i, piece in enumerate(pieces) if piece)


def handout_css(data: dict[str, Any], slides: list[dict[str, Any]], lang: str) -> str:
    """The handout's @page rules: page numbers at the foot, and over every indicator's pages the document
    number (left) and that indicator (right): a named page per indicator, which present.css's slides are
    on. The body takes the name of the first indicator printed, so that what comes before it (the English
    edition's notice) shares its page instead of forcing a page of its own."""
    number = data["document"]["document_number"]
    document = css_string(t("present.document", lang, number=text_in(number, lang), number_zh=number["zh"]))
    box = "font-size: 8pt; color: #444; font-family: sans-serif;"
    rules = [
        f"@page {{ @top-left {{ content: {document}; white-space: nowrap; {box} }} @bottom-center {{ content: {page_counter(lang)}; {box} }} }}"
    ]
    for s in slides:
        name = f"present-{s['number']}"
        head = css_string(t("present.running_head", lang, number=s["number"], title=s["title"]))
        rules.append(f'.present-slide[data-number="{s["number"]}"] {{ page: {name}; }}')
        rules.append(f'body:has(.present-slide.is-first-shown[data-number="{s["number"]}"]) {{ page: {name}; }}')
        rules.append(f"@page {name} {{ @top-right {{ content: {head}; text-align: right; {box} }} }}")
    return "@media print {\n" + "\n".join(rules) + "\n}"


def presentation_context(data: dict[str, Any], lang: str) -> dict[str, Any]:
    rules = default_ruleset()
    units = []
    for unit in data["units"]:
        numbers = sorted(rules.indicators_for_unit(unit["id"]))
        if numbers:
            units.append({"id": unit["id"], "name": text_in(unit["name"], lang), "numbers": numbers})
    slides = [slide(data, ind, lang) for ind in data["indicators"]]
    return {
        "slides": slides,
        "parts": PARTS,
        "categories": [
            {"id": cat["id"], "name": text_in(cat["name"], lang)} for cat in data["categories"]["categories"]
        ],
        "units": units,
        "assets": assets_href(lang),
        "handout_css": handout_css(data, slides, lang),
    }


def register(env: Any, lang: Any) -> None:
    from site_macros.templating import render

    @env.macro
    def presentation() -> str:
        page_lang = page_language(env.page)
        return render("presentation/slides.html", page_lang, **presentation_context(load_data(), page_lang))


__all__ = ["css_string", "handout_css", "page_counter", "presentation_context", "register"]
