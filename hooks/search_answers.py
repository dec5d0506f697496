"""Direct answers for the header search, built from data/ (hooks/search_index.py writes them next to the
Pagefind bundle as pagefind/answers.<lang>.json; assets/javascripts/search.js shows them above the results).

Readers ask rather than type keywords ("谁负责网络交易监管", "示范区是什么", "指标17怎么算"). A keyword search
fails on the question words, and even a good query ranks the policy text above the page that answers it.
So what a query is about is recognised here, from the data itself:

- a unit, by its name or any alias (市场监管局, 县工信局 …) → the unit's page;
- an indicator by number, the ways people write it (指标17, 第17项, 17号指标, 第十七项, indicator 17);
- a glossary term or its variants → its definition, the definition text shown;
- the words of the assessment (考核, 合格, 多少分, pass, score …) → the pass rule;
- templates and downloads, self-scoring → those pages;
- otherwise the words left once the question words are dropped, found in a main task → that task
  (直播电商 → task 4), with its responsible units, each linked to its page;
- a question about who is responsible (谁负责直播电商, who is in charge of cross-border e-commerce): the main
  tasks that name its glossary term come first, with their units.

`terms` are matched inside the query after both are normalised the same way (NFKC, lower case, letters and
digits only: normalise() here and in search.js); `stop` lists the question words and particles the
browser drops before it asks Pagefind.
"""

from __future__ import annotations

import unicodedata
from typing import Any

from calc.ruleset import default_ruleset

STOP = {
    "zh": [
        "谁负责",
        "由谁",
        "哪个单位",
        "哪些单位",
        "哪个部门",
        "哪些部门",
        "负责",
        "牵头",
        "是什么意思",
        "是什么",
        "什么是",
        "什么叫",
        "什么",
        "怎么样",
        "怎么",
        "如何",
        "哪些",
        "哪个",
        "是否",
        "请问",
        "在哪里",
        "在哪",
        "哪里",
        "有没有",
        "吗",
        "呢",
        "吧",
        "啊",
        "要",
        "的",
        "了",
    ],
    "en": [
        "who",
        "whom",
        "what",
        "whats",
        "how",
        "which",
        "where",
        "when",
        "why",
        "does",
        "do",
        "did",
        "is",
        "are",
        "was",
        "the",
        "a",
        "an",
        "of",
        "for",
        "to",
        "i",
        "can",
        "me",
        "in",
        "on",
        "it",
        "about",
        "responsible",
        "mean",
        "means",
        "charge",
        "handles",
        "handle",
    ],
}
# A question about who is responsible: the main tasks about what it names come before the term's definition.
WHO = {
    "zh": ["谁", "哪个单位", "哪些单位", "哪个部门", "哪些部门", "负责", "归口", "牵头"],
    "en": ["who", "whom", "responsible", "in charge", "which unit", "which department", "which bureau", "handles"],
}
ASSESSMENT_WORDS = {
    "zh": ["考核", "评估", "打分", "评分", "合格", "及格", "多少分", "合格线", "合格标准", "通过标准", "85分"],
    "en": ["pass", "passmark", "points", "score", "scoring", "assessment", "85 points"],
}
PAGES = {
    "downloads/": {
        "zh": (
            "下载",
            "各单位的Excel填报模板和JSON模板、政策原文等下载。",
            ["模板", "下载", "表格", "excel", "wps", "填报模板"],
        ),
        "en": (
            "Downloads",
            "Each unit's Excel and JSON templates, the policy text and other downloads.",
            ["template", "download", "spreadsheet", "excel"],
        ),
    },
    "self-scoring/": {
        "zh": (
            "自评打分",
            "按41项指标在线自评：即时计分、是否合格、还差哪些，数据只保存在本浏览器中。",
            ["自评", "怎么填", "如何填", "填报", "自我评估", "打分工具"],
        ),
        "en": (
            "Self-scoring",
            "Score yourself against the 41 indicators online: instant points, the verdict and what is "
            "missing; what you enter stays in this browser.",
            ["self-assessment", "self assessment", "self-scoring", "self scoring", "fill in"],
        ),
    },
}
CHINESE_DIGITS = "零一二三四五六七八九"


def normalise(text: str) -> str:
    """What a term and a query are compared as (search.js normalise() does the same)."""
    return "".join(ch for ch in unicodedata.normalize("NFKC", text).lower() if unicodedata.category(ch)[0] in "LN")


def chinese_number(n: int) -> str:
    """1-99 as written in Chinese: 十七, 二十, 四十一."""
    tens, ones = divmod(n, 10)
    return (("" if tens == 1 else CHINESE_DIGITS[tens]) + "十" if tens else "") + (CHINESE_DIGITS[ones] if ones else "")


def indicator_terms(n: int, lang: str) -> list[str]:
    if lang == "en":
        return [f"indicator {n}", f"indicator no {n}", f"indicator no. {n}"]
    cn = chinese_number(n)
    return [
        f"指标{n}",
        f"第{n}项",
        f"{n}号指标",
        f"第{n}项指标",
        f"第{n}个指标",
        f"指标{cn}",
        f"第{cn}项",
        f"第{cn}项指标",
        f"{cn}号指标",
    ]


def _entry(kind: str, url: str, title: str, text: str, terms: list[str]) -> dict[str, Any]:
    return {
        "kind": kind,
        "url": url,
        "title": title,
        "text": text,
        "terms": sorted({normalise(t) for t in terms if len(normalise(t)) >= 2}, key=len, reverse=True),
    }


