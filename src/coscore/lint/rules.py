"""Lint rules are data: YAML records shipped in ``lint/rules/`` or written by a team.

A rule file looks like::

    coscore_lint: 1
    contexts:                 # optional: named patterns that rules can refer to
      date:
        describe: a date
        patterns: ['\\b20\\d\\d\\b']
    rules:
      - id: deficit-hard-to-reach
        family: deficit-framing
        severity: warning
        match:
          phrases: ["hard to {reach|engage}"]
        message: "..."
        suggestion: "..."
        reason: "..."
        source: "Essay 000"

In ``phrases`` a space matches any run of spaces or line breaks, a hyphen
matches a hyphen, a space or nothing ("co-produced", "co produced",
"coproduced"), ``{a|b}`` matches either word, and ``*`` at the end of a word
matches any ending ("consult*" matches consult, consulted, consultation).
Phrases match whole words, ignoring case. ``regex`` takes Python regular
expressions for anything phrases cannot say.

A rule can look at the structure around a match: ``scope`` (sentence, item,
paragraph or section) is where ``require`` (a finding only when the scope also
holds one of these contexts) and ``forbid`` (none when it holds one) look, and
``once_per_scope`` reports only the first match in each. Words that are
mentioned rather than used (a title, a name in Title Case, a quoted term, a
sentence about the term) are skipped unless ``mentions: check``. A rule with
``default: "off"`` runs only when a team switches it on.
"""

from __future__ import annotations

import re
from typing import Literal, NamedTuple

from pydantic import BaseModel, ConfigDict, Field, model_validator

from coscore.errors import Diagnostic, InputProblems, Severity, SourceLocation
from coscore.models.project import RungField
from coscore.models.rubric import Condition

# Rules the engine raises itself, about suppression comments; they have no pattern.
META_RULES = ("suppression-without-reason", "unknown-rule-in-suppression")


