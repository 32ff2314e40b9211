"""`coscore portfolio`: many projects on one page (issue 6)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from coscore.workflows import portfolio as portfolio_workflow
from coscore.workflows import rubrics
from coscore.workflows import score as score_workflow
from coscore.render.formats import PortfolioFormat
from coscore.models.portfolio import PortfolioProblem
from coscore.portfolio import build_portfolio
from coscore.render import portfolio as render
from conftest import run_coscore
from test_report_browser import PageWatch, _axe_violations, axe_script, browser  # noqa: F401  (fixtures)

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
BROKEN = "coscore: 1\nproject:\n  name: Broken\ndecision_bodies:\n  - name: Board\n    seats: three\n"
BROKEN_ERROR = "broken.yaml:6:12: decision_bodies.seats: must be a whole number, got \"three\" (write digits only, for example 3)"


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return run_coscore(*args, cwd=cwd, command=[sys.executable, "-m", "coscore"])


@pytest.fixture
def folder(tmp_path) -> Path:
    """The examples plus one broken file, in a folder of their own."""
    for example in EXAMPLES:
        shutil.copy(example, tmp_path / example.name)
    (tmp_path / "broken.yaml").write_text(BROKEN)
    return tmp_path


def test_examples_exist():
    assert EXAMPLES


@pytest.mark.parametrize("fmt", list(PortfolioFormat), ids=lambda f: f.value)
def test_broken_file_is_listed_with_its_error_and_exit_is_2(folder, fmt):
    result = run("portfolio", ".", "--format", fmt.value, cwd=folder)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    flat = " ".join(result.stdout.split())
    if fmt is PortfolioFormat.json:
        doc = json.loads(result.stdout)
        assert doc["files_with_errors"] == [{"file": "broken.yaml", "problems": [BROKEN_ERROR]}]
        assert [p["file"] for p in doc["projects"]] == [e.name for e in EXAMPLES]
    elif fmt is PortfolioFormat.html:
        assert BROKEN_ERROR.replace('"', "&#34;") in flat
    elif fmt is PortfolioFormat.markdown:
        from coscore.render.markdown_text import escape

        assert escape(BROKEN_ERROR) in flat
    else:
        assert "broken.yaml:6:12: decision_bodies.seats: must be a whole number" in flat
    for example in EXAMPLES:
        assert example.name in result.stdout
    if fmt is not PortfolioFormat.terminal:
        assert BROKEN_ERROR in result.stderr.splitlines()


def test_all_examples_score_and_exit_0(tmp_path):
    result = run("portfolio", str(ROOT / "examples"), "--format", "json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    assert len(doc["projects"]) == len(EXAMPLES)
    assert doc["files_with_errors"] == []


def test_no_project_files_is_a_usage_error(tmp_path):
    result = run("portfolio", ".", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == ".:1:1: no project files found (give .yaml files or folders that hold them)\n"


def test_output_is_written_and_never_over_an_input(folder):
    result = run("portfolio", ".", "--format", "html", "--output", "board.html", cwd=folder)
    assert result.returncode == 2  # the broken file still counts
    assert (folder / "board.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    before = (folder / EXAMPLES[0].name).read_bytes()
    refused = run("portfolio", ".", "--format", "markdown", "--output", EXAMPLES[0].name, cwd=folder)
    assert refused.returncode == 2
    assert "refusing to write over an input file" in refused.stderr
    assert (folder / EXAMPLES[0].name).read_bytes() == before


def _projects(tmp_path: Path, specs: dict[str, str]) -> list[str]:
    paths = []
    for name, extra in specs.items():
        path = tmp_path / f"{name}.yaml"
        path.write_text(f"coscore: 1\nassessed_on: 2025-06-01\nproject:\n  name: {name}\n{extra}")
        paths.append(str(path))
    return paths


def test_distribution_weakest_and_common_flags(tmp_path):
    rubric = rubrics.load_rubric(None)
    le_member = "people:\n  - name: A\n    role: lived_experience\n"
    budget = "budget:\n  total: 100\n  lived_experience_controlled: 0\n"
    shared = "budget:\n  total: 100\n  lived_experience_controlled: 50\n"
    paths = _projects(tmp_path, {"one": budget, "two": budget + le_member, "three": shared + le_member})
    result = portfolio_workflow.portfolio(paths, rubric)
    assert [r.project_name for r in result.rows] == ["one", "two", "three"]
    # one: no budget control; two: that and an unpaid member; three: an unpaid member. A tie keeps rubric order.
    assert [(f.id, f.count) for f in result.common_red_flags] == [("no-budget-control", 2), ("unpaid-lived-experience", 2)]
    assert [[f.id for f in r.red_flags] for r in result.rows] == [["no-budget-control"], ["no-budget-control", "unpaid-lived-experience"], ["unpaid-lived-experience"]]
    for d in result.distribution:
        assert sum(d.counts) == 3
        assert len(d.counts) == rubric.max_level + 1
    # The weakest is the lowest level; on a tie the heaviest dimension (share-power weighs 2), then rubric order.
    assert [(r.weakest_id, r.weakest_level) for r in result.rows] == [("share-power", 0)] * 3
    assert result.rows[0].also_at_weakest_level == sum(1 for d in score_workflow.assess_file(paths[0], rubric).dimensions if d.level == 0) - 1


def test_hostile_strings_are_escaped(tmp_path):
    rubric = rubrics.load_rubric(None)
    path = _projects(tmp_path, {"x": ""})[0]
    text = Path(path).read_text().replace("name: x", "name: \"<script>alert(1)</script> | *bold* [link](http://e.org)\"")
    Path(path).write_text(text)
    result = portfolio_workflow.portfolio([path], rubric)
    html = render.render_portfolio_html(result)
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    md = render.render_portfolio_markdown(result)
    assert "\\<script\\>" in md and "\\| \\*bold\\* \\[link\\]" in md
    row = next(line for line in md.splitlines() if "script" in line)
    assert row.count(" | ") == 5  # the pipe in the name did not add a column


def test_empty_portfolio_of_only_broken_files_still_renders(tmp_path):
    rubric = rubrics.load_rubric(None)
    problem = PortfolioProblem(path="a.yaml", problems=("a.yaml:1:1: the file is empty",))
    result = build_portfolio(rubric, [], [problem])
    for fmt in PortfolioFormat:
        text = {"terminal": render.render_portfolio_terminal, "markdown": render.render_portfolio_markdown, "html": render.render_portfolio_html, "json": render.render_portfolio_json}[fmt.value](result)
        assert "a.yaml:1:1: the file is empty" in text


def test_portfolio_html_has_no_axe_violations(folder, browser, axe_script):  # noqa: F811
    result = portfolio_workflow.portfolio([str(folder)], rubrics.load_rubric(None))
    page_file = folder / "portfolio.html"
    page_file.write_text(render.render_portfolio_html(result), encoding="utf-8")
    watch = PageWatch(browser, page_file)
    try:
        for media in ("screen", "print"):
            watch.page.emulate_media(media=media)
            assert _axe_violations(watch.page, axe_script) == [], f"axe-core found WCAG 2.1 AA violations ({media})"
        assert watch.page.get_by_role("main").count() == 1
        assert watch.page.get_by_role("heading", level=1).count() == 1
        assert watch.requests == [watch.url]
    finally:
        watch.close()
