"""Macros of the indicator pages: the overview (docs/<lang>/indicators/index.md) and one page per indicator
(docs/<lang>/indicators/NN.md, each a single `{{ indicator_page(N) }}` call).

Everything shown comes from data/ (texts, points, categories, units, benchmarks) or from the scoring
core (calc): the minimum scores of the pass rule and every worked example are computed by `calc.score`
while the site is built. The example inputs are data/worked_examples.yaml; the build fails if an example
is invalid or no longer scores what it is meant to demonstrate.

Stable anchors (used by tests and by links from other pages):
    overview:  #indicator-table, #cat-<category id>, #row-<N>, #pass-rule, #minimum-scores, #downloads
    page NN:   #indicator-<N>, #rule, #interpretation, #items, #item-<N>-<k>, #facts, #benchmarks,
               #responsible, #examples, #example-<example id>
"""
from __future__ import annotations

from fractions import Fraction
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from markupsafe import Markup

from site_macros import downloads
from site_macros.render import (h, indicator_file, item_anchor, lang_of, md, page_link, paragraphs,
                                strip_final_stop, tr, unit_file)
from tools.datasource import ROOT, load_data

EXAMPLES_PATH = ROOT / "data" / "worked_examples.yaml"

T = {
    "indicator": {"zh": "指标{n}", "en": "Indicator {n}"},
    "heading": {"zh": "指标{n}　{title}", "en": "Indicator {n}: {title}"},
    "first_level": {"zh": "一级指标", "en": "First-level indicator"},
    "second_level": {"zh": "二级指标", "en": "Second-level indicator"},
    "nature": {"zh": "性质", "en": "Nature"},
    "points": {"zh": "分值", "en": "Points"},
    "points_n": {"zh": "{n}分", "en": "{n} point{s}"},
    "method": {"zh": "评估方式", "en": "Evaluation method"},
    "sources": {"zh": "数据或资料来源", "en": "Data or document sources"},
    "responsible": {"zh": "责任单位", "en": "Responsible units"},
    "combine": {"zh": "计分方式", "en": "How points add up"},
    "combine_sum": {"zh": "各子项得分相加，最高{n}分", "en": "the sub-items' points add up, at most {n}"},
    "combine_best_one": {"zh": "符合任意一项即得{n}分，符合多项不累加", "en": "any one sub-item met earns {n} points; more items add nothing"},
    "large_type": {"zh": "大字模式", "en": "Large type"},
    "large_type_hint": {"zh": "放大字号，便于投影讲解", "en": "Larger text for projecting in a training session"},
    "overview": {"zh": "指标总览", "en": "All indicators"},
    # sections
    "sec_rule": {"zh": "指标说明及打分标准", "en": "Explanation and scoring standard"},
    "sec_interpretation": {"zh": "通俗解读", "en": "In plain words"},
    "sec_items": {"zh": "逐项计分规则", "en": "Scoring rule by sub-item"},
    "sec_facts": {"zh": "需要收集的数据和资料", "en": "Data and documents to collect"},
    "sec_benchmarks": {"zh": "全国参考值", "en": "National reference figures"},
    "sec_responsible": {"zh": "责任单位", "en": "Responsible units"},
    "sec_examples": {"zh": "计算示例", "en": "Worked examples"},
    "original_zh": {"zh": "中文原文（以此为准）", "en": "Chinese original (authoritative)"},
    "rule_intro": {"zh": "以下为《评估指标体系》（附件2）原文。", "en": "The text of the indicator system (Attachment 2), in an unofficial English translation; the Chinese original follows."},
    "interpretation_intro": {"zh": "本站评分程序对原文措辞的理解（哪些界限含本数、分母为0时怎样处理等）：",
                             "en": "How this site's scoring reads the wording (which limits include the boundary, what a zero denominator means, and so on):"},
    "source_label": {"zh": "原文", "en": "Source text"},
    "rule_label": {"zh": "本站计分规则", "en": "As the site scores it"},
    "item_heading": {"zh": "{id}（{points}）", "en": "{id} ({points})"},
    # rule kinds
    "criterion": {"zh": "定性子项：由评估专家依据佐证资料认定。自评时，备齐可提交的佐证资料后确认为“符合”，得{points}。",
                  "en": "Qualitative: the assessors decide on the supporting documents. In a self-assessment, confirm it as met once the evidence is ready to submit: {points}."},
    "threshold_all": {"zh": "以下条件同时满足时得{points}，否则不得分：", "en": "{points} when all of these hold, otherwise nothing:"},
    "threshold_one": {"zh": "满足以下条件时得{points}，否则不得分：", "en": "{points} when this holds, otherwise nothing:"},
    "flag_condition": {"zh": "勾选确认：已建立原文所述机制（定性部分，由评估专家依据资料认定）",
                       "en": "ticked: the mechanism the text describes is in place (qualitative part, decided by the assessors on the documents)"},
    "op_>": {"zh": "{left} ＞ {right}（严格大于：恰为{right}不得分）", "en": "{left} > {right} (strictly greater: exactly {right} does not score)"},
    "op_>=": {"zh": "{left} ≥ {right}（含本数：恰为{right}即可）", "en": "{left} ≥ {right} (inclusive: exactly {right} is enough)"},
    "op_==": {"zh": "{left} = {right}", "en": "{left} = {right}"},
    "op_ref_>": {"zh": "{left} ＞ {right}（严格大于：二者相等不得分）", "en": "{left} > {right} (strictly greater: equal does not score)"},
    "yearly": {"zh": "两个评估年度逐年比较：某一年{subject} ＞ {reference}（严格大于，二者相等不算超过），该年得{per_year}；两年最多{points}。",
               "en": "Each of the two assessed years is compared on its own: in a year where {subject} > {reference} (strictly greater; equal is not above), that year earns {per_year}; at most {points} for both years."},
    "bands_intro": {"zh": "按{label}所在区间计分（区间两端均含本数）：", "en": "Points by the band {label} falls in (both ends of a band included):"},
    "band_col": {"zh": "区间", "en": "Band"},
    "band_between": {"zh": "{lo}% – {hi}%（含{lo}%和{hi}%）", "en": "{lo}% to {hi}% (both included)"},
    "band_from": {"zh": "{lo}%及以上", "en": "{lo}% or more"},
    "band_below": {"zh": "低于{lo}%", "en": "below {lo}%"},
    "band_shared": {"zh": "恰为{v}%时同时属于两个区间，按较高区间计分。", "en": "Exactly {v}% lies in both bands and gets the higher one."},
    "capped": {"zh": "{label}：每项{per}，最多{points}（超过部分不再加分）。", "en": "{label}: {per} each, at most {points} (more adds nothing)."},
    "firms_intro": {"zh": "统计两个评估年度内新增的、年度电子商务销售额达到所在地区门槛（含本数）的网络交易经营者：",
                    "en": "Count the online trading operators added in the two assessed years whose annual e-commerce sales reach the threshold of their region (inclusive):"},
    "region_col": {"zh": "地区", "en": "Region"},
    "threshold_col": {"zh": "门槛（年度电子商务销售额）", "en": "Threshold (annual e-commerce sales)"},
    "wan_yuan": {"zh": "{v}万元及以上", "en": "{v} or more"},  # en: v is the amount in yuan words
    "this_region": {"zh": "（平陆县，默认）", "en": " (Pinglu, the default)"},
    "firm_bands": {"zh": "达到门槛的经营者：", "en": "Operators that reach it: "},
    "firm_band": {"zh": "{n}家及以上得{points}", "en": "{n} or more: {points}"},
    "east": {"zh": "东部地区", "en": "Eastern region"},
    "central": {"zh": "中部地区", "en": "Central region"},
    "west": {"zh": "西部地区", "en": "Western region"},
    # facts
    "fact_col": {"zh": "数据项", "en": "Item"},
    "how_col": {"zh": "怎样填写", "en": "How to enter it"},
    "notes_col": {"zh": "说明", "en": "Notes"},
    "kind_ratio": {"zh": "百分比；或填分子和分母，由程序计算（分子：{num}；分母：{den}）",
                   "en": "a percentage, or the numerator and denominator for the site to divide (numerator: {num}; denominator: {den})"},
    "kind_ratio_plain": {"zh": "百分比；或填分子和分母，由程序计算", "en": "a percentage, or the numerator and denominator for the site to divide"},
    "kind_ratio_over": {"zh": "可超过100%", "en": "may exceed 100%"},
    "kind_growth": {"zh": "百分比；或填本年和上年数额，增速 =（本年 ÷ 上年 − 1）× 100%",
                    "en": "a percentage, or this year's and last year's amounts: growth = (this year ÷ last year − 1) × 100%"},
    "kind_count": {"zh": "整数（0或以上）", "en": "a whole number (0 or more)"},
    "kind_number": {"zh": "数值", "en": "a number"},
    "kind_number_range": {"zh": "数值（{min}–{max}）", "en": "a number ({min} to {max})"},
    "kind_number_min": {"zh": "数值（不小于{min}）", "en": "a number ({min} or more)"},
    "kind_firms": {"zh": "名单：每家经营者的名称、新增年度和年度电子商务销售额（万元）；没有则填空名单",
                   "en": "a list: each operator's name, the year it was added and its annual e-commerce sales in units of 10,000 yuan (12800 means 128 million yuan); an empty list if there are none"},
    "kind_flag": {"zh": "是 / 否（确认是否符合）", "en": "yes / no (confirm whether it is met)"},
    "per_year": {"zh": "每个评估年度各填一个", "en": "one value for each assessed year"},
    "default": {"zh": "留空时采用全国参考值（见下文）", "en": "left empty, the national reference figure applies (see below)"},
    "shared_fact": {"zh": "与{link}共用", "en": "shared with {link}"},
    "used_in": {"zh": "用于{items}", "en": "used in {items}"},
    "method_line": {"zh": "**评估方式：**{v}", "en": "**Evaluation method:** {v}"},
    "sources_line": {"zh": "**数据或资料来源：**{v}", "en": "**Data or document sources:** {v}"},
    # benchmarks
    "year_col": {"zh": "年度", "en": "Year"},
    "value_col": {"zh": "数值", "en": "Figure"},
    "amount_col": {"zh": "公布的总量", "en": "Published total"},
    "rounded": {"zh": "（约数）", "en": " (rounded)"},
    "publisher": {"zh": "**发布单位：**{v}", "en": "**Published by:** {v}"},
    "bm_source": {"zh": "**出处：**{v}", "en": "**Source:** {v}"},
    "bm_use_per_year": {"zh": "{label}留空时，评分程序按评估年度自动采用下表对应年度的数值；表中没有的年度须自行填写。使用者也可改填其他口径的数值。",
                        "en": "If {label} is left empty, the scoring uses the figure below for each assessed year; a year not in the table must be entered by hand. Users may enter a figure on another basis instead."},
    "bm_use_single": {"zh": "{label}留空时，评分程序采用下表中最近一个评估年度的数值；表中没有的年度须自行填写。",
                      "en": "If {label} is left empty, the scoring uses the figure below for the later of the two assessed years; a year not in the table must be entered by hand."},
    "bm_caveat": {"zh": "注意", "en": "Caveat"},
    "bm_not_published": {"zh": "没有公开的全国数据", "en": "No published national figure"},
    "percent_unit": {"zh": "{v}%", "en": "{v}%"},
    "score_unit": {"zh": "{v}分", "en": "{v}"},
    # responsible
    "responsible_text": {"zh": "原文：", "en": "In the document: "},
    "members_n": {"zh": "（{n}个成员单位）", "en": " ({n} member units)"},
    "no_member_list": {"zh": "（不逐一列出）", "en": " (not listed one by one)"},
    # examples
    "examples_intro": {"zh": "以下每个示例的得分和计算过程都由本站评分程序（与自评工具相同）在生成网站时算出，不是手工填写的。除另行注明外，评估年度为{y1}年和{y2}年，地区为{region}。",
                       "en": "Every score and every step below was computed by the site's scoring core (the same as the self-scoring tool) when the site was built; none was typed by hand. Unless stated otherwise the assessed years are {y1} and {y2} and the region is the {region}."},
    "example_heading": {"zh": "示例{k}：{title}", "en": "Example {k}: {title}"},
    "example_years": {"zh": "评估年度：{y1}年、{y2}年", "en": "Assessed years: {y1} and {y2}"},
    "input": {"zh": "填写的数据", "en": "What is entered"},
    "steps": {"zh": "评分过程（评分程序的说明，逐字）", "en": "How it is scored (the scoring core's own explanation)"},
    "result": {"zh": "得分", "en": "Score"},
    "not_entered": {"zh": "未填写", "en": "not entered"},
    "not_entered_default": {"zh": "未填写（采用全国参考值）", "en": "not entered (the national reference figure applies)"},
    "yes": {"zh": "是", "en": "yes"},
    "no": {"zh": "否", "en": "no"},
    "year_value": {"zh": "{y}年：{v}", "en": "{y}: {v}"},
    "counts": {"zh": "{a} / {b}（{num} / {den}）", "en": "{a} / {b} ({num} / {den})"},
    "amounts": {"zh": "本年 {a}，上年 {b}", "en": "{a} this year, {b} the year before"},
    "firm": {"zh": "{name}：{year}年，{sales}万元", "en": "{name}: {year}, {sales}"},  # en: sales in yuan words
    "no_firms": {"zh": "（空名单）", "en": "(an empty list)"},
    "qualitative": {"zh": "{id} 定性子项", "en": "{id} qualitative sub-item"},
    # overview
    "no_col": {"zh": "序号", "en": "No."},
    "title_col": {"zh": "三级指标", "en": "Indicator"},
    "subtotal": {"zh": "小计：{name}", "en": "Subtotal: {name}"},
    "cat_total": {"zh": "合计：{name}", "en": "Total: {name}"},
    "grand_total": {"zh": "总分", "en": "Total"},
    "table_label": {"zh": "评估指标一览表（可左右滑动）", "en": "All indicators (scrolls sideways)"},
    "cat_col": {"zh": "一级指标", "en": "First-level indicator"},
    "max_col": {"zh": "满分", "en": "Maximum"},
    "rate_col": {"zh": "满分×{r}%", "en": "{r}% of it"},
    "needed_col": {"zh": "最低得分", "en": "Least score"},
    "sum_row": {"zh": "合计", "en": "Total"},
    "pass_total_row": {"zh": "总分须达到", "en": "The total must reach"},
    "minimum_heading": {"zh": "每类至少要得多少分", "en": "The least each category must score"},
    "minimum_intro": {"zh": "下表由评分程序按合格标准算出：得分率 = 该类得分 ÷ 该类满分，各项得分都是整数，所以最低得分是把满分的{r}%向上取整。",
                      "en": "Computed by the scoring core from the pass rule: a category's rate is its score divided by its maximum, and every score is a whole number, so the least score is {r}% of the maximum rounded up."},
}


