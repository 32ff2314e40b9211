"""Scoring rules on small, hand-built projects."""

from __future__ import annotations

import datetime as dt

from coscore.workflows import rubrics
from coscore.models.project import ProjectFile
from coscore.scoring import assess

RUBRIC = rubrics.load_rubric(None)
AS_OF = dt.date(2026, 10, 1)


def project(**sections) -> ProjectFile:
    return ProjectFile.model_validate({"coscore": 1, "project": {"name": "T", **sections.pop("project", {})}, **sections})


def dim(a, dimension_id):
    return next(d for d in a.dimensions if d.id == dimension_id)


EVIDENCE_NOW = [{"source": "minutes/board.pdf", "dated": "2026-01-01"}]
EVIDENCE_OLD = [{"source": "minutes/board.pdf", "dated": "2023-01-01"}]


def powerful(evidence=()) -> dict:
    """Half the votes, the chair, a quarter of the budget, on the board that took the recorded decision."""
    ev = list(evidence)
    return {
        "decision_bodies": [{"name": "Board", "seats": 10, "lived_experience_seats": 5, "chaired_by": "lived_experience", "evidence": ev}],
        "decisions": [{"what": "x", "decided_by": "Board", "input_from": ["lived_experience"], "evidence": ev}],
        "budget": {"total": 1000, "lived_experience_controlled": 300, "evidence": ev},
    }


def test_without_evidence_a_dimension_stops_below_the_top():
    a = assess(project(**powerful()), RUBRIC, as_of=AS_OF)
    d = dim(a, "share-power")
    assert (d.uncapped_level, d.level, d.capped_by_evidence) == (4, 3, True)
    assert d.evidence_status == "claimed without evidence"
    assert "the decision body “Board”" in d.next_step and "decision_bodies[" not in d.next_step


def test_current_evidence_lifts_the_cap():
    d = dim(assess(project(**powerful(EVIDENCE_NOW)), RUBRIC, as_of=AS_OF), "share-power")
    assert (d.level, d.capped_by_evidence, d.evidence_status) == (4, False, "evidenced")


def test_stale_evidence_is_flagged_and_does_not_lift_the_cap():
    d = dim(assess(project(**powerful(EVIDENCE_OLD)), RUBRIC, as_of=AS_OF), "share-power")
    assert (d.level, d.capped_by_evidence, d.evidence_status) == (3, True, "stale")


def test_undated_evidence_has_its_own_status_and_never_lifts_the_cap():
    d = dim(assess(project(**powerful([{"source": "minutes/board.pdf"}])), RUBRIC, as_of=AS_OF), "share-power")
    assert (d.level, d.capped_by_evidence, d.evidence_status) == (3, True, "undated")


def test_evidence_age_is_configurable():
    d = dim(assess(project(**powerful(EVIDENCE_OLD)), RUBRIC, as_of=AS_OF, max_age_months=60), "share-power")
    assert d.evidence_status == "evidenced" and d.level == 4


def test_evidence_age_is_counted_in_days():
    # 2024-09-30 is 24 months and one day before the assessment: stale, though whole months would say current.
    one_day_over = dim(assess(project(**powerful([{"source": "m.pdf", "dated": "2024-09-30"}])), RUBRIC, as_of=AS_OF), "share-power")
    in_time = dim(assess(project(**powerful([{"source": "m.pdf", "dated": "2024-10-02"}])), RUBRIC, as_of=AS_OF), "share-power")
    assert one_day_over.evidence_status == "stale" and one_day_over.level == 3
    assert in_time.evidence_status == "evidenced" and in_time.level == 4


def test_scores_follow_levels_and_weights():
    a = assess(project(**powerful()), RUBRIC, as_of=AS_OF)
    share = dim(a, "share-power")
    assert share.score == 75 and share.weight == 2
    total_weight = sum(d.weight for d in a.dimensions)
    assert a.overall_score == round(sum(d.score * d.weight for d in a.dimensions) / total_weight)


def test_levels_must_be_climbed_in_order():
    # Vote share of 60% and a veto on the board that decided, but no budget recorded: level 3 needs budget, so level 4 is out of reach too.
    bodies = [{"name": "Board", "seats": 10, "lived_experience_seats": 6, "lived_experience_veto": True}]
    decisions = [{"what": "x", "decided_by": "Board"}]
    d = dim(assess(project(decision_bodies=bodies, decisions=decisions), RUBRIC, as_of=AS_OF), "share-power")
    assert d.uncapped_level == 2
    assert (
        "Level 3 (Established) needs: people with lived experience hold at least 40% of the votes where decisions were taken "
        "and control at least a tenth of the budget." in d.reason
    )
    # The budget is not recorded: the reason says the level may be low for want of a fact, not that there is no budget.
    assert d.reason.endswith("the file does not say how much of the budget people with lived experience control.")
    assert "_" not in d.reason  # no fact names in text meant for readers


