"""The 'Writing a project file' commands (docs/project-file.md) run as written (issue 7)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HEADING = "## Writing a project file"


def section() -> str:
    text = (ROOT / "docs" / "project-file.md").read_text(encoding="utf-8")
    start = text.index(HEADING)
    end = text.find("\n## ", start + len(HEADING))
    return text[start : end if end != -1 else len(text)]


def commands() -> list[str]:
    found = []
    for block in re.findall(r"```sh\n(.*?)```", section(), flags=re.S):
        found += [line for line in block.splitlines() if line.strip()]
    return found


def test_readme_authoring_commands_run_verbatim(tmp_path: Path):
    assert len(commands()) >= 4 and all(c.startswith("coscore ") for c in commands())
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    prelude = f'coscore() {{ "{sys.executable}" -m coscore "$@"; }}\n'
    for command in commands():
        result = subprocess.run(["bash", "-c", prelude + command], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
        assert result.returncode == 0, f"{command}\n{result.stderr}"
        assert "Traceback" not in result.stderr
    assert (tmp_path / "my-project.yaml").read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=coscore.schema.json\n")
    assert json.loads((tmp_path / "coscore-rubric.schema.json").read_text(encoding="utf-8"))["title"] == "coscore rubric file"


def test_readme_vscode_settings_are_valid_json_naming_the_schema_files():
    (block,) = re.findall(r"```json\n(.*?)```", section(), flags=re.S)
    schemas = json.loads(block)["yaml.schemas"]
    assert set(schemas) == {"./coscore.schema.json", "./coscore-rubric.schema.json"}


def test_readme_modeline_is_what_init_writes():
    from coscore.authoring import SCHEMA_FILE_NAME, ProjectAnswers, project_yaml

    first_line = project_yaml(ProjectAnswers(), schema_ref=SCHEMA_FILE_NAME).splitlines()[0]
    assert f"```yaml\n{first_line}\n```" in section()


def test_readme_limits_match_the_code():
    from coscore.io import files as io_files
    from coscore.io import yamlio

    text = (ROOT / "docs" / "reliability.md").read_text(encoding="utf-8")
    assert f"{io_files.MAX_INPUT_BYTES // (1024 * 1024)} MB" in text
    assert io_files.MAX_BYTES_VARIABLE in text
    assert f"more than {yamlio.MAX_DEPTH}" in text
