"""The machinery of facts: what a fact is, the gaps a missing fact leaves, and the registry.

``FACTS`` is filled by ``coscore.facts.catalogue``, which registers each fact
with ``fact``, ``count_fact``, ``share_fact`` or ``evidenced_count_fact``;
``coscore.facts.evidence`` computes them for a project.
"""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Callable, Iterable, NamedTuple

from coscore.models.project import Perspective, ProjectFile

LE = Perspective.lived_experience
FactValue = float | int | bool | str


class EvidenceStatus(str, Enum):
    evidenced = "evidenced"  # current, dated evidence
    stale = "stale"  # dated, but older than the rubric allows
    undated = "undated"  # evidence without a date: its age cannot be told, so it never lifts the cap
    none = "none"  # recorded without evidence
    not_recorded = "not recorded"  # the file does not say


class Fact(NamedTuple):
    name: str
    value: FactValue
    sources: tuple[tuple, ...]  # paths into the project file, e.g. ("decisions", 2)
    evidence: EvidenceStatus
    recorded: bool = True
    costly: bool = False


class FactSpec(NamedTuple):
    name: str
    description: str
    kind: str  # "share", "count", "months", "ratio", "yes/no", "text"
    compute: Callable[["_Context"], tuple]  # (value, sources) or (value, sources, recorded)
    record: str = ""  # the gap this fact belongs to when not recorded (a key of GAPS)
    costly: bool = False


class Gap(NamedTuple):
    """What to record when a fact is missing: a question in plain words and where to answer it."""

    question: str
    record: str


# One entry per thing a file can leave unsaid. Facts point here through ``record``.
GAPS: dict[str, Gap] = {
    "community": Gap("the file does not say which groups of people the project serves", "community"),
    "people": Gap("the file does not say who is involved, and in what role", "people"),
    "lived_experience_people": Gap(
        "the file names no people with lived experience, so their pay, training and support cannot be judged",
        "people, with role: lived_experience, paid and support",
    ),
    "backgrounds": Gap("the file does not say what backgrounds the people involved bring", "people[].background"),
    "pay": Gap("the file does not say what people with lived experience and staff are paid", "people[].hourly_rate or people[].paid_per_session"),
    "who_decides": Gap(
        "the file does not say who decides: no recorded decision names a body whose seats and votes are recorded",
        "decision_bodies, and decisions[].decided_by naming one of them",
    ),
    "budget": Gap("the file does not say how much of the budget people with lived experience control", "budget.lived_experience_controlled or budget.allocations"),
    "decisions": Gap("the file does not record any decisions", "decisions, with input_from, input_gathered_on and decided_on"),
    "headcounts": Gap(
        "the file does not say how many people with lived experience took part in its decisions",
        "decisions[].involvement, with how and people (a head count)",
    ),
    "power_imbalances": Gap("the file does not name any power imbalances", "power_imbalances"),
    "measures": Gap("the file does not say what the project measures or who chose it", "outcome_measures, with chosen_by"),
    "activities": Gap("the file does not list the project's activities", "activities"),
    "partners": Gap("the file does not list partner organisations", "partners"),
    "plan_changes": Gap("the file does not keep a log of changes to the plan", "plan_changes"),
    "duration": Gap("the file does not say how long the project is planned to run", "project.planned_duration_months"),
    "funding_end": Gap("the file does not say when the funding ends", "funders[].ends_on"),
    "funders": Gap("the file does not say who funds the project", "funders, with share_percent and ends_on"),
    "after_funding": Gap("the file does not say how the work carries on after the current funding", "project.plan_after_funding"),
    "meetings": Gap("the file does not record any meetings", "meetings"),
    "reciprocity": Gap("the file does not say what each party gives and receives", "reciprocity"),
    "ratings": Gap("nobody has rated the project", "self_ratings, or response files"),
    "claim": Gap("the file does not say what the project calls itself", "project.described_as"),
}


class _Context(NamedTuple):
    project: ProjectFile
    as_of: dt.date


FACTS: dict[str, FactSpec] = {}


def fact(name: str, kind: str, description: str, record: str = "", costly: bool = False):
    """Register the decorated function in ``FACTS`` as the way to work out the fact ``name``."""
    def register(func):
        FACTS[name] = FactSpec(name=name, description=description, kind=kind, compute=func, record=record, costly=costly)
        return func

    return register


# The section behind each record-based fact, and the gap it leaves when the section is empty.
_SECTION_GAPS = {
    "community": "community",
    "people": "people",
    "decision_bodies": "who_decides",
    "decisions": "decisions",
    "power_imbalances": "power_imbalances",
    "outcome_measures": "measures",
    "activities": "activities",
    "partners": "partners",
    "plan_changes": "plan_changes",
    "funders": "funders",
    "meetings": "meetings",
    "reciprocity": "reciprocity",
    "self_ratings": "ratings",
}


def _share(part: float, whole: float) -> float:
    return round(part / whole, 4) if whole > 0 else 0.0


def _indexed(section: str, records: Iterable) -> list[tuple[tuple, object]]:
    return [((section, i), r) for i, r in enumerate(records)]


def _dated_evidence(record) -> bool:
    """Whether a record carries evidence with a date: something a reader could check and place in time."""
    return any(e.dated is not None for e in getattr(record, "evidence", ()))


def _months_between(start: dt.date, end: dt.date) -> int:
    return (end.year - start.year) * 12 + (end.month - start.month) - (1 if end.day < start.day else 0)


def _records(c: _Context, section: str) -> list[tuple[tuple, object]]:
    return _indexed(section, getattr(c.project, section))


def count_fact(name: str, section: str, description: str, where: Callable[[object], bool] | None = None, costly: bool = False) -> None:
    """Register a fact counting the records of a section (those passing ``where``, if given).

    Not recorded when the section is empty: an empty list says nothing.
    """

    def compute(c: _Context):
        records = _records(c, section)
        items = [p for p, r in records if where is None or where(r)]
        return len(items), items, bool(records)

    fact(name, "count", description, record=_SECTION_GAPS.get(section, ""), costly=costly)(compute)


def share_fact(name: str, section: str, description: str, where: Callable[[object], bool], costly: bool = False) -> None:
    """Register a fact: the share of a section's records passing ``where`` (not recorded when there are none)."""

    def compute(c: _Context):
        items = _records(c, section)
        good = [p for p, r in items if where(r)]
        return _share(len(good), len(items)), good, bool(items)

    fact(name, "share", description, record=_SECTION_GAPS.get(section, ""), costly=costly)(compute)


def evidenced_count_fact(name: str, section: str, description: str, where: Callable[[object], bool] | None = None) -> None:
    """Register a costly count: records passing ``where`` that also carry dated evidence."""
    count_fact(name, section, description, lambda r: (where is None or where(r)) and _dated_evidence(r), costly=True)

