"""Macros of the home page: the document's metadata, the task sections, the indicator system in brief,
and the counts the page's prose quotes (templates/home/)."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from site_macros.links import by_id
from site_macros.templating import render
from site_macros.text import text_in
from tools.datasource import load_data


def render_document_meta(data: dict[str, Any], lang: str) -> Markup:
    """发文机关, 发文字号, 成文年份, 解读单位, 附件 as HTML."""
    doc = data["document"]
    unit = by_id(data["units"], doc["interpreting_unit"])
    return Markup(
        render(
            "home/document_meta.html",
            lang,
            issuer=text_in(doc["issuer"], lang, "document.yaml issuer"),
            number=text_in(doc["document_number"], lang, "document.yaml document_number"),
            number_zh=doc["document_number"]["zh"],
            year=doc["year"],
            interpreting_unit=text_in(unit["name"], lang, f"units.yaml {unit['id']} name"),
            attachments=[
                {
                    "number": att["number"],
                    "title": text_in(att["title"], lang, f"document.yaml attachment {att['number']} title"),
                }
                for att in doc["attachments"]
            ],
        )
    )


def render_categories_table(data: dict[str, Any], lang: str) -> str:
    """Markdown table: first-level categories with their points, their second-level categories and how
    many third-level indicators each has."""
    counts: dict[str, int] = {}
    for ind in data["indicators"]:
        counts[ind["category"]] = counts.get(ind["category"], 0) + 1

    def named(cat: dict[str, Any]) -> dict[str, Any]:
        return {"name": text_in(cat["name"], lang, "categories.yaml " + cat["id"]), "points": cat["points"]}

    categories = [
        {
            **named(cat),
            "children": [named(child) for child in cat["children"]],
            "count": sum(counts.get(child["id"], 0) for child in cat["children"]),
        }
        for cat in data["categories"]["categories"]
    ]
    return render(
        "home/categories_table.md",
        lang,
        categories=categories,
        total_points=data["categories"]["total_points"],
        total_count=len(data["indicators"]),
    )


def section_summaries(data: dict[str, Any], lang: str) -> list[dict[str, Any]]:
    where = "tasks.yaml section {}"
    return [
        {
            "label": text_in(s["label"], lang, where.format(s["number"]) + " label"),
            "heading": text_in(s["heading"], lang, where.format(s["number"]) + " heading"),
            "count": sum(1 for task in data["tasks"] if task["section"] == s["number"]),
        }
        for s in data["sections"]
    ]


def document_counts(data: dict[str, Any]) -> dict[str, int]:
    """How many tasks, indicators, categories, sections and points the document has."""
    categories = data["categories"]
    return {
        "tasks": len(data["tasks"]),
        "sections": len(data["sections"]),
        "indicators": len(data["indicators"]),
        "categories": len(categories["categories"]),
        "subcategories": sum(len(c["children"]) for c in categories["categories"]),
        "total_points": categories["total_points"],
        "pass_total": categories["pass_rule"]["total_min"],
        "pass_rate": categories["pass_rule"]["category_rate_min"],
        "leading_group_members": len(data["leading_group"]["members"]),
    }


def register(env: Any, lang: Any) -> None:
    @env.macro
    def document_meta() -> Markup:
        return render_document_meta(load_data(), lang())

    @env.macro
    def categories_table() -> str:
        return render_categories_table(load_data(), lang())

    @env.macro
    def task_sections() -> str:
        return render("home/task_sections.md", lang(), sections=section_summaries(load_data(), lang()))

    @env.macro
    def counts() -> dict[str, int]:
        return document_counts(load_data())