def _wan_yuan(amount: Any, lang: str) -> str:
    """An amount in 万元: as is in Chinese, in yuan words in English (20000 → "200 million yuan")."""
    from calc.numbers import to_fraction, yuan_en
    return _fmt(amount) if lang == "zh" else yuan_en(to_fraction(amount))


def t(key: str, lang: str, **kw: Any) -> str:
    text = T[key][lang]
    return text.format(**kw) if kw else text


def points_text(n: int, lang: str) -> str:
    return t("points_n", lang, n=n, s="" if n == 1 else "s")


def _fmt(value: Any) -> str:
    from calc.numbers import fmt_count, to_fraction

    return fmt_count(to_fraction(value))


# ------------------------------------------------------------------------------------------------
# Data access
# ------------------------------------------------------------------------------------------------

def ruleset():
    from calc.ruleset import default_ruleset

    return default_ruleset()


def indicator(number: int) -> dict[str, Any]:
    for ind in load_data()["indicators"]:
        if ind["number"] == number:
            return ind
    raise KeyError(f"there is no indicator {number}")


def category_path(data: dict[str, Any], category_id: str) -> tuple[dict, dict]:
    for cat in data["categories"]["categories"]:
        for child in cat["children"]:
            if child["id"] == category_id:
                return cat, child
    raise KeyError(category_id)


