"""Exact numbers: every comparison in the rules is done on Fractions, so 111/100 − 1 is exactly 11 %.

Floats would make "growth equal to the national figure" land on either side of the boundary at random.
"""

from __future__ import annotations

import math
import re
import unicodedata
from fractions import Fraction

_DECIMAL = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")


class NotANumber(ValueError):
    """The value is not a finite number (the message is for developers; users see calc.messages)."""


def clean_number_text(text: str) -> str:
    """A number as typed, the way it is read: full-width characters made plain (NFKC), spaces and
    thousands commas dropped, a trailing % left off ("９５ %" → "95")."""
    cleaned = unicodedata.normalize("NFKC", text).strip().replace(",", "").replace(" ", "")
    return cleaned[:-1] if cleaned.endswith("%") else cleaned


def to_fraction(value: object) -> Fraction:
    """A JSON number, or a numeric string as typed (full-width digits and thousands commas allowed)."""
    if isinstance(value, bool):
        raise NotANumber("boolean")
    if isinstance(value, int):
        return Fraction(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise NotANumber("not finite")
        return Fraction(repr(value))
    if isinstance(value, str):
        text = clean_number_text(value)
        if not _DECIMAL.match(text) or len(text) > 40:
            raise NotANumber("not a decimal")
        return Fraction(text)
    raise NotANumber(type(value).__name__)


def fmt(value: Fraction, decimals: int = 2, min_decimals: int = 1) -> str:
    """9.8 → '9.8', 11 → '11.0', 2/3 → '0.67' (rounded half away from zero, trailing zeros trimmed)."""
    # Integer arithmetic on the fraction's parts: Fraction operators are slow and this runs per line.
    numerator, denominator = abs(value.numerator) * 10**decimals, value.denominator
    rounded = (2 * numerator + denominator) // (2 * denominator)
    sign = "-" if value < 0 and rounded else ""
    whole, frac = divmod(rounded, 10**decimals)
    digits = str(frac).rjust(decimals, "0").rstrip("0").ljust(min_decimals, "0")
    return f"{sign}{whole}" + (f".{digits}" if digits else "")


def fmt_count(value: Fraction) -> str:
    """Counts and amounts: no forced decimals."""
    return fmt(value, decimals=2, min_decimals=0)


def percent(value: Fraction) -> str:
    """95 → '95%', 95.5 → '95.5%', 2/3 → '0.67%': no decimal the number does not have (a rule's 95% is not 95.0%)."""
    return fmt(value, min_decimals=0) + "%"


def yuan_en(wan_yuan: Fraction) -> str:
    """An amount given in 万元 (ten thousand yuan), written as an English reader counts money:
    20000 → '200 million yuan', 150000 → '1.5 billion yuan', 50 → '500,000 yuan'."""
    yuan = Fraction(wan_yuan) * 10000
    for size, word in ((10**9, "billion"), (10**6, "million")):
        if abs(yuan) >= size:
            return f"{fmt(yuan / size, decimals=6, min_decimals=0)} {word} yuan"
    whole, _, decimals = fmt(yuan, decimals=2, min_decimals=0).partition(".")
    return f"{int(whole):,}" + (f".{decimals}" if decimals else "") + " yuan"


def wan_yuan_text(wan_yuan: object, lang: str) -> str:
    """An amount given in 万元 as a reader of `lang` writes it: the number as is in Chinese (it is followed by
    万元), yuan words in English (20000 → '200 million yuan')."""
    amount = to_fraction(wan_yuan)
    return fmt_count(amount) if lang == "zh" else yuan_en(amount)
