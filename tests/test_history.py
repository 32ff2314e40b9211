"""`coscore history` over git, and `coscore compare` (issue 6)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from coscore.workflows import history as history_workflow
from coscore.workflows import rubrics
from coscore.errors import InputProblems

ROOT = Path(__file__).resolve().parent.parent
STARTER = (ROOT / "examples" / "starter.yaml").read_text(encoding="utf-8")


def git_env(tmp_path: Path) -> dict:
    return {
        **os.environ,
        "PYTHONPATH": str(ROOT / "src"),
        "GIT_CEILING_DIRECTORIES": str(tmp_path.parent),  # never find a repository above the test folder
        "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.org",
        "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.org",
        "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
    }


def git(repo: Path, *args: str, date: str = "2025-01-01T12:00:00") -> None:
    env = {**git_env(repo), "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
    subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)


def coscore(*args: str, cwd: Path, tmp_path: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "coscore", *args], cwd=cwd, env=git_env(tmp_path), capture_output=True, text=True)


def new_repo(tmp_path: Path, monkeypatch) -> Path:
    """An empty repository at tmp_path/repo, with git's settings isolated for the whole test."""
    for key, value in git_env(tmp_path).items():
        monkeypatch.setenv(key, value)
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    return repo


@pytest.fixture
def repo(tmp_path, monkeypatch) -> Path:
    """A repository where project.yaml was committed three times, each version scoring higher."""
    repo = new_repo(tmp_path, monkeypatch)
    project = repo / "project.yaml"
    # The first version records the budget and that none of it is under lived-experience control (a recorded no).
    project.write_text(STARTER.replace("coscore: 1 ", "coscore: 1\nassessed_on: 2025-06-01 ", 1) + "budget:\n  total: 1000\n  lived_experience_controlled: 0\n")
    git(repo, "add", "project.yaml")
    git(repo, "commit", "-q", "-m", "First assessment", date="2025-06-01T10:00:00")
    project.write_text(project.read_text().replace("lived_experience_controlled: 0", "lived_experience_controlled: 200"))
    git(repo, "commit", "-q", "-am", "Budget shared", date="2025-09-01T10:00:00")
    project.write_text(project.read_text().replace("lived_experience_seats: 2", "lived_experience_seats: 3"))
    git(repo, "commit", "-q", "-am", "A third seat", date="2026-01-15T10:00:00")
    return repo


def test_three_commits_give_three_points_in_order(repo):
    history = history_workflow.file_history(repo / "project.yaml", rubrics.load_rubric(None))
    assert history.total_versions == 3
    assert [(p.subject, p.committed_on) for p in history.points] == [
        ("First assessment", "2025-06-01"),
        ("Budget shared", "2025-09-01"),
        ("A third seat", "2026-01-15"),
    ]
    assert all(p.snapshot is not None and p.problems == () for p in history.points)
    first, second, third = (p.snapshot for p in history.points)
    assert "no-budget-control" in {f.id for f in first.red_flags}
    assert "no-budget-control" not in {f.id for f in second.red_flags}
    level = lambda s, d: next(x.level for x in s.dimensions if x.id == d)  # noqa: E731
    assert level(second, "share-power") < level(third, "share-power")
    assert first.overall_score <= second.overall_score < third.overall_score


def test_history_follows_a_rename_and_shows_uncommitted_changes(repo):
    git(repo, "mv", "project.yaml", "ours.yaml")
    git(repo, "commit", "-q", "-m", "Rename", date="2026-02-01T10:00:00")
    (repo / "ours.yaml").write_text((repo / "ours.yaml").read_text() + "power_imbalances:\n  - imbalance: Staff are paid, members are not\n")
    history = history_workflow.file_history(repo / "ours.yaml", rubrics.load_rubric(None))
    assert [p.subject for p in history.points] == ["First assessment", "Budget shared", "A third seat", "Rename", "uncommitted changes"]
    assert [p.path for p in history.points[:4]] == ["project.yaml", "project.yaml", "project.yaml", "ours.yaml"]
    assert history.points[-1].revision == ""


def test_history_keeps_a_version_that_cannot_be_scored(repo):
    (repo / "project.yaml").write_text("coscore: 1\nproject:\n  name: Broken\n  started_on: 2025-02-30\n")
    git(repo, "commit", "-q", "-am", "Broken date", date="2026-03-01T10:00:00")
    history = history_workflow.file_history(repo / "project.yaml", rubrics.load_rubric(None))
    broken = history.points[-1]
    assert broken.snapshot is None
    assert broken.problems[0].startswith(f"{repo / 'project.yaml'}@{broken.short}:4:15: project.started_on: must be a date written YYYY-MM-DD, got \"2025-02-30\" (February 2025 has 28 days")


