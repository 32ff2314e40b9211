"""Repository configuration for `coscore check`: what `.coscore.yaml` or `[tool.coscore]` may say.

Read and found by ``coscore.io.config``; frozen, every setting optional.
"""

# No `from __future__ import annotations`: pydantic would compile and evaluate every field's
# annotation from a string at each start; real annotations are read as they are.

import re
from typing import Annotated, ClassVar, Literal, NamedTuple

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from coscore.errors import SourceLocation

def _plain_id(value: str) -> str:
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", value):
        from coscore.safe_text import masked

        raise ValueError(f"{masked(value)} is neither a severity (error, warning) nor a red flag id such as no-budget-control")
    return value


Score = Annotated[int, Field(ge=0, le=100)]
FailOnEntry = Annotated[str, AfterValidator(_plain_id)]


class _Config(BaseModel):
    # defer_build: built when a configuration is first validated (see models.project.Record)
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)


class FailUnder(_Config):
    overall: int | None = Field(default=None, ge=0, le=100, description="Fail when a project's overall score (0 to 100) is below this.")
    dimensions: dict[str, Score] = Field(default_factory=dict, description="Per-dimension minimum scores (0 to 100), by dimension id.")


class AcceptedTerm(_Config):
    term: str = Field(min_length=1, description="A word or phrase the team uses on purpose, written as a lint phrase, e.g. 'service user{s|}'.")
    reason: str = Field(min_length=1, description="Why the team uses it, in a sentence; shown beside every finding it answers.")
    rules: tuple[str, ...] = Field(default=(), description="Only these rule ids; by default every deficit-framing and one-way-help rule.")


class LintSettings(_Config):
    rule_files: tuple[str, ...] = Field(default=(), description="Extra lint rule files, relative to this configuration file.")
    disable: tuple[str, ...] = Field(default=(), description="Lint rule ids to switch off.")
    enable: tuple[str, ...] = Field(default=(), description="Lint rule ids that are off by default to switch on.")
    vocabulary: tuple[AcceptedTerm, ...] = Field(default=(), description="Terms the team uses on purpose, each with a reason: findings on them are counted as accepted, not as problems.")
    fail_level: Literal["error", "warning", "note", "never"] = Field(default="warning", description="Document findings at or above this severity fail the check, as 'coscore lint --fail-level'.")


class CheckConfig(_Config):
    """What `.coscore.yaml` (or `[tool.coscore]`) may say. Every setting is optional."""

    # a secret pasted into the wrong setting is not printed back in full (see coscore.safe_text.masked)
    mask_values_in_messages: ClassVar[bool] = True

    rubric: str | None = Field(default=None, description="A packaged rubric id or a path to a rubric file.")
    projects: tuple[str, ...] = Field(default=(), description="Globs naming the project files, relative to this file, e.g. 'projects/**/*.yaml'.")
    documents: tuple[str, ...] = Field(default=(), description="Globs naming the strategy documents to lint, e.g. 'strategy/**/*.md'.")
    exclude: tuple[str, ...] = Field(default=(), description="Globs of files to leave out.")
    # defaults made with model_construct: FailUnder() would build its validator at import (all defaults, nothing to check)
    fail_under: FailUnder = FailUnder.model_construct()
    fail_on: tuple[FailOnEntry, ...] = Field(default=("error",), description="Red flag ids, or severities (error, warning), that fail the check.")
    evidence_max_age_months: int | None = Field(default=None, ge=1, description="Months after which evidence counts as stale.")
    baseline: str | None = Field(default=None, description="A baseline file written by 'coscore baseline', relative to this file.")
    lint: LintSettings = LintSettings.model_construct()


class LoadedConfig(NamedTuple):  # a result: see coscore.errors
    """A validated configuration and the folder its relative paths start from (a result: not validated again)."""

    config: CheckConfig
    path: str | None  # None when no configuration file was found
    root: str  # folder that globs and relative paths in the file are relative to
    text: str = ""  # the file's text, to point at settings that only the rubric can check

    def locate(self, word: str) -> SourceLocation:
        """Best-effort position of ``word`` in the file (its first occurrence as a whole word)."""
        pattern = re.compile(r"(?<![\w-])" + re.escape(word) + r"(?![\w-])")
        for number, line in enumerate(self.text.splitlines(), start=1):
            found = pattern.search(line)
            if found:
                return SourceLocation(path=self.path or ".coscore.yaml", line=number, column=found.start() + 1)
        return SourceLocation(path=self.path or ".coscore.yaml")
