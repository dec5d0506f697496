"""Macros for the policy pages: the full text, the side-by-side view, the tasks, the leading group
(附件1) and the glossary. Registered by site_macros.define_env through `register(env)`.

Every text comes from data/ through tools.datasource; the ids in data/ are the anchors on the pages
(policy block ids, `task-N`, glossary term ids), so a link to `policy/#goal-3` or `tasks/#task-7` stays
valid for as long as the data keeps its ids.

The renderers are plain functions of (data, language, page source path) that return Markdown, so that
the Markdown extensions (attr_list anchors, abbr glossary tooltips, toc permalinks) apply to the policy
text. Text from data/ is Markdown-escaped before it goes into the page.

Links to pages that other parts of the site provide (units/<id>.md, indicators/NN.md) are made only
when that page exists in the same language folder, so the build never links to a missing page.
"""
from __future__ import annotations

import html
import posixpath
import re
from pathlib import Path
from typing import Any

from markupsafe import Markup

from tools.datasource import glossary_occurrences, load_data, split_unit_mentions

DOCS = Path(__file__).resolve().parent.parent / "docs"
LANGUAGES = ("zh", "en")

# ------------------------------------------------------------------------------------------------
# Words the pages need that are not part of the document (labels, captions). Both languages.
# ------------------------------------------------------------------------------------------------
L10N: dict[str, dict[str, str]] = {
    "responsible": {"zh": "责任单位：", "en": "Responsible units: "},
    "responsible_inline": {"zh": "（责任单位：{units}）", "en": " (Responsible units: {units})"},
    "unit_sep": {"zh": "、", "en": "; "},
    "block_link": {"zh": "本段链接", "en": "Link to this paragraph"},
    "editorial_ref": {"zh": "编注{n}", "en": "note {n}"},
    "editorial_supplied": {"zh": "编者据上下文补加：", "en": "Supplied by the editors: "},
    "editorial_notes": {"zh": "编者注", "en": "Editorial notes"},
    "editorial_notes_intro": {
        "zh": "以下说明本站对原文缺漏、异写之处的处理。原文照录，不作改动；方括号内的序号为编者据上下文补加。",
        "en": "How the site deals with the places where the original is defective or spelled inconsistently. "
              "The original is reproduced as printed; labels in square brackets were supplied by the editors "
              "from the context.",
    },
    "editorial_original": {"zh": "原文：", "en": "Original: "},
    "editorial_where": {"zh": "位置：", "en": "Where: "},
    "attachment_item": {"zh": "{n}、{title}", "en": "{n}. {title}"},
    "attachment_heading": {"zh": "附件{n}", "en": "Attachment {n}"},
    "attachment_2_text": {
        "zh": "附件2共{count}项评估指标，见{link}。",
        "en": "Attachment 2 has {count} assessment indicators; see {link}.",
    },
    "indicator_system": {"zh": "评估指标体系", "en": "the assessment indicator system"},
    "preamble": {"zh": "序言", "en": "Preamble"},
    "closing": {"zh": "结尾", "en": "Closing line"},
    "attachments": {"zh": "附件", "en": "Attachments"},
    "task_n": {"zh": "任务{n}", "en": "Task {n}"},
    "indicator_n": {"zh": "指标{n}", "en": "Indicator {n}"},
    "leading_group": {"zh": "附件1 领导小组", "en": "Attachment 1, leading group"},
    "pass_rule": {"zh": "指标体系与合格标准", "en": "Indicator system and pass standard"},
    "occurs_policy": {"zh": "政策原文", "en": "Policy text"},
    "occurs_tasks": {"zh": "主要任务", "en": "Main tasks"},
    "occurs_indicators": {"zh": "评估指标", "en": "Indicators"},
    "occurs_other": {"zh": "其他", "en": "Other"},
    "occurs": {"zh": "出现位置", "en": "Where it occurs"},
    "not_in_text": {"zh": "文件未直接使用此术语，为便于理解而收录。", "en": "Not used in the document itself; included to explain it."},
    "variants": {"zh": "又作", "en": "Also"},
    "glossary_other_lang": {"zh": "英文", "en": "Chinese"},
    "glossary_def_other": {"zh": "英文释义", "en": "Chinese definition"},
    "col_zh": {"zh": "中文（原文）", "en": "Chinese (authoritative)"},
    "col_en": {"zh": "英文（非官方译文）", "en": "English (unofficial translation)"},
    "lg_role": {"zh": "组内职务", "en": "Role"},
    "lg_name": {"zh": "姓名", "en": "Name"},
    "lg_position": {"zh": "现任职务", "en": "Position"},
    "unit": {"zh": "单位", "en": "Unit"},
    "tasks": {"zh": "负责的任务", "en": "Tasks"},
    "count": {"zh": "项数", "en": "Number"},
}


