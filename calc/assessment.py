"""The assessment file: its limits and the parsed, exact form of the facts it holds."""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Union

# The file's name, version and regions: calc.contract (what the browser must agree on too).
MAX_TEXT = 20000  # evidence notes and names: longer texts are refused, not truncated
MAX_FIRMS = 500
MAX_DISPUTE_VALUES = 100  # one value per merged file; a county has about 25 units


def message(zh: str, en: str) -> dict[str, str]:
    return {"zh": zh, "en": en}


@dataclass(frozen=True)
class Quantity:
    """A rate or growth as entered. `value` is in percent, or None when undefined (zero denominator)."""

    value: Fraction | None
    numerator: Fraction | None = None  # counts form (ratio) or current amount (growth)
    denominator: Fraction | None = None  # counts form (ratio) or previous amount (growth)

    @property
    def from_counts(self) -> bool:
        return self.numerator is not None


@dataclass(frozen=True)
class Firm:
    name: str
    year: int
    sales_wan_yuan: Fraction


Parsed = Union[bool, Fraction, Quantity, list, dict]


@dataclass(frozen=True)
class Dispute:
    """A figure the merged files give differently (calc.merge leaves it out of `facts`). It stays open
    until `facts` holds a value for it: whichever is chosen or typed settles it."""

    key: str
    year: int | None
    values: tuple[tuple[str, Any, Any], ...]  # (source file, the value as the file gives it, parsed)

    def is_open(self, facts: dict[str, Any]) -> bool:
        if self.key not in facts:
            return True
        return self.year is not None and self.year not in facts[self.key]


@dataclass
class CleanAssessment:
    """What scoring works from: only the facts that passed validation, parsed to exact values."""

    years: tuple[int, int] | None
    region: str
    facts: dict[str, Any]
    evidence: dict[str, str]
    raw: dict[str, Any]
    disputes: list[Dispute] = field(default_factory=list)
