"""Mutated project files through every command that reads one (issue 14, item 5)."""

from __future__ import annotations

import random
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fuzz_support import budget, example, mutate, run, write

PROJECTS = ("starter.yaml", "co-design.yaml", "consultation.yaml", "peer-led.yaml", "washed.yaml")

# (arguments after the file, whether the command takes more than the one project)
COMMANDS = (
    ("score", "{p}"),
    ("score", "{p}", "--format", "json"),
    ("explain", "{p}"),
    ("report", "{p}", "--format", "markdown"),
    ("report", "{p}", "--format", "html", "--redact"),
    ("report", "{p}", "--format", "markdown", "--output", "out/report.md"),
    ("check", "{p}", "--format", "parsable"),
    ("check", "{p}", "--format", "json"),
    ("check", "{p}", "--format", "sarif"),
    ("check", "{p}", "--format", "github"),
    ("check", "{p}", "--format", "terminal", "--output", "out/check.txt"),
    ("check", "{p}", "--format", "junit"),
    ("baseline", "{p}", "--output", "out/baseline.json"),
    ("portfolio", "{p}", "{q}"),
    ("portfolio", "{p}", "--format", "json"),
    ("portfolio", "{p}", "--format", "html", "--output", "out/portfolio.html"),
    ("portfolio", "{p}", "--format", "markdown"),
    ("compare", "{q}", "{p}"),
    ("compare", "{p}", "{q}", "--format", "json"),
)


def settings_for(request, short: int, long: int):
    return settings(max_examples=budget(request, short, long), deadline=None, database=None, derandomize=False, suppress_health_check=list(HealthCheck))


def test_mutated_projects_through_every_command(request, tmp_path_factory):
    @settings_for(request, short=120, long=4000)
    @given(seed=st.integers(0, 2**32 - 1), source=st.sampled_from(PROJECTS), command=st.sampled_from(COMMANDS))
    def one(seed: int, source: str, command: tuple[str, ...]) -> None:
        rng = random.Random(seed)
        folder: Path = tmp_path_factory.mktemp("project")
        (folder / "out").mkdir()
        p = write(folder, "project.yaml", mutate(example(source), rng))
        q = write(folder, "other.yaml", example(rng.choice(PROJECTS)))
        args = tuple(a.format(p=p, q=q) for a in command)
        run(folder, *args, inputs=(p, q))

    one()


# Any text at all, written into a field that takes text: names, summaries, reasons.
HOSTILE_TEXT = st.text(st.characters(codec=None, exclude_categories=()), max_size=60) | st.sampled_from(
    ["1\n::error file=README.md,line=1::forged", "\x1b[2J\x1b]0;title\x07", "\ud800", "https://x.example sam@x.example", "İpek ſam Jo Li", "<b>&amp;</b>", "*" * 300]
)
TEXT_COMMANDS = (
    ("score", "{p}"),
    ("explain", "{p}"),
    ("report", "{p}", "--format", "markdown", "--redact"),
    ("report", "{p}", "--format", "html"),
    ("check", "{p}", "--format", "github"),
    ("check", "{p}", "--format", "parsable"),
    ("check", "{p}", "--format", "sarif"),
    ("check", "{p}", "--format", "junit", "--output", "out/junit.xml"),
    ("portfolio", "{p}", "--format", "markdown"),
    ("portfolio", "{p}", "--format", "json", "--output", "-"),
)


def test_any_text_in_any_text_field(request, tmp_path_factory):
    from fuzz_support import with_value

    @settings_for(request, short=80, long=2500)
    @given(seed=st.integers(0, 2**32 - 1), source=st.sampled_from(PROJECTS), value=HOSTILE_TEXT, command=st.sampled_from(TEXT_COMMANDS))
    def one(seed: int, source: str, value: str, command: tuple[str, ...]) -> None:
        rng = random.Random(seed)
        folder: Path = tmp_path_factory.mktemp("text")
        (folder / "out").mkdir()
        p = write(folder, "project.yaml", with_value(example(source), value, rng))
        args = tuple(a.format(p=p) for a in command)
        result = run(folder, *args, inputs=(p,))
        assert "\x1b[2J" not in result.stdout and "\x1b]" not in result.stdout

    one()
