"""Each command reads each of its input files once (issue 12): no second parse of the same file."""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path

import pytest

from conftest import ROOT, invoke_in_process


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


def run_in(folder: Path, *args: str):
    before = os.getcwd()
    os.chdir(folder)
    try:
        return invoke_in_process(*args)
    finally:
        os.chdir(before)


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
