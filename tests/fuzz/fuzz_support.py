"""The fuzz suite's shared parts: input budget, mutation of example files, and the one
judgement every run must pass.

Every run goes through ``conftest.invoke_in_process`` (typer's CliRunner, in this
process) and is judged by ``judge``: exit code 0, 1 or 2; no exception and no
traceback; every diagnostic on standard error one line starting ``path:line:col:``;
nothing opened for writing, renamed or removed outside the run's temporary folder
(seen by an audit hook, so nothing can slip past); input files byte-for-byte
unchanged; under five seconds.

``--fuzz-long`` (tests/conftest.py) multiplies each test's number of inputs so that one
run of ``python -m pytest tests/fuzz --fuzz-long`` feeds coscore at least 10,000 inputs.
"""

from __future__ import annotations

import os
import random
import re
import sys
import threading
import time
from pathlib import Path

from conftest import invoke_in_process

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
RUBRIC = ROOT / "src" / "coscore" / "rubrics" / "eleven-principles.yaml"
MAX_SECONDS = 5.0

# Lines on standard error that are messages to people rather than diagnostics about a file.
_NOT_DIAGNOSTICS = ("coscore", "Wrote ", "wrote ", "Next:", "Usage:", "Try ", "Error:", "╭", "│", "╰", " ")
# path:line:col, or the places of files that have no lines: a survey export's row and column,
# a Word document's paragraph, a PDF's page and line
_LOCATED = re.compile(r'^.+?:(\d+:\d+|row \d+(:column "[^"\n]*")?| (paragraph|page) \d+[^:\n]*): \S')
_CONTROL = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029]")


class Tally:
    """What the session ran, for the summary line and docs/reliability.md."""

    inputs = 0
    runs = 0
    seconds = 0.0
    slowest = 0.0
    by_exit: dict[int, int] = {}
    by_command: dict[str, int] = {}
    started: float | None = None  # when the first fuzz input ran


def budget(request, short: int, long: int) -> int:
    """How many inputs a test generates: ``short`` by default, ``long`` with --fuzz-long."""
    return long if request.config.getoption("--fuzz-long") else short


# --- the audit hook: nothing written outside the run's folder ----------------------------------

_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND
_watch = threading.local()


def _audit(event: str, args: tuple) -> None:
    allowed = getattr(_watch, "allowed", None)
    if allowed is None:
        return
    paths: list[object] = []
    if event == "open":
        path, mode, flags = args
        writing = (isinstance(mode, str) and any(c in mode for c in "wax+")) or (isinstance(flags, int) and flags & _WRITE_FLAGS)
        if writing and not isinstance(path, int):
            paths.append(path)
    elif event in ("os.rename", "os.replace", "os.link", "os.symlink"):
        paths.extend(args[:2])
    elif event in ("os.remove", "os.rmdir", "os.mkdir", "os.chmod", "os.truncate", "os.utime"):
        paths.append(args[0])
    for path in paths:
        if isinstance(path, int):
            continue
        full = os.path.abspath(os.fsdecode(path))
        if not any(full == a or full.startswith(a + os.sep) for a in allowed):
            _watch.outside.append(f"{event} {full}")


sys.addaudithook(_audit)


