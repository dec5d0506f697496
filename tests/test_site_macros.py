"""site_macros (the Markdown macros) and hooks/build.py (abbreviations from the glossary)."""

from __future__ import annotations

import copy
import importlib.util
import re

import pytest
from site_helpers import ROOT

from site_macros import MissingTranslation, render_categories_table, render_document_meta, text_in
from tools.datasource import load_data


def load_hook():
    spec = importlib.util.spec_from_file_location("site_build_hook", ROOT / "hooks" / "build.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_text_in_refuses_a_missing_translation():
    assert text_in({"zh": "合格标准", "en": "pass standard"}, "en") == "pass standard"
    with pytest.raises(MissingTranslation):
        text_in({"zh": "合格标准", "en": ""}, "en", "where")
    with pytest.raises(MissingTranslation):
        text_in({"zh": "合格标准", "en": "  "}, "en")
    with pytest.raises(TypeError):
        text_in("合格标准", "zh")


def test_document_meta_shows_the_metadata_chinese_sites_show():
    data = load_data()
    doc = data["document"]
    html = str(render_document_meta(data, "zh"))
    labels = re.findall(r"<dt[^>]*>([^<]+)</dt>", html)
    assert labels == ["发文机关", "发文字号", "成文年份", "解读单位", "附件"]
    values = re.findall(r"<dd[^>]*>(.*?)</dd>", html, flags=re.S)
    assert values[0] == doc["issuer"]["zh"]
    assert values[1] == doc["document_number"]["zh"]
    assert values[2] == str(doc["year"])
    unit = next(u for u in data["units"] if u["id"] == doc["interpreting_unit"])
    assert values[3] == unit["name"]["zh"]
    for att in doc["attachments"]:
        assert f"附件{att['number']}：" in values[4] and att["title"]["zh"] in values[4]


def test_document_meta_in_english_keeps_the_chinese_document_number():
    data = load_data()
    html = str(render_document_meta(data, "en"))
    assert re.findall(r"<dt[^>]*>([^<]+)</dt>", html) == [
        "Issued by",
        "Document number",
        "Year",
        "Interpreted by",
        "Attachments",
    ]
    assert f'<span lang="zh">{data["document"]["document_number"]["zh"]}</span>' in html


def test_document_meta_fails_on_a_missing_english_text():
    data = copy.deepcopy(load_data())
    data["document"]["attachments"][0]["title"]["en"] = ""
    with pytest.raises(MissingTranslation, match="attachment 1"):
        render_document_meta(data, "en")


def test_categories_table_adds_up():
    data = load_data()
    table = render_categories_table(data, "zh")
    rows = [line for line in table.splitlines()[2:]]
    assert len(rows) == len(data["categories"]["categories"]) + 1
    assert f"合计（{data['categories']['total_points']}）" in rows[-1] and f"{len(data['indicators'])}项" in rows[-1]
    counted = sum(int(re.search(r"\| (\d+)项 \|$", row).group(1)) for row in rows[:-1])
    assert counted == len(data["indicators"])


def test_abbreviations_cover_every_glossary_term_in_both_languages():
    hook = load_hook()
    terms = load_data()["glossary"]
    lines = hook.abbreviation_lines(terms)
    defined = {re.match(r"^\*\[(.+?)\]: ", line).group(1): line for line in lines}
    for term in terms:
        for name in [term["zh"], *(term.get("zh_variants") or []), term["en"], *(term.get("en_variants") or [])]:
            assert name in defined, name
        assert term["definition"]["zh"] in defined[term["zh"]]
        assert term["definition"]["en"] in defined[term["en"]]
    assert all("\n" not in line for line in lines)


def test_glossary_terms_get_tooltips_on_the_built_pages(built_site):
    html = built_site.html("en", "index.md").read_text(encoding="utf-8")
    definitions = {t["definition"]["en"] for t in load_data()["glossary"]}
    titles = re.findall(r'<abbr title="([^"]+)">', html)
    assert titles, "no glossary abbreviation on the English home page"
    import html as html_lib

    assert any(html_lib.unescape(title) in definitions for title in titles)


def test_the_markdown_escaper_keeps_data_text_plain_also_in_a_table_cell():
    import markdown

    from site_macros.text import md

    assert md("1. 加大政策支持") == r"1\. 加大政策支持"  # a verbatim "1." stays a paragraph
    assert md("- a") == r"\- a" and md("# a") == r"\# a"
    assert md("*a* _b_ `c` [d](e) {: #f }") == r"\*a\* \_b\_ \`c\` \[d\](e) \{: \#f \}"
    assert md("<b>") == "&lt;b&gt;"
    assert md("a\n  b") == "a b"  # one line: a table row or a list item
    html = markdown.markdown(f"| x | y |\n|---|---|\n| {md('a|b [c](d) *e*')} | z |", extensions=["tables"])
    cells = re.findall(r"<td>(.*?)</td>", html)
    assert cells == ["a|b [c](d) *e*", "z"]


def test_every_site_string_has_both_languages():
    from site_macros.text import strings, t

    table = strings()
    assert table and all(entry["zh"].strip() and entry["en"].strip() for entry in table.values())
    assert t("policy.task_n", "zh", n=3) == "任务3" and t("policy.task_n", "en", n=3) == "Task 3"


def test_the_rule_shown_on_an_indicator_page_is_the_description_calc_compiled():
    from calc.ruleset import default_ruleset
    from site_macros import indicators
    from site_macros.text import md

    for item in default_ruleset().items.values():
        for lang in ("zh", "en"):
            shown = indicators.readable_rule(item, lang)
            for block in item["description"][lang]:
                texts = (
                    [block["text"]]
                    if "text" in block
                    else block["list"]
                    if "list" in block
                    else block["table"]["head"] + [cell for row in block["table"]["rows"] for cell in row]
                )
                assert all(md(text) in shown for text in texts), (item["id"], lang)
    firms = indicators.readable_rule(default_ruleset().items["4.1"], "zh")
    assert "| **中部地区（平陆县，默认）** | **10000万元及以上** |" in firms and "|---|---|" in firms
    bands = indicators.readable_rule(default_ruleset().items["3.1"], "en")
    assert "| Band | Points |\n|---|---:|\n| below 8% | 0 points |" in bands
