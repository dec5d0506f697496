"""The policy pages of the built site: the full text (policy/), the side-by-side view, the tasks, the
leading group (附件1) and the glossary, in both languages (site_macros/policy.py).

Checks against data/ and against the seed itself:
- every policy block id is an anchor, with a permalink, on the policy page in both languages and on
  the side-by-side page;
- the Chinese policy page reproduces the document verbatim: every block, and every task paragraph as
  the seed prints it ("N. 标题。正文（责任单位：…）"), in the seed's order;
- every task anchor exists on the policy, tasks and side-by-side pages, its unit links are the task's
  responsible units in order, and every link resolves to that unit's page;
- the glossary lists every term with both definitions and links that resolve;
- the labels the editors supplied are visibly marked and point to a note that exists;
- glossary tooltips: Chinese pages get Chinese definitions, English pages English ones, and a term in
  the middle of a Chinese sentence is marked.
"""

from __future__ import annotations

import html as html_lib
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from site_helpers import LANGUAGES, ROOT, page_path

from tools.datasource import SEED_PATH, glossary_occurrences, load_data, split_unit_mentions

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"}
PAGES = ["policy/index.md", "policy/side-by-side.md", "tasks.md", "leading-group.md", "glossary.md"]


# ------------------------------------------------------------------------------------------------
# A small DOM (the standard library has no HTML tree builder)
# ------------------------------------------------------------------------------------------------
class Node:
    def __init__(self, tag: str, attrs: dict[str, str | None], parent: "Node | None"):
        self.tag, self.attrs, self.parent = tag, attrs, parent
        self.children: list[Node | str] = []

    @property
    def classes(self) -> list[str]:
        return (self.attrs.get("class") or "").split()

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def iter(self):
        yield self
        for child in self.children:
            if isinstance(child, Node):
                yield from child.iter()

    def find_all(self, tag: str | None = None, cls: str | None = None, **attrs: str) -> list["Node"]:
        return [
            n
            for n in self.iter()
            if (tag is None or n.tag == tag)
            and (cls is None or cls in n.classes)
            and all(n.attrs.get(k.replace("_", "-")) == v for k, v in attrs.items())
        ]

    def find(self, *args, **kwargs) -> "Node | None":
        found = self.find_all(*args, **kwargs)
        return found[0] if found else None

    def ancestors(self):
        node = self.parent
        while node is not None:
            yield node
            node = node.parent


class _TreeBuilder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", {}, None)
        self.current = self.root

    def handle_starttag(self, tag, attrs):
        node = Node(tag, dict(attrs), self.current)
        self.current.children.append(node)
        if tag not in VOID:
            self.current = node

    def handle_startendtag(self, tag, attrs):
        self.current.children.append(Node(tag, dict(attrs), self.current))

    def handle_endtag(self, tag):
        node = self.current
        while node is not self.root and node.tag != tag:
            node = node.parent
        if node is not self.root:
            self.current = node.parent

    def handle_data(self, data):
        self.current.children.append(data)


def parse(path: Path) -> Node:
    builder = _TreeBuilder()
    builder.feed(path.read_text(encoding="utf-8"))
    builder.close()
    return builder.root


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def norm(text: str) -> str:
    return " ".join(text.split())


def without_permalinks(node: Node) -> str:
    """Text of a node without the ¶ permalinks and editorial note references."""
    parts = []
    for child in node.children:
        if isinstance(child, str):
            parts.append(child)
        elif "headerlink" in child.classes or "editorial-ref" in child.classes:
            continue
        else:
            parts.append(without_permalinks(child))
    return "".join(parts)


# ------------------------------------------------------------------------------------------------
# Fixtures
# ------------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def data():
    return load_data()


@pytest.fixture(scope="module")
def doms(built_site):
    return {(lang, page): parse(built_site.html(lang, page)) for lang in LANGUAGES for page in PAGES}