# --- running and judging ----------------------------------------------------------------------


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every regular file under ``folder``, by relative path, with its bytes."""
    out = {}
    for path in folder.rglob("*"):
        if path.is_file() and not path.is_symlink():
            out[path.relative_to(folder).as_posix()] = path.read_bytes()
    return out


def run(folder: Path, *args: str, inputs: tuple[str, ...] = (), env: dict | None = None) -> object:
    """Run coscore in ``folder`` (the current directory for the run) and judge the result.

    ``inputs``: files (relative to ``folder``) the run reads, which must not change.
    Returns the run for further checks; raises AssertionError with the whole story if
    the run broke a rule.
    """
    if Tally.started is None:
        Tally.started = time.perf_counter()
    before = {name: (folder / name).read_bytes() for name in inputs if (folder / name).is_file()}
    old = os.getcwd()
    os.chdir(folder)
    _watch.allowed = (str(folder.resolve()), str(folder))
    _watch.outside = []
    try:
        result = invoke_in_process(*args, env=env)
    finally:
        _watch.allowed = None
        os.chdir(old)
    judge(result, args, folder)
    assert not _watch.outside, f"coscore {' '.join(args)} wrote outside its folder: {_watch.outside}"
    for name, data in before.items():
        assert (folder / name).read_bytes() == data, f"coscore {' '.join(args)} changed its input {name}"
    Tally.inputs += 1
    Tally.runs += 1
    Tally.seconds += result.seconds
    Tally.slowest = max(Tally.slowest, result.seconds)
    Tally.by_exit[result.exit_code] = Tally.by_exit.get(result.exit_code, 0) + 1
    command = " ".join(args[:2]) if args and args[0] in ("rubric", "responses") else (args[0] if args else "")
    Tally.by_command[command] = Tally.by_command.get(command, 0) + 1
    return result


def judge(result, args: tuple[str, ...], folder: Path) -> None:
    story = f"coscore {' '.join(map(repr, args))} in {folder}\n--- stdout\n{result.stdout[-2000:]}\n--- stderr\n{result.stderr[-2000:]}"
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        import traceback

        detail = "".join(traceback.format_exception(*result.exc_info))
        raise AssertionError(f"{story}\n--- exception\n{detail}")
    assert result.exit_code in (0, 1, 2), f"exit code {result.exit_code}\n{story}"
    assert "Traceback (most recent call last)" not in result.output, story
    for line in result.stderr.splitlines():
        if not line.strip() or line.startswith(_NOT_DIAGNOSTICS):
            continue
        assert _LOCATED.match(line), f"not a located one-line diagnostic: {line!r}\n{story}"
        assert not _CONTROL.search(line), f"control character in a diagnostic: {line!r}\n{story}"
    for line in result.stdout.splitlines():
        assert not line.startswith("::") or "--format" in args and "github" in args, f"workflow command outside --format github: {line!r}\n{story}"
    assert result.seconds < MAX_SECONDS, f"took {result.seconds:.1f} s\n{story}"


# --- mutation ------------------------------------------------------------------------------------

# Pieces that have broken YAML, TOML, Markdown and JSON readers, or coscore itself, before.
TOKENS: tuple[bytes, ...] = tuple(
    t.encode("utf-8", "surrogatepass") if isinstance(t, str) else t
    for t in (
        "\x00", "\t", "\r", "\n", "\r\n", '"', "'", ": ", "- ", "? ", "&a ", "*a", "<<: *a\n", "!!python/object:os.system ",
        "!!binary ", "!custom ", "[[", "]]", "{", "}", "---\n", "...\n", "%YAML 1.1\n", "#", "|\n", ">-\n",
        '"\\ud800"', '"\\e[2J\\e]0;x\\a"', '"1\\n::error file=README.md,line=1::forged"', "\u202e", "ſam", "İpek", "\ufeff",
        "9" * 400, "1e999", "-1", "0x1F", "2025-02-30", "1999-01-01", "9999-12-31", "null", "~", "[]", "{}", "yes", "no",
        "<script>alert(1)</script>", "https://x.example/a", "sam@x.example", b"\xff\xfe", b"\xc3", b"\xed\xa0\x80",
        "coscore-project: ../../../../etc/passwd\n", "coscore-project: " + "a" * 300 + ".yaml\n", "> " * 25, "- " * 12,
        "<!-- coscore-disable-next-line deficit-vulnerable -->\n", "<!-- coscore-disable -->", "```\n", "| a | b |\n|---|---|\n",
        "tool = 5\n", "[tool.coscore]\n", "x = " + "[" * 500, "a" * 300, "\\", "%", "::error::x\n", "\x1b[2J", "\u2028",
    )
)


def mutate(data: bytes, rng: random.Random, rounds: int | None = None) -> bytes:
    """``data`` changed in one to four places: bytes, lines, values and hostile pieces."""
    out = bytearray(data)
    for _ in range(rounds or rng.choice((1, 1, 1, 2, 3, 4))):
        kind = rng.randrange(9)
        if not out:
            out += rng.choice(TOKENS)
            continue
        at = rng.randrange(len(out) + 1)
        if kind == 0:  # flip a byte
            i = rng.randrange(len(out))
            out[i] = rng.randrange(256)
        elif kind == 1:  # delete a span
            out[at : at + rng.randint(1, 40)] = b""
        elif kind == 2:  # duplicate a span
            span = out[at : at + rng.randint(1, 200)]
            out[at:at] = span
        elif kind in (3, 4):  # insert a hostile piece
            out[at:at] = rng.choice(TOKENS)
        elif kind == 5:  # replace a value after ': '
            lines = bytes(out).split(b"\n")
            i = rng.randrange(len(lines))
            head, sep, _ = lines[i].partition(b": ")
            if sep:
                lines[i] = head + sep + rng.choice(TOKENS).replace(b"\n", b" ")
            out = bytearray(b"\n".join(lines))
        elif kind == 6:  # swap two lines
            lines = bytes(out).split(b"\n")
            i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
            lines[i], lines[j] = lines[j], lines[i]
            out = bytearray(b"\n".join(lines))
        elif kind == 7:  # indent or dedent a line
            lines = bytes(out).split(b"\n")
            i = rng.randrange(len(lines))
            lines[i] = (b" " * rng.randint(1, 5) + lines[i]) if rng.random() < 0.5 else lines[i].lstrip()
            out = bytearray(b"\n".join(lines))
        else:  # cut the file short
            out = out[:at]
    return bytes(out)


def with_value(data: bytes, value: str, rng: random.Random) -> bytes:
    """``data`` with one ``key: value`` line's value replaced by ``value``, quoted as YAML.

    The value is written as a JSON string (valid YAML in double quotes), so any text,
    control characters and lone surrogates included, reaches coscore as that text.
    """
    import json

    lines = data.split(b"\n")
    candidates = [i for i, line in enumerate(lines) if re.match(rb"^\s*(- )?[a-z_]+: [^|>\[{&*#]", line)]
    if not candidates:
        return data
    i = rng.choice(candidates)
    head, sep, _ = lines[i].partition(b": ")
    lines[i] = head + sep + json.dumps(value).encode("ascii")
    return b"\n".join(lines)


def example(name: str) -> bytes:
    return (EXAMPLES / name).read_bytes()


def write(folder: Path, name: str, data: bytes) -> str:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return name


def summary_lines() -> list[str]:
    if not Tally.runs:
        return []
    wall = time.perf_counter() - (Tally.started or time.perf_counter())
    exits = ", ".join(f"exit {code}: {count}" for code, count in sorted(Tally.by_exit.items()))
    commands = ", ".join(f"{name}: {count}" for name, count in sorted(Tally.by_command.items()))
    return [
        f"coscore fuzz: {Tally.inputs} inputs in {wall:.0f} s since the first (coscore itself {Tally.seconds:.0f} s, slowest run {Tally.slowest:.2f} s); {exits}",
        f"coscore fuzz by command: {commands}",
    ]