def t(key: str, lang: str, **kwargs: Any) -> str:
    return L10N[key][lang].format(**kwargs)


def text_of(field: Any, lang: str, where: str) -> str:
    """The `lang` text of a {zh, en} field; fails the build on a missing translation."""
    # Imported here: site_macros/__init__.py imports this module.
    from site_macros import text_in

    return text_in(field, lang, where)


# ------------------------------------------------------------------------------------------------
# Markdown helpers
# ------------------------------------------------------------------------------------------------
_MD_INLINE = re.compile(r"([\\`*_\[\]>{}|#])")


def md_escape(text: str) -> str:
    """Escape a plain text for use inside a Markdown paragraph, heading, table cell or link text."""
    text = " ".join(text.split())
    text = _MD_INLINE.sub(r"\\\1", text).replace("<", "&lt;")
    # A paragraph that starts like a list item or a quotation must stay a paragraph ("1. 加大…").
    text = re.sub(r"^(\d+)\.(?=\s)", r"\1\\.", text)
    text = re.sub(r"^([-+>])(?=\s)", r"\\\1", text)
    return text


def attr(value: str) -> str:
    """A value for an attr_list or HTML attribute, in double quotes."""
    return html.escape(" ".join(value.split()), quote=True)


class Pages:
    """Relative links from one page to other pages of the same language folder."""

    def __init__(self, page_src: str):
        lang, _, rest = page_src.partition("/")
        if lang not in LANGUAGES:
            raise RuntimeError(f"{page_src}: pages live under docs/zh/ or docs/en/")
        self.lang = lang
        self.dir = posixpath.dirname(rest) or "."

    def exists(self, target: str) -> bool:
        return (DOCS / self.lang / target).is_file()

    def link(self, target: str, anchor: str = "") -> str:
        """Relative Markdown link target from this page to docs/<lang>/<target> (a .md path)."""
        if not self.exists(target):
            raise FileNotFoundError(f"docs/{self.lang}/{target} does not exist")
        path = posixpath.relpath(target, self.dir)
        return path + (f"#{anchor}" if anchor else "")

    def unit_page(self, unit_id: str) -> str | None:
        target = f"units/{unit_id}.md"
        return target if self.exists(target) else None

    def indicator_page(self, number: int) -> str | None:
        target = f"indicators/{number:02d}.md"
        return target if self.exists(target) else None

    def indicators_index(self) -> str | None:
        return "indicators/index.md" if self.exists("indicators/index.md") else None


def unit_record(data: dict[str, Any], unit_id: str) -> dict[str, Any]:
    for unit in data["units"]:
        if unit["id"] == unit_id:
            return unit
    raise KeyError(f"unknown unit id {unit_id!r}")


def unit_link(data: dict[str, Any], pages: Pages, unit_id: str, label: str | None = None) -> str:
    """Markdown for a unit: its name (or `label`, e.g. the spelling the document uses) linked to its
    page when the page exists. A label that differs from the unit's name gets the name as title."""
    unit = unit_record(data, unit_id)
    name = text_of(unit["name"], pages.lang, f"units.yaml {unit_id} name")
    text = md_escape(label if label is not None else name)
    target = pages.unit_page(unit_id)
    if target is None:
        return text
    title = f' "{attr(name)}"' if label is not None and " ".join(label.split()) != name else ""
    return f"[{text}]({pages.link(target)}{title}){{: .unit-link data-unit=\"{unit_id}\" }}"


def responsible_links(data: dict[str, Any], pages: Pages, responsible: dict[str, Any], where: str) -> list[str]:
    """The responsible units of a task, each linked, in the document's order and, in Chinese, in the
    document's own spelling (aliases such as 人行平陆县支行 stay as printed)."""
    lang = pages.lang
    ids = responsible["units"]
    if lang == "zh":
        labels = split_unit_mentions(responsible["text"]["zh"])
    else:
        labels = [part.strip() for part in text_of(responsible["text"], "en", where).split(";")]
    if len(labels) != len(ids):
        raise ValueError(f"{where}: {len(labels)} unit names in the {lang} text but {len(ids)} unit ids")
    return [unit_link(data, pages, unit_id, label) for unit_id, label in zip(ids, labels)]


