"""Shared helpers for the report tests: where the cases live, and how to run the CLI."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CASES = "tests/report_cases"  # relative to ROOT, so the path shown in reports is stable
SNAPSHOTS = ROOT / "tests" / "snapshots" / "report"
# Our own case files, plus two of the bundled examples (all fix assessed_on, so no date drifts).
SNAPSHOT_CASES = ("peer_led", "consultation", "examples/peer-led", "examples/washed")
SUFFIX = {"markdown": "md", "html": "html"}


def case_path(name: str) -> str:
    """'peer_led' -> a case file under tests/report_cases; 'examples/washed' -> that example."""
    return f"{name}.yaml" if "/" in name else f"{CASES}/{name}.yaml"


def snapshot_path(name: str, fmt: str):
    return SNAPSHOTS / f"{name.replace('/', '-')}.{SUFFIX[fmt]}"


def build_report(name: str, *, redact: bool = False, rubric: str | None = None):
    """The report model for a case file; the caller must run with ROOT as the working folder."""
    from coscore.workflows import report as report_workflow
    from coscore.workflows import rubrics

    return report_workflow.report_file(case_path(name), rubrics.load_rubric(rubric), rubric_ref=rubric, redact=redact)


def render(name: str, fmt: str, *, redact: bool = False, rubric: str | None = None) -> str:
    from coscore.render.report import ReportFormat, render_report

    return render_report(build_report(name, redact=redact, rubric=rubric), ReportFormat(fmt))


def run_cli(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    """Run this tree's coscore (not whichever tree is installed) through the shared helper."""
    from conftest import run_coscore

    return run_coscore(*args, cwd=cwd, env={"PYTHONIOENCODING": "utf-8"})