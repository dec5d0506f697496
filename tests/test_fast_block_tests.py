"""hooks/fast_block_tests.py must change the build's speed, never its output."""

from __future__ import annotations

import re
from pathlib import Path

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hooks.fast_block_tests import PREFILTERS, FastBlockTestsExtension, PrefilteredPattern

ROOT = Path(__file__).resolve().parent.parent

# mkdocs.yml's extensions, less snippets (it reads files the build writes) and the glossary hook's own.
EXTENSIONS = ["abbr", "admonition", "attr_list", "def_list", "md_in_html", "tables", "toc", "pymdownx.details"]


def convert(text: str, fast: bool) -> str:
    extensions = EXTENSIONS + ([FastBlockTestsExtension()] if fast else [])
    return markdown.Markdown(extensions=extensions).convert(text)


EDGE_CASES = """\
# Heading at the very start {#start}

Text with a # inside, a > inside, a : inside, !!! and ??? inside, and -- - -- inside a line.
#Not a space after the hash is still a heading in Python-Markdown

## Second heading ##

!!! note "An admonition"
    Its first paragraph.

    Its second paragraph, a continuation block without the marker.

??? tip "Closed details"
    Inside the details.

    Second block of the details.

???+ warning "Open details"
    Open.

Term
:   Its definition.

Another term
   :  Indented by three, still a definition.

    : indented by four: code, not a definition

> A quote
   > indented by three, still the quote
>
> Second paragraph of the quote.

    > indented by four: code

- - -

***

_  _  _

-- -

text
---

* a list item, not a rule
* another
"""


def test_the_edge_cases_render_the_same_both_ways():
    slow, fast = convert(EDGE_CASES, fast=False), convert(EDGE_CASES, fast=True)
    assert fast == slow
    # Not vacuous: every kind of block the prefilters guard is really in the output.
    for needle, count in [
        ("<h1", 2),
        ("<h2", 1),
        ('class="admonition note"', 1),
        ("<details", 2),
        ("<dl>", 1),
        ("<blockquote>", 1),
        ("<hr />", 4),
    ]:
        assert fast.count(needle) >= count, (needle, fast)


@pytest.mark.parametrize("language", ["zh", "en"])
def test_every_page_source_renders_the_same_both_ways(language):
    pages = sorted((ROOT / "docs" / language).rglob("*.md"))
    assert len(pages) > 20
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert convert(text, fast=True) == convert(text, fast=False), page


def test_the_site_configuration_installs_every_prefilter():
    md = markdown.Markdown(extensions=EXTENSIONS + [FastBlockTestsExtension()])
    for name, (attribute, _) in PREFILTERS.items():
        assert isinstance(getattr(md.parser.blockprocessors[name], attribute), PrefilteredPattern), name
    # The processor classes are untouched: another Markdown instance still has the plain patterns.
    plain = markdown.Markdown(extensions=EXTENSIONS)
    for name, (attribute, _) in PREFILTERS.items():
        assert isinstance(getattr(plain.parser.blockprocessors[name], attribute), re.Pattern), name


# Blocks of lines that begin like the constructs the patterns look for (indent, marker, spacing), so
# that matches and near misses (one space too many, a marker mid-line) are common.
MARKERS = [
    "",
    "#",
    "##",
    ">",
    ":",
    "!!!",
    "!!",
    "???",
    "???+",
    "??",
    "-",
    "--",
    "- -",
    "-  -",
    "- - -",
    "_ _ _",
    "***",
    "* *",
    "a",
    "平陆",
]
SPACES = ["", " ", "  ", "   ", "    "]
lines = st.tuples(
    st.sampled_from(SPACES),
    st.sampled_from(MARKERS),
    st.sampled_from(SPACES),
    st.sampled_from(["", "word", 'note "title"', ":", "#", "-"]),
)
blocks = st.lists(lines.map("".join), max_size=5).map("\n".join)
PATTERNS = {
    name: getattr(markdown.Markdown(extensions=EXTENSIONS).parser.blockprocessors[name], attribute)
    for name, (attribute, _) in PREFILTERS.items()
}


@settings(max_examples=3000, deadline=None)
@given(block=blocks)
def test_a_prefiltered_pattern_finds_exactly_what_the_pattern_finds(block):
    for name, (_, may_match) in PREFILTERS.items():
        pattern = PATTERNS[name]
        expected = pattern.search(block)
        found = PrefilteredPattern(pattern, may_match).search(block)
        same = (found and (found.span(), found.groups())) == (expected and (expected.span(), expected.groups()))
        assert same, (name, block)
