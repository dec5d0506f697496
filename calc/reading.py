"""Reading a file into JSON data, within calc's limits: the one reader of the command line and the page.

Every file, whoever opens it, is read here, so a file is refused (or not) for the same reason with the same
words everywhere. The limits keep a hostile or broken file from exhausting memory or the stack (Python's
recursion in `json`, the browser's in JSON.stringify) and keep every number exact in JavaScript too
(integers beyond 2**53 are not), so what the page holds is what calc read.
"""

from __future__ import annotations

import json
import re
from typing import Any

from calc.assessment import message

MAX_INPUT_BYTES = 2_000_000  # an assessment is a few kB; a file this large is not one
MAX_DEPTH = 32  # an assessment nests 6 levels deep (facts → fact → year → firm → field)
MAX_NUMBER = 10**15  # no figure of the plan comes near; below 2**53, so exact in JavaScript
_MAX_NUMBER_CHARS = 40  # digits beyond this are no figure anybody typed (and int() of them is slow)
_STRUCTURE = re.compile(r'["\\\[\]{}]')


class Refused(ValueError):
    """The file cannot be read at all; `problem` says why, in calc's problem shape."""

    def __init__(self, code: str, zh: str, en: str):
        super().__init__(code)
        self.problem = file_problem(code, zh, en)


def file_problem(code: str, zh: str, en: str) -> dict[str, Any]:
    """A problem of the whole file (no field): the same shape as calc.validation's problems."""
    return {
        "path": [],
        "field": "",
        "code": code,
        "indicator": None,
        "item": None,
        "key": None,
        "message": message(zh, en),
    }


def _too_large() -> Refused:
    megabytes = MAX_INPUT_BYTES // 1_000_000
    return Refused(
        "too-large",
        f"文件超过{megabytes} MB，不是本站的评估文件（评估文件通常只有几KB）。",
        f"The file is larger than {megabytes} MB, so it is not an assessment file of this site (those are a few kB).",
    )


def bytes_of(payload: Any) -> bytes:
    """A chosen file's bytes: bytes as they are; under Pyodide the page's Uint8Array arrives as a JsProxy,
    which copies itself out with to_bytes()."""
    return payload.to_bytes() if hasattr(payload, "to_bytes") else bytes(payload)


def decode(raw: bytes) -> str:
    """The text of a file's bytes: UTF-8, with or without a byte-order mark (as Notepad and Excel write it)."""
    if len(raw) > MAX_INPUT_BYTES:
        raise _too_large()
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise Refused(
            "not-utf8",
            "文件不是UTF-8编码的文本（可能是Excel表格、Word文档或其他编码的文件），无法读取。",
            "The file is not UTF-8 text (it may be a spreadsheet, a document or another encoding), "
            "so it cannot be read.",
        ) from None


def parse(text: str) -> Any:
    """JSON data of `text`, or Refused: not JSON, too large, nested too deep, or a number out of range."""
    if not isinstance(text, str):
        raise Refused("not-text", "读取失败：内容不是文本。", "Could not read: the content is not text.")
    if len(text) > MAX_INPUT_BYTES:  # characters: at least as many bytes
        raise _too_large()
    depth = nesting_depth(text)
    if depth > MAX_DEPTH:
        raise Refused(
            "too-deep",
            f"文件的层级过深（{depth}层，评估文件最多{MAX_DEPTH}层），不是本站的评估文件。",
            f"The file is nested too deeply ({depth} levels; an assessment file has at most {MAX_DEPTH}), "
            "so it is not an assessment file of this site.",
        )
    try:
        data = json.loads(text, parse_int=_integer, parse_float=_decimal, parse_constant=_constant)
    except Refused:
        raise
    except (ValueError, RecursionError):
        raise Refused(
            "not-json",
            "文件不是有效的JSON，可能已损坏或被截断。",
            "The file is not valid JSON; it may be damaged or truncated.",
        ) from None
    if "\\u" in text:  # only an escape can bring in half of a character pair, which no text can hold
        try:
            json.dumps(data, ensure_ascii=False).encode("utf-8")
        except UnicodeEncodeError:
            raise Refused(
                "bad-character",
                "文件中有无效的字符（不成对的 \\u 转义代码），可能已损坏。",
                "The file holds an invalid character (an unpaired \\u escape); it may be damaged.",
            ) from None
    return data


def read_bytes(raw: bytes) -> Any:
    return parse(decode(raw))


def nesting_depth(text: str) -> int:
    """The deepest nesting of [ and { outside strings (JSON syntax is not checked here: json does that);
    0 for a text with too few brackets to nest beyond MAX_DEPTH, which is not scanned."""
    if text.count("[") + text.count("{") <= MAX_DEPTH:
        return 0  # cannot be deeper than the limit: no need to scan
    depth = deepest = 0
    in_string = False
    escaped_at = -1  # the position right after a backslash inside a string: that character is escaped
    for match in _STRUCTURE.finditer(text):
        char, position = match.group(), match.start()
        if position == escaped_at:
            continue
        if in_string:
            if char == "\\":
                escaped_at = position + 1
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth -= 1
    return deepest


def _number_out_of_range(shown: str) -> Refused:
    shown = shown if len(shown) <= 24 else shown[:20] + "…"
    return Refused(
        "number-out-of-range",
        f"文件中的数字“{shown}”超出可读范围（绝对值不超过10的15次方），请核对。",
        f'The number "{shown}" in the file is out of range (at most 10 to the power 15 in size); please check it.',
    )


def _integer(text: str) -> int:
    if len(text) > _MAX_NUMBER_CHARS or abs(int(text)) > MAX_NUMBER:
        raise _number_out_of_range(text)
    return int(text)


def _decimal(text: str) -> float:
    value = float(text) if len(text) <= _MAX_NUMBER_CHARS else float("inf")
    if not abs(value) <= MAX_NUMBER:  # also inf (1e309) and nan
        raise _number_out_of_range(text)
    return value


def _constant(name: str) -> Any:
    # NaN, Infinity, -Infinity: Python's json accepts them, JSON (and the browser) does not.
    raise ValueError(name)