def test_history_command_shows_trend_and_json(repo, tmp_path):
    result = coscore("history", "project.yaml", cwd=repo, tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "3 committed versions" in result.stdout
    assert "Trend per dimension" in result.stdout
    assert result.stdout.index("First assessment") < result.stdout.index("Budget shared") < result.stdout.index("A third seat")
    doc = json.loads(coscore("history", "project.yaml", "--format", "json", cwd=repo, tmp_path=tmp_path).stdout)
    assert [p["subject"] for p in doc["points"]] == ["First assessment", "Budget shared", "A third seat"]
    assert [p["result"]["assessed_on"] for p in doc["points"]] == ["2025-06-01"] * 3
    limited = json.loads(coscore("history", "project.yaml", "--format", "json", "--limit", "2", cwd=repo, tmp_path=tmp_path).stdout)
    assert [p["subject"] for p in limited["points"]] == ["Budget shared", "A third seat"]


def test_history_outside_git_says_so_and_exits_2(tmp_path):
    folder = tmp_path / "plain"
    folder.mkdir()
    (folder / "project.yaml").write_text(STARTER)
    result = coscore("history", "project.yaml", cwd=folder, tmp_path=tmp_path)
    assert result.returncode == 2
    assert result.stderr == (
        "project.yaml:1:1: this file is not inside a git repository, so it has no history to read "
        "(keep the project file in a git repository and commit each change; or compare two files with 'coscore compare OLD NEW')\n"
    )
    assert result.stdout == ""


@pytest.mark.parametrize("with_commits", [False, True], ids=["empty repository", "file never committed"])
def test_history_without_commits_says_so(tmp_path, with_commits):
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    if with_commits:
        (repo / "other.txt").write_text("x")
        git(repo, "add", "other.txt")
        git(repo, "commit", "-q", "-m", "Something else")
    (repo / "project.yaml").write_text(STARTER)
    result = coscore("history", "project.yaml", cwd=repo, tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("project.yaml has no history yet: it has never been committed to git.")


def test_history_of_a_missing_file_exits_2(tmp_path):
    result = coscore("history", "nope.yaml", cwd=tmp_path, tmp_path=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith("nope.yaml:1:1: no such file")


# --- compare ---------------------------------------------------------------------------


def test_compare_a_saved_result_with_a_project_file(repo, tmp_path):
    saved = coscore("score", "project.yaml", "--format", "json", cwd=repo, tmp_path=tmp_path).stdout
    (tmp_path / "before.json").write_text(saved)
    (repo / "project.yaml").write_text((repo / "project.yaml").read_text().replace("lived_experience_seats: 3", "lived_experience_seats: 1"))
    result = coscore("compare", str(tmp_path / "before.json"), "project.yaml", "--format", "json", cwd=repo, tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    share = next(d for d in doc["dimensions"] if d["id"] == "share-power")
    assert share["change"] < 0
    assert doc["overall_change"] == doc["new"]["overall_score"] - doc["old"]["overall_score"] < 0
    text = coscore("compare", str(tmp_path / "before.json"), "project.yaml", cwd=repo, tmp_path=tmp_path).stdout
    assert "Overall score:" in text and "↓" in text


def test_compare_two_project_files_reports_flags(tmp_path):
    old = tmp_path / "old.yaml"
    new = tmp_path / "new.yaml"
    old.write_text(STARTER + "budget:\n  total: 1000\n  lived_experience_controlled: 0\n")
    new.write_text(STARTER + "budget:\n  total: 1000\n  lived_experience_controlled: 200\n")
    result = coscore("compare", str(old), str(new), "--format", "json", cwd=tmp_path, tmp_path=tmp_path)
    doc = json.loads(result.stdout)
    assert doc["red_flags"]["resolved"] == ["no-budget-control"]
    assert doc["red_flags"]["new"] == []


def test_compare_reports_problems_in_both_files(tmp_path):
    (tmp_path / "bad.json").write_text('{"format_version": 1, "project": {"name": 3}}')
    result = coscore("compare", "bad.json", "missing.yaml", cwd=tmp_path, tmp_path=tmp_path)
    assert result.returncode == 2
    lines = result.stderr.splitlines()
    assert "bad.json:1:43: project.name: must be text, got 3 (put the value in quotes if it is meant as text)" in lines
    assert "missing.yaml:1:1: no such file (check the spelling and the folder you are in)" in lines
    assert "Traceback" not in result.stderr


def test_a_json_file_that_is_not_a_result(tmp_path):
    (tmp_path / "other.json").write_text('{"hello": "world"}')
    with pytest.raises(InputProblems) as caught:
        history_workflow.load_snapshot(tmp_path / "other.json", rubrics.load_rubric(None))
    assert caught.value.diagnostics[0].message == "this JSON file is not a saved coscore result"


def test_history_of_a_file_with_pattern_characters_in_its_name(tmp_path, monkeypatch):
    repo = new_repo(tmp_path, monkeypatch)
    # "plan[1].yaml" as a pattern would also match "plan1.yaml"; only the file itself counts.
    (repo / "plan[1].yaml").write_text(STARTER)
    (repo / "plan1.yaml").write_text(STARTER)
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "Both")
    (repo / "plan1.yaml").write_text(STARTER + "\n")
    git(repo, "commit", "-q", "-am", "Only the other file")
    history = history_workflow.file_history(repo / "plan[1].yaml", rubrics.load_rubric(None))
    assert [p.subject for p in history.points] == ["Both"]


def test_history_of_a_link_to_a_file_outside_the_repository(tmp_path, monkeypatch):
    repo = new_repo(tmp_path, monkeypatch)
    outside = tmp_path / "outside.yaml"
    outside.write_text(STARTER)
    (repo / "link.yaml").symlink_to(outside)
    with pytest.raises(InputProblems) as caught:
        history_workflow.file_history(repo / "link.yaml", rubrics.load_rubric(None))
    # History follows the file the link points to, which is in no repository.
    assert caught.value.diagnostics[0].message == "this file is not inside a git repository, so it has no history to read"
