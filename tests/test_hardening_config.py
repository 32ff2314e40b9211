"""Configuration and links stay inside the repository; configuration values are not echoed in full (issue 14, item 4)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import invoke_cli as invoke


ROOT = Path(__file__).resolve().parents[1]
STARTER = (ROOT / "examples" / "starter.yaml").read_text(encoding="utf-8")
RUBRIC = (ROOT / "src" / "coscore" / "rubrics" / "eleven-principles.yaml").read_text(encoding="utf-8")
SECRET = "ghp_a1b2c3d4e5f6g7h8i9j0k1l2m3n4o5p6q7r8"


@pytest.fixture
def repo(tmp_path: Path, monkeypatch) -> Path:
    """A git repository (a .git folder is enough to mark it) inside a folder that holds other files."""
    folder = tmp_path / "repo"
    (folder / ".git").mkdir(parents=True)
    (folder / "projects").mkdir()
    (folder / "projects" / "a.yaml").write_text(STARTER, encoding="utf-8")
    (tmp_path / "elsewhere.yaml").write_text(RUBRIC, encoding="utf-8")
    (tmp_path / "private.yaml").write_text(STARTER.replace("Our project", "Someone else's project"), encoding="utf-8")
    monkeypatch.chdir(folder)
    return folder


@pytest.mark.parametrize(
    ("setting", "line"),
    [("rubric: ../elsewhere.yaml", 1), ("baseline: ../baseline.json", 1), ("lint:\n  rule_files: [../elsewhere.yaml]", 2), (f"rubric: {os.sep}etc{os.sep}hostname.yaml", 1)],
    ids=["rubric", "baseline", "rule file", "absolute"],
)
def test_configuration_paths_outside_the_repository_are_refused(repo: Path, setting: str, line: int):
    (repo / ".coscore.yaml").write_text(f'projects: ["projects/*.yaml"]\n{setting}\n', encoding="utf-8")
    result = invoke("check")
    assert result.exit_code == 2, result.output
    assert f".coscore.yaml:{line + 1}:" in result.stderr and "outside the repository" in result.stderr
    assert "--allow-outside-repo" in result.stderr


def test_the_option_allows_a_trusted_configuration(repo: Path):
    (repo / ".coscore.yaml").write_text('projects: ["projects/*.yaml"]\nrubric: ../elsewhere.yaml\n', encoding="utf-8")
    result = invoke("check", "--allow-outside-repo", "--format", "parsable")
    assert result.exit_code in (0, 1), result.output


def test_paths_inside_the_repository_are_fine(repo: Path):
    (repo / "rubric.yaml").write_text(RUBRIC, encoding="utf-8")
    (repo / ".coscore.yaml").write_text('projects: ["projects/*.yaml"]\nrubric: rubric.yaml\n', encoding="utf-8")
    assert invoke("check", "--format", "parsable").exit_code in (0, 1)


@pytest.mark.parametrize("command", [["lint", "plan.md"], ["check", "plan.md"]])
def test_a_front_matter_link_outside_the_repository_is_refused(repo: Path, command: list[str]):
    (repo / "plan.md").write_text("---\ncoscore-project: ../private.yaml\n---\n# Plan\n\nThis was co-produced.\n", encoding="utf-8")
    result = invoke(*command)
    assert result.exit_code == 2
    assert "plan.md:2:" in result.stderr and "outside the repository" in result.stderr
    assert "Someone else" not in result.output
    allowed = invoke(*command, "--allow-outside-repo")
    assert "outside the repository" not in allowed.stderr


def test_a_link_through_a_symlink_that_leaves_the_repository_is_refused(repo: Path):
    os.symlink(repo.parent / "private.yaml", repo / "inside-looking.yaml")
    (repo / "plan.md").write_text("---\ncoscore-project: inside-looking.yaml\n---\n# Plan\n", encoding="utf-8")
    result = invoke("lint", "plan.md")
    assert result.exit_code == 2 and "outside the repository" in result.stderr


@pytest.mark.parametrize(
    "text",
    [f"fail_on: [{SECRET}]\n", f"evidence_max_age_months: {SECRET}\n", f"fail_under:\n  dimensions:\n    {SECRET}: 50\n", f"rubric: {SECRET}\n"],
    ids=["fail_on", "number", "dimension", "rubric id"],
)
def test_a_mismatched_configuration_value_is_not_echoed_in_full(repo: Path, text: str):
    (repo / ".coscore.yaml").write_text('projects: ["projects/*.yaml"]\n' + text, encoding="utf-8")
    result = invoke("check")
    assert result.exit_code == 2, result.output
    assert SECRET not in result.output and SECRET[8:20] not in result.output
    assert ".coscore.yaml:" in result.stderr


def test_the_same_in_pyproject_toml(repo: Path):
    (repo / "pyproject.toml").write_text(f'[tool.coscore]\nprojects = ["projects/*.yaml"]\nfail_on = ["{SECRET}"]\n', encoding="utf-8")
    result = invoke("check")
    assert result.exit_code == 2
    assert SECRET not in result.output and "pyproject.toml:3:" in result.stderr
