"""Every case file, one format, one runner.

``tests/cases/<kind>/NAME.<ext>`` is an input and ``NAME.expect`` beside it lists,
one per line, exactly what coscore must say about it, as ``LINE:COL: TEXT``:

- for files coscore refuses (kinds ``invalid``, ``hostile``, ``messages``,
  ``responses/invalid``, ``rubrics/invalid``), TEXT is the whole diagnostic as the command line prints
  it after the file's path: ``message (what to do)``;
- for ``redflags``, TEXT is the id of a red flag the project raises, at the place
  coscore reports it (a flag about something missing is at 1:1);
- for ``lint``, TEXT is the id of the rule that fires there, in the order
  `coscore lint` reports them (``good-*`` documents: nothing; ``bad-*``: exactly these).

Lines starting with ``#`` are comments. An ``.expect`` with no other lines means
"nothing to say". An input without an ``.expect``, or the reverse, is a failure,
so no case is silently unchecked. To write a new case, add the input, run
``COSCORE_WRITE_EXPECT=1 pytest tests/test_cases.py -k NAME``, and read what it wrote.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Callable

import pytest

from coscore.errors import InputProblems
from conftest import CASES, invoke_in_process


def _refused(load: Callable[[Path], object]) -> Callable[[Path], list[str]]:
    def produce(path: Path) -> list[str]:
        try:
            load(path)
        except InputProblems as problems:
            return [str(d).removeprefix(f"{path}:") for d in problems.diagnostics]
        return []

    return produce


def _load_project(path: Path):
    from coscore.io import loaders

    return loaders.load_project(path)


def _load_responses(path: Path):
    from coscore.io import loaders
    from coscore.workflows.rubrics import load_rubric

    return loaders.load_responses([str(path)], load_rubric(None))


def _load_rubric(path: Path):
    from coscore.workflows.rubrics import load_rubric

    return load_rubric(str(path))


def _lint_findings(path: Path) -> list[str]:
    from coscore.workflows import lint as lint_workflow

    result = lint_workflow.lint_strategy_documents([str(path)])
    return [str(d).removeprefix(f"{path}:") for d in result.diagnostics] + [
        f"{f.location.line}:{f.location.column}: {f.rule_id}" for f in result.active
    ]


def _red_flags(path: Path) -> list[str]:
    from coscore.workflows import score

    from coscore.workflows.rubrics import load_rubric

    a = score.assess_file(str(path), load_rubric(None))
    return sorted((f"{f.location.line}:{f.location.column}: {f.id}" if f.location else f"1:1: {f.id}" for f in a.red_flags),
                  key=lambda line: tuple(int(n) for n in line.split(":")[:2]))


KINDS: dict[str, Callable[[Path], list[str]]] = {
    "invalid": _refused(_load_project),
    "hostile": _refused(_load_project),
    "messages": _refused(_load_project),
    "responses/invalid": _refused(_load_responses),
    "rubrics/invalid": _refused(_load_rubric),
    "redflags": _red_flags,
    "lint": _lint_findings,
}
REFUSED = {"invalid", "hostile", "messages", "responses/invalid", "rubrics/invalid"}  # every case here must exit 2


def _inputs(kind: str) -> list[Path]:
    folder = CASES / kind
    return sorted(p for p in folder.glob("*") if p.is_file() and p.suffix != ".expect") if folder.is_dir() else []


CASE_FILES = [(kind, path) for kind in KINDS for path in _inputs(kind)]


def expected(path: Path) -> list[str]:
    lines = path.with_suffix(".expect").read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line.strip() and not line.startswith("#")]


def test_every_input_has_an_expectation_and_every_expectation_an_input():
    for kind in KINDS:
        folder = CASES / kind
        if not folder.is_dir():
            continue
        for expect in folder.glob("*.expect"):
            assert [p for p in _inputs(kind) if p.stem == expect.stem], f"{expect} has no input beside it"
        for path in _inputs(kind):
            assert path.with_suffix(".expect").is_file(), f"{path} has no {path.stem}.expect: write one (see this file's docstring)"


def test_there_are_enough_cases_of_each_kind():
    counts = {kind: len(_inputs(kind)) for kind in KINDS}
    assert counts["invalid"] >= 15 and counts["hostile"] >= 15 and counts["responses/invalid"] >= 10, counts
    assert counts["messages"] >= 10 and counts["redflags"] >= 5, counts
    lint = _inputs("lint")
    assert len([p for p in lint if p.name.startswith("good-")]) >= 10 and len([p for p in lint if p.name.startswith("bad-")]) >= 10


@pytest.mark.parametrize(("kind", "path"), CASE_FILES, ids=[f"{k}/{p.name}" for k, p in CASE_FILES])
def test_case_says_exactly_what_its_expect_file_says(kind: str, path: Path):
    got = KINDS[kind](path)
    if os.environ.get("COSCORE_WRITE_EXPECT") == "1" and not path.with_suffix(".expect").exists():
        path.with_suffix(".expect").write_text("".join(line + "\n" for line in got), encoding="utf-8")
    assert got == expected(path)


PROJECT_REFUSED = [(k, p) for k, p in CASE_FILES if k in {"invalid", "hostile", "messages"}]


@pytest.mark.parametrize(("kind", "path"), PROJECT_REFUSED, ids=[f"{k}/{p.name}" for k, p in PROJECT_REFUSED])
def test_refused_case_on_the_command_line_exits_2_with_the_same_words_and_no_traceback(kind: str, path: Path):
    before = path.read_bytes()
    result = invoke_in_process("score", str(path))
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    for line in expected(path):
        assert f"{path}:{line}" in result.stderr.replace("\n", "") or f"{path}:{line.split(': ')[0]}" in result.stderr
    assert path.read_bytes() == before  # never changed


def test_every_red_flag_of_the_rubric_has_a_case():
    from coscore.workflows.rubrics import load_rubric

    raised = {line.split(": ", 1)[1] for path in _inputs("redflags") for line in expected(path)}
    assert {flag.id for flag in load_rubric(None).red_flags} <= raised
    assert any(not expected(path) for path in _inputs("redflags")), "a clean project that raises no flag"
