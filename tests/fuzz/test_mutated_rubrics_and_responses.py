"""Mutated rubric and response files through the commands that read them (issue 14, item 5)."""

from __future__ import annotations

import random
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fuzz_support import EXAMPLES, RUBRIC, budget, example, mutate, run, write

RESPONSES = tuple(sorted(p.name for p in (EXAMPLES / "responses").glob("*.yaml")))
RUBRIC_COMMANDS = (
    ("rubric", "validate", "rubric.yaml"),
    ("rubric", "show", "./rubric.yaml"),
    ("score", "project.yaml", "--rubric", "rubric.yaml"),
    ("check", "project.yaml", "--rubric", "rubric.yaml", "--format", "json"),
    ("report", "project.yaml", "--format", "markdown", "--rubric", "rubric.yaml"),
    ("responses", "template", "--rubric", "rubric.yaml"),
    ("responses", "template", "--rubric", "rubric.yaml", "--output", "out/response.yaml"),
    ("portfolio", "project.yaml", "--rubric", "rubric.yaml", "--format", "html"),
)
RESPONSE_COMMANDS = (
    ("responses", "validate", "responses"),
    ("responses", "validate", "responses/one.yaml"),
    ("score", "project.yaml", "--responses", "responses"),
    ("score", "project.yaml", "--responses", "responses/one.yaml", "--format", "json"),
    ("report", "project.yaml", "--format", "html", "--responses", "responses", "--redact"),
    ("report", "project.yaml", "--format", "markdown", "--responses", "responses", "--output", "out/report.md"),
)


def test_mutated_rubrics(request, tmp_path_factory):
    rubric_bytes = RUBRIC.read_bytes()

    @settings(max_examples=budget(request, 50, 1200), deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(seed=st.integers(0, 2**32 - 1), command=st.sampled_from(RUBRIC_COMMANDS))
    def one(seed: int, command: tuple[str, ...]) -> None:
        rng = random.Random(seed)
        folder: Path = tmp_path_factory.mktemp("rubric")
        (folder / "out").mkdir()
        write(folder, "rubric.yaml", mutate(rubric_bytes, rng))
        write(folder, "project.yaml", example("co-design.yaml"))
        run(folder, *command, inputs=("rubric.yaml", "project.yaml"))

    one()


def test_mutated_responses(request, tmp_path_factory):
    @settings(max_examples=budget(request, 50, 1200), deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(seed=st.integers(0, 2**32 - 1), sources=st.lists(st.sampled_from(RESPONSES), min_size=1, max_size=4), command=st.sampled_from(RESPONSE_COMMANDS))
    def one(seed: int, sources: list[str], command: tuple[str, ...]) -> None:
        rng = random.Random(seed)
        folder: Path = tmp_path_factory.mktemp("responses")
        (folder / "out").mkdir()
        names = ["responses/one.yaml"] + [f"responses/r{i}.yaml" for i in range(1, len(sources))]
        for name, source in zip(names, sources):
            data = example(f"responses/{source}")
            write(folder, name, mutate(data, rng) if name == "responses/one.yaml" or rng.random() < 0.2 else data)
        write(folder, "project.yaml", example("co-design.yaml"))
        run(folder, *command, inputs=(*names, "project.yaml"))

    one()
