"""Macros for the site's Markdown pages (mkdocs-macros `module_name: site_macros`).

Every value a page shows from the policy comes from data/ through tools.datasource.load_data(); pages
never repeat a figure by hand. The page language is the language folder the page lives in
(docs/zh/… or docs/en/…), so a macro renders the same data in the reader's language.

Missing translations fail the build: an English page must not quietly show Chinese in place of an
English text that data/ does not have yet.

Jinja comments in pages are {## … ##} (see mkdocs.yml), so `{#id}` heading attributes stay Markdown.
"""
from __future__ import annotations

from typing import Any

from markupsafe import Markup, escape

from tools.datasource import load_data

LANGUAGES = ("zh", "en")

# Labels of the document metadata block, as Chinese government sites print them.
META_LABELS = {
    "issuer": {"zh": "发文机关", "en": "Issued by"},
    "document_number": {"zh": "发文字号", "en": "Document number"},
    "year": {"zh": "成文年份", "en": "Year"},
    "interpreting_unit": {"zh": "解读单位", "en": "Interpreted by"},
    "attachments": {"zh": "附件", "en": "Attachments"},
}
ATTACHMENT_PREFIX = {"zh": "附件{n}：", "en": "Attachment {n}: "}


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


def _zh_original(text: str) -> Markup:
    return Markup('<span lang="zh">{}</span>').format(text)


def unit_by_id(data: dict[str, Any], unit_id: str) -> dict[str, Any]:
    for unit in data["units"]:
        if unit["id"] == unit_id:
            return unit
    raise KeyError(f"unknown unit id {unit_id!r}")


def render_document_meta(data: dict[str, Any], lang: str) -> Markup:
    """The metadata block of the policy document (发文机关, 发文字号, 成文年份, 解读单位, 附件) as HTML."""
    doc = data["document"]
    rows: list[tuple[str, Markup]] = []

    rows.append(("issuer", escape(text_in(doc["issuer"], lang, "document.yaml issuer"))))

    number_zh = doc["document_number"]["zh"]
    if lang == "zh":
        number = escape(number_zh)
    else:
        # The Chinese number is the document's identifier: the English edition shows it as printed too.
        number_en = text_in(doc["document_number"], lang, "document.yaml document_number")
        number = Markup("{} ({})").format(number_en, _zh_original(number_zh))
    rows.append(("document_number", number))

    rows.append(("year", escape(str(doc["year"]))))

    unit = unit_by_id(data, doc["interpreting_unit"])
    rows.append(("interpreting_unit", escape(text_in(unit["name"], lang, f"units.yaml {unit['id']} name"))))

    # Newlines between elements keep label and value apart in the search index's plain text.
    items = Markup("\n").join(
        Markup('<li id="meta-attachment-{n}"><span class="doc-meta__label">{prefix}</span><span>{title}</span></li>').format(
            n=att["number"],
            prefix=ATTACHMENT_PREFIX[lang].format(n=att["number"]),
            title=text_in(att["title"], lang, f"document.yaml attachment {att['number']} title"),
        )
        for att in doc["attachments"]
    )
    rows.append(("attachments", Markup('<ol class="doc-meta__attachments" role="list">\n{}\n</ol>').format(items)))

    body = Markup("\n").join(
        Markup('<dt class="doc-meta__{key}">{label}</dt>\n<dd class="doc-meta__{key}">{value}</dd>').format(
            key=key.replace("_", "-"), label=META_LABELS[key][lang], value=value
        )
        for key, value in rows
    )
    label = "文件信息" if lang == "zh" else "Document information"
    return Markup('<dl class="doc-meta" aria-label="{}">\n{}\n</dl>').format(label, body)


def render_categories_table(data: dict[str, Any], lang: str) -> str:
    """Markdown table of the indicator system: first-level categories with their points, their
    second-level categories (one per line) and how many third-level indicators each has. Three
    narrow columns, so that it fits a phone screen."""
    cats = data["categories"]
    counts: dict[str, int] = {}
    for ind in data["indicators"]:
        counts[ind["category"]] = counts.get(ind["category"], 0) + 1
    if lang == "zh":
        head = ("一级指标（分值）", "二级指标（分值）", "三级指标")
        fmt = "{name}（{points}）"
        number_fmt = "{n}项"
        total = "合计（{points}）"
    else:
        head = ("First-level indicator (points)", "Second-level indicators (points)", "Third-level indicators")
        fmt = "{name} ({points})"
        number_fmt = "{n}"
        total = "Total ({points})"
    lines = ["| " + " | ".join(head) + " |", "|---|---|---:|"]
    for cat in cats["categories"]:
        name = text_in(cat["name"], lang, "categories.yaml " + cat["id"])
        children = "<br>".join(
            fmt.format(name=text_in(child["name"], lang, "categories.yaml " + child["id"]), points=child["points"])
            for child in cat["children"]
        )
        number = sum(counts.get(child["id"], 0) for child in cat["children"])
        lines.append(f"| {fmt.format(name=name, points=cat['points'])} | {children} | {number_fmt.format(n=number)} |")
    lines.append(
        f"| **{total.format(points=cats['total_points'])}** | | **{number_fmt.format(n=len(data['indicators']))}** |"
    )
    return "\n".join(lines)


def define_env(env: Any) -> None:
    """mkdocs-macros entry point."""
    from site_macros import policy  # policy text, side by side, tasks, leading group, glossary

    policy.register(env)
    from site_macros import indicators, units  # indicator overview and pages, unit pages and matrix

    indicators.register(env)
    units.register(env)

    def lang() -> str:
        return page_language(env.page)

    @env.macro
    def site_data() -> dict[str, Any]:
        """Everything in data/ (validated), for pages that loop over it."""
        return load_data()

    @env.macro
    def page_lang() -> str:
        return lang()

    @env.filter
    def tr(field: Any) -> str:
        """`{{ field | tr }}`: the text of a {zh, en} field in the page's language."""
        return text_in(field, lang(), "text field")

    @env.macro
    def document_meta() -> Markup:
        return render_document_meta(load_data(), lang())

    @env.macro
    def categories_table() -> str:
        return render_categories_table(load_data(), lang())

    @env.macro
    def task_sections() -> str:
        """Markdown list of the task sections with their labels and how many tasks each has."""
        data = load_data()
        language = lang()
        lines = []
        for section in data["sections"]:
            n = sum(1 for task in data["tasks"] if task["section"] == section["number"])
            label = text_in(section["label"], language, f"tasks.yaml section {section['number']} label")
            heading = text_in(section["heading"], language, f"tasks.yaml section {section['number']} heading")
            if language == "zh":
                lines.append(f"- {label}{heading}（{n}项）")
            else:
                lines.append(f"- {label} {heading} ({n} task{'s' if n != 1 else ''})")
        return "\n".join(lines)

    @env.macro
    def unit_name(unit_id: str) -> str:
        return text_in(unit_by_id(load_data(), unit_id)["name"], lang(), f"units.yaml {unit_id} name")

    @env.macro
    def counts() -> dict[str, int]:
        """How many tasks, indicators, categories, sections and points the document has."""
        data = load_data()
        return {
            "tasks": len(data["tasks"]),
            "sections": len(data["sections"]),
            "indicators": len(data["indicators"]),
            "categories": len(data["categories"]["categories"]),
            "subcategories": sum(len(c["children"]) for c in data["categories"]["categories"]),
            "total_points": data["categories"]["total_points"],
            "pass_total": data["categories"]["pass_rule"]["total_min"],
            "pass_rate": data["categories"]["pass_rule"]["category_rate_min"],
            "leading_group_members": len(data["leading_group"]["members"]),
        }
