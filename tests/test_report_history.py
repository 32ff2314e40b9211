"""`coscore report --history` and the perspectives chart in the HTML report (issue 6)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from test_history import git_env, repo  # noqa: F401  (repo is a fixture)
from test_report_browser import PageWatch, _axe_violations, axe_script, browser  # noqa: F401  (fixtures)

ROOT = Path(__file__).resolve().parent.parent


def coscore(*args: str, cwd: Path, tmp_path: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "coscore", *args], cwd=cwd, env=git_env(tmp_path), capture_output=True, text=True)


def test_html_report_with_history_has_chart_and_table(repo, tmp_path):
    result = coscore("report", "project.yaml", "--format", "html", "--history", cwd=repo, tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    page = result.stdout
    section = page[page.index('<section id="history"') : page.index("</section>", page.index('<section id="history"'))]
    assert '<a href="#history">Change over time</a>' in page
    assert "3 saved versions" in section
    assert section.count("<circle ") == 3
    assert 'id="history-chart-desc">Overall score out of 100 by version: 2025-06-01' in section
    # One column per version, oldest first, and one sparkline per dimension.
    headers = section[section.index("<thead>") : section.index("</thead>")]
    assert headers.index("2025-06-01") < headers.index("2025-09-01") < headers.index("2026-01-15")
    assert section.count('aria-label="Share power: level ') == 1


def test_markdown_report_with_history_lists_each_version(repo, tmp_path):
    result = coscore("report", "project.yaml", "--format", "markdown", "--history", cwd=repo, tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    rows = [line for line in result.stdout.splitlines() if line.startswith("| 20")]
    assert [row.split(" | ")[0].strip("| ") for row in rows] == ["2025-06-01", "2025-09-01", "2026-01-15"]


def test_report_without_history_has_no_history_section(repo, tmp_path):
    page = coscore("report", "project.yaml", "--format", "html", cwd=repo, tmp_path=tmp_path).stdout
    assert 'id="history"' not in page


def test_report_history_outside_git_exits_2(tmp_path):
    folder = tmp_path / "plain"
    folder.mkdir()
    (folder / "project.yaml").write_text((ROOT / "examples" / "starter.yaml").read_text(encoding="utf-8"))
    result = coscore("report", "project.yaml", "--format", "html", "--history", cwd=folder, tmp_path=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith("project.yaml:1:1: this file is not inside a git repository")
    assert result.stdout == ""


def test_report_history_never_committed_says_so(tmp_path):
    folder = tmp_path / "repo"
    folder.mkdir()
    subprocess.run(["git", "init", "-q"], cwd=folder, env=git_env(tmp_path), check=True)
    (folder / "project.yaml").write_text((ROOT / "examples" / "starter.yaml").read_text(encoding="utf-8"))
    result = coscore("report", "project.yaml", "--format", "html", "--history", cwd=folder, tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "There is no history yet: the project file has not been committed to git." in result.stdout


def test_html_report_perspectives_chart_hides_small_groups(tmp_path):
    result = coscore(
        "report", "examples/starter.yaml", "--format", "html", "--responses", "examples/responses", cwd=ROOT, tmp_path=tmp_path
    )
    assert result.returncode == 0, result.stderr
    chart = result.stdout[result.stdout.index('id="perspectives-chart-title"') : result.stdout.index("</svg>", result.stdout.index('id="perspectives-chart-title"'))]
    assert "1 person, not shown" in chart  # the one partner
    assert chart.count("Partners") == 3  # a label per dimension, never a bar
    assert "Share power (gap 2): facts level" in chart


def test_html_report_with_history_and_responses_is_accessible(repo, tmp_path, browser, axe_script):  # noqa: F811
    result = coscore(
        "report", "project.yaml", "--format", "html", "--history", "--responses", str(ROOT / "examples" / "responses"),
        "--output", str(tmp_path / "report.html"), cwd=repo, tmp_path=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    watch = PageWatch(browser, tmp_path / "report.html")
    try:
        for media in ("screen", "print"):
            watch.page.emulate_media(media=media)
            assert _axe_violations(watch.page, axe_script) == [], f"axe-core found WCAG 2.1 AA violations ({media})"
        assert watch.page.locator("#history").get_by_role("img").count() == 1 + 13  # the line chart and one sparkline per dimension
        assert watch.page.locator("#perspectives").get_by_role("img").count() == 1
        assert watch.requests == [watch.url]
    finally:
        watch.close()
