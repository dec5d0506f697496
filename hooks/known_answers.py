"""calc's answers for the blank form of every first year the page's year box offers (calc.contract.YEARS),
kept small in the self-scoring page's form.json (`known_answers`), so the page can draw them while Python
loads (docs/assets/javascripts/selfscore/known.js reads them; app.js, "known answers").

The blank forms of two years differ only in their years, and their answers mostly in the years written in
them (and where a year has national benchmarks, the lines that use them). So form.json holds one template,
calc's answer with the years written as placeholders, plus for each group of years that differs from the
template the same way, the places that differ:

    known_answers = {
      "first_years": [2000, 2099],         # the first years covered, both included (calc.contract.YEARS)
      "input":  {...blank form..., "years": [{"$year": 0}, {"$year": 1}]},
      "answer": {...calc's answer, with the years written the same way...},
      "patches": [{"years": [[2019, 2019], ...], "set": [[path, value], ...]}, ...],
    }

For a first year Y, a template is filled in by writing Y + k for every {"$year": k} and, in every text (keys
included), Y for "{y0}" and Y + 1 for "{y1}". The blank form for Y is the filled `input`; its answer is the
filled `answer` with each [path, value] of the patch whose `years` (inclusive ranges) hold Y set at its
path (a list of keys and indices) to the filled value. A year in no patch is the template as it is.

The template is the most common of the years' answers written with their own years as placeholders, and
each year's patch is exactly what its own answer has where the template differs, so the years' answers come
back exactly, whatever else their texts hold; `known_answers` checks that they do for every year and fails
the build if one does not.
"""

from __future__ import annotations

import json
import re
import time
from collections import Counter
from typing import Any

from calc.contract import YEARS

YEAR_MARK = "$year"
TOKEN = re.compile(r"\{y([01])\}")


def _is_mark(value: Any) -> bool:
    return isinstance(value, dict) and len(value) == 1 and YEAR_MARK in value


def placeholders(value: Any, first: int) -> Any:
    """`value` (an input or an answer for the first year `first`) with its years written as placeholders."""
    years = (first, first + 1)
    digits = (str(first), str(first + 1))
    pattern = re.compile(rf"(?<!\d)({first}|{first + 1})(?!\d)")

    def text(s: str) -> str:
        if "{y" in s and TOKEN.search(s):
            raise ValueError(f"known answers: calc's answer already holds a year placeholder: {s[:80]!r}")
        if digits[0] not in s and digits[1] not in s:
            return s
        return pattern.sub(lambda m: "{y%d}" % digits.index(m.group(1)), s)

    def walk(v: Any) -> Any:
        if isinstance(v, str):
            return text(v)
        if isinstance(v, bool):
            return v
        if isinstance(v, int) and v in years:
            return {YEAR_MARK: years.index(v)}
        if isinstance(v, list):
            return [walk(item) for item in v]
        if isinstance(v, dict):
            if YEAR_MARK in v:
                raise ValueError(f"known answers: calc's answer already holds the key {YEAR_MARK!r}")
            return {text(k): walk(item) for k, item in v.items()}
        return v

    return walk(value)


def filled(template: Any, first: int) -> Any:
    """The template for the first year `first` (known.js, fill, does the same)."""

    def text(s: str) -> str:
        return TOKEN.sub(lambda m: str(first + int(m.group(1))), s) if "{y" in s else s

    def walk(v: Any) -> Any:
        if isinstance(v, str):
            return text(v)
        if isinstance(v, list):
            return [walk(item) for item in v]
        if _is_mark(v):
            return first + v[YEAR_MARK]
        if isinstance(v, dict):
            return {text(k): walk(item) for k, item in v.items()}
        return v

    return walk(template)


def _differences(a: Any, b: Any, path: list, out: list) -> None:
    """[path, b's value] wherever b differs from a, as deep as both have the same shape."""
    if isinstance(a, dict) and isinstance(b, dict) and a.keys() == b.keys() and not _is_mark(a) and not _is_mark(b):
        for key in a:
            _differences(a[key], b[key], [*path, key], out)
    elif isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        for index, (x, y) in enumerate(zip(a, b)):
            _differences(x, y, [*path, index], out)
    elif not _same(a, b):
        out.append([path, b])


