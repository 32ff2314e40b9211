"""The result of scoring a project: frozen, and every number traces to facts.

Named tuples rather than pydantic models: scoring builds them, so there is
nothing to validate (see ``coscore.errors`` for why that matters at start-up).
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from coscore.errors import SourceLocation


class ConditionResult(NamedTuple):
    level: int
    text: str  # "lived_experience_vote_share at least 0.5"
    fact: str
    actual: str  # the fact's value, shown
    met: bool


class FactUsed(NamedTuple):
    name: str
    description: str
    value: float | int | bool | str
    evidence: str  # evidenced | stale | undated | none | not recorded
    sources: tuple[str, ...]  # dotted paths into the project file
    recorded: bool = True
    costly: bool = False
    decided_level: bool = False  # whether this fact decided the level (the reached level's or the next one's blocking condition)


class DimensionResult(NamedTuple):
    id: str
    title: str
    description: str
    source: str
    weight: float
    level: int
    level_name: str
    level_description: str
    uncapped_level: int
    score: int
    capped_by_evidence: bool
    evidence_status: str  # evidenced | claimed without evidence | stale | not recorded
    reason: str
    next_step: str
    conditions: tuple[ConditionResult, ...]
    facts: tuple[FactUsed, ...]
    missing: tuple[str, ...] = ()  # gap questions for unrecorded facts that keep this dimension from its next level


class RedFlag(NamedTuple):
    id: str
    title: str
    severity: str
    message: str
    suggestion: str
    source: str
    where: str  # dotted path in the project file, or "" when the flag is about something missing
    location: SourceLocation | None = None


class GapFinding(NamedTuple):
    """Something the file does not say: a gap to fill, never a failing."""

    id: str  # a key of coscore.facts.GAPS
    question: str  # "the file does not say who decides ..."
    record: str  # where to record it
    facts: tuple[str, ...]
    dimension_ids: tuple[str, ...]


class NextStep(NamedTuple):
    dimension_id: str
    text: str
    kind: str  # red_flag | gap | evidence | level
    gain: float  # overall score points this step could add
    red_flag_id: str = ""


class PerspectiveRating(NamedTuple):
    """How one perspective rated one dimension. Below the small-group threshold only ``count`` is set."""

    perspective: str
    count: int
    average: float | None  # None when hidden by the small-group rule
    lowest: int | None = None
    highest: int | None = None
    hidden: bool = False
    comments: tuple[str, ...] = ()  # never attributed to a person; empty when hidden


class PerspectiveGap(NamedTuple):
    dimension_id: str
    dimension_title: str
    ratings: tuple[PerspectiveRating, ...]
    gap: float | None  # highest minus lowest shown average; None when fewer than two can be compared
    facts_level: int | None = None  # the level the facts support, for comparison


class PerspectiveGroup(NamedTuple):
    """How many people rated from one perspective (the most ratings it gave any one dimension)."""

    perspective: str
    people: int


class Assessment(NamedTuple):
    source_path: str
    project_name: str
    organisation: str
    assessed_on: dt.date
    rubric_id: str
    rubric_version: str
    rubric_title: str
    evidence_cap_level: int
    evidence_max_age_months: int
    max_level: int
    overall_score: int
    ladder_rung: str
    ladder_rung_title: str
    ladder_rung_meaning: str
    claimed_rung: str
    dimensions: tuple[DimensionResult, ...]
    red_flags: tuple[RedFlag, ...]
    next_steps: tuple[NextStep, ...]
    perspective_gaps: tuple[PerspectiveGap, ...]
    min_group_size: int = 3
    respondents: tuple[PerspectiveGroup, ...] = ()
    perspective_notes: tuple[str, ...] = ()
    gaps: tuple[GapFinding, ...] = ()
    ladder_note: str = ""  # set when a higher rung is out of reach only because facts are not recorded
    claimed_rung_title: str = ""  # the rubric's title for the rung the project calls itself, "" when not stated
