"""MkDocs hooks for the site build (configured under `hooks:` in mkdocs.yml).

Before every build (and every `mkdocs serve` rebuild):

1. compile data/ into calc/ruleset.json (tools.compile_data), so the scoring core that the site ships
   always matches the data the pages show. Any data problem stops the build.
2. write the glossary abbreviations (from data/glossary.yaml) that pymdownx.snippets appends to every
   page, so glossary terms get a tooltip with their definition (Material's content.tooltips).
"""
from __future__ import annotations

import logging
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tools.compile_data import compile_ruleset  # noqa: E402  (needs ROOT on sys.path)
from tools.datasource import load_data  # noqa: E402

SNIPPETS_DIR = ROOT / "build" / "snippets"
ABBREVIATIONS_FILE = "abbreviations.md"

log = logging.getLogger("mkdocs.hooks.build")


class _InstantSwitcherNoticeFilter(logging.Filter):
    """Drop mkdocs-static-i18n's notice that its contextual language links do not survive Material's
    instant navigation. The site fixes exactly that (overrides/partials/alternate.html makes the
    language link a full page load, assets/javascripts/site.js re-points it after each instant
    navigation, and tests/test_browser_site_language.py checks it), so under `strict: true` the notice
    would only stop the build. Every other warning of the plugin still counts."""

    MESSAGE = "language switcher contextual link is not compatible with theme.features = navigation.instant"

    def filter(self, record: logging.LogRecord) -> bool:
        return self.MESSAGE not in record.getMessage()


_I18N_NOTICE_FILTER = _InstantSwitcherNoticeFilter()
# jieba (used by Material's search plugin to segment Chinese) reports its dictionary loading on stderr.
logging.getLogger("jieba").setLevel(logging.WARNING)
for _name in ("mkdocs.plugins.mkdocs_static_i18n.reconfigure", "mkdocs.plugins.mkdocs_static_i18n"):
    logging.getLogger(_name).addFilter(_I18N_NOTICE_FILTER)


def abbreviation_lines(terms: list[dict]) -> list[str]:
    """Python-Markdown `abbr` definitions for every glossary term, in both languages.

    A Chinese term gets the Chinese definition and an English term the English one; a term spelled the
    same in both (MCN, ODR, 12315) gets both definitions. Definitions are single-line by construction.
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

    for entry in terms:
        definition = entry.get("definition") or {}
        for term in [entry["zh"], *(entry.get("zh_variants") or [])]:
            add(term, definition.get("zh", ""))
        for term in [entry["en"], *(entry.get("en_variants") or [])]:
            add(term, definition.get("en", ""))
    return [f"*[{term}]: {' / '.join(texts)}" for term, texts in sorted(definitions.items())]


def write_abbreviations() -> Path:
    SNIPPETS_DIR.mkdir(parents=True, exist_ok=True)
    path = SNIPPETS_DIR / ABBREVIATIONS_FILE
    text = "\n".join(["", *abbreviation_lines(load_data()["glossary"]), ""])
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")
    return path


def on_config(config, **kwargs):
    # Snippets resolve base_path against the working directory; pin it to the repository so that
    # `mkdocs build -f /path/to/mkdocs.yml` works from anywhere.
    snippets = config.mdx_configs.setdefault("pymdownx.snippets", {})
    snippets["base_path"] = [str(SNIPPETS_DIR)]
    return config


def on_pre_build(config, **kwargs):
    if compile_ruleset():
        log.info("hooks: wrote calc/ruleset.json")
    write_abbreviations()
