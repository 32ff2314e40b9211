"""Lint time grows with a document's length whatever its shape, and a long document parsed in
pieces reads exactly as it would whole.

Timings are compared within one test (a ratio between two documents of the same size), never
against a number of seconds, so a slow or busy machine does not make them fail.
"""

from __future__ import annotations

import re
import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coscore.lint import markdown
from coscore.lint.engine import lint_prose
from coscore.lint.markdown import extract
from lint_helpers import rules

ORDINARY = (
    "## Our plan\n\nThe peer panel meets every month and sets its own agenda. We will ensure vulnerable adults are heard going forward.\n\n"
    "- Members decide together which projects we take on.\n- In the coming months we will explore new ways of working.\n\n"
    "| Action | Owner | Date |\n|---|---|---|\n| Publish the findings | Amira | by June 2026 |\n\n"
)
REPEATED = "We will ensure vulnerable people are heard going forward and hard to reach families fail to engage "


def _seconds(text: str) -> float:
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        lint_prose(extract(text), "d.md", rules())
        best = min(best, time.perf_counter() - start)
    return best


def _sized(unit: str, size: int) -> str:
    return unit * (size // len(unit) + 1)


def test_one_long_paragraph_costs_no_more_per_byte_than_ordinary_prose():
    size = 200_000
    ordinary = _seconds(_sized(ORDINARY, size))
    one_paragraph = _seconds(_sized(REPEATED, size) + "\n")  # no full stop, no line break: one sentence
    # quadratic matching made this about 100 times slower than the ordinary document
    assert one_paragraph < 4 * ordinary, (one_paragraph, ordinary)


def test_a_very_wide_table_costs_no_more_per_byte_than_ordinary_prose():
    columns = 2000
    head = "| " + " | ".join(f"c{i}" for i in range(columns)) + " |\n|" + "---|" * columns + "\n"
    row = "| " + " | ".join(["we will ensure", "vulnerable adults", "TBC"] * (columns // 3) + ["x"] * (columns % 3)) + " |\n"
    table = head + row * 4
    ordinary = _seconds(_sized(ORDINARY, len(table)))
    assert _seconds(table) < 4 * ordinary


def _same_prose(text: str, piece: int) -> None:
    whole = extract(text)
    saved = markdown._CHUNK_CHARS
    markdown._CHUNK_CHARS = piece
    try:
        pieces = extract(text)
    finally:
        markdown._CHUNK_CHARS = saved
    assert pieces.text == whole.text
    assert pieces.row_labels == whole.row_labels
    assert pieces.item_blocks == whole.item_blocks
    assert pieces.headings == whole.headings
    assert pieces.comments == whole.comments
    assert [pieces.line_col(i) for i in range(0, len(whole.text), 7)] == [whole.line_col(i) for i in range(0, len(whole.text), 7)]


def test_a_document_read_in_pieces_reads_as_it_would_whole():
    text = (
        "# Title\n\nSee [the plan][plan] and the hard to reach.\n\n"
        "```\ncode with a blank line\n\nvulnerable adults\n```\n\n"
        "<!--\na comment\n\nover blank lines -->\n\n"
        "<pre>\n\nkept out\n\n</pre>\n\n"
        "| Action | Owner |\n|---|---|\n" + "| we will ensure vulnerable adults are heard | TBC |\n" * 40 + "\n"
        "- a list item\n\n  its second paragraph\n\n" + "Plain text about the elderly.\n\n" * 30 + "[plan]: https://example.org/plan\n"
    )
    for piece in (40, 100, 300):
        _same_prose(text, piece)


BLOCKS = st.sampled_from(
    [
        "Plain words about vulnerable people.\n", "\n", "\n\n", "- item\n", "  indented\n", "> quoted\n", "```\n", "~~~\n",
        "<!--\n", "-->\n", "<pre>\n", "</pre>\n", "| a | b |\n|---|---|\n", "| x | the hard to reach |\n", "# Heading\n",
        "[r]: https://example.org\n", "see [r][] now\n", "**bold\n", "text**\n",
    ]
)


def test_a_very_long_paragraph_read_a_run_of_lines_at_a_time_keeps_its_words_and_places():
    paragraph = "\n".join(f"Line {i} about **vulnerable adults** and `code {i}` here  " for i in range(400)) + "\n"
    whole = extract(paragraph)
    saved = markdown._LONG_PARAGRAPH_CHARS
    markdown._LONG_PARAGRAPH_CHARS = 500
    try:
        pieces = extract(paragraph)
    finally:
        markdown._LONG_PARAGRAPH_CHARS = saved
    assert pieces.text == whole.text
    found = [pieces.line_col(m.start()) for m in re.finditer("vulnerable", pieces.text)]
    assert found == [whole.line_col(m.start()) for m in re.finditer("vulnerable", whole.text)] and len(found) == 400


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(BLOCKS, max_size=80).map("".join))
def test_pieces_never_change_what_is_read(text):
    _same_prose(text, 30)


def _rule_texts():
    from coscore.lint.rules import phrases_pattern

    out = []
    for compiled in rules().rules:
        match = compiled.rule.match
        if match is None:
            continue
        texts = ([phrases_pattern(match.phrases)] if match.phrases else []) + list(match.regex)
        out.extend((compiled.rule.id, text, match.case_sensitive) for text in texts)
    return out


PROSE = st.lists(
    st.sampled_from(
        ["We will ensure ", "vulnerable adults ", "co-produced through a survey ", "The council is committed to ", "Hard to Reach ",
         "families at risk ", "many of them lack ", "in the future ", "wherever possible ", "Kelvin \u212a ", "İstanbul ", ". ", "\x00"]
    )
    | st.text(max_size=10),
    max_size=30,
).map("".join)


@settings(max_examples=200, deadline=None)
@given(PROSE)
def test_the_shortcuts_never_skip_a_match(text):
    # every match of a rule's own pattern starts with a character, and a word, its shortcuts allow
    from coscore.lint.rules import first_characters, literal_prefixes

    lowered = text.lower()
    for rule_id, pattern, case_sensitive in _rule_texts():
        chars, words = first_characters(pattern), literal_prefixes(pattern)
        for m in re.finditer(pattern, text, 0 if case_sensitive else re.IGNORECASE):
            if m.end() == m.start():
                continue
            assert chars is None or re.match("[" + "".join(re.escape(c) for c in chars) + "]", text[m.start()], re.IGNORECASE), rule_id
            assert words is None or any(w in lowered for w in words), rule_id


def test_the_shortcuts_are_found_for_the_common_shapes():
    from coscore.lint.rules import first_characters, literal_prefixes

    assert literal_prefixes(r"\b(?:suffer|victim)s?\s+of") == {"suffer", "victim"}
    assert literal_prefixes(r"\w+ing") is None and literal_prefixes(r"(?:a|b?)c") is None
    assert first_characters(r"(?<!x)\bthe\b") == {"t", "T"}
    assert first_characters(r"x?") is None
