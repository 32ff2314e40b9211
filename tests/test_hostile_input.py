"""Broken and hostile input: every problem is a located message and exit code 2.

Case files in tests/cases/hostile/ pair each input with the exact diagnostic it
must produce (NAME.expect; tests/test_cases.py runs them). Inputs that are too big
or too odd to keep as files (alias bombs, deep nesting, pipes, links) are built here.
"""

from __future__ import annotations

import errno
import os
import time
import tracemalloc
from pathlib import Path

import pytest
from typer.testing import CliRunner

from coscore.io import files as io_files
from coscore.io import loaders
from coscore.io import yamlio
from coscore.cli import app
from coscore.errors import InputProblems

CASES = Path(__file__).parent / "cases" / "hostile"
HOSTILE = sorted(CASES.glob("*.yaml"))
runner = CliRunner()


def problems_of(path: Path) -> list[str]:
    with pytest.raises(InputProblems) as caught:
        loaders.load_project(path)
    return [str(d) for d in caught.value.diagnostics]


# --- bombs and deep nesting: refused quickly, in little memory ------------------------


def billion_laughs(levels: int = 9, fan_out: int = 9) -> str:
    lines = ["coscore: 1", 'a0: &a0 "lol"']
    for level in range(1, levels + 1):
        refs = ", ".join([f"*a{level - 1}"] * fan_out)
        lines.append(f"a{level}: &a{level} [{refs}]")
    lines.append(f"project: {{name: *a{levels}}}")
    return "\n".join(lines) + "\n"


def merge_key_bomb(levels: int = 12) -> str:
    """Each level merges the one below twice under new keys: 2**levels values if expanded."""
    lines = ["coscore: 1", "m0: &m0 {x: 1, y: 2}"]
    for level in range(1, levels + 1):
        lines.append(f"m{level}: &m{level} {{a: *m{level - 1}, b: *m{level - 1}}}")
    return "\n".join(lines) + "\n"


def deep_flow(depth: int = 50_000) -> str:
    return "coscore: 1\nproject: " + "[" * depth + "]" * depth + "\n"


def deep_block(depth: int = 2_000) -> str:
    return "coscore: 1\n" + "".join("  " * i + f"k{i}:\n" for i in range(depth))


def deep_rubric_condition(depth: int = 400) -> str:
    """A rubric whose condition nests any_of inside any_of: recursive models must not blow the stack."""
    condition = "{fact: lived_experience_seats, at_least: 1}"
    for _ in range(depth):
        condition = "{any_of: [" + condition + "]}"
    return (
        "coscore_rubric: 1\nid: deep\nversion: '1'\ntitle: t\ndescription: d\n"
        "scale: [{level: 0, name: a}, {level: 1, name: b}]\n"
        "dimensions:\n  - {id: d, title: t, description: d, source: s, levels: [{level: 0, description: x, next_step: y}, "
        "{level: 1, description: x, next_step: y, requires: [" + condition + "]}]}\n"
    )


def compact_nesting(indicator: str, depth: int = 100_000) -> str:
    """'- - - - x' or '? ? ? ? x': nesting without brackets or indentation, on one line."""
    return f"{indicator} " * depth + "x\n"


BOMBS = {
    "billion-laughs": (billion_laughs(), "aliases here expand the file to more than"),
    "merge-key-bomb": (merge_key_bomb(20), "aliases here expand the file to more than"),
    "deep-flow": (deep_flow(), "nested more than"),
    "deep-block": (deep_block(), "nested more than"),
    "compact-sequences": (compact_nesting("-"), "nested more than"),
    "compact-keys": (compact_nesting("?"), "nested more than"),
}


def _reject_measured(text: str) -> tuple[InputProblems, float, int]:
    tracemalloc.start()
    started = time.perf_counter()
    try:
        with pytest.raises(InputProblems) as caught:
            yamlio.parse_yaml(text, "bomb.yaml")
        elapsed = time.perf_counter() - started
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return caught.value, elapsed, peak


