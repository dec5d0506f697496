"""What a rule kind is, and what the rule kinds share.

A sub-item's rule in data/indicators/NN.yaml names its kind (`rule: {kind: threshold, …}`). Each kind is
one module, calc/rule_<kind>.py, holding one `RuleKind`; calc/rules.py lists them. Nothing outside calc/
knows a kind by name: the site, the build and the data checks ask the kind. A rule kind declares

- `reads(rule)`       the fact keys the rule reads, in the order it reads them (yes/no facts included);
- `flags(item)`       the yes/no facts it implies (keyed by the sub-item id: one checkbox on the form);
- `check(item, …)`    what is wrong with its parameters (tools/datasource.py runs it over data/);
- `score(item, …)`    the points and every line of the explanation, in zh and en;
- `describe(item, …)` the rule in plain words, zh and en: compiled into ruleset.json as the item's
                      `description`, shown on the indicator page and in the self-scoring page's rule panel;
- `boundaries(item, …)` the values where the rule changes its verdict (exactly on, just above, just below
                      a fixed limit), for the indicator pages' calculator; [] when the rule has none;
- `confirm_only`      whether an open sub-item needs nothing but confirming (the cheapest step in calc/gap.py).

A description is, per language, a list of blocks of plain text (no markup), so both the site (Markdown)
and the self-scoring page (DOM) can draw it:
    {"text": "…"}                                   a paragraph
    {"list": ["…", …]}                              a bulleted list
    {"table": {"head": [a, b], "rows": [[a, b], …], "align": ["left", "right"], "strong_rows": [i, …]}}
"""

from __future__ import annotations

import operator
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Callable, Mapping

# A sub-item's status, also the gap-to-pass cost order (calc/gap.py); their words are calc.contract's.
from calc.assessment import message
from calc.contract import MET, MISSING_DATA, PARTIAL, UNDEFINED_DATA, UNMET, points_text
from calc.facts import DEFAULT, MISSING, UNDEFINED, FactBook, Resolved
from calc.numbers import fmt_count, to_fraction

LANGS = ("zh", "en")


Description = dict[str, list[dict[str, Any]]]


@dataclass
class ItemResult:
    id: str
    score: int
    max: int
    status: str
    lines: list[dict[str, str]] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # fact keys still to be entered
    qualitative: bool = False

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "score": self.score,
            "max": self.max,
            "status": self.status,
            "explanation": {lang: "\n".join(text[lang] for text in self.lines) for lang in LANGS},
            "lines": self.lines,
            "missing": self.missing,
            "qualitative": self.qualitative,
        }


class RuleKind:
    """The defaults fit a rule on one fact (`rule.fact`); each kind overrides what differs."""

    name = ""
    params: tuple[str, ...] = ("fact",)  # the keys its rule must have besides `kind`
    confirm_only = False

    def reads(self, rule: dict[str, Any]) -> list[str]:
        return [rule["fact"]]

    def flags(self, item: dict[str, Any]) -> list[str]:
        return []

    def check(self, item: dict[str, Any], declared: Mapping[str, Any]) -> list[str]:
        """Problems with the rule's parameters; `declared` holds every fact key data/ declares."""
        rule = item["rule"]
        absent = [key for key in self.params if key not in rule]
        if absent:
            return [f"a {self.name} rule needs {', '.join(absent)}"]
        problems = self.check_params(item)
        flags = set(self.flags(item))
        problems += [
            f"refers to undeclared fact {key}" for key in self.reads(rule) if key not in flags and key not in declared
        ]
        return problems

    def check_params(self, item: dict[str, Any]) -> list[str]:
        return []

    def score(self, item: dict[str, Any], book: FactBook, years: tuple[int, int] | None, region: str) -> ItemResult:
        raise NotImplementedError

    def describe(self, item: dict[str, Any], facts: Mapping[str, dict[str, Any]]) -> Description:
        """`facts`: fact key → its definition (label, kind) for the facts the rule reads."""
        raise NotImplementedError

    def boundaries(self, item: dict[str, Any], facts: Mapping[str, dict[str, Any]]) -> list[dict[str, Any]]:
        """Values to try on the rule's edges: see `boundary` below for one entry's shape."""
        return []


# --- boundary values: what a calculator offers to try ------------------------------------------------


def boundary(
    item_id: str, fact: str, value: Fraction, zh: str, en: str, *, field: str | None = None, region: str | None = None
) -> dict[str, Any]:
    """One value to try: `fact` (and, for a list of firms, `field` of one entry) set to `value` as a
    person would type it (a rate in percent), labelled in both languages; `region` when the edge holds
    for one region only."""
    return {
        "item": item_id,
        "fact": fact,
        "field": field,
        "region": region,
        "value": fmt_count(value),
        "label": {"zh": zh, "en": en},
    }


def around(
    item_id: str, fact: str, edge: Any, step: Any, unit: str, what: dict[str, str], **where: Any
) -> list[dict[str, Any]]:
    """Exactly on `edge`, one `step` above and one below it; `unit` follows the number ('%' or '')."""
    limit = edge if isinstance(edge, Fraction) else to_fraction(edge)
    delta = to_fraction(step)
    shown = {v: fmt_count(v) + unit for v in (limit - delta, limit, limit + delta)}
    return [
        boundary(
            item_id, fact, limit, f"恰为{shown[limit]}{what['zh']}", f"exactly {shown[limit]}{what['en']}", **where
        ),
        boundary(
            item_id,
            fact,
            limit + delta,
            f"略高：{shown[limit + delta]}",
            f"just above: {shown[limit + delta]}",
            **where,
        ),
        boundary(
            item_id,
            fact,
            limit - delta,
            f"略低：{shown[limit - delta]}",
            f"just below: {shown[limit - delta]}",
            **where,
        ),
    ]


