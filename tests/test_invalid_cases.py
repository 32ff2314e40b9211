"""An invalid project file through a real subprocess: exact location, message on stderr, exit 2.

The case files themselves (tests/cases/invalid, with their .expect files) are run by tests/test_cases.py.
"""

from __future__ import annotations

import re

from conftest import CASES, run_coscore


def test_invalid_case_through_real_subprocess():
    path = CASES / "invalid" / "seats-not-a-number.yaml"
    result = run_coscore("score", str(path))
    assert result.returncode == 2
    assert result.stdout == ""
    assert re.search(r"seats-not-a-number\.yaml:6:12: decision_bodies\.seats: must be a whole number", result.stderr)
    assert "Traceback" not in result.stderr