@pytest.mark.parametrize("name", sorted(BOMBS))
def test_bombs_are_refused_in_bounded_memory(name: str):
    text, fragment = BOMBS[name]
    problems, elapsed, peak = _reject_measured(text)
    assert fragment in str(problems)
    (diagnostic,) = problems.diagnostics
    assert (diagnostic.location.line, diagnostic.location.column) != (1, 1)  # points at the alias or the level where it went too far
    # Fully expanded, the billion-laughs file would be 9**9 (about 387 million) values.
    assert peak < 20 * 1024 * 1024, f"peak memory {peak / 1e6:.1f} MB"
    # A hang guard, not a speed target: these are refused in well under a second.
    assert elapsed < 10, f"took {elapsed:.1f} s"


@pytest.mark.parametrize("indicator", ["-", "?"])
def test_compact_nesting_does_not_crash_the_interpreter(indicator: str, tmp_path: Path):
    """libyaml's composer recurses in C: this once killed Python with a segmentation fault.

    Run in a child process so that, if it ever comes back, the failure is a clear
    message here rather than the whole test run dying.
    """
    import subprocess
    import sys

    bomb = tmp_path / "compact.yaml"
    bomb.write_text(compact_nesting(indicator, 1_000_000), encoding="utf-8")
    src = Path(__file__).resolve().parents[1] / "src"
    result = subprocess.run([sys.executable, "-m", "coscore", "score", str(bomb)], capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(src)}, timeout=120)
    assert result.returncode == 2, f"exit {result.returncode}: {result.stderr[-500:]}"
    assert f"{bomb}:1:" in result.stderr and "nested more than" in result.stderr


def test_bomb_through_the_command_line(tmp_path: Path):
    bomb = tmp_path / "bomb.yaml"
    bomb.write_text(billion_laughs(), encoding="utf-8")
    result = runner.invoke(app, ["score", str(bomb)])
    assert result.exit_code == 2
    assert f"{bomb}:" in result.output and "alias bomb" in result.output


def test_deeply_nested_rubric_conditions_are_refused_not_a_recursion_error(tmp_path: Path):
    rubric = tmp_path / "deep-rubric.yaml"
    rubric.write_text(deep_rubric_condition(), encoding="utf-8")
    result = runner.invoke(app, ["rubric", "validate", str(rubric)])
    assert result.exit_code == 2
    assert "nested more than" in result.output
    assert "Traceback" not in result.output


def test_recursion_error_anywhere_in_loading_becomes_a_diagnostic(monkeypatch):
    """Even if a future ruamel recursed where today it does not, no RecursionError escapes."""

    def explode(self, stream):
        raise RecursionError("maximum recursion depth exceeded")

    from ruamel.yaml import YAML

    from coscore.io import fastyaml

    monkeypatch.setattr(YAML, "load", explode)
    monkeypatch.setattr(fastyaml, "parse", lambda *args: None)  # make the round-trip parser read it
    with pytest.raises(InputProblems) as caught:
        yamlio.parse_yaml("coscore: 1\n", "f.yaml")
    assert "nested too deeply" in str(caught.value)


def test_nesting_just_inside_the_limit_still_loads():
    depth = yamlio.MAX_DEPTH - 2
    text = "coscore: 1\nproject: {name: ok}\nx: " + "[" * depth + "1" + "]" * depth + "\n"
    parsed = yamlio.parse_yaml(text, "f.yaml")
    value = parsed.data["x"]
    for _ in range(depth):
        value = value[0]
    assert value == 1


