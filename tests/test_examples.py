"""The bundled examples rank as the README promises, and red flags fire where they should."""

from __future__ import annotations

import json

import pytest

from coscore.workflows import rubrics
from coscore.workflows import score as score_workflow
from conftest import EXAMPLES, run_coscore

RANKED = ["washed", "consultation", "co-design", "peer-led"]


@pytest.fixture(scope="module")
def assessments():
    rubric = rubrics.load_rubric(None)
    return {name: score_workflow.assess_file(EXAMPLES / f"{name}.yaml", rubric) for name in RANKED}


def test_examples_rank_in_order(assessments):
    scores = [assessments[name].overall_score for name in RANKED]
    assert scores == sorted(scores) and len(set(scores)) == len(scores), scores


def test_peer_led_scores_highest_and_reaches_co_production(assessments):
    peer = assessments["peer-led"]
    assert peer.overall_score >= 90
    assert peer.ladder_rung == "co_production"
    assert peer.red_flags == ()


def test_washed_scores_low(assessments):
    assert assessments["washed"].overall_score < 25
    assert assessments["washed"].ladder_rung == "consultation"


@pytest.mark.parametrize(
    "example, rung",
    [("washed", "consultation"), ("consultation", "engagement"), ("co-design", "co_design"), ("peer-led", "co_production")],
)
def test_each_example_reaches_the_rung_its_facts_support(assessments, example, rung):
    assert assessments[example].ladder_rung == rung


REQUIRED_FLAGS = ["input-after-decision", "co-production-without-power", "no-budget-control", "only-staff-perspectives", "single-funder-ending"]


@pytest.mark.parametrize("flag", REQUIRED_FLAGS)
def test_required_red_flag_fires_on_washed_and_not_on_peer_led(assessments, flag):
    assert flag in {f.id for f in assessments["washed"].red_flags}
    assert flag not in {f.id for f in assessments["peer-led"].red_flags}


def test_input_after_decision_points_at_the_decision(assessments):
    flag = next(f for f in assessments["washed"].red_flags if f.id == "input-after-decision")
    assert flag.where == "decisions[1]"
    text = (EXAMPLES / "washed.yaml").read_text().splitlines()
    assert text[flag.location.line - 1].strip().startswith("- what: Locate the hub")


def test_red_flags_come_first_in_next_steps(assessments):
    steps = assessments["washed"].next_steps
    kinds = [s.kind for s in steps]
    n_flags = len(assessments["washed"].red_flags)
    assert kinds[:n_flags] == ["red_flag"] * n_flags
    assert "red_flag" not in kinds[n_flags:]
    gains = [s.gain for s in steps[n_flags:]]
    assert gains == sorted(gains, reverse=True)


def test_peer_led_json_has_the_documented_keys():
    result = run_coscore("score", "examples/peer-led.yaml", "--format", "json")
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    assert {"overall_score", "ladder_rung", "dimensions", "red_flags", "next_steps"} <= doc.keys()
    assert 0 <= doc["overall_score"] <= 100
    assert doc["ladder_rung"] == "co_production"
    for d in doc["dimensions"]:
        assert {"id", "title", "level", "score", "capped_by_evidence"} <= d.keys()
    for s in doc["next_steps"]:
        assert {"dimension_id", "text"} <= s.keys()


def test_washed_json_red_flags_have_id_and_message():
    doc = json.loads(run_coscore("score", "examples/washed.yaml", "-f", "json").stdout)
    assert doc["red_flags"]
    for f in doc["red_flags"]:
        assert f["id"] and f["message"]


@pytest.mark.parametrize("name", [*RANKED, "starter"])
def test_every_example_scores_in_the_terminal(name):
    result = run_coscore("score", f"examples/{name}.yaml")
    assert result.returncode == 0, result.stderr
    assert "Overall score:" in result.stdout
    assert "Next steps" in result.stdout
