"""Each command reads each of its input files once (issue 12): no second parse of the same file."""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path

import pytest

from conftest import invoke_in as run_in, ROOT, invoke_in_process


@pytest.fixture
def opened(monkeypatch) -> Counter:
    """Counts, per real path, every time a file is opened for reading."""
    counts: Counter = Counter()
    real_open = os.open

    def counting_open(path, flags, *args, **kwargs):
        if not flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT):
            counts[os.path.realpath(path)] += 1
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", counting_open)
    return counts


def test_report_reads_the_project_and_each_response_file_once(opened: Counter, tmp_path: Path):
    responses = sorted((ROOT / "examples" / "responses").glob("*.yaml"))
    assert responses
    result = run_in(ROOT, "report", "examples/starter.yaml", "--format", "html", "--responses", "examples/responses", "--output", str(tmp_path / "r.html"))
    assert result.exit_code == 0, result.output
    inputs = [ROOT / "examples" / "starter.yaml", *responses]
    assert {str(p): opened[os.path.realpath(p)] for p in inputs} == {str(p): 1 for p in inputs}


def test_check_reads_a_project_and_a_document_linked_to_it_once(opened: Counter, tmp_path: Path):
    project = (ROOT / "examples" / "washed.yaml").read_text(encoding="utf-8")
    (tmp_path / "projects").mkdir()
    (tmp_path / "projects" / "hub.yaml").write_text(project, encoding="utf-8")
    (tmp_path / "strategy.md").write_text("---\ncoscore-project: projects/hub.yaml\n---\n# Plan\n\nThis hub is co-produced with residents.\n", encoding="utf-8")
    (tmp_path / ".coscore.yaml").write_text("projects: ['projects/*.yaml']\ndocuments: ['*.md']\n", encoding="utf-8")
    opened.clear()
    result = run_in(tmp_path, "check", "--format", "json")
    assert result.exit_code in (0, 1), result.output
    for name in ("projects/hub.yaml", "strategy.md", ".coscore.yaml"):
        assert opened[os.path.realpath(tmp_path / name)] == 1, (name, dict(opened))


def test_check_of_a_folder_reads_each_file_once_also_when_writing_its_output(opened: Counter, tmp_path: Path):
    """Walking a folder without globs: each YAML file is read once to see whether it is a project and not again to
    load it; a document and the project it links to are read once, and listing the inputs for --output reads nothing again."""
    project = (ROOT / "examples" / "washed.yaml").read_text(encoding="utf-8")
    (tmp_path / "plans").mkdir()
    (tmp_path / "plans" / "hub.yaml").write_text(project, encoding="utf-8")
    (tmp_path / "plans" / "ci.yaml").write_text("on: push\n", encoding="utf-8")  # not a project: read once to tell
    (tmp_path / "plans" / "strategy.md").write_text("---\ncoscore-project: hub.yaml\n---\n# Plan\n\nThis hub is co-produced with residents.\n", encoding="utf-8")
    named = ["plans", "plans/strategy.md"]  # a folder walked without globs, and a document named beside it
    for args in (["check", "--format", "json", *named], ["check", "--format", "json", *named, "--output", str(tmp_path / "out.json")], ["baseline", *named, "--output", str(tmp_path / "b.json")]):
        opened.clear()
        result = run_in(tmp_path, *args)
        assert result.exit_code in (0, 1), result.output
        for name in ("plans/hub.yaml", "plans/ci.yaml", "plans/strategy.md"):
            assert opened[os.path.realpath(tmp_path / name)] == 1, (args, name, dict(opened))


def test_check_scores_a_linked_project_once(monkeypatch, tmp_path: Path):
    """A project checked and linked from a document: its facts are computed once, for scoring and for the claims."""
    from coscore import scoring

    calls: Counter = Counter()
    real = scoring.compute_facts

    def counting(project, *args, **kwargs):
        calls[project.project.name] += 1
        return real(project, *args, **kwargs)

    monkeypatch.setattr(scoring, "compute_facts", counting)
    project = (ROOT / "examples" / "washed.yaml").read_text(encoding="utf-8")
    (tmp_path / "hub.yaml").write_text(project, encoding="utf-8")
    (tmp_path / "strategy.md").write_text("---\ncoscore-project: hub.yaml\n---\n# Plan\n\nThis hub is co-produced with residents.\n", encoding="utf-8")
    result = run_in(tmp_path, "check", "--format", "json", "hub.yaml", "strategy.md")
    assert result.exit_code in (0, 1), result.output
    assert sum(calls.values()) == 1, dict(calls)