def referenced_facts(ind: dict[str, Any]) -> list[tuple[str, list[str]]]:
    """The facts the indicator's rules read, in order of first use, each with the sub-items using it."""
    order: dict[str, list[str]] = {}

    def use(key: str, item_id: str) -> None:
        order.setdefault(key, [])
        if item_id not in order[key]:
            order[key].append(item_id)

    for item in ind["items"]:
        rule = item["rule"]
        if rule["kind"] == "threshold":
            for condition in rule["conditions"]:
                use(condition["fact"], item["id"])
                if "reference" in condition:
                    use(condition["reference"], item["id"])
        elif rule["kind"] == "yearly_exceeds":
            use(rule["subject"], item["id"])
            use(rule["reference"], item["id"])
        else:
            use(rule["fact"], item["id"])
    for fact in ind["facts"]:
        order.setdefault(fact["key"], [])
    return list(order.items())


def _mtime(path: Path) -> int:
    return path.stat().st_mtime_ns


def load_examples() -> dict[str, Any]:
    return _load_examples(str(EXAMPLES_PATH), _mtime(EXAMPLES_PATH))


@lru_cache(maxsize=1)
def _load_examples(path: str, stamp: int) -> dict[str, Any]:
    with open(path, encoding="utf-8") as handle:
        raw = yaml.safe_load(handle)
    rules = ruleset()
    problems = []
    seen: set[str] = set()
    for number in rules.indicators:
        examples = raw["indicators"].get(number)
        if not examples:
            problems.append(f"indicator {number} has no worked example")
            continue
        usable = {key for key, _ in referenced_facts(indicator(number))}
        for ex in examples:
            if ex["id"] in seen:
                problems.append(f"example id {ex['id']} is used twice")
            seen.add(ex["id"])
            for lang in ("zh", "en"):
                if not str(ex.get("title", {}).get(lang, "")).strip():
                    problems.append(f"example {ex['id']} has no {lang} title")
            stray = set(ex["facts"]) - usable
            if stray:
                problems.append(f"example {ex['id']}: facts {sorted(stray)} are not read by indicator {number}")
            if not isinstance(ex.get("expect"), int):
                problems.append(f"example {ex['id']}: `expect` (the score it demonstrates) is missing")
    extra = set(raw["indicators"]) - set(rules.indicators)
    if extra:
        problems.append(f"examples for unknown indicators {sorted(extra)}")
    if problems:
        raise ValueError("data/worked_examples.yaml:\n- " + "\n- ".join(problems))
    return raw


