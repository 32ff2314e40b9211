"""Response files, perspective gaps and the small-group rule (issue 6)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coscore.io import loaders
from coscore.workflows import rubrics
from coscore.workflows import score as score_workflow
from coscore.io import yamlio
from coscore.errors import InputProblems
from coscore.models.project import ProjectFile, SelfRating
from coscore.models.responses import ResponseFile
from coscore.render.responses_template import response_template
from coscore.scoring import perspective_gaps

ROOT = Path(__file__).resolve().parent.parent
CASES = Path(__file__).resolve().parent / "cases"
INVALID = sorted((CASES / "responses" / "invalid").glob("*.yaml"))
KNOWN = CASES / "gaps" / "known-ratings.yaml"


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    """This tree's coscore in a subprocess, through the shared helper."""
    from conftest import run_coscore

    return run_coscore(*args, cwd=cwd)


@pytest.fixture(scope="module")
def rubric():
    return rubrics.load_rubric(None)


def test_invalid_response_file_on_the_command_line_exits_2():
    case = CASES / "responses" / "invalid" / "unknown-dimension.yaml"
    result = run("score", "examples/starter.yaml", "--responses", str(case.relative_to(ROOT)))
    assert result.returncode == 2
    assert result.stdout == ""
    assert "unknown-dimension.yaml:5:16: ratings.dimension: there is no dimension 'share-powr'" in result.stderr
    assert "Traceback" not in result.stderr


def test_problems_in_several_response_files_are_all_reported(tmp_path, rubric):
    for name in ("a.yaml", "b.yaml"):
        (tmp_path / name).write_text("coscore_response: 1\nrespondent:\n  role: staff\nratings:\n  - dimension: nope\n    level: 1\n")
    with pytest.raises(InputProblems) as caught:
        loaders.load_responses([str(tmp_path)], rubric)
    assert [d.location.path for d in caught.value.diagnostics] == [str(tmp_path / "a.yaml"), str(tmp_path / "b.yaml")]


def test_same_pseudonym_twice_is_an_error(tmp_path, rubric):
    for name in ("a.yaml", "b.yaml"):
        (tmp_path / name).write_text("coscore_response: 1\nrespondent:\n  role: staff\n  pseudonym: Rowan\n")
    with pytest.raises(InputProblems) as caught:
        loaders.load_responses([str(tmp_path)], rubric)
    [problem] = caught.value.diagnostics
    assert str(problem.location) == f"{tmp_path / 'b.yaml'}:4:14"
    assert "also used in" in problem.message


def test_empty_folder_of_responses_is_an_error(tmp_path, rubric):
    with pytest.raises(InputProblems) as caught:
        loaders.load_responses([str(tmp_path)], rubric)
    assert "no .yaml response files" in caught.value.diagnostics[0].message


def test_unknown_dimension_in_project_self_ratings_is_located(tmp_path, rubric):
    project = tmp_path / "p.yaml"
    project.write_text("coscore: 1\nproject:\n  name: P\nself_ratings:\n  - dimension: reciprocty\n    perspective: staff\n    level: 2\n")
    with pytest.raises(InputProblems) as caught:
        score_workflow.assess_with_responses(project, rubric)
    assert [str(d) for d in caught.value.diagnostics] == [
        f"{project}:5:16: self_ratings.dimension: there is no dimension 'reciprocty' in rubric eleven-principles "
        "(did you mean 'reciprocity'? run 'coscore rubric show eleven-principles' to list the dimension ids)"
    ]


def test_example_responses_are_valid(rubric):
    loaded = loaders.load_responses([str(ROOT / "examples" / "responses")], rubric)
    assert len(loaded) == 7
    assert {item.response.respondent.role.value for item in loaded} == {"lived_experience", "staff", "partner"}


# --- the template ----------------------------------------------------------------------


def test_template_names_every_dimension_and_validates_once_role_is_given(rubric):
    text = response_template(rubric)
    assert "coscore_response: 1" in text
    filled = text.replace("  role:  ", "  role: volunteer  ", 1)
    response = yamlio.validate(ResponseFile, yamlio.parse_yaml(filled, "t.yaml"))
    assert [r.dimension for r in response.ratings] == [d.id for d in rubric.dimensions]
    assert response.as_self_ratings() == ()  # nothing rated yet
    for d in rubric.dimensions:
        assert d.title in text


