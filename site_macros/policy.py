"""Macros of the policy pages: the full text, the side-by-side view, the tasks, the leading group
(附件1) and the glossary. The functions here gather the data of a page; templates/policy/ holds the markup.

The ids in data/ are the anchors on the pages (policy block ids, `task-N`, glossary term ids), so a link
to `policy/#goal-3` or `tasks/#task-7` stays valid for as long as the data keeps its ids. The renderers
return Markdown, so that the Markdown extensions (attr_list anchors, abbr glossary tooltips, toc
permalinks) apply to the policy text.

Links to pages that other parts of the site provide (units/<id>.md, indicators/NN.md) are made only
when that page exists in the same language folder, so the build never links to a missing page. `src` is
the page's source path (zh/… or en/…): links point into its folder, texts are in `lang`, which is the
page's language except in the side-by-side view.
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from site_macros.links import by_id, indicator_file, link, optional_link, unit_ref
from site_macros.templating import render
from site_macros.text import LANGUAGES, t, text_in
from tools.datasource import glossary_occurrences, load_data, split_unit_mentions


def responsible_refs(data: dict[str, Any], src: str, lang: str, responsible: dict[str, Any], where: str) -> list[dict]:
    """The responsible units of a task in the document's order and, in Chinese, in the document's own
    spelling (aliases such as 人行平陆县支行 stay as printed)."""
    ids = responsible["units"]
    if lang == "zh":
        labels = split_unit_mentions(responsible["text"]["zh"])
    else:
        labels = [part.strip() for part in text_in(responsible["text"], "en", where).split(";")]
    if len(labels) != len(ids):
        raise ValueError(f"{where}: {len(labels)} unit names in the {lang} text but {len(ids)} unit ids")
    return [unit_ref(data, src, lang, unit_id, label) for unit_id, label in zip(ids, labels)]


def note(data: dict[str, Any], note_id: str, lang: str, notes_page: str = "") -> dict[str, Any]:
    """An editorial note; `notes_page` is the relative link to the policy page (empty on that page)."""
    notes = data["document"]["editorial_notes"]
    record = by_id(notes, note_id)
    supplied = record.get("supplied_label")
    return {
        "id": note_id,
        "number": notes.index(record) + 1,
        "href": f"{notes_page}#note-{note_id}",
        "lang": lang,
        "text": text_in(record["note"], lang, f"editorial note {note_id}"),
        "supplied": text_in(supplied, lang, f"editorial note {note_id} supplied_label") if supplied else None,
    }


def section_heading(data: dict[str, Any], number: int, lang: str) -> str:
    section = by_id(data["sections"], number, "number")
    label = text_in(section["label"], lang, f"tasks.yaml section {number} label")
    heading = text_in(section["heading"], lang, f"tasks.yaml section {number} heading")
    return f"{label}{heading}" if lang == "zh" else f"{label} {heading}"


def heading_plain(data: dict[str, Any], block: dict[str, Any], lang: str) -> str:
    """A heading block as plain text, with the label the editors supplied in square brackets."""
    text = text_in(block, lang, f"policy.yaml {block['id']}")
    if not block.get("editorial_note"):
        return text
    return f"[{note(data, block['editorial_note'], lang)['supplied']}]{'' if lang == 'zh' else ' '}{text}"


def task_view(data: dict[str, Any], src: str, lang: str, number: int) -> dict[str, Any]:
    task = by_id(data["tasks"], number, "number")
    where = f"tasks.yaml task {number}"
    return {
        "number": number,
        "lang": lang,
        "title": text_in(task["title"], lang, where + " title"),
        "text": text_in(task["text"], lang, where + " text"),
        "units": responsible_refs(data, src, lang, task["responsible"], where),
    }


def attachment_items(data: dict[str, Any], src: str, lang: str) -> list[dict[str, Any]]:
    """The attachment list, each item linked to the page that shows the attachment."""
    return [
        {
            "number": att["number"],
            "title": text_in(att["title"], lang, f"document.yaml attachment {att['number']} title"),
            "href": optional_link(src, "leading-group.md" if att["id"] == "leading-group" else "indicators/index.md"),
        }
        for att in data["document"]["attachments"]
    ]


def block_view(data: dict[str, Any], src: str, lang: str, block: dict[str, Any], notes_page: str = "") -> dict:
    """One block of the policy text, its texts in `lang`."""
    kind, bid = block["kind"], block["id"]
    view: dict[str, Any] = {"kind": kind, "id": bid, "level": block.get("level"), "lang": lang}
    if kind == "heading":
        view["text"] = text_in(block, lang, f"policy.yaml {bid}")
        view["note"] = note(data, block["editorial_note"], lang, notes_page) if block.get("editorial_note") else None
        view["plain"] = heading_plain(data, block, lang)
    elif kind == "task-section":
        view["text"] = section_heading(data, block["section"], lang)
    elif kind == "task":
        view["task"] = task_view(data, src, lang, block["task"])
    elif kind in ("paragraph", "closing"):
        view["text"] = text_in(block, lang, f"policy.yaml {bid}")
    elif kind == "attachment-list":
        view["text"] = text_in(data["document"]["attachments_heading"], lang, "document.yaml attachments_heading")
        view["items"] = attachment_items(data, src, lang)
    else:
        raise ValueError(f"policy.yaml {bid}: unknown block kind {kind!r}")
    return view


def title_view(data: dict[str, Any], lang: str) -> dict[str, Any]:
    doc = data["document"]
    cover_note = next((n for n in doc["editorial_notes"] if n["where"] == "document.yaml#title"), None)
    return {
        "letterhead": text_in(doc["letterhead"], lang, "document.yaml letterhead"),
        "number": text_in(doc["document_number"], lang, "document.yaml document_number"),
        "number_zh": doc["document_number"]["zh"],
        "cover": text_in(doc["title"], lang, "document.yaml title"),
        "cover_note": note(data, cover_note["id"], lang) if cover_note else None,
        "short": text_in(doc["short_title"], lang, "document.yaml short_title"),
    }


def block_label(data: dict[str, Any], block: dict[str, Any], lang: str) -> str:
    """A short name for a policy block: its heading, or the heading it stands under."""
    if block["kind"] == "heading":
        return heading_plain(data, block, lang)
    if block["id"] == "preamble":
        return t("policy.preamble", lang)
    if block["kind"] in ("closing", "attachment-list"):
        return t("policy.closing" if block["kind"] == "closing" else "policy.attachments", lang)
    for previous in reversed(data["policy"][: data["policy"].index(block)]):
        if previous["kind"] == "heading":
            return heading_plain(data, previous, lang)
        if previous["kind"] == "task-section":
            return section_heading(data, previous["section"], lang)
    return block["id"]


def pass_rule_link(src: str) -> str:
    return optional_link(src, "indicators/index.md") or link(src, "index.md", "pass-rule")


def note_location(data: dict[str, Any], src: str, lang: str, where: str) -> dict[str, Any] | None:
    """The place an editorial note is about ({text, href}), or None if the site has no such page."""
    file, _, key = where.partition("#")
    if file == "policy.yaml":
        return {"text": block_label(data, by_id(data["policy"], key), lang), "href": f"#{key}"}
    if file == "document.yaml" and key == "title":
        return {"text": text_in(data["document"]["title"], lang, "document.yaml title"), "href": "#cover-title"}
    if file == "units.yaml":
        return unit_ref(data, src, lang, key)
    if file == "categories.yaml":
        return {"text": t("policy.pass_rule", lang), "href": pass_rule_link(src)}
    return None


def leading_group_rows(data: dict[str, Any], src: str, lang: str) -> list[dict[str, Any]]:
    group = data["leading_group"]
    rows, previous_role = [], None
    for member in group["members"]:
        role = text_in(group["roles"][member["role"]], lang, f"leading_group.yaml role {member['role']}")
        # Printed names of two characters are padded with spaces for alignment ("赵  星"); a table aligns by itself.
        name_zh = "".join(member["name"]["zh"].split())
        position = text_in(member["position"], lang, f"leading_group.yaml position of {name_zh}")
        unit = member.get("unit")
        rows.append(
            {
                # The role once per group of rows, as the printed list has it ("成　员：" before the first member).
                "role": role if member["role"] != previous_role else "",
                "name": name_zh if lang == "zh" else text_in(member["name"], "en", "leading_group.yaml name"),
                "name_zh": name_zh,
                "position": unit_ref(data, src, lang, unit, position) if unit else {"text": position, "href": None},
            }
        )
        previous_role = member["role"]
    return rows


def occurrence_groups(data: dict[str, Any], src: str, lang: str, places: list[dict[str, Any]]) -> list[dict]:
    """[{label, links: [{text, href}]}] for where a glossary term occurs, each place once."""
    groups: dict[str, list[dict]] = {
        "occurs_policy": [],
        "occurs_tasks": [],
        "occurs_indicators": [],
        "occurs_other": [],
    }
    seen: set[str] = set()
    for place in places:
        kind, pid = place["kind"], place["id"]
        if kind == "policy":
            policy = optional_link(src, "policy/index.md")
            group, text = "occurs_policy", block_label(data, by_id(data["policy"], pid), lang)
            href = f"{policy}#{pid}" if policy else None
        elif kind == "task":
            group, text, href = (
                "occurs_tasks",
                t("policy.task_n", lang, n=pid),
                optional_link(src, "tasks.md", f"task-{pid}"),
            )
        elif kind == "indicator":
            group, text, href = (
                "occurs_indicators",
                t("policy.indicator_n", lang, n=pid),
                optional_link(src, indicator_file(pid)),
            )
        elif kind == "indicator-system":
            group, text, href = "occurs_indicators", t("policy.pass_rule", lang), pass_rule_link(src)
        elif kind == "leading-group":
            group, text, href = "occurs_other", t("policy.leading_group", lang), optional_link(src, "leading-group.md")
        else:
            raise ValueError(f"unknown occurrence kind {kind!r}")
        if text not in seen:
            seen.add(text)
            groups[group].append({"text": text, "href": href})
    return [{"label": t(f"policy.{key}", lang), "links": links} for key, links in groups.items() if links]


def glossary_terms(data: dict[str, Any], src: str, lang: str) -> list[dict[str, Any]]:
    other = "en" if lang == "zh" else "zh"
    occurrences = glossary_occurrences(data)
    return [
        {
            "id": term["id"],
            "term": term[lang],
            "other_term": term[other],
            "variants": term.get(f"{lang}_variants") or [],
            "definition": text_in(term["definition"], lang, f"glossary {term['id']} definition"),
            "other_definition": text_in(term["definition"], other, f"glossary {term['id']} definition"),
            "places": occurrence_groups(data, src, lang, occurrences[term["id"]]),
        }
        for term in data["glossary"]
    ]


def task_units(data: dict[str, Any], src: str, lang: str) -> list[dict[str, Any]]:
    """Every unit named as responsible for a task, in units.yaml order, with its tasks."""
    owned: dict[str, list[int]] = {}
    for task in data["tasks"]:
        for unit_id in task["responsible"]["units"]:
            owned.setdefault(unit_id, []).append(task["number"])
    return [
        {"unit": unit_ref(data, src, lang, u["id"]), "tasks": owned[u["id"]]} for u in data["units"] if u["id"] in owned
    ]


def document_context(data: dict[str, Any], src: str, lang: str) -> dict[str, Any]:
    return {"title": title_view(data, lang), "blocks": [block_view(data, src, lang, b) for b in data["policy"]]}


def attachments_context(data: dict[str, Any], src: str, lang: str) -> dict[str, Any]:
    """Attachment 1 in full (the leading group) and a pointer to Attachment 2 (the indicator pages)."""
    group = data["leading_group"]
    return {
        "title": text_in(group["title"], lang, "leading_group.yaml title"),
        "members": leading_group_rows(data, src, lang),
        **office_context(data, src, lang),
        "attachment_2": text_in(
            by_id(data["document"]["attachments"], 2, "number")["title"], lang, "document.yaml attachment 2 title"
        ),
        "indicator_count": len(data["indicators"]),
        "indicators_index": optional_link(src, "indicators/index.md"),
    }


def notes_context(data: dict[str, Any], src: str, lang: str) -> dict[str, Any]:
    return {
        "notes": [
            {
                **note(data, n["id"], lang),
                "original": n["original"],
                "where": note_location(data, src, lang, n["where"]),
            }
            for n in data["document"]["editorial_notes"]
        ]
    }


def side_by_side_context(data: dict[str, Any], src: str, lang: str) -> dict[str, Any]:
    """Both languages of every block; links inside a cell point into the page's own language folder."""
    policy_page = link(src, "policy/index.md")
    return {
        "title": {x: title_view(data, x) for x in LANGUAGES},
        "rows": [{x: block_view(data, src, x, b, policy_page) for x in LANGUAGES} for b in data["policy"]],
    }


