"""hooks/slim_heap.py, which the build runs in Pyodide before it takes the memory snapshot, under CPython:
line numbers survive the rewrite of every location table, and calc scores the same after the whole heap
has been slimmed (in a subprocess: slimming rewrites every function of the interpreter it runs in)."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import types

import pytest
from site_helpers import ROOT

from hooks import slim_heap


def code_objects(module) -> list[types.CodeType]:
    found: list[types.CodeType] = []

    def walk(code: types.CodeType) -> None:
        found.append(code)
        for const in code.co_consts:
            if isinstance(const, types.CodeType):
                walk(const)

    for value in vars(module).values():
        for function in (value, *vars(value).values()) if isinstance(value, type) else (value,):
            if isinstance(function, types.FunctionType):
                walk(function.__code__)
    return found


@pytest.mark.parametrize("module_name", ["json.decoder", "dataclasses", "typing", "calc.scoring", "calc.api"])
def test_every_instruction_keeps_its_line_and_the_tables_shrink(module_name):
    module = __import__(module_name, fromlist=["_"])
    codes = code_objects(module)
    assert len(codes) > 5
    before = after = 0
    for code in codes:
        table = slim_heap.line_only_table(code.co_linetable)
        slim = code.replace(co_linetable=table)
        assert slim_heap._line_of_each_unit(slim) == slim_heap._line_of_each_unit(code), code.co_qualname
        assert all(column is None for _, _, column, _ in slim.co_positions())
        before, after = before + len(code.co_linetable), after + len(table)
    assert after < 0.6 * before


def test_a_shared_docstring_constant_is_kept():
    # The compiler shares equal constants: here the docstring is also the value returned.
    namespace: dict = {}
    exec('def same():\n    "ok"\n    return "ok"\n', namespace)
    slim = slim_heap.slim_code(namespace["same"].__code__, {})
    assert types.FunctionType(slim, {})() == "ok"


SLIMMED_SESSION = textwrap.dedent(
    """
    import json, sys, traceback
    import calc.api as api
    from hooks import slim_heap

    def score(first_year):
        blank = api.template_json(None, first_year)
        return api.score_page_json(blank), api.compare_json(blank, blank), api.validate_json("{")

    before = [score(year) for year in (2024, 2031)]
    rewritten = slim_heap.slim_heap()
    after = [score(year) for year in (2024, 2031)]

    def fails():
        x = 1
        raise ValueError(x)  # the line the traceback must name

    try:
        fails()
    except ValueError as error:
        line = traceback.extract_tb(error.__traceback__)[-1].lineno
    print(json.dumps({
        "same": before == after,
        "rewritten": rewritten,
        "docs": [api.score_page_json.__doc__, api.__doc__, json.JSONDecoder.__doc__],
        "line": line,
    }))
    """
)


def test_calc_scores_the_same_after_the_heap_is_slimmed():
    done = subprocess.run(
        [sys.executable, "-c", SLIMMED_SESSION], cwd=ROOT, capture_output=True, text=True, check=True, timeout=120
    )
    result = json.loads(done.stdout)
    assert result["same"] is True
    assert result["rewritten"] > 1000
    assert result["docs"] == [None, None, None]
    # python -c numbers the lines of the string it runs from 1
    lines = SLIMMED_SESSION.splitlines()
    assert result["line"] == next(n for n, line in enumerate(lines, 1) if "the traceback must name" in line)
