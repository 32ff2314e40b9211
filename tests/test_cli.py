"""The command line, in-process (typer's runner) and as a real subprocess."""

from __future__ import annotations

import json

from conftest import run_coscore


def test_score_json_in_process(cli):
    result = cli("score", "examples/co-design.yaml", "--format", "json")
    assert result.exit_code == 0
    doc = json.loads(result.output)
    assert doc["ladder_rung"] == "co_design"
    assert doc["project"]["name"] == "Home Together Tenancy Support"


def test_score_terminal_shows_red_flags_with_locations(cli):
    result = cli("score", "examples/washed.yaml")
    assert result.exit_code == 0
    assert "Red flags (6)" in result.output
    assert "Input gathered after the decision [input-after-decision] at examples/washed.yaml:" in result.output


def test_explain_shows_conditions_facts_and_next_step():
    result = run_coscore("explain", "examples/consultation.yaml", "share-power")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Share power [share-power]" in out
    # The advisory group's seats are not power: the management team took every recorded decision, with no lived-experience seats.
    assert "level 1: [not met] lived_experience_seat_share above 0   (now: lived_experience_seat_share = 0)" in out
    assert "level 2: [not met] lived_experience_vote_share at least 0.25   (now: lived_experience_vote_share = 0)" in out
    assert "lived_experience_vote_share = 0 [costly to fake] — " in out
    assert "from: decision_bodies[2], decisions[1], decisions[2], decisions[3]" in out
    assert "To raise it: Give people with lived experience seats, with votes" in out
    assert "Meetings where people meet as people" not in out


def test_explain_whole_file_covers_every_dimension_and_red_flags():
    result = run_coscore("explain", "examples/washed.yaml")
    assert result.returncode == 0
    assert result.stdout.count("  To raise it: ") == 13
    assert "input-after-decision:" in result.stdout
    assert "examples/washed.yaml:" in result.stdout


def test_explain_capped_dimension_says_why():
    result = run_coscore("explain", "tests/calibration/wash-3a-stale-evidence.yaml", "share-power")
    assert "Capped: the facts reach level 4" in result.stdout
    # records are named as people call them, never by their place in the file (decision_bodies[1])
    assert "Add dated evidence (minutes, a link, a document) to the decision body “Service board”, the decision “Move the lunch club to the new community hall”, the budget;" in result.stdout
    step = result.stdout[result.stdout.index("Add dated evidence"):].split("\n")[0]
    assert "[1]" not in step


def test_explain_a_red_flag_or_fact_by_id():
    flag = run_coscore("explain", "input-after-decision")
    assert flag.returncode == 0 and "Why it matters:" in flag.stdout
    fact = run_coscore("explain", "pay_parity")
    assert fact.returncode == 0 and fact.stdout.startswith("pay_parity (ratio):")


def test_explain_unknown_dimension_is_a_usage_error():
    result = run_coscore("explain", "examples/washed.yaml", "no-such-dimension")
    assert result.returncode == 2
    assert "no dimension 'no-such-dimension'" in result.stderr
    assert "share-power" in result.stderr


def test_missing_file_and_folder_exit_2_with_a_location(tmp_path):
    missing = run_coscore("score", str(tmp_path / "nope.yaml"))
    assert missing.returncode == 2
    assert f"{tmp_path / 'nope.yaml'}:1:1: no such file" in missing.stderr
    folder = run_coscore("score", str(tmp_path))
    assert folder.returncode == 2
    assert "this is a folder, not a file" in folder.stderr
    assert "Traceback" not in missing.stderr + folder.stderr


def test_bad_format_choice_is_a_usage_error():
    result = run_coscore("score", "examples/peer-led.yaml", "--format", "pdf")
    assert result.returncode == 2
    assert "pdf" in result.stderr


def test_version_and_help():
    assert run_coscore("--version").stdout.startswith("coscore ")
    helped = run_coscore("--help")
    assert helped.returncode == 0
    for command in ("score", "explain", "rubric"):
        assert command in helped.stdout


def test_score_does_not_touch_the_input(tmp_path):
    target = tmp_path / "p.yaml"
    original = (tmp_path.parent / "x").parent  # noqa: F841 - keep tmp_path alive
    data = open("examples/peer-led.yaml", "rb").read()
    target.write_bytes(data)
    for args in (["score", str(target)], ["score", str(target), "-f", "json"], ["explain", str(target)]):
        assert run_coscore(*args).returncode == 0
    assert target.read_bytes() == data
