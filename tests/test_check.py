"""`coscore check` and `coscore baseline`, run as real subprocesses from case files."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from coscore.render.formats import CheckFormat
from conftest import run_coscore

TREE = Path(__file__).resolve().parents[1]
CASES = TREE / "tests" / "cases" / "check"
PARSABLE = re.compile(r"^(?P<path>[^:\n]+):(?P<line>\d+):(?P<col>\d+): (?P<severity>error|warning|note): (?P<message>.+) \[(?P<rule>[a-z0-9-]+)\]$")
FORMATS = [f.value for f in CheckFormat if f is not CheckFormat.auto]  # every format the enum has, walked, never listed by hand


def run(*args: str, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    """This tree's coscore in a subprocess, through the shared helper; never told it is in GitHub Actions unless asked."""
    return run_coscore(*args, cwd=cwd, env=env)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository folder holding the three case files under projects/."""
    (tmp_path / "projects").mkdir()
    for name in ("passing", "failing", "invalid"):
        shutil.copy(CASES / f"{name}.yaml", tmp_path / "projects" / f"{name}.yaml")
    return tmp_path


# --- exit codes ---------------------------------------------------------------------------


@pytest.mark.parametrize(("case", "code"), [("passing", 0), ("failing", 1), ("invalid", 2)])
def test_exit_code_from_case_file(repo: Path, case: str, code: int) -> None:
    result = run("check", f"projects/{case}.yaml", "--format", "parsable", cwd=repo)
    assert result.returncode == code, result.stdout + result.stderr
    if code == 2:
        assert "projects/invalid.yaml:24:12: decision_bodies.seats: must be a whole number" in result.stderr
        assert "Traceback" not in result.stderr


def test_exit_code_does_not_depend_on_format(repo: Path) -> None:
    for fmt in FORMATS:
        assert run("check", "projects/failing.yaml", "--format", fmt, cwd=repo).returncode == 1, fmt
        assert run("check", "projects/passing.yaml", "--format", fmt, cwd=repo).returncode == 0, fmt


def test_invalid_file_among_others_still_reports_the_rest(repo: Path) -> None:
    result = run("check", "projects/failing.yaml", "projects/invalid.yaml", "--format", "parsable", cwd=repo)
    assert result.returncode == 2
    assert "[input-after-decision]" in result.stdout
    assert "projects/invalid.yaml:24:12:" in result.stderr


# --- every output format for the same failing case ------------------------------------------


def test_parsable_lines(repo: Path) -> None:
    result = run("check", "projects/failing.yaml", "--format", "parsable", cwd=repo)
    lines = result.stdout.splitlines()
    assert lines, result.stderr
    for line in lines:
        assert PARSABLE.match(line), line
    flag = PARSABLE.match(lines[0])
    assert (flag["path"], flag["line"], flag["col"], flag["severity"], flag["rule"]) == ("projects/failing.yaml", "34", "5", "error", "input-after-decision")
    assert "reopen it with the people affected" in flag["message"]  # what to do is on the same line


def test_terminal(repo: Path) -> None:
    result = run("check", "projects/failing.yaml", "--format", "terminal", cwd=repo)
    assert "projects/failing.yaml: overall score" in result.stdout
    assert "34:5 error Input gathered after the decision" in result.stdout
    assert "what to do:" in result.stdout
    assert "coscore check failed: 1 finding(s)" in result.stdout
    assert "\033[" not in result.stdout  # no colour when not on a terminal


def test_json(repo: Path) -> None:
    data = json.loads(run("check", "projects/failing.yaml", "--format", "json", cwd=repo).stdout)
    assert data["passed"] is False and data["exit_code"] == 1
    (file,) = data["files"]
    assert file["path"] == "projects/failing.yaml" and file["kind"] == "project"
    assert isinstance(file["overall_score"], int) and len(file["dimensions"]) >= 11
    (finding,) = file["findings"]
    assert (finding["rule_id"], finding["line"], finding["column"]) == ("input-after-decision", 34, 5)
    assert re.fullmatch(r"[0-9a-f]{16}", finding["fingerprint"])


def test_sarif_required_fields(repo: Path) -> None:
    sarif = json.loads(run("check", "projects/failing.yaml", "--format", "sarif", cwd=repo).stdout)
    assert sarif["version"] == "2.1.0"
    assert "sarif-2.1.0" in sarif["$schema"]
    (sarif_run,) = sarif["runs"]
    driver = sarif_run["tool"]["driver"]
    assert driver["name"] == "coscore"
    rule_ids = [r["id"] for r in driver["rules"]]
    assert "input-after-decision" in rule_ids
    (result,) = sarif_run["results"]
    assert result["ruleId"] == "input-after-decision"
    assert rule_ids[result["ruleIndex"]] == "input-after-decision"
    assert result["level"] == "error"
    assert "Input gathered after the decision" in result["message"]["text"]
    (location,) = result["locations"]
    physical = location["physicalLocation"]
    assert physical["artifactLocation"]["uri"] == "projects/failing.yaml"
    assert physical["region"]["startLine"] == 34 and physical["region"]["startColumn"] == 5
    assert re.fullmatch(r"[0-9a-f]{16}", result["partialFingerprints"]["coscoreFindingHash/v1"])


def test_sarif_fingerprint_survives_moved_lines(repo: Path) -> None:
    def fingerprint() -> tuple[str, int]:
        sarif = json.loads(run("check", "projects/failing.yaml", "--format", "sarif", cwd=repo).stdout)
        result = sarif["runs"][0]["results"][0]
        return result["partialFingerprints"]["coscoreFindingHash/v1"], result["locations"][0]["physicalLocation"]["region"]["startLine"]

    before, line_before = fingerprint()
    path = repo / "projects" / "failing.yaml"
    path.write_text("# a new comment line\n# and another\n" + path.read_text())
    after, line_after = fingerprint()
    assert before == after and line_after == line_before + 2


def test_github_annotations_and_summary(repo: Path) -> None:
    summary = repo / "summary.md"
    summary.write_text("earlier step\n")
    result = run("check", "projects/failing.yaml", "projects/passing.yaml", cwd=repo, env={"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(summary)})
    assert result.returncode == 1
    (line,) = result.stdout.splitlines()  # auto picks github in GitHub Actions
    assert line.startswith("::error file=projects/failing.yaml,line=34,col=5,title=coscore input-after-decision::Input gathered after the decision")
    assert "%0AWhat to do: " in line
    text = summary.read_text()
    assert text.startswith("earlier step\n## coscore check")  # appended, not overwritten
    assert "### projects/failing.yaml" in text and "### projects/passing.yaml" in text
    assert "| 34:5 | error | Input gathered after the decision" in text
    assert "| Share power | 75 |" in text


def test_junit_is_xml_with_a_case_per_dimension_per_file(repo: Path) -> None:
    result = run("check", "projects/failing.yaml", "projects/passing.yaml", "--format", "junit", "--minimum", "share-power=80", cwd=repo)
    root = ET.fromstring(result.stdout)
    suites = {s.get("name"): s for s in root.iter("testsuite")}
    assert set(suites) == {"projects/failing.yaml", "projects/passing.yaml"}
    for suite in suites.values():
        names = [c.get("name") for c in suite.iter("testcase")]
        assert sum(1 for n in names if n.startswith("share-power:")) == 1
        assert len([n for n in names if ":" in n and not n.startswith("input-after")]) >= 11
        share = next(c for c in suite.iter("testcase") if c.get("name").startswith("share-power:"))
        assert share.find("failure") is not None  # 75 is under the minimum of 80
        assert int(suite.get("tests")) == len(names)
    flag = next(c for c in suites["projects/failing.yaml"].iter("testcase") if c.get("name").startswith("input-after-decision"))
    assert flag.find("failure").get("type") == "input-after-decision"
    assert suites["projects/passing.yaml"].get("failures") == "1"
    assert suites["projects/failing.yaml"].get("failures") == "2"


def test_auto_format_is_parsable_when_piped(repo: Path) -> None:
    result = run("check", "projects/failing.yaml", cwd=repo)
    assert all(PARSABLE.match(line) for line in result.stdout.splitlines())


def test_output_file_is_written(repo: Path) -> None:
    result = run("check", "projects/failing.yaml", "--format", "sarif", "--output", "coscore.sarif", cwd=repo)
    assert result.returncode == 1 and result.stdout == ""
    assert json.loads((repo / "coscore.sarif").read_text())["version"] == "2.1.0"


# --- configuration --------------------------------------------------------------------------


def test_config_discovered_from_a_nested_folder(repo: Path) -> None:
    (repo / ".coscore.yaml").write_text("projects: ['projects/passing.yaml']\nfail_under:\n  overall: 90\n")
    nested = repo / "docs" / "deep"
    nested.mkdir(parents=True)
    result = run("check", "--format", "parsable", cwd=nested)
    assert result.returncode == 1, result.stderr
    assert "[fail-under]" in result.stdout and "minimum of 90" in result.stdout
    assert result.stdout.startswith("../../projects/passing.yaml:1:1: error:")


def test_pyproject_tool_table_is_found(repo: Path) -> None:
    (repo / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.coscore]\nprojects = ["projects/passing.yaml"]\n\n[tool.coscore.fail_under]\noverall = 95\n')
    result = run("check", "--format", "parsable", cwd=repo)
    assert result.returncode == 1 and "minimum of 95" in result.stdout


def test_flags_override_the_file(repo: Path) -> None:
    (repo / ".coscore.yaml").write_text("fail_under:\n  overall: 90\nfail_on: [input-after-decision]\n")
    assert run("check", "projects/passing.yaml", cwd=repo).returncode == 1
    assert run("check", "projects/passing.yaml", "--fail-under", "10", cwd=repo).returncode == 0
    # --fail-on replaces the file's list: the red flag is then shown as a warning only
    lowered = run("check", "projects/failing.yaml", "--fail-under", "10", "--fail-on", "single-funder-ending", "--format", "parsable", cwd=repo)
    assert lowered.returncode == 0, lowered.stdout
    assert ": warning: Input gathered after the decision" in lowered.stdout


def test_explicit_config_overrides_discovery(repo: Path) -> None:
    (repo / ".coscore.yaml").write_text("fail_under:\n  overall: 90\n")
    (repo / "lenient.yaml").write_text("fail_under:\n  overall: 5\n")
    assert run("check", "projects/passing.yaml", "--config", "lenient.yaml", cwd=repo).returncode == 0


def test_globs_and_excludes(repo: Path) -> None:
    (repo / "projects" / "drafts").mkdir()
    shutil.copy(CASES / "failing.yaml", repo / "projects" / "drafts" / "idea.yaml")
    (repo / ".coscore.yaml").write_text("projects: ['projects/**/*.yaml']\nexclude: [invalid.yaml, 'projects/drafts/']\nfail_on: []\n")
    result = run("check", "--format", "json", cwd=repo)
    checked = sorted(f["path"] for f in json.loads(result.stdout)["files"])
    assert checked == ["projects/failing.yaml", "projects/passing.yaml"]
    assert result.returncode == 0


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        (".coscore.yaml", "rubric: eleven-principles\nfail_under:\n  overall: lots\n", ".coscore.yaml:3:12: fail_under.overall: must be a whole number"),
        (".coscore.yaml", "fail_under:\n  overal: 50\n", ".coscore.yaml:2:3: unknown field 'overal' in fail_under (did you mean 'overall'?"),
        (".coscore.yaml", "fail_on:\n  - error\n  - Not A Flag\n", ".coscore.yaml:3:5: fail_on: 'Not A Flag' is neither a severity"),
        (".coscore.yaml", "fail_under:\n  dimensions:\n    shared-power: 50\n", ".coscore.yaml:3:5: fail_under.dimensions: rubric eleven-principles has no dimension 'shared-power' (did you mean 'share-power'?"),
        (".coscore.yaml", "fail_on: [error, no-budget-contrl]\n", ".coscore.yaml:1:18: fail_on: 'no-budget-contrl' is neither a severity nor a red flag"),
        (".coscore.yaml", "projects: [a\nfail_on: []\n", ".coscore.yaml:"),
        ("pyproject.toml", "[tool.coscore]\nrubric = 'eleven-principles'\nfail_under = { overall = 'high' }\n", "pyproject.toml:3:16: tool.coscore.fail_under.overall: must be a whole number"),
        ("pyproject.toml", "[tool.coscore]\nprojects = ['a.yaml']\n\n[tool.coscore.fail_under]\noverall = 50\nsomething = 1\n", "pyproject.toml:6:1: unknown field 'something'"),
        ("pyproject.toml", "[tool.coscore]\nprojects = [\n", "pyproject.toml:3:1: this is not valid TOML"),
    ],
)
def test_bad_config_is_reported_with_line_and_column(repo: Path, name: str, text: str, expected: str) -> None:
    (repo / name).write_text(text)
    result = run("check", "projects/passing.yaml", cwd=repo / "projects")
    assert result.returncode == 2
    assert expected in result.stderr.replace("../", ""), result.stderr
    assert "Traceback" not in result.stderr


def test_no_files_and_no_config_is_a_usage_error(tmp_path: Path) -> None:
    result = run("check", cwd=tmp_path)
    assert result.returncode == 2
    assert "no files to check" in result.stderr


def test_skip_other_files_leaves_workflows_alone(repo: Path) -> None:
    (repo / "workflow.yml").write_text("on: push\njobs: {}\n")
    assert run("check", "workflow.yml", "projects/passing.yaml", cwd=repo).returncode == 2
    assert run("check", "--skip-other-files", "workflow.yml", "projects/passing.yaml", cwd=repo).returncode == 0


# --- baseline -------------------------------------------------------------------------------


def test_baseline_known_finding_passes_new_finding_fails(repo: Path) -> None:
    written = run("baseline", "projects/failing.yaml", "--output", ".coscore-baseline.json", cwd=repo)
    assert written.returncode == 0, written.stderr
    data = json.loads((repo / ".coscore-baseline.json").read_text())
    assert data["coscore_baseline"] == 1 and [f["rule_id"] for f in data["findings"]] == ["input-after-decision"]

    known = run("check", "projects/failing.yaml", "--baseline", ".coscore-baseline.json", "--format", "parsable", cwd=repo)
    assert known.returncode == 0, known.stdout
    assert known.stdout == ""

    # lines move: still the same finding
    path = repo / "projects" / "failing.yaml"
    path.write_text("# moved down\n" + path.read_text())
    assert run("check", "projects/failing.yaml", "--baseline", ".coscore-baseline.json", cwd=repo).returncode == 0

    # a new red flag (a single funder with little time left) is not in the baseline
    text = path.read_text().replace("  - name: City council\n    share_percent: 40\n", "").replace("share_percent: 60", "share_percent: 100").replace("funding_ends_on: 2027-03-31", "funding_ends_on: 2025-12-31")
    path.write_text(text)
    new = run("check", "projects/failing.yaml", "--baseline", ".coscore-baseline.json", "--format", "parsable", cwd=repo)
    assert new.returncode == 1, new.stdout + new.stderr
    assert "[single-funder-ending]" in new.stdout and "[input-after-decision]" not in new.stdout


def test_baseline_named_in_config(repo: Path) -> None:
    assert run("baseline", "projects/failing.yaml", "-o", "known.json", cwd=repo).returncode == 0
    (repo / ".coscore.yaml").write_text("baseline: known.json\n")
    assert run("check", "projects/failing.yaml", cwd=repo).returncode == 0
    # from another folder: the baseline path is relative to the configuration file, and
    # fingerprints use the path from the repository root, so the finding still matches
    assert run("check", "failing.yaml", cwd=repo / "projects").returncode == 0
    assert run("check", "failing.yaml", "--fail-on", "error", cwd=repo / "projects", env={}).returncode == 0


def test_baseline_refuses_to_overwrite_an_input(repo: Path) -> None:
    before = (repo / "projects" / "failing.yaml").read_text()
    result = run("baseline", "projects/failing.yaml", "--output", "projects/failing.yaml", cwd=repo)
    assert result.returncode == 2 and "refusing to write over an input file" in result.stderr
    assert (repo / "projects" / "failing.yaml").read_text() == before


def test_broken_baseline_is_an_input_error(repo: Path) -> None:
    (repo / "b.json").write_text('{"coscore_baseline": 1,\n  "findings": [}\n')
    result = run("check", "projects/failing.yaml", "--baseline", "b.json", cwd=repo)
    assert result.returncode == 2 and "b.json:2:16: the baseline is not valid JSON" in result.stderr


# --- compare --------------------------------------------------------------------------------


def test_compare_shows_what_went_up_and_down(repo: Path) -> None:
    saved = run("score", "projects/passing.yaml", "--format", "json", cwd=repo)
    previous = json.loads(saved.stdout)
    for d in previous["dimensions"]:
        if d["id"] == "share-power":
            d["score"] = 25
        if d["id"] == "takes-time":
            d["score"] = 75  # now 25: its funders carry no dated evidence
    (repo / "previous.json").write_text(json.dumps(previous))
    terminal = run("check", "projects/passing.yaml", "--compare", "previous.json", "--format", "terminal", cwd=repo)
    assert terminal.returncode == 0
    assert "Share power went up from 25 to 75 (+50)" in terminal.stdout
    assert "It takes time went down from 75 to 25 (-50)" in terminal.stdout
    data = json.loads(run("check", "projects/passing.yaml", "--compare", "previous.json", "--format", "json", cwd=repo).stdout)
    changes = {c["dimension_id"]: c["change"] for c in data["changes"]}
    assert changes["share-power"] == 50 and changes["takes-time"] == -50 and changes["overall"] == 0
    parsable = run("check", "projects/passing.yaml", "--compare", "previous.json", "--format", "parsable", cwd=repo).stdout
    assert "projects/passing.yaml:1:1: note: Share power went up from 25 to 75 (+50) [score-change]" in parsable.splitlines()


# --- the documentation's snippets (docs/ci.md and docs/configuration.md) ----------------------


def _readme_yaml_blocks() -> list[str]:
    text = "".join((TREE / "docs" / page).read_text(encoding="utf-8") for page in ("configuration.md", "ci.md"))
    assert text.startswith("# Configuration: the policy file")
    return re.findall(r"```yaml\n(.*?)```", text, flags=re.DOTALL)


def test_readme_policy_file_is_valid(tmp_path: Path) -> None:
    from coscore.io.config import load_config

    policy = next(b for b in _readme_yaml_blocks() if b.startswith("rubric:"))
    (tmp_path / ".coscore.yaml").write_text(policy)
    loaded = load_config(None, cwd=tmp_path)
    assert loaded.config.fail_under.dimensions == {"share-power": 50}
    assert loaded.config.projects == ("projects/**/*.yaml",)


def test_readme_local_hook_matches_the_published_hook() -> None:
    from ruamel.yaml import YAML

    (published,) = YAML(typ="safe").load((TREE / ".pre-commit-hooks.yaml").read_text())
    local = next(b for b in _readme_yaml_blocks() if "repo: local" in b)
    (hook,) = YAML(typ="safe").load(local)["repos"][0]["hooks"]
    assert hook["id"] == published["id"] == "coscore-check"
    assert hook["entry"] == published["entry"]
    assert hook["types_or"] == published["types_or"]


# --- start-up: the check path imports nothing heavy -------------------------------------------

HEAVY = ("rich", "jinja2", "markdown_it", "coscore.render.terminal", "coscore.render.explain", "coscore.render.json_format", "coscore.render.sarif", "coscore.render.junit", "coscore.render.github")


@pytest.mark.parametrize("fmt", ["parsable", "json"])
def test_check_imports_nothing_heavy(repo: Path, fmt: str) -> None:
    script = (
        "import sys\n"
        f"sys.argv = ['coscore', 'check', 'projects/failing.yaml', '--format', {fmt!r}]\n"
        "from coscore.cli import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        f"heavy = {HEAVY!r}\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in heavy or m in heavy)\n"
        "print('LOADED', loaded, file=sys.stderr)\n"
    )
    env = {k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY")}
    env["PYTHONPATH"] = str(TREE / "src")
    result = subprocess.run([sys.executable, "-c", script], cwd=repo, env=env, capture_output=True, text=True, timeout=120)
    assert "[input-after-decision]" in result.stdout or '"input-after-decision"' in result.stdout
    assert "LOADED []" in result.stderr, result.stderr


# --- strategy documents: linted by coscore lint, through check ----------------------------

WARNINGS_ONLY = "# Our plan\n\nWe will ensure vulnerable residents are heard.\n"
CLEAN = "# Our plan\n\nThe members' panel decides how the grants budget is spent, and publishes its decisions each quarter.\n"


@pytest.fixture
def docs_repo(repo: Path) -> Path:
    (repo / "strategy").mkdir()
    (repo / "strategy" / "plan.md").write_text(WARNINGS_ONLY)
    (repo / "strategy" / "clean.md").write_text(CLEAN)
    (repo / "README.md").write_text(WARNINGS_ONLY)  # not named by 'documents': never linted
    (repo / ".coscore.yaml").write_text("projects: ['projects/passing.yaml']\ndocuments: ['strategy/*.md']\n")
    return repo


def test_documents_named_by_the_configuration_are_linted(docs_repo: Path) -> None:
    result = run("check", "--format", "parsable", cwd=docs_repo)
    assert result.returncode == 1, result.stdout + result.stderr  # lint's default: warnings fail
    lines = result.stdout.splitlines()
    assert all(PARSABLE.match(line) for line in lines)
    assert {PARSABLE.match(line)["path"] for line in lines} == {"strategy/plan.md"}
    assert any(line.startswith("strategy/plan.md:3:1: warning:") and line.endswith("[vague-promise]") for line in lines)
    assert any(line.endswith("[deficit-vulnerable]") for line in lines)


def test_document_fail_level_and_disabled_rules(docs_repo: Path) -> None:
    config = docs_repo / ".coscore.yaml"
    config.write_text(config.read_text() + "lint:\n  fail_level: error\n")
    lenient = run("check", "--format", "parsable", cwd=docs_repo)
    assert lenient.returncode == 0 and "[vague-promise]" in lenient.stdout  # shown, not failing
    config.write_text(config.read_text().replace("  fail_level: error\n", "  disable: [vague-promise, undated-commitments, deficit-vulnerable]\n"))
    quiet = run("check", "--format", "parsable", cwd=docs_repo)
    assert quiet.returncode == 0 and quiet.stdout == ""
    config.write_text(config.read_text().replace("[vague-promise, undated-commitments, deficit-vulnerable]", "[vague-promis]"))
    wrong = run("check", cwd=docs_repo)
    assert wrong.returncode == 2 and "vague-promis" in wrong.stderr


def test_documents_in_sarif_and_junit(docs_repo: Path) -> None:
    sarif = json.loads(run("check", "--format", "sarif", cwd=docs_repo).stdout)
    rules = {r["id"]: r for r in sarif["runs"][0]["tool"]["driver"]["rules"]}
    assert rules["vague-promise"]["shortDescription"]["text"].endswith(": vague-promise")  # family: id
    assert rules["vague-promise"]["fullDescription"]["text"] and rules["vague-promise"]["help"]["text"]
    located = [r["locations"][0]["physicalLocation"] for r in sarif["runs"][0]["results"] if r["ruleId"] == "vague-promise"]
    assert located == [{"artifactLocation": {"uri": "strategy/plan.md", "uriBaseId": "%SRCROOT%"}, "region": {"startLine": 3, "startColumn": 1}}]
    root = ET.fromstring(run("check", "--format", "junit", cwd=docs_repo).stdout)
    plan = next(s for s in root.iter("testsuite") if s.get("name") == "strategy/plan.md")
    assert int(plan.get("failures")) == 2  # two warnings, and warnings fail at lint's default level


def test_baseline_covers_documents(docs_repo: Path) -> None:
    assert run("baseline", "--output", ".coscore-baseline.json", cwd=docs_repo).returncode == 0
    assert run("check", "--baseline", ".coscore-baseline.json", cwd=docs_repo).returncode == 0
    (docs_repo / "strategy" / "clean.md").write_text(CLEAN + "\nGoing forward we will listen more.\n")
    new = run("check", "--baseline", ".coscore-baseline.json", "--format", "parsable", cwd=docs_repo)
    assert new.returncode == 1 and new.stdout.startswith("strategy/clean.md:")


def test_hook_skips_markdown_the_configuration_does_not_name(docs_repo: Path) -> None:
    result = run("check", "--skip-other-files", "README.md", "strategy/plan.md", "--format", "parsable", cwd=docs_repo)
    assert {PARSABLE.match(line)["path"] for line in result.stdout.splitlines()} == {"strategy/plan.md"}


def test_a_folder_is_searched_for_project_files(repo: Path) -> None:
    (repo / "projects" / "invalid.yaml").unlink()
    (repo / "projects" / "ci.yml").write_text("on: push\njobs: {}\n")  # not a project file: left alone
    (repo / "projects" / "notes.md").write_text("We will ensure vulnerable residents are heard.\n")  # not named: not linted
    result = run("check", "projects", "--format", "json", cwd=repo)
    assert sorted(f["path"] for f in json.loads(result.stdout)["files"]) == ["projects/failing.yaml", "projects/passing.yaml"]
    assert result.returncode == 1


def test_step_summary_keeps_every_finding_when_it_must_shrink() -> None:
    from coscore.workflows import check as check_workflow
    from coscore.models.config import CheckConfig, LoadedConfig
    from coscore.render.github import render_summary

    loaded = LoadedConfig(config=CheckConfig(), path=None, root=str(CASES))
    report = check_workflow.run_check([str(CASES / "failing.yaml"), str(CASES / "passing.yaml")], loaded, CASES)
    full = render_summary(report)
    assert "| Share power | 75 |" in full
    small = render_summary(report, limit=len(full.encode()) - 1)
    assert "| Share power |" not in small and "left out to keep this summary within GitHub's size limit" in small
    assert "| 34:5 | error | Input gathered after the decision" in small


# --- evidence paths ---------------------------------------------------------------------------


def test_an_evidence_path_that_does_not_exist_is_a_located_finding(repo: Path) -> None:
    text = (repo / "projects" / "passing.yaml").read_text()
    text = text.replace(
        "    chaired_by: lived_experience\n",
        "    chaired_by: lived_experience\n    evidence:\n      - source: minutes/2025-05-20.pdf\n        dated: 2025-05-20\n"
        "      - source: docs/terms.pdf\n        dated: 2025-05-20\n      - source: https://example.org/minutes\n        dated: 2025-05-20\n",
        1,
    )
    (repo / "projects" / "passing.yaml").write_text(text)
    (repo / "projects" / "docs").mkdir()
    (repo / "projects" / "docs" / "terms.pdf").write_text("terms")  # relative to the project file, not to where check runs
    result = run("check", "projects/passing.yaml", "--format", "parsable", cwd=repo)
    missing = [line for line in result.stdout.splitlines() if line.endswith("[evidence-path-missing]")]
    line = text.splitlines().index("      - source: minutes/2025-05-20.pdf") + 1
    assert missing == [
        f"projects/passing.yaml:{line}:17: warning: evidence source 'minutes/2025-05-20.pdf' does not exist relative to the project file, "
        "so nobody can check it (correct the path, add the file to the repository, or give a link instead) [evidence-path-missing]"
    ]
    assert result.returncode == 0  # a warning: it does not fail the default policy
