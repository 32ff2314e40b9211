"""Every string that leaves coscore is safe for where it goes (issue 14, item 2).

One line per diagnostic, whatever a value holds; no terminal escape sequences from
data; nothing that cannot be written as UTF-8; no links made of bare addresses in
Markdown. Each test here failed before the fix.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest


from coscore.errors import Diagnostic, SourceLocation
from coscore.safe_text import encodable, for_terminal, one_line
from conftest import invoke_cli as invoke

ROOT = Path(__file__).resolve().parents[1]
STARTER = (ROOT / "examples" / "starter.yaml").read_text(encoding="utf-8")
FORGED = '"1\\n::error file=README.md,line=1::forged"'
LOCATED = re.compile(r"^[^\n]*:\d+:\d+: ")


def forged_project(tmp_path: Path) -> Path:
    path = tmp_path / "forged.yaml"
    path.write_text(STARTER.replace("seats: 6", f"seats: {FORGED}"), encoding="utf-8")
    return path


def stderr_lines(result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.strip()]


# --- one line per diagnostic -----------------------------------------------------------


def test_diagnostic_text_is_always_one_line():
    d = Diagnostic(location=SourceLocation("a\nb.yaml", 3, 4), message='got "1\n::error x"\r\x1b[2J', hint="h\u2028i")
    text = str(d)
    assert "\n" not in text and "\r" not in text and "\x1b" not in text and "\u2028" not in text
    assert text == 'a\\nb.yaml:3:4: got "1\\n::error x"\\r\\x1b[2J (h\\u2028i)'


@pytest.mark.parametrize("fmt", ["parsable", "terminal", "json", "sarif", "junit"])
def test_a_value_with_a_newline_cannot_forge_a_diagnostic_or_workflow_command(tmp_path: Path, fmt: str):
    project = forged_project(tmp_path)
    result = invoke("check", str(project), "--format", fmt)
    assert result.exit_code == 2
    for line in stderr_lines(result):
        assert not line.startswith("::"), line
        assert LOCATED.match(line), line
    assert not any(line.startswith("::error file=README.md") for line in result.stdout.splitlines())


def test_github_format_makes_one_annotation_per_problem(tmp_path: Path):
    project = forged_project(tmp_path)
    result = invoke("check", str(project), "--format", "github")
    commands = [line for line in result.stdout.splitlines() if line.startswith("::")]
    assert len(commands) == 1
    assert commands[0].startswith("::error file=")
    assert "README.md,line=1" not in commands[0].split("::")[1]


def test_score_input_error_is_one_located_line(tmp_path: Path):
    result = invoke("score", str(forged_project(tmp_path)))
    assert result.exit_code == 2
    lines = stderr_lines(result)
    assert len(lines) == 1 and LOCATED.match(lines[0])


def test_file_names_with_newlines_stay_on_one_line_in_parsable_output(tmp_path: Path):
    doc = tmp_path / "plan\n::error file=x::forged.md"
    doc.write_text("# Plan\n\nWe help vulnerable people.\n", encoding="utf-8")
    for command in (["lint", "--format", "parsable", str(doc)], ["check", "--format", "parsable", str(doc)]):
        result = invoke(*command)
        lines = [line for line in result.stdout.splitlines() if line]
        assert lines, result.output
        for line in lines:
            assert not line.startswith("::"), line
            assert LOCATED.match(line), line
            assert "plan\\n::error" in line


# --- no terminal escape sequences from data --------------------------------------------

ESCAPES = "\x1b[2J\x1b]0;owned\x07\x1bc"


def test_escape_sequences_in_names_and_organisations_are_stripped(tmp_path: Path):
    project = tmp_path / "p.yaml"
    in_yaml = "\\e[2J\\e]0;owned\\a\\ec"  # YAML's own escapes for ESC and BEL
    text = STARTER.replace("name: Our project", f'name: "Our{in_yaml} project"').replace("organisation: Our charity", f'organisation: "Our{in_yaml} charity"')
    project.write_text(text, encoding="utf-8")
    for args in (["score", str(project)], ["explain", str(project)], ["portfolio", str(project)], ["check", str(project), "--format", "terminal"]):
        result = invoke(*args)
        assert "\x1b" not in result.output and "\x07" not in result.output, args
    assert "Our project" in invoke("score", str(project)).stdout


def test_escape_sequences_in_a_suppression_reason_are_stripped(tmp_path: Path):
    doc = tmp_path / "plan.md"
    doc.write_text(f"# Plan\n\n<!-- coscore-disable-next-line deficit-vulnerable: quoting{ESCAPES} a funder -->\nFor vulnerable adults.\n", encoding="utf-8")
    result = invoke("lint", str(doc), "--format", "terminal")
    assert "quoting" in result.stdout
    assert "\x1b" not in result.output and "\x07" not in result.output


def test_for_terminal_keeps_only_colour_codes_when_asked():
    assert for_terminal("\x1b[1mbold\x1b[0m" + ESCAPES + "x", keep_colour=True) == "\x1b[1mbold\x1b[0mx"
    assert for_terminal("\x1b[1mbold\x1b[0m\x9b2J\tx\n") == "bold\tx\n"


def git_repository(tmp_path: Path, monkeypatch) -> Path:
    """An empty repository, with git's settings isolated from the machine's."""
    for key, value in {
        "GIT_CEILING_DIRECTORIES": str(tmp_path.parent), "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.org", "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.org",
    }.items():
        monkeypatch.setenv(key, value)
    repo = tmp_path / "repo"
    repo.mkdir()
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True, capture_output=True)
    return repo


def test_commit_messages_with_escape_sequences_are_stripped_in_history(tmp_path: Path, monkeypatch):
    repo = git_repository(tmp_path, monkeypatch)
    (repo / "p.yaml").write_text(STARTER, encoding="utf-8")
    subprocess.run(["git", "add", "p.yaml"], cwd=repo, check=True, capture_output=True)
    subprocess.run(["git", "commit", "-q", "-m", f"First{ESCAPES} version"], cwd=repo, check=True, capture_output=True)
    monkeypatch.chdir(repo)
    result = invoke("history", "p.yaml")
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.output and "\x07" not in result.output


# --- encodable: lone surrogates ------------------------------------------------------------


def surrogate_repo(tmp_path: Path) -> Path:
    (tmp_path / "starter.yaml").write_text(STARTER, encoding="utf-8")
    (tmp_path / ".coscore.yaml").write_text('fail_under:\n  dimensions:\n    "x\\ud800": 5\n', encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("fmt", ["json", "sarif", "junit", "github", "parsable", "terminal"])
def test_a_lone_surrogate_in_configuration_is_not_a_crash(tmp_path: Path, fmt: str):
    repo = surrogate_repo(tmp_path)
    env = {"PYTHONPATH": str(ROOT / "src"), "NO_COLOR": "1", "PATH": "/usr/bin:/bin"}
    result = subprocess.run([sys.executable, "-m", "coscore", "check", "starter.yaml", "--format", fmt], cwd=repo, env=env, capture_output=True, timeout=60)
    assert result.returncode == 2, result.stderr.decode("utf-8", "replace")
    assert b"Traceback" not in result.stderr
    result.stdout.decode("utf-8")  # valid UTF-8
    out = repo / "out.txt"
    result = subprocess.run([sys.executable, "-m", "coscore", "check", "starter.yaml", "--format", fmt, "--output", str(out)], cwd=repo, env=env, capture_output=True, timeout=60)
    assert b"Traceback" not in result.stderr
    assert result.returncode == 2


def test_a_lone_surrogate_in_a_file_name_is_not_a_crash_in_portfolio(tmp_path: Path):
    name = tmp_path / "bad\udcff.yaml"
    (tmp_path / "bad.yaml").write_text(STARTER.replace("name: Our project", 'name: "A \\ud800 project"'), encoding="utf-8")
    import os

    os.rename(tmp_path / "bad.yaml", os.fsencode(name))
    env = {"PYTHONPATH": str(ROOT / "src"), "NO_COLOR": "1", "PATH": "/usr/bin:/bin"}
    for fmt in ("terminal", "json", "markdown", "html"):
        result = subprocess.run([sys.executable, "-m", "coscore", "portfolio", os.fsencode(name), "--format", fmt], env=env, capture_output=True, timeout=60)
        assert b"Traceback" not in result.stderr, result.stderr
        result.stdout.decode("utf-8")


def test_encodable_replaces_only_surrogates():
    assert encodable("a\ud800b\udcffc é") == "a\ufffdb\ufffdc é"
    assert one_line("a\ud800") == "a\\ud800"


# --- Markdown: no links made from bare addresses ----------------------------------------


@pytest.mark.parametrize("fmt_args", [["report", "--format", "markdown"], ["portfolio", "--format", "markdown"]])
def test_bare_addresses_do_not_become_links_in_markdown(tmp_path: Path, fmt_args: list[str]):
    project = tmp_path / "p.yaml"
    project.write_text(
        STARTER.replace("name: Our project", "name: Visit https://evil.example/x or www.evil.example").replace(
            "organisation: Our charity", "organisation: Write to sam@evil.example"
        ),
        encoding="utf-8",
    )
    command, *options = fmt_args
    result = invoke(command, str(project), *options)
    text = result.stdout
    assert "https://evil" not in text and "www.evil" not in text and "sam@evil" not in text
    assert "https\\://evil.example/x" in text
    assert "www\\.evil.example" in text
    assert "sam\\@evil.example" in text


def test_markdown_escape_of_addresses():
    from coscore.render.markdown_text import escape

    assert escape("see http://a.b and WWW.c.d or x@y.z") == "see http\\://a.b and WWW\\.c.d or x\\@y.z"
    assert escape("@team") == "\\@team"


# --- no GitHub workflow commands from data, in any format but github -----------------------

FORGED_ORGANISATION = STARTER.replace("organisation: Our charity", 'organisation: "1\\n::error file=README.md,line=1::forged"')


@pytest.mark.parametrize(
    "args",
    [["score"], ["explain"], ["report", "--format", "markdown"], ["report", "--format", "html"], ["portfolio"], ["portfolio", "--format", "markdown"], ["portfolio", "--format", "html"],
     ["check", "--format", "terminal"], ["check", "--format", "junit"]],
    ids=lambda a: " ".join(a),
)
def test_a_value_with_a_line_break_cannot_start_a_workflow_command_on_stdout(tmp_path: Path, args: list[str]):
    # found by the long fuzz run: an organisation with a line break started a line of `coscore score` with "::error"
    project = tmp_path / "p.yaml"
    project.write_text(FORGED_ORGANISATION, encoding="utf-8")
    command, *options = args
    result = invoke(command, str(project), *options)
    assert result.exit_code in (0, 1), result.output
    for line in result.output.splitlines():
        assert not line.lstrip().startswith("::"), line


def test_a_file_named_like_a_workflow_command_cannot_forge_one(tmp_path: Path):
    project = tmp_path / "::error file=README.md,line=1::forged.yaml"
    project.write_text("coscore: [\n", encoding="utf-8")
    for args in (["score", project.name], ["check", project.name, "--format", "parsable"], ["responses", "validate", project.name]):
        import os

        old = os.getcwd()
        os.chdir(tmp_path)
        try:
            result = invoke(*args)
        finally:
            os.chdir(old)
        assert result.exit_code == 2
        for line in result.output.splitlines():
            assert not line.lstrip().startswith("::"), line


@pytest.mark.parametrize("args", [["report", "--format", "html"], ["report", "--format", "markdown"], ["portfolio", "--format", "html"], ["portfolio", "--format", "markdown"], ["check", "--format", "junit"]],
                         ids=lambda a: " ".join(a))
def test_escape_sequences_from_data_are_stripped_from_html_markdown_and_junit(tmp_path: Path, args: list[str]):
    # found by the long fuzz run: a decision named "\x1b]0;title\x07" reached the HTML report as it was
    project = tmp_path / "p.yaml"
    project.write_text(STARTER.replace("what: Which days the drop-in opens", 'what: "Which days\\e[2J\\e]0;title\\a opens"'), encoding="utf-8")
    command, *options = args
    result = invoke(command, str(project), *options)
    assert result.exit_code in (0, 1), result.output
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
