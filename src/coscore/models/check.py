"""The result of `coscore check`: frozen, and its exit code is a pure function of it."""

from __future__ import annotations

from types import MappingProxyType
from typing import Literal, Mapping, NamedTuple

from coscore.errors import EXIT_INPUT, EXIT_OK, EXIT_POLICY, Diagnostic
from coscore.findings import Finding
from coscore.models.assessment import Assessment


# Results: named tuples built by coscore, nothing to validate (see coscore.errors).

class RuleInfo(NamedTuple):
    """What a rule id means, for SARIF's rule list and the summary."""

    id: str
    title: str
    description: str
    help: str = ""
    source: str = ""


class ScoreChange(NamedTuple):
    """One dimension (or the overall score) compared with a saved earlier score."""

    path: str
    dimension_id: str  # "overall" for the overall score
    title: str
    before: int
    after: int

    @property
    def delta(self) -> int:
        """The change in score: after minus before."""
        return self.after - self.before


_RANK = {"note": 0, "warning": 1, "error": 2}


class FileResult(NamedTuple):
    path: str
    kind: Literal["project", "document"]
    assessment: Assessment | None = None  # None for documents
    findings: tuple[Finding, ...] = ()
    minimums: Mapping[str, int] = MappingProxyType({})  # dimension id -> minimum score applied ("overall" included when set)
    fail_level: Literal["error", "warning", "note", "never"] = "error"  # documents follow lint.fail_level

    def blocks(self, finding: Finding) -> bool:
        """Whether ``finding`` fails the policy: at or above this file's fail level, and not in the baseline."""
        if finding.suppressed or self.fail_level == "never":
            return False
        return _RANK[finding.severity.value] >= _RANK[self.fail_level]


class CheckReport(NamedTuple):
    files: tuple[FileResult, ...]
    problems: tuple[Diagnostic, ...] = ()  # input and configuration errors: exit code 2
    changes: tuple[ScoreChange, ...] = ()
    rules: tuple[RuleInfo, ...] = ()
    config_path: str | None = None
    baseline_path: str | None = None

    @property
    def findings(self) -> tuple[Finding, ...]:
        """Every finding in every file, including suppressed ones."""
        return tuple(f for file in self.files for f in file.findings)

    @property
    def blocking(self) -> tuple[Finding, ...]:
        """Findings that fail the policy: at or above their file's fail level, not in the baseline."""
        return tuple(f for file in self.files for f in file.findings if file.blocks(f))

    @property
    def exit_code(self) -> int:
        """The exit code: 2 for input problems, 1 when a finding blocks, otherwise 0."""
        if self.problems:
            return EXIT_INPUT
        return EXIT_POLICY if self.blocking else EXIT_OK

    def rule(self, rule_id: str) -> RuleInfo | None:
        """The description of rule ``rule_id``, or None if the report has none."""
        return next((r for r in self.rules if r.id == rule_id), None)