def block_link(block_id: str, lang: str) -> str:
    """A paragraph permalink (like the heading permalinks of the toc extension), left out of search."""
    return (f'<a class="headerlink block-link" href="#{block_id}" title="{attr(t("block_link", lang))}" '
            f'data-search-exclude>¶</a>')


# ------------------------------------------------------------------------------------------------
# Editorial notes
# ------------------------------------------------------------------------------------------------
def editorial_notes(data: dict[str, Any]) -> list[dict[str, Any]]:
    return data["document"]["editorial_notes"]


def note_number(data: dict[str, Any], note_id: str) -> int:
    for n, note in enumerate(editorial_notes(data), start=1):
        if note["id"] == note_id:
            return n
    raise KeyError(f"unknown editorial note {note_id!r}")


def note_anchor(note_id: str) -> str:
    return f"note-{note_id}"


def note_ref(data: dict[str, Any], note_id: str, lang: str, notes_page: str = "") -> str:
    """Superscript reference to an editorial note: a Markdown link (so that MkDocs checks it) to the
    note on the policy page (`notes_page`, a relative .md path; empty on the policy page itself), with
    the note's text as tooltip."""
    note = next(n for n in editorial_notes(data) if n["id"] == note_id)
    text = text_of(note["note"], lang, f"editorial note {note_id}")
    label = t("editorial_ref", lang, n=note_number(data, note_id))
    # The tooltip sits on the <sup>: a Markdown link title cannot hold every note's quotes and brackets.
    return (f'<sup class="editorial-ref" title="{attr(text)}" data-search-exclude>'
            f"[{label}]({notes_page}#{note_anchor(note_id)})</sup>")


def supplied_label(data: dict[str, Any], note_id: str, lang: str) -> str:
    """The label the editors supplied ("（三）"), visibly marked: in square brackets, styled, with the
    note as tooltip and for screen readers."""
    note = next(n for n in editorial_notes(data) if n["id"] == note_id)
    label = text_of(note["supplied_label"], lang, f"editorial note {note_id} supplied_label")
    text = t("editorial_supplied", lang) + text_of(note["note"], lang, f"editorial note {note_id}")
    return (f'<span class="editorial-supplied" data-editorial-note="{note_id}" title="{attr(text)}">'
            f'[{html.escape(label)}]</span>')


def heading_text(data: dict[str, Any], block: dict[str, Any], lang: str, notes_page: str = "") -> tuple[str, str]:
    """(Markdown of a heading block with its supplied label, plain text for the table of contents)."""
    text = text_of(block, lang, f"policy.yaml {block['id']}")
    note_id = block.get("editorial_note")
    if not note_id:
        return md_escape(text), text
    note = next(n for n in editorial_notes(data) if n["id"] == note_id)
    label = text_of(note["supplied_label"], lang, f"editorial note {note_id} supplied_label")
    sep = "" if lang == "zh" else " "
    markdown = f"{supplied_label(data, note_id, lang)}{sep}{md_escape(text)}{note_ref(data, note_id, lang, notes_page)}"
    return markdown, f"[{label}]{sep}{text}"


# ------------------------------------------------------------------------------------------------
# Policy blocks
# ------------------------------------------------------------------------------------------------
def task_by_number(data: dict[str, Any], number: int) -> dict[str, Any]:
    return next(task for task in data["tasks"] if task["number"] == number)


def section_by_number(data: dict[str, Any], number: int) -> dict[str, Any]:
    return next(section for section in data["sections"] if section["number"] == number)


def section_heading(data: dict[str, Any], number: int, lang: str) -> str:
    section = section_by_number(data, number)
    label = text_of(section["label"], lang, f"tasks.yaml section {number} label")
    heading = text_of(section["heading"], lang, f"tasks.yaml section {number} heading")
    return f"{label}{heading}" if lang == "zh" else f"{label} {heading}"


def task_paragraph(data: dict[str, Any], pages: Pages, number: int) -> str:
    """A task as the document prints it: "N. 标题。正文（责任单位：…）", units linked."""
    lang = pages.lang
    task = task_by_number(data, number)
    where = f"tasks.yaml task {number}"
    title = text_of(task["title"], lang, where + " title")
    text = text_of(task["text"], lang, where + " text")
    units = t("unit_sep", lang).join(responsible_links(data, pages, task["responsible"], where))
    stop = "。" if lang == "zh" else ". "
    head = md_escape(f"{number}. {title}") + stop
    return f"{head}{md_escape(text)}{t('responsible_inline', lang, units=units)}"