def resolve(built_site, lang: str, page: str, href: str) -> tuple[Path, str]:
    """The built file and the fragment a link on docs/<lang>/<page> points to."""
    base = "/" + page_path(lang, page) + "/"
    base = base.replace("//", "/")
    parts = urlsplit(urljoin(base, href))
    assert not parts.scheme and not parts.netloc, f"{href} leaves the site"
    path = unquote(parts.path)
    target = built_site.dir / path.lstrip("/")
    if path.endswith("/"):
        target = target / "index.html"
    return target, parts.fragment


def assert_link_resolves(built_site, lang: str, page: str, href: str) -> Path:
    target, fragment = resolve(built_site, lang, page, href)
    assert target.is_file(), f"{lang}/{page}: link {href} → {target} does not exist"
    if fragment:
        assert f'id="{fragment}"' in target.read_text(encoding="utf-8"), f"{lang}/{page}: {href}: no anchor #{fragment}"
    return target


def text_field(field: dict, lang: str) -> str:
    return field[lang]


# ------------------------------------------------------------------------------------------------
# Anchors
# ------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_policy_block_is_an_anchor_with_a_permalink(doms, data, lang):
    policy = doms[(lang, "policy/index.md")]
    sbs = doms[(lang, "policy/side-by-side.md")]
    for block in data["policy"]:
        bid = block["id"]
        element = policy.find(id=bid)
        assert element is not None, f"{lang} policy page: no #{bid}"
        assert "policy-block" in element.classes, bid
        links = [a for a in element.find_all("a", cls="headerlink") if a.attrs.get("href") == f"#{bid}"]
        assert links, f"{lang} policy page: #{bid} has no permalink"
        row = sbs.find(id=bid)
        assert row is not None and "sbs-row" in row.classes, f"{lang} side by side: no row #{bid}"
        assert [a for a in row.find_all("a", cls="block-link") if a.attrs.get("href") == f"#{bid}"], bid
    # The title block and the notes have anchors too.
    for anchor in (
        "letterhead",
        "document-number",
        "cover-title",
        "title",
        "editorial-notes",
        "attachment-1",
        "attachment-2",
    ):
        assert policy.find(id=anchor) is not None, anchor


@pytest.mark.parametrize("lang", LANGUAGES)
def test_blocks_come_in_document_order(doms, data, lang):
    ids = [n.attrs["id"] for n in doms[(lang, "policy/index.md")].iter() if "policy-block" in n.classes]
    assert ids == [b["id"] for b in data["policy"]]
    rows = [n.attrs["id"] for n in doms[(lang, "policy/side-by-side.md")].find_all(cls="sbs-row")]
    assert rows == ["title", *[b["id"] for b in data["policy"]]]


# ------------------------------------------------------------------------------------------------
# The text, verbatim
# ------------------------------------------------------------------------------------------------
def expected_block_text(data: dict, block: dict, lang: str) -> str:
    """The text a block must show, without supplied labels (the seed's own text)."""
    kind = block["kind"]
    if kind in ("heading", "paragraph", "closing"):
        return block[lang]
    if kind == "task-section":
        section = next(s for s in data["sections"] if s["number"] == block["section"])
        sep = "" if lang == "zh" else " "
        return section["label"][lang] + sep + section["heading"][lang]
    if kind == "task":
        task = next(t for t in data["tasks"] if t["number"] == block["task"])
        if lang == "zh":
            return (
                f"{task['number']}. {task['title']['zh']}。{task['text']['zh']}"
                f"（责任单位：{task['responsible']['text']['zh']}）"
            )
        return (
            f"{task['number']}. {task['title']['en']}. {task['text']['en']}"
            f" (Responsible units: {task['responsible']['text']['en']})"
        )
    if kind == "attachment-list":
        doc = data["document"]
        items = [
            (f"{a['number']}、" if lang == "zh" else f"{a['number']}. ") + a["title"][lang] for a in doc["attachments"]
        ]
        return " ".join([doc["attachments_heading"][lang], *items])
    raise AssertionError(kind)


