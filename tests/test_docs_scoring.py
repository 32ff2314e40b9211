"""docs/scoring.md: every shell block runs as written, every YAML block is a valid project file,
and the page states the rules the code and rubric follow."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from coscore.facts import max_age_days
from coscore.io.loaders import project_from_text
from coscore.models.project import DecisionBody, Decision, Person, CommunityGroup, Partner, Budget
from coscore.workflows import rubrics

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "scoring.md"


def blocks() -> list[tuple[str, str]]:
    return re.findall(r"```(\w+)\n(.*?)```", DOC.read_text(encoding="utf-8"), flags=re.S)


def test_shell_blocks_run_as_written():
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    prelude = f'coscore() {{ "{sys.executable}" -m coscore "$@"; }}\n'
    ran = 0
    for language, body in blocks():
        if language != "sh":
            continue
        for command in (line for line in body.splitlines() if line.strip()):
            result = subprocess.run(["bash", "-c", prelude + command], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
            assert result.returncode == 0 and not result.stderr.strip(), f"{command}\n{result.stderr}"
            ran += 1
    assert ran >= 2


def test_yaml_blocks_are_valid_project_files():
    yaml_blocks = [body for language, body in blocks() if language == "yaml"]
    assert yaml_blocks
    for body in yaml_blocks:
        project_from_text(body, "docs/scoring.md")


def test_the_field_table_names_only_real_fields():
    models = {"decision_bodies[]": DecisionBody, "decisions[]": Decision, "people[]": Person, "community[]": CommunityGroup, "partners[]": Partner, "budget": Budget}
    rows = re.findall(r"^\| `(\w+)` \| `([\w\[\]]+)` \|", DOC.read_text(encoding="utf-8"), flags=re.M)
    assert len(rows) == 8
    for field, where in rows:
        assert field in models[where].model_fields, (field, where)


def test_the_page_states_the_numbers_the_code_uses():
    text = DOC.read_text(encoding="utf-8")
    rubric = rubrics.load_rubric(None)
    assert f"version {rubric.version}" in text
    assert f"{max_age_days(rubric.evidence.max_age_months)} days" in text
    assert "Why free text alone cannot raise a score" in text