def attachment_items(data: dict[str, Any], pages: Pages) -> list[str]:
    """The attachment list, each item linked to the page that shows the attachment."""
    lang = pages.lang
    items = []
    for att in data["document"]["attachments"]:
        title = text_of(att["title"], lang, f"document.yaml attachment {att['number']} title")
        target = "leading-group.md" if att["id"] == "leading-group" else pages.indicators_index()
        label = md_escape(t("attachment_item", lang, n=att["number"], title=title))
        if target and pages.exists(target):
            label = f"[{label}]({pages.link(target)})"
        items.append(label)
    return items


def render_policy_block(data: dict[str, Any], pages: Pages, block: dict[str, Any]) -> str:
    """One block of the policy text as Markdown, anchored by its id."""
    lang = pages.lang
    bid = block["id"]
    kind = block["kind"]
    if kind == "heading":
        markdown, plain = heading_text(data, block, lang)
        hashes = "#" * block["level"]
        toc = f' data-toc-label="{attr(plain)}"' if block.get("editorial_note") else ""
        return f"{hashes} {markdown} {{#{bid} .policy-block{toc}}}"
    if kind == "task-section":
        return f"### {md_escape(section_heading(data, block['section'], lang))} {{#{bid} .policy-block}}"
    if kind == "task":
        body = task_paragraph(data, pages, block["task"])
        return f"{body} {block_link(bid, lang)}\n{{: #{bid} .policy-block .policy-task }}"
    if kind in ("paragraph", "closing"):
        text = md_escape(text_of(block, lang, f"policy.yaml {bid}"))
        css = ".policy-closing" if kind == "closing" else ""
        return f"{text} {block_link(bid, lang)}\n{{: #{bid} .policy-block {css} }}"
    if kind == "attachment-list":
        heading = md_escape(text_of(data["document"]["attachments_heading"], lang, "document.yaml attachments_heading"))
        items = "<br>\n".join(attachment_items(data, pages))
        return (f"{heading} {block_link(bid, lang)}\n{{: #{bid} .policy-block .policy-attachments-heading }}\n\n"
                f"{items}\n{{: .policy-attachments }}")
    raise ValueError(f"policy.yaml {bid}: unknown block kind {kind!r}")


def render_title_block(data: dict[str, Any], lang: str) -> str:
    """Letterhead, document number, cover title (with its editorial note) and the body title (h1)."""
    doc = data["document"]
    letterhead = text_of(doc["letterhead"], lang, "document.yaml letterhead")
    number = text_of(doc["document_number"], lang, "document.yaml document_number")
    if lang == "en":
        number = f'{md_escape(number)} (<span lang="zh-Hans">{md_escape(doc["document_number"]["zh"])}</span>)'
    else:
        number = md_escape(number)
    cover = text_of(doc["title"], lang, "document.yaml title")
    cover_note = next((n for n in editorial_notes(data) if n["where"] == "document.yaml#title"), None)
    ref = note_ref(data, cover_note["id"], lang) if cover_note else ""
    short = text_of(doc["short_title"], lang, "document.yaml short_title")
    return "\n\n".join([
        '<div class="doc-head" markdown>',
        f"{md_escape(letterhead)}\n{{: #letterhead .doc-head__letterhead }}",
        f"{number}\n{{: #document-number .doc-head__number }}",
        f"{md_escape(cover)}{ref}\n{{: #cover-title .doc-head__cover-title }}",
        "</div>",
        f"# {md_escape(short)} {{#title}}",
    ])


def render_policy(data: dict[str, Any], page_src: str) -> str:
    """The whole document: title block, every block in order, and the editorial notes."""
    pages = Pages(page_src)
    parts = [render_title_block(data, pages.lang)]
    parts += [render_policy_block(data, pages, block) for block in data["policy"]]
    return "\n\n".join(parts)


