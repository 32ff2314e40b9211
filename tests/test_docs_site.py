"""The documentation site (mkdocs.yml, docs/) builds with no warnings (issue 16)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def test_docs_site_builds_strictly(tmp_path: Path) -> None:
    pytest.importorskip("mkdocs", reason="mkdocs is not installed: pip install -e '.[test]'")
    pytest.importorskip("material", reason="mkdocs-material is not installed: pip install -e '.[test]'")
    site = tmp_path / "site"
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=ROOT, capture_output=True, text=True, timeout=300, env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 0, result.stderr
    for page in ("index", "project-file", "scoring", "responses", "voices", "reports", "ci", "lint", "lint-formats",
                 "configuration", "formats", "development", "reliability"):
        assert (site / page / "index.html").is_file() or (page == "index" and (site / "index.html").is_file()), page
    assert "Broken and unusual files" in (site / "reliability" / "index.html").read_text(encoding="utf-8")


def test_every_docs_page_is_in_the_navigation() -> None:
    from ruamel.yaml import YAML

    nav = YAML(typ="safe").load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["nav"]
    listed = {next(iter(entry.values())) for entry in nav}
    assert listed == {p.name for p in (ROOT / "docs").glob("*.md")}