def test_input_after_decision_flag_and_location_free_assessment():
    decisions = [{"what": "x", "input_from": ["lived_experience"], "input_gathered_on": "2026-02-01", "decided_on": "2026-01-01"}]
    a = assess(project(decisions=decisions), RUBRIC, as_of=AS_OF)
    flag = next(f for f in a.red_flags if f.id == "input-after-decision")
    assert flag.where == "decisions[1]" and flag.location is None


def test_same_day_input_counts_as_before():
    decisions = [{"what": "x", "input_from": ["lived_experience"], "input_gathered_on": "2026-01-01", "decided_on": "2026-01-01"}]
    a = assess(project(decisions=decisions), RUBRIC, as_of=AS_OF)
    assert "input-after-decision" not in {f.id for f in a.red_flags}


def test_single_funder_flag_needs_both_one_funder_and_a_short_horizon():
    funders = [{"name": "F", "share_percent": 100}]
    soon = assess(project(project={"funding_ends_on": "2027-03-01"}, funders=funders), RUBRIC, as_of=AS_OF)
    later = assess(project(project={"funding_ends_on": "2028-03-01"}, funders=funders), RUBRIC, as_of=AS_OF)
    two = assess(project(project={"funding_ends_on": "2027-03-01"}, funders=funders + [{"name": "G", "share_percent": 10}]), RUBRIC, as_of=AS_OF)
    assert "single-funder-ending" in {f.id for f in soon.red_flags}
    assert "single-funder-ending" not in {f.id for f in later.red_flags}
    assert "single-funder-ending" not in {f.id for f in two.red_flags}


def test_only_staff_flag_clears_when_another_perspective_rates():
    staff = [{"dimension": "share-power", "perspective": "staff", "level": 3}]
    mixed = staff + [{"dimension": "share-power", "perspective": "lived_experience", "level": 1}]
    assert "only-staff-perspectives" in {f.id for f in assess(project(self_ratings=staff), RUBRIC, as_of=AS_OF).red_flags}
    assert "only-staff-perspectives" not in {f.id for f in assess(project(self_ratings=mixed), RUBRIC, as_of=AS_OF).red_flags}


def test_claim_without_power_flag():
    staff_board = {
        "decision_bodies": [{"name": "Board", "seats": 8, "lived_experience_seats": 0}],
        "decisions": [{"what": "x", "decided_by": "Board"}],
    }
    claimed = assess(project(project={"described_as": "co_production"}, **staff_board), RUBRIC, as_of=AS_OF)
    honest = assess(project(project={"described_as": "consultation"}, **staff_board), RUBRIC, as_of=AS_OF)
    assert "co-production-without-power" in {f.id for f in claimed.red_flags}
    assert "co-production-without-power" not in {f.id for f in honest.red_flags}


def test_claim_with_nothing_recorded_is_flagged_as_unchecked_not_as_no_votes():
    claimed = assess(project(project={"described_as": "co_production"}), RUBRIC, as_of=AS_OF)
    ids = {f.id for f in claimed.red_flags}
    assert "claim-without-recorded-power" in ids
    assert "co-production-without-power" not in ids  # the file never said there were no votes


def test_perspective_gaps_order_largest_first():
    ratings = [
        {"dimension": "share-power", "perspective": "staff", "level": 4},
        {"dimension": "share-power", "perspective": "lived_experience", "level": 1},
        {"dimension": "reciprocity", "perspective": "staff", "level": 3},
        {"dimension": "reciprocity", "perspective": "lived_experience", "level": 2},
    ]
    gaps = assess(project(self_ratings=ratings), RUBRIC, as_of=AS_OF, min_group_size=1).perspective_gaps
    assert [(g.dimension_id, g.gap) for g in gaps] == [("share-power", 3.0), ("reciprocity", 1.0)]


def test_funding_horizon_counts_whole_months():
    a = assess(project(project={"planned_duration_months": 24, "funding_ends_on": "2027-09-30"}), RUBRIC, as_of=AS_OF)
    d = dim(a, "takes-time")
    fact = next(f for f in d.facts if f.name == "funding_horizon_months")
    assert fact.value == 11
    assert d.uncapped_level == 1