def render_attachment_sections(data: dict[str, Any], page_src: str) -> str:
    """Attachment 1 in full (the leading group) and a pointer to Attachment 2 (the indicator pages)."""
    pages = Pages(page_src)
    lang = pages.lang
    parts = [f"## {t('attachment_heading', lang, n=1)} {{#attachment-1}}",
             f"**{md_escape(text_of(data['leading_group']['title'], lang, 'leading_group.yaml title'))}**",
             render_leading_group_table(data, page_src),
             render_leading_group_office(data, page_src),
             f"## {t('attachment_heading', lang, n=2)} {{#attachment-2}}"]
    att2 = next(att for att in data["document"]["attachments"] if att["number"] == 2)
    title = md_escape(text_of(att2["title"], lang, "document.yaml attachment 2 title"))
    parts.append(f"**{title}**")
    target = pages.indicators_index()
    link = f"[{t('indicator_system', lang)}]({pages.link(target)})" if target else t("indicator_system", lang)
    parts.append(md_escape(t("attachment_2_text", lang, count=len(data["indicators"]), link="\x00")).replace("\x00", link))
    return "\n\n".join(parts)


def note_location(data: dict[str, Any], pages: Pages, where: str) -> str | None:
    """Markdown link to the place an editorial note is about, or None if the site has no such page."""
    file, _, key = where.partition("#")
    lang = pages.lang
    if file == "policy.yaml":
        block = next(b for b in data["policy"] if b["id"] == key)
        return f"[{md_escape(block_label(data, block, lang))}](#{key})"
    if file == "document.yaml" and key == "title":
        return f"[{md_escape(text_of(data['document']['title'], lang, 'document.yaml title'))}](#cover-title)"
    if file == "units.yaml":
        target = pages.unit_page(key)
        name = text_of(unit_record(data, key)["name"], lang, f"units.yaml {key} name")
        return f"[{md_escape(name)}]({pages.link(target)})" if target else md_escape(name)
    if file == "categories.yaml":
        target = pages.indicators_index()
        label = t("pass_rule", lang)
        if target:
            return f"[{label}]({pages.link(target)})"
        return f"[{label}]({pages.link('index.md', 'pass-rule')})"
    return None


def render_editorial_notes(data: dict[str, Any], page_src: str) -> str:
    """The notes section: every editorial note, numbered, with its anchor and where it applies."""
    pages = Pages(page_src)
    lang = pages.lang
    lines = [f"## {t('editorial_notes', lang)} {{#editorial-notes}}", "", t("editorial_notes_intro", lang), ""]
    items = []
    for n, note in enumerate(editorial_notes(data), start=1):
        text = md_escape(text_of(note["note"], lang, f"editorial note {note['id']}"))
        original = md_escape(note["original"])
        where = note_location(data, pages, note["where"])
        where_md = f"<br>{t('editorial_where', lang)}{where}" if where else ""
        items.append(
            f'<li id="{note_anchor(note["id"])}" markdown>**{t("editorial_ref", lang, n=n)}** {text}'
            f'<br><span class="editorial-original">{t("editorial_original", lang)}<span lang="zh-Hans">{original}</span>'
            f"{where_md}</span></li>"
        )
    lines.append('<ol class="editorial-notes" markdown>')
    lines += items
    lines.append("</ol>")
    return "\n".join(lines)


# ------------------------------------------------------------------------------------------------
# Side by side
# ------------------------------------------------------------------------------------------------
def _sbs_cell(lang: str, markdown: str, heading_level: int | None = None, link: str = "") -> str:
    lang_attr = "zh-Hans" if lang == "zh" else "en"
    if link:
        # The row's permalink ends the first cell: a line of its own would become a grid item.
        head, sep, tail = markdown.rpartition("\n{:")
        markdown = f"{head} {link}{sep}{tail}" if sep else f"{markdown} {link}"
    if heading_level:
        markdown = f'{markdown}\n{{: .sbs-heading .sbs-heading--{heading_level} role="heading" aria-level="{heading_level}" }}'
    return f'<div class="sbs-cell sbs-cell--{lang}" lang="{lang_attr}" markdown>\n\n{markdown}\n\n</div>'


def _sbs_row(row_id: str, cells: list[str], css: str = "") -> str:
    return "\n".join([f'<div class="sbs-row {css}" id="{row_id}" markdown>', *cells, "</div>"])


def sbs_block_markdown(data: dict[str, Any], pages: Pages, block: dict[str, Any]) -> tuple[str, int | None]:
    """(Markdown, heading level or None) of one block in the language of `pages`."""
    lang = pages.lang
    kind = block["kind"]
    if kind == "heading":
        markdown, _ = heading_text(data, block, lang, pages.link("policy/index.md"))
        return markdown, block["level"]
    if kind == "task-section":
        return md_escape(section_heading(data, block["section"], lang)), 3
    if kind == "task":
        return task_paragraph(data, pages, block["task"]), None
    if kind in ("paragraph", "closing"):
        return md_escape(text_of(block, lang, f"policy.yaml {block['id']}")), None
    if kind == "attachment-list":
        heading = md_escape(text_of(data["document"]["attachments_heading"], lang, "document.yaml attachments_heading"))
        return heading + "<br>\n" + "<br>\n".join(attachment_items(data, pages)), None
    raise ValueError(f"policy.yaml {block['id']}: unknown block kind {kind!r}")


