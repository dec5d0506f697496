"""Faster block tests for Python-Markdown, with the same output (hooks/build.py registers it in on_config).

Python-Markdown asks each block processor whether it applies to each block, and six of them answer with a
regular expression searched over the whole block: `(?:^|\\n)!!! ...` and the like. Python's `re` has no
fast path for a pattern that starts with `(?:^|\\n)`, so it tries the pattern at every character; on
this site's pages (long Chinese paragraphs, tables drawn by the macros) Markdown took 14-15 s of a
20-24 s warm build, and 5-5.5 s with this extension (cProfile before: 288,000 searches, 11 s profiled).

Every match of those patterns contains a short piece of text that `str.__contains__` finds at C speed
(for example `"\\n!!!"`, or `"!!!"` at the very start). Each pattern is wrapped so that its `search`
first looks for those pieces and answers None, as the pattern would, when none is there. Nothing else
changes: the processors keep their own code, and a pattern that may match is searched as before.
tests/test_fast_block_tests.py converts every page source under docs/ and a set of edge cases both ways, checks
that the HTML is identical, and checks each wrapped pattern against the plain one on generated blocks.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from markdown.extensions import Extension


class PrefilteredPattern:
    """A compiled pattern whose `search` first checks for text that every match contains."""

    def __init__(self, pattern: re.Pattern[str], may_match: Callable[[str], bool]) -> None:
        self.pattern = pattern
        self.may_match = may_match

    def search(self, string: str, *args: int) -> re.Match[str] | None:
        # With a start/end position the cheap check would look at the wrong slice: search as before.
        if not args and not self.may_match(string):
            return None
        return self.pattern.search(string, *args)

    def __getattr__(self, name: str):
        return getattr(self.pattern, name)


def at_line_start(marker: str, max_indent: int = 0) -> Callable[[str], bool]:
    """`(?:^|\\n)[ ]{0,max_indent}marker`: the marker begins a line after at most max_indent spaces."""
    starts = tuple(" " * spaces + marker for spaces in range(max_indent + 1))
    inside = tuple("\n" + start for start in starts)

    def may_match(text: str) -> bool:
        return text.startswith(starts) or any(piece in text for piece in inside)

    return may_match


def contains_any(*pieces: str) -> Callable[[str], bool]:
    def may_match(text: str) -> bool:
        return any(piece in text for piece in pieces)

    return may_match


# A thematic break is three or more runs of one of - _ * with at most two spaces between runs, so its
# first two runs leave "--", "- -" or "-  -" (likewise for _ and *).
HR_PIECES = tuple(mark + gap + mark for mark in "-_*" for gap in ("", " ", "  "))

# processor name (md.parser.blockprocessors) → (attribute holding the pattern, what every match contains)
PREFILTERS: dict[str, tuple[str, Callable[[str], bool]]] = {
    "admonition": ("RE", at_line_start("!!!")),  # markdown.extensions.admonition: (?:^|\n)!!! ?...
    "details": ("START", at_line_start("???")),  # pymdownx.details: (?:^|\n)\?{3}(\+)? ?...
    "hashheader": ("RE", at_line_start("#")),  # (?:^|\n)(?P<level>#{1,6})...
    "deflist": ("RE", at_line_start(":", 3)),  # markdown.extensions.def_list: (^|\n)[ ]{0,3}:[ ]{1,3}...
    "quote": ("RE", at_line_start(">", 3)),  # (^|\n)[ ]{0,3}>[ ]?(.*)
    "hr": ("SEARCH_RE", contains_any(*HR_PIECES)),  # ^[ ]{0,3}(?=(-+[ ]{0,2}){3,}|...) (MULTILINE)
}


class FastBlockTestsExtension(Extension):
    """List it after the extensions whose processors it speeds up (hooks/build.py appends it last)."""

    def extendMarkdown(self, md) -> None:
        for name, (attribute, may_match) in PREFILTERS.items():
            if name not in md.parser.blockprocessors:
                continue
            processor = md.parser.blockprocessors[name]
            pattern = getattr(processor, attribute)
            if isinstance(pattern, PrefilteredPattern):
                continue
            # An instance attribute, so the processor class (shared by other Markdown instances) is untouched.
            setattr(processor, attribute, PrefilteredPattern(pattern, may_match))