def test_chinese_policy_page_is_the_seed_verbatim(doms, data):
    """Every zh block, rendered, is exactly the seed's text (whitespace aside), in the seed's order."""
    seed = squeeze(SEED_PATH.read_text(encoding="utf-8"))
    page = doms[("zh", "policy/index.md")]
    page_text = squeeze(without_permalinks(page))
    position = 0
    for block in data["policy"]:
        element = page.find(id=block["id"])
        shown = squeeze(without_permalinks(element))
        if block["kind"] == "attachment-list":
            shown = squeeze(
                without_permalinks(element)
                + "".join(without_permalinks(n) for n in page.find_all("p", cls="policy-attachments"))
            )
        if block.get("editorial_note"):
            supplied = element.find("span", cls="editorial-supplied")
            shown = shown.replace(squeeze(supplied.text()), "", 1)
        expected = squeeze(expected_block_text(data, block, "zh"))
        assert shown == expected, f"#{block['id']}: shown {shown[:60]}… expected {expected[:60]}…"
        assert expected in seed, f"#{block['id']} is not the seed's text"
        found = seed.find(expected, position)
        assert found >= 0, f"#{block['id']} is out of the seed's order"
        position = found + len(expected)
        assert expected in page_text
    # The title block as printed.
    doc = data["document"]
    for anchor, field in (("letterhead", None), ("document-number", "document_number"), ("cover-title", "title")):
        shown = squeeze(without_permalinks(page.find(id=anchor)))
        if field:
            assert shown == squeeze(doc[field]["zh"]) and shown in seed, anchor
    assert squeeze(page.find("h1").text()).startswith(squeeze(doc["short_title"]["zh"]))


