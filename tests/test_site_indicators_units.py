"""The indicator pages, the responsible-unit pages and the downloads, checked in the built site against
data/ and the scoring core:

- every indicator page exists in both languages with its anchors (sections, sub-items, examples);
- the overview table's points are data/'s, its subtotals and totals add up, the minimum scores are calc's;
- every worked example shown is exactly what calc.score gives on the same input (points and every line);
- every unit page lists exactly the indicators calc.ruleset says the unit is responsible for, and the tasks
  data/ names it for (directly or through a group), and the matrix agrees;
- every download link resolves; the templates are calc.template's; the CSV has a BOM and 41 rows.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import posixpath
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from site_helpers import LANGUAGES, ROOT

import calc
from calc.ruleset import default_ruleset
from calc.template import default_years
from site_macros import downloads
from site_macros import indicators as ind_macros
from tools.datasource import load_data

DATA = load_data()
RULES = default_ruleset()
NUMBERS = [ind["number"] for ind in DATA["indicators"]]
UNIT_IDS = [u["id"] for u in DATA["units"] if u["kind"] in ("unit", "group")]
EXAMPLES = ind_macros.load_examples()


# ------------------------------------------------------------------------------------------------
# A small DOM from the standard library's HTML parser
# ------------------------------------------------------------------------------------------------

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Node:
    def __init__(self, tag: str, attrs: dict[str, str], parent: "Node | None"):
        self.tag, self.attrs, self.parent = tag, attrs, parent
        self.children: list[Node | str] = []

    def text(self) -> str:
        out = []
        for child in self.children:
            out.append(child if isinstance(child, str) else ("\n" if child.tag == "br" else child.text()))
        return "".join(out)

    def iter(self):
        for child in self.children:
            if isinstance(child, Node):
                yield child
                yield from child.iter()

    def find_all(self, tag: str | None = None, **attrs: str) -> list["Node"]:
        def matches(node: Node) -> bool:
            if tag and node.tag != tag:
                return False
            for key, value in attrs.items():
                key = key.rstrip("_").replace("_", "-")
                have = node.attrs.get(key)
                if have is None:
                    return False
                if key == "class":
                    if value not in have.split():
                        return False
                elif value is not True and have != value:
                    return False
            return True

        return [node for node in self.iter() if matches(node)]

    def find(self, tag: str | None = None, **attrs: str) -> "Node | None":
        found = self.find_all(tag, **attrs)
        return found[0] if found else None

    def has_class(self, name: str) -> bool:
        return name in self.attrs.get("class", "").split()


class _Builder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", {}, None)
        self.current = self.root

    def handle_starttag(self, tag, attrs):
        node = Node(tag, {k: (v or "") for k, v in attrs}, self.current)
        self.current.children.append(node)
        if tag not in VOID:
            self.current = node

    def handle_startendtag(self, tag, attrs):
        self.current.children.append(Node(tag, {k: (v or "") for k, v in attrs}, self.current))

    def handle_endtag(self, tag):
        node = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:
            self.current = node.parent

    def handle_data(self, data):
        self.current.children.append(data)


def dom(path: Path) -> Node:
    builder = _Builder()
    builder.feed(path.read_text(encoding="utf-8"))
    return builder.root


def article(path: Path) -> Node:
    node = dom(path).find("article")
    assert node is not None, path
    return node


def ids(node: Node) -> set[str]:
    return {n.attrs["id"] for n in node.iter() if "id" in n.attrs}


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def resolve(built_site, page_file: Path, href: str) -> Path:
    """The file a relative href of a built page points to."""
    path = unquote(urlsplit(href).path)
    base = page_file.parent.relative_to(built_site.dir).as_posix()
    target = (
        posixpath.normpath(posixpath.join(base, path))
        if path
        else page_file.parent.relative_to(built_site.dir).as_posix()
    )
    full = built_site.dir / target
    if href.split("#")[0].endswith("/") or full.is_dir():
        full = full / "index.html"
    return full


# ------------------------------------------------------------------------------------------------
# Indicator pages
# ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("number", NUMBERS)
def test_indicator_page_exists_with_its_anchors(built_site, lang, number):
    path = built_site.html(lang, f"indicators/{number:02d}.md")
    assert path.is_file(), path
    page = article(path)
    present = ids(page)
    ind = next(i for i in DATA["indicators"] if i["number"] == number)
    expected = {f"indicator-{number}", "rule", "interpretation", "items", "facts", "responsible", "examples"}
    expected |= {"item-" + item["id"].replace(".", "-") for item in ind["items"]}
    expected |= {f"example-{ex['id']}" for ex in EXAMPLES["indicators"][number]}
    if ind_macros.benchmark_series_for(ind) or ind_macros.unpublished_national_facts(ind):
        expected.add("benchmarks")
    assert expected <= present, sorted(expected - present)
    h1 = page.find("h1")
    assert h1.attrs["id"] == f"indicator-{number}" and h1.has_class("indicator-section")
    text = squash(page.text())
    # The verbatim rule (the English page shows the Chinese original under the translation).
    for paragraph in ind["explanation"]["zh"].split("\n"):
        assert squash(paragraph) in text, paragraph
    if lang == "en":
        for paragraph in ind["explanation"]["en"].split("\n"):
            assert squash(paragraph) in text, paragraph
    assert squash(ind["interpretation"][lang]) in text
    for item in ind["items"]:
        assert squash(item["source"][lang]) in text


def test_benchmark_defaults_are_shown_with_every_year_and_caveat(built_site):
    series = {s["id"]: s for s in DATA["benchmarks"]["series"]}
    shown = set()
    for number in NUMBERS:
        ind = next(i for i in DATA["indicators"] if i["number"] == number)
        for _key, compiled in ind_macros.benchmark_series_for(ind):
            shown.add(number)
            for lang in LANGUAGES:
                page = article(built_site.html(lang, f"indicators/{number:02d}.md"))
                section = page.find(id=f"benchmark-{compiled['id'].replace('_', '-')}")
                assert section is not None, (number, compiled["id"])
                text = squash(page.text())
                for year, entry in series[compiled["id"]]["values"].items():
                    assert re.search(rf"\b{year}\b", text)
                    assert calc.numbers.fmt_count(calc.numbers.to_fraction(entry["value"])) in text
                if series[compiled["id"]].get("caveat"):
                    assert squash(series[compiled["id"]]["caveat"][lang]) in text
    assert shown == {1, 5, 6, 25}


def test_pages_link_the_units_they_name(built_site):
    for number in NUMBERS:
        ind = next(i for i in DATA["indicators"] if i["number"] == number)
        for lang in LANGUAGES:
            path = built_site.html(lang, f"indicators/{number:02d}.md")
            section = _section(article(path), "responsible")
            linked = [resolve(built_site, path, a.attrs["href"]) for a in section.find_all("a") if "href" in a.attrs]
            expected = [built_site.html(lang, f"units/{uid}.md") for uid in ind["responsible"]["units"]]
            assert linked == expected, number


def _section(page: Node, anchor: str) -> Node:
    """Everything from the heading with this id up to the next heading of the same or a higher level."""
    heading = page.find(id=anchor)
    siblings = heading.parent.children
    start = siblings.index(heading)
    level = int(heading.tag[1])
    node = Node("section", {}, None)
    for child in siblings[start + 1 :]:
        if isinstance(child, Node) and re.fullmatch(r"h[1-6]", child.tag) and int(child.tag[1]) <= level:
            break
        node.children.append(child)
    return node


# ------------------------------------------------------------------------------------------------
# Overview
# ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
def test_overview_table_agrees_with_the_data_and_adds_up(built_site, lang):
    path = built_site.html(lang, "indicators/index.md")
    table = article(path).find("table", id="indicator-table")
    rows = table.find_all("tr", class_="ind-row")
    assert [int(r.attrs["data-indicator"]) for r in rows] == NUMBERS
    for row, ind in zip(rows, DATA["indicators"]):
        cells = row.find_all("td")
        assert int(cells[0].text()) == ind["number"]
        assert int(cells[-1].text()) == ind["points"] == int(row.attrs["data-points"])
        assert row.attrs["data-category"] == ind["category"]
        assert squash(cells[1].text()) == ind["title"][lang].rstrip("。.")
        nature = ind["nature"] if lang == "zh" else downloads.nature_en(ind["nature"])
        assert squash(cells[2].text()) == nature
        link = cells[1].find("a")
        assert resolve(built_site, path, link.attrs["href"]) == built_site.html(
            lang, f"indicators/{ind['number']:02d}.md"
        )
    assert sum(int(r.attrs["data-points"]) for r in rows) == 100 == DATA["categories"]["total_points"]
    subtotals = {
        r.attrs["data-subtotal"]: int(r.attrs["data-points"]) for r in table.find_all("tr", class_="ind-row-subtotal")
    }
    totals = {r.attrs["data-total"]: int(r.attrs["data-points"]) for r in table.find_all("tr", class_="ind-row-total")}
    for cat in DATA["categories"]["categories"]:
        for child in cat["children"]:
            members = [i["points"] for i in DATA["indicators"] if i["category"] == child["id"]]
            assert subtotals[child["id"]] == sum(members) == child["points"]
        assert totals[cat["id"]] == sum(subtotals[c["id"]] for c in cat["children"]) == cat["points"]
    grand = table.find("tr", class_="ind-row-grand")
    assert int(grand.attrs["data-points"]) == 100 == sum(totals.values())
    assert {f"cat-{c['id']}" for c in DATA["categories"]["categories"]} <= ids(table)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_pass_rule_and_minimum_scores_come_from_the_core(built_site, lang):
    page = article(built_site.html(lang, "indicators/index.md"))
    text = squash(page.text())
    rule = DATA["categories"]["pass_rule"]
    assert squash(rule["source"][lang]) in text and squash(rule["source"]["zh"]) in text
    report = calc.score(
        {
            "format": calc.FORMAT_NAME,
            "version": calc.FORMAT_VERSION,
            "scope": {"kind": "county"},
            "years": [2024, 2025],
            "facts": {},
        }
    )
    section = _section(page, "minimum-scores")
    rows = [[squash(c.text()) for c in tr.find_all() if c.tag in ("td", "th")] for tr in section.find_all("tr")][1:]
    for row, cat in zip(rows, report["categories"]):
        assert row[0] == cat["name"][lang]
        assert int(row[1]) == cat["max"] and int(row[-1]) == cat["needed"]
    assert rows[-1][-1] == str(rule["total_min"])


# ------------------------------------------------------------------------------------------------
# Worked examples
# ------------------------------------------------------------------------------------------------


def test_every_indicator_has_examples_and_the_boundary_cases_are_there():
    assert sorted(EXAMPLES["indicators"]) == NUMBERS
    ids_ = {ex["id"] for exs in EXAMPLES["indicators"].values() for ex in exs}
    for wanted in (
        "3-exactly-15",
        "1-equal-to-national",
        "5-equal-to-national",
        "6-equal-to-national",
        "3-zero-denominator",
        "28-two",
        "34-three-capped",
    ):
        assert wanted in ids_


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("number", NUMBERS)
def test_worked_examples_shown_are_what_the_core_computes(built_site, lang, number):
    page = article(built_site.html(lang, f"indicators/{number:02d}.md"))
    blocks = page.find_all("div", class_="ind-example")
    examples = EXAMPLES["indicators"][number]
    assert [b.attrs["data-example"] for b in blocks] == [ex["id"] for ex in examples]
    for block, example in zip(blocks, examples):
        facts = {}
        for key, value in example["facts"].items():
            if isinstance(value, list):  # firm names may be given in both languages
                value = [{**f, "name": f["name"][lang] if isinstance(f["name"], dict) else f["name"]} for f in value]
            facts[key] = value
        assessment = {
            "format": calc.FORMAT_NAME,
            "version": calc.FORMAT_VERSION,
            "scope": {"kind": "county"},
            "years": example.get("years", EXAMPLES["years"]),
            "region": example.get("region", EXAMPLES["region"]),
            "facts": facts,
        }
        assert calc.validate(assessment) == []
        result = next(i for i in calc.score(assessment)["indicators"] if i["number"] == number)
        assert result["score"] == example["expect"]["score"], example["id"]
        assert int(block.attrs["data-score"]) == result["score"]
        assert int(block.attrs["data-max"]) == result["max"]
        assert int(block.find("strong", class_="ind-example__score").text()) == result["score"]
        steps = block.find("ul", class_="ind-example__steps").find_all("li")
        assert [s.attrs["data-item"] for s in steps] == [item["id"] for item in result["items"]]
        for step, item in zip(steps, result["items"]):
            assert step.text() == "\n".join(line[lang] for line in item["lines"])
            assert int(step.attrs["data-score"]) == item["score"] and step.attrs["data-status"] == item["status"]
        shown = [r.attrs["data-fact"] for r in block.find_all("tr")]
        assert shown == [
            key for key, _ in ind_macros.referenced_facts(next(i for i in DATA["indicators"] if i["number"] == number))
        ]
        for row in block.find_all("tr"):
            key = row.attrs["data-fact"]
            if key not in facts and not RULES.facts[key].get("default"):
                assert squash(row.find("td").text()) == ("未填写" if lang == "zh" else "not entered")


def test_boundary_examples_say_what_happened(built_site):
    """The boundary cases the plan's readers ask about, as the core explains them."""
    page = article(built_site.html("zh", "indicators/03.md"))
    block = page.find("div", **{"data-example": "3-exactly-15"})
    assert "共同边界" in block.text() and block.attrs["data-score"] == "2"
    page = article(built_site.html("en", "indicators/01.md"))
    block = page.find("div", **{"data-example": "1-equal-to-national"})
    assert "equal is not above" in block.text()
    block = page.find("div", **{"data-example": "1-previous-year-zero"})
    assert "growth is undefined" in block.text()
    page = article(built_site.html("en", "indicators/28.md"))
    block = page.find("div", **{"data-example": "28-two"})
    assert [li.attrs["data-status"] for li in block.find_all("li")] == ["met", "missing", "met-not-counted"]
    page = article(built_site.html("en", "indicators/34.md"))
    assert "capped" in page.find("div", **{"data-example": "34-three-capped"}).text()


