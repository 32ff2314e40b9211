"""The result of `coscore check`: frozen, and its exit code is a pure function of it."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

from coscore.errors import Diagnostic, Severity
from coscore.findings import Finding
from coscore.models.assessment import Assessment

EXIT_OK, EXIT_POLICY, EXIT_INPUT = 0, 1, 2


class _Result(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class RuleInfo(_Result):
    """What a rule id means, for SARIF's rule list and the summary."""

    id: str
    title: str
    description: str
    help: str = ""
    source: str = ""


class ScoreChange(_Result):
    """One dimension (or the overall score) compared with a saved earlier score."""

    path: str
    dimension_id: str  # "overall" for the overall score
    title: str
    before: int
    after: int

    @property
    def delta(self) -> int:
        return self.after - self.before


class FileResult(_Result):
    path: str
    kind: Literal["project", "document"]
    assessment: Assessment | None = None  # None for documents
    findings: tuple[Finding, ...] = ()
    minimums: dict[str, int] = {}  # dimension id -> minimum score applied ("overall" included when set)


class CheckReport(_Result):
    files: tuple[FileResult, ...]
    problems: tuple[Diagnostic, ...] = ()  # input and configuration errors: exit code 2
    changes: tuple[ScoreChange, ...] = ()
    rules: tuple[RuleInfo, ...] = ()
    config_path: str | None = None
    baseline_path: str | None = None

    @property
    def findings(self) -> tuple[Finding, ...]:
        return tuple(f for file in self.files for f in file.findings)

    @property
    def blocking(self) -> tuple[Finding, ...]:
        """Findings that fail the policy: errors not recorded in the baseline."""
        return tuple(f for f in self.findings if f.severity is Severity.error and not f.suppressed)

    @property
    def exit_code(self) -> int:
        if self.problems:
            return EXIT_INPUT
        return EXIT_POLICY if self.blocking else EXIT_OK

    def rule(self, rule_id: str) -> RuleInfo | None:
        return next((r for r in self.rules if r.id == rule_id), None)
