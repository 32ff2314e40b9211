"""Every command that reads a file: hostile input gives exit 2 and a message; no input is ever changed.

The table below names, for each command, how it is given an input file. A test
walks the command line app so that a new command cannot ship without a row here.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import shutil
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from coscore.cli import app

ROOT = Path(__file__).resolve().parents[1]
STARTER = ROOT / "examples" / "starter.yaml"
RUBRIC = ROOT / "rubrics" / "eleven-principles.yaml"
RESPONSE = sorted((ROOT / "examples" / "responses").glob("*.yaml"))[0]
STRATEGY = ROOT / "examples" / "strategy.md"
RULE_FILE = ROOT / "src" / "coscore" / "lint" / "rules" / "promises.yaml"
EXPORT = ROOT / "tests" / "voices" / "exports" / "google-forms.csv"
MAPPING = ROOT / "tests" / "voices" / "exports" / "google-forms.mapping.yaml"
runner = CliRunner()

# command path -> list of (argument template, kind of input file the {input} slot takes).
# "project-or-folder": a folder there is a folder of files to read, so an empty one is fine.
# {input} is the file under test; {out} a fresh output path; {saved} a saved JSON score.
READERS: dict[str, list[tuple[list[str], str]]] = {
    "score": [(["score", "{input}"], "project"), (["score", str(STARTER), "--rubric", "{input}"], "rubric"), (["score", str(STARTER), "--responses", "{input}"], "response")],
    "explain": [(["explain", "{input}"], "project"), (["explain", str(STARTER), "--rubric", "{input}"], "rubric")],
    "check": [(["check", "{input}"], "project-or-folder"), (["check", str(STARTER), "--config", "{input}"], "config"), (["check", str(STARTER), "--baseline", "{input}"], "json"), (["check", str(STARTER), "--compare", "{input}"], "json")],
    "baseline": [(["baseline", "{input}", "--output", "{out}"], "project-or-folder")],
    "history": [(["history", "{input}"], "project")],
    "compare": [(["compare", "{input}", str(STARTER)], "project"), (["compare", "{saved}", "{input}"], "json")],
    "portfolio": [(["portfolio", "{input}"], "project"), (["portfolio", str(STARTER), "--responses", "{input}"], "export")],
    "rubric show": [(["rubric", "show", "{input}"], "rubric")],
    "rubric validate": [(["rubric", "validate", "{input}"], "rubric")],
    "responses validate": [(["responses", "validate", "{input}"], "response")],
    "responses template": [(["responses", "template", "--rubric", "{input}"], "rubric")],
    "report": [(["report", "{input}", "-f", "html"], "project"), (["report", str(STARTER), "-f", "markdown", "--rubric", "{input}"], "rubric"), (["report", str(STARTER), "-f", "html", "--responses", "{input}"], "response")],
    "responses form": [(["responses", "form", "--rubric", "{input}"], "rubric"), (["responses", "form", "--project", "{input}", "--output", "{out}"], "project")],
    "responses questions": [(["responses", "questions", "--rubric", "{input}"], "rubric")],
    "responses enter": [(["responses", "enter", "{out}", "--rubric", "{input}"], "rubric")],
    "responses import": [(["responses", "import", "{input}", "--output-dir", "{out}"], "export"), (["responses", "import", str(EXPORT), "--mapping", "{input}", "--output-dir", "{out}"], "mapping")],
    "lint": [(["lint", "{input}"], "markdown"), (["lint", str(STRATEGY), "--rules", "{input}"], "lint-rules"), (["lint", str(STRATEGY), "--baseline", "{input}"], "json")],
}
# Which broken inputs apply to which kind of file: a YAML alias bomb is only hostile to a YAML reader.
TEXT_PROBLEMS = {"latin1", "a-folder.yaml", "missing.yaml", "dangling.yaml", "pipe.yaml"}
APPLIES = {
    "markdown": TEXT_PROBLEMS | {"bomb-front.md", "deep-front.md", "missing-link.md"},
    "json": TEXT_PROBLEMS | {"deep.json", "huge-number.json"},
    "export": TEXT_PROBLEMS,
}
# Commands that read no user file at all (they may write one).
NO_INPUT = {"init", "schema", "rubric list", "rubric facts"}


def command_paths() -> set[str]:
    group = typer.main.get_command(app)
    found: set[str] = set()

    def walk(command, prefix: str) -> None:
        if getattr(command, "commands", None) is not None:
            for name, sub in command.commands.items():
                walk(sub, f"{prefix} {name}".strip())
        else:
            found.add(prefix)

    walk(group, "")
    return found


def test_every_command_is_in_the_table():
    missing = command_paths() - set(READERS) - NO_INPUT
    assert not missing, f"add these commands to READERS (or NO_INPUT) in {Path(__file__).name}: {sorted(missing)}"


def billion_laughs() -> str:
    lines = ["coscore: 1", 'a0: &a0 "lol"']
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
    return "\n".join(lines) + "\nproject: {name: *a9}\n"


def hostile_inputs(folder: Path) -> dict[str, Path]:
    """Each kind of broken input, made fresh in ``folder``."""
    files: dict[str, Path] = {}

    def text(name: str, content: str | bytes) -> None:
        path = folder / name
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
        files[name] = path

    text("bomb.yaml", billion_laughs())
    text("deep.yaml", "coscore: 1\nproject: " + "[" * 5000 + "]" * 5000 + "\n")
    text("deep-block.yaml", "coscore: 1\n" + "".join("  " * i + f"k{i}:\n" for i in range(300)))
    text("latin1.yaml", b"coscore: 1\nproject:\n  name: Caf\xe9\n")
    text("duplicate.yaml", "coscore: 1\nproject:\n  name: a\n  name: b\n")
    text("tabs.yaml", "coscore: 1\nproject:\n\tname: a\n")
    text("self-alias.yaml", "coscore: 1\nproject: &p\n  name: x\n  evidence: [*p]\n")
    text("bad-date.yaml", "coscore: 1\nproject:\n  name: a\n  started_on: 2025-02-30\n")
    text("huge-number.yaml", "coscore: 1\nproject:\n  name: a\n  planned_duration_months: " + "9" * 5000 + "\n")
    text("bomb-front.md", "---\n" + billion_laughs().replace("project: {name: *a9}", "coscore-project: *a9") + "---\n# Plan\n")
    text("deep-front.md", "---\ncoscore-project: " + "[" * 5000 + "]" * 5000 + "\n---\n# Plan\n")
    text("missing-link.md", "---\ncoscore-project: nowhere.yaml\n---\n# Plan\n")
    text("deep.json", "[" * 100_000 + "]" * 100_000)
    text("huge-number.json", "1" * 5000)
    folder_input = folder / "a-folder.yaml"
    folder_input.mkdir()
    files["a-folder.yaml"] = folder_input
    files["missing.yaml"] = folder / "missing.yaml"
    link = folder / "dangling.yaml"
    link.symlink_to(folder / "nowhere.yaml")
    files["dangling.yaml"] = link
    if hasattr(os, "mkfifo"):
        os.mkfifo(folder / "pipe.yaml")
        files["pipe.yaml"] = folder / "pipe.yaml"
    return files


def fingerprint_tree(folder: Path) -> dict[str, tuple[str, int]]:
    """Bytes and modification time of every ordinary file in ``folder``."""
    out = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not path.is_symlink():
            out[str(path)] = (hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns)
    return out


def expand(template: list[str], input_path: Path, tmp_path: Path) -> list[str]:
    saved = tmp_path / "saved.json"
    if not saved.exists():
        saved.write_text(runner.invoke(app, ["score", str(STARTER), "-f", "json"]).stdout, encoding="utf-8")
    return [part.replace("{input}", str(input_path)).replace("{out}", str(tmp_path / "out" / "result.json")).replace("{saved}", str(saved)) for part in template]


@functools.lru_cache(maxsize=1)
def _packaged_rubric():
    from coscore.workflows import rubrics

    return rubrics.load_rubric(None)


@pytest.fixture(autouse=True)
def packaged_rubric_loaded_once(monkeypatch):
    """Parsing the packaged rubric takes a fifth of a second; these tests are about the other inputs."""
    from coscore.workflows import rubrics

    real = rubrics.load_rubric
    packaged = _packaged_rubric()
    monkeypatch.setattr(rubrics, "load_rubric", lambda ref=None, *a, **k: packaged if ref in (None, "eleven-principles") and not a and not k else real(ref, *a, **k))


# The first row of each command gets every broken input; the others (options naming a second
# file) get a core set, enough to show the option goes through the same guarded reader.
CORE = {"bomb", "deep", "latin1", "missing", "a-folder", "pipe", "deep.json", "huge-number.json", "bomb-front.md"}
INVOCATIONS = [(name, args, kind, i == 0) for name, rows in READERS.items() for i, (args, kind) in enumerate(rows)]
IDS = [f"{n}:{k}:{i}" for i, (n, _, k, _) in enumerate(INVOCATIONS)]


@pytest.mark.parametrize(("name", "template", "kind", "primary"), INVOCATIONS, ids=IDS)
def test_hostile_inputs_give_exit_2_and_a_located_message(name: str, template: list[str], kind: str, primary: bool, tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # commands that look for a configuration find none
    (tmp_path / "out").mkdir()
    (tmp_path / "in").mkdir()
    inputs = hostile_inputs(tmp_path / "in")
    before = fingerprint_tree(tmp_path / "in")
    for label, path in inputs.items():
        wanted = APPLIES.get(kind)
        if wanted is not None and label not in wanted and label.removesuffix(".yaml") not in wanted:
            continue
        if wanted is None and label.endswith((".json", ".md")):
            continue
        if kind == "project-or-folder" and label == "a-folder.yaml":
            continue
        if not primary and label not in CORE and label.removesuffix(".yaml") not in CORE:
            continue
        result = runner.invoke(app, expand(template, path, tmp_path))
        context = f"{name} with {label}: exit {result.exit_code}\n{result.output}"
        assert result.exit_code == 2, context
        assert "Traceback" not in result.output, context
        assert result.exception is None or isinstance(result.exception, SystemExit), f"{context}\n{result.exception!r}"
        assert str(path) in result.output or path.name in result.output, context
    assert fingerprint_tree(tmp_path / "in") == before


@pytest.mark.parametrize(("name", "template", "kind", "primary"), INVOCATIONS, ids=IDS)
def test_commands_never_change_a_good_input(name: str, template: list[str], kind: str, primary: bool, tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "out").mkdir()
    folder = tmp_path / "in"
    folder.mkdir()
    source = {"project": STARTER, "project-or-folder": STARTER, "rubric": RUBRIC, "response": RESPONSE, "markdown": STRATEGY, "lint-rules": RULE_FILE, "config": None, "json": None, "export": EXPORT, "mapping": MAPPING}[kind]
    if kind == "config":
        target = folder / ".coscore.yaml"
        target.write_text("coscore_config: 1\n", encoding="utf-8")
    elif kind == "json":
        target = folder / "previous.json"
        target.write_text(runner.invoke(app, ["score", str(STARTER), "-f", "json"]).stdout, encoding="utf-8")
    else:
        target = folder / source.name
        shutil.copyfile(source, target)
    os.utime(target, ns=(1_600_000_000_000_000_000, 1_600_000_000_000_000_000))
    before = fingerprint_tree(folder)
    result = runner.invoke(app, expand(template, target, tmp_path))
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert fingerprint_tree(folder) == before