def test_an_example_that_no_longer_demonstrates_its_case_stops_the_build():
    example = dict(EXAMPLES["indicators"][3][0], expect={"score": 1, "items": {"3.1": 1}})  # exactly 15 % scores 2
    with pytest.raises(ValueError, match="meant to demonstrate"):
        ind_macros.score_example(3, example, "zh")
    invalid = dict(EXAMPLES["indicators"][3][0], facts={"online_operator_share": {"numerator": 5, "denominator": 2}})
    with pytest.raises(ValueError, match="not a valid assessment"):
        ind_macros.score_example(3, invalid, "zh")


# ------------------------------------------------------------------------------------------------
# Unit pages and the matrix
# ------------------------------------------------------------------------------------------------


def expected_tasks(unit_id: str) -> dict[int, str]:
    members = DATA["group_members"]
    out = {}
    for task in DATA["tasks"]:
        named = task["responsible"]["units"]
        if unit_id in named:
            out[task["number"]] = "direct"
        else:
            via = [g for g in named if unit_id in members.get(g, [])]
            if via:
                out[task["number"]] = f"group:{via[0]}"
    return out


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("unit_id", UNIT_IDS)
def test_unit_page_lists_exactly_its_indicators_and_tasks(built_site, lang, unit_id):
    path = built_site.html(lang, f"units/{unit_id}.md")
    assert path.is_file(), path
    page = article(path)
    unit = next(u for u in DATA["units"] if u["id"] == unit_id)
    assert page.find("h1").attrs["id"] == f"unit-{unit_id}"
    text = page.text()
    for name in [unit["name"]["zh"], *unit.get("aliases", [])]:
        assert name in text, name
    # Indicators: exactly the ruleset's, each marked direct or through the group that names it.
    shown = {
        int(s.attrs["id"][4:]): s.attrs["data-how"]
        for s in page.find_all("span")
        if s.attrs.get("id", "").startswith("ind-")
    }
    assert sorted(shown) == RULES.indicators_for_unit(unit_id)
    for number, how in shown.items():
        named = RULES.indicators[number]["responsible"]
        if how == "direct":
            assert unit_id in named
        else:
            group = how.split(":", 1)[1]
            assert unit_id not in named and group in named and unit_id in DATA["group_members"][group]
    for number in shown:
        row_link = next(
            a for a in page.find_all("a") if a.attrs.get("href", "").rstrip("/").endswith(f"indicators/{number:02d}")
        )
        assert resolve(built_site, path, row_link.attrs["href"]) == built_site.html(lang, f"indicators/{number:02d}.md")
    # Tasks
    tasks = {
        int(s.attrs["id"][5:]): s.attrs["data-how"]
        for s in page.find_all("span")
        if s.attrs.get("id", "").startswith("task-")
    }
    assert tasks == expected_tasks(unit_id)
    # Group members are listed and linked
    if unit["kind"] == "group":
        members = DATA["group_members"][unit_id]
        section = _section(page, "members")
        linked = [resolve(built_site, path, a.attrs["href"]) for a in section.find_all("a")]
        assert linked == [built_site.html(lang, f"units/{m}.md") for m in members]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_matrix_agrees_with_the_ruleset(built_site, lang):
    path = built_site.html(lang, "units/matrix.md")
    table = article(path).find("table", id="unit-matrix")
    rows = table.find("tbody").find_all("tr")
    assert [r.attrs["data-unit"] for r in rows] == UNIT_IDS
    for row in rows:
        unit_id = row.attrs["data-unit"]
        direct = {int(c.attrs["data-n"]) for c in row.find_all("td", class_="m-direct")}
        via = {int(c.attrs["data-n"]) for c in row.find_all("td", class_="m-via")}
        assert sorted(direct | via) == RULES.indicators_for_unit(unit_id)
        assert direct == {n for n in NUMBERS if unit_id in RULES.indicators[n]["responsible"]}
        assert int(row.find("td", class_="m-total").text()) == len(direct | via)
        assert len(row.find_all("td")) == len(NUMBERS) + 1
    header = [squash(th.text()) for th in table.find("thead").find_all("th")][1:-1]
    assert header == [str(n) for n in NUMBERS]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_front_matter_is_read_not_printed(built_site, lang):
    """A front matter that is not valid YAML is silently shown as text: the title must be the page's."""
    import yaml as _yaml

    for page in ("indicators/index.md", "units/index.md", "units/matrix.md"):
        source = (ROOT / "docs" / lang / page).read_text(encoding="utf-8")
        meta = _yaml.safe_load(source.split("---\n")[1])
        built = built_site.html(lang, page)
        assert "description:" not in article(built).text(), page
        title = dom(built).find("title").text()
        assert title.startswith(meta["title"]), (page, title)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_unit_index_links_every_unit_page(built_site, lang):
    path = built_site.html(lang, "units/index.md")
    page = article(path)
    targets = {resolve(built_site, path, a.attrs["href"]) for a in page.find_all("a") if "href" in a.attrs}
    for unit_id in UNIT_IDS:
        assert built_site.html(lang, f"units/{unit_id}.md") in targets


