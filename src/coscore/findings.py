"""Findings: what `coscore check` and `coscore lint` report, one per problem.

A finding has a stable fingerprint built from what it is about (rule, file,
the matched text or the record it concerns), never from its line number, so
a baseline file keeps matching when lines move.
"""

from __future__ import annotations

from typing import NamedTuple

from coscore.errors import Severity, SourceLocation, fingerprint


class Finding(NamedTuple):  # a result: see coscore.errors
    rule_id: str  # a red flag id, a lint rule id, or a policy id such as "fail-under"
    severity: Severity
    message: str
    location: SourceLocation
    fingerprint: str
    suggestion: str = ""
    suppressed: bool = False
    suppression_reason: str = ""

    @classmethod
    def make(cls, *, rule_id: str, severity: Severity, message: str, location: SourceLocation, subject: str, suggestion: str = "", suppressed: bool = False, suppression_reason: str = "") -> "Finding":
        """Build a finding whose fingerprint is (rule, file, subject): ``subject`` is what it is about."""
        return cls(
            rule_id=rule_id,
            severity=severity,
            message=message,
            suggestion=suggestion,
            location=location,
            fingerprint=fingerprint(rule_id, location.path, subject),
            suppressed=suppressed,
            suppression_reason=suppression_reason,
        )

    def parsable(self) -> str:
        """``path:line:col: severity: message [rule_id]`` on one line (see coscore.safe_text)."""
        from coscore.safe_text import one_line

        return f"{self.location}: {self.severity.value}: {one_line(self.message)} [{self.rule_id}]"
