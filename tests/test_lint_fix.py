"""`coscore lint --fix` (issue 15, item 5): rewrites substitution terms in Markdown, in place and atomically,
never in code, quotes, link targets or names, and never a file that changed since it was read."""

from __future__ import annotations

import json
import os
import re
import stat
from pathlib import Path

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from coscore.io.files import write_atomic
from coscore.workflows import lint as lint_workflow
from coscore.cli import app
from coscore.errors import InputProblems
from coscore.lint.fix import builtin_substitutions, fix_markdown, term_pattern
from lint_helpers import lint_text, rules

SUBS = builtin_substitutions()


def fixed(text: str):
    return fix_markdown(text, lint_text(text), SUBS)


def run(*args: str):
    result = CliRunner().invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


# --- what is rewritten, and what is left alone -----------------------------------------------


def test_rewrites_terms_keeping_a_capital_and_reports_each_change():
    result = fixed("We help the elderly.\n\nThe homeless are hard to reach.\n")
    assert result.text == "We help older people.\n\nPeople without a home are seldom heard.\n"
    assert [(c.line, c.column, c.old, c.new) for c in result.changes] == [
        (1, 9, "the elderly", "older people"),
        (3, 1, "The homeless", "People without a home"),
        (3, 18, "hard to reach", "seldom heard"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Run `the elderly` in the script.\n",  # inline code
        "```\nthe elderly\n```\n",  # a fenced block
        "    the elderly are an example\n",  # an indented code block
        "> Services for the elderly were closed.\n",  # a block quote: someone else's words
        "She said “the elderly deserve better” at the forum.\n",  # quotation marks
        'The letter said "we help the elderly and the poor" and nothing more.\n',
        "The letter said 'we help the elderly' and nothing more.\n",
        "The letter said ‘we help the elderly’ and nothing more.\n",
        "See [our page](https://example.org/the-elderly).\n",  # a link target
        "The Elderly Care Trust runs the café.\n",  # a proper name in Title Case
        "We fund the Homeless Link Partnership.\n",
        "We fund the homeless Link project.\n",  # a capitalised word after the term: part of a name
        "We fixed the poor quality of the housing.\n",  # not a noun here
        "We help the *elderly* most.\n",  # emphasis inside the term: left to a person
        "<!-- coscore-disable-next-line deficit-group-label: the funder's words -->\nWe help the elderly.\n",
        "<p>We help the elderly.</p>\n",  # HTML in Markdown is not prose
    ],
)
def test_never_rewrites_code_quotes_links_names_or_suppressed_places(text):
    result = fixed(text)
    assert result.text == text and result.changes == ()


def test_link_text_is_prose_but_its_target_is_not():
    result = fixed("Read [about the elderly](https://example.org/the-elderly).\n")
    assert result.text == "Read [about older people](https://example.org/the-elderly).\n"


def test_line_endings_byte_order_mark_and_front_matter_stay_exactly():
    text = "\ufeff---\r\ntitle: The elderly\r\n---\r\nWe help the elderly\r\nand the homeless.\r\n"
    result = fixed(text)
    assert result.text == "\ufeff---\r\ntitle: The elderly\r\n---\r\nWe help older people\r\nand people without a home.\r\n"
    assert [(c.line, c.column) for c in result.changes] == [(4, 9), (5, 5)]


def test_a_term_across_a_line_break_is_rewritten_on_one_line():
    assert fixed("Groups are hard to\nreach, we were told.\n").text == "Groups are seldom heard, we were told.\n"


def test_only_places_the_linter_reported_are_rewritten():
    text = "We help the elderly.\n"
    assert fix_markdown(text, [], SUBS).text == text  # no finding, no change
    findings = [f._replace(suppressed=True) for f in lint_text(text)]
    assert fix_markdown(text, findings, SUBS).text == text


# --- the substitution data --------------------------------------------------------------------


def test_every_substitution_belongs_to_a_rule_that_flags_its_term():
    known = rules().ids
    for rule_id, subs in SUBS.items():
        assert rule_id in known, rule_id
        for sub in subs:
            text = f"We talked with {sub.term} and their families.\n"
            assert rule_id in [f.rule_id for f in lint_text(text)], sub.term
            assert fixed(text).text == f"We talked with {sub.replacement} and their families.\n", sub.term


def test_no_replacement_contains_a_term_so_a_second_fix_changes_nothing():
    patterns = [term_pattern(s.term) for subs in SUBS.values() for s in subs]
    for subs in SUBS.values():
        for sub in subs:
            assert not any(p.search(sub.replacement) for p in patterns), sub.replacement


# --- property: idempotent, and nothing but the terms changes ----------------------------------