# ------------------------------------------------------------------------------------------------
# Downloads
# ------------------------------------------------------------------------------------------------


def _my_pages(built_site) -> list[Path]:
    pages = []
    for lang in LANGUAGES:
        pages.append(built_site.html(lang, "indicators/index.md"))
        pages.append(built_site.html(lang, "units/index.md"))
        pages.append(built_site.html(lang, "units/matrix.md"))
        pages += [built_site.html(lang, f"indicators/{n:02d}.md") for n in NUMBERS]
        pages += [built_site.html(lang, f"units/{u}.md") for u in UNIT_IDS]
    return pages


def test_every_link_on_these_pages_resolves(built_site):
    """Every relative link of the indicator and unit pages (downloads included) reaches a built file,
    and every #fragment exists on the page it points to."""
    cache: dict[Path, set[str]] = {}
    problems = []
    for path in _my_pages(built_site):
        for a in article(path).find_all("a"):
            href = a.attrs.get("href", "")
            if not href or re.match(r"^[a-z]+:", href):
                continue
            target = resolve(built_site, path, href) if not href.startswith("#") else path
            if not target.is_file():
                problems.append(f"{path.relative_to(built_site.dir)}: {href} → missing")
                continue
            fragment = urlsplit(href).fragment
            if fragment and target.suffix == ".html":
                if target not in cache:
                    cache[target] = ids(dom(target))
                if fragment not in cache[target]:
                    problems.append(f"{path.relative_to(built_site.dir)}: {href} → no #{fragment}")
    assert not problems, problems[:20]