def test_english_policy_page_shows_every_english_block(doms, data):
    page = doms[("en", "policy/index.md")]
    for block in data["policy"]:
        element = page.find(id=block["id"])
        shown = norm(without_permalinks(element))
        if block["kind"] == "attachment-list":
            shown = norm(
                shown + " " + " ".join(without_permalinks(n) for n in page.find_all("p", cls="policy-attachments"))
            )
        if block.get("editorial_note"):
            shown = norm(shown.replace(element.find("span", cls="editorial-supplied").text(), "", 1))
        # Whitespace counts in English ("co-governance. Strengthen", not "co-governance.Strengthen").
        assert norm(shown) == norm(expected_block_text(data, block, "en")), block["id"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_side_by_side_rows_pair_the_two_languages(doms, data, built_site, lang):
    page = doms[(lang, "policy/side-by-side.md")]
    for block in data["policy"]:
        row = page.find(id=block["id"])
        cells = [c for c in row.children if isinstance(c, Node) and "sbs-cell" in c.classes]
        assert [c.attrs.get("lang") for c in cells] == ["zh-Hans", "en"], block["id"]
        for cell, cell_lang in zip(cells, ("zh", "en")):
            shown = without_permalinks(cell)
            if block.get("editorial_note"):
                shown = shown.replace(cell.find("span", cls="editorial-supplied").text(), "", 1)
            compare = squeeze if cell_lang == "zh" else norm
            assert compare(shown) == compare(expected_block_text(data, block, cell_lang)), (block["id"], cell_lang)
    notice = data["document"]["translation_notice"][lang]
    assert norm(notice) in norm(page.text())
    # The aligned text is left out of the search index (the policy page has it): every row sits in the
    # container that Pagefind is told to skip (hooks/search_index.py), inside the indexed article.
    from hooks.search_index import EXCLUDE_SELECTORS

    assert "[data-search-exclude]" in EXCLUDE_SELECTORS
    article = page.find("article")
    assert article is not None and "data-pagefind-body" in article.attrs, "the page itself is searchable"
    rows = page.find_all(cls="sbs-row")
    assert rows
    for row in rows:
        ancestor = row.parent
        while ancestor is not None and "data-search-exclude" not in ancestor.attrs:
            ancestor = ancestor.parent
        assert ancestor is not None, "a side-by-side row is indexed"


# ------------------------------------------------------------------------------------------------
# Tasks and units
# ------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("page", ["policy/index.md", "tasks.md", "policy/side-by-side.md"])
def test_every_task_links_its_responsible_units(doms, data, built_site, lang, page):
    dom = doms[(lang, page)]
    units = {u["id"]: u for u in data["units"]}
    for task in data["tasks"]:
        anchor = f"task-{task['number']}"
        element = dom.find(id=anchor)
        assert element is not None, f"{lang}/{page}: no #{anchor}"
        if page == "tasks.md":  # the heading; text and units follow it up to the next heading
            siblings = element.parent.children
            start = siblings.index(element)
            scope = []
            for sibling in siblings[start + 1 :]:
                if isinstance(sibling, Node) and sibling.tag in ("h2", "h3"):
                    break
                if isinstance(sibling, Node):
                    scope.append(sibling)
            links = [a for node in scope for a in node.find_all("a", cls="unit-link")]
            assert norm(element.text()).startswith(f"{task['number']}. {task['title'][lang]}")
        else:
            links = element.find_all("a", cls="unit-link")
        linked = [a.attrs.get("data-unit") for a in links]
        if page == "policy/side-by-side.md":  # both columns
            assert linked == task["responsible"]["units"] * 2, (anchor, linked)
        else:
            assert linked == task["responsible"]["units"], (anchor, linked)
        for a in links:
            target = assert_link_resolves(built_site, lang, page, a.attrs["href"])
            name = units[a.attrs["data-unit"]]["name"][lang]
            h1 = parse(target).find("h1")
            assert h1 is not None and squeeze(name).lower() in squeeze(h1.text()).lower(), (a.attrs["href"], name)
        if lang == "zh" and page != "policy/side-by-side.md":
            # Link texts are the document's own spelling of each unit.
            assert [a.text() for a in links] == split_unit_mentions(task["responsible"]["text"]["zh"])


@pytest.mark.parametrize("lang", LANGUAGES)
def test_tasks_page_groups_the_tasks_by_section(doms, data, lang):
    dom = doms[(lang, "tasks.md")]
    ids = [
        n.attrs["id"]
        for n in dom.iter()
        if n.tag in ("h2", "h3") and n.attrs.get("id", "").startswith(("task-", "tasks-section-"))
    ]
    expected = []
    for section in data["sections"]:
        expected.append(f"tasks-section-{section['number']}")
        expected += [f"task-{t['number']}" for t in data["tasks"] if t["section"] == section["number"]]
    assert ids == expected
    for task in data["tasks"]:
        heading = dom.find(id=f"task-{task['number']}")
        body = next(
            c for c in heading.parent.children[heading.parent.children.index(heading) + 1 :] if isinstance(c, Node)
        )
        assert norm(body.text()) == norm(task["text"][lang])


@pytest.mark.parametrize("lang", LANGUAGES)
def test_unit_task_table_agrees_with_the_tasks(doms, data, built_site, lang):
    dom = doms[(lang, "tasks.md")]
    table = dom.find(cls="task-unit-table").find("table")
    rows = table.find("tbody").find_all("tr")
    expected: dict[str, list[int]] = {}
    for task in data["tasks"]:
        for unit_id in task["responsible"]["units"]:
            expected.setdefault(unit_id, []).append(task["number"])
    seen = {}
    for row in rows:
        cells = row.find_all("td")
        unit = cells[0].find("a", cls="unit-link").attrs["data-unit"]
        numbers = [int(a.text()) for a in cells[1].find_all("a")]
        assert [a.attrs["href"] for a in cells[1].find_all("a")] == [f"#task-{n}" for n in numbers]
        assert int(cells[2].text()) == len(numbers)
        seen[unit] = numbers
        assert_link_resolves(built_site, lang, "tasks.md", cells[0].find("a").attrs["href"])
    assert seen == expected


# ------------------------------------------------------------------------------------------------
# Leading group
# ------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("lang", LANGUAGES)
def test_leading_group_table(doms, data, built_site, lang):
    dom = doms[(lang, "leading-group.md")]
    group = data["leading_group"]
    rows = dom.find(cls="leading-group-table").find("tbody").find_all("tr")
    assert len(rows) == len(group["members"])
    role = None
    for row, member in zip(rows, group["members"]):
        cells = row.find_all("td")
        if norm(cells[0].text()):
            role = norm(cells[0].text())
        assert role == group["roles"][member["role"]][lang]
        assert squeeze(member["name"]["zh"]) in squeeze(cells[1].text())
        if lang == "en":
            assert member["name"]["en"] in cells[1].text()
        assert norm(cells[2].text()) == norm(member["position"][lang])
        link = cells[2].find("a", cls="unit-link")
        if member.get("unit"):
            assert link is not None and link.attrs["data-unit"] == member["unit"], member["name"]["zh"]
            assert_link_resolves(built_site, lang, "leading-group.md", link.attrs["href"])
        else:
            assert link is None
    office = dom.find(id="office")
    assert squeeze(without_permalinks(office)) == squeeze(group["office"][lang])
    # The same table is 附件1 on the policy page.
    policy = doms[(lang, "policy/index.md")]
    assert len(policy.find(cls="leading-group-table").find("tbody").find_all("tr")) == len(group["members"])


# ------------------------------------------------------------------------------------------------
# Glossary
# ------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("lang", LANGUAGES)
def test_glossary_lists_every_term_with_both_definitions(doms, data, built_site, lang):
    dom = doms[(lang, "glossary.md")]
    occurrences = glossary_occurrences(data)
    headings = dom.find_all("h2", cls="glossary-term")
    assert [h.attrs["id"] for h in headings] == [t["id"] for t in data["glossary"]]
    for heading, term in zip(headings, data["glossary"]):
        assert norm(without_permalinks(heading)) == term[lang]
        siblings = [
            c for c in heading.parent.children[heading.parent.children.index(heading) + 1 :] if isinstance(c, Node)
        ]
        entry = []
        for sibling in siblings:
            if sibling.tag == "h2":
                break
            entry.append(sibling)
        text = norm(" ".join(n.text() for n in entry))
        other = "en" if lang == "zh" else "zh"
        assert norm(term[other]) in text
        assert norm(term["definition"]["zh"]) in text and norm(term["definition"]["en"]) in text, term["id"]
        hrefs = [a.attrs["href"] for n in entry for a in n.find_all("a")]
        targets = set()
        for href in hrefs:
            target, fragment = resolve(built_site, lang, "glossary.md", href)
            assert_link_resolves(built_site, lang, "glossary.md", href)
            targets.add((target.parent.relative_to(built_site.dir).as_posix(), fragment))
        prefix = "" if lang == "zh" else "en/"
        for place in occurrences[term["id"]]:
            if place["kind"] == "task":
                assert (f"{prefix}tasks", f"task-{place['id']}") in targets, (term["id"], place)
            elif place["kind"] == "indicator":
                assert (f"{prefix}indicators/{place['id']:02d}", "") in targets, (term["id"], place)
            elif place["kind"] == "policy":
                assert any(fragment == place["id"] or (t == f"{prefix}policy" and fragment) for t, fragment in targets)
        if not occurrences[term["id"]]:
            assert not hrefs
    # No tooltip on the glossary itself: the definition is right there.
    assert not dom.find_all("abbr")


# ------------------------------------------------------------------------------------------------
# Editorial additions
# ------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("lang", LANGUAGES)
def test_editorial_additions_are_marked_and_explained(doms, data, built_site, lang):
    notes = {n["id"]: n for n in data["document"]["editorial_notes"]}
    policy = doms[(lang, "policy/index.md")]
    sbs = doms[(lang, "policy/side-by-side.md")]
    # Every note is listed, anchored, at the end of the policy page.
    for note in notes.values():
        item = policy.find(id=f"note-{note['id']}")
        assert item is not None and item.tag == "li", note["id"]
        assert norm(note["note"][lang]) in norm(item.text())
        assert squeeze(note["original"]) in squeeze(item.text())
    marked = [b for b in data["policy"] if b.get("editorial_note")]
    assert marked, "policy.yaml has blocks with supplied labels"
    for block in marked:
        note = notes[block["editorial_note"]]
        for page, dom, cells in (("policy/index.md", policy, None), ("policy/side-by-side.md", sbs, ("zh", "en"))):
            element = dom.find(id=block["id"])
            for cell_lang in cells or (lang,):
                scope = element if cells is None else element.find(cls=f"sbs-cell--{cell_lang}")
                supplied = scope.find("span", cls="editorial-supplied")
                label = note["supplied_label"][cell_lang]
                assert supplied is not None and supplied.text() == f"[{label}]", (page, block["id"])
                assert note["note"][cell_lang] in html_lib.unescape(supplied.attrs.get("title", ""))
                # The label is not part of the original text.
                assert label not in block["zh"]
                ref = scope.find("sup", cls="editorial-ref").find("a")
                assert ref.attrs["href"].endswith(f"#note-{note['id']}")
                assert_link_resolves(built_site, lang, page, ref.attrs["href"])


# ------------------------------------------------------------------------------------------------
# Glossary tooltips (hooks/build.py)
# ------------------------------------------------------------------------------------------------
def _definitions(data, lang):
    return {norm(t["definition"][lang]) for t in data["glossary"]}


def test_tooltips_are_in_the_page_language(doms, data):
    zh_defs, en_defs = _definitions(data, "zh"), _definitions(data, "en")
    for lang, own in (("zh", zh_defs), ("en", en_defs)):
        titles = {norm(a.attrs["title"]) for a in doms[(lang, "policy/index.md")].find_all("abbr")}
        assert titles, lang
        assert titles <= own, f"{lang} policy page has tooltips from the other language: {sorted(titles - own)[:3]}"
    # The side-by-side view explains the terms of both columns, each in its own language.
    sbs = doms[("zh", "policy/side-by-side.md")]
    zh_titles = {
        norm(a.attrs["title"])
        for a in sbs.find_all("abbr")
        if any(c.attrs.get("lang") == "zh-Hans" for c in a.ancestors())
    }
    en_titles = {
        norm(a.attrs["title"]) for a in sbs.find_all("abbr") if any(c.attrs.get("lang") == "en" for c in a.ancestors())
    }
    assert zh_titles and en_titles
    assert zh_titles & zh_defs and en_titles & en_defs


def test_terms_inside_chinese_sentences_get_a_tooltip(doms, data):
    """市场主体 in "…引导和鼓励各类市场主体依托互联网…": no word boundary, still marked."""
    term = next(t for t in data["glossary"] if t["zh"] == "市场主体")
    block = doms[("zh", "policy/index.md")].find(id="goal-1-text")
    abbrs = [a for a in block.find_all("abbr") if a.text() == "市场主体"]
    assert abbrs and norm(abbrs[0].attrs["title"]) == norm(term["definition"]["zh"])
    # Never inside a link (a unit's name) or a heading.
    for lang in LANGUAGES:
        for page in PAGES:
            for abbr in doms[(lang, page)].find_all("abbr"):
                assert not any(a.tag in ("a", "h1", "h2", "h3", "h4") for a in abbr.ancestors()), (
                    lang,
                    page,
                    abbr.text(),
                )


def test_tooltip_processor_marks_the_first_occurrence_per_section():
    import importlib.util

    import markdown

    spec = importlib.util.spec_from_file_location("site_build_hook", ROOT / "hooks" / "build.py")
    hook = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hook)
    md = markdown.Markdown(extensions=["abbr", "attr_list", hook.CjkAbbrExtension()])
    source = "\n\n".join(
        [
            "## 市场主体与ODR",
            "引导各类市场主体依托互联网，市场主体再次出现。ODR单位，不是XODR或ODRX。",
            "[市场主体](x.md)之后的市场主体。",
            "## 第二节",
            "各类市场主体。",
            "*[市场主体]: 定义一",
            "*[ODR]: 定义二",
        ]
    )
    out = md.convert(source)
    sections = out.split("<h2")
    assert sections[1].count("<abbr") == 2  # 市场主体 once and ODR once in the first section
    assert '<abbr title="定义二">ODR</abbr>单位' in out and "XODR" in out and "ODRX" in out
    assert "<h2>市场主体与ODR</h2>" in out  # headings are left alone
    assert '<a href="x.md">市场主体</a>' in out
    assert sections[2].count('<abbr title="定义一">市场主体</abbr>') == 1  # a new section marks it again