# --- comparisons: each operator is worded here once --------------------------------------------------


@dataclass(frozen=True)
class Comparison:
    test: Callable[[Any, Any], bool]
    symbol: dict[str, str]
    holds: dict[str, str]  # in a report line: "<fact> <value> holds/fails <target>"
    fails: dict[str, str]
    meaning: dict[str, str]  # in a rule description, against a fixed value {right}
    meaning_vs_figure: dict[str, str]  # … against another figure


COMPARISONS = {
    ">": Comparison(
        test=operator.gt,
        symbol={"zh": "＞", "en": ">"},
        holds={"zh": "超过", "en": "is above"},
        fails={"zh": "未超过", "en": "is not above"},
        meaning={"zh": "（严格大于：恰为{right}不得分）", "en": " (strictly greater: exactly {right} does not score)"},
        meaning_vs_figure={"zh": "（严格大于：二者相等不得分）", "en": " (strictly greater: equal does not score)"},
    ),
    ">=": Comparison(
        test=operator.ge,
        symbol={"zh": "≥", "en": "≥"},
        holds={"zh": "达到", "en": "reaches"},
        fails={"zh": "未达到", "en": "does not reach"},
        meaning={"zh": "（含本数：恰为{right}即可）", "en": " (inclusive: exactly {right} is enough)"},
        meaning_vs_figure={"zh": "（含本数：恰为{right}即可）", "en": " (inclusive: exactly {right} is enough)"},
    ),
    "==": Comparison(
        test=operator.eq,
        symbol={"zh": "=", "en": "="},
        holds={"zh": "为", "en": "is"},
        fails={"zh": "不为", "en": "is not"},
        meaning={"zh": "", "en": ""},
        meaning_vs_figure={"zh": "", "en": ""},
    ),
}


def comparison_text(op: str, left: str, right: str, lang: str, vs_figure: bool = False) -> str:
    """'<left> ＞ <right>（严格大于：…）': a condition as the rule description states it."""
    comparison = COMPARISONS[op]
    meaning = (comparison.meaning_vs_figure if vs_figure else comparison.meaning)[lang]
    return f"{left} {comparison.symbol[lang]} {right}" + meaning.format(right=right)


# --- report lines ------------------------------------------------------------------------------------

line = message  # a report line is a message in both languages (calc.assessment.message)


def points_suffix(score: int, maximum: int) -> dict[str, str]:
    # English reads as a sentence: "…is not above 95%: 0 of 1 point"
    return {"zh": f"：{score}/{maximum}", "en": f": {score} of {points_text(maximum, 'en')}"}


def shown(resolved: Resolved) -> dict[str, str]:
    """A fact's value as a report line prints it, with where a default came from."""
    text = resolved.shown or {"zh": "", "en": ""}
    if resolved.state == DEFAULT and resolved.note:
        return {"zh": f"{text['zh']}（{resolved.note['zh']}）", "en": f"{text['en']} ({resolved.note['en']})"}
    return text


def not_usable(book: FactBook, resolved: Resolved, prefix: tuple[str, str] = ("", "")) -> dict[str, str]:
    label = book.label(resolved.key)
    if resolved.state == UNDEFINED and resolved.note:
        return line(
            f"{prefix[0]}{label['zh']}无法计算：{resolved.note['zh']}",
            f"{prefix[1]}{label['en']} cannot be computed: {resolved.note['en']}",
        )
    return line(f"{prefix[0]}未填写{label['zh']}", f"{prefix[1]}{label['en']} not entered")


def unusable_result(item: dict, book: FactBook, resolved: Resolved, hint: tuple[str, str] = ("", "")) -> ItemResult:
    """A single-fact sub-item whose fact is not entered, or undefined (zero denominator): 0 points, and why."""
    points = item["points"]
    text = not_usable(book, resolved, (f"{item['id']} ", f"{item['id']} "))
    status = UNDEFINED_DATA if resolved.state == UNDEFINED else MISSING_DATA
    suffix = points_suffix(0, points)
    return ItemResult(
        item["id"],
        0,
        points,
        status,
        [line(text["zh"] + hint[0] + suffix["zh"], text["en"] + hint[1] + suffix["en"])],
        [resolved.key] if resolved.state == MISSING else [],
    )


def status_of(score: int, maximum: int, any_missing: bool, any_undefined: bool) -> str:
    if score == maximum:
        return MET
    if score > 0:
        return PARTIAL
    if any_undefined:
        return UNDEFINED_DATA
    return MISSING_DATA if any_missing else UNMET


# --- descriptions ------------------------------------------------------------------------------------


def number_text(value: Any) -> str:
    """A rule parameter as written in a description: 95, 7.5 (no forced decimals)."""
    return fmt_count(to_fraction(value))


def label_of(facts: Mapping[str, dict[str, Any]], key: str, lang: str) -> str:
    text = facts[key]["label"].get(lang, "")
    if not text.strip():
        raise ValueError(f"fact {key} has no {lang} label")
    return text


def both(make: Any) -> Description:
    """{zh: make("zh"), en: make("en")}: a description is built once per language."""
    return {lang: make(lang) for lang in LANGS}
