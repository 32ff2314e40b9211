"""Facts: plain numbers and yes/no answers computed from a project file.

A rubric never looks at the project file directly. It states conditions over
these named facts (``lived_experience_vote_share at_least 0.5``), so the
rubric stays data and every score traces back to a fact, the records that
produced it, and the evidence behind those records.

Shares are between 0 and 1 and are 0 when nothing is recorded, so a missing
section scores as "no evidence", never as an error.
"""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Callable, Iterable, NamedTuple

from coscore.models.project import Perspective, ProjectFile

LE = Perspective.lived_experience
FactValue = float | int | bool | str


class EvidenceStatus(str, Enum):
    evidenced = "evidenced"
    stale = "stale"
    none = "none"


class Fact(NamedTuple):
    name: str
    value: FactValue
    sources: tuple[tuple, ...]  # paths into the project file, e.g. ("decisions", 2)
    evidence: EvidenceStatus


class FactSpec(NamedTuple):
    name: str
    description: str
    kind: str  # "share", "count", "months", "ratio", "yes/no", "text"
    compute: Callable[["_Context"], tuple[FactValue, list[tuple]]]


class _Context(NamedTuple):
    project: ProjectFile
    as_of: dt.date


FACTS: dict[str, FactSpec] = {}


def fact(name: str, kind: str, description: str):
    def register(func):
        FACTS[name] = FactSpec(name=name, description=description, kind=kind, compute=func)
        return func

    return register


def _share(part: float, whole: float) -> float:
    return round(part / whole, 4) if whole > 0 else 0.0


def _indexed(section: str, records: Iterable) -> list[tuple[tuple, object]]:
    return [((section, i), r) for i, r in enumerate(records)]


def _months_between(start: dt.date, end: dt.date) -> int:
    return (end.year - start.year) * 12 + (end.month - start.month) - (1 if end.day < start.day else 0)


def _records(c: _Context, section: str) -> list[tuple[tuple, object]]:
    return _indexed(section, getattr(c.project, section))


def count_fact(name: str, section: str, description: str, where: Callable[[object], bool] | None = None) -> None:
    """Register a fact counting the records of a section (those passing ``where``, if given)."""

    def compute(c: _Context):
        items = [p for p, r in _records(c, section) if where is None or where(r)]
        return len(items), items

    fact(name, "count", description)(compute)


def share_fact(name: str, section: str, description: str, where: Callable[[object], bool]) -> None:
    """Register a fact: the share of a section's records passing ``where`` (0 when there are none)."""

    def compute(c: _Context):
        items = _records(c, section)
        good = [p for p, r in items if where(r)]
        return _share(len(good), len(items)), good

    fact(name, "share", description)(compute)


def flag_fact(name: str, section: str, description: str, where: Callable[[object], bool]) -> None:
    """Register a yes/no fact: whether any record of a section passes ``where``."""

    def compute(c: _Context):
        items = [p for p, r in _records(c, section) if where(r)]
        return bool(items), items

    fact(name, "yes/no", description)(compute)


# --- community -------------------------------------------------------------------------


count_fact("community_groups", "community", "Groups of people the project serves or affects, named in the file.")

share_fact("community_groups_involved_share", "community", "Share of those groups whose members take part in decisions.", lambda g: g.involved_in_decisions)

# --- people ----------------------------------------------------------------------------


def _le_people(c: _Context):
    return [(p, person) for p, person in _indexed("people", c.project.people) if person.role == LE]


@fact("lived_experience_members", "count", "People with lived experience named as part of the project.")
def _le_members(c: _Context):
    people = _le_people(c)
    return len(people), [p for p, _ in people]


@fact("lived_experience_paid_share", "share", "Share of people with lived experience who are paid for their time.")
def _le_paid(c: _Context):
    people = _le_people(c)
    paid = [p for p, person in people if person.paid]
    return _share(len(paid), len(people)), paid


@fact("lived_experience_support_offered", "count", "Different kinds of training and support offered to people with lived experience.")
def _le_support(c: _Context):
    kinds: set[str] = set()
    sources = []
    for p, person in _le_people(c):
        offered = {t.strip().lower() for t in (*person.training, *person.support)}
        if offered:
            sources.append(p)
        kinds |= offered
    return len(kinds), sources


@fact("pay_parity", "ratio", "Average hourly rate paid to people with lived experience divided by the staff average (1 means equal pay).")
def _pay_parity(c: _Context):
    le_rates = [(p, x.hourly_rate) for p, x in _indexed("people", c.project.people) if x.role == LE and x.paid and x.hourly_rate]
    staff_rates = [(p, x.hourly_rate) for p, x in _indexed("people", c.project.people) if x.role == Perspective.staff and x.paid and x.hourly_rate]
    if not le_rates or not staff_rates:
        return 0.0, []
    le_avg = sum(r for _, r in le_rates) / len(le_rates)
    staff_avg = sum(r for _, r in staff_rates) / len(staff_rates)
    return round(le_avg / staff_avg, 4), [p for p, _ in le_rates + staff_rates]


