"""The front-matter link: a claim passes beside a strong project file and fails beside a washed one."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from coscore.workflows import lint as lint_workflow
from lint_helpers import PROJECTS

CLAIM = "Our drop-in was co-produced with the people who use it, and it is led by people with lived experience.\n"


def _document(folder: Path, link: str, body: str = CLAIM, name: str = "strategy.md") -> str:
    path = folder / "docs" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"---\ntitle: Strategy\ncoscore-project: {link}\n---\n\n{body}", encoding="utf-8")
    return str(path)


@pytest.fixture
def projects(tmp_path):
    target = tmp_path / "projects"
    target.mkdir()
    for name, source in PROJECTS.items():
        shutil.copy(source, target / f"{name}.yaml")
    return tmp_path


def test_claims_pass_beside_a_strong_project(projects):
    result = lint_workflow.lint_strategy_documents([_document(projects, "../projects/strong.yaml")])
    assert result.diagnostics == () and result.findings == () and result.unchecked_claims == 0


def test_the_same_claims_fail_beside_a_washed_project(projects):
    doc = _document(projects, "../projects/washed.yaml")
    result = lint_workflow.lint_strategy_documents([doc])
    assert result.diagnostics == ()
    got = [(f.rule_id, f.location.line, f.location.column, f.severity.value) for f in result.findings]
    assert got == [("claim-co-produced", 6, 17, "error"), ("claim-led-by-lived-experience", 6, 67, "error")]
    message = result.findings[0].message
    assert "co-production-without-power" in message and "'Consultation' rung" in message and "washed.yaml" in message


def test_without_a_link_claims_are_counted_not_judged(tmp_path):
    path = tmp_path / "plain.md"
    path.write_text(CLAIM, encoding="utf-8")
    result = lint_workflow.lint_strategy_documents([str(path)])
    assert result.findings == () and result.unchecked_claims == 2


def test_a_missing_project_file_is_an_input_error_at_the_link(projects):
    doc = _document(projects, "../projects/nowhere.yaml")
    result = lint_workflow.lint_strategy_documents([doc])
    assert [(d.location.path, d.location.line, d.location.column) for d in result.diagnostics] == [(doc, 3, 18)]
    assert "does not exist" in result.diagnostics[0].message and "relative to this document" in result.diagnostics[0].hint


def test_a_broken_project_file_reports_its_own_problem_and_the_link(projects):
    (projects / "projects" / "broken.yaml").write_text("coscore: 1\nproject:\n  name: X\n  started_on: 2025-13-40\n", encoding="utf-8")
    doc = _document(projects, "../projects/broken.yaml")
    result = lint_workflow.lint_strategy_documents([doc])
    places = [(Path(d.location.path).name, d.location.line) for d in result.diagnostics]
    assert places == [("broken.yaml", 4), ("strategy.md", 3)]


def test_a_link_that_is_not_text_is_an_input_error(tmp_path):
    path = tmp_path / "doc.md"
    path.write_text("---\ncoscore-project: [a, b]\n---\nText.\n", encoding="utf-8")
    result = lint_workflow.lint_strategy_documents([str(path)])
    assert [(d.location.line, d.location.column) for d in result.diagnostics] == [(2, 18)]


def test_invalid_front_matter_with_a_link_is_an_input_error(tmp_path):
    path = tmp_path / "doc.md"
    path.write_text("---\ntitle: [unclosed\ncoscore-project: x.yaml\n---\nText.\n", encoding="utf-8")
    result = lint_workflow.lint_strategy_documents([str(path)])
    assert len(result.diagnostics) == 1 and result.diagnostics[0].location.line >= 2
    assert "front matter" in result.diagnostics[0].message


def test_a_custom_resolver_is_used_once_per_project(projects):
    calls = []

    def resolver(path):
        calls.append(path)
        return lint_workflow.summarise_project(path)

    docs = [_document(projects, "../projects/washed.yaml", name=f"d{i}.md") for i in range(3)]
    result = lint_workflow.lint_strategy_documents(docs, project_resolver=resolver)
    assert len(calls) == 1 and len(result.findings) == 6
