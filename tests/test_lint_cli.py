"""`coscore lint` and `coscore explain RULE_ID` from the command line: formats, exit codes, baseline, team rules."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from coscore.cli import app
from coscore.render.formats import LintFormat

ROOT = Path(__file__).resolve().parent.parent
BAD = "Our service supports vulnerable adults.\n\nSome groups are hard to reach.\n\nWe help the less fortunate.\n"
NOTE_ONLY = "Service users chose the name.\n"


def run(*args: str):
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def docs(tmp_path):
    (tmp_path / "bad.md").write_text(BAD, encoding="utf-8")
    (tmp_path / "good.md").write_text("Members decide how the £40,000 budget is spent.\n", encoding="utf-8")
    (tmp_path / "note.md").write_text(NOTE_ONLY, encoding="utf-8")
    return tmp_path


def test_clean_document_exits_0(docs):
    code, out, _ = run("lint", str(docs / "good.md"))
    assert code == 0 and out.strip() == "No findings in 1 document."


def test_findings_exit_1_with_location_reason_and_suggestion(docs):
    code, out, _ = run("lint", str(docs / "bad.md"))
    assert code == 1
    assert f"{docs / 'bad.md'}:1:22: warning: “vulnerable adults” describes people" in out
    assert "    why: Calling people vulnerable" in out and "    try: Name what people face" in out
    assert out.rstrip().endswith("3 findings (3 warnings) in 1 document.")


@pytest.mark.parametrize("level, expected", [("error", 0), ("warning", 1), ("note", 1), ("never", 0)])
def test_fail_level_on_warnings(docs, level, expected):
    assert run("lint", str(docs / "bad.md"), "--fail-level", level)[0] == expected


@pytest.mark.parametrize("level, expected", [("warning", 0), ("note", 1)])
def test_fail_level_on_notes(docs, level, expected):
    assert run("lint", str(docs / "note.md"), "--fail-level", level)[0] == expected


def test_every_format_renders(docs):
    for fmt in LintFormat:
        code, out, _ = run("lint", str(docs / "bad.md"), "--format", fmt.value)
        assert code == 1 and "deficit-hard-to-reach" in out and "hard to reach" in out, fmt


def test_parsable_format(docs):
    _, out, _ = run("lint", str(docs / "bad.md"), "-f", "parsable")
    lines = out.splitlines()
    assert len(lines) == 3
    assert lines[1] == f"{docs / 'bad.md'}:3:17: warning: “hard to reach” puts the gap on the people, not on the service. [deficit-hard-to-reach]"


def test_json_format(docs):
    _, out, _ = run("lint", str(docs / "bad.md"), "-f", "json")
    data = json.loads(out)
    assert data["summary"]["warnings"] == 3
    assert [(f["rule_id"], f["line"], f["column"]) for f in data["findings"]] == [
        ("deficit-vulnerable", 1, 22),
        ("deficit-hard-to-reach", 3, 17),
        ("one-way-pity", 5, 13),
    ]
    assert all(len(f["fingerprint"]) == 16 for f in data["findings"])


def test_folder_argument_finds_markdown_files(docs):
    code, out, _ = run("lint", str(docs), "-f", "json")
    assert code == 1 and len(json.loads(out)["files"]) == 3


def test_missing_file_is_an_input_error(docs):
    code, _, err = run("lint", str(docs / "nope.md"))
    assert code == 2 and f"{docs / 'nope.md'}:1:1: no such file" in err


def test_no_files_is_a_usage_error():
    code, _, err = run("lint")
    assert code == 2 and "give one or more documents or folders" in err


def test_baseline_matches_by_fingerprint_not_line(docs):
    baseline = docs / "baseline.json"
    code, _, _ = run("lint", str(docs / "bad.md"), "--write-baseline", str(baseline))
    written = json.loads(baseline.read_text())
    assert code == 1 and written["coscore_baseline"] == 1 and len(written["findings"]) == 3
    # lines move and one new finding appears: only the new one counts
    (docs / "bad.md").write_text("# New heading\n\nIntro.\n\n" + BAD + "\nThe elderly are welcome.\n", encoding="utf-8")
    code, out, _ = run("lint", str(docs / "bad.md"), "--baseline", str(baseline), "-f", "json")
    data = json.loads(out)
    assert code == 1 and [f["rule_id"] for f in data["findings"]] == ["deficit-group-label"]
    assert data["summary"]["baselined"] == 3
    (docs / "bad.md").write_text("# New heading\n\n" + BAD, encoding="utf-8")
    assert run("lint", str(docs / "bad.md"), "--baseline", str(baseline))[0] == 0


def test_a_repeated_phrase_gets_its_own_fingerprint(docs):
    (docs / "twice.md").write_text("The hard to reach.\n\nThe hard to reach.\n", encoding="utf-8")
    _, out, _ = run("lint", str(docs / "twice.md"), "-f", "json")
    prints = [f["fingerprint"] for f in json.loads(out)["findings"]]
    assert len(prints) == 2 and len(set(prints)) == 2


def test_bad_baseline_is_an_input_error_with_location(docs):
    (docs / "b.json").write_text('{"coscore_baseline": 1, "findings": [\n  {"fingerprint": 1,}\n]}', encoding="utf-8")
    code, _, err = run("lint", str(docs / "bad.md"), "--baseline", str(docs / "b.json"))
    assert code == 2 and f"{docs / 'b.json'}:2:" in err


def test_write_baseline_refuses_to_overwrite_an_input(docs):
    code, _, err = run("lint", str(docs / "bad.md"), "--write-baseline", str(docs / "bad.md"))
    assert code == 2 and "refusing to write over an input file" in err
    assert (docs / "bad.md").read_text() == BAD


def test_disable_switches_a_rule_off(docs):
    code, out, _ = run("lint", str(docs / "bad.md"), "--disable", "deficit-vulnerable", "--disable", "one-way-pity", "-f", "parsable")
    assert code == 1 and [line.rsplit("[", 1)[1] for line in out.splitlines()] == ["deficit-hard-to-reach]"]


def test_disable_unknown_rule_is_a_usage_error(docs):
    code, _, err = run("lint", str(docs / "bad.md"), "--disable", "deficit-vulnerabel")
    assert code == 2 and "no lint rule called 'deficit-vulnerabel'" in err and "did you mean 'deficit-vulnerable'" in err


TEAM_RULES = """coscore_lint: 1
rules:
  - id: team-no-journey
    family: house-style
    severity: error
    match:
      phrases: ["{service user|patient} journey*"]
    message: "“{match}” is our banned phrase."
    suggestion: "Say 'what happened to people'."
    reason: "Our members asked us to stop using it."
    source: "Members' style guide, 2025"