def test_downloads_are_linked_and_resolve(built_site):
    expected_years = default_years(dt.date.today().year)
    overview = {lang: built_site.html(lang, "indicators/index.md") for lang in LANGUAGES}
    for path in overview.values():
        hrefs = [a.attrs["href"] for a in article(path).find_all("a") if "downloads/" in a.attrs.get("href", "")]
        files = {resolve(built_site, path, h).relative_to(built_site.dir).as_posix() for h in hrefs}
        assert downloads.CSV_NAME in files and downloads.template_path(None) in files
        assert downloads.schema_path() in files
        assert {downloads.example_path(p) for p in downloads.example_files()} <= files
    county = json.loads((built_site.dir / downloads.template_path(None)).read_text(encoding="utf-8"))
    assert county == calc.template(None, expected_years)
    assert calc.validate(county) == []
    schema = (built_site.dir / downloads.schema_path()).read_bytes()
    assert schema == (ROOT / "schema" / "assessment.schema.json").read_bytes()
    for path in downloads.example_files():
        assert (built_site.dir / downloads.example_path(path)).read_bytes() == path.read_bytes()
    for unit_id in UNIT_IDS:
        numbers = RULES.indicators_for_unit(unit_id)
        file = built_site.dir / downloads.template_path(unit_id)
        for lang in LANGUAGES:
            page_path = built_site.html(lang, f"units/{unit_id}.md")
            links = [
                a.attrs["href"]
                for a in _section(article(page_path), "template").find_all("a")
                if "downloads/" in a.attrs.get("href", "")
            ]
            if numbers:  # the Excel template of the page's language, the JSON file, and the downloads page
                xlsx = built_site.dir / downloads.xlsx_template_path(unit_id, lang)
                files = [resolve(built_site, page_path, h) for h in links if not h.endswith("downloads/")]
                assert files == [xlsx, file] and len(links) == 3
            else:
                assert links == [] and not file.exists()
        if numbers:
            template = json.loads(file.read_text(encoding="utf-8"))
            assert template == calc.template(unit_id, expected_years)
            assert sorted(int(n) for n in template["evidence"]) == numbers


