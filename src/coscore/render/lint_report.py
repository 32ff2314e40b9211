"""Views of a lint run (`coscore lint`) and of lint rules (`coscore explain RULE_ID`). Each returns a str."""

from __future__ import annotations

import json
import textwrap

from coscore.errors import Severity
from coscore.lint.engine import LintResult
from coscore.lint.rules import CompiledRule, RuleSet
from coscore.safe_text import encodable, for_terminal, one_line



def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def summary_line(result: LintResult) -> str:
    """One plain sentence: how many findings of each severity, suppressed and in the baseline."""
    active = result.active
    counts = [_plural(sum(1 for f in active if f.severity is s), s.value) for s in Severity if any(f.severity is s for f in active)]
    files = _plural(len(result.files), "document")
    text = f"{_plural(len(active), 'finding')} ({', '.join(counts)}) in {files}" if active else f"No findings in {files}"
    extras = []
    from coscore.lint.engine import ACCEPTED_PREFIX

    accepted = sum(1 for f in result.suppressed if f.suppression_reason.startswith(ACCEPTED_PREFIX))
    if len(result.suppressed) > accepted:
        extras.append(f"{len(result.suppressed) - accepted} suppressed with a comment")
    if accepted:
        extras.append(f"{accepted} on terms the team accepts (lint.vocabulary)")
    if result.baselined:
        extras.append(f"{len(result.baselined)} already in the baseline")
    if extras:
        text += "; " + "; ".join(extras)
    text += "."
    if result.unchecked_claims:
        text += (
            f" {_plural(result.unchecked_claims, 'co-production claim')} not checked against facts:"
            " give --project path/to/project.yaml, or add 'coscore-project: path/to/project.yaml' to a Markdown document's front matter, to check them."
        )
    return text


def _substitutions() -> dict:
    from coscore.lint.fix import builtin_substitutions

    return builtin_substitutions()


def _layouts(result: LintResult) -> dict:
    return {layout.path: layout for layout in result.layouts}


def _where(finding, layouts: dict) -> str:
    """``path:line:col`` for Markdown and web pages; 'path: paragraph 4, column 2' or '...: page 2, line 7, column 3' otherwise."""
    layout = layouts.get(finding.location.path)
    return layout.where(finding.location) if layout is not None else str(finding.location)


def _wrapped(label: str, text: str) -> list[str]:
    indent = "    " + " " * len(label)
    return textwrap.wrap(" ".join(text.split()), width=96, break_on_hyphens=False, initial_indent=f"    {label}", subsequent_indent=indent)


def render_lint_terminal(result: LintResult, rules: RuleSet | None = None, *, color: bool = False) -> str:
    """For people: per document, each rule once (why it matters, what to write instead), then every place it fired."""
    colours = {Severity.error: "\x1b[31m", Severity.warning: "\x1b[33m", Severity.note: "\x1b[36m"}
    reset = "\x1b[0m" if color else ""
    layouts = _layouts(result)
    lines: list[str] = []
    by_file: dict[str, dict[str, list]] = {}
    for f in result.active:
        by_file.setdefault(f.location.path, {}).setdefault(f.rule_id, []).append(f)
    for path, by_rule in by_file.items():
        if lines:
            lines.append("")
        lines.append(one_line(path))
        for rule_id, places in by_rule.items():
            first = places[0]
            severity = f"{colours[first.severity] if color else ''}{first.severity.value}{reset}"
            lines.append(f"  {rule_id} ({severity}, {_plural(len(places), 'place')})")
            compiled = rules.get(rule_id) if rules else None
            if compiled is not None:
                lines.extend(_wrapped("why: ", compiled.rule.reason))
            same_suggestion = len({f.suggestion for f in places}) == 1
            if first.suggestion and same_suggestion:
                lines.extend(_wrapped("try: ", first.suggestion))
            layout = layouts.get(path)
            if (layout is None or layout.kind == "markdown") and rule_id in _substitutions():
                lines.append("    fix: 'coscore lint --fix' rewrites these terms where it is safe to")
            for f in places:
                lines.append(f"    {_where(f, layouts)}: {severity}: {one_line(f.message)} [{rule_id}]")
                if f.suggestion and not same_suggestion:
                    lines.extend(_wrapped("  try: ", f.suggestion))
    if result.suppressed:
        lines.append("")
        lines.append("Suppressed:")
        for f in result.suppressed:
            why = one_line(f.suppression_reason) or "no reason given"
            lines.append(f"  {_where(f, layouts)}: {f.rule_id} ({why})")
    if lines:
        lines.append("")
    lines.append(summary_line(result))
    # suppression reasons and messages quote documents: only our own colours stay
    return for_terminal("\n".join(lines) + "\n", keep_colour=color)


