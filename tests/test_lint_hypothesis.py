"""The linter never raises on arbitrary text, and every position it reports exists in the file."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coscore.lint.engine import lint_prose
from coscore.lint.markdown import extract, normalise
from lint_helpers import lint_text, project, rules

# Markdown-ish pieces, mixed with arbitrary characters, reach the awkward corners of the parser.
PIECES = st.sampled_from(
    [
        "\n", "\n\n", "\r\n", "> ", "- ", "1. ", "    ", "\t", "| a | b |\n|---|---|\n| ", " | ", "```\n", "~~~", "`", "``",
        "**", "_", "[", "](", ")", "![", "<", ">", "<!--", "-->", "&amp;", "\\", "---\n", "# ",
        "<!-- coscore-disable deficit-vulnerable: reason -->", "<!-- coscore-disable-next-line x -->", "<!-- coscore-enable -->",
        "vulnerable adults", "hard to reach", "co-produced", "we will ensure", "going forward", "coscore-project: x.yaml\n",
        "é", "\u200b", "\ufeff", "\x00", "🙂",
    ]
)
DOCUMENTS = st.one_of(st.text(max_size=400), st.lists(st.one_of(PIECES, st.text(max_size=12)), max_size=60).map("".join))


def _valid(text: str, findings) -> None:
    lines = normalise(text).split("\n")
    for f in findings:
        assert 1 <= f.location.line <= len(lines)
        assert 1 <= f.location.column <= len(lines[f.location.line - 1]) + 1


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(DOCUMENTS)
def test_never_raises_and_positions_exist(text):
    _valid(text, lint_text(text))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(DOCUMENTS)
def test_never_raises_beside_a_project(text):
    _valid(text, lint_text(text, "washed"))


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30), st.sampled_from(["hard to reach", "vulnerable adults", "the elderly"]))
def test_a_phrase_in_plain_prose_is_found_where_it_is(prefix, phrase):
    # Only letters and spaces before the phrase, so Markdown cannot change its meaning.
    prefix = "".join(ch for ch in prefix if ch.isalpha() or ch == " ").strip()
    text = f"Start {prefix} {phrase} end.\n"
    prose = extract(text)
    start = prose.text.rfind(phrase)
    assert start >= 0
    line, column = prose.line_col(start)
    assert (line, column) == (1, text.rfind(phrase) + 1)


@settings(max_examples=100, deadline=None)
@given(DOCUMENTS)
def test_lint_is_deterministic(text):
    first = lint_prose(extract(text), "d.md", rules(), project("strong"), "p.yaml").findings
    second = lint_prose(extract(text), "d.md", rules(), project("strong"), "p.yaml").findings
    assert first == second
