"""Macros for the site's Markdown pages (mkdocs-macros `module_name: site_macros`).

Every value a page shows from the policy comes from data/ through tools.datasource.load_data(); pages
never repeat a figure by hand. The page language is the language folder the page lives in
(docs/zh/… or docs/en/…), so a macro renders the same data in the reader's language.

Layout: each page family has a module that gathers its data (home, policy, units, indicators,
downloads) and templates/ holds the markup (one folder per module, rendered by site_macros.templating).
The site's own words are site_macros/strings.yaml (`t`), texts from data/ are read with `text_in`,
links are made by site_macros.links. Jinja comments in pages are {## … ##} (see mkdocs.yml), so
`{#id}` heading attributes stay Markdown.
"""

from __future__ import annotations

from typing import Any

from site_macros import downloads_page, home, indicators, policy, presentation, units
from site_macros.home import render_categories_table, render_document_meta
from site_macros.links import by_id
from site_macros.text import LANGUAGES, MissingTranslation, page_language, text_in
from tools.datasource import load_data

__all__ = [
    "LANGUAGES",
    "MissingTranslation",
    "define_env",
    "render_categories_table",
    "render_document_meta",
    "text_in",
]


def define_env(env: Any) -> None:
    """mkdocs-macros entry point."""

    def lang() -> str:
        return page_language(env.page)

    for module in (home, policy, indicators, units, presentation, downloads_page):
        module.register(env, lang)

    @env.macro
    def site_data() -> dict[str, Any]:
        """Everything in data/ (validated), for pages that loop over it."""
        return load_data()

    @env.macro
    def page_lang() -> str:
        return lang()

    @env.filter
    def tr(field: Any) -> str:
        """`{{ field | tr }}`: the text of a {zh, en} field in the page's language."""
        return text_in(field, lang(), "text field")

    @env.macro
    def unit_name(unit_id: str) -> str:
        return text_in(by_id(load_data()["units"], unit_id)["name"], lang(), f"units.yaml {unit_id} name")
