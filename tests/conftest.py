"""Shared helpers: paths, and running the real `coscore` command."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
CASES = ROOT / "tests" / "cases"


def coscore_command() -> list[str]:
    """The installed console script (next to this Python), falling back to `python -m coscore`."""
    script = Path(sys.executable).with_name("coscore")
    if script.exists():
        return [str(script)]
    found = shutil.which("coscore")
    return [found] if found else [sys.executable, "-m", "coscore"]


def run_coscore(*args: str, cwd: Path | None = None, env: dict | None = None, input: str | None = None, command: list[str] | None = None) -> subprocess.CompletedProcess:
    """Run coscore as a user would (``command``: the console script by default), importing this checkout's code."""
    outside = {k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY")}  # as on a laptop, unless ``env`` says
    full_env = {**outside, "PYTHONPATH": str(ROOT / "src"), "NO_COLOR": "1", **(env or {})}
    return subprocess.run(
        [*(command or coscore_command()), *args],
        cwd=cwd or ROOT,
        env=full_env,
        capture_output=True,
        text=True,
        input=input,
        timeout=120,
    )


@pytest.fixture
def cli():
    """typer's in-process runner for the coscore app."""
    from typer.testing import CliRunner

    from coscore.cli import app

    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(app, list(args), catch_exceptions=False)

    return invoke


# --- in-process runs for the fuzz suite (tests/fuzz) and hardening tests -------------------


def pytest_addoption(parser):
    # The long property runs (2,000 generated examples each) are opt-in so the default suite stays quick.
    parser.addoption("--slow", action="store_true", default=False, help="run property tests with their full 2,000 examples")
    parser.addoption(
        "--quickstart",
        action="store_true",
        default=False,
        help="Run the README's first quick-start command verbatim in a fresh copy (makes a virtual environment, installs from PyPI).",
    )
    parser.addoption(
        "--fuzz-long",
        action="store_true",
        default=False,
        help="Run the fuzz suite in tests/fuzz with at least 10,000 inputs (a few minutes) instead of a few hundred.",
    )


class InProcessRun:
    """What one in-process coscore run did: exit code, both streams, the exception if any, and its time."""

    def __init__(self, result, seconds: float):
        self.exit_code = result.exit_code
        self.stdout = result.stdout
        self.stderr = result.stderr
        self.output = result.output
        self.exception = result.exception
        self.exc_info = result.exc_info
        self.seconds = seconds


def invoke_in_process(*args: str, input: str | None = None, env: dict | None = None) -> InProcessRun:
    """Run the coscore app in this process, catching every exception so the caller can judge it."""
    import time

    from typer.testing import CliRunner

    from coscore.cli import app

    started = time.perf_counter()
    result = CliRunner().invoke(app, list(args), input=input, env={"NO_COLOR": "1", "GITHUB_ACTIONS": None, "GITHUB_STEP_SUMMARY": None, **(env or {})}, catch_exceptions=True)
    return InProcessRun(result, time.perf_counter() - started)


def invoke_in(folder, *args: str, input: str | None = None, env: dict | None = None) -> InProcessRun:
    """``invoke_in_process`` run from inside ``folder`` (as a user who has cd'ed there), then back."""
    before = os.getcwd()
    os.chdir(folder)
    try:
        return invoke_in_process(*args, input=input, env=env)
    finally:
        os.chdir(before)


def invoke_cli(*args: str, env: dict | None = None, input: str | None = None):
    """Run the coscore app in this process as on a laptop (no colour, not GitHub Actions); exceptions propagate."""
    from typer.testing import CliRunner

    from coscore.cli import app

    base = {"NO_COLOR": "1", "GITHUB_ACTIONS": None, "GITHUB_STEP_SUMMARY": None}
    return CliRunner().invoke(app, list(args), env={**base, **(env or {})}, input=input, catch_exceptions=False)


def pytest_terminal_summary(terminalreporter):
    """The fuzz suite's figures (inputs, time, exit codes), when it ran."""
    support = sys.modules.get("fuzz_support")
    if support is not None:
        for line in support.summary_lines():
            terminalreporter.write_line(line)


def pytest_configure(config):
    import os

    if config.getoption("--slow", default=False):
        os.environ["COSCORE_SLOW_PROPERTIES"] = "1"
