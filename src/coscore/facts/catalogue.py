"""The catalogue: every fact a rubric can name, registered in ``FACTS`` in the order they are listed.

Community, people, power, decisions, measures and activities, time and money,
meetings and reciprocity, perspectives. Each fact works out its value and the
records behind it from a project file; ``coscore.facts.core`` holds the registry.
"""

from __future__ import annotations

import datetime as dt

from coscore.facts.core import (
    LE,
    _Context,
    _dated_evidence,
    _indexed,
    _months_between,
    _share,
    count_fact,
    evidenced_count_fact,
    fact,
    share_fact,
)
from coscore.models.project import Perspective

# --- community -------------------------------------------------------------------------


count_fact("community_groups", "community", "Groups of people the project serves or affects, named in the file.")

share_fact("community_groups_involved_share", "community", "Share of those groups whose members take part in decisions.", lambda g: g.involved_in_decisions)

evidenced_count_fact("community_groups_involved_evidenced", "community", "Groups recorded as taking part in decisions, with dated evidence of it.", lambda g: g.involved_in_decisions)

# --- people ----------------------------------------------------------------------------


def _has_lived_experience(person) -> bool:
    return person.role == LE or LE in person.also


def _le_people(c: _Context):
    return [(p, person) for p, person in _indexed("people", c.project.people) if _has_lived_experience(person)]


@fact("lived_experience_members", "count", "People with lived experience named as part of the project (including staff who also have lived experience).", record="people")
def _le_members(c: _Context):
    people = _le_people(c)
    return len(people), [p for p, _ in people], bool(c.project.people)


@fact("lived_experience_paid_share", "share", "Share of people with lived experience who are paid for their time.", record="lived_experience_people")
def _le_paid(c: _Context):
    people = _le_people(c)
    paid = [p for p, person in people if person.paid]
    return _share(len(paid), len(people)), paid, bool(people)


@fact("lived_experience_paid_evidenced", "count", "People with lived experience who are paid, with dated evidence (a contract, a payslip policy, a payment record).", record="lived_experience_people", costly=True)
def _le_paid_evidenced(c: _Context):
    people = _le_people(c)
    paid = [p for p, person in people if person.paid and _dated_evidence(person)]
    return len(paid), paid, bool(people)


@fact("lived_experience_support_offered", "count", "Different kinds of training and support offered to people with lived experience.", record="lived_experience_people")
def _le_support(c: _Context):
    kinds: set[str] = set()
    sources = []
    for p, person in _le_people(c):
        offered = {t.strip().lower() for t in (*person.training, *person.support)}
        if offered:
            sources.append(p)
        kinds |= offered
    return len(kinds), sources, bool(_le_people(c))


@fact("pay_parity", "ratio", "Average hourly rate paid to people with lived experience divided by the staff average (1 means equal pay).", record="pay")
def _pay_parity(c: _Context):
    # A peer worker who is staff and has lived experience counts on the lived-experience side.
    le_rates = [(p, x.hourly_rate) for p, x in _indexed("people", c.project.people) if _has_lived_experience(x) and x.paid and x.hourly_rate]
    staff_rates = [
        (p, x.hourly_rate)
        for p, x in _indexed("people", c.project.people)
        if x.role == Perspective.staff and not _has_lived_experience(x) and x.paid and x.hourly_rate
    ]
    if not le_rates or not staff_rates:
        return 0.0, [], False
    le_avg = sum(r for _, r in le_rates) / len(le_rates)
    staff_avg = sum(r for _, r in staff_rates) / len(staff_rates)
    return round(le_avg / staff_avg, 4), [p for p, _ in le_rates + staff_rates]


@fact("decision_maker_backgrounds", "count", "Different backgrounds recorded among the people involved (a guard against a monoculture).", record="backgrounds")
def _backgrounds(c: _Context):
    items = [(p, x.background.strip().lower()) for p, x in _indexed("people", c.project.people) if x.background.strip()]
    return len({b for _, b in items}), [p for p, _ in items], bool(items)


count_fact("roles_moved_into", "people", "People who moved into new roles through the project, for example from attendee to trainer.", lambda x: bool(x.moved_into_role.strip()))

