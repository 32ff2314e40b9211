"""`coscore check` with no configuration says which file to add, where, with a two-line example."""

from __future__ import annotations

import subprocess
from pathlib import Path

from ruamel.yaml import YAML

from conftest import CASES, run_coscore


def test_no_configuration_in_ci_names_the_file_to_add_with_an_example(tmp_path: Path):
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    (tmp_path / "sub").mkdir()
    result = run_coscore("check", cwd=tmp_path / "sub", env={"CI": "true"})
    assert result.returncode == 2
    target = tmp_path.resolve() / ".coscore.yaml"  # the top of the repository, not the folder it ran in
    assert f"add {target} to say which files to check" in result.stderr
    example = [line.strip() for line in result.stderr.splitlines() if line.startswith("  ")]
    assert len(example) == 2
    # the example, written where the message says, makes the same command work
    (target).write_text("\n".join(example) + "\n", encoding="utf-8")
    (tmp_path / "projects").mkdir()
    (tmp_path / "projects" / "p.yaml").write_bytes((CASES / "check" / "passing.yaml").read_bytes())
    assert YAML(typ="safe").load(target.read_text())["projects"] == ["projects/**/*.yaml"]
    again = run_coscore("check", cwd=tmp_path / "sub", env={"CI": "true"})
    assert again.returncode == 0, again.stdout + again.stderr


def test_a_configuration_that_names_no_files_gets_the_old_hint(tmp_path: Path):
    (tmp_path / ".coscore.yaml").write_text("fail_on: [error]\n", encoding="utf-8")
    result = run_coscore("check", cwd=tmp_path)
    assert result.returncode == 2
    assert "does not say which files are project files" in result.stderr
    assert "no configuration file" not in result.stderr
