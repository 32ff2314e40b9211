"""Terms a team uses on purpose (`lint.vocabulary`), and rules that are off by default."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from coscore.cli import app

USER_LED = "# About us\n\nWe are mental health service users and survivors.\n\nOur members, service users, elect the board.\n"


def run(*args: str):
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "about.md").write_text(USER_LED, encoding="utf-8")
    return tmp_path


def test_service_users_is_off_by_default_and_listed_as_such(folder):
    code, out, _ = run("lint", "about.md")
    assert code == 0 and out.strip() == "No findings in 1 document."
    code, out, _ = run("lint", "--list-rules")
    assert any(line.startswith("deficit-service-users  note") and line.endswith("(off by default)") for line in out.splitlines())
    code, out, _ = run("explain", "deficit-service-users")
    assert code == 0 and "Off by default" in out


def test_enable_switches_it_on(folder):
    code, out, _ = run("lint", "about.md", "--enable", "deficit-service-users", "--format", "parsable", "--fail-level", "note")
    assert code == 1
    assert out.splitlines() == [
        "about.md:3:22: note: “service users” names people after the service they use. [deficit-service-users]",
        "about.md:5:14: note: “service users” names people after the service they use. [deficit-service-users]",
    ]


def test_accepted_terms_are_reported_as_accepted_not_counted(folder):
    (folder / ".coscore.yaml").write_text(
        "lint:\n"
        "  enable: [deficit-service-users]\n"
        "  vocabulary:\n"
        "    - term: service user{s|}\n"
        "      reason: We are a user-led organisation and chose this name ourselves.\n",
        encoding="utf-8",
    )
    code, out, _ = run("lint", "about.md", "--fail-level", "note")
    assert code == 0
    assert "about.md:3:22: deficit-service-users (accepted term 'service user{s|}' (lint.vocabulary): We are a user-led organisation" in out
    assert out.rstrip().endswith("No findings in 1 document; 2 on terms the team accepts (lint.vocabulary).")


def test_vocabulary_in_pyproject(folder):
    (folder / "pyproject.toml").write_text(
        '[tool.coscore.lint]\nenable = ["deficit-service-users"]\nvocabulary = [{term = "service users", reason = "Our members chose it."}]\n',
        encoding="utf-8",
    )
    code, out, _ = run("lint", "about.md", "--fail-level", "note", "--format", "json")
    assert code == 0 and '"suppressed": 2' in out and "Our members chose it." in out


def test_an_accepted_term_answers_only_word_choice_rules(folder):
    (folder / "plan.md").write_text("The plan was co-produced through a survey of 300 residents.\n", encoding="utf-8")
    (folder / ".coscore.yaml").write_text("lint:\n  vocabulary:\n    - term: co-produced\n      reason: We like the word.\n", encoding="utf-8")
    code, out, _ = run("lint", "plan.md", "--format", "parsable")
    assert code == 1 and "[consultation-called-co-production]" in out


def test_an_accepted_term_can_name_its_rules(folder):
    (folder / "plan.md").write_text("The plan was co-produced through a survey of 300 residents.\n", encoding="utf-8")
    (folder / ".coscore.yaml").write_text(
        "lint:\n  vocabulary:\n    - term: co-produced through a survey\n      reason: Quoting the funder's report.\n      rules: [consultation-called-co-production]\n",
        encoding="utf-8",
    )
    code, out, _ = run("lint", "plan.md", "--format", "parsable")
    assert code == 0 and out == ""


@pytest.mark.parametrize(
    "config, expected",
    [
        ("lint:\n  vocabulary:\n    - term: service users\n", ".coscore.yaml:3:7: lint.vocabulary is missing the required field 'reason'"),
        ("lint:\n  vocabulary:\n    - term: service users\n      reason: ok\n      rules: [deficit-service-user]\n", ".coscore.yaml:5:15: lint.vocabulary[0] names no lint rule called 'deficit-service-user'"),
        ("lint:\n  enable: [deficit-service-user]\n", ".coscore.yaml:2:12: no lint rule called 'deficit-service-user' to switch on (did you mean 'deficit-service-users'?"),
        ("lint:\n  vocabulary:\n    - term: 'service {users'\n      reason: ok\n", ".coscore.yaml:3:14: lint.vocabulary[0]: '{' without a closing '}' in phrase 'service {users'"),
    ],
)
def test_bad_vocabulary_is_a_located_input_error(folder, config, expected):
    (folder / ".coscore.yaml").write_text(config, encoding="utf-8")
    code, out, err = run("lint", "about.md")
    assert code == 2, (out, err)
    assert expected in err
    assert "Traceback" not in err
