"""`coscore history` reads every committed version safely (issue 14, item 4).

Names with tabs, newlines, quotes and backslashes, commit subjects with any
character, versions over the size limit, and `--limit` reading only what it shows.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from coscore.cli import app

ROOT = Path(__file__).resolve().parents[1]
STARTER = (ROOT / "examples" / "starter.yaml").read_text(encoding="utf-8")


@pytest.fixture
def repo(tmp_path: Path, monkeypatch) -> Path:
    for key, value in {
        "GIT_CEILING_DIRECTORIES": str(tmp_path), "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.org", "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.org",
    }.items():
        monkeypatch.setenv(key, value)
    folder = tmp_path / "repo"
    folder.mkdir()
    git(folder, "init", "-q")
    monkeypatch.chdir(folder)
    return folder


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


def commit(repo: Path, name: str, text: str, subject: str) -> None:
    (repo / name).write_text(text, encoding="utf-8")
    git(repo, "add", "--", name)
    git(repo, "commit", "-q", "-m", subject)


def history_json(*args: str) -> dict:
    result = CliRunner().invoke(app, ["history", *args, "--format", "json"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.mark.parametrize("name", ["tab\there.yaml", "new\nline.yaml", 'quote"d.yaml', "back\\slash.yaml", "naïve ſ.yaml"], ids=["tab", "newline", "quote", "backslash", "unicode"])
def test_every_version_of_a_file_with_an_odd_name_is_read(repo: Path, name: str):
    commit(repo, name, STARTER, "First")
    commit(repo, name, STARTER.replace("lived_experience_seats: 2", "lived_experience_seats: 3"), "More seats")
    doc = history_json(name)
    assert [p["subject"] for p in doc["points"]] == ["First", "More seats"]
    assert all(p["problems"] == [] for p in doc["points"]), doc["points"]


def test_a_record_separator_in_a_commit_subject_makes_no_bogus_version(repo: Path):
    commit(repo, "p.yaml", STARTER, "First\x1eSecond\x1fThird")
    doc = history_json("p.yaml")
    assert len(doc["points"]) == 1
    assert doc["points"][0]["subject"] == "First\x1eSecond\x1fThird"
    assert doc["points"][0]["problems"] == []


def test_a_version_over_the_size_limit_is_reported_not_read(repo: Path, monkeypatch):
    commit(repo, "p.yaml", STARTER + "# " + "x" * 5000 + "\n", "Big")
    commit(repo, "p.yaml", STARTER, "Small again")
    monkeypatch.setenv("COSCORE_MAX_BYTES", str(len(STARTER.encode()) + 100))
    doc = history_json("p.yaml")
    big, small = doc["points"]
    assert big["problems"] and "too large to read" in big["problems"][0] and big["problems"][0].startswith("p.yaml@")
    assert small["problems"] == []


def test_limit_reads_only_the_versions_it_shows(repo: Path, monkeypatch):
    for n in range(6):
        commit(repo, "p.yaml", STARTER.replace("planned_duration_months: 24", f"planned_duration_months: {24 + n}"), f"Version {n}")
    calls: list[list[str]] = []
    real_run = subprocess.run

    def counting(args, *rest, **kwargs):
        if args and args[0] == "git":
            calls.append(list(args))
        return real_run(args, *rest, **kwargs)

    monkeypatch.setattr(subprocess, "run", counting)
    doc = history_json("p.yaml", "--limit", "2")
    assert [p["subject"] for p in doc["points"]] == ["Version 4", "Version 5"]
    assert doc["committed_versions"] == 6
    read = {a.split(":")[0] for c in calls for a in c if a.endswith(":p.yaml")}  # revisions whose p.yaml was fetched
    assert len(read) == 2  # the four older versions were never read
