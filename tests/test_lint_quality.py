"""The labelled corpus (tests/lint/corpus) keeps the linter's precision and recall at their targets.

The figures are computed by benchmarks/lint_quality.py, the same code that prints the table.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from coscore.io import yamlio

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "lint" / "corpus"
KINDS = {"good practice", "washing", "deficit framing", "deficit", "hedged promises", "user-led", "criticises bad language", "mixed"}


def _benchmark():
    spec = importlib.util.spec_from_file_location("lint_quality", ROOT / "benchmarks" / "lint_quality.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def quality():
    return _benchmark().measure(CORPUS)


def test_the_corpus_is_big_enough_and_every_document_is_labelled():
    documents = sorted(CORPUS.glob("*.md"))
    assert len(documents) >= 40
    kinds = set()
    for path in documents:
        labels = yamlio.parse_yaml(path.with_suffix(".expected.yaml").read_text(encoding="utf-8"), "x").data
        assert set(labels) == {"kind", "findings", "clean"}, path.name
        assert labels["kind"] in KINDS, path.name
        assert labels["clean"], f"{path.name}: name at least one phrase that must not be flagged"
        kinds.add(labels["kind"])
        text = path.read_text(encoding="utf-8")
        for phrase in labels["clean"]:
            assert phrase in text, f"{path.name}: clean phrase {phrase!r} is not in the document"
    assert {"good practice", "washing", "hedged promises", "user-led", "criticises bad language"} <= kinds


def test_precision_and_recall_meet_their_targets(quality):
    assert _benchmark().meets_targets(quality) == []


def test_no_finding_lands_on_a_phrase_labelled_clean(quality):
    assert [fp for fp in quality.false_positives if fp[2]] == []


def test_the_figures_count_every_finding_once(quality):
    # right + wrong is every active finding; right + missed is every labelled finding
    labelled = sum(len(yamlio.parse_yaml(p.read_text(encoding="utf-8"), "x").data["findings"] or []) for p in CORPUS.glob("*.expected.yaml"))
    assert sum(quality.right.values()) + sum(quality.missed.values()) == labelled
    assert len(quality.false_positives) == sum(quality.wrong.values())
