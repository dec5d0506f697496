"""Look up a fact for scoring: the entered value, else the shipped national default, else 'missing'."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from calc.assessment import CleanAssessment, Quantity
from calc.numbers import fmt_count, percent, to_fraction

if TYPE_CHECKING:  # calc.ruleset asks the rule kinds, which read facts through this module
    from calc.ruleset import Ruleset

ENTERED, DEFAULT, MISSING, UNDEFINED = "entered", "default", "missing", "undefined"

# A fact that is not per year but defaults to a national figure takes the figure of this assessed year
# (0 the earlier, 1 the later): the latest one. The self-scoring page reads it from form.json.
BENCHMARK_YEAR_INDEX = 1


@dataclass(frozen=True)
class Resolved:
    key: str
    state: str  # entered | default | missing | undefined (zero denominator)
    value: Any = None  # Fraction (percent for rates), bool, or list of firms
    shown: dict[str, str] | None = None  # the value as the report prints it, zh and en
    note: dict[str, str] | None = None  # where a default came from, or why a rate is undefined

    @property
    def usable(self) -> bool:
        return self.state in (ENTERED, DEFAULT)


class FactBook:
    def __init__(self, ruleset: Ruleset, assessment: CleanAssessment):
        self.ruleset = ruleset
        self.assessment = assessment

    def label(self, key: str) -> dict[str, str]:
        return self.ruleset.facts[key]["label"]

    def get(self, key: str, year: int | None = None) -> Resolved:
        definition = self.ruleset.facts[key]
        stored = self.assessment.facts.get(key)
        if definition.get("per_year"):
            stored = stored.get(year) if isinstance(stored, dict) else None
        if stored is None:
            return self._default(key, definition, year)
        if isinstance(stored, Quantity):
            return self._quantity(key, definition, stored)
        if isinstance(stored, bool) or isinstance(stored, list):
            return Resolved(key, ENTERED, stored)
        text = fmt_count(stored)
        return Resolved(key, ENTERED, stored, {"zh": text, "en": text})

    def _default(self, key: str, definition: dict, year: int | None) -> Resolved:
        series_id = (definition.get("default") or {}).get("benchmark")
        years = self.assessment.years
        if series_id and year is None and years:
            year = years[BENCHMARK_YEAR_INDEX]  # a single national figure for the period
        if series_id and year is not None:
            series = self.ruleset.benchmarks[series_id]
            raw = series["values"].get(str(year))
            if raw is not None:
                value = to_fraction(raw)
                text = percent(value) if definition["kind"] in ("ratio", "growth") else fmt_count(value)
                note = {
                    "zh": f"默认值，来源：{series['source']['zh']}（{year}年）",
                    "en": f"default, source: {series['source']['en']} ({year})",
                }
                return Resolved(key, DEFAULT, value, {"zh": text, "en": text}, note)
        return Resolved(key, MISSING)

    def _quantity(self, key: str, definition: dict, quantity: Quantity) -> Resolved:
        ratio = definition["kind"] == "ratio"
        if quantity.value is None:
            if ratio:
                note = {
                    "zh": f"分母为0，比率无定义（分子 {fmt_count(quantity.numerator)}，分母 0）",
                    "en": f"the denominator is 0, so the rate is undefined (numerator {fmt_count(quantity.numerator)}, denominator 0)",
                }
            else:
                note = {
                    "zh": f"上年数额为0，增速无定义（本年 {fmt_count(quantity.numerator)}，上年 0）",
                    "en": f"the previous year's amount is 0, so growth is undefined (this year {fmt_count(quantity.numerator)}, previous year 0)",
                }
            return Resolved(key, UNDEFINED, None, None, note)
        text = percent(quantity.value)
        if quantity.from_counts:
            a, b = fmt_count(quantity.numerator), fmt_count(quantity.denominator)
            shown = (
                {"zh": f"{text}（{a}/{b}）", "en": f"{text} ({a} of {b})"}
                if ratio
                else {"zh": f"{text}（本年 {a}，上年 {b}）", "en": f"{text} ({a} this year, {b} the year before)"}
            )
        else:
            shown = {"zh": text, "en": text}
        return Resolved(key, ENTERED, quantity.value, shown)
