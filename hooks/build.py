"""MkDocs hooks for the site build (configured under `hooks:` in mkdocs.yml).

Before every build (and every `mkdocs serve` rebuild):

1. compile data/ into calc/ruleset.json (tools.compile_data), so the scoring core that the site ships
   always matches the data the pages show. Any data problem stops the build.
2. collect the glossary abbreviations (from data/glossary.yaml).

On every page, the glossary terms of the page's language are appended as Python-Markdown `abbr`
definitions, so that they get a tooltip with their definition (Material's content.tooltips): Chinese
pages get the Chinese terms with the Chinese definitions, English pages the English ones. A page can
ask for both languages (front matter `glossary_languages: [zh, en]`, the side-by-side view) or for none
(`glossary_tooltips: false`, the glossary itself). The `abbr` extension only matches whole words
(regex `\\b`), and Chinese has no spaces between words, so a term inside a Chinese sentence was never
marked; the extension registered in on_config matches a term anywhere in Chinese text and still only
as a whole word in Latin text.
"""

from __future__ import annotations

import logging
import re
import sys
from pathlib import Path

from markdown.extensions import Extension
from markdown.extensions.abbr import AbbrTreeprocessor
from markdown.util import AtomicString

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from hooks.fast_block_tests import FastBlockTestsExtension  # noqa: E402
from tools.compile_data import compile_ruleset  # noqa: E402  (needs ROOT on sys.path)
from tools.datasource import load_data  # noqa: E402

SNIPPETS_DIR = ROOT / "build" / "snippets"

log = logging.getLogger("mkdocs.hooks.build")


class _InstantSwitcherNoticeFilter(logging.Filter):
    """Drop mkdocs-static-i18n's notice that its contextual language links do not survive Material's
    instant navigation. The site fixes exactly that: assets/javascripts/site.js re-points the header
    language link after each instant navigation and makes every change of language a full page load
    (tests/test_browser_site.py checks both). Under `strict: true` the notice would only stop the
    build; every other warning of the plugin still counts."""

    MESSAGE = "language switcher contextual link is not compatible with theme.features = navigation.instant"

    def filter(self, record: logging.LogRecord) -> bool:
        return self.MESSAGE not in record.getMessage()


_I18N_NOTICE_FILTER = _InstantSwitcherNoticeFilter()
for _name in ("mkdocs.plugins.mkdocs_static_i18n.reconfigure", "mkdocs.plugins.mkdocs_static_i18n"):
    logging.getLogger(_name).addFilter(_I18N_NOTICE_FILTER)


def abbreviation_lines(terms: list[dict], languages: tuple[str, ...] | list[str] = ("zh", "en")) -> list[str]:
    """Python-Markdown `abbr` definitions for every glossary term of the given languages.

    A Chinese term gets the Chinese definition and an English term the English one; a term spelled the
    same in both (MCN, ODR, 12315) gets the definition of every language asked for, in that order.
    Definitions are single-line by construction.
    """
    definitions: dict[str, list[str]] = {}

    def add(term: str, definition: str) -> None:
        term = term.strip()
        definition = " ".join(definition.split())
        if not term or not definition:
            return
        if "]" in term:
            raise ValueError(f"glossary term {term!r} cannot be an abbreviation (contains ']')")
        existing = definitions.setdefault(term, [])
        if definition not in existing:
            existing.append(definition)

    for lang in languages:
        for entry in terms:
            definition = entry.get("definition") or {}
            for term in [entry[lang], *(entry.get(f"{lang}_variants") or [])]:
                add(term, definition.get(lang, ""))
    return [f"*[{term}]: {' / '.join(texts)}" for term, texts in sorted(definitions.items())]


LANGUAGES = ("zh", "en")
_glossary: list[dict] = []


def page_abbreviation_languages(page) -> tuple[str, ...]:
    """Which languages' glossary terms a page gets tooltips for (see the module docstring)."""
    meta = page.meta or {}
    if meta.get("glossary_tooltips") is False:
        return ()
    if meta.get("glossary_languages"):
        languages = tuple(meta["glossary_languages"])
        unknown = set(languages) - set(LANGUAGES)
        if unknown:
            raise ValueError(f"{page.file.src_uri}: glossary_languages {sorted(unknown)} not in {LANGUAGES}")
        return languages
    top = page.file.src_uri.split("/", 1)[0]
    return (top,) if top in LANGUAGES else LANGUAGES


