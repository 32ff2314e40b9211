"""docs/lint-formats.md: every shell block runs as written, and the output it shows is what coscore prints."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "lint-formats.md"


def blocks() -> list[tuple[str, str]]:
    """(language, body) of each fenced block, in order."""
    return re.findall(r"```(\w+)\n(.*?)```", DOC.read_text(encoding="utf-8"), flags=re.S)


def test_shell_blocks_run_as_written_and_print_what_the_page_shows(tmp_path):
    # a copy of the repository's examples, so --fix and --write-baseline change nothing in the checkout
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    prelude = f'coscore() {{ "{sys.executable}" -m coscore "$@"; }}\n'
    shown = blocks()
    ran = 0
    for index, (language, body) in enumerate(shown):
        if language != "sh":
            continue
        output = ""
        for command in (line for line in body.splitlines() if line.strip()):
            assert command.startswith(("coscore ", "cp ")), command
            result = subprocess.run(["bash", "-c", prelude + command], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
            assert result.returncode in (0, 1), f"{command}\n{result.stderr}"  # 1: the examples have findings
            assert "Traceback" not in result.stderr and not result.stderr.strip(), f"{command}\n{result.stderr}"
            output += result.stdout
            ran += 1
        if index + 1 < len(shown) and shown[index + 1][0] == "text":
            printed = output.splitlines()
            for line in shown[index + 1][1].splitlines():
                assert line in printed, f"the page shows a line coscore does not print:\n{line}"
    assert ran >= 8
    assert "seldom heard" in (tmp_path / "examples" / "my-strategy.md").read_text(encoding="utf-8")
    assert (tmp_path / "carers-baseline.json").is_file()


def test_the_suppression_example_is_in_the_example_page():
    (html,) = [body for language, body in blocks() if language == "html"]
    page = (ROOT / "examples" / "involvement-page.html").read_text(encoding="utf-8")
    for line in html.strip().splitlines():
        assert line.strip() in page


def test_limits_on_the_page_match_the_code():
    from coscore.io import files
    from coscore.io.documents import BINARY_SIZE_FACTOR

    text = DOC.read_text(encoding="utf-8")
    assert f"{files.MAX_INPUT_BYTES // (1024 * 1024)} MB" in text and files.MAX_BYTES_VARIABLE in text
    assert BINARY_SIZE_FACTOR == 10 and "ten times the size limit" in text