def render_lint_parsable(result: LintResult) -> str:
    """One line per active finding, ``path:line:col: severity: message [rule_id]``, for editors and grep.

    For a PDF the line is counted through the whole document, so the page and
    the line on that page follow the message.
    """
    layouts = _layouts(result)
    out = []
    for f in result.active:
        layout = layouts.get(f.location.path)
        if layout is not None and layout.kind == "pdf":
            page, on_page = layout.page_and_line(f.location.line)
            out.append(f"{f.location}: {f.severity.value}: {one_line(f.message)} (page {page}, line {on_page}) [{f.rule_id}]\n")
        else:
            out.append(f.parsable() + "\n")
    return "".join(out)


def _finding_json(f, layouts: dict | None = None) -> dict:
    layout = (layouts or {}).get(f.location.path)
    data = {
        "rule_id": f.rule_id,
        "severity": f.severity.value,
        "path": f.location.path,
        "line": f.location.line,
        "column": f.location.column,
        "place": layout.describe(f.location.line, f.location.column) if layout is not None else f"line {f.location.line}, column {f.location.column}",
        "message": f.message,
        "suggestion": f.suggestion,
        "fingerprint": f.fingerprint,
    }
    if layout is not None and layout.kind == "pdf":
        data["page"], data["page_line"] = layout.page_and_line(f.location.line)
    return data


def render_lint_json(result: LintResult) -> str:
    """Stable JSON for scripts."""
    active = result.active
    layouts = _layouts(result)
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
        "findings": [_finding_json(f, layouts) for f in active],
        "suppressed": [{**_finding_json(f, layouts), "reason": f.suppression_reason} for f in result.suppressed],
        "diagnostics": [
            {"path": d.location.path, "line": d.location.line, "column": d.location.column, "message": d.message, "hint": d.hint}
            for d in result.diagnostics
        ],
    }
    return encodable(json.dumps(data, indent=2, ensure_ascii=False) + "\n")


def render_fix_changes(changes) -> str:
    """`coscore lint --fix`: one line per rewritten term, ``path:line:col: old -> new``, then a count."""
    if not changes:
        return "--fix changed nothing: no finding has a term it can rewrite safely.\n"
    lines = [f"{path}:{c.line}:{c.column}: {' '.join(c.old.split())} -> {c.new}" for path, c in changes]
    documents = len({path for path, _ in changes})
    lines.append(f"Fixed {_plural(len(changes), 'term')} in {_plural(documents, 'document')}.")
    return "\n".join(lines) + "\n"


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
    scope = {"sentence": "sentence", "item": "list item or table row", "paragraph": "paragraph", "section": "section (from the nearest heading to the next)"}[rule.scope]
    if rule.require:
        lines.append(f"  Only when the same {scope} also has: " + ", ".join(rule.require))
    if rule.forbid:
        lines.append(f"  Never when the same {scope} has: " + ", ".join(rule.forbid))
    if rule.default == "off":
        lines.append("  Off by default: switch it on with 'lint.enable' in the configuration or --enable.")
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
    for compiled in sorted((*rules.rules, *rules.dormant), key=lambda c: (c.rule.family, c.rule.id)):
        r = compiled.rule
        off = "  (off by default)" if compiled in rules.dormant else ""
        out.append(f"{r.id}  {r.severity.value}  {r.family}: {' '.join(r.reason.split()).split('. ')[0].rstrip('.')}.{off}")
    return "\n".join(out) + "\n"
