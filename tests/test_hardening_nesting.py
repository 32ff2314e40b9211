"""Text nested too deeply to parse is reported, never silently left unchecked (issue 14, item 4)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coscore.lint.engine import lint_prose
from coscore.lint.markdown import extract
from lint_helpers import rules


def quotes(n: int) -> str:
    return "# Plan\n\n" + "> " * n + "We support vulnerable people.\n"


def lists(n: int) -> str:
    return "# Plan\n\n" + "".join("  " * i + "- item\n" for i in range(n)) + "  " * n + "- We support vulnerable people.\n"


@pytest.mark.parametrize("text", [quotes(20), quotes(35), lists(10), lists(15)], ids=["20 quotes", "35 quotes", "10 lists", "15 lists"])
def test_deep_text_is_reported_with_its_place(text: str):
    result = lint_prose(extract(text), "plan.md", rules())
    assert [d.location.path for d in result.diagnostics] == ["plan.md"]
    diagnostic = result.diagnostics[0]
    assert diagnostic.location.line >= 3
    assert "nested too deeply" in diagnostic.message and "not checked" in diagnostic.message


@pytest.mark.parametrize("text", [quotes(1), quotes(19), lists(1), lists(8)], ids=["1 quote", "19 quotes", "1 list", "8 lists"])
def test_text_the_parser_reads_is_linted_and_not_reported(text: str):
    result = lint_prose(extract(text), "plan.md", rules())
    assert result.diagnostics == []
    assert any(f.rule_id.startswith("deficit") for f in result.findings)


@settings(max_examples=60, deadline=None)
@given(depth=st.integers(1, 40), kind=st.sampled_from([quotes, lists]))
def test_either_the_words_are_read_or_the_document_says_so(depth: int, kind):
    prose = extract(kind(depth))
    assert ("vulnerable" in prose.text) != (prose.too_deep is not None)


@pytest.mark.parametrize("command", [["lint"], ["check", "--format", "parsable"]])
def test_the_command_line_reports_unread_text_and_exits_2(tmp_path, command):
    from typer.testing import CliRunner

    from coscore.cli import app

    doc = tmp_path / "plan.md"
    doc.write_text(quotes(25), encoding="utf-8")
    result = CliRunner().invoke(app, [*command, str(doc)], catch_exceptions=False)
    assert result.exit_code == 2
    assert f"{doc}:3:" in result.stderr and "nested too deeply" in result.stderr