def test_indicator_csv_has_a_bom_41_rows_and_both_languages(built_site):
    raw = (built_site.dir / downloads.CSV_NAME).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    header, body = rows[0], rows[1:]
    assert len(body) == len(NUMBERS) == 41
    assert all(len(row) == len(header) for row in body)
    for row, ind in zip(body, DATA["indicators"]):
        record = dict(zip(header, row))
        assert int(record["序号 No."]) == ind["number"]
        assert int(record["分值 Points"]) == ind["points"]
        assert record["三级指标"] == ind["title"]["zh"] and record["Indicator"] == ind["title"]["en"]
        assert record["指标说明及打分标准"] == ind["explanation"]["zh"]
        assert record["责任单位"] == ind["responsible"]["text"]["zh"]
    assert sum(int(r[header.index("分值 Points")]) for r in body) == 100


def test_template_years_follow_the_build_date(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(dt.datetime(2027, 3, 1, tzinfo=dt.timezone.utc).timestamp())))
    assert downloads.template_years() == (2025, 2026)
    files = downloads.download_files()
    assert json.loads(files[downloads.template_path(None)])["years"] == [2025, 2026]
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert downloads.template_years(dt.date(2026, 1, 1)) == (2024, 2025)


# ------------------------------------------------------------------------------------------------
# Navigation
# ------------------------------------------------------------------------------------------------


