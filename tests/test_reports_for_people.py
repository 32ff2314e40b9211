"""Reports speak to people (issue 16, item 6): records by name, steps laid out, flags first, indents kept."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import ROOT
from report_support import SNAPSHOT_CASES, build_report, render

FIELD_PATH = re.compile(r"\b[a-z_]+\[\d+\]")
PROJECTS = [p for p in sorted((ROOT / "examples").glob("*.yaml")) + sorted((ROOT / "tests" / "calibration").glob("*.yaml"))
            + sorted((ROOT / "tests" / "cases" / "redflags").glob("*.yaml"))
            if "placeholder" not in p.stem]  # a calibration file kept invalid on purpose


def assessment_of(path: Path):
    from coscore.io import loaders
    from coscore.scoring import assess
    from coscore.workflows.rubrics import load_rubric

    return assess(loaders.load_project(path).project, load_rubric(None))


def test_the_examples_have_steps_that_name_records():
    # The guard: some step must name a record, or the next test proves nothing.
    texts = [s.text for p in PROJECTS for s in assessment_of(p).next_steps]
    assert any("the decision “" in t or "the funder “" in t or "the decision body “" in t for t in texts)


@pytest.mark.parametrize("path", PROJECTS, ids=lambda p: p.stem)
def test_next_steps_and_reasons_never_use_field_paths(path: Path):
    a = assessment_of(path)
    for text in [s.text for s in a.next_steps] + [d.next_step for d in a.dimensions] + [f.message for f in a.red_flags]:
        assert not FIELD_PATH.search(text), text


class Steps(HTMLParser):
    """Collects, for each next step, the classes of the elements directly inside its <li>."""

    def __init__(self):
        super().__init__()
        self.in_steps = False
        self.depth = 0
        self.items: list[list[str]] = []
        self.loose_text: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "ol" and attrs.get("class") == "steps":
            self.in_steps = True
        elif self.in_steps and tag == "li":
            self.items.append([])
            self.depth = 1
        elif self.in_steps and self.depth:
            if self.depth == 1:
                self.items[-1].append(attrs.get("class", tag))
            self.depth += 1

    def handle_endtag(self, tag):
        if tag == "ol" and self.in_steps:
            self.in_steps = False
        elif self.in_steps and self.depth:
            self.depth -= 1

    def handle_data(self, data):
        if self.in_steps and self.depth == 1 and data.strip():
            self.loose_text.append(data)


@pytest.mark.parametrize("case", SNAPSHOT_CASES)
def test_html_next_step_title_and_text_are_separate_blocks(case, monkeypatch):
    monkeypatch.chdir(ROOT)
    html = render(case, "html")
    steps = Steps()
    steps.feed(html)
    assert steps.items, "no next steps found"
    for classes in steps.items:
        assert classes[0] == "step-title" and classes[-1] == "step-text", classes
    assert steps.loose_text == []  # no text runs straight on from the title
    css = html[html.index("<style>"): html.index("</style>")]
    assert re.search(r"\.step-title, \.raises, \.step-text \{ display: block; \}", css)


@pytest.mark.parametrize("template", ["report.html.j2", "portfolio.html.j2"])
def test_print_keeps_headings_with_what_follows_and_the_footer_with_the_content(template):
    text = (ROOT / "src" / "coscore" / "templates" / template).read_text(encoding="utf-8")
    prints = text[text.index("@media print"):]
    assert re.search(r"h2, h3 \{[^}]*break-after: avoid", prints)
    # on paper the footer's line moves under the title, so no page can hold only the footer
    assert re.search(r"footer \{ display: none; \}", prints) and re.search(r"\.print-only \{ display: block;", prints)
    assert 'class="print-only"' in text or 'print-only">' in text


def test_terminal_red_flags_come_before_perspective_notes():
    from coscore.render.terminal import render_terminal

    a = assessment_of(ROOT / "examples" / "washed.yaml")
    assert a.red_flags and a.perspective_gaps
    text = render_terminal(a, width=80)
    assert text.index("Red flags (") < text.index("Perspectives")


def test_terminal_wrapping_keeps_the_indent():
    from coscore.render.terminal import render_terminal

    a = assessment_of(ROOT / "examples" / "washed.yaml")
    text = render_terminal(a, width=60)
    lines = text.splitlines()
    steps = lines[lines.index("Next steps (most useful first)") + 1:]
    flags = lines[next(i for i, l in enumerate(lines) if l.startswith("Red flags (")) + 1:]
    flags = flags[: next(i for i, l in enumerate(flags) if not l.strip())]
    assert len(flags) > 2 * len(a.red_flags)  # long messages did wrap at this width
    for line in flags:
        assert line.startswith("  ✗ ") or line.startswith("    "), line
    numbered = [l for l in steps if re.match(r"  \d\. ", l)]
    assert len(numbered) == min(5, len(a.next_steps))
    for line in steps:
        assert re.match(r"  (\d\. |   |… )", line), line  # a continuation sits under the text, not at the margin
    assert all(line == line.rstrip() for line in lines)


@pytest.mark.parametrize("fmt", ["markdown", "html"])
@pytest.mark.parametrize("case", SNAPSHOT_CASES)
def test_rendered_reports_never_show_field_paths(case, fmt, monkeypatch):
    # The whole board-facing report, not only the step texts: no "partners[3]" anywhere a person reads.
    monkeypatch.chdir(ROOT)
    text = render(case, fmt)
    if fmt == "html":
        text = re.sub(r"<style>.*?</style>|<script.*?</script>|<[^>]+>", " ", text, flags=re.S)
    assert not FIELD_PATH.search(text), FIELD_PATH.search(text)


@pytest.mark.parametrize("fmt, flags, perspectives", [
    ("markdown", "## Red flags", "## Where perspectives disagree"),
    ("html", 'id="red-flags-heading"', 'id="perspectives-heading"'),
])
def test_markdown_and_html_red_flags_come_before_perspective_notes(fmt, flags, perspectives, monkeypatch):
    monkeypatch.chdir(ROOT)
    a = assessment_of(ROOT / "examples" / "washed.yaml")
    assert a.red_flags and a.perspective_gaps  # both sections are there to order
    text = render("examples/washed", fmt)
    assert flags in text and perspectives in text
    assert text.index(flags) < text.index(perspectives)


@pytest.mark.parametrize("path", PROJECTS, ids=lambda p: p.stem)
def test_a_gap_never_says_a_section_is_missing_when_the_file_has_it(path: Path):
    # Tried on a real case study (a steering group's risk-training project): the file recorded a
    # decision but no head count, and coscore said "the file does not record any decisions".
    from coscore.io import loaders

    project = loaders.load_project(path).project
    a = assessment_of(path)
    said = [s.text for s in a.next_steps if s.kind == "gap"] + [a.ladder_note]
    if project.decisions:
        assert not any("does not record any decisions" in text.lower() for text in said), said
    if project.people:
        assert not any("does not say who is involved" in text.lower() for text in said), said
    if project.meetings:
        assert not any("does not record any meetings" in text.lower() for text in said), said
