"""Odd file names, odd kinds of file and odd arguments for every command (issue 14, item 5).

Folders hold what real folders hold: empty files, broken links, links that loop,
named pipes, sub-folders, names with spaces, newlines, quotes and non-Latin letters,
and names too long for the file system. Nothing may hang, crash or write outside.
"""

from __future__ import annotations

import os
import random
import subprocess
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fuzz_support import budget, example, mutate, run, write

NAME_CHARS = st.sampled_from(list("abc xyz-_.") + ["\n", "\t", '"', "'", "\\", "é", "İ", "ſ", "李", "\u202e", "\x1b", ":", "*", "?", "[", "]", "%"])
NAMES = st.text(NAME_CHARS, min_size=1, max_size=12).filter(lambda n: n not in (".", "..") and "/" not in n) | st.just("n" * 300)
KINDS = st.sampled_from(["project", "mutated", "empty", "document", "response", "folder", "broken-link", "loop", "fifo", "link-to-project"])
COMMANDS = (
    ("check", "{dir}", "--format", "parsable"),
    ("check", "{dir}", "--format", "json", "--skip-other-files"),
    ("check", "{file}", "--format", "parsable", "--skip-other-files"),
    ("portfolio", "{dir}"),
    ("portfolio", "{dir}", "--format", "json"),
    ("lint", "{dir}", "--format", "parsable"),
    ("responses", "validate", "{dir}"),
    ("score", "{file}"),
    ("report", "{file}", "--format", "markdown", "--output", "{new}"),
    ("init", "{new}", "--defaults"),
    ("schema", "--output", "{new}"),
    ("responses", "template", "--output", "{new}"),
    ("baseline", "{dir}", "--output", "{new}"),
)


def make(folder: Path, name: str, kind: str, rng: random.Random) -> None:
    path = folder / name
    if os.path.lexists(path):
        return  # a name drawn twice: writing to a pipe made earlier would block the test itself
    try:
        if kind == "project":
            path.write_bytes(example("starter.yaml"))
        elif kind == "mutated":
            path.write_bytes(mutate(example("peer-led.yaml"), rng))
        elif kind == "empty":
            path.write_bytes(b"")
        elif kind == "document":
            path.write_bytes(example("strategy-peer-led.md"))
        elif kind == "response":
            path.write_bytes(example("responses/staff-alder.yaml"))
        elif kind == "folder":
            path.mkdir()
            (path / "inner.yaml").write_bytes(example("washed.yaml"))
        elif kind == "broken-link":
            os.symlink("missing.yaml", path)
        elif kind == "loop":
            os.symlink(name, path)
        elif kind == "fifo":
            os.mkfifo(path)
        elif kind == "link-to-project":
            if not os.path.lexists(folder / "target.yaml"):
                (folder / "target.yaml").write_bytes(example("co-design.yaml"))
            os.symlink("target.yaml", path)
    except (FileExistsError, OSError):  # a name the file system will not take (too long, duplicate)
        pass


def test_odd_folders_and_names(request, tmp_path_factory):
    @settings(max_examples=budget(request, 60, 1200), deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(
        seed=st.integers(0, 2**32 - 1),
        entries=st.lists(st.tuples(NAMES, st.sampled_from([".yaml", ".yml", ".md", ""]), KINDS), min_size=1, max_size=6),
        command=st.sampled_from(COMMANDS),
        new=NAMES,
    )
    def one(seed: int, entries, command: tuple[str, ...], new: str) -> None:
        rng = random.Random(seed)
        folder: Path = tmp_path_factory.mktemp("odd")
        walk = folder / "walk"
        walk.mkdir()
        for name, suffix, kind in entries:
            make(walk, name + suffix, kind, rng)
        listed = sorted(os.listdir(walk))
        file = f"walk/{rng.choice(listed)}" if listed else "walk/none.yaml"
        inputs = tuple(f"walk/{n}" for n in listed)
        args = tuple(a.format(dir="walk", file=file, new=f"out-{new}") for a in command)
        run(folder, *args, inputs=inputs)

    one()


def test_mutated_history(request, tmp_path_factory):
    """Several committed versions, some broken, with odd commit subjects and file names."""
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Fuzz", "GIT_AUTHOR_EMAIL": "fuzz@example.org", "GIT_COMMITTER_NAME": "Fuzz", "GIT_COMMITTER_EMAIL": "fuzz@example.org",
        "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
    }
    pieces = st.sampled_from(list("abc ") + ["\x1e", "\x1f", "\t", "\x1b[2J", "%", "\\", '"', "İ"])
    subjects = st.lists(pieces, min_size=1, max_size=12).map("".join).filter(lambda s: s.strip())

    @settings(max_examples=budget(request, 8, 200), deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(seed=st.integers(0, 2**32 - 1), name=st.sampled_from(["p.yaml", "tab\tname.yaml", "quote\"name.yaml", "back\\slash.yaml", "new\nline.yaml", "é.yaml"]), messages=st.lists(subjects, min_size=1, max_size=3), limit=st.integers(1, 3))
    def one(seed: int, name: str, messages: list[str], limit: int) -> None:
        rng = random.Random(seed)
        repo: Path = tmp_path_factory.mktemp("history")
        env["GIT_CEILING_DIRECTORIES"] = str(repo.parent)
        subprocess.run(["git", "init", "-q"], cwd=repo, env=env, check=True)
        data = example("starter.yaml")
        for message in messages:
            data = mutate(data, rng) if rng.random() < 0.5 else data
            (repo / name).write_bytes(data)
            subprocess.run(["git", "add", "--", name], cwd=repo, env=env, check=True)
            subprocess.run(["git", "commit", "-q", "--allow-empty", "-m", message], cwd=repo, env=env, check=True)
        run(repo, "history", name, "--limit", str(limit), "--format", rng.choice(["terminal", "json"]), inputs=(name,), env={k: env[k] for k in env if k.startswith("GIT_")})

    one()
