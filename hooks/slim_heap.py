"""Run inside Pyodide just before the build takes its memory snapshot (hooks/make_snapshot.mjs): drops from
the heap what no score reads, so the snapshot every visitor downloads is smaller (2.75 → about 2.2 MB brotli).

- Docstrings: of functions (and their code's docstring constant), classes, modules and properties. Nothing
  in the page's scoring reads them (the CLI's --help does, but the CLI does not run in the browser).
- Caches: source lines kept for tracebacks, the standard library zip's file list, import finders.
- Column positions: each function's location table is rewritten to line numbers only (CPython's "no column"
  entries), so tracebacks keep their line numbers and lose only the ^^^ markers. A rewritten table is used
  only if `co_lines()` gives every instruction the same line as the original; otherwise the function keeps its own.

Functions sharing a code object keep sharing the rewritten one. Standard library only; the same code runs
under CPython 3.11+ (tests/test_slim_heap.py), where code objects have no docstring flag and keep theirs.
"""

from __future__ import annotations

import dis
import gc
import inspect
import linecache
import sys
import types
import weakref
import zipimport

# Python 3.14: a code object whose co_consts[0] is its docstring says so with this flag.
CO_HAS_DOCSTRING = getattr(inspect, "CO_HAS_DOCSTRING", 0)
NO_COLUMNS = 13  # location entry kinds (CPython's InternalDocs/code_objects.md, "Format of the locations table")
NO_LOCATION = 15
LONG_FORM = 14
MAX_UNITS = 8  # code units one entry covers at most


def _varint(table: bytes, at: int) -> tuple[int, int]:
    value = shift = 0
    while True:
        byte = table[at]
        at += 1
        value |= (byte & 0x3F) << shift
        shift += 6
        if not byte & 0x40:
            return value, at


def _svarint(table: bytes, at: int) -> tuple[int, int]:
    value, at = _varint(table, at)
    return (-(value >> 1) if value & 1 else value >> 1), at


def _write_varint(out: bytearray, value: int) -> None:
    while value >= 0x40:
        out.append(0x40 | (value & 0x3F))
        value >>= 6
    out.append(value)


def _entries(table: bytes):
    """(kind, code units, line delta) per entry; kind is NO_LOCATION or NO_COLUMNS (every located entry)."""
    at = 0
    while at < len(table):
        first = table[at]
        at += 1
        code, units = (first >> 3) & 15, (first & 7) + 1
        if code == NO_LOCATION:
            yield NO_LOCATION, units, 0
            continue
        if code == NO_COLUMNS:
            delta, at = _svarint(table, at)
        elif code == LONG_FORM:
            delta, at = _svarint(table, at)
            for _ in range(3):  # end line, start column, end column
                _, at = _varint(table, at)
        elif code >= 10:  # one-line form: the delta is in the code, two column bytes follow
            delta, at = code - 10, at + 2
        else:  # short form: same line, one column byte
            delta, at = 0, at + 1
        yield NO_COLUMNS, units, delta


def line_only_table(table: bytes) -> bytes:
    """The same locations with line numbers only; runs of one line become one entry (up to 8 code units)."""
    merged: list[list[int]] = []  # [kind, units, delta]
    for kind, units, delta in _entries(table):
        last = merged[-1] if merged else None
        if last and last[0] == kind and (kind == NO_LOCATION or delta == 0) and last[1] + units <= MAX_UNITS:
            last[1] += units
        else:
            merged.append([kind, units, delta])
    out = bytearray()
    for kind, units, delta in merged:
        out.append(0x80 | (kind << 3) | (units - 1))
        if kind == NO_COLUMNS:
            _write_varint(out, (-delta << 1) | 1 if delta < 0 else delta << 1)
    return bytes(out)


def _docstring_is_only_a_docstring(code: types.CodeType) -> bool:
    """co_consts[0] is the docstring and no instruction loads it as a value (constants are shared)."""
    if not (code.co_flags & CO_HAS_DOCSTRING and code.co_consts and isinstance(code.co_consts[0], str)):
        return False
    return not any(ins.opcode in dis.hasconst and ins.arg == 0 for ins in dis.get_instructions(code))


def _line_of_each_unit(code: types.CodeType) -> list[int | None]:
    return [line for start, end, line in code.co_lines() for _ in range(start, end, 2)]


def slim_code(code: types.CodeType, done: dict[int, tuple[weakref.ref, types.CodeType]]) -> types.CodeType:
    """`code` with line-only locations and without its docstring constant; `done` maps a code object's id
    to its slim copy (with a weak reference that tells when the id has been reused by another object:
    the originals are freed as their functions take the copies, so the copies can fill their space)."""
    seen = done.get(id(code))
    if seen and seen[0]() is code:
        return seen[1]
    consts = tuple(slim_code(c, done) if isinstance(c, types.CodeType) else c for c in code.co_consts)
    if _docstring_is_only_a_docstring(code):
        consts = (None, *consts[1:])
    slim = code.replace(co_consts=consts, co_linetable=line_only_table(code.co_linetable))
    if _line_of_each_unit(slim) != _line_of_each_unit(code):
        slim = code.replace(co_consts=consts)
    done[id(code)] = (weakref.ref(code), slim)
    done[id(slim)] = (weakref.ref(slim), slim)
    return slim


def slim_heap() -> int:
    """Slims every live function, class, module and property; returns how many functions were rewritten."""
    done: dict[int, tuple[weakref.ref, types.CodeType]] = {}
    rewritten = 0
    for obj in gc.get_objects():
        if isinstance(obj, types.FunctionType):
            slim = slim_code(obj.__code__, done)
            try:
                obj.__code__ = slim
                obj.__doc__ = None
                rewritten += 1
            except (TypeError, ValueError):
                pass
        elif isinstance(obj, type):
            if isinstance(obj.__dict__.get("__doc__"), str):
                try:
                    obj.__doc__ = None
                except (TypeError, AttributeError):
                    pass  # a static (C) type: its docstring is in the .wasm's data, not on the heap
        elif isinstance(obj, types.ModuleType):
            obj.__doc__ = None
        elif isinstance(obj, property):
            try:
                obj.__doc__ = None
            except AttributeError:
                pass
    del done
    # Caches of the build's own session: source lines of warm-up tracebacks, the standard library zip's file
    # list and import finders (engine.js clears these after a restore anyway: the zip is not there then).
    linecache.clearcache()
    zipimport._zip_directory_cache.clear()
    sys.path_importer_cache.clear()
    getattr(sys, "_clear_internal_caches", lambda: None)()  # 3.13+: the type cache and the like
    gc.collect()
    return rewritten
