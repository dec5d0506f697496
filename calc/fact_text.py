"""A fact as a report prints it: its label and an entered value, in both languages."""

from __future__ import annotations

from typing import Any

from calc.assessment import Firm, Quantity
from calc.numbers import fmt_count, percent, yuan_en


def fact_label(key: str, definition: dict[str, Any]) -> dict[str, str]:
    if definition["kind"] == "flag":
        return {"zh": f"子项{key}", "en": f"sub-item {key}"}
    return definition["label"]


def fact_value(value: Any) -> dict[str, str] | None:
    """An entered value as the report would print it; None when not entered (or not valid)."""
    if value is None:
        return None
    if isinstance(value, bool):
        return {"zh": "是" if value else "否", "en": "yes" if value else "no"}
    if isinstance(value, Quantity):
        if value.value is None:
            return {"zh": "无定义（分母为0）", "en": "undefined (denominator 0)"}
        text = percent(value.value)
        if value.from_counts:
            a, b = fmt_count(value.numerator), fmt_count(value.denominator)  # type: ignore[arg-type]
            return {"zh": f"{text}（{a}/{b}）", "en": f"{text} ({a} of {b})"}
        return {"zh": text, "en": text}
    if isinstance(value, list):
        firms = [f for f in value if isinstance(f, Firm)]
        return {
            "zh": "、".join(f"{f.name}（{f.year}年，{fmt_count(f.sales_wan_yuan)}万元）" for f in firms) or "无",
            "en": "; ".join(f"{f.name} ({f.year}, {yuan_en(f.sales_wan_yuan)})" for f in firms) or "none",
        }
    text = fmt_count(value)
    return {"zh": text, "en": text}
