"""One writer for every output path (issue 14, item 1).

A table lists every command and option that writes a file. Each is pointed at
every file that command reads, and at folders, pipes, devices and links; each
must be refused with exit code 2 and a located message, and every input must be
byte-for-byte unchanged afterwards.
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from typer.testing import CliRunner

from coscore.cli import app
from conftest import invoke_cli as invoke

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
RUBRIC = (ROOT / "src" / "coscore" / "rubrics" / "eleven-principles.yaml").read_text(encoding="utf-8")
RULES = """coscore_lint: 1
rules:
  - id: team-clients
    family: deficit-framing
    severity: warning
    match:
      phrases: ["clients"]
    message: "“{match}” names people by a service relationship."
    suggestion: "Say 'members'."
    reason: "Our team's own rule."
    source: "Our team's style guide"
"""
CONFIG = """rubric: rubric.yaml
projects: ["projects/*.yaml"]
documents: ["docs/*.md"]
baseline: baseline.json
lint:
  rule_files: [rules.yaml]
"""
BASELINE = json.dumps({"coscore_baseline": 1, "findings": []}) + "\n"
COMPARE = json.dumps({"format_version": 1, "project": {"file": "projects/a.yaml"}, "dimensions": [{"id": "share-power", "score": 10}]}) + "\n"


@pytest.fixture
def repo(tmp_path: Path, monkeypatch) -> Path:
    """A repository holding one of every kind of file a command reads."""
    files = {
        ".coscore.yaml": CONFIG,
        "projects/a.yaml": (EXAMPLES / "starter.yaml").read_text(encoding="utf-8"),
        "linked.yaml": (EXAMPLES / "peer-led.yaml").read_text(encoding="utf-8"),
        "docs/plan.md": "---\ncoscore-project: ../linked.yaml\n---\n# Plan\n\nOur clients are vulnerable.\n",
        "rubric.yaml": RUBRIC,
        "rules.yaml": RULES,
        "baseline.json": BASELINE,
        "previous.json": COMPARE,
        "responses/one.yaml": (EXAMPLES / "responses" / "staff-alder.yaml").read_text(encoding="utf-8"),
        "README.md": "# Our repository\n",
        "export.csv": (EXAMPLES / "survey" / "google-forms.csv").read_text(encoding="utf-8"),
    }
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    return tmp_path


def everything(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file() and not p.is_symlink()}


# (command line with {out} for the destination, the files that command reads)
WRITERS = {
    "check --output (configured)": (["check", "--format", "json", "--output", "{out}"], ["projects/a.yaml", ".coscore.yaml", "rubric.yaml", "baseline.json", "rules.yaml", "docs/plan.md", "linked.yaml"]),
    "check --output --compare": (["check", "--format", "json", "--compare", "previous.json", "--output", "{out}"], ["previous.json", "projects/a.yaml"]),
    "check --output --baseline": (["check", "projects/a.yaml", "--baseline", "baseline.json", "--output", "{out}"], ["baseline.json", "projects/a.yaml"]),
    "baseline --output": (["baseline", "--output", "{out}"], ["projects/a.yaml", ".coscore.yaml", "rubric.yaml", "rules.yaml", "docs/plan.md", "linked.yaml"]),
    "lint --write-baseline": (["lint", "docs/plan.md", "--rules", "rules.yaml", "--baseline", "baseline.json", "--write-baseline", "{out}"], ["docs/plan.md", "rules.yaml", "baseline.json", "linked.yaml"]),
    "portfolio --output": (["portfolio", "projects/a.yaml", "linked.yaml", "--rubric", "rubric.yaml", "--format", "html", "--output", "{out}"], ["projects/a.yaml", "linked.yaml", "rubric.yaml"]),
    "report --output": (["report", "linked.yaml", "--format", "markdown", "--rubric", "rubric.yaml", "--responses", "responses", "--output", "{out}"], ["linked.yaml", "rubric.yaml", "responses/one.yaml"]),
    "responses template --output --force": (["responses", "template", "--rubric", "rubric.yaml", "--force", "--output", "{out}"], ["rubric.yaml"]),
    "responses form --output --force": (["responses", "form", "--project", "linked.yaml", "--rubric", "rubric.yaml", "--force", "--output", "{out}"], ["linked.yaml", "rubric.yaml"]),
    "responses import --init-mapping --force": (["responses", "import", "export.csv", "--init-mapping", "--force", "--mapping", "{out}"], ["export.csv"]),
}
CASES = [(name, target) for name, (_, reads) in WRITERS.items() for target in reads]


@pytest.mark.parametrize(("writer", "target"), CASES, ids=[f"{w} onto {t}" for w, t in CASES])
def test_no_command_writes_over_a_file_it_reads(repo: Path, writer: str, target: str):
    command, _ = WRITERS[writer]
    before = everything(repo)
    result = invoke(*(a.replace("{out}", target) for a in command))
    assert result.exit_code == 2, result.output
    assert f"{target}:1:1:" in result.stderr and "read" in result.stderr, result.stderr
    assert everything(repo) == before


@pytest.mark.parametrize(("writer", "target"), CASES[:12], ids=[f"{w} via link onto {t}" for w, t in CASES[:12]])
def test_no_command_writes_through_a_link_onto_a_file_it_reads(repo: Path, writer: str, target: str):
    command, _ = WRITERS[writer]
    (repo / "link.out").symlink_to(repo / target)
    before = everything(repo)
    result = invoke(*(a.replace("{out}", "link.out") for a in command))
    assert result.exit_code == 2, result.output
    assert everything(repo) == before
    assert (repo / "link.out").is_symlink()


def test_a_hard_link_to_an_input_is_refused(repo: Path):
    os.link(repo / "projects" / "a.yaml", repo / "hard.json")
    before = everything(repo)
    result = invoke("check", "projects/a.yaml", "--format", "json", "--output", "hard.json")
    assert result.exit_code == 2
    assert everything(repo) == before


def test_step_summary_pointing_at_a_project_is_refused(repo: Path):
    before = everything(repo)
    result = invoke("check", "--format", "github", env={"GITHUB_STEP_SUMMARY": str(repo / "projects" / "a.yaml")})
    assert result.exit_code == 2
    assert "projects/a.yaml" in result.stderr
    assert everything(repo) == before


def test_step_summary_is_appended_to(repo: Path):
    summary = repo / "summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    result = invoke("check", "projects/a.yaml", "--format", "github", env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert result.exit_code in (0, 1)
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("earlier step\n") and "## coscore check" in text


DESTINATIONS = ["folder", "fifo", "socket", "device", "link-to-stdout", "dangling-link"]


def make_destination(repo: Path, kind: str) -> str:
    if kind == "folder":
        (repo / "out").mkdir()
        return "out"
    if kind == "fifo":
        os.mkfifo(repo / "pipe")
        return "pipe"
    if kind == "socket":
        import socket

        server = socket.socket(socket.AF_UNIX)
        server.bind(str(repo / "sock"))
        return "sock"
    if kind == "device":
        # a private copy of /dev/null: a writer that wrongly replaced it would replace only this
        try:
            os.mknod(repo / "null", stat.S_IFCHR | 0o666, os.makedev(1, 3))
        except PermissionError:
            pytest.skip("making a device node needs root")
        return "null"
    if kind == "link-to-stdout":
        (repo / "stdout-link").symlink_to("/dev/stdout")
        return "stdout-link"
    (repo / "dangling").symlink_to("nowhere/file.json")
    return "dangling"


ALL_WRITERS = [
    ["check", "projects/a.yaml", "--format", "json", "--output", "{out}"],
    ["baseline", "projects/a.yaml", "--output", "{out}"],
    ["lint", "docs/plan.md", "--write-baseline", "{out}"],
    ["portfolio", "projects/a.yaml", "--output", "{out}"],
    ["report", "projects/a.yaml", "--format", "html", "--output", "{out}"],
    ["responses", "template", "--output", "{out}", "--force"],
    ["schema", "--output", "{out}", "--force"],
    ["init", "{out}", "--defaults", "--force"],
    ["responses", "form", "--output", "{out}", "--force"],
]


@pytest.mark.parametrize("kind", DESTINATIONS)
@pytest.mark.parametrize("command", ALL_WRITERS, ids=lambda c: " ".join(c[:2]))
def test_folders_pipes_devices_and_odd_links_are_refused(repo: Path, command: list[str], kind: str):
    destination = make_destination(repo, kind)
    if kind == "folder" and command[0] == "init":
        pytest.skip("init writes coscore.yaml inside a folder it is given, by design")
    node = os.lstat(repo / destination)
    before = everything(repo)
    result = invoke(*(a.replace("{out}", destination) for a in command))
    assert result.exit_code == 2, result.output
    assert f"{destination}:1:1:" in result.stderr, result.stderr
    assert everything(repo) == before
    after = os.lstat(repo / destination)
    assert stat.S_IFMT(after.st_mode) == stat.S_IFMT(node.st_mode)  # the node was not replaced


@pytest.mark.parametrize(
    "command",
    [["check", "projects/a.yaml", "--format", "json", "--output", "-"], ["baseline", "projects/a.yaml", "--output", "-"], ["portfolio", "projects/a.yaml", "--format", "json", "--output", "-"],
     ["report", "projects/a.yaml", "--format", "markdown", "--output", "-"], ["schema", "--output", "-"], ["responses", "template", "--output", "-"],
     ["lint", "docs/plan.md", "--write-baseline", "-", "--format", "json"], ["responses", "form", "--output", "-"]],
    ids=lambda c: c[0],
)
def test_a_dash_means_standard_output_for_every_command(repo: Path, command: list[str]):
    before = everything(repo)
    result = invoke(*command)
    assert result.exit_code in (0, 1), result.output
    assert not (repo / "-").exists()
    assert result.stdout.strip()
    assert everything(repo) == before


def test_new_files_follow_the_umask_and_replaced_files_keep_their_mode(repo: Path):
    old = os.umask(0o027)
    try:
        assert invoke("check", "projects/a.yaml", "--format", "json", "--output", "new.json").exit_code in (0, 1)
        assert stat.S_IMODE(os.stat(repo / "new.json").st_mode) == 0o640
        os.umask(0o002)
        assert invoke("schema", "--output", "schema.json").exit_code == 0
        assert stat.S_IMODE(os.stat(repo / "schema.json").st_mode) == 0o664
        (repo / "kept.json").write_text("{}", encoding="utf-8")
        os.chmod(repo / "kept.json", 0o600)
        assert invoke("check", "projects/a.yaml", "--format", "json", "--output", "kept.json").exit_code in (0, 1)
        assert stat.S_IMODE(os.stat(repo / "kept.json").st_mode) == 0o600
    finally:
        os.umask(old)


def test_a_failed_write_leaves_no_temporary_file_and_the_old_file_intact(repo: Path, monkeypatch):
    (repo / "report.md").write_text("old report\n", encoding="utf-8")

    def no_space(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", no_space)
    result = invoke("report", "projects/a.yaml", "--format", "markdown", "--output", "report.md")
    assert result.exit_code == 2
    assert "report.md:1:1:" in result.stderr and "No space left" in result.stderr
    assert (repo / "report.md").read_text(encoding="utf-8") == "old report\n"
    assert sorted(p.name for p in repo.iterdir() if p.name.startswith(".report.md")) == []


def test_an_interrupted_write_leaves_no_temporary_file(repo: Path, monkeypatch):
    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupted)
    result = CliRunner().invoke(app, ["schema", "--output", "schema.json"])
    assert result.exit_code != 0  # click reports Ctrl-C as "Aborted!"
    assert [p.name for p in repo.iterdir() if p.name.endswith(".tmp")] == []
    assert not (repo / "schema.json").exists()


def test_baseline_will_not_replace_a_file_that_is_not_a_baseline(repo: Path):
    before = everything(repo)
    result = invoke("baseline", "projects/a.yaml", "--output", "README.md")
    assert result.exit_code == 2
    assert "README.md:1:1:" in result.stderr
    assert everything(repo) == before
    assert invoke("baseline", "projects/a.yaml", "--output", "README.md", "--force").exit_code == 0


def test_output_names_too_long_for_the_file_system_are_located_errors(repo: Path):
    result = invoke("check", "projects/a.yaml", "--format", "json", "--output", "n" * 300 + ".json")
    assert result.exit_code == 2
    assert ":1:1:" in result.stderr and "too long" in result.stderr


def test_files_the_run_was_asked_to_read_are_protected_even_when_a_problem_stopped_it_early(repo: Path):
    (repo / "rules.yaml").write_text("coscore_lint: 1\nrules: [\n", encoding="utf-8")  # broken: the run stops before the walk
    before = everything(repo)
    for target in ("projects/a.yaml", "docs/plan.md", "linked.yaml"):
        result = invoke("check", "--format", "json", "--output", target)
        assert result.exit_code == 2
        assert f"{target}:1:1:" in result.stderr
    assert everything(repo) == before


def test_init_writes_nothing_when_either_destination_is_refused(repo: Path):
    os.mkfifo(repo / "schema.json")
    result = invoke("init", "new.yaml", "--defaults", "--schema", "schema.json", "--force")
    assert result.exit_code == 2
    assert not (repo / "new.yaml").exists()
    assert stat.S_ISFIFO(os.lstat(repo / "schema.json").st_mode)