def render_side_by_side(data: dict[str, Any], page_src: str) -> str:
    """Chinese and English aligned block by block; each row anchored by the block id. Links inside
    a cell point into the page's own language folder."""
    page = Pages(page_src)
    # Links must resolve from this page: both columns link within this page's language folder.
    lang_pages = {lang: _LinkLanguage(page, lang) for lang in LANGUAGES}
    rows = ["\n".join([
        '<div class="sbs-head" aria-hidden="true">',
        f'<div class="sbs-head__zh">{t("col_zh", page.lang)}</div>',
        f'<div class="sbs-head__en">{t("col_en", page.lang)}</div>',
        "</div>",
    ])]
    doc = data["document"]
    title_cells = []
    for lang in LANGUAGES:
        number = md_escape(text_of(doc["document_number"], lang, "document.yaml document_number"))
        title = md_escape(text_of(doc["short_title"], lang, "document.yaml short_title"))
        link = block_link("title", page.lang) if lang == "zh" else ""
        title_cells.append(_sbs_cell(lang, f"{number}\n{{: .sbs-number }}\n\n{title} {link}\n"
                                           f'{{: .sbs-heading .sbs-heading--1 role="heading" aria-level="2" }}'))
    rows.append(_sbs_row("title", title_cells, "sbs-row--title"))
    for block in data["policy"]:
        cells = []
        for lang in LANGUAGES:
            markdown, level = sbs_block_markdown(data, lang_pages[lang], block)
            link = block_link(block["id"], page.lang) if lang == "zh" else ""
            cells.append(_sbs_cell(lang, markdown, level, link))
        css = f"sbs-row--{block['kind']}" + (f" sbs-row--h{block['level']}" if block["kind"] == "heading" else "")
        rows.append(_sbs_row(block["id"], cells, css))
    # Left out of the search index (the policy page has the same text): the container is a <section>
    # because Material's search parser matches excluded elements by tag name only, so the first inner
    # </div> would end the exclusion of an outer <div>.
    return ('<section class="sbs" data-search-exclude="true" markdown>\n\n' + "\n\n".join(rows)
            + "\n\n</section>")


class _LinkLanguage(Pages):
    """Pages of the page's own folder (for links), rendering texts in another language."""

    def __init__(self, page: Pages, text_lang: str):
        self.lang = text_lang
        self.dir = page.dir
        self._folder = page.lang

    def exists(self, target: str) -> bool:
        return (DOCS / self._folder / target).is_file()


# ------------------------------------------------------------------------------------------------
# Tasks
# ------------------------------------------------------------------------------------------------
def render_task_list(data: dict[str, Any], page_src: str) -> str:
    """All tasks grouped by section: each task a heading anchored `task-N`, its text and its units."""
    pages = Pages(page_src)
    lang = pages.lang
    parts = []
    for section in data["sections"]:
        parts.append(f"## {md_escape(section_heading(data, section['number'], lang))} {{#tasks-section-{section['number']}}}")
        for task in (tk for tk in data["tasks"] if tk["section"] == section["number"]):
            where = f"tasks.yaml task {task['number']}"
            title = text_of(task["title"], lang, where + " title")
            parts.append(f"### {task['number']}. {md_escape(title)} {{#task-{task['number']} .task-heading}}")
            parts.append(md_escape(text_of(task["text"], lang, where + " text")))
            units = t("unit_sep", lang).join(responsible_links(data, pages, task["responsible"], where))
            parts.append(f"**{t('responsible', lang).strip()}** {units}\n{{: .task-units }}")
    return "\n\n".join(parts)


def render_task_unit_table(data: dict[str, Any], page_src: str) -> str:
    """Unit × task: every unit named as responsible, with the tasks it is responsible for."""
    pages = Pages(page_src)
    lang = pages.lang
    owned: dict[str, list[int]] = {}
    for task in data["tasks"]:
        for unit_id in task["responsible"]["units"]:
            owned.setdefault(unit_id, []).append(task["number"])
    order = [u["id"] for u in data["units"] if u["id"] in owned]
    sep = "、" if lang == "zh" else ", "
    lines = [f"| {t('unit', lang)} | {t('tasks', lang)} | {t('count', lang)} |", "|---|---|---:|"]
    for unit_id in order:
        numbers = sep.join(f"[{n}](#task-{n})" for n in owned[unit_id])
        lines.append(f"| {unit_link(data, pages, unit_id)} | {numbers} | {len(owned[unit_id])} |")
    return '<div class="task-unit-table" markdown>\n\n' + "\n".join(lines) + "\n\n</div>"


