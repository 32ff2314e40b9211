"""Problems as values: every diagnostic points at a file, a line and a column."""

from __future__ import annotations

from enum import Enum
from typing import NamedTuple


# The exit code of every command, defined here once: a pure function of the results.
EXIT_OK = 0  # everything passed
EXIT_POLICY = 1  # the policy failed: a score under its threshold, a red flag, a lint finding
EXIT_INPUT = 2  # a usage, configuration or input file problem


class Severity(str, Enum):
    """How serious a finding is; listed from the most serious down, the order every output uses."""

    error = "error"
    warning = "warning"
    note = "note"


SEVERITY_RANK = {Severity.note: 0, Severity.warning: 1, Severity.error: 2}  # higher is more serious


# Results are named tuples (see "One result style" in ARCHITECTURE.md); tests/test_result_types.py
# checks their field types.
class SourceLocation(NamedTuple):
    """A place in a file. Lines and columns count from 1, as editors show them."""

    path: str
    line: int = 1
    column: int = 1

    def __str__(self) -> str:
        from coscore.safe_text import no_workflow_commands, one_line

        # a file named "::error ..." must not turn a diagnostic into a GitHub workflow command
        return f"{no_workflow_commands(one_line(self.path))}:{self.line}:{self.column}"


class Diagnostic(NamedTuple):
    """One problem found in an input file, with what to do about it."""

    location: SourceLocation
    message: str
    hint: str = ""
    severity: Severity = Severity.error
    code: str = "input"

    def __str__(self) -> str:
        """``path:line:col: message (hint)`` on exactly one line, whatever the values hold.

        Values quoted from input files can hold line breaks and control characters; they
        are shown as backslash escapes so they cannot forge another diagnostic line or a
        GitHub workflow command (see coscore.safe_text).
        """
        from coscore.safe_text import one_line

        text = f"{self.location}: {one_line(self.message)}"
        if self.hint:
            text += f" ({one_line(self.hint)})"
        return text


class InputProblems(Exception):
    """Raised by the io and workflow layers when input files cannot be used.

    Carries every diagnostic found so the command line can print them all
    and exit with code 2.
    """

    def __init__(self, diagnostics: list[Diagnostic]):
        super().__init__("\n".join(str(d) for d in diagnostics))
        self.diagnostics = diagnostics


def fingerprint(*parts: str) -> str:
    """A stable identifier for a finding that does not depend on line numbers."""
    import hashlib  # only when there is a finding to name: keeps it out of start-up

    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()
    return digest[:16]
