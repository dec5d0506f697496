"""Small rendering helpers shared by the indicator and unit macros (site_macros/indicators.py, units.py).

Macros return Markdown with some raw HTML. Text from data/ goes through `md()` when it lands in
Markdown (so a `*` or `[` in a text cannot turn into markup, and a line starting "1." cannot turn into a
list: the verbatim rules must look as printed) and through `h()` when it lands in HTML.
"""
from __future__ import annotations

import posixpath
import re
from typing import Any

from markupsafe import Markup, escape

from site_macros import page_language, text_in

_MD_SPECIAL = re.compile(r"([\\`*_\[\]])")
_LIST_START = re.compile(r"^(\s*)(\d+)([.)])", re.M)
_BULLET_START = re.compile(r"^(\s*)([-+])(\s)", re.M)


def md(text: str) -> str:
    """Plain text for Markdown: no emphasis, links, code or list markers come out of it."""
    text = _MD_SPECIAL.sub(r"\\\1", text)
    text = text.replace("<", "&lt;").replace(">", "&gt;")
    text = _LIST_START.sub(lambda m: f"{m.group(1)}{m.group(2)}\\{m.group(3)}", text)
    text = _BULLET_START.sub(lambda m: f"{m.group(1)}\\{m.group(2)}{m.group(3)}", text)
    if text.startswith("#"):
        text = "\\" + text
    return text


def paragraphs(text: str) -> str:
    """A multi-paragraph data text (paragraphs separated by a newline) as Markdown paragraphs."""
    return "\n\n".join(md(p.strip()) for p in text.split("\n") if p.strip())


def h(text: Any) -> Markup:
    return escape(text)


def tr(field: Any, lang: str, where: str = "") -> str:
    return text_in(field, lang, where)


def lang_of(page: Any) -> str:
    return page_language(page)


def page_link(page: Any, target: str) -> str:
    """Relative link from the current page to docs/<lang>/<target> (target may carry a #fragment)."""
    lang = page_language(page)
    path, _, fragment = target.partition("#")
    rel = posixpath.relpath(f"{lang}/{path}", posixpath.dirname(page.file.src_uri))
    return rel + (f"#{fragment}" if fragment else "")


def strip_final_stop(title: str) -> str:
    """Indicator titles end with 。 or . in the document; headings and table cells drop it."""
    return title[:-1] if title and title[-1] in "。." else title


def item_anchor(item_id: str) -> str:
    """'17.1' → 'item-17-1' (a dot in an id needs escaping in CSS selectors)."""
    return "item-" + item_id.replace(".", "-")


def indicator_file(number: int) -> str:
    return f"indicators/{number:02d}.md"


def unit_file(unit_id: str) -> str:
    return f"units/{unit_id}.md"


def words(table: dict[str, dict[str, str]], lang: str) -> dict[str, str]:
    return {key: value[lang] for key, value in table.items()}
