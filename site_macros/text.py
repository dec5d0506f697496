"""Languages, texts and Markdown escaping for the site macros.

A page's language is the language folder it lives in (docs/zh/… or docs/en/…). Texts from data/ are
{zh, en} fields, read with `text_in`; the site's own words (labels, captions, sentences around data)
are one table, site_macros/strings.yaml, read with `t`. A missing translation fails the build: an
English page must not quietly show Chinese in place of a text data/ does not have yet.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from calc.numbers import fmt_count, to_fraction

LANGUAGES = ("zh", "en")
STRINGS_PATH = Path(__file__).with_name("strings.yaml")


class MissingTranslation(ValueError):
    """A text field has no text in the language a page needs."""


def page_language(page: Any) -> str:
    """The language of a page: the first folder of its source path under docs/ (zh or en)."""
    if page is None:
        raise RuntimeError("a language-dependent macro was called outside a page")
    top = page.file.src_uri.split("/", 1)[0]
    if top not in LANGUAGES:
        raise RuntimeError(f"{page.file.src_uri}: pages live under docs/zh/ or docs/en/")
    return top


def text_in(field: Any, lang: str, where: str = "") -> str:
    """The `lang` text of a {zh, en} field; a missing or empty text raises MissingTranslation."""
    if not isinstance(field, dict) or "zh" not in field:
        raise TypeError(f"{where or 'field'} is not a {{zh, en}} text field: {field!r}")
    value = field.get(lang)
    if not isinstance(value, str) or not value.strip():
        raise MissingTranslation(
            f"{where or 'text field'} has no {lang!r} text (zh: {field['zh'][:40]!r}); "
            "fill it in data/ before the page can be built"
        )
    return value


@lru_cache(maxsize=1)
def strings() -> dict[str, dict[str, str]]:
    """strings.yaml flattened: {"group.key": {"zh": …, "en": …}}."""
    raw = yaml.safe_load(STRINGS_PATH.read_text(encoding="utf-8"))
    table = {f"{group}.{key}": value for group, entries in raw.items() for key, value in entries.items()}
    for key, value in table.items():
        if set(value) != set(LANGUAGES):
            raise MissingTranslation(f"strings.yaml {key}: needs exactly {LANGUAGES}, has {sorted(value)}")
    return table


def t(key: str, lang: str, **values: Any) -> str:
    """The site's own words for `key` in `lang`, with {placeholders} filled in."""
    text = strings()[key][lang]
    return text.format(**values) if values else text


_MD_SPECIAL = re.compile(r"([\\`*_\[\]{}|#])")
_BLOCK_START = re.compile(r"^(\s*)(\d+)([.)])|^(\s*)([-+])(?=\s)", re.M)


def md(text: Any) -> str:
    """Plain text for Markdown, also inside a table cell: no emphasis, link, code, attribute list, cell
    break, heading or list marker comes out of it (a verbatim "1. 加大…" must stay a paragraph)."""
    text = re.sub(r"[ \t\r\n]+", " ", str(text))
    text = _MD_SPECIAL.sub(r"\\\1", text).replace("<", "&lt;").replace(">", "&gt;")
    return _BLOCK_START.sub(lambda m: f"{m[1]}{m[2]}\\{m[3]}" if m[2] else f"{m[4]}\\{m[5]}", text)


def paragraphs(text: str) -> str:
    """A multi-paragraph data text (paragraphs separated by a newline) as Markdown paragraphs."""
    return "\n\n".join(md(p) for p in text.split("\n") if p.strip())


def strip_final_stop(title: str) -> str:
    """Indicator titles end with 。 or . in the document; headings and table cells drop it."""
    return title[:-1] if title and title[-1] in "。." else title


def capitalized(name: str) -> str:
    """Group names read as a phrase in English ("member units of …"); a heading or a cell starts upper case."""
    return name[:1].upper() + name[1:]


def number_text(value: Any) -> str:
    """A number from data/ or calc as the pages show it (no needless decimals)."""
    return fmt_count(to_fraction(value))