@fact("decision_maker_backgrounds", "count", "Different backgrounds recorded among the people involved (a guard against a monoculture).")
def _backgrounds(c: _Context):
    items = [(p, x.background.strip().lower()) for p, x in _indexed("people", c.project.people) if x.background.strip()]
    return len({b for _, b in items}), [p for p, _ in items]


count_fact("roles_moved_into", "people", "People who moved into new roles through the project, for example from attendee to trainer.", lambda x: bool(x.moved_into_role.strip()))

# --- power -----------------------------------------------------------------------------


count_fact("decision_bodies", "decision_bodies", "Decision-making bodies recorded.")

def _best_body(c: _Context, measure):
    """The best value over all decision bodies; every body with a share counts as a source,
    so adding a body can only add evidence, never take it away."""
    scored = sorted(
        ((measure(body), p) for p, body in _indexed("decision_bodies", c.project.decision_bodies)),
        key=lambda x: -x[0],
    )
    best = scored[0][0] if scored else 0.0
    return best, [p for value, p in scored if value > 0]


@fact("lived_experience_seat_share", "share", "The largest share of seats held by people with lived experience on any decision body.")
def _seat_share(c: _Context):
    return _best_body(c, lambda b: _share(min(b.lived_experience_seats, b.seats), b.seats))


@fact("lived_experience_vote_share", "share", "The largest share of votes held by people with lived experience on any decision body.")
def _vote_share(c: _Context):
    def votes(body):
        total = body.votes if body.votes is not None else body.seats
        held = body.lived_experience_votes if body.lived_experience_votes is not None else body.lived_experience_seats
        return _share(min(held, total), total)

    return _best_body(c, votes)


flag_fact("lived_experience_chairs", "decision_bodies", "Whether a person with lived experience chairs any decision body.", lambda b: b.chaired_by == LE)

flag_fact("lived_experience_veto", "decision_bodies", "Whether people with lived experience hold a veto on any decision body.", lambda b: b.lived_experience_veto)

@fact("budget_recorded", "yes/no", "Whether the budget is recorded.")
def _budget_recorded(c: _Context):
    return c.project.budget is not None, [("budget",)] if c.project.budget else []


@fact("lived_experience_budget_share", "share", "Share of the budget that people with lived experience decide how to spend.")
def _budget_share(c: _Context):
    b = c.project.budget
    if b is None:
        return 0.0, []
    return min(1.0, _share(b.lived_experience_controlled, b.total)), [("budget",)]


count_fact("power_imbalances_named", "power_imbalances", "Power imbalances the team has named openly.")

count_fact("power_imbalances_with_action", "power_imbalances", "Named power imbalances with a recorded action to address them.", lambda x: bool(x.action.strip()))

@fact("claimed_rung", "text", "What the project calls itself (project.described_as), or 'not stated'.")
def _claimed(c: _Context):
    rung = c.project.project.described_as
    return (rung.value if rung else "not stated"), [("project", "described_as")] if rung else []


# --- decisions -------------------------------------------------------------------------


count_fact("decisions_recorded", "decisions", "Decisions recorded with their dates and whose input shaped them.")

count_fact("decisions_with_lived_experience_input", "decisions", "Decisions where people with lived experience gave input.", lambda d: LE in d.input_from)

def _before(d) -> bool:
    return d.input_gathered_on is not None and d.decided_on is not None and d.input_gathered_on <= d.decided_on and LE in d.input_from


share_fact("decisions_input_before_share", "decisions", "Share of decisions where people with lived experience gave input before the decision was taken.", _before)

count_fact(
    "decisions_input_after_decision",
    "decisions",
    "Decisions where input was gathered only after the decision was taken: consultation, not co-production.",
    lambda d: d.input_gathered_on is not None and d.decided_on is not None and d.input_gathered_on > d.decided_on,
)

share_fact("decisions_changed_by_input_share", "decisions", "Share of decisions where the file records what changed because of people's input.", lambda d: bool(d.what_changed.strip()) and _before(d))

share_fact("decisions_reported_back_share", "decisions", "Share of decisions where the people who gave input were told what happened next.", lambda d: d.reported_back)

# --- measures, activities, partners, change ---------------------------------------------


count_fact("outcome_measures", "outcome_measures", "Outcome measures recorded.")

share_fact("measures_chosen_by_lived_experience_share", "outcome_measures", "Share of outcome measures that people with lived experience helped choose.", lambda m: LE in m.chosen_by)

count_fact("activities_recorded", "activities", "Activities recorded.")

@fact("activity_levels_covered", "count", "How many of the four levels (individual, community, institutional, policy) the activities reach.")
def _levels(c: _Context):
    items = _indexed("activities", c.project.activities)
    return len({a.level for _, a in items}), [p for p, _ in items]


count_fact("partners", "partners", "Partner organisations recorded.")

@fact("partner_sectors", "count", "Different sectors the partners come from.")
def _sectors(c: _Context):
    items = _indexed("partners", c.project.partners)
    return len({x.sector.strip().lower() for _, x in items}), [p for p, _ in items]


count_fact("user_led_partners", "partners", "Partners that are run by people with lived experience.", lambda x: x.user_led)

