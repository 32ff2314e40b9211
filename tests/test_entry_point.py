"""Start-up as users get it: `coscore check` through the console script's ``main()``, in a fresh process."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from conftest import ROOT, coscore_command, run_coscore


@pytest.mark.parametrize("how", ["console script", "python -m coscore"])
def test_check_runs_through_main(how: str, tmp_path: Path) -> None:
    config = tmp_path / ".coscore.yaml"
    config.write_text("fail_under:\n  overall: 50\n", encoding="utf-8")
    command = coscore_command() if how == "console script" else [sys.executable, "-m", "coscore"]
    washed, peer_led = str(ROOT / "examples" / "washed.yaml"), str(ROOT / "examples" / "peer-led.yaml")
    result = run_coscore("check", washed, peer_led, "--config", str(config), "--format", "json", command=command)
    assert result.returncode == 1, result.stderr  # washed.yaml fails the policy
    report = json.loads(result.stdout)
    assert [f["path"] for f in report["files"]] == [washed, peer_led]
    assert any(f["rule_id"] == "fail-under" for f in report["files"][0]["findings"])
    passing = run_coscore("check", peer_led, "--config", str(config), "--format", "parsable", command=command)
    assert (passing.returncode, passing.stdout, passing.stderr) == (0, "", "")


def test_the_console_script_names_main() -> None:
    import tomllib

    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["scripts"]
    assert scripts == {"coscore": "coscore.cli:main"}
    from coscore.cli import main

    assert callable(main)
