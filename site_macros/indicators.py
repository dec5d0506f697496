"""Macros of the indicator pages: the overview (docs/<lang>/indicators/index.md) and one page per indicator
(docs/<lang>/indicators/NN.md, each a single `{{ indicator_page(N) }}` call). The functions here gather
the data of a page; templates/indicators/ holds the markup.

Everything shown comes from data/ (texts, points, categories, units, benchmarks) or from the scoring
core (calc): the minimum scores of the pass rule and every worked example are computed by `calc.score`
while the site is built. The examples are data/worked_examples/NN.yaml (tools/worked_examples.py reads
them; tests/test_worked_examples.py runs them).

Stable anchors (used by tests and by links from other pages):
    overview:  #indicator-table, #cat-<category id>, #row-<N>, #pass-rule, #minimum-scores, #downloads
    page NN:   #indicator-<N>, #rule, #interpretation, #items, #item-<N>-<k>, #facts, #benchmarks,
               #responsible, #examples, #example-<example id>
"""

from __future__ import annotations

import json
import re
from decimal import Decimal
from fractions import Fraction
from typing import Any

import calc
from calc.numbers import fmt
from calc.rules import facts_used as referenced_facts
from calc.ruleset import default_ruleset
from calc.template import empty_file
from site_macros import downloads
from site_macros.calculator import calculator_context
from site_macros.examples import entered_lines
from site_macros.links import by_id, indicator_file, item_anchor, link, unit_ref
from site_macros.templating import render
from site_macros.text import page_language, strip_final_stop, t, text_in
from tools.datasource import load_data
from tools.worked_examples import example_assessment, load_examples, score_example

__all__ = [
    "benchmark_series_for",
    "load_examples",
    "referenced_facts",
    "register",
    "score_example",
    "unpublished_national_facts",
]


def readable_rule(item: dict[str, Any], lang: str) -> str:
    """The sub-item's rule in words (Markdown): the description its rule kind wrote into the ruleset."""
    return render("indicators/description.md", lang, blocks=default_ruleset().items[item["id"]]["description"][lang])


def fact_label(key: str, lang: str) -> str:
    return text_in(default_ruleset().facts[key]["label"], lang, f"fact {key} label")


def category_path(data: dict[str, Any], category_id: str) -> tuple[dict, dict]:
    for cat in data["categories"]["categories"]:
        for child in cat["children"]:
            if child["id"] == category_id:
                return cat, child
    raise KeyError(category_id)


def nature_text(ind: dict[str, Any], lang: str) -> str:
    return ind["nature"] if lang == "zh" else downloads.nature_en(ind["nature"])


def fact_rows(ind: dict[str, Any], src: str, lang: str) -> list[dict[str, Any]]:
    rules = default_ruleset()
    rows = []
    for key, item_ids in referenced_facts(ind):
        fact = rules.facts[key]
        owner = rules.fact_indicator[key]
        rows.append(
            {
                "key": key,
                "fact": fact,
                "anchor": item_anchor(key),
                "item_ids": item_ids,
                "label": None if fact["kind"] == "flag" else fact_label(key, lang),
                "numerator": text_in(fact["numerator"], lang) if "numerator" in fact else None,
                "denominator": text_in(fact["denominator"], lang) if "denominator" in fact else None,
                "owner": None if owner == ind["number"] else {"n": owner, "href": link(src, indicator_file(owner))},
            }
        )
    return rows


