"""The "page not found" page in each language: /404.html in Chinese, /en/404.html in English.

mkdocs-static-i18n renders the theme's 404.html once per language into the same /404.html, so the last
language built (English) won, and a reader of the Chinese site who followed a dead link got an English
page with English navigation (mkdocs-static-i18n issue 284). Each rendering is kept here with its
language, and after the build each is written where its readers' misses land. Servers map a miss under
/en/ to /en/404.html (README, nginx); the tests' server does the same.
"""

from __future__ import annotations

import logging
from pathlib import Path

log = logging.getLogger("mkdocs.hooks.not_found")

TARGET = {"zh": "404.html", "en": "en/404.html"}
_rendered: dict[str, str] = {}


def on_post_template(output_content: str, template_name: str, config, **kwargs) -> str:
    if template_name == "404.html":
        _rendered[str(config.theme["language"])] = output_content
    return output_content


def on_post_build(config, **kwargs) -> None:
    site = Path(config.site_dir)
    for lang, target in TARGET.items():
        if lang in _rendered:
            path = site / target
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(_rendered[lang], encoding="utf-8")
    log.info("404 pages: %s in %s", ", ".join(sorted(_rendered)), site)
