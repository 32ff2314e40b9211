"""docs/lint.md: the shell blocks run as written, the YAML and TOML blocks are valid settings that
do what the page says, and the quality figures on the page are the ones the benchmark prints."""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

from coscore.io import yamlio

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "lint.md"


def blocks(language: str) -> list[str]:
    return [body for lang, body in re.findall(r"```(\w+)\n(.*?)```", DOC.read_text(encoding="utf-8"), flags=re.S) if lang == language]


def _run(command: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    prelude = f'coscore() {{ "{sys.executable}" -m coscore "$@"; }}\npython() {{ "{sys.executable}" "$@"; }}\n'
    return subprocess.run(["bash", "-c", prelude + command], cwd=cwd, env=env, capture_output=True, text=True, timeout=300)


def test_coscore_commands_run_as_written(tmp_path):
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    (tmp_path / "team-rules.yaml").write_text(blocks("yaml")[0], encoding="utf-8")
    commands = [line for body in blocks("sh") for line in body.splitlines() if line.startswith("coscore ")]
    commands += [line.strip().removesuffix(",") for line in re.findall(r"`(coscore lint --rules [^`]+)`", DOC.read_text(encoding="utf-8"))]
    assert len(commands) >= 5
    for command in commands:
        result = _run(command, tmp_path)
        assert result.returncode in (0, 1), f"{command}\n{result.stderr}"  # 1: the examples have findings
        assert not result.stderr.strip(), f"{command}\n{result.stderr}"
    flagged = _run("coscore lint --rules team-rules.yaml examples/ --format parsable", tmp_path).stdout
    assert "examples/strategy-peer-led.md:10:3: note:" in flagged and "[budget-needs-an-amount]" in flagged


def test_the_vocabulary_example_is_a_valid_configuration_that_accepts_the_term(tmp_path):
    (tmp_path / ".coscore.yaml").write_text(blocks("yaml")[1], encoding="utf-8")
    (tmp_path / "about.md").write_text("We are service users and survivors, and our beneficiaries run the groups.\n", encoding="utf-8")
    result = _run("coscore lint about.md --fail-level note", tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 on terms the team accepts (lint.vocabulary)" in result.stdout
    section = tomllib.loads(blocks("toml")[0])["tool"]["coscore"]["lint"]
    assert section["vocabulary"][0]["reason"]
    assert yamlio.parse_yaml(blocks("yaml")[1], "x").data["lint"]["enable"] == ["deficit-service-users"]


def test_the_quality_figures_on_the_page_are_the_benchmarks():
    spec = importlib.util.spec_from_file_location("lint_quality", ROOT / "benchmarks" / "lint_quality.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    q = module.measure()
    text = DOC.read_text(encoding="utf-8")
    strong, notes = q.rules("error", "warning"), q.rules("note")
    every = q.rules("error", "warning", "note")
    for label, rules in (("errors and warnings", strong), ("notes", notes), ("overall", every)):
        assert f"| {label} | {q.precision(rules):.1%} | {q.recall(rules):.1%} |" in text, label
    assert f"holds {q.documents} short documents" in text
