"""Pure linting: (document prose, rules, linked project summary) -> findings.

Nothing here reads files; ``workflows.lint.lint_strategy_documents`` does the reading and
passes the results in.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import NamedTuple

from coscore.errors import Diagnostic, Severity, SourceLocation
from coscore.findings import Finding
from coscore.lint.markdown import CELL, MAX_NESTING, Prose
from coscore.lint.places import Layout
from coscore.lint.rules import META_RULES, Claim, CompiledRule, RuleSet

PROJECT_KEY = "coscore-project"

_SENTENCE_END = re.compile(r"[.!?…](?=[\s\x00\x01\x02]|$)")
_SUPPRESSION = re.compile(r"^\s*coscore-(disable-next-line|disable|enable)(?![\w-])(.*)$", re.DOTALL)
_OPEN_QUOTES = "\"“‘'«"
_CLOSE_QUOTES = "\"”’'»"
_BEFORE_WINDOW = 40  # characters before a match that skip_if_before looks at: a few words


@dataclass(frozen=True)
class ProjectSummary:
    """What the linter needs to know about a linked project file."""

    path: str  # as shown in messages
    ladder_rung: str  # a Rung value, or "" when no rung is reached
    ladder_rung_title: str
    red_flags: tuple[tuple[str, str], ...]  # (id, title) of each red flag raised
    facts: dict = field(default_factory=dict)  # fact name -> facts.Fact


class LintResult(NamedTuple):  # a result: see coscore.errors
    """Everything one lint run found. ``findings`` includes suppressed ones."""

    files: tuple[str, ...] = ()
    findings: tuple[Finding, ...] = ()
    baselined: tuple[Finding, ...] = ()  # findings left out because the baseline lists them
    diagnostics: tuple[Diagnostic, ...] = ()  # input errors: exit code 2
    unchecked_claims: int = 0  # co-production claims in documents that link no project file
    layouts: tuple[Layout, ...] = ()  # what each document's lines count (paragraphs, PDF pages), for display

    @property
    def active(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if not f.suppressed)

    @property
    def suppressed(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.suppressed)


SEVERITY_RANK = {Severity.note: 0, Severity.warning: 1, Severity.error: 2}


def fails(result: LintResult, fail_level: Severity | None) -> bool:
    """Whether any active finding is at or above ``fail_level`` (None: never fail)."""
    if fail_level is None:
        return False
    return any(SEVERITY_RANK[f.severity] >= SEVERITY_RANK[fail_level] for f in result.active)


def apply_baseline(result: LintResult, fingerprints: set[str]) -> LintResult:
    """Move findings whose fingerprint is in the baseline out of ``findings``."""
    kept = tuple(f for f in result.findings if f.fingerprint not in fingerprints)
    known = tuple(f for f in result.findings if f.fingerprint in fingerprints)
    return result._replace(findings=kept, baselined=result.baselined + known)


# --- the project link in the front matter ------------------------------------------------


def project_link(prose: Prose, path: str) -> tuple[str, SourceLocation] | Diagnostic | None:
    """The ``coscore-project:`` value in the front matter and where it is written.

    Returns None when there is no link, or a ``Diagnostic`` when the front
    matter that carries it cannot be read.
    """
    front = prose.front_matter
    if front is None or PROJECT_KEY not in front.text:
        return None
    from coscore.io import yamlio
    from coscore.errors import InputProblems

    shift = front.first_line - 1
    try:
        parsed = yamlio.parse_yaml(front.text, path)
    except InputProblems as exc:
        d = exc.diagnostics[0]
        where = SourceLocation(path=path, line=d.location.line + shift, column=d.location.column)
        return Diagnostic(location=where, message=f"the front matter is not valid YAML: {d.message.removeprefix('this is not valid YAML: ')}", hint=d.hint or "check the lines between the --- markers")
    if not isinstance(parsed.data, dict) or PROJECT_KEY not in parsed.data:
        return None
    loc = parsed.location((PROJECT_KEY,))
    where = SourceLocation(path=path, line=loc.line + shift, column=loc.column)
    value = parsed.data[PROJECT_KEY]
    if not isinstance(value, str) or not value.strip():
        return Diagnostic(location=where, message=f"'{PROJECT_KEY}' must be the path of a project file", hint="for example: coscore-project: ../projects/drop-in.yaml (relative to this document)")
    return value.strip(), where


def claim_gaps(claim: Claim, project: ProjectSummary) -> list[str]:
    """Why the linked project does not back a claim; empty when it does."""
    from coscore.models.project import Rung
    from coscore.scoring import condition_text, holds, show_value

    gaps = []
    order = list(Rung)
    if claim.ladder_rung_at_least is not None:
        reached = order.index(Rung(project.ladder_rung)) if project.ladder_rung in Rung._value2member_map_ else -1
        if reached < order.index(claim.ladder_rung_at_least):
            needed = claim.ladder_rung_at_least.value.replace("_", "-")
            shown = project.ladder_rung_title or "no rung"
            gaps.append(f"its facts reach the '{shown}' rung of the ladder, below '{needed}'")
    for flag_id, title in project.red_flags:
        if flag_id in claim.no_red_flags:
            gaps.append(f"it raises the red flag '{flag_id}' ({title})")
    for condition in claim.facts:
        if not holds(condition, project.facts):
            names = [condition.fact] if condition.fact else []
            actual = "; ".join(show_value(project.facts[n].value) for n in names if n in project.facts)
            gaps.append(f"it needs {condition_text(condition)}" + (f" (it is {actual})" if actual else ""))
    return gaps


# --- matching --------------------------------------------------------------------------


def _sentence(prose: Prose, start: int, end: int, whole_items: bool) -> tuple[int, int]:
    """The sentence around [start, end); a whole list item or table row when ``whole_items``."""
    text = prose.text
    block_start, block_end = prose.block_bounds(start)
    if whole_items and block_start in prose.item_blocks:
        return block_start, block_end
    cell_start = text.rfind(CELL, block_start, start)
    if cell_start >= 0:
        block_start = cell_start + 1
    cell_end = text.find(CELL, end, block_end)
    if cell_end >= 0:
        block_end = cell_end
    sentence_start = block_start
    for m in _SENTENCE_END.finditer(text, block_start, start):
        sentence_start = m.end()
    m = _SENTENCE_END.search(text, end, block_end)
    return sentence_start, (m.end() if m else block_end)


def _fill(template: str, values: dict[str, str]) -> str:
    """Put values into {name} placeholders; leave any other braces alone."""
    return re.sub(r"\{(\w+)\}", lambda m: values.get(m.group(1), m.group(0)), template)


def _shown(text: str) -> str:
    return " ".join(text.split())


@dataclass
class _Hit:
    rule: CompiledRule
    line: int
    column: int
    subject: str  # normalised matched text, for the fingerprint
    values: dict[str, str]
    span: tuple[int, int] = (0, 0)  # where the match is in the prose


@dataclass(frozen=True)
class Suppression:
    rule_ids: tuple[str, ...]  # empty: every rule
    first_line: int
    last_line: int
    reason: str


@dataclass
class DocumentLint:
    findings: list[Finding]
    unchecked_claims: int
    # parts of the document that could not be read, so were not checked (too deeply nested)
    diagnostics: list[Diagnostic] = field(default_factory=list)


def _hits(prose: Prose, rules: RuleSet, project: ProjectSummary | None, project_link_text: str) -> tuple[list[_Hit], int]:
    text = prose.text
    hits: list[_Hit] = []
    unchecked = 0
    for compiled in rules.rules:
        rule = compiled.rule
        if compiled.pattern is None:
            continue
        for m in compiled.pattern.finditer(text):
            start, end = m.start(), m.end()
            if start == end or not m.group(0).strip():
                continue
            if start > 0 and end < len(text) and text[start - 1] in _OPEN_QUOTES and text[end] in _CLOSE_QUOTES:
                continue  # the words are mentioned in quotation marks, not used
            if rule.skip_if_before:
                s_start, _ = _sentence(prose, start, end, False)
                window = text[max(s_start, start - _BEFORE_WINDOW) : start]
                if any(rules.contexts[n].pattern.search(window) for n in rule.skip_if_before):
                    continue
            if rule.skip_if_sentence:
                s_start, s_end = _sentence(prose, start, end, False)
                sentence = text[s_start:s_end]
                if any(rules.contexts[n].pattern.search(sentence) for n in rule.skip_if_sentence):
                    continue
            values = {"match": _shown(m.group(0))}
            if rule.needs_in_sentence:
                s_start, s_end = _sentence(prose, start, end, True)
                sentence = prose.row_labels.get(s_start) or text[s_start:s_end]
                missing = [rules.contexts[n].describe for n in rule.needs_in_sentence if not rules.contexts[n].pattern.search(sentence)]
                if not missing:
                    continue
                values["missing"] = " and no ".join(missing)
            if rule.claim is not None:
                if project is None:
                    if not project_link_text:
                        unchecked += 1
                    continue
                gaps = claim_gaps(rule.claim, project)
                if not gaps:
                    continue
                values["project"] = project_link_text
                values["reasons"] = "; ".join(gaps)
            line, column = prose.line_col(start)
            hits.append(_Hit(rule=compiled, line=line, column=column, subject=values["match"].lower(), values=values, span=(start, end)))
    # A note inside the words of a stronger finding adds noise, not information: keep the stronger one.
    strong = [h.span for h in hits if h.rule.rule.severity is not Severity.note]
    hits = [h for h in hits if h.rule.rule.severity is not Severity.note or not any(a <= h.span[0] and h.span[1] <= b for a, b in strong)]
    return hits, unchecked


def suppressions(prose: Prose, known_ids: frozenset[str]) -> tuple[list[Suppression], list[tuple[str, int, int, str]]]:
    """Suppression ranges from comments, and problems with them as (meta rule id, line, col, subject)."""
    found: list[Suppression] = []
    problems: list[tuple[str, int, int, str]] = []
    open_ranges: dict[str, tuple[int, str]] = {}
    for comment in prose.comments:
        m = _SUPPRESSION.match(comment.text)
        if m is None:
            continue
        kind, rest = m.group(1), m.group(2)
        ids_text, _, reason = rest.partition(":")
        ids = tuple(i for i in re.split(r"[,\s]+", ids_text.strip()) if i)
        reason = " ".join(reason.split())
        for rule_id in ids:
            if rule_id not in known_ids and rule_id not in META_RULES:
                problems.append(("unknown-rule-in-suppression", comment.line, comment.column, rule_id))
        if kind == "enable":
            for key in list(open_ranges) if not ids else [k for k in ids if k in open_ranges]:
                first, why = open_ranges.pop(key)
                found.append(Suppression(rule_ids=() if key == "*" else (key,), first_line=first, last_line=comment.line, reason=why))
            continue
        if not reason:
            problems.append(("suppression-without-reason", comment.line, comment.column, ", ".join(ids) or "every rule"))
        if kind == "disable-next-line":
            found.append(Suppression(rule_ids=ids, first_line=comment.end_line + 1, last_line=comment.end_line + 1, reason=reason))
        else:
            for key in ids or ("*",):
                open_ranges.setdefault(key, (comment.line, reason))
    for key, (first, why) in open_ranges.items():
        found.append(Suppression(rule_ids=() if key == "*" else (key,), first_line=first, last_line=10**9, reason=why))
    return found, problems


def did_you_mean(rule_id: str, known_ids) -> str:
    """' Did you mean 'x'?' for the known rule id closest to a misspelt one, or '' when none is close."""
    import difflib

    close = difflib.get_close_matches(rule_id, sorted(known_ids), n=1, cutoff=0.6)
    return f" Did you mean '{close[0]}'?" if close else ""


def lint_prose(prose: Prose, path: str, rules: RuleSet, project: ProjectSummary | None = None, project_link_text: str = "") -> DocumentLint:
    """Run every rule over one document's prose and apply its suppression comments.

    ``project`` is the summary of the project file the document links, if any;
    ``project_link_text`` is the link as written (also set when the link could
    not be followed, so claims are not counted as unchecked).
    """
    hits, unchecked = _hits(prose, rules, project, project_link_text)
    ranges, problems = suppressions(prose, rules.known_ids)
    for rule_id, line, column, subject in problems:
        compiled = rules.get(rule_id)
        if compiled is not None:
            values = {"match": subject, "did_you_mean": ""}
            if rule_id == "unknown-rule-in-suppression":
                values["did_you_mean"] = did_you_mean(subject, rules.known_ids | set(META_RULES))
            hits.append(_Hit(rule=compiled, line=line, column=column, subject=subject.lower(), values=values))
    hits.sort(key=lambda h: (h.line, h.column, h.rule.rule.id))
    seen: Counter = Counter()
    findings = []
    for hit in hits:
        rule = hit.rule.rule
        key = (rule.id, hit.subject)
        occurrence = seen[key]
        seen[key] += 1
        reason = None
        if rule.id not in META_RULES:
            for s in ranges:
                if s.first_line <= hit.line <= s.last_line and (not s.rule_ids or rule.id in s.rule_ids):
                    reason = s.reason
                    break
        findings.append(
            Finding.make(
                rule_id=rule.id,
                severity=rule.severity,
                message=_fill(rule.message, hit.values),
                suggestion=_fill(rule.suggestion, hit.values),
                location=SourceLocation(path=path, line=hit.line, column=hit.column),
                subject=f"{hit.subject}#{occurrence}",
                suppressed=reason is not None,
                suppression_reason=reason or "",
            )
        )
    skipped = []
    if prose.too_deep is not None:
        line, column = prose.too_deep
        skipped.append(
            Diagnostic(
                location=SourceLocation(path=path, line=line, column=column),
                message=f"the text from here is nested too deeply to read (over {MAX_NESTING} levels of block quotes and lists; a list counts twice), so it was not checked",
                hint="take out some of the '>' or list markers so the text sits fewer levels deep",
            )
        )
    return DocumentLint(findings=findings, unchecked_claims=unchecked, diagnostics=skipped)
