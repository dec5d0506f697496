"""The assessment file: constants and the parsed, exact form of the facts it holds."""
from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Union

FORMAT_NAME = "pinglu-online-market-assessment"
FORMAT_VERSION = 1
REGIONS = ("east", "central", "west")
DEFAULT_REGION = "central"  # 山西省 is in the central region (指标4)
REGION_NAMES = {"east": ("东部", "eastern"), "central": ("中部", "central"), "west": ("西部", "western")}
MAX_TEXT = 20000             # evidence notes and names: longer texts are refused, not truncated
MAX_FIRMS = 500


def message(zh: str, en: str) -> dict[str, str]:
    return {"zh": zh, "en": en}


@dataclass(frozen=True)
class Quantity:
    """A rate or growth as entered. `value` is in percent, or None when undefined (zero denominator)."""

    value: Fraction | None
    numerator: Fraction | None = None    # counts form (ratio) or current amount (growth)
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


@dataclass
class CleanAssessment:
    """What scoring works from: only the facts that passed validation, parsed to exact values."""

    years: tuple[int, int] | None
    region: str
    facts: dict[str, Any]
    evidence: dict[str, str]
    raw: dict[str, Any]
