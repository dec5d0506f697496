"""`python -m calc show 17`: one indicator as the scoring core holds it, for a reader checking a rule:
its title and points, each sub-item's source sentence beside the rule in plain words (the same text the
indicator page and the self-scoring page's rule panel show), and where its data, rule kinds and worked
examples live."""

from __future__ import annotations

from typing import Any

from calc.contract import points_text
from calc.ruleset import Ruleset


def _blocks(blocks: list[dict[str, Any]], indent: str) -> list[str]:
    out = []
    for block in blocks:
        if "text" in block:
            out.append(indent + block["text"])
        elif "list" in block:
            out.extend(f"{indent}  - {entry}" for entry in block["list"])
        elif "table" in block:
            table = block["table"]
            out.append(indent + "  " + " | ".join(table["head"]))
            out.extend(indent + "  " + " | ".join(str(cell) for cell in row) for row in table["rows"])
    return out


def indicator_text(number: int, ruleset: Ruleset, lang: str) -> str:
    ind = ruleset.indicators[number]
    zh = lang == "zh"
    # as the document names them (a group such as "all member units" stays one name)
    units = ("、" if zh else "; ").join(ruleset.units[u]["name"][lang] for u in ind["responsible"])
    out = [
        f"指标{number} {ind['title']['zh']}（{ind['points']}分）"
        if zh
        else f"Indicator {number}: {ind['title']['en']} ({points_text(ind['points'], 'en')})",
        ("责任单位：" if zh else "Responsible: ") + units,
        "",
    ]
    for item in ind["items"]:
        out.append(
            f"{item['id']}（{item['points']}分，规则类型 {item['rule']['kind']}）"
            if zh
            else f"{item['id']} ({points_text(item['points'], 'en')}, rule kind {item['rule']['kind']})"
        )
        out.append(("  原文：" if zh else "  Source: ") + item["source"][lang])
        out.append("  本站计分：" if zh else "  As the site scores it:")
        out.extend(_blocks(item["description"][lang], "    "))
        out.append("")
    files = (
        f"data/indicators/{number:02d}.yaml",
        f"data/worked_examples/{number:02d}.yaml",
        ", ".join(sorted({f"calc/rule_{i['rule']['kind']}.py" for i in ind["items"]})),
    )
    out.append(
        (
            "数据与规则：{0}；计算示例（作为测试运行）：{1}；规则类型：{2}"
            if zh
            else "Data and rules: {0}; worked examples (run as tests): {1}; rule kinds: {2}"
        ).format(*files)
    )
    return "\n".join(out) + "\n"