def example_assessment(example: dict[str, Any], lang: str, defaults: dict[str, Any] | None = None) -> dict[str, Any]:
    """The assessment file an example stands for, in the page's language (firm names may be {zh, en})."""
    from calc.assessment import FORMAT_NAME, FORMAT_VERSION

    defaults = defaults or load_examples()
    facts = {}
    for key, value in example["facts"].items():
        if isinstance(value, list):
            value = [{**firm, "name": firm["name"][lang] if isinstance(firm["name"], dict) else firm["name"]}
                     for firm in value]
        facts[key] = value
    return {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "scope": {"kind": "county"},
        "years": list(example.get("years", defaults["years"])),
        "region": example.get("region", defaults["region"]),
        "facts": facts,
        "evidence": {},
        "meta": {},
    }


def score_example(number: int, example: dict[str, Any], lang: str) -> dict[str, Any]:
    """calc.score on the example; the indicator's part of the report. Fails on an invalid example or on
    a score other than the one the example is meant to demonstrate."""
    import calc

    assessment = example_assessment(example, lang)
    problems = calc.validate(assessment)
    if problems:
        raise ValueError(f"worked example {example['id']} is not a valid assessment: "
                         + "; ".join(p["message"]["en"] for p in problems))
    report = calc.score(assessment)
    result = next(ind for ind in report["indicators"] if ind["number"] == number)
    if result["score"] != example["expect"]:
        raise ValueError(f"worked example {example['id']} scores {result['score']}, but it is meant to "
                         f"demonstrate {example['expect']}: fix data/worked_examples.yaml or the rule")
    return result


# ------------------------------------------------------------------------------------------------
# Readable rules
# ------------------------------------------------------------------------------------------------

def _value_text(fact: dict[str, Any], value: Any, lang: str) -> str:
    shown = _fmt(value)
    return f"{shown}%" if fact["kind"] in ("ratio", "growth") else shown


def _label(key: str, lang: str) -> str:
    return tr(ruleset().facts[key]["label"], lang, f"fact {key} label")


def readable_rule(item: dict[str, Any], lang: str) -> str:
    """The sub-item's encoded rule in words (Markdown)."""
    rule = item["rule"]
    facts = ruleset().facts
    pts = points_text(item["points"], lang)
    kind = rule["kind"]
    if kind == "criterion":
        return md(t("criterion", lang, points=pts))
    if kind == "threshold":
        lines = []
        for c in rule["conditions"]:
            if isinstance(c.get("value"), bool):
                lines.append(t("flag_condition", lang))
                continue
            left = _label(c["fact"], lang)
            if "reference" in c:
                lines.append(t(f"op_ref_{c['op']}" if c["op"] == ">" else f"op_{c['op']}", lang,
                               left=left, right=_label(c["reference"], lang)))
            else:
                lines.append(t(f"op_{c['op']}", lang, left=left, right=_value_text(facts[c["fact"]], c["value"], lang)))
        head = t("threshold_all" if len(lines) > 1 else "threshold_one", lang, points=pts)
        return md(head) + "\n\n" + "\n".join(f"- {md(line)}" for line in lines)
    if kind == "yearly_exceeds":
        return md(t("yearly", lang, subject=_label(rule["subject"], lang), reference=_label(rule["reference"], lang),
                    per_year=points_text(rule["points_per_year"], lang), points=pts))
    if kind == "bands":
        bands = sorted(rule["bands"], key=lambda b: b["min"])
        rows = [(t("band_below", lang, lo=_fmt(bands[0]["min"])), points_text(0, lang))]
        for band in bands:
            text = (t("band_between", lang, lo=_fmt(band["min"]), hi=_fmt(band["max"])) if "max" in band
                    else t("band_from", lang, lo=_fmt(band["min"])))
            rows.append((text, points_text(band["points"], lang)))
        shared = [b["max"] for b in bands if "max" in b and any(o["min"] == b["max"] for o in bands if o is not b)]
        table = [f"| {t('band_col', lang)} | {t('points', lang)} |", "|---|---:|"]
        table += [f"| {md(a)} | {md(b)} |" for a, b in rows]
        out = md(t("bands_intro", lang, label=_label(rule["fact"], lang))) + "\n\n" + "\n".join(table)
        if shared:
            out += "\n\n" + " ".join(md(t("band_shared", lang, v=_fmt(v))) for v in shared)
        return out
    if kind == "count_capped":
        return md(t("capped", lang, label=_label(rule["fact"], lang), per=points_text(rule["points_per_unit"], lang),
                    points=pts))
    if kind == "firm_count":
        from calc.assessment import DEFAULT_REGION, REGIONS

        table = [f"| {t('region_col', lang)} | {t('threshold_col', lang)} |", "|---|---|"]
        for region in REGIONS:
            name = t(region, lang) + (t("this_region", lang) if region == DEFAULT_REGION else "")
            cell = t("wan_yuan", lang, v=_wan_yuan(rule["threshold_wan_yuan"][region], lang))
            if region == DEFAULT_REGION:
                name, cell = f"**{md(name)}**", f"**{md(cell)}**"
            else:
                name, cell = md(name), md(cell)
            table.append(f"| {name} | {cell} |")
        bands = "；" if lang == "zh" else "; "
        band_text = bands.join(t("firm_band", lang, n=b["min"], points=points_text(b["points"], lang))
                               for b in sorted(rule["bands"], key=lambda b: b["min"]))
        return (md(t("firms_intro", lang)) + "\n\n" + "\n".join(table) + "\n\n"
                + md(t("firm_bands", lang) + band_text + ("。" if lang == "zh" else ".")))
    raise ValueError(f"no readable form for rule kind {kind}")


def fact_how(key: str, lang: str) -> str:
    fact = ruleset().facts[key]
    kind = fact["kind"]
    if kind == "ratio":
        if "numerator" in fact:
            text = t("kind_ratio", lang, num=tr(fact["numerator"], lang), den=tr(fact["denominator"], lang))
        else:
            text = t("kind_ratio_plain", lang)
        if fact.get("may_exceed_100"):
            text += ("，" if lang == "zh" else "; ") + t("kind_ratio_over", lang)
        return text
    if kind == "growth":
        return t("kind_growth", lang)
    if kind == "count":
        return t("kind_count", lang)
    if kind == "number":
        if "min" in fact and "max" in fact:
            return t("kind_number_range", lang, min=_fmt(fact["min"]), max=_fmt(fact["max"]))
        if "min" in fact:
            return t("kind_number_min", lang, min=_fmt(fact["min"]))
        return t("kind_number", lang)
    if kind == "firms":
        return t("kind_firms", lang)
    if kind == "flag":
        return t("kind_flag", lang)
    raise ValueError(kind)