def tasks_context(data: dict[str, Any], src: str, lang: str) -> dict[str, Any]:
    return {
        "sections": [
            {
                "number": sec["number"],
                "heading": section_heading(data, sec["number"], lang),
                "tasks": [
                    task_view(data, src, lang, task["number"])
                    for task in data["tasks"]
                    if task["section"] == sec["number"]
                ],
            }
            for sec in data["sections"]
        ]
    }


def office_context(data: dict[str, Any], src: str, lang: str) -> dict[str, Any]:
    return {"office": text_in(data["leading_group"]["office"], lang, "leading_group.yaml office")}


# Macro name → the function gathering its template's data; the template is templates/policy/<name>.md.
PAGE_PARTS = {
    "policy_document": document_context,
    "policy_attachments": attachments_context,
    "policy_editorial_notes": notes_context,
    "policy_side_by_side": side_by_side_context,
    "task_list": tasks_context,
    "task_unit_table": lambda data, src, lang: {"units": task_units(data, src, lang)},
    "leading_group_table": lambda data, src, lang: {"members": leading_group_rows(data, src, lang)},
    "leading_group_office": office_context,
    "glossary_entries": lambda data, src, lang: {"terms": glossary_terms(data, src, lang)},
    "translation_notice": lambda data, src, lang: {
        "notice": text_in(data["document"]["translation_notice"], lang, "document.yaml translation_notice")
    },
}


def register(env: Any, lang: Any) -> None:
    def part_macro(name: str, context: Any) -> Any:
        def render_part() -> Markup:
            src = env.page.file.src_uri
            return Markup(render(f"policy/{name}.md", lang(), src=src, **context(load_data(), src, lang())))

        return render_part

    for name, context in PAGE_PARTS.items():
        env.macro(part_macro(name, context), name)