def test_huge_flat_list_is_refused_at_the_value_limit(monkeypatch):
    # A smaller limit keeps the test quick; the counting is the same at any limit.
    monkeypatch.setattr(yamlio, "MAX_NODES", 2_000)
    just_fits = "items: [" + "1," * 1_997 + "]\n"  # with the mapping, the key and the list: 2,000 values
    assert len(yamlio.parse_yaml(just_fits, "f.yaml").data["items"]) == 1_997
    too_many = "items: [" + "1," * 1_998 + "]\n"
    with pytest.raises(InputProblems) as caught:
        yamlio.parse_yaml(too_many, "f.yaml")
    assert "more than 2,000 values" in str(caught.value)
    # a file a hundred times over the limit is refused without building it first
    far_too_many = "items: [" + "1," * 200_000 + "]\n"
    tracemalloc.start()
    try:
        with pytest.raises(InputProblems):
            yamlio.parse_yaml(far_too_many, "f.yaml")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 20 * 1024 * 1024, f"peak memory {peak / 1e6:.1f} MB"


def test_small_legitimate_aliases_still_work():
    text = (
        "coscore: 1\n"
        "project: {name: Shared evidence}\n"
        "decision_bodies:\n"
        "  - {name: Board, seats: 4, evidence: &minutes [{source: minutes.pdf}]}\n"
        "  - {name: Panel, seats: 3, evidence: *minutes}\n"
    )
    project = yamlio.validate(__import__("coscore.models.project", fromlist=["ProjectFile"]).ProjectFile, yamlio.parse_yaml(text, "f.yaml"))
    assert [b.evidence[0].source for b in project.decision_bodies] == ["minutes.pdf", "minutes.pdf"]


# --- paths: folders, missing files, links, pipes, permissions, size ---------------------


def _one_problem(path) -> str:
    with pytest.raises(InputProblems) as caught:
        io_files.read_text(path)
    (diagnostic,) = caught.value.diagnostics
    assert diagnostic.location.path == str(path)
    return diagnostic.message + " | " + diagnostic.hint


def test_folder(tmp_path: Path):
    assert "this is a folder" in _one_problem(tmp_path)


def test_missing_file(tmp_path: Path):
    assert "no such file" in _one_problem(tmp_path / "nope.yaml")


def test_missing_folder_in_path(tmp_path: Path):
    afile = tmp_path / "a.yaml"
    afile.write_text("x: 1\n")
    assert "part of the path is a file" in _one_problem(afile / "b.yaml")


def test_link_to_nothing(tmp_path: Path):
    link = tmp_path / "link.yaml"
    link.symlink_to(tmp_path / "gone.yaml")
    assert "link to a file that no longer exists" in _one_problem(link)


def test_link_to_folder(tmp_path: Path):
    link = tmp_path / "link.yaml"
    link.symlink_to(tmp_path)
    assert "this is a folder" in _one_problem(link)


def test_link_loop(tmp_path: Path):
    link = tmp_path / "loop.yaml"
    link.symlink_to(link)
    assert "points back at itself" in _one_problem(link)


def test_link_to_a_good_file_is_followed(tmp_path: Path):
    real = tmp_path / "real.yaml"
    real.write_text("coscore: 1\n", encoding="utf-8")
    link = tmp_path / "link.yaml"
    link.symlink_to(real)
    assert io_files.read_text(link) == "coscore: 1\n"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_named_pipe_with_no_writer_is_refused_instead_of_hanging(tmp_path: Path):
    pipe = tmp_path / "pipe.yaml"
    os.mkfifo(pipe)
    assert "not an ordinary file" in _one_problem(pipe)


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_endless_device_is_refused():
    assert "not an ordinary file" in _one_problem("/dev/zero")


def test_link_to_a_device_is_refused(tmp_path: Path):
    if not Path("/dev/null").exists():
        pytest.skip("needs /dev/null")
    link = tmp_path / "null.yaml"
    link.symlink_to("/dev/null")
    assert "not an ordinary file" in _one_problem(link)


def test_unreadable_file(tmp_path: Path, monkeypatch):
    # The suite runs as root, which can read anything; make the open fail as it would for others.
    target = tmp_path / "secret.yaml"
    target.write_text("coscore: 1\n")
    real_open = os.open

    def denied(path, flags, *args, **kwargs):
        if str(path) == str(target):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", denied)
    assert "not allowed to read" in _one_problem(target)


