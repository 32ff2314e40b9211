"""Shared helpers for the lint tests: the built-in rules and the two fixture projects."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from coscore.workflows import lint as lint_workflow
from coscore.lint.engine import lint_prose
from coscore.lint.markdown import extract

LINT_DIR = Path(__file__).parent / "lint"
PROJECTS = {"strong": LINT_DIR / "projects" / "strong.yaml", "washed": LINT_DIR / "projects" / "washed.yaml"}


@lru_cache(maxsize=None)
def rules():
    return lint_workflow.lint_rule_set()


@lru_cache(maxsize=None)
def project(name: str):
    return lint_workflow.summarise_project(PROJECTS[name])


def lint_text(text: str, project_name: str | None = None, path: str = "doc.md"):
    """Findings (suppressed ones included) for a Markdown text, optionally beside a fixture project."""
    summary = project(project_name) if project_name else None
    return lint_prose(extract(text), path, rules(), summary, str(PROJECTS[project_name]) if project_name else "").findings