# --- power -----------------------------------------------------------------------------


count_fact("decision_bodies", "decision_bodies", "Decision-making and advisory bodies recorded.")


def _body_votes(body) -> tuple[int, int]:
    """(votes held by people with lived experience, all votes) on one body; an advisory body has no votes."""
    if body.kind.value == "advisory":
        return 0, 0
    total = body.votes if body.votes is not None else body.seats
    held = body.lived_experience_votes if body.lived_experience_votes is not None else body.lived_experience_seats
    return min(held, total), total


def _le_chairs(body) -> bool:
    return body.chaired_by == LE or LE in body.chair_rotates_among


def _deciding_bodies(c: _Context):
    """Each recorded decision that names a recorded deciding body, with that body.

    Power counts only where decisions were taken: a body that decided nothing adds
    nothing, and a body that took three decisions weighs three times.
    """
    bodies = {b.name.strip().casefold(): (i, b) for i, b in enumerate(c.project.decision_bodies) if b.kind.value == "deciding"}
    located = []
    for d_index, decision in enumerate(c.project.decisions):
        found = bodies.get(decision.decided_by.strip().casefold())
        if found:
            located.append((("decisions", d_index), ("decision_bodies", found[0]), found[1]))
    return located


def _weighted(c: _Context, measure):
    located = _deciding_bodies(c)
    if not located:
        return 0.0, [], False
    value = round(sum(measure(body) for _, _, body in located) / len(located), 4)
    # Every located body is a source, whatever its share: its seats and votes (and their evidence) decided the value.
    sources = list(dict.fromkeys(p for d, b, body in located for p in (b, d)))
    return value, sources, True


@fact(
    "lived_experience_seat_share",
    "share",
    "Share of seats held by people with lived experience on the bodies that took the recorded decisions, weighted by the decisions each took (a seat at the table, not yet power).",
    record="who_decides",
)
def _seat_share(c: _Context):
    return _weighted(c, lambda b: _share(min(b.lived_experience_seats, b.seats), b.seats))


@fact(
    "lived_experience_vote_share",
    "share",
    "Share of votes held by people with lived experience on the bodies that took the recorded decisions, weighted by the decisions each took.",
    record="who_decides",
    costly=True,
)
def _vote_share(c: _Context):
    def votes(body):
        held, total = _body_votes(body)
        return _share(held, total)

    return _weighted(c, votes)


@fact("lived_experience_chairs", "share", "Share of recorded decisions taken by a body that a person with lived experience chairs (or whose rotating chair includes them).", record="who_decides", costly=True)
def _chairs(c: _Context):
    return _weighted(c, lambda b: 1.0 if _le_chairs(b) else 0.0)


@fact("lived_experience_veto", "share", "Share of recorded decisions taken by a body on which people with lived experience hold a veto.", record="who_decides", costly=True)
def _veto(c: _Context):
    return _weighted(c, lambda b: 1.0 if b.lived_experience_veto and b.lived_experience_seats > 0 else 0.0)


@fact("budget_recorded", "yes/no", "Whether the budget is recorded.", record="budget")
def _budget_recorded(c: _Context):
    return c.project.budget is not None, [("budget",)] if c.project.budget else []


@fact(
    "lived_experience_budget_share",
    "share",
    "Share of the budget that people with lived experience decide how to spend (from budget.lived_experience_controlled or from allocations they decided, whichever is larger).",
    record="budget",
    costly=True,
)
def _budget_share(c: _Context):
    b = c.project.budget
    if b is None or (b.lived_experience_controlled is None and not b.allocations):
        return 0.0, [], False
    allocated = sum(a.amount for a in b.allocations if LE in a.decided_by)
    controlled = max(b.lived_experience_controlled or 0.0, allocated)
    sources = [("budget",)] + [("budget", "allocations", i) for i, a in enumerate(b.allocations) if LE in a.decided_by]
    return min(1.0, _share(controlled, b.total)), sources, True


count_fact("power_imbalances_named", "power_imbalances", "Power imbalances the team has named openly.")

count_fact("power_imbalances_with_action", "power_imbalances", "Named power imbalances with a recorded action to address them.", lambda x: bool(x.action.strip()))