def test_blank_template_asks_for_a_role(rubric):
    with pytest.raises(InputProblems) as caught:
        yamlio.validate(ResponseFile, yamlio.parse_yaml(response_template(rubric), "t.yaml"))
    assert [d.message.split(":")[0] for d in caught.value.diagnostics] == ["respondent.role"]


def test_template_command_writes_and_refuses_to_overwrite(tmp_path):
    out = tmp_path / "blank.yaml"
    first = run("responses", "template", "--rubric", "eleven-principles", "--output", str(out))
    assert first.returncode == 0, first.stderr
    written = out.read_text(encoding="utf-8")
    assert "- dimension: share-power" in written
    out.write_text("my answers")
    second = run("responses", "template", "--output", str(out))
    assert second.returncode == 2
    assert f"{out}:1:1: the file already exists" in second.stderr
    assert out.read_text() == "my answers"
    third = run("responses", "template", "--output", str(out), "--force")
    assert third.returncode == 0
    assert out.read_text(encoding="utf-8") == written


def test_template_to_stdout_without_output():
    result = run("responses", "template")
    assert result.returncode == 0
    assert result.stdout.startswith("# A coscore response file")


# --- combining facts and responses -----------------------------------------------------


def test_responses_never_change_levels(rubric):
    alone = score_workflow.assess_with_responses(ROOT / "examples" / "starter.yaml", rubric)
    together = score_workflow.assess_with_responses(ROOT / "examples" / "starter.yaml", rubric, [str(ROOT / "examples" / "responses")])
    assert [d.level for d in alone.dimensions] == [d.level for d in together.dimensions]
    assert alone.overall_score == together.overall_score
    assert alone.perspective_gaps == ()
    share = next(g for g in together.perspective_gaps if g.dimension_id == "share-power")
    by = {r.perspective: r for r in share.ratings}
    assert (by["lived_experience"].average, by["staff"].average) == (1.33, 3.33)
    assert share.facts_level == next(d.level for d in together.dimensions if d.id == "share-power")


def _response(path: Path, role: str, level: int) -> str:
    path.write_text(f"coscore_response: 1\nrespondent:\n  role: {role}\nratings:\n  - dimension: share-power\n    level: {level}\n")
    return str(path)


def test_only_staff_responses_raise_the_red_flag(tmp_path, rubric):
    project = ROOT / "examples" / "starter.yaml"
    staff = [_response(tmp_path / f"s{i}.yaml", "staff", 3) for i in range(3)]
    flagged = score_workflow.assess_with_responses(project, rubric, staff)
    flag = next(f for f in flagged.red_flags if f.id == "only-staff-perspectives")
    assert str(flag.location) == f"{tmp_path / 's0.yaml'}:5:5"
    assert flag.where == "ratings[1]"  # the first rating in that response file
    mixed = score_workflow.assess_with_responses(project, rubric, [*staff, _response(tmp_path / "le.yaml", "lived_experience", 1)])
    assert "only-staff-perspectives" not in {f.id for f in mixed.red_flags}


# --- gap analysis ----------------------------------------------------------------------


def _known_project() -> ProjectFile:
    return loaders.load_project(KNOWN).project


def test_gaps_come_largest_first(rubric):
    gaps = perspective_gaps(_known_project(), rubric, min_group_size=3)
    assert [(g.dimension_id, g.gap) for g in gaps] == [
        ("share-power", 3.0),
        ("community-defines", 2.67),
        ("meeting-quality", 1.0),
        ("takes-time", None),
        ("reciprocity", None),
    ]


def test_lower_threshold_brings_a_small_group_into_the_gaps(rubric):
    gaps = perspective_gaps(_known_project(), rubric, min_group_size=2)
    assert [(g.dimension_id, g.gap) for g in gaps][:2] == [("share-power", 3.0), ("community-defines", 2.67)]
    assert ("reciprocity", 2.0) in [(g.dimension_id, g.gap) for g in gaps]


def test_small_group_rule_hides_individual_ratings(rubric):
    gaps = perspective_gaps(_known_project(), rubric, min_group_size=3)
    reciprocity = next(g for g in gaps if g.dimension_id == "reciprocity")
    hidden = next(r for r in reciprocity.ratings if r.perspective == "lived_experience")
    assert (hidden.count, hidden.average, hidden.lowest, hidden.highest, hidden.hidden, hidden.comments) == (2, None, None, None, True, ())