class _CjkAbbrTreeprocessor(AbbrTreeprocessor):
    """`abbr`'s tree processor, changed in two ways.

    - A word boundary that CJK text can meet: no Latin letter, digit or underscore right before or
      after the term (Python-Markdown uses `\\b`, which never holds between two Han characters).
      Longest terms first, as in Python-Markdown.
    - Only the first occurrence of a term in each section of the page (from one heading to the next)
      is marked, and never inside a link or a heading: a policy text where every other word has a
      dotted underline is hard to read, and a link that is also a tooltip is hard to tap.
    """

    SKIP = {"a", "code", "pre", "abbr", "script", "style"}
    HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}

    def run(self, root):
        if not self.abbrs:
            return
        keys = sorted(self.abbrs, key=len, reverse=True)
        self.RE = re.compile(r"(?<![A-Za-z0-9_])(?:%s)(?![A-Za-z0-9_])" % "|".join(re.escape(k) for k in keys))
        # Pass 1, in document order: which matches to mark. Pass 2: wrap them, last first.
        marks = []  # (element, "text" | "tail", parent, [match, ...])
        seen: set[str] = set()

        def scan(value, el, where, parent):
            if not value or isinstance(value, AtomicString):
                return
            chosen = []
            for match in self.RE.finditer(value):
                term = match.group(0)
                if term not in seen and self.abbrs.get(term):
                    seen.add(term)
                    chosen.append(match)
            if chosen:
                marks.append((el, where, parent, chosen))

        def walk(el, parent, skipping):
            tag = el.tag if isinstance(el.tag, str) else ""
            if tag in self.HEADINGS:
                seen.clear()
            skip_here = skipping or tag in self.SKIP or tag in self.HEADINGS
            if not skip_here:
                scan(el.text, el, "text", None)
            for child in list(el):
                walk(child, el, skip_here)
            if parent is not None and not skipping:
                scan(el.tail, el, "tail", parent)

        walk(root, None, False)
        for el, where, parent, chosen in reversed(marks):
            value = el.text if where == "text" else el.tail
            for match in reversed(chosen):
                abbr = self.create_element(self.abbrs[match.group(0)], match.group(0), value[match.end() :])
                if where == "text":
                    el.insert(0, abbr)
                else:
                    parent.insert(list(parent).index(el) + 1, abbr)
                value = value[: match.start()]
            if where == "text":
                el.text = value
            else:
                el.tail = value


class CjkAbbrExtension(Extension):
    """Replaces the tree processor of the `abbr` extension (which must be listed before it)."""

    def extendMarkdown(self, md):
        current = md.treeprocessors["abbr"]
        md.treeprocessors.register(_CjkAbbrTreeprocessor(md, current.abbrs), "abbr", 7)


def on_config(config, **kwargs):
    # Snippets resolve base_path against the working directory; pin it to the repository so that
    # `mkdocs build -f /path/to/mkdocs.yml` works from anywhere.
    snippets = config.mdx_configs.setdefault("pymdownx.snippets", {})
    snippets["base_path"] = [str(SNIPPETS_DIR)]
    if "abbr" not in config.markdown_extensions:
        raise ValueError("mkdocs.yml: the glossary tooltips need the `abbr` Markdown extension")
    if not any(isinstance(ext, CjkAbbrExtension) for ext in config.markdown_extensions):
        config.markdown_extensions.append(CjkAbbrExtension())
    # Last, after every extension whose block processors it speeds up (same output, see its docstring).
    if not any(isinstance(ext, FastBlockTestsExtension) for ext in config.markdown_extensions):
        config.markdown_extensions.append(FastBlockTestsExtension())
    return config


def on_pre_build(config, **kwargs):
    if compile_ruleset():
        log.info("hooks: wrote calc/ruleset.json")
    data = load_data()
    _glossary[:] = data["glossary"]


def on_page_markdown(markdown, page, **kwargs):
    languages = page_abbreviation_languages(page)
    if not languages:
        return markdown
    return markdown + "\n\n" + "\n".join(abbreviation_lines(_glossary, languages)) + "\n"


# The toc extension has one permalink_title for the whole site (mkdocs.yml: 本节链接); the English
# edition's ¶ links get theirs in English.
_PERMALINK_TITLE = re.compile(r'(<a class="headerlink" href="#[^"]*") title="本节链接"')


def on_post_page(output, page, config, **kwargs):
    if str(config.theme["language"]) != "en" or "本节链接" not in output:
        return output
    return _PERMALINK_TITLE.sub(r'\1 title="Link to this section"', output)
