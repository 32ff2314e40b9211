"""Property tests: scores move the way a user would trust.

- Adding a supporting fact never lowers any dimension's score.
- Removing evidence never raises one.
- Every score stays between 0 and 100.
"""

from __future__ import annotations

import copy
import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coscore.workflows import rubrics
from coscore.models.project import ProjectFile
from coscore.scoring import assess

RUBRIC = rubrics.load_rubric(None)
AS_OF = dt.date(2026, 10, 1)
PERSPECTIVES = ["lived_experience", "staff", "partner", "volunteer", "funder"]
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

dates = st.dates(min_value=dt.date(2018, 1, 1), max_value=dt.date(2032, 12, 31)).map(dt.date.isoformat)
text = st.text(alphabet="abcdefghij ", min_size=1, max_size=12).filter(lambda s: s.strip())
maybe_text = st.one_of(st.just(""), text)
evidence = st.lists(st.fixed_dictionaries({"source": text}, optional={"dated": dates}), max_size=2)
perspectives = st.lists(st.sampled_from(PERSPECTIVES), max_size=3, unique=True)


def record(required: dict, optional: dict):
    return st.fixed_dictionaries(required, optional={**optional, "evidence": evidence})


@st.composite
def decision_body(draw):
    seats = draw(st.integers(0, 12))
    le = draw(st.integers(0, seats))
    return {
        "name": draw(text),
        "seats": seats,
        "lived_experience_seats": le,
        "chaired_by": draw(st.sampled_from(PERSPECTIVES)),
        "lived_experience_veto": draw(st.booleans()),
        "evidence": draw(evidence),
    }


@st.composite
def budget(draw):
    total = draw(st.integers(0, 100000))
    return {"total": total, "lived_experience_controlled": draw(st.integers(0, total)), "evidence": draw(evidence)}


projects = st.fixed_dictionaries(
    {
        "coscore": st.just(1),
        "project": st.fixed_dictionaries(
            {"name": text},
            optional={
                "planned_duration_months": st.integers(0, 120),
                "funding_ends_on": dates,
                "plan_after_funding": maybe_text,
                "described_as": st.sampled_from(["consultation", "co_design", "co_production"]),
                "evidence": evidence,
            },
        ),
    },
    optional={
        "community": st.lists(record({"name": text}, {"involved_in_decisions": st.booleans()}), max_size=4),
        "people": st.lists(
            record(
                {"name": text, "role": st.sampled_from(PERSPECTIVES)},
                {
                    "paid": st.booleans(),
                    "hourly_rate": st.integers(8, 40),
                    "background": maybe_text,
                    "training": st.lists(text, max_size=2),
                    "support": st.lists(text, max_size=2),
                    "moved_into_role": maybe_text,
                },
            ),
            max_size=5,
        ),
        "decision_bodies": st.lists(decision_body(), max_size=2),
        "decisions": st.lists(
            record(
                {"what": text},
                {
                    "input_from": perspectives,
                    "input_gathered_on": dates,
                    "decided_on": dates,
                    "what_changed": maybe_text,
                    "reported_back": st.booleans(),
                },
            ),
            max_size=4,
        ),
        "budget": budget(),
        "funders": st.lists(record({"name": text, "share_percent": st.integers(0, 100)}, {}), max_size=3),
        "outcome_measures": st.lists(record({"name": text}, {"chosen_by": perspectives}), max_size=4),
        "activities": st.lists(record({"name": text, "level": st.sampled_from(["individual", "community", "institutional", "policy"])}, {}), max_size=4),
        "partners": st.lists(record({"name": text, "sector": text}, {"user_led": st.booleans()}), max_size=4),
        "plan_changes": st.lists(record({"what": text}, {"why": maybe_text, "prompted_by": perspectives}), max_size=3),
        "meetings": st.lists(
            record(
                {},
                {
                    "chaired_by": st.sampled_from(PERSPECTIVES),
                    "agenda_set_by": perspectives,
                    "lived_experience_speaking_percent": st.integers(0, 100),
                    "staff_said_dont_know": st.booleans(),
                    "reported_back": st.booleans(),
                },
            ),
            max_size=3,
        ),
        "reciprocity": st.lists(
            record({"party": st.sampled_from(PERSPECTIVES)}, {"gives": st.lists(text, max_size=2), "receives": st.lists(text, max_size=2)}),
            max_size=3,
        ),
        "power_imbalances": st.lists(record({"imbalance": text}, {"action": maybe_text}), max_size=3),
    },
)

