"""The report model: everything a Markdown or HTML report shows, frozen.

Built from an ``Assessment`` plus the few things only a report needs (the
project's summary, self-rating comments, a plain label for where a red flag
comes from). Renderers take this model and return a string; they never look
at the project file or the rubric themselves.
"""

from __future__ import annotations

import datetime as dt

from typing import NamedTuple

from coscore.models.history import History


class ReportRedFlag(NamedTuple):
    id: str
    title: str
    severity: str  # error | warning
    severity_label: str  # "Must be fixed" | "Worth fixing", shown as text
    explanation: str
    what_to_do: str
    where: str  # dotted path in the project file; "" when the flag is about something missing
    where_label: str  # the record it points at, in words: 'the decision "Opening days"'
    location: str  # path:line:col, or ""
    where_file: str = "the project file"  # or "the response file", when a rating raised the flag


class ReportDimension(NamedTuple):
    id: str
    title: str
    level: int
    max_level: int
    level_name: str
    score: int
    evidence_status: str  # evidenced | claimed without evidence | stale | not recorded
    capped_by_evidence: bool
    uncapped_level: int
    reason: str


class ReportNextStep(NamedTuple):
    priority: int  # 1 is the most useful
    text: str  # what to change
    dimension_id: str  # "" when a red flag concerns no single dimension
    dimension_title: str
    kind: str  # red_flag | gap | evidence | level
    from_level: int
    to_level: int
    to_level_name: str
    gain: float  # overall score points this step could add
    red_flag_title: str


class ReportRating(NamedTuple):
    perspective: str  # "people with lived experience", "staff" ...
    count: int
    average: float | None  # None when hidden because fewer than the small-group size rated
    lowest: int | None
    highest: int | None


class ReportComment(NamedTuple):
    """A comment given with a rating; attributed to a perspective, never to a person."""

    perspective: str
    text: str


class ReportDisagreement(NamedTuple):
    dimension_id: str
    dimension_title: str
    facts_level: int | None  # the level the facts support
    gap: float  # highest average minus lowest, above zero
    ratings: tuple[ReportRating, ...]
    comments: tuple[ReportComment, ...]


class ReportGroup(NamedTuple):
    perspective: str
    people: int


class Report(NamedTuple):
    """One report, ready to render. Every string may have come from a user's YAML."""

    project_name: str
    organisation: str
    project_summary: str
    source_path: str
    assessed_on: dt.date
    rubric_id: str
    rubric_version: str
    rubric_title: str
    overall_score: int
    ladder_rung_title: str  # "" when the rubric has no ladder
    ladder_rung_meaning: str
    claimed_rung_title: str  # what the project calls itself, "" when not stated
    ladder_caution: str
    max_level: int
    scale: tuple[str, ...]  # level names, from level 0 up
    evidence_cap_level: int
    evidence_max_age_months: int
    red_flags: tuple[ReportRedFlag, ...]
    dimensions: tuple[ReportDimension, ...]
    next_steps: tuple[ReportNextStep, ...]
    rated_dimensions: int  # dimensions that have any self-rating
    compared_dimensions: int  # dimensions where two or more perspectives could be compared
    min_group_size: int  # fewer people than this rating a dimension: only a count is shown
    respondents: tuple[ReportGroup, ...]
    perspective_notes: tuple[str, ...]
    disagreements: tuple[ReportDisagreement, ...]  # largest first; only gaps above zero
    explain_command: str
    redacted: bool
    ladder_note: str = ""  # when the rung may be low because facts are not recorded
    history: History | None = None  # earlier versions from git, with `coscore report --history` (issue 6)
