"""Fuzzing the project loader: whatever the bytes, the only failure is a located diagnostic.

Inputs are the real examples with bytes and lines mutated, windows cut out of
them, YAML-flavoured noise, and generated structures using the project file's
own field names (2,500 cases in all). For every input, loading either succeeds (and then scoring
must succeed too) or raises ``InputProblems`` whose every diagnostic names the
file and a line and column inside it.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coscore.io import loaders
from coscore.workflows import rubrics
from coscore.io import yamlio
from coscore.errors import InputProblems
from coscore.models.project import ProjectFile
from coscore.scoring import assess

ROOT = Path(__file__).resolve().parents[1]
SOURCES = sorted((ROOT / "examples").glob("*.yaml")) + sorted((ROOT / "tests" / "cases" / "valid").glob("*.yaml"))
SOURCE_BYTES = [p.read_bytes() for p in SOURCES]
SOURCE_LINES = [b.decode("utf-8").splitlines(keepends=True) for b in SOURCE_BYTES]
RUBRIC = rubrics.load_rubric(None)
FUZZ = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large], database=None)

# Bytes YAML gives meaning to, and a few that break decoding.
SPECIAL = b":-[]{}&*!|>#'\"\t\n\r ,?%@`\\~\x00\x07\x85\xff\xfe\xef\xbb\xbf"
LINE_BREAKS = re.compile("\r\n|[\r\n]")  # YAML 1.2 line breaks; U+2028 and U+0085 are ordinary characters


def check_outcome(text_bytes: bytes, path: Path, run) -> None:
    """Run ``run``; a success must score, a failure must be located diagnostics inside the file."""
    try:
        loaded = run()
    except InputProblems as problems:
        assert problems.diagnostics, "InputProblems with no diagnostics"
        text = text_bytes.decode("utf-8", errors="replace").removeprefix("\ufeff")
        lines = LINE_BREAKS.split(text)
        for d in problems.diagnostics:
            assert d.location.path == str(path), str(d)
            assert 1 <= d.location.line <= len(lines), f"{d} (the text has {len(lines)} lines)"
            width = len(lines[d.location.line - 1])
            assert 1 <= d.location.column <= width + 1, f"{d} (line {d.location.line} has {width} characters)"
            assert d.message and "Traceback" not in d.message
            assert len(str(d)) < 2000, "message quotes too much of the input"
        return
    project = loaded if isinstance(loaded, ProjectFile) else loaded.project
    assessment = assess(project, RUBRIC)
    assert 0 <= assessment.overall_score <= 100


# --- mutations ---------------------------------------------------------------------------


@st.composite
def mutated_bytes(draw) -> bytes:
    index = draw(st.integers(0, len(SOURCE_BYTES) - 1))
    lines = SOURCE_LINES[index]
    # Large examples cost time to parse; a window of lines keeps each case quick and is itself a
    # good mutation (sections cut in half, indentation that starts deep).
    if len(lines) > 60:
        start = draw(st.integers(0, len(lines) - 40))
        data = "".join(lines[start : start + draw(st.integers(20, 60))]).encode("utf-8")
    else:
        data = SOURCE_BYTES[index]
    data = bytearray(data)
    for _ in range(draw(st.integers(1, 4))):
        op = draw(st.sampled_from(["insert", "delete", "replace", "duplicate", "special"]))
        at = draw(st.integers(0, len(data)))
        if op == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=8))
        elif op == "special":
            data[at:at] = bytes([draw(st.sampled_from(SPECIAL))]) * draw(st.integers(1, 3))
        elif op == "delete":
            del data[at : at + draw(st.integers(1, 12))]
        elif op == "replace" and at < len(data):
            data[at] = draw(st.sampled_from(SPECIAL + b"azAZ09"))
        elif op == "duplicate":
            end = min(len(data), at + draw(st.integers(1, 80)))
            data[end:end] = data[at:end]
    return bytes(data)


@st.composite
def mutated_lines(draw) -> str:
    lines = list(draw(st.sampled_from(SOURCE_LINES)))
    if len(lines) > 60:
        start = draw(st.integers(0, len(lines) - 40))
        lines = lines[start : start + 50]
    for _ in range(draw(st.integers(1, 5))):
        if not lines:
            break
        i = draw(st.integers(0, len(lines) - 1))
        op = draw(st.sampled_from(["drop", "repeat", "swap", "indent", "dedent", "tab", "anchor", "alias", "flow", "quote"]))
        line = lines[i]
        if op == "drop":
            del lines[i]
        elif op == "repeat":
            lines.insert(i, line)
        elif op == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "indent":
            lines[i] = " " * draw(st.integers(1, 5)) + line
        elif op == "dedent":
            lines[i] = line.lstrip(" ")
        elif op == "tab":
            lines[i] = "\t" + line
        elif op == "anchor":
            lines[i] = line.replace(": ", ": &x ", 1)
        elif op == "alias":
            lines[i] = re.sub(r": .*", ": *x", line, count=1)
        elif op == "flow":
            lines[i] = line.replace(": ", ": [", 1)
        elif op == "quote":
            lines[i] = line.replace(": ", ': "', 1)
    return "".join(lines)


NOISE = st.lists(
    st.sampled_from(list(":-[]{}&*!|>#'\" \t\n,?%@`~.0123456789abcxyz") + ["coscore", "project", "name", "people", "role", "seats", "- ", ": ", "\n  ", "&a ", "*a", "!!str ", "<<: ", "2025-02-30", "---\n", "...\n", "\ufeff", "\u2028", "\x85"]),
    max_size=60,
).map("".join)


@pytest.fixture(scope="module")
def workdir(tmp_path_factory) -> Path:
    """One folder for the whole module: hypothesis runs each test many times in one call."""
    return tmp_path_factory.mktemp("fuzz")


@settings(FUZZ, max_examples=800)
@given(data=mutated_bytes())
def test_mutated_example_bytes_load_or_fail_with_located_diagnostics(workdir: Path, data: bytes):
    path = workdir / "mutated.yaml"
    path.write_bytes(data)
    check_outcome(data, path, lambda: loaders.load_project(path))
    assert path.read_bytes() == data  # loading never changes the file


@settings(FUZZ, max_examples=700)
@given(text=mutated_lines())
def test_mutated_example_lines_parse_and_validate_or_fail_with_located_diagnostics(text: str):
    path = "mutated.yaml"

    def run():
        parsed = yamlio.parse_yaml(text, path)
        return yamlio.validate(ProjectFile, parsed)

    check_outcome(text.encode("utf-8"), Path(path), run)


@settings(FUZZ, max_examples=800)
@given(text=NOISE)
def test_yaml_flavoured_noise_never_escapes_as_an_exception(text: str):
    path = "noise.yaml"
    check_outcome(text.encode("utf-8"), Path(path), lambda: yamlio.validate(ProjectFile, yamlio.parse_yaml(text, path)))


# --- generated structures with the file's own field names --------------------------------

def _field_names() -> list[str]:
    """Every field name of the project file and of the records inside it."""
    names: set[str] = set()
    seen: set[type] = set()
    todo: list = [ProjectFile]
    while todo:
        model = todo.pop()
        if model in seen:
            continue
        seen.add(model)
        names.update(model.model_fields)
        for info in model.model_fields.values():
            todo.extend(c for c in yamlio._unwrap(info.annotation) + [yamlio._item_type(info.annotation)] if yamlio._is_model(c))
    return sorted(names)


FIELD_NAMES = _field_names()
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-10, 10**6),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from(["2025-01-31", "2025-02-30", "0000-00-00", "lived experience", "Staff", "co-design", "", "x" * 300, "1e400"]),
    st.text(max_size=20),
)


def structures(depth: int = 4):
    return st.recursive(
        SCALARS,
        lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.sampled_from(FIELD_NAMES), inner, max_size=5)),
        max_leaves=25,
    )


@settings(FUZZ, max_examples=200)
@given(body=st.dictionaries(st.sampled_from(FIELD_NAMES), structures(), max_size=6), with_header=st.booleans(), indent=st.sampled_from([None, 2]))
def test_generated_structures_validate_or_fail_with_located_diagnostics(body: dict, with_header: bool, indent):
    if with_header:
        body = {"coscore": 1, "project": {"name": "Fuzz"}, **body}
    # JSON is YAML: one line of nested brackets, or one value per line
    text = json.dumps(body, indent=indent, allow_nan=True)
    path = "generated.yaml"
    check_outcome(text.encode("utf-8"), Path(path), lambda: yamlio.validate(ProjectFile, yamlio.parse_yaml(text, path)))


def test_the_fuzzers_reach_both_outcomes():
    """Guard against a fuzzer that only ever produces garbage (or only valid files)."""
    outcomes = {"ok": 0, "problem": 0}
    for data in SOURCE_BYTES:
        for cut in (len(data), len(data) // 2, 7):
            try:
                yamlio.validate(ProjectFile, yamlio.parse_yaml(data[:cut].decode("utf-8", "replace"), "x.yaml"))
                outcomes["ok"] += 1
            except InputProblems:
                outcomes["problem"] += 1
    assert outcomes["ok"] >= len(SOURCES) and outcomes["problem"] >= len(SOURCES)
