"""Mutated repository configuration (.coscore.yaml, pyproject.toml), baselines and saved
scores through check and baseline (issue 14, item 5)."""

from __future__ import annotations

import json
import random
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fuzz_support import budget, example, mutate, run, write

CONFIG = b"""rubric: eleven-principles
projects: ["projects/**/*.yaml"]
documents: ["docs/*.md"]
exclude: ["projects/old/**"]
fail_under:
  overall: 40
  dimensions:
    share-power: 30
fail_on: [error, single-short-term-funder]
evidence_max_age_months: 24
baseline: .coscore-baseline.json
lint:
  rule_files: []
  disable: [deficit-vulnerable]
  fail_level: warning
"""
PYPROJECT = b"""[project]
name = "x"

[tool.coscore]
projects = ["projects/**/*.yaml"]
documents = ["docs/*.md"]
fail_on = ["error"]

[tool.coscore.fail_under]
overall = 40

[tool.coscore.lint]
fail_level = "error"
"""
BASELINE = json.dumps({"coscore_baseline": 1, "findings": [{"fingerprint": "0123456789abcdef", "rule_id": "x", "path": "projects/a.yaml", "message": "m"}]}).encode()
COMMANDS = (
    ("check", "--format", "parsable"),
    ("check", "--format", "json"),
    ("check", "--format", "github"),
    ("check", "--format", "terminal", "--compare", "previous.json"),
    ("check", "projects/a.yaml", "--format", "sarif"),
    ("baseline", "--output", "out/baseline.json"),
)


def repository(folder: Path, rng: random.Random) -> tuple[str, ...]:
    """A small repository: two projects, one document, a configuration, a baseline, a saved score; one file mutated."""
    files = {
        "projects/a.yaml": example("starter.yaml"),
        "projects/b.yaml": example("co-design.yaml"),
        "docs/plan.md": example("strategy-peer-led.md").replace(b"coscore-project: peer-led.yaml", b"coscore-project: ../projects/b.yaml"),
        ".coscore-baseline.json": BASELINE,
        "previous.json": b'{"format_version": 1, "project": {"file": "projects/a.yaml"}, "dimensions": [{"id": "share-power", "score": 10}]}',
    }
    if rng.random() < 0.3:
        files["pyproject.toml"] = PYPROJECT
    else:
        files[".coscore.yaml"] = CONFIG
    target = rng.choice(sorted(files))
    if rng.random() < 0.8:
        target = ".coscore.yaml" if ".coscore.yaml" in files else "pyproject.toml"
    files[target] = mutate(files[target], rng)
    for name, data in files.items():
        write(folder, name, data)
    (folder / "out").mkdir()
    return tuple(files)


def test_mutated_configuration(request, tmp_path_factory):
    @settings(max_examples=budget(request, 80, 2000), deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(seed=st.integers(0, 2**32 - 1), command=st.sampled_from(COMMANDS))
    def one(seed: int, command: tuple[str, ...]) -> None:
        rng = random.Random(seed)
        folder: Path = tmp_path_factory.mktemp("repository")
        inputs = repository(folder, rng)
        run(folder, *command, inputs=inputs)

    one()
