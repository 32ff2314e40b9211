"""Realistic strategy paragraphs: good practice gives no findings; poor practice gives exactly the expected ones."""

from __future__ import annotations

from pathlib import Path

import pytest

from coscore.workflows import lint as lint_workflow
from coscore.io import yamlio

CORPUS = Path(__file__).parent / "lint"
GOOD = sorted((CORPUS / "good").glob("*.md"))
BAD = sorted((CORPUS / "bad").glob("*.md"))
EXPECTED = yamlio.parse_yaml((CORPUS / "bad" / "expected.yaml").read_text(encoding="utf-8"), "expected.yaml").data


def test_corpus_is_big_enough():
    assert len(GOOD) >= 10 and len(BAD) >= 10
    assert sorted(EXPECTED) == [p.name for p in BAD]


@pytest.mark.parametrize("path", GOOD, ids=lambda p: p.name)
def test_good_practice_has_no_findings(path):
    result = lint_workflow.lint_strategy_documents([str(path)])
    assert result.diagnostics == ()
    assert [f.parsable() for f in result.active] == []
    assert result.unchecked_claims == 0 or "coscore-project" not in path.read_text()


@pytest.mark.parametrize("path", BAD, ids=lambda p: p.name)
def test_poor_practice_has_the_expected_findings(path):
    result = lint_workflow.lint_strategy_documents([str(path)])
    assert result.diagnostics == ()
    got = [f"{f.rule_id} {f.location.line}:{f.location.column}" for f in result.active]
    assert got == EXPECTED[path.name]
