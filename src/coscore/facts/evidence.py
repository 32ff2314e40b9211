"""Evidence behind facts, and computing every registered fact for one project.

A fact's evidence is the best evidence attached to the records it came from:
current, stale, undated or none (``EvidenceStatus``).
"""

from __future__ import annotations

import datetime as dt
from typing import Iterable

from coscore.facts.core import FACTS, EvidenceStatus, Fact, _Context
from coscore.models.project import ProjectFile


def _lookup(project: ProjectFile, path: tuple):
    node: object = project
    for part in path:
        if isinstance(part, int):
            node = node[part]  # type: ignore[index]
        else:
            node = getattr(node, part)
    return node


def _evidence_of(project: ProjectFile, path: tuple):
    """Evidence attached to the record at ``path`` (section-level for project facts)."""
    if path and path[0] == "project":
        return project.project.evidence
    record = _lookup(project, path[:2] if len(path) >= 2 and isinstance(path[1], int) else path[:1])
    return getattr(record, "evidence", ())


def evidence_status(project: ProjectFile, sources: Iterable[tuple], as_of: dt.date, max_age_days: int) -> EvidenceStatus:
    """The best evidence behind a fact's source records.

    evidenced: some evidence is dated within ``max_age_days``; stale: dated, but
    older; undated: evidence without a date (its age cannot be told, so it
    never counts as current); none: records without evidence.
    """
    best = EvidenceStatus.none
    for path in sources:
        for item in _evidence_of(project, path):
            if item.dated is None:
                if best == EvidenceStatus.none:
                    best = EvidenceStatus.undated
            elif (as_of - item.dated).days <= max_age_days:
                return EvidenceStatus.evidenced
            else:
                best = EvidenceStatus.stale
    return best


def max_age_days(max_age_months: int) -> int:
    """A rubric's evidence age in months, as days (24 months is 730 days)."""
    return int(max_age_months * 365.25 / 12)


def compute_facts(project: ProjectFile, as_of: dt.date, max_age_months: int = 24) -> dict[str, Fact]:
    """Every registered fact for one project, as of a date."""
    context = _Context(project=project, as_of=as_of)
    days = max_age_days(max_age_months)
    out: dict[str, Fact] = {}
    for name, spec in FACTS.items():
        computed = spec.compute(context)
        value, sources = computed[0], computed[1]
        recorded = computed[2] if len(computed) > 2 else bool(sources)
        sources_t = tuple(tuple(s) for s in sources)
        status = evidence_status(project, sources_t, as_of, days) if recorded else EvidenceStatus.not_recorded
        out[name] = Fact(name=name, value=value, sources=sources_t, evidence=status, recorded=recorded, costly=spec.costly)
    return out
