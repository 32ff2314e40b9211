from __future__ import annotations

import pytest

from coscore.io import loaders
from coscore.workflows import rubrics
from coscore.workflows import score as score_workflow
from coscore.models.project import ActivityLevel, Perspective, Rung
from conftest import CASES, EXAMPLES

VALID = sorted((CASES / "valid").glob("*.yaml")) + sorted(EXAMPLES.glob("*.yaml"))


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.stem)
def test_valid_files_load_and_score(path):
    assessment = score_workflow.assess_file(path, rubrics.load_rubric(None))
    assert 0 <= assessment.overall_score <= 100
    assert len(assessment.dimensions) == 13


def test_minimal_file_scores_zero_everywhere_but_does_not_crash():
    a = score_workflow.assess_file(CASES / "valid" / "minimal.yaml", rubrics.load_rubric(None))
    assert a.overall_score == 0
    assert all(d.level == 0 and d.evidence_status == "not recorded" for d in a.dimensions)
    assert a.ladder_rung == "coercion"


def test_friendly_spellings_are_normalised():
    project = loaders.load_project(CASES / "valid" / "friendly-spellings.yaml").project
    assert [p.role for p in project.people] == [Perspective.lived_experience, Perspective.lived_experience]
    assert project.activities[0].level is ActivityLevel.community
    assert project.project.described_as is Rung.co_production