class LintRecord(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Match(LintRecord):
    phrases: tuple[str, ...] = Field(default=(), description="Words or phrases to look for, see the module docstring for the syntax.")
    regex: tuple[str, ...] = Field(default=(), description="Python regular expressions, matched ignoring case unless case_sensitive is true.")
    case_sensitive: bool = False

    @model_validator(mode="after")
    def _something(self) -> "Match":
        if not self.phrases and not self.regex:
            raise ValueError("'match' needs at least one entry under 'phrases' or 'regex'")
        return self


class Claim(LintRecord):
    """When a claim is backed by the linked project file. Every listed test must hold."""

    ladder_rung_at_least: RungField | None = Field(default=None, description="The lowest ladder rung the project's facts must reach.")
    no_red_flags: tuple[str, ...] = Field(default=(), description="Red flag ids that must not be raised for the project.")
    facts: tuple[Condition, ...] = Field(default=(), description="Conditions on the project's facts, written as in a rubric.")


class LintRule(LintRecord):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$", description="A short id in lower case with hyphens.")
    family: str = Field(min_length=1, description="The group of rules it belongs to.")
    severity: Severity
    match: Match | None = None
    message: str = Field(min_length=1, description="What is wrong, in a sentence. May use {match}, {missing}, {project} and {reasons}.")
    suggestion: str = Field(min_length=1, description="A better wording or what to do instead.")
    reason: str = Field(min_length=1, description="Why it matters, in one or two plain sentences.")
    source: str = Field(min_length=1, description="The essay or principle the rule rests on.")
    skip_if_before: tuple[str, ...] = Field(default=(), description="Context names: no finding when the few words before the match contain one.")
    skip_if_sentence: tuple[str, ...] = Field(default=(), description="Context names: no finding when the sentence contains one.")
    needs_in_sentence: tuple[str, ...] = Field(default=(), description="Context names: a finding only when the sentence lacks at least one of them.")
    claim: Claim | None = Field(default=None, description="Check the match against the project file linked in the front matter.")
    scope: Literal["sentence", "item", "paragraph", "section"] = Field(default="sentence", description="Where 'require' and 'forbid' look: the sentence, the list item (or table row), the paragraph, or the section under the nearest heading.")
    require: tuple[str, ...] = Field(default=(), description="Context names: a finding only when the scope also holds one of them.")
    forbid: tuple[str, ...] = Field(default=(), description="Context names: no finding when the scope holds one of them.")
    once_per_scope: bool = Field(default=False, description="Report only the first match in each scope.")
    default: Literal["on", "off"] = Field(default="on", description="'off': the rule runs only when a team switches it on (lint.enable or --enable).")
    mentions: Literal["skip", "check"] = Field(default="skip", description="'skip': no finding where the words are mentioned, not used (a title, a name, quoted, or talked about).")


class ContextSpec(LintRecord):
    describe: str = Field(min_length=1, description="What it is, for messages: 'a date', 'an owner'.")
    patterns: tuple[str, ...] = Field(min_length=1)
    case_sensitive: bool = False


class RuleFile(LintRecord):
    coscore_lint: Literal[1] = Field(description="The lint rule file format version. Write 1.")
    contexts: dict[str, ContextSpec] = Field(default_factory=dict)
    rules: tuple[LintRule, ...] = ()


_WORD_CHARS = r"[\w’']"


def _first_letters(text: str) -> set[str] | None:
    """The letters a phrase can start with, or None when it could start with anything."""
    text = text.lstrip()
    if not text:
        return None
    ch = text[0]
    if ch == "{":
        depth, last, letters = 0, 1, set()
        for k, c in enumerate(text):
            if c == "{":
                depth += 1
            elif c == "}" or (c == "|" and depth == 1):
                option = _first_letters(text[last:k]) if text[last:k].strip() else None
                if option is None:
                    return None
                letters |= option
                last = k + 1
                if c == "}":
                    depth -= 1
                    if depth == 0:
                        return letters
        return None
    if ch.isalnum():
        return {ch.lower(), ch.upper()}
    return None


def phrases_pattern(phrases: tuple[str, ...]) -> str:
    """One regular expression for a list of phrases, whole words only.

    A lookahead for the possible first letters lets the regex engine skip
    quickly through text that cannot match.
    """
    bodies = [phrase_pattern(p, bounded=False) for p in phrases]
    letters: set[str] = set()
    for p in phrases:
        first = _first_letters(p)
        if first is None:
            letters = set()
            break
        letters |= first
    quick = "(?=[" + "".join(sorted(re.escape(c) for c in letters)) + "])" if letters else ""
    return quick + r"(?<![\w-])(?:" + "|".join(bodies) + r")(?!\w)"


def phrase_pattern(phrase: str, *, bounded: bool = True) -> str:
    """Turn a phrase into a regular expression (see the module docstring)."""

    def body(text: str) -> str:
        out = []
        i = 0
        while i < len(text):
            ch = text[i]
            if ch == "{":
                depth, end, options, last = 0, -1, [], i + 1
                for k in range(i, len(text)):
                    if text[k] == "{":
                        depth += 1
                    elif text[k] == "}":
                        depth -= 1
                        if depth == 0:
                            end = k
                            break
                    elif text[k] == "|" and depth == 1:
                        options.append(text[last:k])
                        last = k + 1
                if end < 0:
                    raise ValueError(f"'{{' without a closing '}}' in phrase {phrase!r}")
                options.append(text[last:end])
                out.append("(?:" + "|".join(body(o) for o in options) + ")")
                i = end + 1
                continue
            if ch.isspace():
                while i < len(text) and text[i].isspace():
                    i += 1
                out.append(r"\s+")
                continue
            if ch == "-":
                out.append(r"(?:[-‐‑–]\s*|\s+)?")
            elif ch in "'’":
                out.append("['’]")
            elif ch == "*":
                out.append(r"\w*")
            else:
                out.append(re.escape(ch))
            i += 1
        return "".join(out)

    inner = body(phrase.strip())
    return r"(?<![\w-])" + inner + r"(?!\w)" if bounded else inner


class CompiledRule(NamedTuple):
    rule: LintRule
    pattern: re.Pattern | None
    origin: str  # "built-in" or the rule file's path
    # words in lower case of which every match starts with one: a document that holds none of
    # them is skipped without running the pattern (None: no such list)
    required: frozenset[str] | None = None


class CompiledContext(NamedTuple):
    describe: str
    pattern: re.Pattern


class AcceptedTerm(NamedTuple):
    """A term a team uses on purpose (``lint.vocabulary``): findings on it are not counted against them."""

    term: str
    reason: str
    pattern: re.Pattern
    rule_ids: frozenset[str]  # empty: every word-choice rule (deficit framing, one-way help)


# Families whose findings are about a choice of words, so an accepted term can answer them.
WORD_CHOICE_FAMILIES = frozenset({"deficit-framing", "one-way-help"})


class RuleSet(NamedTuple):
    rules: tuple[CompiledRule, ...]  # the rules switched on
    contexts: dict[str, CompiledContext]
    known_ids: frozenset[str] = frozenset()  # every rule id, including the ones switched off
    vocabulary: tuple[AcceptedTerm, ...] = ()
    dormant: tuple[CompiledRule, ...] = ()  # rules that are off by default and were not switched on

    def accepted(self, rule: LintRule, matched: str) -> AcceptedTerm | None:
        """The accepted term that covers a finding of ``rule`` on the words ``matched``, if any."""
        for term in self.vocabulary:
            applies = rule.id in term.rule_ids if term.rule_ids else rule.family in WORD_CHOICE_FAMILIES
            if applies and term.pattern.search(matched):
                return term
        return None

    def get(self, rule_id: str) -> CompiledRule | None:
        """A rule that runs, or one that is off by default (for 'coscore explain')."""
        return next((r for r in (*self.rules, *self.dormant) if r.rule.id == rule_id), None)

    @property
    def ids(self) -> set[str]:
        """The ids of the rules switched on."""
        return {r.rule.id for r in self.rules}


def builtin_rule_texts() -> dict[str, str]:
    """Shipped rule files: name -> text."""
    from coscore.io.catalog import packaged_texts

    return packaged_texts("coscore.lint", "rules")


def builtin_examples() -> dict[str, dict]:
    """Must-match and must-not-match passages per rule id, from ``rules/examples/*.yaml``."""
    from coscore.io import yamlio
    from coscore.io.catalog import packaged_texts

    out: dict[str, dict] = {}
    for name, text in packaged_texts("coscore.lint", "rules", "examples").items():
        out.update(yamlio.parse_yaml(text, f"lint/rules/examples/{name}").data or {})
    return out


def first_characters(text: str) -> frozenset[str] | None:
    """Every character a match of the regular expression ``text`` can start with, or None when
    that is not a short list (a class such as \\w, any character, or a match that can be empty).

    Python's regex engine tries each alternative at every position of the text; a lookahead
    for these characters lets it move on at once where no match can start.
    """
    from re import _constants as c, _parser

    def of_sequence(items) -> tuple[set[str] | None, bool]:
        found: set[str] = set()
        for op, av in items:
            if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
                continue  # zero width: the next item consumes the first character
            chars, empty = of_item(op, av)
            if chars is None:
                return None, False
            found |= chars
            if not empty:
                return found, False
        return found, True

    def of_item(op, av) -> tuple[set[str] | None, bool]:
        if op is c.LITERAL:
            return {chr(av)}, False
        if op is c.IN:
            chars: set[str] = set()
            for inner, value in av:
                if inner is c.LITERAL:
                    chars.add(chr(value))
                elif inner is c.RANGE and value[1] - value[0] < 64:
                    chars.update(chr(k) for k in range(value[0], value[1] + 1))
                else:
                    return None, False
            return chars, False
        if op is c.BRANCH:
            found, empty = set(), False
            for branch in av[1]:
                chars, branch_empty = of_sequence(branch)
                if chars is None:
                    return None, False
                found |= chars
                empty = empty or branch_empty
            return found, empty
        if op is c.SUBPATTERN:
            return of_sequence(av[3])
        if op is c.ATOMIC_GROUP:
            return of_sequence(av)
        if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
            chars, empty = of_sequence(av[2])
            return chars, empty or av[0] == 0
        return None, False

    try:
        chars, empty = of_sequence(_parser.parse(text))
    except Exception:  # an unusual construct: no shortcut, the pattern still works
        return None
    if not chars or empty:
        return None
    return frozenset(ch for found in chars for ch in {found, found.lower(), found.upper()} if len(ch) == 1)


def literal_prefixes(text: str) -> frozenset[str] | None:
    """Literal text, in lower case, that every match of the regular expression ``text`` starts
    with (one of them), or None when a match can start otherwise (a class, an optional part)."""
    from re import _constants as c, _parser

    def of_sequence(items) -> set[str] | None:
        items = [(op, av) for op, av in items if op not in (c.AT, c.ASSERT, c.ASSERT_NOT)]
        if not items:
            return None
        op, av = items[0]
        if op is c.LITERAL:
            word = ""
            for op2, av2 in items:
                if op2 is not c.LITERAL:
                    break
                word += chr(av2)
            return {word.lower()}
        if op is c.BRANCH:
            found: set[str] = set()
            for branch in av[1]:
                words = of_sequence(branch)
                if words is None:
                    return None
                found |= words
            return found
        if op is c.SUBPATTERN:
            return of_sequence(av[3])
        if op is c.ATOMIC_GROUP:
            return of_sequence(av)
        if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT) and av[0] >= 1:
            return of_sequence(av[2])
        return None

    try:
        words = of_sequence(_parser.parse(text).data)
    except Exception:  # an unusual construct: no shortcut, the pattern still runs
        return None
    return frozenset(words) if words and all(words) else None


