"""Pure linting: (document prose, rules, linked project summary) -> findings.

Nothing here reads files; ``workflows.lint.lint_strategy_documents`` does the reading and
passes the results in.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Mapping, NamedTuple

from coscore.errors import SEVERITY_RANK, Diagnostic, Severity, SourceLocation
from coscore.findings import Finding
from coscore.lint.markdown import BLOCK, CELL, MAX_NESTING, Prose
from coscore.lint.places import Layout
from coscore.lint.rules import META_RULES, Claim, CompiledContext, CompiledRule, RuleSet

PROJECT_KEY = "coscore-project"
ACCEPTED_PREFIX = "accepted term"  # how a finding answered by lint.vocabulary gives its reason

_SENTENCE_END = re.compile(r"[.!?…](?=[\s\x00\x01\x02]|$)")
_SUPPRESSION = re.compile(r"^\s*coscore-(disable-next-line|disable|enable)(?![\w-])(.*)$", re.DOTALL)
_OPEN_QUOTES = "\"“‘'«"
_CLOSE_QUOTES = "\"”’'»"
_BEFORE_WINDOW = 40  # characters before a match that skip_if_before looks at: a few words
_MENTION_WINDOW = 60  # characters either side of a match searched for quotation marks and talk about words
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_SMALL_WORDS = frozenset("a an the to of and for in on with at by or from our their your its into as".split())
# Quotation marks that open before the match with no closing one in between, and close after it.
_QUOTE_OPEN_BEFORE = re.compile(r"(?:[“‘«]|(?<![\w])[\"'])[^“”‘’«»\"]{0,50}$")
_QUOTE_CLOSE_AFTER = re.compile(r"[^“”‘’«»\"]{0,50}?(?:[”»]|’(?!\w)|[\"'](?!\w))")
# Words that introduce a term being talked about rather than used.
_TALKING_ABOUT_BEFORE = re.compile(
    r"\b(?:used\s+to\s+(?:be\s+)?call(?:ed)?|label|labels|labelled|labeled|labelling|labeling|term|terms|termed|word|words|phrase|phrases|expression|jargon|so[-\s]called"
    r"|(?:words?|terms?|phrases?|labels?|language)\s+(?:like|such\s+as)|describ\w*(?:\s+[\w-]+){0,3}\s+as|refer\w*\s+to(?:\s+[\w-]+){0,3}\s+as|known\s+as"
    r"|(?:stop|stopped|stopping|avoid|avoids|avoided|avoiding|no\s+longer|never|not)\s+(?:say|saying|says|said|use|using|write|writing|call|calling|label|labelling|labeling)"
    r"|(?:talk|talks|talked|talking|wrote|written|spoke|spoken)\s+(?:about|of)|sound(?:s|ed)?\s+like|(?:drop|dropped|dropping|replace|replaced|replacing)(?:\s+the\s+(?:word|term|phrase))?)"
    r"\s+(?:(?:people|them|residents|families|anyone|someone|communities|groups|children|adults|patients|clients|members|us)\s+)?(?:as\s+)?$",
    re.IGNORECASE,
)
_TALKING_ABOUT_AFTER = re.compile(r"\W{0,2}\s+(?:(?:is|was|are|were)\s+(?:a|an|the|our|their)\s+(?:\w+\s+)?)?(?:word|term|phrase|label|expression|tag)s?\b", re.IGNORECASE)
# Nouns that make a heading or a capitalised phrase the name of a document, programme or body.
_NAME_NOUN = re.compile(
    r"\b(?:strateg(?:y|ies)|plans?|polic(?:y|ies)|framework|programmes?|programs?|charter|report|review|pathway|toolkit|standards|guidance|protocol|fund|project|partnership|board|trust|foundation|scheme|initiative|network|forum|unit|hub|centre|center|alliance|collaborative|service|commission|inquiry|bill|act)\b",
    re.IGNORECASE,
)


def _capitalised(word: str) -> bool:
    return word[:1].isupper() and not (len(word) > 1 and word.isupper())


class ProjectSummary(NamedTuple):
    """What the linter needs to know about a linked project file."""

    path: str  # as shown in messages
    ladder_rung: str  # a Rung value, or "" when no rung is reached
    ladder_rung_title: str
    red_flags: tuple[tuple[str, str], ...]  # (id, title) of each red flag raised
    facts: Mapping = MappingProxyType({})  # fact name -> facts.Fact


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
        """The findings that were not suppressed."""
        return tuple(f for f in self.findings if not f.suppressed)

    @property
    def suppressed(self) -> tuple[Finding, ...]:
        """The findings that were suppressed."""
        return tuple(f for f in self.findings if f.suppressed)




def fails(result: LintResult, fail_level: Severity | None) -> bool:
    """Whether any active finding is at or above ``fail_level`` (None: never fail)."""
    if fail_level is None:
        return False
    return any(SEVERITY_RANK[f.severity] >= SEVERITY_RANK[fail_level] for f in result.active)


def set_aside_baselined(result: LintResult, fingerprints: set[str]) -> LintResult:
    """Move findings whose fingerprint is in the baseline out of ``findings`` into ``baselined`` (shown as a count).

    The same meaning as `policy.suppress_baselined` for `coscore check`: known, accepted for now, never failing.
    """
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


class _Structure:
    """Where blocks, cells and sentences start and end in one document's prose, found once.

    Every lookup is a binary search, and each scope's text is searched for a
    context at most once, so the work per match does not grow with the length
    of the paragraph it sits in (a phrase repeated through one huge paragraph
    or a table row of thousands of cells stays linear).
    """

    def __init__(self, prose: Prose) -> None:
        text = prose.text
        self.prose = prose
        self.text = text
        self.block_marks = [m.start() for m in re.finditer(BLOCK, text)]
        self.cell_marks = [m.start() for m in re.finditer(CELL, text)]
        self.sentence_ends = [m.end() for m in _SENTENCE_END.finditer(text)]
        self.heading_starts = sorted(prose.headings)
        self._seen: dict[tuple, bool] = {}

    def block(self, pos: int) -> tuple[int, int]:
        """The block (paragraph, heading, list item or table row) around ``pos``."""
        marks = self.block_marks
        i = bisect.bisect_left(marks, pos)
        start = marks[i - 1] + 1 if i > 0 else 0
        end = marks[i] if i < len(marks) else len(self.text)
        return start, end

    def sentence(self, start: int, end: int, whole_items: bool = False) -> tuple[int, int]:
        """The sentence around [start, end); a whole list item or table row when ``whole_items``."""
        block_start, block_end = self.block(start)
        if whole_items and block_start in self.prose.item_blocks:
            return block_start, block_end
        cells = self.cell_marks
        i = bisect.bisect_left(cells, start)
        if i > 0 and cells[i - 1] >= block_start:
            block_start = cells[i - 1] + 1
        j = bisect.bisect_left(cells, end)
        if j < len(cells) and cells[j] < block_end:
            block_end = cells[j]
        ends = self.sentence_ends
        k = bisect.bisect_right(ends, start) - 1
        sentence_start = ends[k] if k >= 0 and ends[k] > block_start else block_start
        k = bisect.bisect_right(ends, end)
        sentence_end = ends[k] if k < len(ends) and ends[k] <= block_end else block_end
        return sentence_start, sentence_end

    def scope(self, kind: str, start: int, end: int) -> tuple[int, int]:
        """The sentence, list item, paragraph or section around [start, end)."""
        if kind == "sentence":
            return self.sentence(start, end)
        if kind in ("item", "paragraph"):
            return self.block(start)
        heading = bisect.bisect_right(self.heading_starts, start) - 1
        section_start = self.heading_starts[heading] if heading >= 0 else 0
        following = heading + 1
        section_end = self.heading_starts[following] - 1 if following < len(self.heading_starts) else len(self.text)
        return section_start, section_end

    def is_mention(self, start: int, end: int) -> bool:
        """Whether the words at [start, end) are mentioned rather than used.

        Mentions: words in quotation marks; a name in Title Case ("the Hard to
        Reach Trust"); a heading that names a document or programme, or is
        written in Title Case; a sentence that talks about the words ("we
        stopped calling people hard to reach", "the term vulnerable").
        """
        text = self.text
        s_start, s_end = self.sentence(start, end)
        before = text[max(s_start, start - _MENTION_WINDOW) : start]
        after = text[end : min(s_end, end + _MENTION_WINDOW)]
        if _QUOTE_OPEN_BEFORE.search(before) and _QUOTE_CLOSE_AFTER.match(after):
            return True
        if _TALKING_ABOUT_BEFORE.search(before) or _TALKING_ABOUT_AFTER.match(after):
            return True
        words = _WORD.findall(text[start:end])
        content = [w for w in words if w.lower() not in _SMALL_WORDS]
        if content and all(_capitalised(w) for w in content):
            following = _WORD.match(text, end + 1) if end < len(text) and text[end] == " " else None
            if len(content) >= 2 or (following and (_capitalised(following.group(0)) or _NAME_NOUN.fullmatch(following.group(0)))):
                return True
        block_start, block_end = self.block(start)
        if block_start in self.prose.headings:
            heading = text[block_start:block_end]
            if _NAME_NOUN.search(heading):
                return True
            heading_words = [w for w in _WORD.findall(heading) if w.lower() not in _SMALL_WORDS]
            if len(heading_words) >= 2 and all(_capitalised(w) for w in heading_words):
                return True
        return False

    def has(self, context: CompiledContext, name: str, start: int, end: int, whole_row: bool = False) -> bool:
        """Whether the scope [start, end) holds a match of ``context``; each scope is searched once.

        ``whole_row``: when the scope is a table row, read it as "Header: cell." for each cell.
        """
        key = (name, start, end, whole_row)
        found = self._seen.get(key)
        if found is None:
            scope_text = (self.prose.row_labels.get(start) if whole_row else None) or self.text[start:end]
            found = self._seen[key] = context.pattern.search(scope_text) is not None
        return found


def _lower(text: str, piece: int = 65536) -> str:
    """``text.lower()`` a piece at a time: lowering non-ASCII text at once reserves twelve bytes
    a character (a 5 MB document: 60 MB) for letters that might lengthen."""
    if len(text) <= piece:
        return text.lower()
    return "".join(text[i : i + piece].lower() for i in range(0, len(text), piece))


def _contained(spans: list[tuple[int, int]]):
    """A test for whether a span lies inside one of ``spans``, each answered by a binary search."""
    spans = sorted(spans)
    starts = [a for a, _ in spans]
    furthest: list[int] = []
    reach = -1
    for _, b in spans:
        reach = max(reach, b)
        furthest.append(reach)

    def inside(span: tuple[int, int]) -> bool:
        i = bisect.bisect_right(starts, span[0]) - 1
        return i >= 0 and furthest[i] >= span[1]

    return inside


def _fill(template: str, values: dict[str, str]) -> str:
    """Put values into {name} placeholders; leave any other braces alone."""
    return re.sub(r"\{(\w+)\}", lambda m: values.get(m.group(1), m.group(0)), template)


def _shown(text: str) -> str:
    return " ".join(text.split())


@dataclass(slots=True)  # one per match, so long documents hold many: no per-instance dict
class _Hit:
    rule: CompiledRule
    line: int
    column: int
    subject: str  # normalised matched text, for the fingerprint
    values: dict[str, str]
    span: tuple[int, int] = (0, 0)  # where the match is in the prose


class Suppression(NamedTuple):
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
    structure = _Structure(prose)
    reported_scopes: set[tuple[str, int]] = set()
    hits: list[_Hit] = []
    unchecked = 0
    lowered = _lower(text)  # for the quick test below: does the document hold a word a match starts with?
    for compiled in rules.rules:
        rule = compiled.rule
        if compiled.pattern is None:
            continue
        if compiled.required is not None and not any(word in lowered for word in compiled.required):
            continue
        for m in compiled.pattern.finditer(text):
            start, end = m.start(), m.end()
            if start == end or not m.group(0).strip():
                continue
            if start > 0 and end < len(text) and text[start - 1] in _OPEN_QUOTES and text[end] in _CLOSE_QUOTES:
                continue  # the words are mentioned in quotation marks, not used
            if rule.mentions == "skip" and structure.is_mention(start, end):
                continue
            if rule.require or rule.forbid or rule.once_per_scope:
                scope_start, scope_end = structure.scope(rule.scope, start, end)
                whole_row = rule.scope in ("item", "paragraph")
                if rule.require and not any(structure.has(rules.contexts[n], n, scope_start, scope_end, whole_row) for n in rule.require):
                    continue
                if any(structure.has(rules.contexts[n], n, scope_start, scope_end, whole_row) for n in rule.forbid):
                    continue
                if rule.once_per_scope:
                    if (rule.id, scope_start) in reported_scopes:
                        continue
                    reported_scopes.add((rule.id, scope_start))
            if rule.skip_if_before:
                s_start, _ = structure.sentence(start, end)
                window = text[max(s_start, start - _BEFORE_WINDOW) : start]
                if any(rules.contexts[n].pattern.search(window) for n in rule.skip_if_before):
                    continue
            if rule.skip_if_sentence:
                s_start, s_end = structure.sentence(start, end)
                if any(structure.has(rules.contexts[n], n, s_start, s_end) for n in rule.skip_if_sentence):
                    continue
            values = {"match": _shown(m.group(0))}
            if rule.needs_in_sentence:
                s_start, s_end = structure.sentence(start, end, whole_items=True)
                missing = [rules.contexts[n].describe for n in rule.needs_in_sentence if not structure.has(rules.contexts[n], n, s_start, s_end, whole_row=True)]
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
    del lowered  # a copy of the whole text: not needed past the matching
    # A note inside the words of a stronger finding adds noise, not information: keep the stronger one.
    inside_strong = _contained([h.span for h in hits if h.rule.rule.severity is not Severity.note])
    hits = [h for h in hits if h.rule.rule.severity is not Severity.note or not inside_strong(h.span)]
    return _one_per_family(hits), unchecked


def _one_per_family(hits: list[_Hit]) -> list[_Hit]:
    """Drop a finding that lies inside the words of another finding of the same family at the
    same or a higher severity: two rules saying the same thing about the same words is noise."""
    order = sorted(range(len(hits)), key=lambda i: (hits[i].rule.rule.family, hits[i].span[0], -SEVERITY_RANK[hits[i].rule.rule.severity], hits[i].span[0] - hits[i].span[1], i))
    keep = [True] * len(hits)
    family, reach = None, [-1, -1, -1]  # furthest end so far of a kept finding at or above each severity rank
    for i in order:
        hit = hits[i]
        if hit.rule.rule.family != family:
            family, reach = hit.rule.rule.family, [-1, -1, -1]
        rank = SEVERITY_RANK[hit.rule.rule.severity]
        if reach[rank] >= hit.span[1]:
            keep[i] = False
            continue
        for r in range(rank + 1):
            reach[r] = max(reach[r], hit.span[1])
    return [h for i, h in enumerate(hits) if keep[i]]


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
    # hits come in line order: walk the ranges alongside, keeping only those open at the hit's
    # line; the first range written (as listed) gives the reason when several cover a finding
    waiting = sorted(enumerate(ranges), key=lambda item: item[1].first_line, reverse=True)
    open_now: list[tuple[int, Suppression]] = []
    closes_at = 0  # the earliest last line among open_now
    hits.reverse()
    while hits:
        hit = hits.pop()  # each match is let go once its finding is made: long documents hold one of the two, not both
        rule = hit.rule.rule
        key = (rule.id, hit.subject)
        occurrence = seen[key]
        seen[key] += 1
        changed = False
        while waiting and waiting[-1][1].first_line <= hit.line:
            open_now.append(waiting.pop())
            changed = True
        if open_now and (changed or closes_at < hit.line):
            open_now = sorted(item for item in open_now if item[1].last_line >= hit.line)
            closes_at = min((item[1].last_line for item in open_now), default=0)
        reason = None
        if rule.id not in META_RULES:
            for _, s in open_now:
                if not s.rule_ids or rule.id in s.rule_ids:
                    reason = s.reason
                    break
            if reason is None and rules.vocabulary:
                term = rules.accepted(rule, hit.values.get("match", ""))
                if term is not None:
                    reason = f"{ACCEPTED_PREFIX} '{term.term}' (lint.vocabulary): {term.reason}"
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
