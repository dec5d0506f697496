"""The readable text of a comparison (calc.compare), in Chinese or English, for the command line."""

from __future__ import annotations

from typing import Any

from calc.contract import STATE_LABELS

STATUS = {lang: {state: labels[lang] for state, labels in STATE_LABELS.items()} for lang in ("zh", "en")}


def _delta(value: int, lang: str) -> str:
    if value == 0:
        return "不变" if lang == "zh" else "no change"
    return f"+{value}" if value > 0 else f"−{-value}"


def _verdict(passed: bool | None, lang: str) -> str:
    if lang == "zh":
        return "合格" if passed else "不合格"
    return "PASS" if passed else "NOT PASSED"


def _scores(block: dict[str, Any], lang: str) -> str:
    change = _delta(block["delta"], lang)
    return (
        f"{block['old']} → {block['new']}（{change}）/ {block['max']}"
        if lang == "zh"
        else f"{block['old']} → {block['new']} ({change}) / {block['max']}"
    )


def _years(years: list[int] | None, lang: str) -> str:
    if not years:
        return ""
    return f"（{years[0]}–{years[1]}年）" if lang == "zh" else f" ({years[0]}–{years[1]})"


def comparison_text(comparison: dict[str, Any], lang: str, names: tuple[str, str] = ("old", "new")) -> str:
    zh = lang == "zh"
    files = comparison["files"]
    labels = dict(zip(("old", "new"), names))
    out = [
        "平陆县网络市场监管与服务示范区创建评估：两次自评对比"
        if zh
        else "Pinglu online-market demonstration zone assessment: progress between two assessments"
    ]
    if comparison["refused"]:
        out.append("无法比较：" if zh else "Cannot compare:")
        out.extend(_problem_lines(files, labels, lang))
        return "\n".join(out) + "\n"
    for side, word in (("old", "较早" if zh else "Earlier"), ("new", "较新" if zh else "Later")):
        info = files[side]
        out.append(
            f"{word}：{labels[side]}{_years(info['years'], lang)}  总分 {info['total']}  {_verdict(info['passed'], lang)}"
            if zh
            else f"{word}: {labels[side]}{_years(info['years'], lang)}  total {info['total']}  {_verdict(info['passed'], lang)}"
        )
    if files["old"]["scope"] != files["new"]["scope"] or files["old"]["years"] != files["new"]["years"]:
        out.append(
            "注意：两个文件的范围或评估年度不同，变化不全是进展。"
            if zh
            else "Note: the two files differ in scope or assessed years, so not every change is progress."
        )
    passed = comparison["passed"]
    out.append(
        f"{'总分' if zh else 'Total'} {_scores(comparison['total'], lang)}  "
        f"{_verdict(passed['old'], lang)} → {_verdict(passed['new'], lang)}"
    )
    out.append("")
    for category in comparison["categories"]:
        marks = ("✓" if category["passed"]["old"] else "✗") + "→" + ("✓" if category["passed"]["new"] else "✗")
        out.append(
            f"{marks} {category['name'][lang]}  {_scores(category, lang)}  "
            f"{category['rate']['old']}% → {category['rate']['new']}%"
        )
        for child in category["children"]:
            out.append(f"      {child['name'][lang]}  {_scores(child, lang)}")
    out.append("")
    for indicator in comparison["indicators"]:
        out.append(f"[{indicator['number']}] {indicator['title'][lang]}  {_scores(indicator, lang)}")
        for item in indicator["changed_items"]:
            status = STATUS[lang]
            out.append(
                f"      {item['id']} {status[item['status']['old']]} → {status[item['status']['new']]}  "
                f"{_scores(item, lang)}"
            )
    out.append("")
    facts = comparison["facts"]
    out.append(
        ("数据有变化的项目：" if zh else "Entered values that changed:")
        if facts
        else ("填写的数据没有变化。" if zh else "No entered value changed.")
    )
    none = "（未填写）" if zh else "(not entered)"
    for fact in facts:
        year = "" if fact["year"] is None else (f" {fact['year']}年" if zh else f" {fact['year']}")
        where = f"指标{fact['indicator']}" if zh else f"indicator {fact['indicator']}"
        old = fact["old"][lang] if fact["old"] else none
        new = fact["new"][lang] if fact["new"] else none
        out.append(
            f"  {where} {fact['label'][lang]}{year}：{old} → {new}"
            if zh
            else f"  {where} {fact['label'][lang]}{year}: {old} → {new}"
        )
    problems = _problem_lines(files, labels, lang)
    if problems:
        out.append("")
        out.append("以下数据有误，未计入：" if zh else "These entries are invalid and were left out:")
        out.extend(problems)
    return "\n".join(out) + "\n"


def _problem_lines(files: dict[str, Any], labels: dict[str, str], lang: str) -> list[str]:
    return [
        f"  - {labels[side]}: {p['field'] or ('（文件）' if lang == 'zh' else '(file)')}: {p['message'][lang]}"
        for side in ("old", "new")
        for p in files[side]["problems"]
    ]