# ------------------------------------------------------------------------------------------------
# Leading group (附件1)
# ------------------------------------------------------------------------------------------------
def render_leading_group_table(data: dict[str, Any], page_src: str) -> str:
    pages = Pages(page_src)
    lang = pages.lang
    group = data["leading_group"]
    lines = [f"| {t('lg_role', lang)} | {t('lg_name', lang)} | {t('lg_position', lang)} |", "|---|---|---|"]
    previous_role = None
    for member in group["members"]:
        # The role once per group of rows, as the printed list has it ("成　员：" before the first member).
        role = text_of(group["roles"][member["role"]], lang, f"leading_group.yaml role {member['role']}")
        role_cell = role if member["role"] != previous_role else ""
        previous_role = member["role"]
        # Printed names of two characters are padded with spaces for alignment ("赵  星"); a table
        # aligns by itself.
        name_zh = "".join(member["name"]["zh"].split())
        if lang == "zh":
            name = md_escape(name_zh)
        else:
            name = f'{md_escape(text_of(member["name"], "en", "leading_group.yaml name"))} <span lang="zh-Hans">{md_escape(name_zh)}</span>'
        position = text_of(member["position"], lang, f"leading_group.yaml position of {name_zh}")
        cell = md_escape(position)
        if member.get("unit") and pages.unit_page(member["unit"]):
            cell = unit_link(data, pages, member["unit"], position)
        lines.append(f"| {role_cell} | {name} | {cell} |")
    return '<div class="leading-group-table" markdown>\n\n' + "\n".join(lines) + "\n\n</div>"


def render_leading_group_office(data: dict[str, Any], page_src: str) -> str:
    lang = Pages(page_src).lang
    text = md_escape(text_of(data["leading_group"]["office"], lang, "leading_group.yaml office"))
    return f"{text} {block_link('office', lang)}\n{{: #office }}"


# ------------------------------------------------------------------------------------------------
# Glossary
# ------------------------------------------------------------------------------------------------
def block_label(data: dict[str, Any], block: dict[str, Any], lang: str) -> str:
    """A short name for a policy block: its heading, or the heading it stands under."""
    if block["kind"] == "heading":
        return heading_text(data, block, lang)[1]
    if block["id"] == "preamble":
        return t("preamble", lang)
    if block["kind"] == "closing":
        return t("closing", lang)
    if block["kind"] == "attachment-list":
        return t("attachments", lang)
    before = data["policy"][: data["policy"].index(block)]
    for previous in reversed(before):
        if previous["kind"] == "heading":
            return heading_text(data, previous, lang)[1]
        if previous["kind"] == "task-section":
            return section_heading(data, previous["section"], lang)
    return block["id"]


def occurrence_links(data: dict[str, Any], pages: Pages, places: list[dict[str, Any]]) -> list[tuple[str, list[str]]]:
    """[(group label, [Markdown link, …]), …] for where a glossary term occurs."""
    lang = pages.lang
    groups: dict[str, list[str]] = {"occurs_policy": [], "occurs_tasks": [], "occurs_indicators": [], "occurs_other": []}
    seen: set[str] = set()

    def add(group: str, label: str, target: str | None) -> None:
        if label in seen:
            return
        seen.add(label)
        groups[group].append(f"[{md_escape(label)}]({target})" if target else md_escape(label))

    policy_page = pages.link("policy/index.md") if pages.exists("policy/index.md") else None
    for place in places:
        kind, pid = place["kind"], place["id"]
        if kind == "policy":
            block = next(b for b in data["policy"] if b["id"] == pid)
            add("occurs_policy", block_label(data, block, lang), f"{policy_page}#{pid}" if policy_page else None)
        elif kind == "task":
            target = pages.link("tasks.md", f"task-{pid}") if pages.exists("tasks.md") else None
            add("occurs_tasks", t("task_n", lang, n=pid), target)
        elif kind == "indicator":
            page = pages.indicator_page(pid)
            add("occurs_indicators", t("indicator_n", lang, n=pid), pages.link(page) if page else None)
        elif kind == "indicator-system":
            index = pages.indicators_index()
            add("occurs_indicators", t("pass_rule", lang), pages.link(index) if index else pages.link("index.md", "pass-rule"))
        elif kind == "leading-group":
            target = pages.link("leading-group.md") if pages.exists("leading-group.md") else None
            add("occurs_other", t("leading_group", lang), target)
        else:
            raise ValueError(f"unknown occurrence kind {kind!r}")
    return [(t(key, lang), links) for key, links in groups.items() if links]


