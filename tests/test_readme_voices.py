"""The commands in docs/responses.md for responses, history, compare and portfolio work as written (issue 6)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SECTIONS = ("## Ratings from many people", "## Change over time", "## Portfolios for funders and boards")


def readme_commands() -> list[str]:
    text = (ROOT / "docs" / "responses.md").read_text(encoding="utf-8")
    commands = []
    for heading in SECTIONS:
        start = text.index(heading)
        end = text.find("\n## ", start + len(heading))
        section = text[start : end if end != -1 else len(text)]
        for block in re.findall(r"```sh\n(.*?)```", section, flags=re.S):
            commands += [line for line in block.splitlines() if line.strip()]
    return commands


def test_the_sections_have_commands():
    commands = readme_commands()
    assert len(commands) >= 10
    assert all(c.startswith("coscore ") for c in commands)


def test_readme_commands_run_verbatim(tmp_path):
    """Each command runs in a fresh git repository holding the examples, and exits 0."""
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT / "src"),
        "GIT_CEILING_DIRECTORIES": str(tmp_path.parent),
        "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.org",
        "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.org",
        "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
    }
    for step in (["init", "-q"], ["add", "examples"], ["commit", "-q", "-m", "Examples"]):
        subprocess.run(["git", *step], cwd=tmp_path, env=env, check=True, capture_output=True)
    prelude = f'coscore() {{ "{sys.executable}" -m coscore "$@"; }}\n'
    for command in readme_commands():
        result = subprocess.run(["bash", "-c", prelude + command], cwd=tmp_path, env=env, capture_output=True, text=True)
        assert result.returncode == 0, f"{command}\n{result.stderr}"
        assert "Traceback" not in result.stderr
    assert (tmp_path / "my-response.yaml").read_text(encoding="utf-8").startswith("# A coscore response file")
    assert (tmp_path / "portfolio.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert '"overall_score"' in (tmp_path / "starter-before.json").read_text(encoding="utf-8")
