"""The real pre-commit round trip: install coscore's hook from this checkout and commit.

pre-commit builds its own virtualenv from this repository at a git revision
(HEAD), installing coscore's dependencies from PyPI, so the hook tested is
the committed `.pre-commit-hooks.yaml` and the committed code.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("pre_commit", reason="pre-commit is part of the 'test' extra: pip install -e '.[test]'")

TREE = Path(__file__).resolve().parents[1]
CASES = TREE / "tests" / "cases" / "check"


def git(*args: str, cwd: Path, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=600)


@pytest.fixture
def environment(tmp_path: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT", "GITHUB_"))}
    env.update(
        {
            "GIT_AUTHOR_NAME": "Test",
            "GIT_AUTHOR_EMAIL": "test@example.org",
            "GIT_COMMITTER_NAME": "Test",
            "GIT_COMMITTER_EMAIL": "test@example.org",
            "GIT_CONFIG_GLOBAL": str(tmp_path / "gitconfig"),
            "GIT_CONFIG_NOSYSTEM": "1",
            "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-cache"),
        }
    )
    (tmp_path / "gitconfig").write_text("[init]\n\tdefaultBranch = main\n[protocol \"file\"]\n\tallow = always\n")
    return env


def test_hook_accepts_a_passing_file_and_refuses_a_failing_one(tmp_path: Path, environment: dict) -> None:
    head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=TREE, capture_output=True, text=True, check=True).stdout.strip()
    shown = subprocess.run(["git", "show", f"{head}:.pre-commit-hooks.yaml"], cwd=TREE, capture_output=True, text=True)
    assert shown.returncode == 0, "commit .pre-commit-hooks.yaml before running this test: pre-commit installs from HEAD"

    repo = tmp_path / "charity-policies"
    (repo / "projects").mkdir(parents=True)
    assert git("init", "-q", cwd=repo, env=environment).returncode == 0
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {TREE}\n    rev: {head}\n    hooks:\n      - id: coscore-check\n"
    )
    (repo / ".coscore.yaml").write_text("fail_on: [error]\nfail_under:\n  overall: 20\n")
    install = subprocess.run([sys.executable, "-m", "pre_commit", "install"], cwd=repo, env=environment, capture_output=True, text=True, timeout=600)
    assert install.returncode == 0, install.stdout + install.stderr

    # the configuration files themselves are YAML too: the hook must leave them alone
    git("add", ".pre-commit-config.yaml", ".coscore.yaml", cwd=repo, env=environment)
    shutil.copy(CASES / "passing.yaml", repo / "projects" / "drop-in.yaml")
    git("add", "projects/drop-in.yaml", cwd=repo, env=environment)
    accepted = git("commit", "-m", "Record the drop-in project", cwd=repo, env=environment)
    assert accepted.returncode == 0, accepted.stdout + accepted.stderr
    assert "coscore check" in accepted.stdout + accepted.stderr
    assert git("rev-list", "--count", "HEAD", cwd=repo, env=environment).stdout.strip() == "1"

    shutil.copy(CASES / "failing.yaml", repo / "projects" / "evening.yaml")
    git("add", "projects/evening.yaml", cwd=repo, env=environment)
    refused = git("commit", "-m", "Record the evening project", cwd=repo, env=environment)
    output = refused.stdout + refused.stderr
    assert refused.returncode != 0, output
    # which file, which line, and what to do
    assert "projects/evening.yaml:34:5: error: Input gathered after the decision" in output
    assert "reopen it with the people affected" in output
    assert "[input-after-decision]" in output
    assert git("rev-list", "--count", "HEAD", cwd=repo, env=environment).stdout.strip() == "1"