def render_glossary(data: dict[str, Any], page_src: str) -> str:
    """Every glossary term: the term in both languages, both definitions, and where it occurs."""
    pages = Pages(page_src)
    lang = pages.lang
    other = "en" if lang == "zh" else "zh"
    other_attr = "en" if other == "en" else "zh-Hans"
    occurrences = glossary_occurrences(data)
    parts = []
    for term in data["glossary"]:
        tid = term["id"]
        own_term, other_term = term[lang], term[other]
        parts.append(f"### {md_escape(own_term)} {{#{tid} .glossary-term}}")
        variants_own = term.get(f"{lang}_variants") or []
        line = f'<span lang="{other_attr}">{md_escape(other_term)}</span>'
        if variants_own:
            line += f" · {t('variants', lang)}：" if lang == "zh" else f" · {t('variants', lang)}: "
            line += "、".join(md_escape(v) for v in variants_own) if lang == "zh" else ", ".join(md_escape(v) for v in variants_own)
        parts.append(f"{line}\n{{: .glossary-other }}")
        parts.append(f"{md_escape(text_of(term['definition'], lang, f'glossary {tid} definition'))}\n{{: .glossary-def }}")
        parts.append(f"{md_escape(text_of(term['definition'], other, f'glossary {tid} definition'))}\n"
                     f'{{: .glossary-def .glossary-def--other lang="{other_attr}" }}')
        places = occurrence_links(data, pages, occurrences[tid])
        if places:
            sep = "、" if lang == "zh" else ", "
            colon = "：" if lang == "zh" else ": "
            groups = "<br>".join(f"{label}{colon}{sep.join(links)}" for label, links in places)
            parts.append(f"**{t('occurs', lang)}**{colon}<br>{groups}\n{{: .glossary-occurs }}")
        else:
            parts.append(f"{t('not_in_text', lang)}\n{{: .glossary-occurs }}")
    return "\n\n".join(parts)


def render_translation_notice(data: dict[str, Any], lang: str) -> str:
    return md_escape(text_of(data["document"]["translation_notice"], lang, "document.yaml translation_notice"))


# ------------------------------------------------------------------------------------------------
# mkdocs-macros registration
# ------------------------------------------------------------------------------------------------
def register(env: Any) -> None:
    def src() -> str:
        if env.page is None:
            raise RuntimeError("a policy macro was called outside a page")
        return env.page.file.src_uri

    @env.macro
    def policy_document() -> Markup:
        """The full policy text with its title block (the policy page)."""
        return Markup(render_policy(load_data(), src()))

    @env.macro
    def policy_attachments() -> Markup:
        return Markup(render_attachment_sections(load_data(), src()))

    @env.macro
    def policy_editorial_notes() -> Markup:
        return Markup(render_editorial_notes(load_data(), src()))

    @env.macro
    def policy_side_by_side() -> Markup:
        return Markup(render_side_by_side(load_data(), src()))

    @env.macro
    def task_list() -> Markup:
        return Markup(render_task_list(load_data(), src()))

    @env.macro
    def task_unit_table() -> Markup:
        return Markup(render_task_unit_table(load_data(), src()))

    @env.macro
    def leading_group_table() -> Markup:
        return Markup(render_leading_group_table(load_data(), src()))

    @env.macro
    def leading_group_office() -> Markup:
        return Markup(render_leading_group_office(load_data(), src()))

    @env.macro
    def glossary_entries() -> Markup:
        return Markup(render_glossary(load_data(), src()))

    @env.macro
    def translation_notice() -> Markup:
        return Markup(render_translation_notice(load_data(), src().partition("/")[0]))

    @env.macro
    def page_link(target: str, anchor: str = "") -> str:
        """Relative link from the current page to docs/<lang>/<target>; fails if it does not exist."""
        return Pages(src()).link(target, anchor)

    @env.macro
    def page_exists(target: str) -> bool:
        return Pages(src()).exists(target)