count_fact("plan_changes_with_reason", "plan_changes", "Changes to the plan recorded with the reason for them.", lambda x: bool(x.why.strip()))

count_fact("plan_changes_prompted_by_lived_experience", "plan_changes", "Changes to the plan prompted by people with lived experience.", lambda x: LE in x.prompted_by)

# --- time and money ----------------------------------------------------------------------


@fact("planned_duration_months", "months", "How long the project is planned to run, in months.")
def _duration(c: _Context):
    months = c.project.project.planned_duration_months
    return (months or 0), [("project", "planned_duration_months")] if months is not None else []


@fact("funding_horizon_months", "months", "Months from the assessment date until the current funding ends (0 if not recorded or already ended).")
def _horizon(c: _Context):
    ends = c.project.project.funding_ends_on
    if ends is None:
        return 0, []
    return max(0, _months_between(c.as_of, ends)), [("project", "funding_ends_on")]


count_fact("funders", "funders", "Funders recorded.")

@fact("largest_funder_share", "share", "The largest single funder's share of the money (1 means one funder pays for everything).")
def _largest(c: _Context):
    items = _indexed("funders", c.project.funders)
    total = sum(f.share_percent for _, f in items)
    if not items or total <= 0:
        return 1.0, []
    path, biggest = max(items, key=lambda x: x[1].share_percent)
    return _share(biggest.share_percent, total), [p for p, _ in items]


@fact("plan_after_funding", "yes/no", "Whether the file records how the work carries on after the current funding.")
def _after(c: _Context):
    has = bool(c.project.project.plan_after_funding.strip())
    return has, [("project", "plan_after_funding")] if has else []


# --- meetings and reciprocity -----------------------------------------------------------


count_fact("meetings_recorded", "meetings", "Meetings recorded.")

share_fact("meetings_chaired_by_lived_experience_share", "meetings", "Share of meetings chaired by a person with lived experience.", lambda m: m.chaired_by == LE)

share_fact("meetings_agenda_by_lived_experience_share", "meetings", "Share of meetings whose agenda people with lived experience helped set.", lambda m: LE in m.agenda_set_by)

share_fact("meetings_reported_back_share", "meetings", "Share of meetings after which participants were told what happened next.", lambda m: m.reported_back)

share_fact("meetings_staff_said_dont_know_share", "meetings", "Share of meetings where staff felt able to say 'I don't know'.", lambda m: m.staff_said_dont_know)

share_fact(
    "meetings_lived_experience_speaking_share",
    "meetings",
    "Share of meetings where people with lived experience did at least a third of the talking.",
    lambda m: (m.lived_experience_speaking_percent or 0) >= 100 / 3,
)

def _exchanges(c: _Context, party: Perspective | None = None):
    return [
        (p, x)
        for p, x in _indexed("reciprocity", c.project.reciprocity)
        if x.gives and x.receives and (party is None or x.party == party)
    ]


@fact("parties_giving_and_receiving", "count", "Different parties recorded as both giving and receiving.")
def _two_way(c: _Context):
    items = _exchanges(c)
    return len({x.party for _, x in items}), [p for p, _ in items]


@fact("staff_receive", "yes/no", "Whether staff are recorded as receiving something, not only giving (who is helping whom?).")
def _staff_receive(c: _Context):
    items = [p for p, _ in _exchanges(c, Perspective.staff)]
    return bool(items), items


@fact("lived_experience_give", "yes/no", "Whether people with lived experience are recorded as giving, not only receiving.")
def _le_give(c: _Context):
    items = [p for p, _ in _exchanges(c, LE)]
    return bool(items), items


# --- perspectives -----------------------------------------------------------------------


count_fact("ratings_recorded", "self_ratings", "Self-ratings recorded, from any perspective.")

count_fact("non_staff_ratings", "self_ratings", "Self-ratings from anyone other than staff.", lambda r: r.perspective != Perspective.staff)

# --- evidence ---------------------------------------------------------------------------


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


def evidence_status(project: ProjectFile, sources: Iterable[tuple], as_of: dt.date, max_age_months: int) -> EvidenceStatus:
    """Evidenced if any source record has evidence newer than ``max_age_months``.

    Undated evidence counts as current: coscore cannot tell its age.
    """
    seen_stale = False
    for path in sources:
        for item in _evidence_of(project, path):
            if item.dated is None or _months_between(item.dated, as_of) <= max_age_months:
                return EvidenceStatus.evidenced
            seen_stale = True
    return EvidenceStatus.stale if seen_stale else EvidenceStatus.none


def compute_facts(project: ProjectFile, as_of: dt.date, max_age_months: int = 24) -> dict[str, Fact]:
    """Every registered fact for one project, as of a date."""
    context = _Context(project=project, as_of=as_of)
    out: dict[str, Fact] = {}
    for name, spec in FACTS.items():
        value, sources = spec.compute(context)
        sources_t = tuple(tuple(s) for s in sources)
        out[name] = Fact(name=name, value=value, sources=sources_t, evidence=evidence_status(project, sources_t, as_of, max_age_months))
    return out
