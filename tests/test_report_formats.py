"""Report formats: every format renders, sections come in order, and Markdown escaping holds."""

from __future__ import annotations

import html
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from coscore.render import markdown_text
from coscore.render.report import RENDERERS, ReportFormat, render_report
from report_support import ROOT, build_report

# GitHub and GitLab both render CommonMark with tables and strikethrough.
GFM = MarkdownIt("commonmark").enable(["table", "strikethrough"])

SECTION_HEADINGS = [
    "Summary",
    "Red flags",
    "Dimensions",
    "Suggested next steps",
    "Where perspectives disagree",
    "How this was scored",
]


@pytest.fixture
def peer_led(monkeypatch):
    monkeypatch.chdir(ROOT)
    return build_report("peer_led")


def test_every_format_has_a_renderer():
    assert set(RENDERERS) == set(ReportFormat)


@pytest.mark.parametrize("fmt", list(ReportFormat))
def test_every_format_renders_the_whole_report(fmt, peer_led):
    text = render_report(peer_led, fmt)
    shown = html.unescape if fmt is ReportFormat.html else (lambda t: t)
    as_written = markdown_text.escape if fmt is ReportFormat.markdown else (lambda t: t)
    text = shown(text)
    assert "Open Door peer support" in text
    for d in peer_led.dimensions:
        assert as_written(d.title) in text
        assert as_written(d.reason) in text
    for s in peer_led.next_steps:
        assert as_written(s.text) in text
    for f in peer_led.disagreements:
        for c in f.comments:
            assert as_written(c.text) in text
    assert "coscore explain tests/report_cases/peer_led.yaml" in text


def _headings(fmt: ReportFormat, text: str) -> list[str]:
    if fmt is ReportFormat.markdown:
        return re.findall(r"^## (.+)$", text, flags=re.M)
    return re.findall(r"<h2 id=\"[a-z-]+\">(.+?)</h2>", text)


@pytest.mark.parametrize("fmt", list(ReportFormat))
def test_sections_come_in_the_documented_order(fmt, peer_led):
    assert _headings(fmt, render_report(peer_led, fmt)) == SECTION_HEADINGS


@pytest.mark.parametrize("fmt", list(ReportFormat))
def test_perspective_section_is_left_out_without_self_ratings(fmt, monkeypatch):
    monkeypatch.chdir(ROOT)
    report = build_report("peer_led")._replace(rated_dimensions=0, disagreements=())
    assert _headings(fmt, render_report(report, fmt)) == [h for h in SECTION_HEADINGS if h != "Where perspectives disagree"]


def test_summary_states_rung_caution_score_and_flag_count(peer_led):
    md = render_report(peer_led, ReportFormat.markdown)
    summary = md.split("## Red flags")[0]
    assert "**Overall score:** **43** out of 100" in summary
    assert "ladder of co-production:** **Co-production**" in summary
    assert "Not every activity has to reach the top rung" in summary
    assert "**Red flags:** 0" in summary
    assert "31 March 2026" in summary


def test_red_flags_say_what_to_do_and_where(monkeypatch):
    monkeypatch.chdir(ROOT)
    report = build_report("consultation")
    md = render_report(report, ReportFormat.markdown)
    flag = md.split("### 1. Input gathered after the decision")[1].split("###")[0]
    assert "**What to do:** For the decision shown" in flag
    assert "the decision “Which streets get visits first”, at `tests/report_cases/consultation.yaml:35:5`." in flag
    assert "decisions[1]" not in flag  # named for people; the file and line say where


def test_markdown_tables_parse_as_real_tables(monkeypatch):
    monkeypatch.chdir(ROOT)
    for case in ("peer_led", "consultation", "payloads"):
        report = build_report(case)
        tokens = GFM.parse(render_report(report, ReportFormat.markdown))
        assert not [t for t in tokens if t.type == "html_block"], "Markdown reports need no raw HTML"
        assert not [c for t in tokens for c in (t.children or []) if c.type == "html_inline"]
        tables = [i for i, t in enumerate(tokens) if t.type == "table_open"]
        assert len(tables) == (2 if report.disagreements else 1)
        # Every dimension is one body row of exactly five cells, whatever its text held.
        rows, cells = 0, 0
        for t in tokens[tables[0] :]:
            if t.type == "table_close":
                break
            if t.type == "tr_open":
                rows += 1
            if t.type == "td_open":
                cells += 1
        assert rows == len(report.dimensions) + 1
        assert cells == 5 * len(report.dimensions)


def _visible(children) -> list:
    """Inline tokens without the empty text tokens markdown-it leaves around markup."""
    return [c for c in children if not (c.type == "text" and c.content == "")]


def _inline_text(children) -> str:
    """The text a reader sees in an inline run, failing on anything that is not plain text."""
    out = []
    for c in _visible(children):
        assert c.type in ("text", "code_inline"), f"user text turned into {c.type}"
        out.append(c.content)
    return "".join(out)


# Text as people type it into YAML: any printable characters, Markdown's punctuation over-represented.
typed_text = st.text(
    alphabet=st.one_of(st.characters(blacklist_categories=("Cs", "Cc")), st.sampled_from(list("\\`*_[]<>()|~&$#+-=!@:.1 \n\t{}\"'"))),
    min_size=1,
    max_size=60,
).filter(lambda s: s.strip())


@settings(max_examples=300, deadline=None)
@given(typed_text)
def test_escaped_text_shows_as_typed_in_a_table_cell(text):
    md = f"| a | b |\n| --- | --- |\n| {markdown_text.escape(text)} | end |\n"
    tokens = GFM.parse(md)
    cells = [tokens[i + 1] for i, t in enumerate(tokens) if t.type == "td_open"]
    assert len(cells) == 2, "the text broke out of its cell"
    assert _inline_text(cells[0].children) == markdown_text.one_line(text)
    assert _inline_text(cells[1].children) == "end"


@settings(max_examples=300, deadline=None)
@given(typed_text)
def test_escaped_text_shows_as_typed_in_a_list_item(text):
    tokens = GFM.parse(f"- **Label:** {markdown_text.escape(text)}\n")
    assert [t.type for t in tokens][:3] == ["bullet_list_open", "list_item_open", "paragraph_open"]
    inline = _visible(tokens[3].children)
    assert [c.type for c in inline[:3]] == ["strong_open", "text", "strong_close"]
    assert _inline_text(inline[3:]) == " " + markdown_text.one_line(text)


@settings(max_examples=300, deadline=None)
@given(typed_text)
def test_escaped_text_at_the_start_of_a_line_stays_a_paragraph(text):
    tokens = GFM.parse(markdown_text.escape(text) + "\n")
    assert [t.type for t in tokens] == ["paragraph_open", "inline", "paragraph_close"]
    assert _inline_text(tokens[1].children) == markdown_text.one_line(text)


@settings(max_examples=300, deadline=None)
@given(typed_text)
def test_code_spans_show_as_typed(text):
    tokens = GFM.parse(f"Run: {markdown_text.code(text)}\n")
    children = _visible(tokens[1].children)
    assert [c.type for c in children] == ["text", "code_inline"]
    assert children[1].content == markdown_text.one_line(text)


def test_escaping_keeps_plain_words_readable():
    assert markdown_text.escape("lived_experience_controlled, version 1.0.0 (2025)") == "lived_experience_controlled, version 1.0.0 (2025)"