evidenced_count_fact(
    "power_imbalances_acted_on_evidenced",
    "power_imbalances",
    "Named power imbalances with an action and dated evidence that the action happened.",
    lambda x: bool(x.action.strip()),
)

@fact("claimed_rung", "text", "What the project calls itself (project.described_as), or 'not stated'.", record="claim")
def _claimed(c: _Context):
    rung = c.project.project.described_as
    return (rung.value if rung else "not stated"), [("project", "described_as")] if rung else [], rung is not None


# --- decisions -------------------------------------------------------------------------



def _le_input(d) -> bool:
    """Whether people with lived experience gave input (being told is not input)."""
    return LE in d.input_from or any(i.how.value != "told" for i in d.involvement)


count_fact("decisions_with_lived_experience_input", "decisions", "Decisions where people with lived experience gave input.", _le_input)


def _before(d) -> bool:
    return d.input_gathered_on is not None and d.decided_on is not None and d.input_gathered_on <= d.decided_on and _le_input(d)


share_fact("decisions_input_before_share", "decisions", "Share of decisions where people with lived experience gave input before the decision was taken (both dates recorded).", _before, costly=True)

count_fact(
    "decisions_input_after_decision",
    "decisions",
    "Decisions where input was gathered only after the decision was taken: consultation, not co-production.",
    lambda d: d.input_gathered_on is not None and d.decided_on is not None and d.input_gathered_on > d.decided_on,
)

count_fact(
    "decisions_missing_dates",
    "decisions",
    "Decisions with input recorded but without both dates (input_gathered_on and decided_on), so coscore cannot tell whether input came first.",
    lambda d: _le_input(d) and (d.input_gathered_on is None or d.decided_on is None),
)

share_fact("decisions_changed_by_input_share", "decisions", "Share of decisions where the file records what changed because of people's input.", lambda d: bool(d.what_changed.strip()) and _before(d), costly=True)

share_fact("decisions_reported_back_share", "decisions", "Share of decisions where the people who gave input were told what happened next.", lambda d: d.reported_back)

# How deep each kind of involvement goes, shallowest first (the ladder follows this order).
INVOLVEMENT_DEPTH = {"told": 1, "surveyed": 2, "consulted": 2, "advised": 3, "co_designed": 4, "voted": 5, "decided": 6}


def involvement_depth(decision, bodies: dict) -> int:
    """How deeply people with lived experience took part in one decision, 0 (not at all) to 6 (decided).

    'voted' counts only when the body named in decided_by gives them votes, and
    'decided' only when they hold at least half of its votes: both are claims
    of power, so they need the seats and votes that show it. Unbacked, they
    count as 'advised'. Without an 'involvement' list, input from lived
    experience counts as 'consulted' and reporting back as 'told'.
    """
    if decision.involvement:
        depth = 0
        body = bodies.get(decision.decided_by.strip().casefold())
        held, total = _body_votes(body) if body is not None else (0, 0)
        for item in decision.involvement:
            d = INVOLVEMENT_DEPTH[item.how.value]
            if item.how.value == "voted" and held == 0:
                d = INVOLVEMENT_DEPTH["advised"]
            if item.how.value == "decided" and (total == 0 or held / total < 0.5):
                d = INVOLVEMENT_DEPTH["voted"] if held > 0 else INVOLVEMENT_DEPTH["advised"]
            depth = max(depth, d)
        return depth
    if LE in decision.input_from:
        return INVOLVEMENT_DEPTH["consulted"]
    return INVOLVEMENT_DEPTH["told"] if decision.reported_back else 0


def _depth_share(name: str, at_least: str, description: str, costly: bool = False) -> None:
    def compute(c: _Context):
        bodies = {b.name.strip().casefold(): b for b in c.project.decision_bodies if b.kind.value == "deciding"}
        items = _indexed("decisions", c.project.decisions)
        good = [p for p, d in items if involvement_depth(d, bodies) >= INVOLVEMENT_DEPTH[at_least]]
        return _share(len(good), len(items)), good, bool(items)

    fact(name, "share", description, record="decisions", costly=costly)(compute)