# ------------------------------------------------------------------------------------------------
# Page sections
# ------------------------------------------------------------------------------------------------

def _sep(lang: str) -> str:
    return "、" if lang == "zh" else ", "


def unit_links(page: Any, unit_ids: list[str], lang: str) -> str:
    return _sep(lang).join(unit_link_list(page, unit_ids, lang))


def unit_link_list(page: Any, unit_ids: list[str], lang: str, capital: bool = False) -> list[str]:
    """Markdown links to the unit pages; a group says how many member units it stands for."""
    data = load_data()
    units = {u["id"]: u for u in data["units"]}
    parts = []
    for uid in unit_ids:
        unit = units[uid]
        name = tr(unit["name"], lang, f"units.yaml {uid}")
        if capital:
            name = name[:1].upper() + name[1:]
        extra = ""
        if unit["kind"] == "group":
            members = data["group_members"].get(uid, [])
            extra = t("members_n", lang, n=len(members)) if members else t("no_member_list", lang)
        parts.append(f"[{md(name)}]({page_link(page, unit_file(uid))}){md(extra)}")
    return parts


def _meta_block(page: Any, ind: dict[str, Any], lang: str) -> str:
    data = load_data()
    first, second = category_path(data, ind["category"])
    overview = "indicators/index.md"
    nature = ind["nature"] if lang == "zh" else downloads.nature_en(ind["nature"])
    combine = t(f"combine_{ind['combine']}", lang, n=ind["points"])
    rows = [
        (t("first_level", lang), f"[{md(tr(first['name'], lang))}]({page_link(page, overview + '#cat-' + first['id'])})"
                                 f"{md('（' + points_text(first['points'], lang) + '）' if lang == 'zh' else ' (' + points_text(first['points'], lang) + ')')}"),
        (t("second_level", lang), f"[{md(tr(second['name'], lang))}]({page_link(page, overview + '#cat-' + second['id'])})"
                                  f"{md('（' + points_text(second['points'], lang) + '）' if lang == 'zh' else ' (' + points_text(second['points'], lang) + ')')}"),
        (t("nature", lang), md(nature)),
        (t("points", lang), f"**{md(points_text(ind['points'], lang))}**" + md("（" + combine + "）" if lang == "zh" else f" ({combine})")),
        (t("responsible", lang), unit_links(page, ind["responsible"]["units"], lang)),
    ]
    body = "\n".join(f"{label}\n:   {value}\n" for label, value in rows)
    return f'<div class="ind-meta" markdown>\n\n{body}\n</div>'


def _large_type_button(lang: str) -> str:
    return (f'<p class="ind-tools no-print"><button type="button" class="md-button ind-large-type" '
            f'data-large-type-toggle aria-pressed="false" title="{h(t("large_type_hint", lang))}">'
            f'{h(t("large_type", lang))}</button></p>')


def _rule_section(ind: dict[str, Any], lang: str) -> str:
    out = [f"## {t('sec_rule', lang)} {{#rule}}", "", md(t("rule_intro", lang)), ""]
    out += ['<div class="projector ind-rule" markdown>', "", paragraphs(tr(ind["explanation"], lang)), "", "</div>", ""]
    if lang != "zh":
        out += [f'<div class="ind-original" lang="zh" markdown>', "",
                f"**{t('original_zh', lang)}**", "", paragraphs(ind["explanation"]["zh"]), "", "</div>", ""]
    return "\n".join(out)


def _interpretation_section(ind: dict[str, Any], lang: str) -> str:
    return "\n".join([f"## {t('sec_interpretation', lang)} {{#interpretation}}", "",
                      md(t("interpretation_intro", lang)), "",
                      '<div class="ind-interpretation" markdown>', "",
                      paragraphs(tr(ind["interpretation"], lang, f"indicator {ind['number']} interpretation")), "",
                      "</div>", ""])


def _items_section(ind: dict[str, Any], lang: str) -> str:
    out = [f"## {t('sec_items', lang)} {{#items}}", ""]
    if ind["combine"] == "best_one":
        out += [f'!!! note "{t("combine", lang)}"', "", "    " + md(t("combine_best_one", lang, n=ind["points"])), ""]
    for item in ind["items"]:
        heading = t("item_heading", lang, id=item["id"], points=points_text(item["points"], lang))
        out += [f"### {md(heading)} {{#{item_anchor(item['id'])}}}", ""]
        source = paragraphs(tr(item["source"], lang, f"item {item['id']} source"))
        if lang != "zh":
            source += f'\n\n<span class="ind-original-inline" lang="zh">{h(item["source"]["zh"])}</span>'
        out += ['<div class="ind-item" markdown>', "",
                '<div class="ind-item__source" markdown>', "", f"**{t('source_label', lang)}**", "", source, "", "</div>", "",
                '<div class="ind-item__rule" markdown>', "", f"**{t('rule_label', lang)}**", "",
                readable_rule(item, lang), "", "</div>", "", "</div>", ""]
    return "\n".join(out)


def _facts_section(page: Any, ind: dict[str, Any], lang: str) -> str:
    rules = ruleset()
    out = [f"## {t('sec_facts', lang)} {{#facts}}", ""]
    rows = [f"| {t('fact_col', lang)} | {t('how_col', lang)} | {t('notes_col', lang)} |", "|---|---|---|"]
    for key, item_ids in referenced_facts(ind):
        fact = rules.facts[key]
        notes = []
        if fact["kind"] == "flag":
            label = f"[{md(t('qualitative', lang, id=key))}](#{item_anchor(key)})"
        else:
            label = md(_label(key, lang))
        if fact.get("per_year"):
            notes.append(md(t("per_year", lang)))
        if fact.get("default"):
            notes.append(f"[{md(t('default', lang))}](#benchmarks)")
        owner = rules.fact_indicator[key]
        if owner != ind["number"]:
            link = f"[{md(t('indicator', lang, n=owner))}]({page_link(page, indicator_file(owner))}#facts)"
            notes.append(md(t("shared_fact", lang, link="\x00")).replace("\x00", link))
        if item_ids and fact["kind"] != "flag":
            notes.append(md(t("used_in", lang, items=_sep(lang).join(item_ids))))
        rows.append(f"| {label} | {md(fact_how(key, lang))} | {'<br>'.join(notes)} |")
    out += ['<div class="ind-table-wrap" markdown>', "", "\n".join(rows), "", "</div>", ""]
    method = tr(ind["evaluation"]["method"], lang)
    sources = _sep(lang).join(tr(s, lang) for s in ind["evaluation"]["sources"])
    out += [t("method_line", lang, v=md(method)), "", t("sources_line", lang, v=md(sources)), ""]
    return "\n".join(out)