def test_navigation_groups_the_indicators_by_category_in_both_languages():
    import yaml as _yaml

    class Loader(_yaml.SafeLoader):
        pass

    Loader.add_constructor("!ENV", lambda loader, node: None)
    config = _yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)
    section = next(entry["评估指标"] for entry in config["nav"] if isinstance(entry, dict) and "评估指标" in entry)
    groups = [next(iter(e.items())) for e in section[1:]]
    assert [name for name, _ in groups] == [c["name"]["zh"] for c in DATA["categories"]["categories"]]
    for (_name, pages), cat in zip(groups, DATA["categories"]["categories"]):
        children = {c["id"] for c in cat["children"]}
        assert pages == [f"indicators/{i['number']:02d}.md" for i in DATA["indicators"] if i["category"] in children]
    i18n = next(p["i18n"] for p in config["plugins"] if isinstance(p, dict) and "i18n" in p)
    english = next(lang for lang in i18n["languages"] if lang["locale"] == "en")["nav_translations"]
    for cat in DATA["categories"]["categories"]:
        assert english[cat["name"]["zh"]] == cat["name"]["en"]
    units = next(entry["责任单位"] for entry in config["nav"] if isinstance(entry, dict) and "责任单位" in entry)
    listed = []
    for entry in units:
        for value in entry.values():
            listed += value if isinstance(value, list) else [value]
    assert listed[:2] == ["units/index.md", "units/matrix.md"]
    assert sorted(listed[2:]) == sorted(f"units/{u}.md" for u in UNIT_IDS)


def test_the_english_pages_read_in_english(built_site):
    """A reader's review of the English edition (issue 23): ¶ links titled in English, the national
    totals in trillions and billions, the home page and unit pages in plain sentences."""
    indicator_1 = built_site.html("en", "indicators/01.md").read_text(encoding="utf-8")
    assert 'title="本节链接"' not in indicator_1 and 'title="Link to this section"' in indicator_1
    assert 'title="本节链接"' in built_site.html("zh", "indicators/01.md").read_text(encoding="utf-8")
    assert "11.76 trillion yuan" in indicator_1 and "117601亿元" not in indicator_1
    assert "83.36 billion parcels" in built_site.html("en", "indicators/05.md").read_text(encoding="utf-8")
    assert "117601亿元" in built_site.html("zh", "indicators/01.md").read_text(encoding="utf-8")
    home = built_site.html("en", "index.md").read_text(encoding="utf-8")
    assert "This site publishes <em>Pinglu County" in home
    unit = built_site.html("en", "units/market-regulation.md").read_text(encoding="utf-8")
    assert "32 indicators, worth 78 points in total." in unit
    assert "Tasks it shares as a member of" in unit or "Indicators it shares as a member of" in unit
