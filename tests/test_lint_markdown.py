"""Exact line and column of matches in every Markdown structure, and what is left out."""

from __future__ import annotations

import pytest

from coscore.lint.markdown import extract
from lint_helpers import lint_text


def _where(text: str, rule_id: str) -> list[tuple[int, int]]:
    return [(f.location.line, f.location.column) for f in lint_text(text) if f.rule_id == rule_id]


def _at(text: str, line: int, column: int, words: str) -> None:
    """The (line, column) really points at ``words`` in the original text."""
    assert text.split("\n")[line - 1][column - 1 :].lower().startswith(words.lower())


CASES = {
    "table": ("| Aim | Who |\n|---|---|\n| Reach | the hard to reach |\n", "deficit-hard-to-reach", (3, 15), "hard to reach"),
    "table-second-row": ("| a | b |\n|:-:|--|\n| x | y |\n|  ok  |  Hard-to-reach groups |\n", "deficit-hard-to-reach", (4, 11), "hard-to-reach"),
    "list": ("Intro.\n\n- first item\n- second item is about\n  vulnerable adults\n", "deficit-vulnerable", (5, 3), "vulnerable adults"),
    "ordered-list": ("1. one\n2. We reach frequent flyers.\n", "deficit-frequent-flyer", (2, 13), "frequent flyers"),
    "nested-list": ("- top\n  - inner about the elderly here\n", "deficit-group-label", (2, 17), "the elderly"),
    "block-quote": ("Text.\n\n> A quote\n> about  vulnerable people.\n", "deficit-vulnerable", (4, 10), "vulnerable people"),
    "quote-in-list": ("- item\n\n  > quoted: hard to reach\n", "deficit-hard-to-reach", (3, 13), "hard to reach"),
    "front-matter": ("---\ntitle: A plan\nauthor: Us\n---\n\nWe help the homeless.\n", "deficit-group-label", (6, 9), "the homeless"),
    "heading": ("# Support for vulnerable families\n", "deficit-vulnerable", (1, 15), "vulnerable families"),
    "emphasis": ("Some are **hard to reach** still.\n", "deficit-hard-to-reach", (1, 12), "hard to reach"),
    "across-emphasis": ("We speak for **vulnerable** people.\n", "deficit-vulnerable", (1, 16), "vulnerable"),
    "link-text": ("See [vulnerable adults](https://example.org/a) page.\n", "deficit-vulnerable", (1, 6), "vulnerable adults"),
    "crlf": ("Line one.\r\n\r\nThe hard to reach.\r\n", "deficit-hard-to-reach", (3, 5), "hard to reach"),
    "after-entity": ("Tom &amp; Jerry are hard to reach.\n", "deficit-hard-to-reach", (1, 21), "hard to reach"),
    "after-inline-code": ("Use `x` for the hard to reach.\n", "deficit-hard-to-reach", (1, 17), "hard to reach"),
    "tab-indented-list": ("-\tthe hard to reach\n", "deficit-hard-to-reach", (1, 7), "hard to reach"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_exact_position(name):
    text, rule_id, expected, words = CASES[name]
    assert _where(text, rule_id) == [expected]
    _at(text.replace("\r\n", "\n"), *expected, words)


SKIPPED = {
    "fenced-code": "```\nthe hard to reach\n```\n",
    "tilde-code": "~~~md\nthe hard to reach\n~~~\n",
    "indented-code": "Para.\n\n    the hard to reach\n",
    "inline-code": "Say `the hard to reach` never.\n",
    "link-target": "See [the page](https://example.org/hard-to-reach).\n",
    "link-title": 'See [the page](https://example.org "hard to reach").\n',
    "reference-definition": "See [the page][1].\n\n[1]: https://example.org/hard-to-reach\n",
    "autolink": "See <https://example.org/hard-to-reach>.\n",
    "image": "![hard to reach](x.png)\n",
    "html-comment": "<!-- the hard to reach -->\n",
    "inline-html-comment": "Text <!-- the hard to reach --> here.\n",
    "html-block": "<div>\nthe hard to reach\n</div>\n",
    "front-matter": "---\nsummary: the hard to reach\n---\nBody.\n",
}


@pytest.mark.parametrize("name", sorted(SKIPPED))
def test_not_prose_is_skipped(name):
    assert _where(SKIPPED[name], "deficit-hard-to-reach") == []


def test_phrases_do_not_run_across_blocks_cells_or_code():
    assert _where("the hard\n\nto reach\n", "deficit-hard-to-reach") == []
    assert _where("| hard | to reach |\n|---|---|\n| a | b |\n", "deficit-hard-to-reach") == []
    assert _where("hard `x` to reach\n", "deficit-hard-to-reach") == []


def test_phrase_across_a_line_break_is_found_at_its_start():
    assert _where("It is said they are hard\nto reach.\n", "deficit-hard-to-reach") == [(1, 21)]


def test_front_matter_is_kept_for_the_project_link():
    prose = extract("---\ncoscore-project: ../p.yaml\n---\ntext\n")
    assert prose.front_matter is not None and "coscore-project" in prose.front_matter.text
    assert "coscore" not in prose.text