GOOD_EVIDENCE = [{"source": "minutes.pdf", "dated": "2026-06-01"}]


def supporting_additions(draw_evidence: bool) -> dict:
    """One supporting record per section: each, added alone, must never lower a score."""
    ev = {"evidence": GOOD_EVIDENCE} if draw_evidence else {}
    return {
        "community": {"name": "new group", "involved_in_decisions": True, **ev},
        "people": {"name": "new member", "role": "lived_experience", "paid": True, "training": ["new training"], "support": ["new support"], "background": "a new background", "moved_into_role": "trainer", **ev},
        "decision_bodies": {"name": "new body", "seats": 4, "lived_experience_seats": 4, "chaired_by": "lived_experience", "lived_experience_veto": True, **ev},
        "decisions": {"what": "new", "input_from": ["lived_experience"], "input_gathered_on": "2026-01-01", "decided_on": "2026-02-01", "what_changed": "a change", "reported_back": True, **ev},
        "funders": {"name": "new funder", "share_percent": 0, **ev},
        "outcome_measures": {"name": "new measure", "chosen_by": ["lived_experience"], **ev},
        "activities": {"name": "new activity", "level": "policy", **ev},
        "partners": {"name": "new partner", "sector": "a new sector", "user_led": True, **ev},
        "plan_changes": {"what": "new change", "why": "a reason", "prompted_by": ["lived_experience"], **ev},
        "meetings": {"chaired_by": "lived_experience", "agenda_set_by": ["lived_experience"], "lived_experience_speaking_percent": 60, "staff_said_dont_know": True, "reported_back": True, **ev},
        "reciprocity": {"party": "staff", "gives": ["time"], "receives": ["learning"], **ev},
        "power_imbalances": {"imbalance": "new", "action": "an action", **ev},
    }


def scores(data: dict) -> dict[str, int]:
    a = assess(ProjectFile.model_validate(data), RUBRIC, as_of=AS_OF)
    return {d.id: d.score for d in a.dimensions} | {"overall": a.overall_score}


@SETTINGS
@given(projects)
def test_scores_stay_between_0_and_100(data):
    for value in scores(data).values():
        assert 0 <= value <= 100


@SETTINGS
@given(projects, st.sampled_from(sorted(supporting_additions(False))), st.booleans())
def test_adding_a_supporting_fact_never_lowers_a_score(data, section, with_evidence):
    before = scores(data)
    changed = copy.deepcopy(data)
    changed.setdefault(section, []).append(supporting_additions(with_evidence)[section])
    after = scores(changed)
    for dimension, score in before.items():
        assert after[dimension] >= score, f"adding to {section} lowered {dimension}: {score} -> {after[dimension]}"


def _strip_evidence(node, keep):
    if isinstance(node, dict):
        return {k: ([] if k == "evidence" and not keep() else _strip_evidence(v, keep)) for k, v in node.items()}
    if isinstance(node, list):
        return [_strip_evidence(v, keep) for v in node]
    return node


@SETTINGS
@given(projects, st.data())
def test_removing_evidence_never_raises_a_score(data, draw):
    before = scores(data)
    after = scores(_strip_evidence(data, lambda: draw.draw(st.booleans())))
    for dimension, score in before.items():
        assert after[dimension] <= score, f"removing evidence raised {dimension}: {score} -> {after[dimension]}"


def test_the_supporting_additions_really_support():
    """Guards the property above against being vacuous: on an empty project, the additions
    lift every dimension they feed, and to the top when they carry evidence."""
    minimal = {"coscore": 1, "project": {"name": "empty"}}
    full = copy.deepcopy(minimal)
    for section, item in supporting_additions(True).items():
        full[section] = [copy.deepcopy(item) for _ in range(4)]
    full["partners"] = [dict(p, sector=f"sector {i}") for i, p in enumerate(full["partners"])]
    levels = ["individual", "community", "institutional", "policy"]
    full["activities"] = [dict(a, level=levels[i]) for i, a in enumerate(full["activities"])]
    full["reciprocity"].append(dict(supporting_additions(True)["reciprocity"], party="lived_experience"))
    before, after = scores(minimal), scores(full)
    fed_only_by_additions = {
        "inclusive-community", "acknowledge-power", "community-defines", "measure-what-matters",
        "levels-of-action", "embrace-complexity", "no-one-alone", "meeting-quality", "reciprocity",
    }
    for dimension in fed_only_by_additions:
        assert before[dimension] == 0
        assert after[dimension] >= 75, dimension