def answers(data: dict[str, Any], lang: str, synonyms: dict[str, list[str]] | None = None) -> dict[str, Any]:
    """synonyms: more words readers use for a page, by its URL path (hooks/search_index.py SYNONYMS)."""
    synonyms = synonyms or {}
    ruleset = default_ruleset()
    prefix = "" if lang == "zh" else "en/"
    zh = lang == "zh"
    out: list[dict[str, Any]] = []
    aliases: dict[str, list[str]] = {}
    for alias, unit_id in data["aliases"].items():
        aliases.setdefault(unit_id, []).append(alias)
    for unit in data["units"]:
        if unit["kind"] not in ("unit", "group"):
            continue
        tasks = sum(1 for task in data["tasks"] if unit["id"] in task["responsible"]["units"])
        indicators = [n for n in ruleset.indicators if unit["id"] in ruleset.units_responsible_for(n)]
        points = sum(ruleset.indicators[n]["points"] for n in indicators)
        text = (
            f"文件中写明的主要任务 {tasks} 项，负责评估指标 {len(indicators)} 项（合计 {points} 分）。"
            if zh
            else f"Named in {tasks} main task{'s' if tasks != 1 else ''}; responsible for {len(indicators)} "
            f"indicator{'s' if len(indicators) != 1 else ''}, worth {points} points in total."
        )
        terms = [unit["name"][lang], *(unit.get("aliases", []) + aliases.get(unit["id"], []) if zh else [])]
        if zh:  # 县市场监督管理局 is also asked for as 市场监督管理局, 市场监管局; 县委网信办 as 网信办
            terms += [t[1:] for t in terms if t[0] in "县各" and len(t) > 3]  # 各乡镇人民政府: 乡镇人民政府
            terms += [t[2:] for t in terms if t.startswith("县委") and len(t) > 4]
            terms += [t.replace("人民政府", "政府") for t in terms if "人民政府" in t]  # 乡镇政府
        else:  # County Statistics Bureau: Statistics Bureau; All township people's governments: township governments
            short = unit["name"]["en"].removeprefix("County ").removeprefix("All ")
            terms += [short, short.replace("people's ", "")]
        url = f"{prefix}units/{unit['id']}/"
        out.append(_entry("unit", url, unit["name"][lang], text, terms + synonyms.get(url, [])))
    for ind in data["indicators"]:
        n = int(ind["number"])
        title = (
            f"指标{n} {ind['title']['zh'].rstrip('。')}" if zh else f"Indicator {n}: {ind['title']['en'].rstrip('.')}"
        )
        text = (
            f"{ind['points']}分。" + ind["explanation"]["zh"].split("\n")[0]
            if zh
            else f"{ind['points']} point{'s' if ind['points'] != 1 else ''}. " + ind["explanation"]["en"].split("\n")[0]
        )
        out.append(_entry("indicator", f"{prefix}indicators/{n:02d}/", title, text, indicator_terms(n, lang)))
    for term in data["glossary"]:
        out.append(
            _entry(
                "term",
                f"{prefix}glossary/#{term['id']}",
                term[lang],
                term["definition"][lang],
                [term[lang], *term.get(f"{lang}_variants", [])],
            )
        )
    rule = ruleset.pass_rule
    total_points = sum(ind["points"] for ind in ruleset.indicators.values())
    out.append(
        _entry(
            "rule",
            f"{prefix}indicators/#pass-rule",
            "合格标准" if zh else "The pass rule",
            (
                f"总分不低于{rule['total_min']}分，且每个一级指标的得分率都不低于{rule['category_rate_min']}%，才算合格"
                f"（共{len(ruleset.indicators)}项指标，满分{total_points}分）。"
                if zh
                else f"A total of at least {rule['total_min']} points, and every first-level category at "
                f"{rule['category_rate_min']}% of its points or more ({len(ruleset.indicators)} indicators, "
                f"{total_points} points in all)."
            ),
            ASSESSMENT_WORDS[lang],
        )
    )
    for url, by_lang in PAGES.items():
        title, text, terms = by_lang[lang]
        out.append(_entry("page", prefix + url, title, text, terms + [title] + synonyms.get(prefix + url, [])))
    with_page = {unit["id"]: unit for unit in data["units"] if unit["kind"] in ("unit", "group")}
    tasks = [
        {
            "url": f"{prefix}tasks/#task-{task['number']}",
            "title": (
                f"任务{task['number']} {task['title']['zh']}" if zh else f"Task {task['number']}: {task['title']['en']}"
            ),
            "text": ("责任单位：" if zh else "Responsible: ") + task["responsible"]["text"][lang],
            # "谁负责直播电商": each responsible unit with a page of its own, to go straight to it
            "units_label": "责任单位：" if zh else "Responsible: ",
            "units_separator": "、" if zh else "; ",
            "units": [
                {"name": with_page[unit_id]["name"][lang], "url": f"{prefix}units/{unit_id}/"}
                for unit_id in task["responsible"]["units"]
                if unit_id in with_page
            ],
            "body": normalise(task["title"][lang] + task["text"][lang]),
        }
        for task in data["tasks"]
    ]
    return {"stop": STOP[lang], "who": WHO[lang], "answers": out, "tasks": tasks}
