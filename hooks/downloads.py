"""MkDocs hook: the downloads (blank assessment templates, JSON Schema, example files, indicator CSV).

The files are made at build time by site_macros/downloads.py and added to the build as *virtual files
under docs/* (mkdocs File.generated), at downloads/… in the site root. Pages link them with ordinary
relative Markdown links, so `strict: true` checks those links like any other: a link to a download
that does not exist stops the build. (Absolute hrefs would escape that check, and files written into
site/ after the build would be invisible to it.)

Order: mkdocs-static-i18n rebuilds the file list of every language in its own on_files (priority
-100) and cannot handle files without a source path; this hook runs after it (priority -110), once per
language build. Both builds add the same files at the same site-root paths, so there is one copy of each
download, which the Chinese and the English pages both link.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from site_macros.downloads import download_files, template_years  # noqa: E402

log = logging.getLogger("mkdocs.hooks.downloads")


@event_priority(-110)
def on_files(files, config, **kwargs):
    made = download_files()
    for src_uri, content in made.items():
        existing = files.get_file_from_path(src_uri)
        if existing is not None:
            files.remove(existing)
        files.append(File.generated(config, src_uri, content=content))
    log.info("downloads: %d files (blank templates for %d and %d)", len(made), *template_years())
    return files
