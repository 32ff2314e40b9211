"""One folder rule: `coscore lint` and `coscore check` enter the same folders and skip the same ones."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from coscore.io import files
from conftest import CASES, invoke_in_process

WORDING = "We will empower vulnerable service users going forward.\n"


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    project = (CASES / "check" / "failing.yaml").read_text(encoding="utf-8")
    for folder in ["strategy/2026", *sorted(files.SKIPPED_FOLDERS), ".hidden", "site/.cache"]:
        (tmp_path / folder).mkdir(parents=True, exist_ok=True)
        (tmp_path / folder / "plan.md").write_text(WORDING, encoding="utf-8")
        (tmp_path / folder / "project.yaml").write_text(project, encoding="utf-8")
    (tmp_path / ".coscore.yaml").write_text("documents: ['**/*.md']\nprojects: ['**/*.yaml']\n", encoding="utf-8")
    return tmp_path


def shown_files(output: str) -> set[str]:
    return {line.split(":", 1)[0] for line in output.splitlines() if ":" in line and not line.startswith(" ")}


def run_in(folder: Path, *args: str):
    before = os.getcwd()
    os.chdir(folder)
    try:
        return invoke_in_process(*args)
    finally:
        os.chdir(before)


def test_lint_and_check_find_the_same_documents_and_skip_the_same_folders(tree: Path):
    lint = run_in(tree, "lint", ".", "--format", "parsable")
    check = run_in(tree, "check", ".", "--format", "parsable")
    linted = {Path(p).as_posix().removeprefix("./") for p in shown_files(lint.stdout)}
    checked = {Path(p).as_posix().removeprefix("./") for p in shown_files(check.stdout)}
    assert "strategy/2026/plan.md" in linted, lint.output
    assert {p for p in checked if p.endswith(".md")} == linted
    assert "strategy/2026/project.yaml" in checked, check.output
    for skipped in [*files.SKIPPED_FOLDERS, ".hidden", "site/.cache"]:
        assert not any(p.startswith(f"{skipped}/") for p in linted | checked), skipped


def test_walk_files_is_the_one_rule(tree: Path):
    found = {p.relative_to(tree).as_posix() for p in files.walk_files(tree, (".md", ".yaml"))}
    assert found == {"strategy/2026/plan.md", "strategy/2026/project.yaml"}
