"""Make text from input files safe for where it is going; pure functions, no I/O.

Values in project files, file names and commit messages are data. Printed as
they are, a newline in a value could start a forged diagnostic line or a GitHub
workflow command (``::error ...``), an escape sequence could clear the screen or
set the terminal's title, and a lone surrogate (``"\\ud800"`` in YAML) cannot be
encoded as UTF-8 at all. Each function here makes one destination safe:

- ``one_line``: a diagnostic or a ``path:line:col`` line; control characters
  and line breaks become visible backslash escapes, so one problem is one line.
- ``for_terminal``: text for a terminal; escape sequences and control
  characters (other than newline and tab) are removed, optionally keeping the
  colour codes (SGR) that coscore's own renderers add.
- ``encodable``: anything written as UTF-8; lone surrogates become U+FFFD.
"""

from __future__ import annotations

import re

# C0 and C1 controls (tab, newline and carriage return included), DEL, the Unicode line and
# paragraph separators, bidirectional overrides and isolates (which can make a line read
# differently from what it says), and lone surrogates.
_NOT_ONE_LINE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}

# ECMA-48 sequences: CSI (ESC [ or the one-byte CSI), OSC and the string commands (DCS, SOS,
# PM, APC; ended by BEL or ST), and the two-character escapes.
_ESCAPE_SEQUENCE = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?"  # CSI ... final byte (missing if cut short)
    r"|(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"  # OSC, DCS, SOS, PM, APC
    r"|\x1b[ -/]*[0-~]?"  # ESC + intermediates + final (ESC c resets the terminal)
)
_SGR = re.compile(r"\x1b\[[0-9;:]*m")
_TERMINAL_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def _visible(match: re.Match[str]) -> str:
    char = match.group(0)
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def one_line(text: object) -> str:
    """``text`` on one line: line breaks, controls and surrogates become backslash escapes.

    ``'1\\n::error'`` becomes ``'1\\\\n::error'`` (a backslash and an ``n``), so a value can
    never start a new diagnostic line or a workflow command.
    """
    return _NOT_ONE_LINE.sub(_visible, str(text))


_COMMAND_START = re.compile(r"^(\s*):(?=:)", re.MULTILINE)


def no_workflow_commands(text: str) -> str:
    """Break a ``::`` at the start of a line (after spaces) with a zero-width space.

    GitHub Actions reads any line of a step's output that starts with ``::`` as a
    workflow command (``::error``, ``::add-mask``, ``::stop-commands``). Text from input
    files can land at the start of a line (a value with a line break, or wrapped by the
    terminal renderer), so every output but ``--format github`` passes through here.
    """
    return _COMMAND_START.sub("\\1:\u200b", text)


def for_terminal(text: str, *, keep_colour: bool = False, commands: bool = False) -> str:
    """Text for a terminal: escape sequences and controls removed (newlines and tabs kept).

    With ``keep_colour``, colour and style codes (SGR, ``ESC [ ... m``) stay, because
    coscore's renderers add them on purpose; nothing else a terminal would act on does.
    Lone surrogates become U+FFFD. Unless ``commands`` (the github format's own
    annotations), no line can start a GitHub workflow command (``no_workflow_commands``).
    """
    if keep_colour:
        kept: list[str] = []
        pieces = []
        last = 0
        for match in _SGR.finditer(text):
            pieces.append(text[last : match.start()])
            kept.append(match.group(0))
            last = match.end()
        pieces.append(text[last:])
        cleaned = [_TERMINAL_CONTROL.sub("", _ESCAPE_SEQUENCE.sub("", piece)) for piece in pieces]
        out = cleaned[0] + "".join(code + piece for code, piece in zip(kept, cleaned[1:]))
    else:
        out = _TERMINAL_CONTROL.sub("", _ESCAPE_SEQUENCE.sub("", text))
    return encodable(out if commands else no_workflow_commands(out))


def encodable(text: str) -> str:
    """``text`` with every lone surrogate replaced by U+FFFD, so it can be written as UTF-8."""
    return _SURROGATE.sub("\ufffd", text)


SHOWN_IN_FULL = 16  # configuration values up to this long are quoted back whole


def masked(value: object, quote: str = "'") -> str:
    """A configuration value as an error message may quote it: whole if short, else its start and length.

    A secret pasted into the wrong setting (a token where a rubric id belongs) must not be
    printed back into a CI log: ``'ghp_…' (40 characters)``.
    """
    text = str(value)
    if len(text) <= SHOWN_IN_FULL:
        return f"{quote}{one_line(text)}{quote}"
    return f"{quote}{one_line(text[:4])}…{quote} ({len(text)} characters)"


def has_surrogate(text: str) -> bool:
    """Whether ``text`` holds a lone surrogate, which cannot be written as UTF-8."""
    return _SURROGATE.search(text) is not None