def _same(a: Any, b: Any) -> bool:
    """Equal as JSON, where 1, 1.0 and true are three values."""
    return _canonical(a) == _canonical(b)


def _canonical(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _set_at(root: Any, path: list, value: Any) -> Any:
    if not path:
        return value
    parent = root
    for key in path[:-1]:
        parent = parent[key]
    parent[path[-1]] = value
    return root


def _ranges(years: list[int]) -> list[list[int]]:
    runs: list[list[int]] = []
    for year in sorted(years):
        if runs and runs[-1][1] == year - 1:
            runs[-1][1] = year
        else:
            runs.append([year, year])
    return runs


def answer_for(known: dict, first: int) -> Any:
    """calc's answer for the blank form of the first year `first`, rebuilt from `known` (known.js,
    answerFor, does the same); None outside the years it covers."""
    low, high = known["first_years"]
    if not (isinstance(first, int) and low <= first <= high):
        return None
    answer = filled(known["answer"], first)
    for patch in known["patches"]:
        if any(a <= first <= b for a, b in patch["years"]):
            for path, value in patch["set"]:
                answer = _set_at(answer, path, filled(value, first))
    return answer


def blank_input(blank: dict, first: int) -> dict:
    """The blank form as the page makes it with the first year `first` (store.js, blankAssessment; the
    year box sets [first, first + 1])."""
    return {**blank, "years": [first, first + 1]}


def known_answers(blank: dict, years: tuple[int, int] = YEARS) -> dict:
    """calc's answers for `blank` (form.json's blank form, without years) in every first year of `years`,
    as one template and patches; checked against calc's own answer for every year (ValueError if one
    comes back different)."""
    from calc.api import score_page_json

    firsts = range(years[0], years[1] + 1)
    inputs = {first: blank_input(blank, first) for first in firsts}
    texts = {first: score_page_json(json.dumps(data, ensure_ascii=False)) for first, data in inputs.items()}
    written = {first: placeholders(json.loads(texts[first]), first) for first in firsts}
    # Years whose answers, written with placeholders, are the same text share the template or a patch.
    shapes = {first: _dump(written[first]) for first in firsts}
    most_common = Counter(shapes.values()).most_common(1)[0][0]
    base = min(first for first in firsts if shapes[first] == most_common)
    groups: dict[str, list[int]] = {}
    for first in firsts:
        if shapes[first] != most_common:
            groups.setdefault(shapes[first], []).append(first)
    patches = []
    for members in groups.values():
        changes: list = []
        _differences(written[base], written[members[0]], [], changes)
        patches.append({"years": _ranges(members), "set": changes})
    known = {
        "first_years": [years[0], years[1]],
        "input": placeholders(inputs[base], base),
        "answer": written[base],
        "patches": patches,
    }
    wrong = [first for first in firsts if not _rebuilds(known, first, inputs[first], texts[first])]
    if wrong:
        raise ValueError(f"known answers: the rebuilt answer is not calc's for the first years {_ranges(wrong)}")
    return known


def _dump(value: Any) -> str:
    return json.dumps(value, separators=(",", ":"))  # as calc.api writes its answers


def _rebuilds(known: dict, first: int, data: dict, text: str) -> bool:
    """Whether `known` gives back the blank form `data` of the first year `first` and calc's answer to it,
    `text` (compared as text, or where the keys come in another order, as canonical JSON)."""
    if not _same(filled(known["input"], first), data):
        return False
    answer = answer_for(known, first)
    return _dump(answer) == text or _same(answer, json.loads(text))


def timed_known_answers(blank: dict) -> tuple[dict, float]:
    """known_answers(blank) and the seconds it took (the build logs them)."""
    start = time.perf_counter()
    known = known_answers(blank)
    return known, time.perf_counter() - start