def test_small_group_rule_holds_in_every_output():
    hidden = run("score", str(KNOWN.relative_to(ROOT)))
    assert hidden.returncode in (0, 1)
    assert "Only-two-of-us" not in hidden.stdout
    assert "2 people (count" in hidden.stdout  # the table may wrap the cell
    as_json = json.loads(run("score", str(KNOWN.relative_to(ROOT)), "--format", "json").stdout)
    assert "Only-two-of-us" not in json.dumps(as_json)
    reciprocity = next(g for g in as_json["perspective_gaps"] if g["dimension_id"] == "reciprocity")
    assert reciprocity["ratings"][0] == {
        "perspective": "lived_experience", "count": 2, "average": None, "lowest": None, "highest": None, "hidden": True, "comments": [],
    }
    assert any("only the count is shown" in note for note in as_json["perspective_notes"])
    shown = run("score", str(KNOWN.relative_to(ROOT)), "--min-group-size", "2")
    assert "Only-two-of-us" not in shown.stdout  # terminal shows no comments at all
    shown_json = json.loads(run("score", str(KNOWN.relative_to(ROOT)), "--min-group-size", "2", "--format", "json").stdout)
    reciprocity = next(g for g in shown_json["perspective_gaps"] if g["dimension_id"] == "reciprocity")
    assert reciprocity["ratings"][0]["average"] == 2.0
    assert reciprocity["ratings"][0]["comments"] == ["Only-two-of-us comment 1", "Only-two-of-us comment 2"]


PERSPECTIVES = ("lived_experience", "staff", "partner", "volunteer", "funder")


@settings(max_examples=60, deadline=None)
@given(
    ratings=st.lists(st.tuples(st.sampled_from(PERSPECTIVES), st.integers(0, 4)), max_size=25),
    threshold=st.integers(1, 6),
)
def test_small_group_rule_for_any_ratings(rubric, ratings, threshold):
    project = ProjectFile.model_validate({"coscore": 1, "project": {"name": "P"}})
    project = project.model_copy(
        update={"self_ratings": tuple(SelfRating(dimension="share-power", perspective=p, level=lv, comment="c") for p, lv in ratings)}
    )
    gaps = perspective_gaps(project, rubric, min_group_size=threshold)
    for g in gaps:
        shown = []
        for r in g.ratings:
            levels = [lv for p, lv in ratings if p == r.perspective]
            assert r.count == len(levels)
            if len(levels) < threshold:
                assert r.hidden and r.average is None and r.lowest is None and r.comments == ()
            else:
                assert not r.hidden and r.lowest == min(levels) and r.highest == max(levels)
                shown.append(sum(levels) / len(levels))
        # Ratings are never pooled: the gap is between perspective averages, or absent.
        assert g.gap == (round(max(shown) - min(shown), 2) if len(shown) >= 2 else None)


def test_terminal_says_when_no_gap_can_be_shown():
    few = run("score", str(KNOWN.relative_to(ROOT)), "--min-group-size", "4")  # every group in it has at most 3 people
    assert "No dimension was rated by at least 4 people from each of two perspectives" in " ".join(few.stdout.split())
    many = run("score", "examples/starter.yaml", "--responses", "examples/responses")
    assert "No dimension was rated by at least" not in many.stdout


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_report_says_a_rating_red_flag_is_in_the_response_file(tmp_path, fmt):
    staff = [_response(tmp_path / f"s{i}.yaml", "staff", 3) for i in range(3)]
    args = [a for path in staff for a in ("--responses", path)]
    done = run("report", str(ROOT / "examples" / "starter.yaml"), *args, "--format", fmt, "--output", "-")
    assert done.returncode == 0, done.stderr
    page = done.stdout.replace("<strong>", "**").replace("</strong>", "**")
    start = page.index("Only staff views recorded")  # the only-staff flag's section, up to the next heading
    section = page[start : page.index("#" if fmt == "markdown" else "<h", start + 1)]
    assert "Where in the response file:**" in section, section
    assert "Where in the project file" not in section
    assert "s0.yaml:5:5" in section
    washed = run("report", str(ROOT / "examples" / "washed.yaml"), "--format", fmt, "--output", "-")
    assert "Where in the project file:" in washed.stdout.replace("<strong>", "").replace("</strong>", "").replace("**", "")
    assert "Where in the response file" not in washed.stdout
