"""Suppression comments: ranges, next line, reasons, unknown ids; suppressed findings are kept and counted."""

from __future__ import annotations

from coscore.render.lint_report import render_lint_json, summary_line
from coscore.lint.engine import LintResult
from lint_helpers import lint_text


def _state(findings, rule_id="deficit-vulnerable"):
    return [(f.location.line, f.suppressed, f.suppression_reason) for f in findings if f.rule_id == rule_id]


def test_disable_enable_range_with_reason():
    text = (
        "Vulnerable people line 1.\n\n"
        "<!-- coscore-disable deficit-vulnerable: quoting the funder's call for proposals -->\n"
        "The fund is for vulnerable adults.\n\n"
        "The most vulnerable, it says.\n\n"
        "<!-- coscore-enable deficit-vulnerable -->\n"
        "Vulnerable families again.\n"
    )
    findings = lint_text(text)
    reason = "quoting the funder's call for proposals"
    assert _state(findings) == [(1, False, ""), (4, True, reason), (6, True, reason), (9, False, "")]
    assert not [f for f in findings if f.rule_id.startswith(("suppression", "unknown"))]


def test_disable_only_covers_the_named_rule():
    text = "<!-- coscore-disable deficit-vulnerable: funder's wording -->\nVulnerable adults are hard to reach.\n"
    findings = lint_text(text)
    assert [(f.rule_id, f.suppressed) for f in findings] == [("deficit-vulnerable", True), ("deficit-hard-to-reach", False)]


def test_disable_several_rules_until_end_of_file():
    text = "<!-- coscore-disable deficit-vulnerable, deficit-hard-to-reach: a quoted passage -->\n\nVulnerable adults are hard to reach.\n"
    assert all(f.suppressed for f in lint_text(text))


def test_disable_next_line_covers_only_the_next_line():
    text = (
        "<!-- coscore-disable-next-line deficit-vulnerable: the programme's official name -->\n"
        "Support for Vulnerable Adults is the programme.\n"
        "It serves vulnerable adults.\n"
    )
    assert _state(lint_text(text)) == [(2, True, "the programme's official name"), (3, False, "")]


def test_next_line_inside_a_list_and_at_the_end_of_a_line():
    text = "- first <!-- coscore-disable-next-line deficit-vulnerable: funder's term -->\n  vulnerable adults\n- vulnerable adults\n"
    assert _state(lint_text(text)) == [(2, True, "funder's term"), (3, False, "")]


def test_suppression_without_reason_is_a_warning_but_still_suppresses():
    text = "<!-- coscore-disable-next-line deficit-vulnerable -->\nVulnerable adults.\n"
    findings = lint_text(text)
    assert _state(findings) == [(2, True, "")]
    meta = [f for f in findings if f.rule_id == "suppression-without-reason"]
    assert [(f.location.line, f.location.column, f.severity.value, f.suppressed) for f in meta] == [(1, 1, "warning", False)]
    assert "deficit-vulnerable" in meta[0].message


def test_blank_reason_after_colon_is_no_reason():
    findings = lint_text("<!-- coscore-disable deficit-vulnerable:    -->\nVulnerable adults.\n")
    assert [f.rule_id for f in findings if not f.suppressed] == ["suppression-without-reason"]


def test_unknown_rule_id_is_reported_and_suppresses_nothing():
    findings = lint_text("<!-- coscore-disable-next-line deficit-vulnerabel: typo -->\nVulnerable adults.\n")
    assert _state(findings) == [(2, False, "")]
    assert [f.rule_id for f in findings if f.rule_id == "unknown-rule-in-suppression"] == ["unknown-rule-in-suppression"]


def test_suppression_comments_inside_code_do_nothing():
    text = "```\n<!-- coscore-disable deficit-vulnerable: example -->\n```\n\nVulnerable adults.\n"
    assert _state(lint_text(text)) == [(5, False, "")]


def test_suppressed_findings_are_counted_in_the_summary_and_json():
    findings = lint_text("<!-- coscore-disable-next-line deficit-vulnerable: quoted -->\nVulnerable adults.\n\nThe hard to reach.\n")
    result = LintResult(files=("doc.md",), findings=tuple(findings))
    assert summary_line(result).startswith("1 finding (1 warning) in 1 document; 1 suppressed with a comment.")
    assert '"suppressed": 1' in render_lint_json(result)
    assert '"reason": "quoted"' in render_lint_json(result)


def test_misspelt_rule_id_gets_did_you_mean():
    findings = lint_text("<!-- coscore-disable-next-line deficit-vulnerabel: typo -->\nVulnerable adults.\n")
    (meta,) = [f for f in findings if f.rule_id == "unknown-rule-in-suppression"]
    assert meta.message == "The suppression comment names 'deficit-vulnerabel', which is not a lint rule. Did you mean 'deficit-vulnerable'?"
    (far,) = [f for f in lint_text("<!-- coscore-disable zzzz-qqq: typo -->\nText.\n") if f.rule_id == "unknown-rule-in-suppression"]
    assert far.message == "The suppression comment names 'zzzz-qqq', which is not a lint rule."