def _required_words(texts: list[str]) -> frozenset[str] | None:
    """The words of which every match of any of ``texts`` starts with one; None when unknown."""
    found: set[str] = set()
    for text in texts:
        words = None if _GLOBAL_FLAGS.match(text) else literal_prefixes(text)
        if words is None:
            return None
        found |= words
    return frozenset(found)


def _quick(chars: frozenset[str] | None) -> str:
    """A lookahead for the characters a match can start with, or nothing."""
    if not chars:
        return ""
    return "(?=[" + "".join(sorted(re.escape(ch) for ch in chars)) + "])"


def _compile(pattern_texts: list[tuple[str, tuple]], case_sensitive: bool, parsed, problems: list[Diagnostic]) -> re.Pattern | None:
    parts = []
    starts: set[str] | None = set()
    for text, where in pattern_texts:
        try:
            re.compile(text)
        except re.error as exc:
            problems.append(Diagnostic(location=parsed.location(where), message=f"this pattern is not a valid regular expression: {exc.msg}", hint="check brackets and backslashes; in YAML, put the pattern in single quotes"))
            continue
        chars = None if _GLOBAL_FLAGS.match(text) else first_characters(text)
        starts = None if chars is None or starts is None else starts | chars
        parts.append(f"{_quick(chars)}(?:{text})")
    if not parts:
        return None
    whole = "|".join(parts)
    return re.compile(_quick(frozenset(starts) if starts else None) + f"(?:{whole})", 0 if case_sensitive else re.IGNORECASE)