def test_link_to_unreadable_file(tmp_path: Path, monkeypatch):
    target = tmp_path / "secret.yaml"
    target.write_text("coscore: 1\n")
    link = tmp_path / "link.yaml"
    link.symlink_to(target)
    real_open = os.open

    def denied(path, flags, *args, **kwargs):
        if os.path.realpath(path) == str(target):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", denied)
    assert "not allowed to read" in _one_problem(link)


def test_file_over_the_size_limit(tmp_path: Path):
    big = tmp_path / "big.yaml"
    big.write_bytes(b"# padding\n" * 200)
    with pytest.raises(InputProblems) as caught:
        io_files.read_text(big, max_bytes=1000)
    assert "too large to read (2,000 bytes; the limit is 1,000)" in str(caught.value)


def test_size_limit_from_the_environment(tmp_path: Path, monkeypatch):
    big = tmp_path / "big.yaml"
    big.write_text("coscore: 1\nproject: {name: " + "x" * 200 + "}\n", encoding="utf-8")
    monkeypatch.setenv("COSCORE_MAX_BYTES", "100")
    result = runner.invoke(app, ["score", str(big)])
    assert result.exit_code == 2
    assert "the limit is 100)" in result.output and "COSCORE_MAX_BYTES" in result.output
    monkeypatch.setenv("COSCORE_MAX_BYTES", "1_000_000")
    assert io_files.input_size_limit() == 1_000_000


def test_bad_size_limit_in_the_environment_is_a_usage_error(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("COSCORE_MAX_BYTES", "lots")
    result = runner.invoke(app, ["score", "examples/starter.yaml"])
    assert result.exit_code == 2
    assert "COSCORE_MAX_BYTES must be a whole number of bytes" in result.output


def test_default_limit_is_several_megabytes():
    assert io_files.MAX_INPUT_BYTES >= 4 * 1024 * 1024


def test_read_never_reads_more_than_the_limit(tmp_path: Path, monkeypatch):
    """A file that grows after it was measured is still refused, and reading stops at the limit."""
    grower = tmp_path / "grows.yaml"
    grower.write_bytes(b"a" * 10)
    reads: list[int] = []
    real_read, real_fstat = os.read, os.fstat

    def counting_read(fd, n):
        reads.append(n)
        return real_read(fd, n)

    def small_fstat(fd):
        info = real_fstat(fd)
        return os.stat_result((info.st_mode, info.st_ino, info.st_dev, info.st_nlink, info.st_uid, info.st_gid, 5, *info[7:10]))

    monkeypatch.setattr(os, "read", counting_read)
    monkeypatch.setattr(os, "fstat", small_fstat)
    with pytest.raises(InputProblems) as caught:
        io_files.read_text(grower, max_bytes=5)
    assert "too large" in str(caught.value)
    assert sum(reads) <= 6


def test_bom_is_dropped_and_positions_are_unchanged(tmp_path: Path):
    with_bom = tmp_path / "bom.yaml"
    with_bom.write_bytes(b"\xef\xbb\xbfcoscore: 1\nproject:\n  name: x\n")
    assert io_files.read_text(with_bom).startswith("coscore")
    assert loaders.load_project(with_bom).project.project.name == "x"


def test_non_utf8_column_counts_characters_not_bytes(tmp_path: Path):
    mixed = tmp_path / "mixed.yaml"
    mixed.write_bytes("coscore: 1\nproject:\n  name: \u00e9\u00e9".encode("utf-8") + b"\xff\n")
    assert problems_of(mixed)[0].startswith(f"{mixed}:3:11: the file is not UTF-8 text")


def test_very_long_strings_are_cut_short_in_messages(tmp_path: Path):
    long_key = tmp_path / "key.yaml"
    long_key.write_text("coscore: 1\nproject: {name: x}\n" + "k" * 900 + ": 1\n", encoding="utf-8")
    (message,) = problems_of(long_key)
    assert len(message) < 600
