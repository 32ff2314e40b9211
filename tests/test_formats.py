"""Every member of every output format enum, through its real command: non-empty, and the format it claims.

A new format enum, or a new member of one, fails here until it has a row in ``CASES``.
"""

from __future__ import annotations

import ast
import json
import os
import subprocess
import xml.etree.ElementTree as ET
from enum import Enum
from pathlib import Path

import pytest
from typer.testing import CliRunner

from coscore.cli import app
from coscore.render.formats import FORMAT_ENUMS, CheckFormat, FormFormat, LintFormat, PortfolioFormat, ReportFormat, ScoreFormat, TrendFormat

ROOT = Path(__file__).resolve().parents[1]
PEER_LED = str(ROOT / "examples" / "peer-led.yaml")
WASHED = str(ROOT / "examples" / "washed.yaml")
STRATEGY = str(ROOT / "examples" / "strategy.md")


def is_json(text: str) -> bool:
    return isinstance(json.loads(text), dict)


def is_sarif(text: str) -> bool:
    data = json.loads(text)
    return data["version"] == "2.1.0" and data["runs"][0]["results"]


def is_junit(text: str) -> bool:
    return ET.fromstring(text).tag in ("testsuites", "testsuite")


def is_html(text: str) -> bool:
    return text.lstrip().lower().startswith("<!doctype html>") and "</html>" in text


def is_markdown(text: str) -> bool:
    return text.startswith("#") and "|" in text


def is_github(text: str) -> bool:
    return all(line.startswith("::") for line in text.splitlines()) and "::error" in text


def is_parsable(text: str) -> bool:
    return all(line.split(":", 3)[1].isdigit() and line.split(":", 3)[2].isdigit() for line in text.splitlines())


def people_text(*words: str):
    def check(text: str) -> bool:
        return not text.lstrip().startswith(("{", "<", "::")) and all(w in text for w in words)

    return check


# (member, command line with {history} for a file kept in git, what the output must be).
# A list, not a dict: str enums of different classes with the same value are equal.
CASES: list[tuple[Enum, list[tuple[list[str], object]]]] = [
    (ScoreFormat.terminal, [(["score", PEER_LED], people_text("Peer"))]),
    (ScoreFormat.json, [(["score", PEER_LED], is_json)]),
    (CheckFormat.auto, [(["check", WASHED], is_parsable)]),  # not a terminal, not in GitHub Actions
    (CheckFormat.terminal, [(["check", WASHED], people_text("washed.yaml"))]),
    (CheckFormat.parsable, [(["check", WASHED], is_parsable)]),
    (CheckFormat.json, [(["check", WASHED], is_json)]),
    (CheckFormat.sarif, [(["check", WASHED], is_sarif)]),
    (CheckFormat.github, [(["check", WASHED], is_github)]),
    (CheckFormat.junit, [(["check", WASHED], is_junit)]),
    (TrendFormat.terminal, [(["compare", WASHED, PEER_LED], people_text("Overall")), (["history", "{history}"], people_text("working copy"))]),
    (TrendFormat.json, [(["compare", WASHED, PEER_LED], is_json), (["history", "{history}"], is_json)]),
    (PortfolioFormat.terminal, [(["portfolio", PEER_LED, WASHED], people_text("Peer"))]),
    (PortfolioFormat.markdown, [(["portfolio", PEER_LED, WASHED], is_markdown)]),
    (PortfolioFormat.html, [(["portfolio", PEER_LED, WASHED], is_html)]),
    (PortfolioFormat.json, [(["portfolio", PEER_LED, WASHED], is_json)]),
    (LintFormat.terminal, [(["lint", STRATEGY], people_text("strategy.md"))]),
    (LintFormat.parsable, [(["lint", STRATEGY], is_parsable)]),
    (LintFormat.json, [(["lint", STRATEGY], is_json)]),
    (ReportFormat.markdown, [(["report", PEER_LED], is_markdown), (["report", PEER_LED, "--for", "participants"], people_text("# You said, we did", "## What happens next"))]),
    (ReportFormat.html, [(["report", PEER_LED], is_html), (["report", PEER_LED, "--for", "participants"], is_html)]),
    (FormFormat.html, [(["responses", "form"], is_html)]),
    (FormFormat.markdown, [(["responses", "form"], people_text("# Your view of the project", "- [ ] 2 - Developing"))]),
]
RUNS = [(member, args, looks_right) for member, rows in CASES for args, looks_right in rows]


def test_every_format_enum_in_the_package_is_listed() -> None:
    declared = set()
    for path in (ROOT / "src" / "coscore").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef) and node.name.endswith("Format") and any(ast.unparse(b) == "Enum" for b in node.bases):
                declared.add(node.name)
    assert declared == {e.__name__ for e in FORMAT_ENUMS}


def test_every_member_of_every_format_enum_has_a_case() -> None:
    listed = [(type(m), m.name) for m, _ in CASES]
    assert sorted(listed, key=str) == sorted({(e, m.name) for e in FORMAT_ENUMS for m in e}, key=str)


@pytest.fixture(scope="module")
def history_file(tmp_path_factory) -> str:
    """A project file committed once to its own git repository."""
    repo = tmp_path_factory.mktemp("history")
    (repo / "project.yaml").write_text(Path(PEER_LED).read_text(encoding="utf-8"), encoding="utf-8")
    env = {
        **os.environ, "GIT_CEILING_DIRECTORIES": str(repo.parent), "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.org", "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.org",
    }
    for args in (["init", "-q"], ["add", "project.yaml"], ["commit", "-q", "-m", "First"]):
        subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)
    (repo / "project.yaml").write_text(Path(PEER_LED).read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
    return str(repo / "project.yaml")


@pytest.mark.parametrize(("member", "args", "looks_right"), RUNS, ids=[f"{type(m).__name__}.{m.name}-{a[0]}" for m, a, _ in RUNS])
def test_each_format_renders_through_its_command(member: Enum, args: list[str], looks_right, history_file: str, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    monkeypatch.chdir(tmp_path)  # no configuration file found: the defaults
    command = [history_file if a == "{history}" else a for a in args] + ["--format", member.value]
    result = CliRunner().invoke(app, command, catch_exceptions=False)
    assert result.exit_code in (0, 1), result.output
    assert result.stdout.strip(), f"{member!r} printed nothing"
    assert looks_right(result.stdout), result.stdout[:500]