_GLOBAL_FLAGS = re.compile(r"\(\?[aiLmsux]+\)")  # a pattern that starts with global flags must stay first


def load_rules(sources: list[tuple[str, str]], *, disabled: tuple[str, ...] = (), disabled_source: str = "--disable", enabled: tuple[str, ...] = (), vocabulary: tuple = (), settings_locate=None) -> RuleSet:
    """Build a rule set from (text, shown path) pairs, built-in files first.

    Raises ``InputProblems`` with located diagnostics for invalid rule files,
    duplicate rule ids, bad patterns, unknown context names and unknown ids in
    ``disabled``.
    """
    from coscore.io import yamlio

    problems: list[Diagnostic] = []
    compiled: list[CompiledRule] = []
    contexts: dict[str, CompiledContext] = {}
    seen: dict[str, str] = {}
    pending_checks = []
    for text, shown in sources:
        try:
            parsed = yamlio.parse_yaml(text, shown)
            rule_file = yamlio.validate(RuleFile, parsed)
        except InputProblems as exc:
            problems.extend(exc.diagnostics)
            continue
        for name, spec in rule_file.contexts.items():
            pattern = _compile([(p, ("contexts", name, "patterns", i)) for i, p in enumerate(spec.patterns)], spec.case_sensitive, parsed, problems)
            if pattern is not None:
                contexts[name] = CompiledContext(describe=spec.describe, pattern=pattern)
        for index, rule in enumerate(rule_file.rules):
            where = ("rules", index)
            if rule.id in seen:
                problems.append(Diagnostic(location=parsed.location((*where, "id")), message=f"the rule id '{rule.id}' is already used by {seen[rule.id]}", hint="choose another id, or switch the other rule off and keep this one"))
                continue
            seen[rule.id] = shown
            pattern = None
            if rule.match is None:
                if rule.id not in META_RULES:
                    problems.append(Diagnostic(location=parsed.location(where), message=f"rule '{rule.id}' has no 'match'", hint="add 'match:' with 'phrases:' or 'regex:'"))
                    continue
            else:
                texts = []
                bad_phrase = False
                for i, phrase in enumerate(rule.match.phrases):
                    try:
                        phrase_pattern(phrase)
                    except ValueError as exc:
                        bad_phrase = True
                        problems.append(Diagnostic(location=parsed.location((*where, "match", "phrases", i)), message=str(exc), hint="close every '{' with '}'"))
                if rule.match.phrases and not bad_phrase:
                    texts.append((phrases_pattern(rule.match.phrases), (*where, "match", "phrases")))
                texts.extend((r, (*where, "match", "regex", i)) for i, r in enumerate(rule.match.regex))
                pattern = _compile(texts, rule.match.case_sensitive, parsed, problems)
                required = _required_words([t for t, _ in texts])
            compiled.append(CompiledRule(rule=rule, pattern=pattern, origin=shown, required=required if rule.match is not None else None))
            pending_checks.append((rule, parsed, where))
    # context names are checked once every file has been read, so a team file may use built-in ones
    for rule, parsed, where in pending_checks:
        for key in ("skip_if_before", "skip_if_sentence", "needs_in_sentence", "require", "forbid"):
            for i, name in enumerate(getattr(rule, key)):
                if name not in contexts:
                    known = ", ".join(sorted(contexts)) or "none"
                    problems.append(Diagnostic(location=parsed.location((*where, key, i)), message=f"unknown context '{name}'", hint=f"use one of: {known}, or define it under 'contexts:'"))
        if rule.claim is not None:
            from coscore.facts import FACTS

            for i, condition in enumerate(rule.claim.facts):
                names = [condition.fact] if condition.any_of is None else [c.fact for c in condition.any_of]
                for name in names:
                    if name not in FACTS:
                        problems.append(Diagnostic(location=parsed.location((*where, "claim", "facts", i)), message=f"unknown fact '{name}'", hint="run 'coscore rubric facts' to list the facts"))
    known_ids = {c.rule.id for c in compiled}
    for rule_id in disabled:
        if rule_id not in known_ids:
            import difflib

            close = difflib.get_close_matches(rule_id, sorted(known_ids), n=1)
            hint = (f"did you mean '{close[0]}'? " if close else "") + "run 'coscore lint --list-rules' to see the rule ids"
            problems.append(Diagnostic(location=SourceLocation(path=disabled_source), message=f"no lint rule called '{rule_id}' to switch off", hint=hint, code="usage"))
    def settings_at(word: str) -> SourceLocation:
        return settings_locate(word) if settings_locate is not None else SourceLocation(path="configuration")

    for rule_id in enabled:
        if rule_id not in known_ids:
            import difflib

            close = difflib.get_close_matches(rule_id, sorted(known_ids), n=1)
            hint = (f"did you mean '{close[0]}'? " if close else "") + "run 'coscore lint --list-rules' to see the rule ids"
            problems.append(Diagnostic(location=settings_at(rule_id), message=f"no lint rule called '{rule_id}' to switch on", hint=hint, code="usage"))
    accepted = []
    for index, entry in enumerate(vocabulary):
        where = settings_at(entry.term.split()[0] if entry.term.split() else "vocabulary")
        try:
            pattern = re.compile(phrase_pattern(entry.term), re.IGNORECASE)
        except ValueError as exc:
            problems.append(Diagnostic(location=where, message=f"lint.vocabulary[{index}]: {exc}", hint="close every '{' with '}'", code="config"))
            continue
        unknown = [r for r in entry.rules if r not in known_ids]
        if unknown:
            problems.append(Diagnostic(location=settings_at(unknown[0]), message=f"lint.vocabulary[{index}] names no lint rule called '{unknown[0]}'", hint="run 'coscore lint --list-rules' to see the rule ids", code="config"))
            continue
        accepted.append(AcceptedTerm(term=entry.term, reason=" ".join(entry.reason.split()), pattern=pattern, rule_ids=frozenset(entry.rules)))
    if problems:
        raise InputProblems(problems)
    off = set(disabled)
    on = set(enabled)
    active = tuple(c for c in compiled if c.rule.id not in off and (c.rule.default == "on" or c.rule.id in on))
    dormant = tuple(c for c in compiled if c.rule.id not in off and c not in active)
    return RuleSet(rules=active, contexts=contexts, known_ids=frozenset(known_ids), vocabulary=tuple(accepted), dormant=dormant)