_depth_share("decisions_told_share", "told", "Share of decisions that people with lived experience were at least told about.")
_depth_share("decisions_consulted_share", "surveyed", "Share of decisions on which people with lived experience were at least surveyed or consulted.")
_depth_share("decisions_co_designed_share", "co_designed", "Share of decisions that people with lived experience co-designed or co-wrote, or more.")
_depth_share(
    "decisions_voted_share",
    "voted",
    "Share of decisions on which people with lived experience voted, on the body that took the decision (their votes recorded there).",
    costly=True,
)


@fact("lived_experience_people_per_decision", "count", "How many people with lived experience took part in a typical decision (the median of the head counts recorded under involvement).", record="headcounts")
def _people_per_decision(c: _Context):
    counts = []
    sources = []
    for p, d in _indexed("decisions", c.project.decisions):
        heads = [i.people for i in d.involvement if i.people is not None]
        if heads:
            counts.append(max(heads))
            sources.append(p)
    if not counts:
        return 0, [], False
    ordered = sorted(counts)
    return ordered[(len(ordered) - 1) // 2], sources, True


# --- measures, activities, partners, change ---------------------------------------------


count_fact("outcome_measures", "outcome_measures", "Outcome measures recorded.")

share_fact("measures_chosen_by_lived_experience_share", "outcome_measures", "Share of outcome measures that people with lived experience helped choose.", lambda m: LE in m.chosen_by, costly=True)

count_fact("activities_recorded", "activities", "Activities recorded.")

@fact("activity_levels_evidenced", "count", "How many of the four levels are reached by activities with dated evidence.", record="activities", costly=True)
def _levels_evidenced(c: _Context):
    items = [(p, a) for p, a in _indexed("activities", c.project.activities) if _dated_evidence(a)]
    return len({a.level for _, a in items}), [p for p, _ in items], bool(c.project.activities)


count_fact("partners", "partners", "Partner organisations recorded.")

@fact("partner_sectors", "count", "Different sectors the partners come from.", record="partners")
def _sectors(c: _Context):
    items = _indexed("partners", c.project.partners)
    return len({x.sector.strip().lower() for _, x in items}), [p for p, _ in items], bool(items)


evidenced_count_fact("partners_evidenced", "partners", "Partners with dated evidence of the partnership (an agreement, minutes of joint work).")


count_fact("user_led_partners", "partners", "Partners that are run by people with lived experience.", lambda x: x.user_led)

count_fact("plan_changes_with_reason", "plan_changes", "Changes to the plan recorded with the reason for them.", lambda x: bool(x.why.strip()))


evidenced_count_fact("plan_changes_evidenced", "plan_changes", "Changes to the plan with a date, a reason and dated evidence.", lambda x: bool(x.why.strip()) and x.changed_on is not None)

evidenced_count_fact(
    "plan_changes_prompted_evidenced",
    "plan_changes",
    "Dated changes prompted by people with lived experience, with dated evidence.",
    lambda x: LE in x.prompted_by and x.changed_on is not None,
)

# --- time and money ----------------------------------------------------------------------


@fact("planned_duration_months", "months", "How long the project is planned to run, in months.", record="duration")
def _duration(c: _Context):
    months = c.project.project.planned_duration_months
    return (months or 0), [("project", "planned_duration_months")] if months is not None else [], months is not None


def _paying(c: _Context):
    """Funders that pay something: a funder with a 0% share does not count."""
    return [(p, f) for p, f in _indexed("funders", c.project.funders) if f.share_percent > 0]


def funding_end(c: _Context) -> tuple[dt.date | None, list[tuple]]:
    """When the money ends: the latest ends_on among paying funders.

    The project's own funding_ends_on is used only when no paying funder gives a
    date: a project cannot be funded for longer than its funders fund it.
    """
    dated = [(p, f.ends_on) for p, f in _paying(c) if f.ends_on is not None]
    if dated:
        latest = max(d for _, d in dated)
        return latest, [(*p, "ends_on") for p, d in dated if d == latest]
    ends = c.project.project.funding_ends_on
    return ends, [("project", "funding_ends_on")] if ends else []


@fact("funding_horizon_months", "months", "Months from the assessment date until the current funding ends, from the paying funders' ends_on (0 if already ended).", record="funding_end")
def _horizon(c: _Context):
    ends, sources = funding_end(c)
    if ends is None:
        return 0, [], False
    return max(0, _months_between(c.as_of, ends)), sources, True


@fact("funding_end_conflict", "yes/no", "Whether project.funding_ends_on is later than every paying funder's ends_on (no funder covers the later date).", record="funding_end")
def _end_conflict(c: _Context):
    own = c.project.project.funding_ends_on
    dated = [f.ends_on for _, f in _paying(c) if f.ends_on is not None]
    if own is None or not dated:
        return False, [], bool(own or dated)
    return own > max(dated), [("project", "funding_ends_on")] if own > max(dated) else [], True


@fact("funders", "count", "Funders recorded that pay a share above 0%.", record="funders")
def _funders(c: _Context):
    paying = _paying(c)
    return len(paying), [p for p, _ in paying], bool(c.project.funders)


@fact("funders_evidenced", "count", "Paying funders with dated evidence (a grant letter, a contract).", record="funders", costly=True)
def _funders_evidenced(c: _Context):
    good = [p for p, f in _paying(c) if _dated_evidence(f)]
    return len(good), good, bool(c.project.funders)


@fact("largest_funder_share", "share", "The largest single funder's share of the money (1 means one funder pays for everything).", record="funders")
def _largest(c: _Context):
    items = _paying(c)
    total = sum(f.share_percent for _, f in items)
    if not items or total <= 0:
        return 1.0, [], False
    path, biggest = max(items, key=lambda x: x[1].share_percent)
    return _share(biggest.share_percent, total), [p for p, _ in items], True


@fact("plan_after_funding", "yes/no", "Whether the file records how the work carries on after the current funding.", record="after_funding")
def _after(c: _Context):
    has = bool(c.project.project.plan_after_funding.strip())
    return has, [("project", "plan_after_funding")] if has else [], has


# --- meetings and reciprocity -----------------------------------------------------------


count_fact("meetings_recorded", "meetings", "Meetings recorded.")

share_fact("meetings_chaired_by_lived_experience_share", "meetings", "Share of meetings chaired by a person with lived experience.", lambda m: m.chaired_by == LE)

share_fact("meetings_agenda_by_lived_experience_share", "meetings", "Share of meetings whose agenda people with lived experience helped set.", lambda m: LE in m.agenda_set_by)

share_fact("meetings_reported_back_share", "meetings", "Share of meetings after which participants were told what happened next.", lambda m: m.reported_back)

share_fact("meetings_staff_said_dont_know_share", "meetings", "Share of meetings where staff felt able to say 'I don't know'.", lambda m: m.staff_said_dont_know)

evidenced_count_fact("meetings_evidenced", "meetings", "Meetings with dated evidence (minutes, notes, an attendance list).")

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


@fact("parties_giving_and_receiving", "count", "Different parties recorded as both giving and receiving.", record="reciprocity")
def _two_way(c: _Context):
    items = _exchanges(c)
    return len({x.party for _, x in items}), [p for p, _ in items], bool(c.project.reciprocity)


@fact("staff_receive", "yes/no", "Whether staff are recorded as receiving something, not only giving (who is helping whom?).", record="reciprocity")
def _staff_receive(c: _Context):
    items = [p for p, _ in _exchanges(c, Perspective.staff)]
    return bool(items), items, bool(c.project.reciprocity)


@fact("lived_experience_give", "yes/no", "Whether people with lived experience are recorded as giving, not only receiving.", record="reciprocity")
def _le_give(c: _Context):
    items = [p for p, _ in _exchanges(c, LE)]
    return bool(items), items, bool(c.project.reciprocity)


evidenced_count_fact("reciprocity_evidenced", "reciprocity", "Two-way exchanges with dated evidence (a skills swap log, a training session run by people with lived experience).", lambda x: bool(x.gives and x.receives))


# --- perspectives -----------------------------------------------------------------------


count_fact("ratings_recorded", "self_ratings", "Self-ratings recorded, from any perspective.")

count_fact("non_staff_ratings", "self_ratings", "Self-ratings from anyone other than staff.", lambda r: r.perspective != Perspective.staff)
