"""Snapshot tests: the whole Markdown and HTML report for two case projects.

The expected files live in tests/snapshots/report/. After an intended change
to a report, regenerate them and review the diff before committing:

    COSCORE_UPDATE_SNAPSHOTS=1 python -m pytest tests/test_report_snapshots.py
"""

from __future__ import annotations

import os

import pytest

from report_support import ROOT, SNAPSHOT_CASES, SUFFIX, render, snapshot_path

UPDATE = os.environ.get("COSCORE_UPDATE_SNAPSHOTS") == "1"


@pytest.mark.parametrize("fmt", sorted(SUFFIX))
@pytest.mark.parametrize("case", SNAPSHOT_CASES)
def test_report_matches_snapshot(case, fmt, monkeypatch):
    monkeypatch.chdir(ROOT)
    text = render(case, fmt)
    snapshot = snapshot_path(case, fmt)
    if UPDATE:
        snapshot.parent.mkdir(parents=True, exist_ok=True)
        snapshot.write_text(text, encoding="utf-8", newline="")
    assert snapshot.exists(), f"no snapshot {snapshot}; create it with COSCORE_UPDATE_SNAPSHOTS=1"
    expected = snapshot.read_text(encoding="utf-8")
    assert text == expected, f"{case} {fmt} report differs from {snapshot}; if the change is intended, regenerate (see this file's docstring)"
