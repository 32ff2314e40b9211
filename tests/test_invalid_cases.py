"""Every invalid project file gives a located, plain-English diagnostic.

Each file in tests/cases/invalid starts with a comment:
    # expect: LINE:COL: message fragment | hint fragment
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from coscore.io import loaders
from coscore.errors import InputProblems
from conftest import CASES, run_coscore

INVALID = sorted((CASES / "invalid").glob("*.yaml"))
EXPECT = re.compile(r"^# expect: (\d+):(\d+): (.*?)(?: \| (.*))?$")


def expectation(path: Path):
    match = EXPECT.match(path.read_text(encoding="utf-8").splitlines()[0])
    assert match, f"{path.name} needs an '# expect: LINE:COL: message | hint' first line"
    line, col, message, hint = match.groups()
    return int(line), int(col), message, hint or ""


def test_there_are_enough_invalid_cases():
    assert len(INVALID) >= 15


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.stem)
def test_invalid_case_gives_exact_location_and_message(path: Path):
    line, col, message, hint = expectation(path)
    with pytest.raises(InputProblems) as caught:
        loaders.load_project(path)
    diagnostics = caught.value.diagnostics
    matching = [d for d in diagnostics if message in d.message]
    assert matching, f"no diagnostic mentions {message!r}; got {[str(d) for d in diagnostics]}"
    d = matching[0]
    assert (d.location.line, d.location.column) == (line, col), str(d)
    assert d.location.path == str(path)
    assert hint in d.hint, f"hint {d.hint!r} should contain {hint!r}"


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.stem)
def test_invalid_case_through_cli_exits_2_without_traceback(path: Path, cli):
    line, col, message, _ = expectation(path)
    result = cli("score", str(path))
    assert result.exit_code == 2
    output = result.output
    assert f"{path}:{line}:{col}: " in output
    assert message in output
    assert "Traceback" not in output


def test_invalid_case_through_real_subprocess():
    path = CASES / "invalid" / "seats-not-a-number.yaml"
    result = run_coscore("score", str(path))
    assert result.returncode == 2
    assert result.stdout == ""
    assert re.search(r"seats-not-a-number\.yaml:7:12: decision_bodies\.seats: must be a whole number", result.stderr)
    assert "Traceback" not in result.stderr
