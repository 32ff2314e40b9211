"""The "you said, we did" report for the people who gave their views. Pure: no files, no terminal.

``build_participants_report(project, rubric, responses)`` gathers, in plain
words and without any score: what people said (comments, grouped by
perspective and never by person), what they were asked about, what changed
because of it, what did not change and why, and what happens next and when.
Names are replaced by roles unless ``redact=False``. A perspective with fewer
people than ``min_group_size`` is counted but its words are not shown, as in
the team's report, so nobody can be picked out.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from coscore.models.project import ProjectFile
from coscore.models.responses import ResponseFile
from coscore.models.rubric import Rubric
from coscore.reporting import Redactor
from coscore.vocabulary import PERSPECTIVE_GROUP, PERSPECTIVE_PEOPLE


class Said(NamedTuple):
    """What one group of people said: their comments, or only how many they were when too few."""

    group: str
    people: int
    comments: tuple[str, ...]
    held_back: bool  # too few people to show their words


class Asked(NamedTuple):
    what: str
    groups: str  # "people with lived experience and staff"; "" when not recorded
    asked_on: dt.date | None


class Change(NamedTuple):
    what: str  # what people were asked about, or what changed in the plan
    change: str  # what changed, or why the plan changed
    on: dt.date | None
    kind: str  # "decision" or "plan"


class NoChange(NamedTuple):
    what: str
    why: str  # the team's reason, "" when the file gives none
    asked_on: dt.date | None
    decided_on: dt.date | None
    asked_after_deciding: bool


class Coming(NamedTuple):
    what: str
    on: dt.date | None
    kind: str  # "decision" or "meeting"


class ParticipantsReport(NamedTuple):
    project_name: str
    organisation: str
    as_of: dt.date
    heard_from: tuple[str, ...]  # '5 people with lived experience', '2 members of staff'
    said: tuple[Said, ...]
    asked: tuple[Asked, ...]
    changed: tuple[Change, ...]
    not_changed: tuple[NoChange, ...]
    coming: tuple[Coming, ...]
    funding_ends_on: dt.date | None
    plan_after_funding: str
    redacted: bool




def _count(perspective: str, people: int) -> str:
    """(staff, 1) -> '1 member of staff'; (partner, 2) -> '2 people from partner organisations'."""
    one, many = PERSPECTIVE_PEOPLE.get(perspective, (perspective.replace("_", " "), perspective.replace("_", " ")))
    return f"{people} {one if people == 1 else many}"


def _group(perspective: str) -> str:
    return PERSPECTIVE_GROUP.get(perspective, perspective.replace("_", " "))


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1] if items else ""


def _plain(text: str) -> str:
    return " ".join(text.split())


def build_participants_report(
    project: ProjectFile,
    rubric: Rubric,
    responses: tuple[ResponseFile, ...] = (),
    *,
    as_of: dt.date | None = None,
    redact: bool = True,
    min_group_size: int = 3,
) -> ParticipantsReport:
    """The participants' report for ``project``; ``responses`` are the response files (or imported rows).

    ``as_of`` (default: the project's ``assessed_on``, else today) divides what
    has happened from what is still to come.
    """
    today = as_of or project.assessed_on or dt.date.today()
    order = list(PERSPECTIVE_GROUP)
    dimension_order = {d.id: i for i, d in enumerate(rubric.dimensions)}

    # Who answered, per perspective: each response file is one person; in the project's
    # own self_ratings, each named rater is one person and each unnamed rating one more.
    people: dict[str, int] = {}
    comments: dict[str, list[tuple[int, str]]] = {}
    for response in responses:
        role = response.respondent.role.value
        people[role] = people.get(role, 0) + 1
        for r in response.ratings:
            if r.comment.strip():
                comments.setdefault(role, []).append((dimension_order.get(r.dimension, len(dimension_order)), _plain(r.comment)))
    raters: dict[str, set] = {}
    for i, r in enumerate(project.self_ratings):
        raters.setdefault(r.perspective.value, set()).add(r.rated_by.strip().lower() or f"#{i}")
        if r.comment.strip():
            comments.setdefault(r.perspective.value, []).append((dimension_order.get(r.dimension, len(dimension_order)), _plain(r.comment)))
    for role, names in raters.items():
        people[role] = people.get(role, 0) + len(names)
    roles = sorted(people, key=lambda p: (order.index(p) if p in order else len(order), p))
    said = []
    for role in roles:
        held_back = people[role] < min_group_size
        # Sorted by the question they answer, then by text: never in the order people answered.
        words = () if held_back else tuple(dict.fromkeys(text for _, text in sorted(comments.get(role, ()))))
        if words or held_back:
            said.append(Said(group=_group(role), people=people[role], comments=words, held_back=held_back))

    asked, changed, not_changed, coming = [], [], [], []
    for d in project.decisions:
        groups = _and([_group(p.value) for p in d.input_from])
        was_asked = bool(d.input_from) or d.input_gathered_on is not None
        if was_asked:
            asked.append(Asked(what=_plain(d.what), groups=groups, asked_on=d.input_gathered_on))
        decided = d.decided_on is not None and d.decided_on <= today
        if d.decided_on is None or d.decided_on > today:
            coming.append(Coming(what=_plain(d.what), on=d.decided_on, kind="decision"))
            continue
        if d.what_changed.strip():
            changed.append(Change(what=_plain(d.what), change=_plain(d.what_changed), on=d.decided_on, kind="decision"))
        elif was_asked and decided:
            late = d.input_gathered_on is not None and d.input_gathered_on > d.decided_on
            not_changed.append(
                NoChange(what=_plain(d.what), why=_plain(d.why_not_changed), asked_on=d.input_gathered_on, decided_on=d.decided_on, asked_after_deciding=late)
            )
    for c in project.plan_changes:
        if c.changed_on is not None and c.changed_on > today:
            continue
        changed.append(Change(what=_plain(c.what), change=_plain(c.why), on=c.changed_on, kind="plan"))
    for m in project.meetings:
        if m.held_on is not None and m.held_on > today:
            coming.append(Coming(what=_plain(m.name) or "A meeting", on=m.held_on, kind="meeting"))
    coming.sort(key=lambda c: (c.on is None, c.on or today))
    changed.sort(key=lambda c: (c.on is None, c.on or today))

    report = ParticipantsReport(
        project_name=_plain(project.project.name),
        organisation=_plain(project.project.organisation),
        as_of=today,
        heard_from=tuple(_count(r, people[r]) for r in roles),
        said=tuple(said),
        asked=tuple(asked),
        changed=tuple(changed),
        not_changed=tuple(not_changed),
        coming=tuple(coming),
        funding_ends_on=project.project.funding_ends_on,
        plan_after_funding=_plain(project.project.plan_after_funding),
        redacted=redact,
    )
    if not redact:
        return report
    others = tuple((r.respondent.pseudonym, r.respondent.role.value) for r in responses)
    return _redacted(report, Redactor(project, others))


def _redacted(value, redactor: Redactor):
    """Every string in the report with names replaced; dates, numbers and flags left alone."""
    if isinstance(value, str):
        return redactor.text(value)
    if isinstance(value, tuple) and hasattr(value, "_fields"):
        return type(value)(*(_redacted(v, redactor) for v in value))
    if isinstance(value, tuple):
        return tuple(_redacted(v, redactor) for v in value)
    return value
