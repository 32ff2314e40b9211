"""Views of a lint run (`coscore lint`) and of lint rules (`coscore explain RULE_ID`). Each returns a str."""

from __future__ import annotations

import json
import textwrap

from coscore.errors import Severity
from coscore.lint.engine import LintResult
from coscore.lint.rules import CompiledRule, RuleSet
from coscore.safe_text import encodable, for_terminal, one_line

_ORDER = (Severity.error, Severity.warning, Severity.note)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def summary_line(result: LintResult) -> str:
    """One plain sentence: how many findings of each severity, suppressed and in the baseline."""
    active = result.active
    counts = [_plural(sum(1 for f in active if f.severity is s), s.value) for s in _ORDER if any(f.severity is s for f in active)]
    files = _plural(len(result.files), "document")
    text = f"{_plural(len(active), 'finding')} ({', '.join(counts)}) in {files}" if active else f"No findings in {files}"
    extras = []
    if result.suppressed:
        extras.append(f"{len(result.suppressed)} suppressed with a comment")
    if result.baselined:
        extras.append(f"{len(result.baselined)} already in the baseline")
    if extras:
        text += "; " + "; ".join(extras)
    text += "."
    if result.unchecked_claims:
        text += (
            f" {_plural(result.unchecked_claims, 'co-production claim')} not checked against facts:"
            " add 'coscore-project: path/to/project.yaml' to a document's front matter to check them."
        )
    return text


def render_lint_terminal(result: LintResult, rules: RuleSet | None = None, *, color: bool = False) -> str:
    """For people: each finding with where it is, what is wrong, why it matters and what to write instead."""
    colours = {Severity.error: "\x1b[31m", Severity.warning: "\x1b[33m", Severity.note: "\x1b[36m"}
    reset = "\x1b[0m" if color else ""
    lines: list[str] = []
    for f in result.active:
        severity = f"{colours[f.severity] if color else ''}{f.severity.value}{reset}"
        lines.append(f"{f.location}: {severity}: {one_line(f.message)} [{f.rule_id}]")
        compiled = rules.get(f.rule_id) if rules else None
        if compiled is not None:
            lines.extend(textwrap.wrap(" ".join(compiled.rule.reason.split()), width=96, break_on_hyphens=False, initial_indent="    why: ", subsequent_indent="         "))
        if f.suggestion:
            lines.extend(textwrap.wrap(f.suggestion, width=96, break_on_hyphens=False, initial_indent="    try: ", subsequent_indent="         "))
    if result.suppressed:
        lines.append("")
        lines.append("Suppressed:")
        for f in result.suppressed:
            why = one_line(f.suppression_reason) or "no reason given"
            lines.append(f"  {f.location}: {f.rule_id} ({why})")
    if lines:
        lines.append("")
    lines.append(summary_line(result))
    # suppression reasons and messages quote documents: only our own colours stay
    return for_terminal("\n".join(lines) + "\n", keep_colour=color)


def render_lint_parsable(result: LintResult) -> str:
    """One line per active finding, ``path:line:col: severity: message [rule_id]``, for editors and grep."""
    return "".join(f.parsable() + "\n" for f in result.active)


def _finding_json(f) -> dict:
    return {
        "rule_id": f.rule_id,
        "severity": f.severity.value,
        "path": f.location.path,
        "line": f.location.line,
        "column": f.location.column,
        "message": f.message,
        "suggestion": f.suggestion,
        "fingerprint": f.fingerprint,
    }


def render_lint_json(result: LintResult) -> str:
    """Stable JSON for scripts."""
    active = result.active
    data = {
        "coscore_lint": 1,
        "files": list(result.files),
        "summary": {
            "errors": sum(1 for f in active if f.severity is Severity.error),
            "warnings": sum(1 for f in active if f.severity is Severity.warning),
            "notes": sum(1 for f in active if f.severity is Severity.note),
            "suppressed": len(result.suppressed),
            "baselined": len(result.baselined),
            "unchecked_claims": result.unchecked_claims,
        },
        "findings": [_finding_json(f) for f in active],
        "suppressed": [{**_finding_json(f), "reason": f.suppression_reason} for f in result.suppressed],
        "diagnostics": [
            {"path": d.location.path, "line": d.location.line, "column": d.location.column, "message": d.message, "hint": d.hint}
            for d in result.diagnostics
        ],
    }
    return encodable(json.dumps(data, indent=2, ensure_ascii=False) + "\n")


def describe_rule(compiled: CompiledRule, examples: dict | None = None) -> str:
    """`coscore explain RULE_ID` for a lint rule: what it looks for, why, what to write, examples."""
    rule = compiled.rule
    lines = [f"{rule.id} ({rule.severity.value}, {rule.family}); rests on {rule.source}"]
    lines.extend(textwrap.wrap(" ".join(rule.reason.split()), width=96, break_on_hyphens=False, initial_indent="  Why it matters: ", subsequent_indent="    "))
    lines.extend(textwrap.wrap(rule.suggestion, width=96, break_on_hyphens=False, initial_indent="  What to write instead: ", subsequent_indent="    "))
    if rule.match is not None:
        # phrases are readable as they are; regular expressions are shown only as a count (see the examples)
        looks_for = list(rule.match.phrases[:6])
        if len(rule.match.phrases) > 6:
            looks_for.append(f"and {len(rule.match.phrases) - 6} more phrases")
        if rule.match.regex:
            looks_for.append(f"{len(rule.match.regex)} pattern{'s' if len(rule.match.regex) > 1 else ''} (see the examples below)")
        lines.append("  Looks for: " + "; ".join(looks_for))
    if rule.needs_in_sentence:
        lines.append("  Passes when the sentence (or the whole list item or table row) also gives: " + ", ".join(rule.needs_in_sentence))
    if rule.claim is not None:
        tests = []
        if rule.claim.ladder_rung_at_least is not None:
            tests.append(f"the facts reach at least the '{rule.claim.ladder_rung_at_least.value.replace('_', '-')}' rung")
        if rule.claim.no_red_flags:
            tests.append("none of these red flags is raised: " + ", ".join(rule.claim.no_red_flags))
        if rule.claim.facts:
            from coscore.scoring import condition_text

            tests.extend(condition_text(c) for c in rule.claim.facts)
        lines.append("  Checked against the project file named by 'coscore-project:' in the front matter; passes when " + "; ".join(tests) + ".")
    if compiled.origin and not compiled.origin.startswith("lint/rules/"):
        lines.append(f"  Defined in: {compiled.origin}")
    examples = examples or {}
    for label, key in (("Flagged", "match"), ("Not flagged", "no_match")):
        passages = [e if isinstance(e, str) else e.get("text", "") for e in examples.get(key, [])][:3]
        if passages:
            lines.append(f"  {label}:")
            for passage in passages:
                lines.extend(textwrap.wrap(" ".join(passage.split()), width=96, break_on_hyphens=False, initial_indent="    - ", subsequent_indent="      "))
    return "\n".join(lines) + "\n"


def render_rule_list(rules: RuleSet) -> str:
    """`coscore lint --list-rules`: id, severity, family and the message, one rule a line."""
    out = []
    for compiled in sorted(rules.rules, key=lambda c: (c.rule.family, c.rule.id)):
        r = compiled.rule
        out.append(f"{r.id}  {r.severity.value}  {r.family}: {' '.join(r.reason.split()).split('. ')[0].rstrip('.')}.")
    return "\n".join(out) + "\n"
