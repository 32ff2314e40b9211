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

EXPECT = re.compile(r"^# expect: (\d+):(\d+): (.*?)(?: \| (.*))?$")
BROKEN = sorted((CASES / "rubrics" / "invalid").glob("*.yaml"))


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


@pytest.mark.parametrize("path", BROKEN, ids=lambda p: p.stem)
def test_broken_rubric_gives_path_line_col(path: Path):
    line, col, message, hint = EXPECT.match(path.read_text().splitlines()[0]).groups()
    with pytest.raises(InputProblems) as caught:
        rubrics.load_rubric(str(path))
    found = [d for d in caught.value.diagnostics if message in d.message]
    assert found, [str(d) for d in caught.value.diagnostics]
    assert (found[0].location.line, found[0].location.column) == (int(line), int(col))
    assert (hint or "") in found[0].hint


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
    assert listed.returncode == 0 and listed.stdout.startswith("eleven-principles  1.1.0")
    shown = run_coscore("rubric", "show", "eleven-principles")
    assert shown.returncode == 0
    assert "Share power [share-power]" in shown.stdout
    assert "needs lived_experience_vote_share at least 0.5" in shown.stdout


def test_rubric_facts_lists_every_fact():
    result = run_coscore("rubric", "facts")
    assert result.returncode == 0
    for name in FACTS:
        assert f"{name} (" in result.stdout
