"""The Jinja environment of the site's templates (templates/, also mkdocs-macros' include_dir).

Macros gather data in Python and render one template with it; the markup (Markdown with some HTML)
lives in the template. Templates get the page language `lang`, `t(key, **values)` for the site's own
words in that language (or in `language=`), `tr(field)` for a {zh, en} field of data/, and two escapers: `md` for text in
Markdown (paragraphs, headings, table cells, link texts) and Jinja's `e` for text in HTML; `num`
writes a number as the pages show it.
Jinja comments are {## … ##}, as in the pages (mkdocs.yml), so that `{#id}` attribute lists stay Markdown.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from site_macros.text import md, number_text, paragraphs, t, text_in

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        comment_start_string="{##",
        comment_end_string="##}",
    )
    env.filters.update(md=md, paragraphs=paragraphs, num=number_text)
    return env


def render(template: str, lang: str, **context: Any) -> str:
    """`template` (a path under templates/) rendered for a page in `lang`, without a final newline."""
    return (
        environment()
        .get_template(template)
        .render(
            lang=lang,
            # `language` for a text in the other language (the side-by-side view).
            t=lambda key, language=None, **values: t(key, language or lang, **values),
            tr=lambda field, where="": text_in(field, lang, where),
            **context,
        )
        .rstrip("\n")
    )
