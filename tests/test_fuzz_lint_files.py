"""Fuzzing the linter the way users reach it: real files, front matter and linked project files.

tests/test_lint_hypothesis.py fuzzes the pure matcher on text. Here the bytes
of the bundled strategy documents are mutated and written to disk, sometimes
with hostile YAML front matter or a ``coscore-project:`` link to a mutated
project file, and ``lint_workflow.lint_strategy_documents`` reads them. It must
never raise: every problem is a diagnostic, and every diagnostic and finding
names a line and column inside the file it is about.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coscore.workflows import lint as lint_workflow
from coscore.workflows import rubrics
from coscore.lint.engine import ProjectSummary

ROOT = Path(__file__).resolve().parents[1]
DOCUMENTS = [p.read_bytes() for p in sorted((ROOT / "examples").glob("*.md"))]
PROJECT = (ROOT / "examples" / "starter.yaml").read_bytes()
RULES = lint_workflow.lint_rule_set()
SPECIAL = b"#*_`[]()<>!-|>:&\t\n\r \x00\xff\xe2\x80\xa8\xef\xbb\xbf"
LINE_BREAKS = re.compile("\r\n|[\r\n]")
FRONT_MATTERS = [
    "",
    "---\ncoscore-project: linked.yaml\n---\n",
    "---\ncoscore-project: [unclosed\n---\n",
    "---\ncoscore-project: &a [*a]\n---\n",
    "---\na0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
    + "".join(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]\n" for i in range(1, 8))
    + "coscore-project: linked.yaml\n---\n",
    "---\ncoscore-project: " + "[" * 500 + "]" * 500 + "\n---\n",
    "---\n\tcoscore-project: linked.yaml\n---\n",
    "---\ncoscore-project: linked.yaml\ncoscore-project: other.yaml\n---\n",
    "---\ncoscore-project: missing.yaml\n---\n",
]


def mutate(draw, data: bytes) -> bytes:
    out = bytearray(data)
    for _ in range(draw(st.integers(0, 4))):
        at = draw(st.integers(0, len(out)))
        op = draw(st.sampled_from(["insert", "delete", "special", "duplicate"]))
        if op == "insert":
            out[at:at] = draw(st.binary(min_size=1, max_size=6))
        elif op == "delete":
            del out[at : at + draw(st.integers(1, 20))]
        elif op == "special":
            out[at:at] = bytes([draw(st.sampled_from(SPECIAL))]) * draw(st.integers(1, 4))
        else:
            end = min(len(out), at + draw(st.integers(1, 200)))
            out[end:end] = out[at:end]
    return bytes(out)


@st.composite
def document_and_project(draw) -> tuple[bytes, bytes]:
    document = draw(st.sampled_from(DOCUMENTS))
    lines = document.splitlines(keepends=True)
    if len(lines) > 40:  # a window keeps each case quick
        start = draw(st.integers(0, len(lines) - 20))
        document = b"".join(lines[start : start + 40])
    front = draw(st.sampled_from(FRONT_MATTERS)).encode("utf-8")
    return mutate(draw, front + document), mutate(draw, PROJECT)


def inside(location, files: dict[str, bytes]) -> None:
    assert location.path in files, location
    text = files[location.path].decode("utf-8", errors="replace").removeprefix("\ufeff")
    lines = LINE_BREAKS.split(text)
    assert 1 <= location.line <= len(lines), f"{location}: the file has {len(lines)} lines"
    assert 1 <= location.column <= len(lines[location.line - 1]) + 1, f"{location}: line has {len(lines[location.line - 1])} characters"


def resolver(path: str) -> ProjectSummary:
    # the real one scores the linked file; a cached rubric keeps the cases quick
    return lint_workflow.summarise_project(path, RUBRIC)


RUBRIC = rubrics.load_rubric(None)


@pytest.fixture(scope="module")
def workdir(tmp_path_factory) -> Path:
    """One folder for the whole module: hypothesis runs each test many times in one call."""
    return tmp_path_factory.mktemp("lint-fuzz")


@settings(max_examples=800, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(case=document_and_project())
def test_linting_mutated_files_never_raises_and_every_location_exists(workdir: Path, case: tuple[bytes, bytes]):
    document, project = case
    doc_path, project_path = workdir / "strategy.md", workdir / "linked.yaml"
    doc_path.write_bytes(document)
    project_path.write_bytes(project)
    result = lint_workflow.lint_strategy_documents([str(doc_path)], rules=RULES, project_resolver=resolver)
    files = {str(doc_path): document, str(project_path): project}
    for diagnostic in result.diagnostics:
        inside(diagnostic.location, files)
    for finding in result.findings:
        inside(finding.location, files)
    assert doc_path.read_bytes() == document and project_path.read_bytes() == project


def test_hostile_front_matter_is_a_located_diagnostic(workdir: Path):
    bomb = FRONT_MATTERS[4]
    path = workdir / "bomb.md"
    path.write_text(bomb + "# Strategy\n\nWe will co-produce everything.\n", encoding="utf-8")
    result = lint_workflow.lint_strategy_documents([str(path)], rules=RULES)
    (diagnostic,) = [d for d in result.diagnostics if "alias" in d.message]
    assert diagnostic.location.path == str(path)
    assert 2 <= diagnostic.location.line <= 9  # inside the front matter, at the alias that went too far
