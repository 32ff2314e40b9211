"""`coscore lint --fix`: rewrite the terms of substitution rules in a Markdown text.

Pure: a document's text and its lint findings go in; the new text and the list
of changes come out. Nothing here reads or writes a file.

A term is rewritten only where the linter reported a finding for its rule (so
suppression comments, the baseline and every rule's own exceptions apply), and
never inside code, link targets or HTML (they are not prose), block quotes or
quotation marks (someone else's words), or a proper name (a term written in
Title Case, or followed by a capitalised word, as in "the Homeless Link
Partnership"). Every character outside the rewritten terms, line endings and a
byte-order mark included, stays exactly as it was.
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache
from typing import Iterable, NamedTuple

from coscore.lint.markdown import BLOCK, CELL, GAP, Prose, extract, normalise, split_front_matter

# After a term marked "noun: true", the next word must be one of these, or there must be no next
# word in the sentence: "the poor in our city" is about people, "the poor quality" is not.
_AFTER_NOUN = frozenset(
    """
    and or but nor in of to who whom whose that which are is were was be been have has had will would can could
    may might should must shall with without for from at on by as than we they it its their our this these those
    across into onto under over within through because so not do does did need needs needed deserve deserves
    often still also remain remains face faces faced living live lives get gets got use used using ask asked
    say said tell told too themselves alike here there now today already rather even
    """.split()
)


class Substitution(NamedTuple):  # a result: see coscore.errors
    rule_id: str
    term: str
    replacement: str
    noun: bool = False


class Change(NamedTuple):  # a result: see coscore.errors
    """One rewritten term: where it was (line and column as an editor shows them), what it was, what it is now."""

    line: int
    column: int
    offset: int  # where the old words started in the original text, in characters
    old: str
    new: str


class FixResult(NamedTuple):  # a result: see coscore.errors
    text: str
    changes: tuple[Change, ...] = ()


def term_pattern(term: str) -> re.Pattern:
    """Whole words, ignoring case; a space matches any run of whitespace."""
    words = term.split()
    return re.compile(r"(?<![\w-])" + r"\s+".join(re.escape(w) for w in words) + r"(?![\w-])", re.IGNORECASE)


def parse_substitutions(data: dict) -> dict[str, tuple[Substitution, ...]]:
    """Rule id -> its substitutions, longest term first, from the parsed substitutions file."""
    out: dict[str, tuple[Substitution, ...]] = {}
    for rule_id, entries in (data.get("substitutions") or {}).items():
        subs = [Substitution(rule_id=rule_id, term=e["term"], replacement=e["with"], noun=bool(e.get("noun", False))) for e in entries]
        out[rule_id] = tuple(sorted(subs, key=lambda s: -len(s.term)))
    return out


@lru_cache(maxsize=1)
def builtin_substitutions() -> dict[str, tuple[Substitution, ...]]:
    """The substitutions shipped in ``lint/substitutions.yaml``."""
    from coscore.io import yamlio
    from coscore.io.catalog import packaged_text

    text = packaged_text("coscore.lint", "substitutions.yaml")
    return parse_substitutions(yamlio.parse_yaml(text, "lint/substitutions.yaml").data)


def _quoted_lines(body: str) -> set[int]:
    """1-based lines inside Markdown block quotes."""
    from coscore.lint.markdown import _parser

    lines: set[int] = set()
    for token in _parser().parse(body):
        if token.type == "blockquote_open" and token.map:
            lines.update(range(token.map[0] + 1, token.map[1] + 1))
    return lines


def _block_start(text: str, offset: int) -> int:
    return max(text.rfind(BLOCK, 0, offset), text.rfind(CELL, 0, offset), text.rfind(GAP, 0, offset)) + 1


def _inside_quotes(text: str, start: int) -> bool:
    """Whether an open quotation mark before ``start`` in the same block is still open."""
    before = text[_block_start(text, start) : start]
    if before.count("“") > before.count("”") or before.count("«") > before.count("»") or before.count('"') % 2:
        return True
    # a ’ or ' between two letters is an apostrophe, not a quotation mark
    def marks(mark: str) -> int:
        return sum(1 for m in re.finditer(mark, before) if not (m.start() > 0 and before[m.start() - 1].isalpha() and m.end() < len(before) and before[m.end()].isalpha()))

    # a plural possessive (carers' forum) also counts as a mark here: then the term is left alone, which is safe
    return before.count("‘") > marks("’") or marks("'") % 2 == 1


def _sentence_start(text: str, start: int) -> bool:
    i = start - 1
    while i >= 0 and text[i] in " \t\n":
        i -= 1
    return i < 0 or text[i] in BLOCK + CELL + GAP + ".!?:;“‘\"(—–"


def _next_word(text: str, end: int) -> str:
    """The word right after ``end`` in the same sentence, or '' if punctuation or the block ends first."""
    m = re.compile(r"[ \t\n]*([^\W\d_][\w’'-]*)").match(text, end)
    return m.group(1) if m else ""


def _is_name(text: str, match: re.Match) -> bool:
    words = re.findall(r"[^\W\d_][\w’'-]*", match.group(0))
    if any(w[0].isupper() for w in words[1:]):
        return True
    if words and words[0][0].isupper() and not _sentence_start(text, match.start()):
        return True
    following = _next_word(text, match.end())
    return bool(following) and following[0].isupper()


def _cased(replacement: str, old: str) -> str:
    return replacement[:1].upper() + replacement[1:] if old[:1].isupper() else replacement


def _line_starts(text: str) -> list[int]:
    """Where each line starts in ``text``, with the line breaks editors count (\\r\\n, \\r, \\n)."""
    starts = [0]
    starts.extend(m.end() for m in re.finditer(r"\r\n|\r|\n", text))
    return starts


def fix_markdown(text: str, findings: Iterable, substitutions: dict[str, tuple[Substitution, ...]]) -> FixResult:
    """Rewrite the substitution terms that ``findings`` (of this text) point at.

    ``findings``: ``coscore.findings.Finding`` objects for this document;
    suppressed ones are left alone. Returns the new text and the changes, in
    the order they appear; the text is unchanged when nothing applies.
    """
    wanted: set[tuple[int, int, str]] = {
        (f.location.line, f.location.column, f.rule_id) for f in findings if not f.suppressed and f.rule_id in substitutions
    }
    if not wanted:
        return FixResult(text=text)
    prose: Prose = extract(text)
    source = normalise(text)
    body, _ = split_front_matter(source)
    quoted = _quoted_lines(body)
    original_starts = _line_starts(text)
    bom = 1 if text.startswith("\ufeff") else 0

    def original_offset(normalised: int) -> int:
        line = bisect.bisect_right(prose.line_starts, normalised) - 1
        return original_starts[line] + normalised - prose.line_starts[line] + (bom if line == 0 else 0)

    edits: list[tuple[int, int, Change]] = []
    taken: list[tuple[int, int]] = []
    for rule_id in sorted({r for _, _, r in wanted}):
        places = {(line, column) for line, column, r in wanted if r == rule_id}
        for sub in substitutions[rule_id]:
            for m in term_pattern(sub.term).finditer(prose.text):
                at = [prose.line_col(i) for i in range(m.start(), m.end())]
                hit = next((p for p in at if p in places), None)
                if hit is None:
                    continue
                line, column = prose.line_col(m.start())
                if line in quoted or _inside_quotes(prose.text, m.start()) or _is_name(prose.text, m):
                    continue
                if sub.noun:
                    following = _next_word(prose.text, m.end())
                    if following and following.lower() not in _AFTER_NOUN:
                        continue
                start = prose.source_offset(m.start())
                end = prose.source_offset(m.end() - 1) + 1
                if not term_pattern(sub.term).fullmatch(source[start:end]):
                    continue  # markup inside the term (emphasis, a link): leave it to a person
                first, last = original_offset(start), original_offset(end)
                if any(first < b and a < last for a, b in taken):
                    continue
                old = text[first:last]
                taken.append((first, last))
                places.discard(hit)
                edits.append((first, last, Change(line=line, column=column, offset=first, old=old, new=_cased(sub.replacement, old))))
    if not edits:
        return FixResult(text=text)
    edits.sort(key=lambda e: e[0])
    pieces, cursor = [], 0
    for first, last, change in edits:
        pieces.append(text[cursor:first])
        pieces.append(change.new)
        cursor = last
    pieces.append(text[cursor:])
    return FixResult(text="".join(pieces), changes=tuple(e[2] for e in edits))
