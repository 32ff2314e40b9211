"""Rubrics: the shipped ones validate, broken ones give located errors, commands work."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from coscore.io import catalog
from coscore.workflows import rubrics
from coscore.errors import InputProblems
from coscore.facts import FACTS
from coscore.scoring import fact_names
from conftest import CASES, ROOT, run_coscore

BROKEN = sorted((CASES / "rubrics" / "invalid").glob("*.yaml"))  # their .expect files are run by tests/test_cases.py


@pytest.mark.parametrize("rubric_id", list(catalog.packaged_rubrics()))
def test_every_shipped_rubric_validates(rubric_id):
    rubric = rubrics.load_rubric(rubric_id)
    assert rubric.dimensions


def test_top_level_rubrics_folder_is_the_packaged_one():
    top = sorted(p.name for p in (ROOT / "rubrics").glob("*.yaml"))
    assert top == sorted(f"{i}.yaml" for i in catalog.packaged_rubrics())
    for name in top:
        assert (ROOT / "rubrics" / name).read_text() == catalog.packaged_rubric_text(name.removesuffix(".yaml"))


def test_eleven_principles_covers_every_principle_and_the_named_dimensions():
    rubric = rubrics.load_rubric("eleven-principles")
    sources = " ".join(d.source for d in rubric.dimensions)
    for n in range(1, 12):
        assert f"Principle {n};" in sources or f"Principle {n}\n" in sources or re.search(rf"Principle {n}\b", sources), n
    ids = {d.id for d in rubric.dimensions}
    assert {"share-power", "reciprocity", "meeting-quality"} <= ids
    for d in rubric.dimensions:
        assert len(d.levels) == 5
        assert all(lv.next_step and lv.description for lv in d.levels)
        assert all(lv.requires for lv in d.levels[1:]), d.id


def test_every_fact_is_used_by_the_shipped_rubric():
    rubric = rubrics.load_rubric("eleven-principles")
    used = set()
    for d in rubric.dimensions:
        for lv in d.levels:
            for c in lv.requires:
                used.update(fact_names(c))
    for flag in rubric.red_flags:
        for c in flag.when:
            used.update(fact_names(c))
    for rung in rubric.ladder:
        for c in rung.when:
            used.update(fact_names(c))
    unused = set(FACTS) - used - {"decision_bodies", "budget_recorded", "power_imbalances_named"} - {"ratings_recorded"}
    assert not unused, f"facts computed but never used: {sorted(unused)}"


def test_rubric_validate_command_reports_every_broken_file():
    result = run_coscore("rubric", "validate", *[str(p) for p in BROKEN])
    assert result.returncode == 2
    for p in BROKEN:
        assert f"{p}:" in result.stderr


def test_rubric_validate_command_accepts_a_good_file():
    result = run_coscore("rubric", "validate", "tests/cases/rubrics/valid/tiny.yaml")
    assert result.returncode == 0, result.stderr
    assert "ok (tiny 0.1, 1 dimensions" in result.stdout


def test_custom_rubric_scores_a_project():
    # The project's self-ratings name dimensions of eleven-principles, so use a file without them.
    result = run_coscore("score", "tests/cases/valid/one-partner.yaml", "--rubric", "tests/cases/rubrics/valid/tiny.yaml", "-f", "json")
    assert result.returncode == 0, result.stderr
    assert '"overall_score": 100' in result.stdout


def test_unknown_rubric_id_is_a_usage_error():
    result = run_coscore("score", "examples/peer-led.yaml", "--rubric", "no-such-rubric")
    assert result.returncode == 2
    assert "no rubric called 'no-such-rubric'" in result.stderr
    assert "eleven-principles" in result.stderr


def test_rubric_list_and_show():
    listed = run_coscore("rubric", "list")
    assert listed.returncode == 0 and listed.stdout.startswith("eleven-principles  2.0.0")
    shown = run_coscore("rubric", "show", "eleven-principles")
    assert shown.returncode == 0
    assert "Share power [share-power]" in shown.stdout
    assert "needs lived_experience_vote_share at least 0.5" in shown.stdout


def test_rubric_facts_lists_every_fact():
    result = run_coscore("rubric", "facts")
    assert result.returncode == 0
    for name in FACTS:
        assert f"{name} (" in result.stdout


def test_every_level_and_rung_of_the_shipped_rubric_names_its_reason():
    rubric = rubrics.load_rubric(None)
    for d in rubric.dimensions:
        for lv in d.levels[1:]:
            assert lv.reason.strip(), f"{d.id} level {lv.level} has no reason"
    for rung in rubric.ladder:
        assert rung.reason.strip(), f"rung {rung.rung.value} has no reason"
    assert rubric.version.startswith("2.")


def test_every_level_above_starting_rests_on_a_fact_that_costs_something_to_fake():
    from coscore.facts import FACTS
    from coscore.scoring import fact_names

    rubric = rubrics.load_rubric(None)
    for d in rubric.dimensions:
        for lv in d.levels[2:]:
            names = [n for c in lv.requires for n in fact_names(c)]
            reached_below = [n for below in d.levels[2 : lv.level] for c in below.requires for n in fact_names(c)]
            assert any(FACTS[n].costly for n in names + reached_below), f"{d.id} level {lv.level} rests only on free text: {names}"
