"""Mutated survey exports (CSV) and documents in the new formats (web page, Word, PDF)
through the commands that read them (issue 14, item 5)."""

from __future__ import annotations

import random
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fuzz_support import EXAMPLES, budget, example, mutate, run, write

DOCUMENTS = ("involvement-page.html", "involvement-plan.docx", "carers-strategy.pdf")
DOCUMENT_COMMANDS = (
    ("lint", "{d}"),
    ("lint", "{d}", "--format", "parsable", "--project", "project.yaml"),
    ("lint", "{d}", "--format", "json"),
    ("lint", "docs"),
)
EXPORT_COMMANDS = (
    ("responses", "import", "export.csv", "--output-dir", "out"),
    ("responses", "import", "export.csv", "--init-mapping"),
    ("score", "project.yaml", "--responses", "export.csv"),
    ("report", "project.yaml", "--format", "markdown", "--responses", "export.csv", "--redact"),
    ("portfolio", "project.yaml", "--responses", "export.csv"),
)


def test_mutated_documents_in_every_format(request, tmp_path_factory):
    @settings(max_examples=budget(request, 40, 900), deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(seed=st.integers(0, 2**32 - 1), source=st.sampled_from(DOCUMENTS), command=st.sampled_from(DOCUMENT_COMMANDS))
    def one(seed: int, source: str, command: tuple[str, ...]) -> None:
        rng = random.Random(seed)
        folder: Path = tmp_path_factory.mktemp("document")
        d = write(folder, f"docs/{source}", mutate(example(source), rng))
        write(folder, "project.yaml", example("washed.yaml"))
        run(folder, *(a.format(d=d) for a in command), inputs=(d, "project.yaml"))

    one()


def test_mutated_survey_exports(request, tmp_path_factory):
    export = (EXAMPLES / "survey" / "google-forms.csv").read_bytes()

    @settings(max_examples=budget(request, 40, 900), deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(seed=st.integers(0, 2**32 - 1), command=st.sampled_from(EXPORT_COMMANDS))
    def one(seed: int, command: tuple[str, ...]) -> None:
        rng = random.Random(seed)
        folder: Path = tmp_path_factory.mktemp("export")
        write(folder, "export.csv", mutate(export, rng))
        write(folder, "project.yaml", example("co-design.yaml"))
        run(folder, *command, inputs=("export.csv", "project.yaml"))

    one()