def benchmark_series_for(ind: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    rules = default_ruleset()
    out = []
    for key, _ in referenced_facts(ind):
        series_id = (rules.facts[key].get("default") or {}).get("benchmark")
        if series_id:
            out.append((key, rules.benchmarks[series_id]))
    return out


def unpublished_national_facts(ind: dict[str, Any]) -> list[str]:
    """Comparison figures named national_* that have no published default: the user enters them."""
    rules = default_ruleset()
    return [
        key for key, _ in referenced_facts(ind) if key.startswith("national_") and not rules.facts[key].get("default")
    ]


_AMOUNT = re.compile(r"^(\d+(?:\.\d+)?)(万亿|亿)(元|件)$")
_AMOUNT_SCALE = {"万亿": Decimal(10) ** 12, "亿": Decimal(10) ** 8}
_AMOUNT_UNIT_EN = {"元": "yuan", "件": "parcels"}


def amount_text(amount: str, lang: str) -> str:
    """A national total as the statistics bulletin gives it ("117601亿元", "833.6亿件") in the reader's
    language: as is in Chinese, in trillions or billions in English ("11.76 trillion yuan")."""
    match = _AMOUNT.match(amount)
    if lang == "zh" or not match:
        return amount
    value = Decimal(match.group(1)) * _AMOUNT_SCALE[match.group(2)]
    scale, word = (Decimal(10) ** 12, "trillion") if value >= Decimal(10) ** 12 else (Decimal(10) ** 9, "billion")
    number = format((value / scale).quantize(Decimal("0.01")).normalize(), "f")
    return f"{number} {word} {_AMOUNT_UNIT_EN[match.group(3)]}"


def _in_language(entry: dict[str, Any], lang: str) -> dict[str, Any]:
    return {**entry, "amount": amount_text(entry["amount"], lang)} if "amount" in entry else entry


def benchmarks(data: dict[str, Any], ind: dict[str, Any], lang: str) -> dict[str, Any] | None:
    series_list = benchmark_series_for(ind)
    unpublished = unpublished_national_facts(ind)
    if not series_list and not unpublished:
        return None
    by_series = {s["id"]: s for s in data["benchmarks"]["series"]}
    shown = []
    for key, compiled in series_list:
        series = by_series[compiled["id"]]
        shown.append(
            {
                "id": series["id"],
                "label": text_in(series["label"], lang),
                "fact_label": fact_label(key, lang),
                "per_year": bool(default_ruleset().facts[key].get("per_year")),
                "percent": series["unit"] == "percent",
                "has_amount": any("amount" in v for v in series["values"].values()),
                "values": [
                    _in_language({"year": year, **series["values"][year]}, lang)
                    for year in sorted(series["values"], key=int)
                ],
                "publisher": text_in(series["publisher"], lang),
                "source": text_in(series["source"], lang),
                "caveat": text_in(series["caveat"], lang) if series.get("caveat") else None,
            }
        )
    return {
        "series": shown,
        "unpublished": [fact_label(k, lang) for k in unpublished],
        "no_published_figure": text_in(data["benchmarks"]["no_published_figure"], lang),
    }


def examples(ind: dict[str, Any], lang: str) -> list[dict[str, Any]]:
    defaults = load_examples()
    rules = default_ruleset()
    shown = []
    for example in defaults["indicators"][ind["number"]]:
        assessment = example_assessment(example, lang)
        inputs = [
            {
                "key": key,
                "flag": rules.facts[key]["kind"] == "flag",
                "label": None if rules.facts[key]["kind"] == "flag" else fact_label(key, lang),
                "lines": entered_lines(rules.facts[key], assessment["facts"].get(key), lang),
            }
            for key, _ in referenced_facts(ind)
        ]
        years = assessment["years"]
        shown.append(
            {
                "id": example["id"],
                "title": text_in(example["title"], lang, f"example {example['id']} title"),
                "result": score_example(ind["number"], example, lang),
                "inputs": inputs,
                "years": years if list(years) != list(defaults["years"]) else None,
            }
        )
    return shown


def indicator_page_context(data: dict[str, Any], src: str, lang: str, number: int) -> dict[str, Any]:
    ind = by_id(data["indicators"], number, "number")
    if src != f"{lang}/{indicator_file(number)}":
        raise ValueError(f"indicator_page({number}) belongs in docs/{lang}/{indicator_file(number)}, not {src}")
    first, second = category_path(data, ind["category"])
    overview = "indicators/index.md"
    defaults = load_examples()
    return {
        "ind": ind,
        "title": strip_final_stop(text_in(ind["title"], lang, f"indicator {number} title")),
        "categories": [
            {
                "label": t(f"indicators.{level}", lang),
                "name": text_in(cat["name"], lang),
                "href": link(src, overview, "cat-" + cat["id"]),
                "points": cat["points"],
            }
            for level, cat in (("first_level", first), ("second_level", second))
        ],
        "nature": nature_text(ind, lang),
        "units": [unit_ref(data, src, lang, uid) for uid in ind["responsible"]["units"]],
        "explanation": text_in(ind["explanation"], lang),
        "interpretation": text_in(ind["interpretation"], lang, f"indicator {number} interpretation"),
        "items": [
            {
                "id": item["id"],
                "anchor": item_anchor(item["id"]),
                "points": item["points"],
                "source": text_in(item["source"], lang, f"item {item['id']} source"),
                "source_zh": item["source"]["zh"],
                "rule": readable_rule(item, lang),
            }
            for item in ind["items"]
        ],
        "facts": fact_rows(ind, src, lang),
        "method": text_in(ind["evaluation"]["method"], lang),
        "sources": [text_in(s, lang) for s in ind["evaluation"]["sources"]],
        "benchmarks": benchmarks(data, ind, lang),
        "region": t(f"indicators.region_{defaults['region']}", lang),
        "years": defaults["years"],
        "examples": examples(ind, lang),
        "calculator": calculator_context(number, lang),
        "overview_href": link(src, overview, f"row-{number}"),
    }


def overview_context(data: dict[str, Any], src: str, lang: str) -> dict[str, Any]:
    """All indicators grouped by first- and second-level category, with subtotals computed from the
    indicators' points, checked against the categories' stated points."""
    categories = []
    grand = 0
    for cat in data["categories"]["categories"]:
        children = []
        for child in cat["children"]:
            rows = [
                {
                    "n": ind["number"],
                    "points": ind["points"],
                    "nature": nature_text(ind, lang),
                    "title": strip_final_stop(text_in(ind["title"], lang)),
                    "href": link(src, indicator_file(ind["number"])),
                }
                for ind in data["indicators"]
                if ind["category"] == child["id"]
            ]
            if sum(r["points"] for r in rows) != child["points"]:
                raise ValueError(
                    f"category {child['id']}: indicators add up to {sum(r['points'] for r in rows)}, not {child['points']}"
                )
            children.append(
                {"id": child["id"], "name": text_in(child["name"], lang), "points": child["points"], "rows": rows}
            )
        if sum(c["points"] for c in children) != cat["points"]:
            raise ValueError(
                f"category {cat['id']}: indicators add up to {sum(c['points'] for c in children)}, not {cat['points']}"
            )
        categories.append(
            {"id": cat["id"], "name": text_in(cat["name"], lang), "points": cat["points"], "children": children}
        )
        grand += cat["points"]
    if grand != data["categories"]["total_points"]:
        raise ValueError(f"the indicators add up to {grand}, not {data['categories']['total_points']}")
    return {"categories": categories, "total": grand}


def pass_rule_context(data: dict[str, Any], src: str, lang: str) -> dict[str, Any]:
    """The pass rule, verbatim, the site's reading of it, and the minimum whole score of every
    first-level category as the scoring core computes it."""
    rule = data["categories"]["pass_rule"]
    empty = calc.score(empty_file(downloads.template_years()))
    rate = rule["category_rate_min"]
    return {
        "source": text_in(rule["source"], lang),
        "source_zh": rule["source"]["zh"],
        "interpretation": text_in(rule["interpretation"], lang),
        "rate": rate,
        "total_min": rule["total_min"],
        "max": empty["max"],
        "categories": [
            {
                "id": cat["id"],
                "name": text_in(cat["name"], lang),
                "max": cat["max"],
                "needed": cat["needed"],
                "exact": fmt(Fraction(cat["max"] * rate, 100), min_decimals=0),
            }
            for cat in empty["categories"]
        ],
    }


def downloads_context(data: dict[str, Any], src: str, lang: str) -> dict[str, Any]:
    """Links to the indicator CSV, the county template, the schema and the example files."""
    example_files = []
    for path in downloads.example_files():
        example = json.loads(path.read_text(encoding="utf-8"))
        scope = example["scope"]
        example_files.append(
            {
                "name": path.name,
                "href": link(src, downloads.example_path(path), download=True),
                "title": example.get("meta", {}).get("title", path.stem),
                "years": example["years"],
                "unit": text_in(by_id(data["units"], scope["unit"])["name"], lang) if scope["kind"] == "unit" else None,
                "report": calc.score(example),
            }
        )
    return {
        "csv": link(src, downloads.CSV_NAME, download=True),
        "county": link(src, downloads.template_path(None), download=True),
        "schema": link(src, downloads.schema_path(), download=True),
        "units_page": link(src, "units/index.md"),
        "years": downloads.template_years(),
        "date": downloads.build_date().isoformat(),
        "examples": example_files,
    }


def register(env: Any, lang: Any) -> None:
    def context() -> tuple[dict[str, Any], str, str]:
        return load_data(), env.page.file.src_uri, page_language(env.page)

    @env.macro
    def indicator_page(number: int) -> str:
        return render("indicators/page.md", lang(), **indicator_page_context(*context(), int(number)))

    @env.macro
    def indicator_table() -> str:
        return render("indicators/overview.html", lang(), **overview_context(*context()))

    @env.macro
    def pass_rule() -> str:
        return render("indicators/pass_rule.md", lang(), **pass_rule_context(*context()))

    @env.macro
    def indicator_downloads() -> str:
        return render("indicators/downloads.md", lang(), **downloads_context(*context()))
