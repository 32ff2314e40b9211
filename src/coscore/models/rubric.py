"""Rubric files: dimensions, level descriptors, conditions over facts, red flags, ladder."""

# No `from __future__ import annotations`: pydantic would compile and evaluate every field's
# annotation from a string at each start; real annotations are read as they are.

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from coscore.models.project import RungField

OPERATORS = ("at_least", "above", "at_most", "below", "equals", "is", "one_of", "recorded")


class RubricRecord(BaseModel):
    # defer_build: built when a rubric is first validated (see models.project.Record)
    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True, defer_build=True)


class Condition(RubricRecord):
    """One test on one fact, or ``any_of`` a list of conditions."""

    fact: str | None = Field(default=None, description="The name of a fact (run 'coscore rubric facts' to list them).")
    at_least: float | None = None
    above: float | None = None
    at_most: float | None = None
    below: float | None = None
    equals: float | str | None = None
    is_: bool | None = Field(default=None, alias="is")
    one_of: tuple[str, ...] | None = None
    recorded: bool | None = Field(default=None, description="Met when the fact is (true) or is not (false) recorded in the project file.")
    any_of: tuple["Condition", ...] | None = Field(default=None, description="Met when at least one of these conditions is met.")

    @model_validator(mode="after")
    def _one_test(self) -> "Condition":
        if self.any_of is not None:
            if self.fact is not None:
                raise ValueError("a condition has either 'any_of' or 'fact', not both")
            if not self.any_of:
                raise ValueError("'any_of' needs at least one condition")
            return self
        if self.fact is None:
            raise ValueError("a condition needs 'fact' (or 'any_of')")
        tests = [op for op in OPERATORS if getattr(self, "is_" if op == "is" else op) is not None]
        if len(tests) != 1:
            raise ValueError(f"a condition needs exactly one test out of {', '.join(OPERATORS)}; found {len(tests) or 'none'}")
        return self

    @property
    def operator(self) -> str:
        """The name of the condition's one test, such as ``is`` or ``at_least``; ``any_of`` for a group."""
        for op in OPERATORS:
            if getattr(self, "is_" if op == "is" else op) is not None:
                return op
        return "any_of"

    @property
    def expected(self):
        """The value the condition's test compares the fact with (the conditions, for ``any_of``)."""
        return getattr(self, "is_" if self.operator == "is" else self.operator)


class Level(RubricRecord):
    level: int = Field(ge=0, le=10)
    description: str = Field(min_length=1, description="What a project at this level looks like, in one line.")
    requires: tuple[Condition, ...] = Field(default=(), description="All of these must hold to reach this level (and every level below).")
    reason: str = Field(default="", description="Why these conditions: the principle, essay idea or practice the threshold follows.")
    next_step: str = Field(min_length=1, description="What a team at this level can do next.")


class Dimension(RubricRecord):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    title: str = Field(min_length=1)
    question: str = Field(
        default="",
        max_length=300,
        description="The dimension as one plain question for a form or survey, for example 'Do people who use the service help make the real decisions?'.",
    )
    description: str = Field(min_length=1)
    source: str = Field(min_length=1, description="Which principle or essay this dimension rests on.")
    weight: float = Field(default=1.0, gt=0, le=100)
    levels: tuple[Level, ...]

    @model_validator(mode="after")
    def _levels_in_order(self) -> "Dimension":
        numbers = [lv.level for lv in self.levels]
        if numbers != list(range(len(numbers))):
            raise ValueError(f"levels must be numbered 0, 1, 2 ... in order; found {numbers}")
        if len(numbers) < 2:
            raise ValueError("a dimension needs at least two levels")
        if self.levels[0].requires:
            raise ValueError("level 0 is where every project starts, so it cannot have 'requires'")
        return self


class ScaleStep(RubricRecord):
    level: int = Field(ge=0, le=10)
    name: str = Field(min_length=1)


class RedFlagRule(RubricRecord):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    title: str = Field(min_length=1)
    severity: Literal["error", "warning"] = "error"
    explanation: str = Field(min_length=1, description="Why this matters, in plain words.")
    suggestion: str = Field(min_length=1, description="What to do about it.")
    source: str = Field(min_length=1)
    when: tuple[Condition, ...] = Field(min_length=1, description="The flag is raised when all of these hold.")


class LadderRung(RubricRecord):
    rung: RungField
    title: str = Field(min_length=1)
    meaning: str = Field(min_length=1)
    when: tuple[Condition, ...] = ()
    reason: str = Field(default="", description="Why these conditions: the principle, essay idea or practice the rung follows.")


class EvidenceRule(RubricRecord):
    cap_level: int | None = Field(default=None, ge=0, description="The highest level a dimension can reach when its facts have no current evidence (default: one below the top).")
    max_age_months: int = Field(default=24, ge=1, le=1200, description="Evidence older than this is stale.")


class Rubric(RubricRecord):
    coscore_rubric: Literal[1] = Field(description="The rubric file format version. Write 1.")
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    version: str = Field(min_length=1)
    title: str = Field(min_length=1)
    description: str = Field(min_length=1)
    evidence: EvidenceRule = EvidenceRule()
    scale: tuple[ScaleStep, ...]
    dimensions: tuple[Dimension, ...] = Field(min_length=1)
    red_flags: tuple[RedFlagRule, ...] = ()
    ladder: tuple[LadderRung, ...] = ()

    @model_validator(mode="after")
    def _consistent(self) -> "Rubric":
        ids = [d.id for d in self.dimensions]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise ValueError(f"dimension ids must be unique; repeated: {', '.join(dupes)}")
        flag_ids = [f.id for f in self.red_flags]
        dupes = sorted({i for i in flag_ids if flag_ids.count(i) > 1})
        if dupes:
            raise ValueError(f"red flag ids must be unique; repeated: {', '.join(dupes)}")
        steps = [s.level for s in self.scale]
        if steps != list(range(len(steps))):
            raise ValueError(f"scale levels must be numbered 0, 1, 2 ... in order; found {steps}")
        for d in self.dimensions:
            if len(d.levels) != len(steps):
                raise ValueError(f"dimension '{d.id}' has {len(d.levels)} levels but the scale has {len(steps)}")
        if self.evidence.cap_level is not None and self.evidence.cap_level >= len(steps) - 1:
            raise ValueError(f"evidence.cap_level must be below the top level of the scale ({len(steps) - 1})")
        return self

    @property
    def evidence_cap(self) -> int:
        """The highest level reachable without current evidence."""
        return self.evidence.cap_level if self.evidence.cap_level is not None else self.max_level - 1

    @property
    def max_level(self) -> int:
        """The top level of the scale."""
        return len(self.scale) - 1

    def level_name(self, level: int) -> str:
        """The name of ``level`` on the scale."""
        return self.scale[level].name

    def dimension(self, dimension_id: str) -> Dimension | None:
        """The dimension with id ``dimension_id``, or None if the rubric has none."""
        return next((d for d in self.dimensions if d.id == dimension_id), None)