REWRITABLE = ["the elderly", "The elderly", "the homeless", "hard to reach", "hard-to-reach", "service users", "our service users", "the disabled"]
PROTECTED = [
    "`the elderly`",
    "[the map](https://example.org/the-homeless)",
    "“the homeless”",
    "The Elderly Care Trust",
    "the *disabled*",
    "the poor quality",
]
WORDS = ["We", "meet", "weekly", "with", "and", "people", "in", "Leeds", "carers", ".", ",", "who", "are", "(", ")", "’s"]
fragment = st.one_of(st.sampled_from(REWRITABLE), st.sampled_from(PROTECTED), st.sampled_from(WORDS))
paragraph = st.lists(fragment, min_size=1, max_size=12).map(" ".join)
block = st.one_of(
    paragraph,
    paragraph.map(lambda p: "- " + p),
    paragraph.map(lambda p: "> " + p),
    paragraph.map(lambda p: "```\n" + p + "\n```"),
    paragraph.map(lambda p: "<!-- coscore-disable deficit-group-label: quoting the funder -->\n" + p + "\n<!-- coscore-enable -->"),
)
document = st.builds(
    lambda blocks, newline, bom: ("\ufeff" if bom else "") + (newline * 2).join(b.replace("\n", newline) for b in blocks) + newline,
    st.lists(block, min_size=1, max_size=6),
    st.sampled_from(["\n", "\r\n"]),
    st.booleans(),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(document)
def test_fix_is_idempotent_and_changes_only_the_terms(text):
    first = fixed(text)
    # splicing the reported changes into the original gives the new text: nothing else moved
    rebuilt, cursor = [], 0
    for change in first.changes:
        assert text[change.offset : change.offset + len(change.old)] == change.old
        assert change.offset >= cursor
        rebuilt += [text[cursor : change.offset], change.new]
        cursor = change.offset + len(change.old)
    rebuilt.append(text[cursor:])
    assert "".join(rebuilt) == first.text
    for change in first.changes:
        assert any(term_pattern(s.term).fullmatch(change.old) for subs in SUBS.values() for s in subs), change.old
    for kept in PROTECTED:
        assert first.text.count(kept) == text.count(kept), kept
    for code in re.findall(r"```.*?```", text, flags=re.S):
        assert code in first.text
    second = fixed(first.text)
    assert second.changes == () and second.text == first.text


# --- the command ------------------------------------------------------------------------------


@pytest.fixture
def doc(tmp_path):
    path = tmp_path / "plan.md"
    path.write_text("We help the elderly.\n\nVulnerable adults are hard to reach.\n", encoding="utf-8")
    return path


def test_lint_without_fix_never_writes(doc):
    before = doc.read_bytes()
    code, out, _ = run("lint", str(doc))
    assert code == 1 and doc.read_bytes() == before
    assert "    fix: 'coscore lint --fix' rewrites these terms where it is safe to" in out


def test_fix_rewrites_in_place_prints_changes_and_reports_what_is_left(doc):
    doc.chmod(0o640)
    code, out, _ = run("lint", str(doc), "--fix")
    assert doc.read_text(encoding="utf-8") == "We help older people.\n\nVulnerable adults are seldom heard.\n"
    assert out.startswith(f"{doc}:1:9: the elderly -> older people\n{doc}:3:23: hard to reach -> seldom heard\nFixed 2 terms in 1 document.\n")
    assert "deficit-group-label" not in out and f"{doc}:3:1: warning: “Vulnerable adults”" in out
    assert code == 1  # "vulnerable adults" has no safe rewrite: it is left for a person
    assert stat.S_IMODE(doc.stat().st_mode) == 0o640
    assert sorted(p.name for p in doc.parent.iterdir()) == ["plan.md"]  # no temporary file left behind
    code, out, _ = run("lint", str(doc), "--fix")
    assert out.startswith("--fix changed nothing")


def test_fix_through_a_link_changes_the_file_and_keeps_the_link(tmp_path, doc):
    link = tmp_path / "linked.md"
    link.symlink_to(doc)
    run("lint", str(link), "--fix")
    assert link.is_symlink() and doc.read_text(encoding="utf-8").startswith("We help older people.")


def test_fix_with_json_keeps_stdout_machine_readable(doc):
    _, out, err = run("lint", str(doc), "--fix", "-f", "json")
    assert [f["rule_id"] for f in json.loads(out)["findings"]] == ["deficit-vulnerable"]
    assert f"{doc}:1:9: the elderly -> older people" in err


def test_fix_leaves_baselined_findings_and_other_formats_alone(tmp_path, doc):
    baseline = tmp_path / "baseline.json"
    run("lint", str(doc), "--write-baseline", str(baseline))
    run("lint", str(doc), "--baseline", str(baseline), "--fix")
    assert doc.read_text(encoding="utf-8") == "We help the elderly.\n\nVulnerable adults are hard to reach.\n"
    word = tmp_path / "plan.docx"
    document = docx.Document()
    document.add_paragraph("We help the elderly.")
    document.save(word)
    before = word.read_bytes()
    code, out, _ = run("lint", str(word), "--fix")
    assert word.read_bytes() == before and out.startswith("--fix changed nothing")


def test_fix_refuses_a_file_that_changed_since_it_was_read(doc):
    texts: dict[str, str] = {}
    result = lint_workflow.lint_strategy_documents([str(doc)], rules=rules(), markdown_texts=texts)
    doc.write_text("Someone saved this while coscore was running: the elderly.\n", encoding="utf-8")
    changes, problems = lint_workflow.fix_lint_documents(result, texts)
    assert changes == []
    assert [str(p) for p in problems] == [f"{doc}:1:1: the file changed since coscore read it, so nothing was written (run the command again on the saved file)"]
    assert doc.read_text(encoding="utf-8") == "Someone saved this while coscore was running: the elderly.\n"
    assert sorted(p.name for p in doc.parent.iterdir()) == ["plan.md"]


def test_atomic_writer_checks_the_file_just_before_replacing_it(tmp_path):
    path = tmp_path / "a.md"
    path.write_text("old", encoding="utf-8")
    write_atomic(path, "new", unchanged_since="old")
    assert path.read_text(encoding="utf-8") == "new"
    with pytest.raises(InputProblems):
        write_atomic(path, "newer", unchanged_since="old")
    assert path.read_text(encoding="utf-8") == "new"
    os.remove(path)
    with pytest.raises(InputProblems):  # deleted meanwhile: not brought back
        write_atomic(path, "newer", unchanged_since="new")
    assert not Path(path).exists()
