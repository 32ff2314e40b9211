"""`coscore report` end to end: output, refusal to overwrite the input, redaction, bad input."""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from report_support import ROOT, case_path, run_cli, snapshot_path

FORMATS = ("markdown", "html")


def _found(names: set[str], text: str) -> list[str]:
    """The names that occur in ``text`` as words (so "Tom" is not found in "bottom")."""
    return sorted(n for n in names if re.search(rf"(?<!\w){re.escape(n)}(?!\w)", text, flags=re.IGNORECASE))


def _readable(text: str, fmt: str) -> str:
    """What a reader sees: Markdown rendered as GitHub would, tags dropped, entities decoded."""
    if fmt == "markdown":
        from markdown_it import MarkdownIt

        text = MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(text)
    return html.unescape(re.sub(r"<[^>]*>", " ", text))


def _names(project_yaml: Path) -> set[str]:
    """Every person's name in a project file, whole and in parts of three letters or more."""
    from coscore.io import loaders

    project = loaders.load_project(project_yaml).project
    full = {p.name for p in project.people} | {r.rated_by for r in project.self_ratings if r.rated_by}
    parts = {part for name in full for part in name.split() if len(part) >= 3}
    return full | parts


@pytest.mark.parametrize("fmt", FORMATS)
def test_report_prints_to_stdout_by_default(fmt):
    result = run_cli("report", case_path("peer_led"), "--format", fmt)
    assert result.returncode == 0, result.stderr
    assert "Open Door peer support" in result.stdout
    assert result.stdout == snapshot_path("peer_led", fmt).read_text(encoding="utf-8")


@pytest.mark.parametrize("fmt", FORMATS)
def test_output_writes_the_same_report_to_a_file(fmt, tmp_path):
    target = tmp_path / "report.out"
    written = run_cli("report", case_path("consultation"), "--format", fmt, "--output", str(target))
    printed = run_cli("report", case_path("consultation"), "--format", fmt, "--output", "-")
    assert written.returncode == 0 and printed.returncode == 0, written.stderr + printed.stderr
    assert written.stdout == ""
    assert target.read_text(encoding="utf-8") == printed.stdout
    assert "Wrote the" in written.stderr
    assert not [p for p in tmp_path.iterdir() if p.name != "report.out"], "a temporary file was left behind"


def _spellings(project: Path) -> list[str]:
    """The same input file named three ways: as given, absolute, and through a symlink."""
    link = project.parent / "link-to-project.yaml"
    link.symlink_to(project)
    return [project.name, str(project), str(link)]


@pytest.mark.parametrize("fmt", FORMATS)
def test_output_over_the_input_file_is_refused_and_the_input_kept(fmt, tmp_path):
    project = tmp_path / "project.yaml"
    shutil.copy(ROOT / case_path("peer_led"), project)
    before = project.read_bytes()
    for spelling in _spellings(project):
        result = run_cli("report", "project.yaml", "--format", fmt, "--output", spelling, cwd=tmp_path)
        assert result.returncode == 2, (spelling, result.stdout, result.stderr)
        assert "refusing to write over an input file" in result.stderr
        assert "Traceback" not in result.stderr
        assert project.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link-to-project.yaml", "project.yaml"]


def test_output_over_a_response_or_rubric_file_is_refused(tmp_path):
    shutil.copytree(ROOT / "examples" / "responses", tmp_path / "responses")
    shutil.copy(ROOT / "examples" / "starter.yaml", tmp_path / "starter.yaml")
    shutil.copy(ROOT / "src" / "coscore" / "rubrics" / "eleven-principles.yaml", tmp_path / "rubric.yaml")
    inputs = ["responses/staff-alder.yaml", "rubric.yaml", "starter.yaml"]
    before = {name: (tmp_path / name).read_bytes() for name in inputs}
    for target in inputs:
        result = run_cli(
            "report", "starter.yaml", "--format", "html", "--responses", "responses", "--rubric", "rubric.yaml", "--output", target, cwd=tmp_path
        )
        assert result.returncode == 2, (target, result.stderr)
        assert f"{target}:1:1: refusing to write over an input file" in result.stderr
    assert {name: (tmp_path / name).read_bytes() for name in inputs} == before


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("case", ["peer_led", "consultation", "payloads"])
def test_redact_leaves_no_name_in_the_output(case, fmt):
    names = _names(ROOT / case_path(case))
    plain = run_cli("report", case_path(case), "--format", fmt)
    redacted = run_cli("report", case_path(case), "--format", fmt, "--redact")
    assert plain.returncode == 0 and redacted.returncode == 0, plain.stderr + redacted.stderr
    # The cases put names in the summary and in self-rating comments, so the test can fail.
    assert _found(names, _readable(plain.stdout, fmt))
    for text in (redacted.stdout, html.unescape(redacted.stdout), _readable(redacted.stdout, fmt)):
        leaked = _found(names, text)
        assert not leaked, f"names left in the redacted {fmt} report: {leaked}"


def test_redact_names_people_by_their_role():
    result = run_cli("report", case_path("peer_led"), "--format", "markdown", "--redact")
    assert "“\\[person with lived experience\\] here. We vote" in result.stdout
    assert "Better since \\[person with lived experience\\] became co-chair" in result.stdout
    assert "**Names:** replaced by each person's role" in result.stdout