"""


def test_team_rule_file_adds_rules(docs):
    (docs / "team.yaml").write_text(TEAM_RULES, encoding="utf-8")
    (docs / "j.md").write_text("We mapped the patient journeys.\n", encoding="utf-8")
    code, out, _ = run("lint", str(docs / "j.md"), "--rules", str(docs / "team.yaml"), "-f", "parsable")
    assert code == 1 and out == f"{docs / 'j.md'}:1:15: error: “patient journeys” is our banned phrase. [team-no-journey]\n"


def test_invalid_team_rule_file_points_at_the_problem(docs):
    broken = TEAM_RULES.replace("severity: error", "severity: loud").replace('["{service user|patient} journey*"]', '["(unclosed"]\n      regex: ["(unclosed"]')
    (docs / "team.yaml").write_text(broken, encoding="utf-8")
    code, _, err = run("lint", str(docs / "bad.md"), "--rules", str(docs / "team.yaml"))
    assert code == 2 and f"{docs / 'team.yaml'}:5:15:" in err


def test_bad_regex_in_team_rule_points_at_the_line(docs):
    (docs / "team.yaml").write_text(TEAM_RULES.replace('phrases: ["{service user|patient} journey*"]', 'regex: ["journey(s"]'), encoding="utf-8")
    code, _, err = run("lint", str(docs / "bad.md"), "--rules", str(docs / "team.yaml"))
    assert code == 2 and f"{docs / 'team.yaml'}:7:" in err and "not a valid regular expression" in err


def test_team_rule_id_clash_is_reported(docs):
    (docs / "team.yaml").write_text(TEAM_RULES.replace("team-no-journey", "deficit-vulnerable"), encoding="utf-8")
    code, _, err = run("lint", str(docs / "bad.md"), "--rules", str(docs / "team.yaml"))
    assert code == 2 and "already used by lint/rules/deficit-framing.yaml" in err


def test_list_rules():
    code, out, _ = run("lint", "--list-rules")
    assert code == 0 and "deficit-vulnerable  warning  deficit-framing:" in out
    assert len(out.splitlines()) >= 25


def test_explain_a_lint_rule():
    code, out, _ = run("explain", "claim-co-produced")
    assert code == 0
    assert out.startswith("claim-co-produced (error, unbacked-claim); rests on Essays 000, 003 and 004")
    assert "Why it matters: Co-production is a claim about power" in out
    assert "at least the 'co-production' rung" in out and "Flagged:" in out and "Not flagged:" in out


def test_explain_still_knows_rubric_ids_and_rejects_unknown_ones():
    assert run("explain", "co-production-without-power")[1].startswith("Called co-production, but no decision power")
    code, _, err = run("explain", "no-such-thing")
    assert code == 2 and "lint rule" in err


def test_real_process_exit_codes_and_utf8(docs):
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    proc = subprocess.run([sys.executable, "-m", "coscore", "lint", str(docs / "bad.md"), "-f", "parsable"], capture_output=True, text=True, env=env, cwd=ROOT)
    assert proc.returncode == 1 and proc.stdout.count("\n") == 3 and proc.stderr == ""


def test_check_lints_documents_and_returns_findings_and_problems(docs):
    from coscore.models.config import CheckConfig, LintSettings, LoadedConfig
    from coscore.workflows.check import lint_documents

    def settings(*disabled: str) -> LoadedConfig:
        return LoadedConfig(config=CheckConfig(lint=LintSettings(disable=disabled)), path=None, root=str(docs))

    findings, problems, rules = lint_documents([str(docs / "bad.md"), str(docs / "missing.md")], settings("one-way-pity"))
    assert [f.rule_id for f in findings] == ["deficit-vulnerable", "deficit-hard-to-reach"]
    assert [p.message for p in problems] == ["no such file"]
    assert rules is not None and rules.get("one-way-pity") is None
    findings, problems, rules = lint_documents([str(docs / "bad.md")], settings("nope"))
    assert findings == [] and rules is None
    assert [(p.location.path, p.message) for p in problems] == [("configuration: lint.disable", "no lint rule called 'nope' to switch off")]


def test_terminal_explains_each_rule_once_per_document_then_lists_each_place(tmp_path):
    (tmp_path / "a.md").write_text("Vulnerable adults.\n\nThe hard to reach.\n\nMore vulnerable adults.\n", encoding="utf-8")
    (tmp_path / "b.md").write_text("Vulnerable adults.\n", encoding="utf-8")
    _, out, _ = run("lint", str(tmp_path / "a.md"), str(tmp_path / "b.md"))
    lines = out.splitlines()
    assert out.count("    why: Calling people vulnerable") == 2  # once in each document
    a = lines.index(str(tmp_path / "a.md"))
    assert lines[a + 1] == "  deficit-vulnerable (warning, 2 places)"
    places = [line for line in lines if line.startswith(f"    {tmp_path / 'a.md'}:")]
    assert [p.split(": ")[0].strip() for p in places] == [f"{tmp_path / 'a.md'}:{n}" for n in ("1:1", "5:6", "3:5")]
    assert lines.index(places[0]) < lines.index("  deficit-hard-to-reach (warning, 1 place)") < lines.index(places[2])
