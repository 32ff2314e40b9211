"""One folder rule: `coscore lint` and `coscore check` enter the same folders and skip the same ones."""

from __future__ import annotations

from pathlib import Path

import json
import shutil

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from coscore.cli import app
from coscore.io.files import SKIPPED_FOLDERS, expand_documents, expand_paths, walk_files

from coscore.io import files
from conftest import invoke_in as run_in, CASES, invoke_in_process

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


EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
SKIPPED = sorted(SKIPPED_FOLDERS) + [".hidden"]


def _tree(root: Path) -> None:
    """A project and a document nested two folders deep, and a copy of each in every skipped folder."""
    nested = root / "team" / "plans"
    nested.mkdir(parents=True)
    shutil.copy(EXAMPLES / "washed.yaml", nested / "washed.yaml")
    (nested / "strategy.md").write_text((EXAMPLES / "strategy.md").read_text(encoding="utf-8"), encoding="utf-8")
    for name in SKIPPED:
        inner = root / "team" / name / "pkg"
        inner.mkdir(parents=True)
        shutil.copy(EXAMPLES / "washed.yaml", inner / "washed.yaml")
        (inner / "strategy.md").write_text("---\ncoscore-project: washed.yaml\n---\n# Ours\n\nWe empower service users.\n", encoding="utf-8")


def test_lint_and_check_with_and_without_globs_list_the_same_nested_files(tmp_path, monkeypatch):
    _tree(tmp_path)
    (tmp_path / ".coscore.yaml").write_text('projects: ["**/*.yaml"]\ndocuments: ["**/*.md"]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    lint = runner.invoke(app, ["lint", "--format", "json", "."])
    check = runner.invoke(app, ["check", "--format", "json"])
    check_named = runner.invoke(app, ["check", "--format", "json", "."])
    assert lint.exit_code in (0, 1), lint.output
    assert check.exit_code in (0, 1), check.output
    assert check_named.exit_code in (0, 1), check_named.output
    lint_files = {Path(f).as_posix() for f in json.loads(lint.stdout)["files"]}
    assert lint_files == {"team/plans/strategy.md"}
    for result in (check, check_named):
        checked = {Path(f["path"]).as_posix() for f in json.loads(result.stdout)["files"]}
        assert checked == {"team/plans/washed.yaml", "team/plans/strategy.md"}
    # lint's rule and check's rule are one: the same documents, none from a skipped folder
    assert {p for p in checked if p.endswith(".md")} == lint_files
    assert "node_modules" not in lint.stdout + check.stdout


def test_a_folder_argument_lists_its_own_files_by_the_same_rule(tmp_path):
    (tmp_path / "a.yaml").write_text("x: 1\n", encoding="utf-8")
    (tmp_path / ".hidden.yaml").write_text("x: 1\n", encoding="utf-8")
    (tmp_path / "node_modules").mkdir()
    (tmp_path / "node_modules" / "b.yaml").write_text("x: 1\n", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "c.yaml").write_text("x: 1\n", encoding="utf-8")
    assert expand_paths([str(tmp_path)]) == [str(tmp_path / "a.yaml")]
    assert [str(p) for p in walk_files(tmp_path, (".yaml",), recursive=False)] == [str(tmp_path / "a.yaml")]
    assert [p.relative_to(tmp_path).as_posix() for p in walk_files(tmp_path, (".yaml",))] == ["a.yaml", "sub/c.yaml"]


folder_names = st.sampled_from([*SKIPPED, "docs", "plans", "team", "build-notes", "dists", "modules"])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(paths=st.lists(st.lists(folder_names, min_size=0, max_size=3), min_size=1, max_size=6))
def test_walk_files_finds_a_file_exactly_when_no_folder_on_its_way_is_skipped(tmp_path_factory, paths):
    root = tmp_path_factory.mktemp("walk")
    expected = set()
    for parts in paths:
        folder = root.joinpath(*parts)
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "doc.md").write_text("# A\n", encoding="utf-8")
        if not any(part in SKIPPED_FOLDERS or part.startswith(".") for part in parts):
            expected.add("/".join([*parts, "doc.md"]))
    found = [p.relative_to(root).as_posix() for p in walk_files(root, (".md",))]
    assert set(found) == expected
    assert len(found) == len(set(found))
    documents, _ = expand_documents([str(root)])
    assert {Path(d).relative_to(root).as_posix() for d in documents} == expected
