"""Nothing blocks, nothing crashes, nothing is skipped in silence (issue 14, items 2 and 4).

Pipes, sockets, link loops, links to nothing, empty files, names too long for the
file system, odd TOML and lone surrogates are located input errors (exit code 2),
wherever the file is met: named, found in a folder, named by the configuration or
linked from a document. Runs that could hang run in a subprocess with a timeout.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import invoke_cli as invoke


ROOT = Path(__file__).resolve().parents[1]
STARTER = (ROOT / "examples" / "starter.yaml").read_text(encoding="utf-8")
LONG = "n" * 300


def coscore(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    """A real process with a timeout: a hang is a failure, not a stuck test run."""
    env = {"PATH": os.environ["PATH"], "PYTHONPATH": str(ROOT / "src"), "NO_COLOR": "1", "HOME": str(cwd)}
    return subprocess.run([sys.executable, "-m", "coscore", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=30)


@pytest.fixture
def folder(tmp_path: Path, monkeypatch) -> Path:
    (tmp_path / "projects").mkdir()
    (tmp_path / "projects" / "good.yaml").write_text(STARTER, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


# --- no hangs: pipes and sockets ------------------------------------------------------------


@pytest.mark.parametrize("args", [["check", "projects"], ["check", "--skip-other-files", "projects/pipe.yaml", "projects/good.yaml"], ["portfolio", "projects"], ["lint", "projects"]],
                         ids=["check folder", "pre-commit", "portfolio", "lint folder"])
def test_a_named_pipe_is_a_located_error_not_a_hang(folder: Path, args: list[str]):
    os.mkfifo(folder / "projects" / "pipe.yaml")
    os.mkfifo(folder / "projects" / "pipe.md")
    result = coscore(*args, cwd=folder)
    assert result.returncode == 2, result.stderr
    shown = result.stdout + result.stderr  # portfolio lists the files it could not score in its table
    assert "projects/pipe." in shown and ":1:1: this is not an ordinary file" in shown


def test_a_socket_in_a_folder_is_a_located_error(folder: Path):
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(folder / "projects" / "sock.yaml"))
    try:
        result = coscore("check", "projects", "--format", "parsable", cwd=folder)
    finally:
        server.close()
    assert result.returncode == 2
    assert "projects/sock.yaml:1:1: this is not an ordinary file" in result.stderr


# --- links: loops and links to nothing, under their own names ---------------------------------


@pytest.mark.parametrize("command", [["check", "projects"], ["portfolio", "projects"], ["responses", "validate", "projects"]])
def test_a_link_loop_in_a_folder_is_reported_under_its_own_name(folder: Path, command: list[str]):
    os.symlink("loop.yaml", folder / "projects" / "loop.yaml")
    result = invoke(*command)
    assert result.exit_code == 2
    assert "projects/loop.yaml:1:1: this is a link that points back at itself" in result.output


@pytest.mark.parametrize("command", [["check", "projects"], ["portfolio", "projects"], ["portfolio", "projects", "--format", "json"]])
def test_a_link_to_nothing_is_reported_under_its_own_name_and_fails_the_run(folder: Path, command: list[str]):
    os.symlink("gone-away.yaml", folder / "projects" / "broken.yaml")
    result = invoke(*command)
    assert result.exit_code == 2
    assert "projects/broken.yaml:1:1: no such file (it is a link to a file that no longer exists)" in result.output
    assert "gone-away" not in result.output


def test_a_broken_link_among_documents_is_reported(folder: Path):
    (folder / "docs").mkdir()
    (folder / "docs" / "plan.md").write_text("# Plan\n", encoding="utf-8")
    os.symlink("missing.md", folder / "docs" / "old.md")
    result = invoke("lint", "docs")
    assert result.exit_code == 2
    assert "docs/old.md:1:1: no such file" in result.stderr


def test_an_empty_yaml_file_in_a_folder_is_reported_not_skipped(folder: Path):
    (folder / "projects" / "empty.yaml").write_text("", encoding="utf-8")
    result = invoke("check", "projects", "--format", "parsable")
    assert result.exit_code == 2
    assert "projects/empty.yaml:1:1: the file is empty" in result.stderr


def test_other_yaml_files_in_a_folder_are_still_left_alone(folder: Path):
    (folder / "projects" / "workflow.yaml").write_text("on: push\njobs: {}\n", encoding="utf-8")
    result = invoke("check", "projects", "--format", "parsable")
    assert result.exit_code in (0, 1), result.output
    assert "workflow.yaml" not in result.output


def test_a_glob_for_every_yaml_file_does_not_score_the_configuration(folder: Path):
    (folder / ".coscore.yaml").write_text('projects: ["**/*.yaml"]\nlint:\n  rule_files: []\n', encoding="utf-8")
    result = invoke("check", "--format", "json")
    assert result.exit_code in (0, 1), result.output
    assert ".coscore.yaml" not in result.stdout.replace('"config": ".coscore.yaml"', "")
    assert "projects/good.yaml" in result.stdout


# --- names too long for the file system ----------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [["score", "projects/good.yaml", "--rubric", LONG + ".yaml"], ["score", LONG + ".yaml"], ["check", *[LONG + str(i) for i in range(10)]], ["portfolio", LONG, "--format", "json"], ["lint", LONG + ".md"],
     ["history", LONG + ".yaml"], ["compare", LONG + ".yaml", "projects/good.yaml"], ["responses", "validate", LONG], ["rubric", "validate", LONG + ".yaml"]],
    ids=["--rubric", "score", "check x10", "portfolio", "lint", "history", "compare", "responses", "rubric validate"],
)
def test_names_too_long_are_located_errors(folder: Path, args: list[str]):
    result = invoke(*args)
    assert result.exit_code == 2, result.output
    assert ":1:1: " in result.output and "too long" in result.output


def test_a_configured_rubric_name_too_long_is_a_located_error(folder: Path):
    (folder / ".coscore.yaml").write_text(f'rubric: {LONG}.yaml\nprojects: ["projects/*.yaml"]\n', encoding="utf-8")
    result = invoke("check")
    assert result.exit_code == 2
    assert "too long" in result.output


def test_a_front_matter_link_too_long_is_a_located_error(folder: Path):
    (folder / "plan.md").write_text(f"---\ncoscore-project: {LONG}.yaml\n---\n# Plan\n", encoding="utf-8")
    result = invoke("lint", "plan.md")
    assert result.exit_code == 2
    assert "plan.md:2:" in result.stderr


# --- odd TOML and lone surrogates ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("toml", "expected"),
    [("tool = 5\n", "pyproject.toml:1:1: tool must be a table"), ("[tool.coscore]\nprojects = " + "[" * 500 + "]" * 500 + "\n", "pyproject.toml:1:1: this TOML is nested too deeply")],
    ids=["tool = 5", "500 deep"],
)
@pytest.mark.parametrize("how", ["named", "discovered"])
def test_odd_toml_is_a_located_error(folder: Path, toml: str, expected: str, how: str):
    text = toml if how == "named" else toml.replace("tool = 5\n", "tool = 5\n# [tool.coscore]\n") + ("" if "[tool.coscore]" in toml else "[tool.coscore]\n")
    (folder / "pyproject.toml").write_text(text, encoding="utf-8")
    args = ["check", "projects/good.yaml"] + (["--config", "pyproject.toml"] if how == "named" else [])
    result = invoke(*args)
    assert result.exit_code == 2, result.output
    assert "pyproject.toml:" in result.stderr
    if how == "named":
        assert expected in result.stderr


def test_a_lone_surrogate_in_configuration_is_a_located_error(folder: Path):
    (folder / ".coscore.yaml").write_text('fail_under:\n  dimensions:\n    "x\\ud800": 5\n', encoding="utf-8")
    result = invoke("check", "projects/good.yaml", "--format", "json")
    assert result.exit_code == 2
    assert ".coscore.yaml:3:5: " in result.stderr and "surrogate" in result.stderr


def test_a_lone_surrogate_in_a_baseline_is_a_located_error(folder: Path):
    (folder / "baseline.json").write_text('{"coscore_baseline": 1, "findings": [{"fingerprint": "\\ud800"}]}\n', encoding="utf-8")
    result = invoke("check", "projects/good.yaml", "--baseline", "baseline.json")
    assert result.exit_code == 2
    assert "baseline.json:1:" in result.stderr and "surrogate" in result.stderr
