"""Escaping for Markdown that GitHub and GitLab render, and that still reads as plain text.

Every value a template prints passes through ``finalize``: newlines become
spaces (so a value cannot end a table row or start a heading), and characters
that Markdown, GitHub tables, maths or mentions would act on are
backslash-escaped. Only values wrapped in ``Raw`` (made by ``code``) pass as they are.
"""

from __future__ import annotations

import re

from coscore.safe_text import encodable

# Punctuation with a meaning somewhere in GitHub- or GitLab-flavoured Markdown.
# Backslash-escaping ASCII punctuation is always allowed in CommonMark.
_ALWAYS = re.compile(r"([\\`*\[\]<>|~&$])")
# An underscore between two letters or digits cannot start emphasis, so "lived_experience" stays readable.
_UNDERSCORE = re.compile(r"_(?![^\W_])|(?<![^\W_])_")
# GitHub and GitLab turn bare addresses into links: "https://...", "www.example.org" and
# "name@example.org". A backslash before the ':' of '://', the '.' after 'www' and every '@'
# keeps them plain text (an escaped character is never part of an autolink); escaping every
# '@' also stops @mentions.
_AUTOLINK = re.compile(r"(?i)(?<=[a-z0-9+.\-])(:)(?=//)|(?<![\w.\-])(www)(\.)|(@)")
# What only matters at the start of a line: an ordered list ("1. "), a heading ("# "),
# a bullet ("- ", "+ ") or a rule ("---").
_LINE_START = re.compile(r"^(\d{1,9})([.)])(?=\s|$)|^(#{1,6}|[+\-])(?=[\s\-]|$)")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


class Raw(str):
    """Markdown that a template built on purpose and must not be escaped again."""


def one_line(text: str) -> str:
    """Whitespace runs to one space; other control characters (escape sequences) dropped."""
    return " ".join(_CONTROL.sub("", str(text)).split())


def no_autolinks(text: str) -> str:
    """Backslash-escape what would turn a bare web or e-mail address into a link."""

    def escaped(m: re.Match[str]) -> str:
        if m.group(1):
            return "\\:"
        if m.group(2):
            return m.group(2) + "\\."
        return "\\@"

    return _AUTOLINK.sub(escaped, text)


def escape(text: str) -> str:
    """Plain text -> Markdown that shows exactly that text, on one line, with no links."""
    text = encodable(one_line(text))
    text = _ALWAYS.sub(r"\\\1", text)
    text = _UNDERSCORE.sub(r"\\_", text)
    text = no_autolinks(text)
    return _LINE_START.sub(lambda m: f"{m.group(1)}\\{m.group(2)}" if m.group(1) else f"\\{m.group(3)}", text)


def code(text: str) -> Raw:
    """Plain text -> an inline code span, fenced with more backticks than it contains.

    Not for table cells: a pipe inside a code span would still end the cell.
    """
    text = one_line(text)
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return Raw(f"{fence}{pad}{text}{pad}{fence}")


def finalize(value: object) -> str:
    """jinja2's hook for every printed value: escape unless it is ``Raw``."""
    if isinstance(value, Raw):
        return value
    return escape(str(value))
