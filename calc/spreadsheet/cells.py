"""What a spreadsheet cell's value means, as spreadsheet users really enter it. No openpyxl needed.

- `95%` typed into a cell is stored as 0.95 with a percent number format: in a percentage column it means 95.
- Numbers stored as text, full-width digits (９５．５), `95.5%` as text, thousands separators (1,234 or
  1，234), stray spaces, are read as the number they show.
- Yes/no: 是/否, √/×, ✓/✗, yes/no, y/n, true/false, 1/0, 符合/不符合, and spreadsheet TRUE/FALSE.
- A dash or slash alone (-, —, /) means "not entered", as on paper forms.
"""

from __future__ import annotations

import datetime as _dt
import math
import re
import unicodedata
from fractions import Fraction
from typing import Any

_DECIMAL = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")
_QUOTED = re.compile(r'"[^"]*"|\\.')
BLANK_MARKS = {"-", "—", "–", "/", "－", "——"}
YES = {"是", "√", "✓", "✔", "yes", "y", "true", "1", "符合", "对"}
NO = {"否", "×", "✗", "✘", "x", "no", "n", "false", "0", "不符合", "错"}


class CellError(ValueError):
    def __init__(self, code: str, zh: str, en: str):
        super().__init__(en)
        self.code, self.zh, self.en = code, zh, en


def is_percent_format(number_format: str | None) -> bool:
    """A format that scales by 100 (0%, 0.00%); a quoted or escaped % ("0.0\"%\"") does not."""
    return "%" in _QUOTED.sub("", number_format or "")


def _normalized(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip()


def is_blank(value: Any) -> bool:
    if value is None:
        return True
    return isinstance(value, str) and (_normalized(value) == "" or _normalized(value) in BLANK_MARKS)


def number(value: Any, number_format: str | None = None, *, percent: bool = False) -> Fraction | None:
    """The number a cell holds (None when blank). In a percentage column (`percent`) a percent-formatted
    cell is scaled back (0.95 → 95) and a trailing % on text is allowed."""
    if is_blank(value):
        return None
    if isinstance(value, bool):
        raise CellError("not-a-number", "应填写数字，不是是/否", "must be a number, not yes/no")
    if isinstance(value, (int, float)):
        if isinstance(value, float) and not math.isfinite(value):
            raise CellError("not-a-number", "应填写数字", "must be a number")
        exact = Fraction(value) if isinstance(value, int) else Fraction(repr(value))
        return exact * 100 if percent and is_percent_format(number_format) else exact
    if isinstance(value, (_dt.date, _dt.time, _dt.timedelta)):
        raise CellError("not-a-number", "应填写数字，不是日期或时间", "must be a number, not a date or time")
    text = _normalized(str(value)).replace(",", "").replace(" ", "").replace("\u3000", "")
    if text.endswith("%"):
        if not percent:
            raise CellError(
                "not-a-number",
                f"应填写数字（此列不是百分比），收到“{_clip(value)}”",
                f'must be a number (this column is not a percentage), got "{_clip(value)}"',
            )
        text = text[:-1]
    if not _DECIMAL.match(text) or len(text) > 40:
        raise CellError("not-a-number", f"应填写数字，收到“{_clip(value)}”", f'must be a number, got "{_clip(value)}"')
    return Fraction(text)


def flag(value: Any) -> bool | None:
    """是/否 and its many spellings (None when blank)."""
    if is_blank(value):
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)) and value in (0, 1):
        return bool(value)
    text = _normalized(str(value)).lower()
    if text in YES:
        return True
    if text in NO:
        return False
    raise CellError("not-a-flag", f"应填写“是”或“否”，收到“{_clip(value)}”", f'must be yes or no, got "{_clip(value)}"')


def text(value: Any) -> str:
    """A free-text cell (evidence, remarks, names) as text, stray spaces removed."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def json_number(value: Fraction) -> int | float:
    """An exact decimal as a JSON number (the values come from decimals, so the float is the decimal)."""
    return int(value) if value.denominator == 1 else float(value)


def _clip(value: Any, limit: int = 30) -> str:
    shown = str(value)
    return shown if len(shown) <= limit else shown[:limit] + "…"