def test_redact_covers_pseudonyms_in_response_files(tmp_path):
    project = tmp_path / "project.yaml"
    project.write_text(
        "coscore: 1\nassessed_on: 2026-01-01\nproject:\n  name: Pseudonyms\n"
        "self_ratings:\n" + "".join(f"  - {{dimension: share-power, perspective: staff, level: 3}}\n" for _ in range(3)),
        encoding="utf-8",
    )
    folder = tmp_path / "responses"
    folder.mkdir()
    for i, name in enumerate(["Heron", "Kestrel", "Wren"]):
        (folder / f"{i}.yaml").write_text(
            f"coscore_response: 1\nrespondent:\n  role: lived_experience\n  pseudonym: {name}\n"
            f"ratings:\n  - dimension: share-power\n    level: 1\n    comment: {name} thinks Heron and Wren agree.\n",
            encoding="utf-8",
        )
    for fmt in FORMATS:
        plain = run_cli("report", str(project), "--format", fmt, "--responses", str(folder))
        redacted = run_cli("report", str(project), "--format", fmt, "--responses", str(folder), "--redact")
        assert plain.returncode == 0 and redacted.returncode == 0, plain.stderr + redacted.stderr
        names = {"Heron", "Kestrel", "Wren"}
        assert _found(names, _readable(plain.stdout, fmt)) == sorted(names)
        assert _found(names, _readable(redacted.stdout, fmt)) == []
        assert "thinks [person with lived experience] and [person with lived experience] agree" in _readable(redacted.stdout, fmt)


def test_redaction_matches_whole_words_only():
    from coscore.models.project import ProjectFile
    from coscore.reporting import Redactor

    project = ProjectFile.model_validate(
        {"coscore": 1, "project": {"name": "x"}, "people": [{"name": "Ann Lee", "role": "staff"}, {"name": "Jo", "role": "lived_experience"}]}
    )
    redactor = Redactor(project)
    text = "Ann Lee met Jo, JO and ann lee at Annex; Lee chaired; Joanne came; Ann\nLee too."
    assert redactor.text(text) == (
        "[staff member] met [person with lived experience], [person with lived experience] and [staff member] at Annex; "
        "[staff member] chaired; Joanne came; [staff member] too."
    )


@pytest.mark.parametrize("fmt", FORMATS)
def test_bad_input_gives_the_same_errors_as_score(fmt, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("coscore: 1\nproject:\n  name: Broken\n  planned_duration_months: three\npeople:\n  - name: Sam\n    role: boss\n", encoding="utf-8")
    report = run_cli("report", str(bad), "--format", fmt)
    score = run_cli("score", str(bad))
    assert report.returncode == 2 and score.returncode == 2
    assert report.stdout == ""
    assert report.stderr == score.stderr
    assert re.search(rf"^{re.escape(str(bad))}:4:\d+: ", report.stderr, flags=re.M)
    assert re.search(rf"^{re.escape(str(bad))}:7:\d+: ", report.stderr, flags=re.M)


def test_missing_file_and_unwritable_folder_exit_2(tmp_path):
    missing = run_cli("report", str(tmp_path / "nope.yaml"), "--format", "html")
    assert missing.returncode == 2
    assert missing.stderr.startswith(f"{tmp_path / 'nope.yaml'}:1:1: no such file")
    nowhere = run_cli("report", case_path("peer_led"), "--format", "html", "--output", str(tmp_path / "no-such-folder" / "r.html"))
    assert nowhere.returncode == 2
    assert "the folder to write into does not exist" in nowhere.stderr
    assert "Traceback" not in nowhere.stderr


def test_unknown_format_is_a_usage_error():
    result = run_cli("report", case_path("peer_led"), "--format", "pdf")
    assert result.returncode == 2
    assert "pdf" in result.stderr


def test_custom_rubric_path_is_used_and_repeated_in_the_explain_command(tmp_path):
    rubric = tmp_path / "our-rubric.yaml"
    text = (ROOT / "src" / "coscore" / "rubrics" / "eleven-principles.yaml").read_text(encoding="utf-8")
    rubric.write_text(text.replace('version: "1.1.0"', 'version: "9.9.9-local"'), encoding="utf-8")
    result = run_cli("report", case_path("peer_led"), "--format", "markdown", "--rubric", str(rubric))
    assert result.returncode == 0, result.stderr
    assert "version 9.9.9-local" in result.stdout
    assert f"`coscore explain tests/report_cases/peer_led.yaml --rubric {rubric}`" in result.stdout


name_word = st.text(alphabet=st.sampled_from(list("abcdefghijklmnopqrstuvwxyzéøĳ'-")), min_size=1, max_size=8).filter(lambda w: w[0].isalpha())
person_name = st.lists(name_word, min_size=1, max_size=3).map(" ".join)


@settings(max_examples=200, deadline=None)
@given(
    names=st.lists(person_name, min_size=1, max_size=4, unique_by=str.lower),
    picks=st.lists(st.tuples(st.integers(0, 3), st.booleans(), st.sampled_from([" ", "\n", ", ", ": ", " (", "'s "])), max_size=12),
)
def test_redaction_never_leaves_a_whole_name(names, picks):
    from coscore.models.project import ProjectFile
    from coscore.reporting import Redactor

    project = ProjectFile.model_validate({"coscore": 1, "project": {"name": "x"}, "people": [{"name": n, "role": "staff"} for n in names]})
    text = "Met with " + "".join((names[i % len(names)].upper() if loud else names[i % len(names)]) + sep for i, loud, sep in picks)
    # A person called "Staff" still leaves the word in the "[staff member]" label; only labels may hold it.
    assert _found(set(names), Redactor(project).text(text).replace("[staff member]", " ")) == []
