"""Only facts that cost something to fake raise a score (issue 13, DOMAIN.md).

Property: start from any project where people with lived experience hold no
votes and no budget, with no evidence; add any number of records of any kind,
without evidence. The overall score never goes above what an honest, evidenced
consultation scores (tests/calibration/ladder-2-consultation.yaml), and the
rung never goes above consultation.

The full run is 2,000 generated examples (about 25 seconds on one core):
`pytest --slow tests/test_cheap_records.py`. The default suite runs 300, so it
stays quick on a shared machine.
"""

from __future__ import annotations

import copy
import os
from pathlib import Path

from hypothesis import HealthCheck, given, settings

from coscore.io.loaders import load_project
from coscore.models.project import ProjectFile, Rung
from coscore.scoring import assess
from test_properties import AS_OF, RUBRIC, projects

CALIBRATION = Path(__file__).parent / "calibration"
CONSULTATION = assess(load_project(CALIBRATION / "ladder-2-consultation.yaml").project, RUBRIC)
RUNGS = [r.value for r in Rung]
CHEAP_SECTIONS = [
    "community", "people", "decisions", "funders", "outcome_measures", "activities", "partners",
    "plan_changes", "meetings", "reciprocity", "power_imbalances",
]


def without_evidence(node):
    if isinstance(node, dict):
        return {k: ([] if k == "evidence" else without_evidence(v)) for k, v in node.items()}
    if isinstance(node, list):
        return [without_evidence(v) for v in node]
    return node


def powerless(data: dict) -> dict:
    """The same project with no lived-experience votes anywhere and no budget under their control."""
    data = without_evidence(copy.deepcopy(data))
    for body in data.get("decision_bodies", []):
        body["lived_experience_votes"] = 0
        body["lived_experience_veto"] = False
    if "budget" in data:
        data["budget"]["lived_experience_controlled"] = 0
    return data


def assessed(data: dict):
    return assess(ProjectFile.model_validate(data), RUBRIC, as_of=AS_OF)


EXAMPLES = 2000 if os.environ.get("COSCORE_SLOW_PROPERTIES") else 300


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(projects, projects)
def test_records_without_evidence_never_lift_a_powerless_project_above_an_honest_consultation(start, extra):
    project = powerless(start)
    additions = without_evidence(extra)
    for section in CHEAP_SECTIONS:
        project.setdefault(section, [])
        project[section] = project[section] + additions.get(section, [])
    a = assessed(project)
    assert a.overall_score <= CONSULTATION.overall_score, (a.overall_score, CONSULTATION.overall_score)
    assert (RUNGS.index(a.ladder_rung) if a.ladder_rung else -1) <= RUNGS.index("consultation"), a.ladder_rung


def test_the_reference_is_an_honest_evidenced_consultation():
    assert CONSULTATION.ladder_rung == "consultation"
    assert all(d.evidence_status in ("evidenced", "not recorded", "recorded, below level 1", "claimed without evidence") for d in CONSULTATION.dimensions)
    assert any(d.evidence_status == "evidenced" for d in CONSULTATION.dimensions)
    assert {f.id for f in CONSULTATION.red_flags} <= {"no-budget-control"}
