"""`coscore explain` shows, per dimension, what stands behind each fact and which facts decided the level."""

from __future__ import annotations

from pathlib import Path

from coscore.io.loaders import load_project
from coscore.render.explain import render_explain
from coscore.scoring import assess
from coscore.workflows import rubrics

CALIBRATION = Path(__file__).parent / "calibration"
RUBRIC = rubrics.load_rubric(None)


def explained(name: str, dimension: str) -> str:
    a = assess(load_project(CALIBRATION / f"{name}.yaml").project, RUBRIC)
    return render_explain(a, dimension)


def section(text: str, heading: str) -> str:
    """The lines under one heading of the facts list, up to the next heading."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip() == heading + ":")
    out = []
    for line in lines[start + 1 :]:
        if not line.startswith("     "):
            break
        out.append(line)
    return "\n".join(out)


def test_current_evidence_and_not_recorded_are_told_apart():
    text = explained("ladder-3-engagement", "share-power")
    current = section(text, "Recorded, with current evidence")
    assert "* lived_experience_vote_share = 0.125" in current  # decided the level: level 2 waits on it
    assert "Not recorded (a gap, not a no):" not in text  # every fact here is recorded
    assert "lived_experience_budget_share = 0" in section(text, "Recorded, without evidence")  # recorded as 0, not missing


def test_a_fact_the_file_does_not_record_is_listed_as_a_gap_not_as_zero():
    text = explained("peer-3-network-bodies-unlinked", "share-power")
    missing = section(text, "Not recorded (a gap, not a no)")
    assert "lived_experience_vote_share" in missing and "lived_experience_budget_share" in missing
    assert "lived_experience_vote_share not recorded" in text  # in the conditions, too
    assert "Gaps to fill (not failings): the file does not say who decides" in text


def test_undated_stale_and_unevidenced_facts_have_their_own_groups():
    undated = explained("wash-3b-dates-deleted", "share-power")
    stale = explained("wash-3a-stale-evidence", "share-power")
    bare = explained("wash-0-base", "share-power")
    assert "* lived_experience_vote_share = 0.5" in section(undated, "Recorded, with undated evidence (never counts as current)")
    assert "* lived_experience_vote_share = 0.5" in section(stale, "Recorded, with stale evidence")
    unevidenced = section(bare, "Recorded, without evidence")
    assert "* lived_experience_seat_share = 0" in unevidenced  # level 1 waits on seats
    assert "  lived_experience_vote_share = 0" in unevidenced  # recorded, but not what decided the level
