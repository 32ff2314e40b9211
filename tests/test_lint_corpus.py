"""Realistic strategy paragraphs: good practice gives no findings, and says so completely.

The paragraphs themselves are case files, tests/cases/lint/good-*.md and bad-*.md,
each with the exact findings in its .expect file, run by tests/test_cases.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from coscore.workflows import lint as lint_workflow

GOOD = sorted((Path(__file__).parent / "cases" / "lint").glob("good-*.md"))


@pytest.mark.parametrize("path", GOOD, ids=lambda p: p.name)
def test_good_practice_leaves_no_claim_unchecked(path):
    result = lint_workflow.lint_strategy_documents([str(path)])
    assert result.unchecked_claims == 0 or "coscore-project" not in path.read_text()
