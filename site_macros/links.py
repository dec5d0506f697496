"""Relative links between pages, and the one place that looks records up by id.

Links are relative to the page's source file, as every Markdown link is, so that MkDocs checks them
(strict) and rewrites them for the built page. A link to a page of the site points into the linking
page's own language folder; a download link points to a path under the site root.
"""

from __future__ import annotations

import posixpath
from pathlib import Path
from typing import Any

from site_macros.text import capitalized, text_in

DOCS = Path(__file__).resolve().parent.parent / "docs"


def link(page_src: str, target: str, anchor: str = "", *, download: bool = False) -> str:
    """From docs/<page_src> to docs/<lang>/<target> (a .md path, may carry #fragment), or to the site
    path `target` when `download`. A page that does not exist fails the build."""
    lang = page_src.split("/", 1)[0]
    path, _, fragment = target.partition("#")
    anchor = anchor or fragment
    full = path if download else f"{lang}/{path}"
    if not download and not (DOCS / full).is_file():
        raise FileNotFoundError(f"docs/{full} does not exist")
    rel = posixpath.relpath(full, posixpath.dirname(page_src))
    return rel + (f"#{anchor}" if anchor else "")


def page_exists(page_src: str, target: str) -> bool:
    """Whether docs/<lang of page_src>/<target> exists (links to optional pages are made only then)."""
    return (DOCS / page_src.split("/", 1)[0] / target).is_file()


def optional_link(page_src: str, target: str, anchor: str = "") -> str | None:
    """The link to a page that another part of the site provides, or None while it does not exist."""
    return link(page_src, target, anchor) if page_exists(page_src, target) else None


def indicator_file(number: int) -> str:
    return f"indicators/{number:02d}.md"


def unit_file(unit_id: str) -> str:
    return f"units/{unit_id}.md"


def item_anchor(item_id: str) -> str:
    """'17.1' → 'item-17-1' (a dot in an id needs escaping in CSS selectors)."""
    return "item-" + item_id.replace(".", "-")


def by_id(records: list[dict[str, Any]], value: Any, key: str = "id") -> dict[str, Any]:
    """The record of `records` whose `key` is `value` (a unit by id, a task or indicator by number…)."""
    for record in records:
        if record[key] == value:
            return record
    raise KeyError(f"no record with {key} {value!r}")


def unit_ref(
    data: dict[str, Any], page_src: str, lang: str, unit_id: str, label: str | None = None, heading: bool = False
) -> dict[str, Any]:
    """A unit as the templates link it: its name (capitalized for a heading or a cell), or `label` (the
    spelling the document uses) with the name as title when they differ; its page when there is one; for
    a group, how many member units it stands for (`members`, None for a unit)."""
    unit = by_id(data["units"], unit_id)
    name = text_in(unit["name"], lang, f"units.yaml {unit_id} name")
    differs = label is not None and " ".join(label.split()) != name
    members = data["group_members"].get(unit_id, []) if unit["kind"] == "group" else None
    return {
        "id": unit_id,
        "text": label if label is not None else capitalized(name) if heading else name,
        "title": name if differs else None,
        "href": optional_link(page_src, unit_file(unit_id)),
        "members": None if members is None else len(members),
    }