def benchmark_series_for(ind: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    rules = ruleset()
    out = []
    for key, _ in referenced_facts(ind):
        series_id = (rules.facts[key].get("default") or {}).get("benchmark")
        if series_id:
            out.append((key, rules.benchmarks[series_id]))
    return out


def unpublished_national_facts(ind: dict[str, Any]) -> list[str]:
    """Comparison figures named national_* that have no published default: the user enters them."""
    rules = ruleset()
    return [key for key, _ in referenced_facts(ind)
            if key.startswith("national_") and not rules.facts[key].get("default")]


def _benchmarks_section(ind: dict[str, Any], lang: str) -> str:
    series_list = benchmark_series_for(ind)
    unpublished = unpublished_national_facts(ind)
    if not series_list and not unpublished:
        return ""
    data = load_data()
    by_id = {s["id"]: s for s in data["benchmarks"]["series"]}
    out = [f"## {t('sec_benchmarks', lang)} {{#benchmarks}}", ""]
    rules = ruleset()
    for key, compiled in series_list:
        series = by_id[compiled["id"]]
        fact = rules.facts[key]
        out += [f"### {md(tr(series['label'], lang))} {{#benchmark-{series['id'].replace('_', '-')}}}", ""]
        use = "bm_use_per_year" if fact.get("per_year") else "bm_use_single"
        out += [md(t(use, lang, label="“" + _label(key, lang) + "”" if lang == "zh" else f'"{_label(key, lang)}"')), ""]
        has_amount = any("amount" in v for v in series["values"].values())
        head = [t("year_col", lang), t("value_col", lang)] + ([t("amount_col", lang)] if has_amount else [])
        rows = ["| " + " | ".join(head) + " |", "|---|---:|" + ("---:|" if has_amount else "")]
        unit_key = "percent_unit" if series["unit"] == "percent" else "score_unit"
        for year in sorted(series["values"], key=int):
            entry = series["values"][year]
            cells = [str(year), md(t(unit_key, lang, v=_fmt(entry["value"])))]
            if has_amount:
                amount = entry.get("amount", "")
                cells.append(md(amount + (t("rounded", lang) if entry.get("status") == "rounded" else "")))
            rows.append("| " + " | ".join(cells) + " |")
        out += ['<div class="ind-table-wrap" markdown>', "", "\n".join(rows), "", "</div>", ""]
        out += [t("publisher", lang, v=md(tr(series["publisher"], lang))), "",
                t("bm_source", lang, v=md(tr(series["source"], lang))), ""]
        if series.get("caveat"):
            out += [f'!!! warning "{t("bm_caveat", lang)}"', "", "    " + md(tr(series["caveat"], lang)), ""]
    if unpublished:
        labels = _sep(lang).join(_label(k, lang) for k in unpublished)
        colon = "：" if lang == "zh" else ": "
        out += [f'!!! info "{t("bm_not_published", lang)}{colon}{md(labels)}"', "",
                "    " + md(tr(data["benchmarks"]["no_published_figure"], lang)), ""]
    return "\n".join(out)


def _responsible_section(page: Any, ind: dict[str, Any], lang: str) -> str:
    """The cell as the document prints it (the Chinese, with the short names it uses), then each unit
    it names, linked to the unit's page."""
    text = ind["responsible"]["text"]["zh"]
    quoted = md(text) if lang == "zh" else f'<span lang="zh">{h(text)}</span>'
    out = [f"## {t('sec_responsible', lang)} {{#responsible}}", "", f"{md(t('responsible_text', lang))}{quoted}", ""]
    out += [f"- {link}" for link in unit_link_list(page, ind["responsible"]["units"], lang, capital=True)]
    return "\n".join(out + [""])


def format_input(key: str, value: Any, lang: str) -> str:
    """An entered fact value as the example shows it (HTML-safe text)."""
    fact = ruleset().facts[key]
    if value is None:
        return t("not_entered_default" if fact.get("default") else "not_entered", lang)
    if fact.get("per_year") and isinstance(value, dict) and not {"percent", "numerator", "current"} & set(value):
        return "\n".join(t("year_value", lang, y=year, v=format_input_single(fact, v, lang))
                         for year, v in sorted(value.items()))
    return format_input_single(fact, value, lang)


def format_input_single(fact: dict[str, Any], value: Any, lang: str) -> str:
    kind = fact["kind"]
    if value is None:
        return t("not_entered", lang)
    if kind == "flag":
        return t("yes" if value else "no", lang)
    if kind in ("ratio", "growth"):
        if "percent" in value:
            return f"{_fmt(value['percent'])}%"
        if kind == "ratio" and "numerator" not in fact:
            return f"{_fmt(value['numerator'])} / {_fmt(value['denominator'])}"
        if kind == "ratio":
            return t("counts", lang, a=_fmt(value["numerator"]), b=_fmt(value["denominator"]),
                     num=tr(fact["numerator"], lang), den=tr(fact["denominator"], lang))
        return t("amounts", lang, a=_fmt(value["current"]), b=_fmt(value["previous"]))
    if kind == "firms":
        if not value:
            return t("no_firms", lang)
        return "\n".join(t("firm", lang, name=f["name"], year=f["year"], sales=_wan_yuan(f["sales_wan_yuan"], lang)) for f in value)
    return _fmt(value)


def _example_block(page: Any, ind: dict[str, Any], k: int, example: dict[str, Any], lang: str) -> str:
    result = score_example(ind["number"], example, lang)
    assessment = example_assessment(example, lang)
    defaults = load_examples()
    title = tr(example["title"], lang, f"example {example['id']} title")
    out = [f"### {md(t('example_heading', lang, k=k, title=title))} {{#example-{example['id']}}}", ""]
    rows = []
    for key, _ in referenced_facts(ind):
        fact = ruleset().facts[key]
        label = (t("qualitative", lang, id=key) if fact["kind"] == "flag" else _label(key, lang))
        value = format_input(key, assessment["facts"].get(key), lang)
        rows.append(Markup('<tr data-fact="{}"><th scope="row">{}</th><td>{}</td></tr>').format(
            key, label, Markup("<br>").join(value.split("\n"))))
    years = assessment["years"]
    year_note = ""
    if list(years) != list(defaults["years"]):
        year_note = Markup('<p class="ind-example__years">{}</p>').format(t("example_years", lang, y1=years[0], y2=years[1]))
    steps = []
    for item in result["items"]:
        lines = Markup("<br>").join(line[lang] for line in item["lines"])
        steps.append(Markup('<li data-item="{}" data-status="{}" data-score="{}">{}</li>').format(
            item["id"], item["status"], item["score"], lines))
    html = Markup(
        '<div class="ind-example" data-example="{id}" data-indicator="{n}" data-score="{score}" data-max="{max}">\n'
        '{years}'
        '<p class="ind-example__label">{input}</p>\n'
        '<div class="ind-table-wrap"><table class="ind-example__input">\n<tbody>\n{rows}\n</tbody>\n</table></div>\n'
        '<p class="ind-example__label">{steps_label}</p>\n'
        '<ul class="ind-example__steps">\n{steps}\n</ul>\n'
        '<p class="ind-example__result">{result}<strong class="ind-example__score">{score}</strong> / {max}</p>\n'
        '</div>'
    ).format(id=example["id"], n=ind["number"], score=result["score"], max=result["max"], years=year_note,
             input=t("input", lang), rows=Markup("\n").join(rows), steps_label=t("steps", lang),
             steps=Markup("\n").join(steps), result=t("result", lang) + ("：" if lang == "zh" else ": "))
    return "\n".join(out + [str(html), ""])


def _examples_section(page: Any, ind: dict[str, Any], lang: str) -> str:
    defaults = load_examples()
    from calc.rules import REGION_NAMES

    region = REGION_NAMES[defaults["region"]][0 if lang == "zh" else 1]
    region = region + ("地区" if lang == "zh" else " region")
    out = [f"## {t('sec_examples', lang)} {{#examples}}", "",
           md(t("examples_intro", lang, y1=defaults["years"][0], y2=defaults["years"][1], region=region)), ""]
    for k, example in enumerate(defaults["indicators"][ind["number"]], start=1):
        out.append(_example_block(page, ind, k, example, lang))
    return "\n".join(out)


def _back_to_overview(page: Any, ind: dict[str, Any], lang: str) -> str:
    """Material's footer links the previous and next indicator; this returns to the indicator's row."""
    link = page_link(page, "indicators/index.md#row-" + str(ind["number"]))
    return f'<p class="ind-pager no-print" markdown>[← {md(t("overview", lang))}]({link})</p>'


def render_indicator_page(page: Any, number: int) -> str:
    lang = lang_of(page)
    ind = indicator(number)
    expected = indicator_file(number)
    if page.file.src_uri != f"{lang}/{expected}":
        raise ValueError(f"indicator_page({number}) belongs in docs/{lang}/{expected}, not {page.file.src_uri}")
    title = strip_final_stop(tr(ind["title"], lang, f"indicator {number} title"))
    parts = [
        f"# {md(t('heading', lang, n=number, title=title))} {{#indicator-{number} .indicator-section}}",
        "",
        _meta_block(page, ind, lang),
        "",
        _large_type_button(lang),
        "",
        _rule_section(ind, lang),
        _interpretation_section(ind, lang),
        _items_section(ind, lang),
        _facts_section(page, ind, lang),
        _benchmarks_section(ind, lang),
        _responsible_section(page, ind, lang),
        _examples_section(page, ind, lang),
        _back_to_overview(page, ind, lang),
    ]
    return "\n".join(p for p in parts if p is not None)


# ------------------------------------------------------------------------------------------------
# Overview
# ------------------------------------------------------------------------------------------------

def render_indicator_table(page: Any) -> str:
    """All 41 indicators grouped by first- and second-level category, with subtotals computed from the
    indicators' points (and checked against the categories' stated points) and the total.

    HTML (rows need ids and classes) with md_in_html: the title cells are Markdown links, so MkDocs checks
    and rewrites them like any other link."""
    lang = lang_of(page)
    data = load_data()
    by_category: dict[str, list[dict]] = {}
    for ind in data["indicators"]:
        by_category.setdefault(ind["category"], []).append(ind)
    rows: list[str] = []
    grand = 0

    def group_row(kind: str, item: dict, label: str) -> str:
        return str(Markup(
            '<tr class="ind-row-{kind}" id="cat-{id}"><th scope="rowgroup" colspan="4">'
            '<span class="ind-level">{label}</span> <span class="ind-cat-name">{name}</span> '
            '<span class="ind-cat-pts">{pts}</span></th></tr>'
        ).format(kind=kind, id=item["id"], label=label, name=tr(item["name"], lang), pts=points_text(item["points"], lang)))

    def sum_row(kind: str, attr: str, key: str, pts: int, label: str) -> str:
        return str(Markup(
            '<tr class="ind-row-{kind}" {attr}="{key}" data-points="{pts}"><td class="ind-col-no"></td>'
            '<th scope="row" colspan="2">{label}</th><td class="ind-col-pts">{pts}</td></tr>'
        ).format(kind=kind, attr=Markup(attr), key=key, pts=pts, label=label))

    for cat in data["categories"]["categories"]:
        rows.append(group_row("cat1", cat, t("first_level", lang)))
        cat_sum = 0
        for child in cat["children"]:
            rows.append(group_row("cat2", child, t("second_level", lang)))
            child_sum = 0
            for ind in by_category.get(child["id"], []):
                nature = ind["nature"] if lang == "zh" else downloads.nature_en(ind["nature"])
                title = strip_final_stop(tr(ind["title"], lang))
                link = f"[{md(title)}]({page_link(page, indicator_file(ind['number']))})"
                rows.append(str(Markup(
                    '<tr class="ind-row" id="row-{n}" data-indicator="{n}" data-category="{cat}" data-points="{pts}" markdown="1">'
                    '<td class="ind-col-no">{n}</td><td class="ind-col-title" markdown="span">{link}</td>'
                    '<td class="ind-col-nature">{nature}</td><td class="ind-col-pts">{pts}</td></tr>'
                ).format(n=ind["number"], cat=child["id"], pts=ind["points"], link=Markup(link), nature=nature)))
                child_sum += ind["points"]
            if child_sum != child["points"]:
                raise ValueError(f"category {child['id']}: indicators add up to {child_sum}, not {child['points']}")
            rows.append(sum_row("subtotal", "data-subtotal", child["id"], child_sum,
                                t("subtotal", lang, name=tr(child["name"], lang))))
            cat_sum += child_sum
        if cat_sum != cat["points"]:
            raise ValueError(f"category {cat['id']}: indicators add up to {cat_sum}, not {cat['points']}")
        rows.append(sum_row("total", "data-total", cat["id"], cat_sum, t("cat_total", lang, name=tr(cat["name"], lang))))
        grand += cat_sum
    if grand != data["categories"]["total_points"]:
        raise ValueError(f"the indicators add up to {grand}, not {data['categories']['total_points']}")
    rows.append(sum_row("grand", "data-grand-total", "total", grand, t("grand_total", lang)))
    head = Markup(
        '<thead><tr><th scope="col" class="ind-col-no">{}</th><th scope="col">{}</th>'
        '<th scope="col" class="ind-col-nature">{}</th><th scope="col" class="ind-col-pts">{}</th></tr></thead>'
    ).format(t("no_col", lang), t("title_col", lang), t("nature", lang), t("points", lang))
    return "\n".join([
        str(Markup('<div class="ind-table-wrap ind-overview-wrap" role="region" tabindex="0" aria-label="{}" markdown="1">')
            .format(t("table_label", lang))),
        '<table class="ind-overview" id="indicator-table" markdown="1">',
        str(head),
        '<tbody markdown="1">',
        *rows,
        "</tbody>",
        "</table>",
        "</div>",
    ])


def render_pass_rule(page: Any) -> str:
    """The pass rule, verbatim, the site's reading of it, and the minimum whole score of every
    first-level category as the scoring core computes it."""
    import calc
    from calc.assessment import FORMAT_NAME, FORMAT_VERSION
    from calc.numbers import fmt

    lang = lang_of(page)
    data = load_data()
    rule = data["categories"]["pass_rule"]
    out = [f"> {md(tr(rule['source'], lang))}", ""]
    if lang != "zh":
        out += [f'<p class="ind-original-inline" lang="zh">{h(rule["source"]["zh"])}</p>', ""]
    out += [paragraphs(tr(rule["interpretation"], lang)), ""]
    empty = calc.score({"format": FORMAT_NAME, "version": FORMAT_VERSION, "scope": {"kind": "county"},
                        "years": list(downloads.template_years()), "facts": {}})
    rate = rule["category_rate_min"]
    out += [f"### {t('minimum_heading', lang)} {{#minimum-scores}}", "", md(t("minimum_intro", lang, r=rate)), ""]
    head = [t("cat_col", lang), t("max_col", lang), t("rate_col", lang, r=rate), t("needed_col", lang)]
    rows = ['<div class="ind-table-wrap ind-minimum" markdown>', "", "| " + " | ".join(head) + " |", "|---|---:|---:|---:|"]
    for cat in empty["categories"]:
        exact = fmt(Fraction(cat["max"] * rate, 100), min_decimals=0)
        rows.append(f'| [{md(tr(cat["name"], lang))}](#cat-{cat["id"]}) | {cat["max"]} | {exact} | **{cat["needed"]}** |')
    rows.append(f"| {md(t('pass_total_row', lang))} | {empty['max']} | | **{rule['total_min']}** |")
    rows += ["", "</div>"]
    out += ["\n".join(rows), ""]
    return "\n".join(out)


def render_downloads(page: Any) -> str:
    """Links to the indicator CSV, the county template, the schema and the example files."""
    import calc
    import json

    lang = lang_of(page)
    years = downloads.template_years()
    date = downloads.build_date().isoformat()
    if lang == "zh":
        lines = [
            f"- [评估指标一览表（CSV，中英文对照，可用Excel打开）]({downloads.link(page, downloads.CSV_NAME)})",
            f"- [全县空白自评文件（JSON）]({downloads.link(page, downloads.template_path(None))})："
            f"评估年度为{years[0]}年和{years[1]}年，即本站生成时（{date}）之前最近两个完整年度；各单位的空白文件见[责任单位]({page_link(page, 'units/index.md')})各页",
            f"- [自评文件格式说明（JSON Schema）]({downloads.link(page, downloads.schema_path())})",
        ]
    else:
        lines = [
            f"- [All indicators (CSV, Chinese and English columns, opens in Excel)]({downloads.link(page, downloads.CSV_NAME)})",
            f"- [Blank county assessment file (JSON)]({downloads.link(page, downloads.template_path(None))}): "
            f"assessed years {years[0]} and {years[1]}, the two most recent full years when the site was built ({date}); "
            f"each unit's blank file is on its page under [Responsible units]({page_link(page, 'units/index.md')})",
            f"- [Format of the assessment file (JSON Schema)]({downloads.link(page, downloads.schema_path())})",
        ]
    for path in downloads.example_files():
        example = json.loads(path.read_text(encoding="utf-8"))
        report = calc.score(example)
        scope = example["scope"]
        if scope["kind"] == "unit":
            unit = next(u for u in load_data()["units"] if u["id"] == scope["unit"])
            who = tr(unit["name"], lang)
        else:
            who = "全县" if lang == "zh" else "whole county"
        title = example.get("meta", {}).get("title", path.stem)
        y1, y2 = example["years"]
        if scope["kind"] == "unit":
            # A unit's file holds only its own indicators: the pass rule applies to the county's total.
            result = (f"本单位指标得分{report['total']}" if lang == "zh"
                      else f"{report['total']} points on its own indicators")
        elif lang == "zh":
            result = f"总分{report['total']}，{'合格' if report['passed'] else '不合格'}"
        else:
            result = f"total {report['total']}, {'pass' if report['passed'] else 'not passed'}"
        if lang == "zh":
            lines.append(f"- 示例：[{md(title)}]({downloads.link(page, downloads.example_path(path))})"
                         f"（{md(who)}，{y1}–{y2}年，{result}）")
        else:
            lines.append(f"- Example: [{path.name}]({downloads.link(page, downloads.example_path(path))}) "
                         f"({md(who)}, {y1}–{y2}, {result}; <span lang=\"zh\">{h(title)}</span>)")
    return "\n".join(lines)


def register(env: Any) -> None:
    @env.macro
    def indicator_page(number: int) -> str:
        return render_indicator_page(env.page, int(number))

    @env.macro
    def indicator_table() -> str:
        return render_indicator_table(env.page)

    @env.macro
    def pass_rule() -> str:
        return render_pass_rule(env.page)

    @env.macro
    def indicator_downloads() -> str:
        return render_downloads(env.page)
