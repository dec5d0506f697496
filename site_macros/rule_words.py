"""The sub-item's encoded rule in words (Markdown). Temporary home: issue 12 item 1 moves these words into
calc (each RuleKind describes itself in ruleset.json)."""
from __future__ import annotations

from typing import Any

from calc.assessment import DEFAULT_REGION, REGIONS
from calc.ruleset import default_ruleset
from site_macros.text import md, number_text as _fmt, t as strings_t, text_in


def t(key: str, lang: str, **kw: Any) -> str:
    return strings_t("indicators." + key, lang, **kw)


def points_text(n: int, lang: str) -> str:
    return t("points_n", lang, n=n, s="" if n == 1 else "s")


def _value_text(fact: dict[str, Any], value: Any, lang: str) -> str:
    shown = _fmt(value)
    return f"{shown}%" if fact["kind"] in ("ratio", "growth") else shown


def _label(key: str, lang: str) -> str:
    return text_in(default_ruleset().facts[key]["label"], lang, f"fact {key} label")


def readable_rule(item: dict[str, Any], lang: str) -> str:
    """The sub-item's encoded rule in words (Markdown)."""
    rule = item["rule"]
    facts = default_ruleset().facts
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
        table = [f"| {t('region_col', lang)} | {t('threshold_col', lang)} |", "|---|---|"]
        for region in REGIONS:
            name = t(region, lang) + (t("this_region", lang) if region == DEFAULT_REGION else "")
            cell = t("wan_yuan", lang, v=_fmt(rule["threshold_wan_yuan"][region]))
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
