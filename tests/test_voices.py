"""Voices without YAML (issue 17): forms, survey imports, typed-up answers, the participants' report."""

from __future__ import annotations

import csv
import datetime as dt
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from conftest import ROOT, run_coscore
from coscore import questions
from coscore.io.loaders import load_response, load_responses
from coscore.workflows.rubrics import load_rubric
from coscore.imports import Mapping
from coscore.models.project import ProjectFile
from coscore.participants import build_participants_report
from coscore.render.form import build_form, survey_questions_text
from coscore.render.formats import FormFormat, render_form, render_participants
from coscore.render.report import ReportFormat

VOICES = ROOT / "tests" / "voices"
EXPORTS = VOICES / "exports"
ERRORS = VOICES / "import-errors"
ERROR_CASES = sorted(p for p in ERRORS.iterdir() if p.suffix in (".csv", ".ods", ".xlsx"))
PROJECT = "tests/voices/participants-project.yaml"
LAYOUTS = {"microsoft-forms": "Microsoft Forms", "google-forms": "Google Forms", "surveymonkey": "SurveyMonkey"}
NAMES = ("Alex Morgan", "alex@example.org", "Jo Patel", "Dana Reid", "Gus Lee", "198.51.100")


@pytest.fixture(scope="module")
def rubric():
    return load_rubric(None)


@pytest.fixture
def invoke(monkeypatch):
    """The coscore app in-process, run from the repository root so paths in messages are stable."""
    from typer.testing import CliRunner

    from coscore.cli import app

    monkeypatch.chdir(ROOT)
    runner = CliRunner()
    return lambda *args, input=None: runner.invoke(app, list(args), input=input, catch_exceptions=False)


def _xlsx_from_csv(source: Path, target: Path) -> Path:
    """The same export saved as .xlsx, the way the tool would: numbers as numbers, dates as dates."""
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    with source.open(encoding="utf-8", newline="") as handle:
        for row in csv.reader(handle):
            cells = []
            for value in row:
                if re.fullmatch(r"\d+", value):
                    cells.append(int(value))
                elif re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d", value):
                    cells.append(dt.datetime.fromisoformat(value))
                else:
                    cells.append(value or None)
            sheet.append(cells)
    workbook.save(target)
    return target


def _export(kind: str, suffix: str, tmp_path: Path) -> Path:
    source = EXPORTS / f"{kind}.csv"
    return source if suffix == "csv" else _xlsx_from_csv(source, tmp_path / f"{kind}.xlsx")


# --- Survey exports in -------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
@pytest.mark.parametrize("kind", sorted(LAYOUTS))
def test_each_tools_export_is_recognised_without_a_mapping(kind, suffix, tmp_path, rubric):
    from coscore.workflows.voices import read_import

    export = _export(kind, suffix, tmp_path)
    result = read_import(export, rubric)
    assert result.layout == LAYOUTS[kind]
    # Seven people answered; the sixth said no to their answers being used.
    header_rows = 2 if kind == "surveymonkey" else 1
    assert [r.row for r in result.responses] == [n + header_rows for n in (1, 2, 3, 4, 5, 7)]
    assert [str(d.location).split(":row ")[1] for d in result.left_out] == [f'{6 + header_rows}:column "{questions.CONSENT_QUESTION}"']
    first = result.responses[0].response
    assert first.respondent.role.value == "lived_experience"
    assert first.respondent.pseudonym == "Heron"
    assert first.responded_on == dt.date(2025, 6, 11 if kind == "surveymonkey" else 1)
    assert [(r.dimension, r.level, r.comment) for r in first.ratings] == [
        ("share-power", 1, "We sit on the steering group but the chair sets the agenda."),
        ("takes-time", 2, ""),
        ("meeting-quality", 1, ""),
    ]
    staff = [r.response for r in result.responses if r.response.respondent.role.value == "staff"]
    assert [next(x.level for x in s.ratings if x.dimension == "share-power") for s in staff] == [3, 3, 4]
    # Names, emails and IP addresses never reach a response.
    for item in result.responses:
        assert not any(name in repr(item.response) for name in NAMES)


@pytest.mark.parametrize("kind", sorted(LAYOUTS))
def test_import_writes_one_valid_response_file_per_row_and_no_names(kind, tmp_path, invoke, rubric):
    out = tmp_path / "answers"
    result = invoke("responses", "import", f"tests/voices/exports/{kind}.csv", "--output-dir", str(out))
    assert result.exit_code == 0, result.output
    files = sorted(out.iterdir())
    assert len(files) == 6
    assert files[0].name == f"{kind}-row-{2 if kind == 'surveymonkey' else 2:03d}.yaml" or files[0].name.startswith(f"{kind}-row-")
    loaded = load_responses([str(out)], rubric)
    assert [r.response.respondent.role.value for r in loaded] == ["lived_experience"] * 3 + ["staff"] * 3
    text = "".join(f.read_text(encoding="utf-8") for f in files)
    assert not any(name in text for name in NAMES)
    # Run again: every file exists, so nothing is replaced without --force.
    again = invoke("responses", "import", f"tests/voices/exports/{kind}.csv", "--output-dir", str(out))
    assert again.exit_code == 2
    assert "already exists, so coscore left it alone" in again.output


def test_keep_names_uses_the_name_where_there_is_no_pseudonym(tmp_path, rubric):
    from coscore.workflows.voices import read_import

    kept = read_import(EXPORTS / "microsoft-forms.csv", rubric, keep_names=True)
    assert [r.response.respondent.pseudonym for r in kept.responses] == ["Heron", "Jo Patel", "Wren", "Dana Reid", "Birch", "Gus Lee"]
    monkey = read_import(EXPORTS / "surveymonkey.csv", rubric, keep_names=True)
    assert monkey.responses[1].response.respondent.pseudonym == "Jo Patel"  # First Name and Last Name, not the email address


@pytest.mark.parametrize("case", ERROR_CASES, ids=lambda p: p.name)
def test_every_import_problem_is_located_and_nothing_is_written(case, tmp_path, invoke):
    relative = case.relative_to(ROOT).as_posix()
    args = ["responses", "import", relative, "--output-dir", str(tmp_path / "out")]
    mapping = case.with_suffix(".mapping.yaml")
    if mapping.exists():
        args += ["--mapping", mapping.relative_to(ROOT).as_posix()]
    result = invoke(*args)
    expected = case.with_suffix(".expect").read_text(encoding="utf-8").splitlines()
    assert result.exit_code == 2
    assert result.stderr.splitlines() == expected
    assert result.stdout == ""
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("case", ["unknown-answer", "several-rows-wrong", "missing-perspective", "bad-date"])
def test_a_spreadsheet_gives_the_same_located_errors_as_its_csv(case, tmp_path, rubric):
    from coscore.errors import InputProblems
    from coscore.workflows.voices import read_import

    source = ERRORS / f"{case}.csv"
    book = _xlsx_from_csv(source, tmp_path / f"{case}.xlsx")
    expected = [line.replace(source.relative_to(ROOT).as_posix(), str(book)) for line in source.with_suffix(".expect").read_text(encoding="utf-8").splitlines()]
    with pytest.raises(InputProblems) as caught:
        read_import(book, rubric)
    assert [str(d) for d in caught.value.diagnostics] == expected


def test_there_is_an_error_case_for_every_kind_of_problem():
    assert len(ERROR_CASES) >= 15
    assert all(p.with_suffix(".expect").exists() for p in ERROR_CASES)


def test_the_format_in_the_issue(tmp_path, invoke):
    result = invoke("responses", "import", "tests/voices/import-errors/unknown-answer.csv", "--output-dir", str(tmp_path))
    assert result.stderr.startswith('tests/voices/import-errors/unknown-answer.csv:row 3:column "Do people who use the service help make the real decisions?": "Sometimes" is not one of "0 - Not yet",')


def test_init_mapping_then_fill_it_in_then_import(tmp_path, invoke, rubric):
    export = tmp_path / "tool.csv"
    export.write_text("When,Role,Share power,Why,Time enough?\n2025-06-02,staff,Sometimes,It depends,Yes\n2025-06-03,lived experience,Rarely,,No\n", encoding="utf-8")
    written = invoke("responses", "import", "--init-mapping", str(export))
    assert written.exit_code == 0, written.output
    mapping_file = tmp_path / "tool.mapping.yaml"
    text = mapping_file.read_text(encoding="utf-8")
    # The starting file is valid as it is, matches what it can, and lists what is left to fill in.
    from coscore.io import yamlio

    yamlio.validate(Mapping, yamlio.parse_yaml(text, str(mapping_file)))
    assert 'perspective: "Role"' in text and '  share-power:\n    rating: "Share power"' in text
    assert '#   "Why"' in text and '#   "Time enough?"' in text
    assert '  # "Sometimes": ' in text and '  # "Rarely": ' in text
    assert "  # takes-time:    (Does the project give the work the time it needs?)" in text
    again = invoke("responses", "import", "--init-mapping", str(export))
    assert again.exit_code == 2 and "already exists" in again.stderr
    before = invoke("responses", "import", str(export), "--mapping", str(mapping_file), "--output-dir", str(tmp_path / "out"))
    assert before.exit_code == 2 and '"Sometimes" is not one of' in before.stderr and not (tmp_path / "out").exists()
    mapping_file.write_text(
        text.replace('    rating: "Share power"', '    rating: "Share power"\n    comment: Why')
        .replace("  # takes-time:    (", '  takes-time: {rating: "Time enough?"}\n  # (')
        .replace('  # "Sometimes": ', '  "Sometimes": 2')
        .replace('  # "Rarely": ', '  "Rarely": 1')
        .replace("answers:\n", 'answers:\n  "Yes": 3\n  "No": 0\n')
        .replace('responded_on: ""', 'responded_on: "When"'),
        encoding="utf-8",
    )
    done = invoke("responses", "import", str(export), "--mapping", str(mapping_file), "--output-dir", str(tmp_path / "out"))
    assert done.exit_code == 0, done.output
    loaded = load_responses([str(tmp_path / "out")], rubric)
    assert [(r.response.respondent.role.value, r.response.responded_on, [(x.dimension, x.level, x.comment) for x in r.response.ratings]) for r in loaded] == [
        ("staff", dt.date(2025, 6, 2), [("share-power", 2, "It depends"), ("takes-time", 3, "")]),
        ("lived_experience", dt.date(2025, 6, 3), [("share-power", 1, ""), ("takes-time", 0, "")]),
    ]
    # score reads the export directly, with the same mapping: no response files needed.
    scored = run_coscore("score", "examples/starter.yaml", "--responses", str(export), "--mapping", str(mapping_file), "--format", "json", "--min-group-size", "1")
    assert scored.returncode == 0, scored.stderr
    assert '"perspective": "staff"' in scored.stdout and '"average": 2.0' in scored.stdout


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_score_and_report_take_an_export_directly(suffix, tmp_path):
    export = _export("google-forms", suffix, tmp_path)
    import json

    scored = run_coscore("score", "examples/starter.yaml", "--responses", str(export), "--format", "json")
    assert scored.returncode == 0, scored.stderr
    gaps = {g["dimension_id"]: g for g in json.loads(scored.stdout)["perspective_gaps"]}
    assert [(r["perspective"], r["count"], r["average"]) for r in gaps["share-power"]["ratings"]] == [("lived_experience", 3, 1.0), ("staff", 3, 3.33)]
    # Small groups stay hidden, as for response files: only two people of each rated takes-time.
    assert [(r["perspective"], r["count"], r["average"]) for r in gaps["takes-time"]["ratings"]] == [("lived_experience", 2, None), ("staff", 2, None)]
    report = run_coscore("report", "examples/starter.yaml", "--format", "markdown", "--responses", str(export))
    assert report.returncode == 0, report.stderr
    assert "We sit on the steering group but the chair sets the agenda." in report.stdout


def test_a_wrong_row_in_an_export_stops_score_with_the_row_and_column():
    result = run_coscore("score", "examples/starter.yaml", "--responses", "tests/voices/import-errors/unknown-answer.csv")
    assert result.returncode == 2 and result.stdout == ""
    assert 'unknown-answer.csv:row 3:column "Do people who use the service help make the real decisions?": "Sometimes"' in result.stderr


def test_mapping_without_an_export_is_a_usage_error():
    result = run_coscore("score", "examples/starter.yaml", "--responses", "examples/responses", "--mapping", "tests/voices/import-errors/mapping-wrong-rubric.mapping.yaml")
    assert result.returncode == 2
    assert "--mapping is for survey exports" in result.stderr


# --- Answers as people write them -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "level"),
    [("2", 2), ("2 - Developing", 2), ("2 – developing", 2), ("2. Developing", 2), ("Developing", 2), ("  developing ", 2), ("0", 0), ("4: Leading", 4), ("I don't know", None), ("I don’t know", None), ("", None)],
)
def test_answer_texts_are_read_as_levels(text, level, rubric):
    assert questions.read_level(text, rubric) == level


@pytest.mark.parametrize("text", ["5", "2 - Leading", "Sometimes", "22"])
def test_answers_that_mean_nothing_are_not_guessed(text, rubric):
    assert isinstance(questions.read_level(text, rubric), questions.Unrecognised)


def test_every_form_answer_reads_back_as_itself(rubric):
    form = build_form(rubric)
    for q in form.questions:
        assert [questions.read_level(c, rubric) for c in q.choices] == [*range(rubric.max_level + 1), None]
    assert [questions.read_perspective(c) for c in form.perspective_choices] == list(questions.PERSPECTIVE_CHOICES)
    assert [questions.read_consent(c) for c in form.consent_choices] == [True, False]


# --- The form and the survey questions -----------------------------------------------------------------


@pytest.mark.parametrize("fmt", list(FormFormat))
def test_the_form_has_one_plain_question_per_dimension_with_the_scale_in_words(fmt, rubric):
    text = render_form(build_form(rubric), fmt)
    text = re.sub(r"<[^>]+>", " ", text) if fmt is FormFormat.html else text  # the words people see, not attribute values
    for d in rubric.dimensions:
        assert d.question and d.question in text
    for step in rubric.scale:
        assert text.count(f"{step.level} - {step.name}") == len(rubric.dimensions)
    assert questions.CONSENT_QUESTION in text and questions.PERSPECTIVE_QUESTION in text
    assert text.count(questions.COMMENT_PROMPT) == len(rubric.dimensions)


def test_the_markdown_form_has_tick_boxes(rubric):
    text = render_form(build_form(rubric), FormFormat.markdown)
    assert text.count("- [ ] ") == len(rubric.dimensions) * (len(rubric.scale) + 1) + len(questions.PERSPECTIVE_CHOICES) + 2


def test_questions_command_prints_what_import_reads_back(invoke, rubric):
    result = invoke("responses", "questions")
    assert result.exit_code == 0
    text = result.stdout
    assert text == survey_questions_text(build_form(rubric))
    for d in rubric.dimensions:
        assert f"{questions.question(d)}   [single choice]" in text
        assert f"{questions.comment_question(d)}   [long text, optional]" in text


def test_form_command_writes_a_file_once(tmp_path, invoke):
    target = tmp_path / "form.html"
    first = invoke("responses", "form", "--output", str(target), "--project", "examples/starter.yaml")
    assert first.exit_code == 0, first.output
    assert "<title>Your view of the project: Our project</title>" in target.read_text(encoding="utf-8")
    second = invoke("responses", "form", "--output", str(target))
    assert second.exit_code == 2 and "already exists" in second.stderr


# --- Paper answers typed up: the round trip ------------------------------------------------------------


def test_round_trip_form_typed_answers_response_file_score(tmp_path, rubric):
    form = build_form(rubric)
    # The person ticked: consent yes, "I use the service...", and an answer to the first three questions.
    answers = ["y", "1", "Kingfisher", "2026-03-04"]
    ticked = {"inclusive-community": ("3 - Established", "We were all asked."), "acknowledge-power": ("1", ""), "share-power": ("Starting", "The chair decides.")}
    for q in form.questions:
        level, comment = ticked.get(q.dimension_id, ("", ""))
        answers += [level, comment]
    target = tmp_path / "typed" / "form-01.yaml"
    target.parent.mkdir()
    typed = run_coscore("responses", "enter", str(target), input="\n".join(answers) + "\n")
    assert typed.returncode == 0, typed.stderr
    assert form.questions[0].text in typed.stdout
    loaded = load_response(target, rubric).response
    assert loaded.respondent.role.value == "lived_experience" and loaded.respondent.pseudonym == "Kingfisher"
    assert loaded.responded_on == dt.date(2026, 3, 4)
    assert [(r.dimension, r.level, r.comment) for r in loaded.ratings] == [
        ("inclusive-community", 3, "We were all asked."),
        ("acknowledge-power", 1, ""),
        ("share-power", 1, "The chair decides."),
    ]
    scored = run_coscore("score", "examples/starter.yaml", "--responses", str(target), "--format", "json", "--min-group-size", "1")
    assert scored.returncode == 0, scored.stderr
    import json

    gaps = {g["dimension_id"]: g for g in json.loads(scored.stdout)["perspective_gaps"]}
    assert [(r["perspective"], r["average"]) for r in gaps["inclusive-community"]["ratings"]] == [("lived_experience", 3.0)]
    assert "The chair decides." in json.dumps(gaps["share-power"])


def test_enter_asks_again_after_an_answer_it_cannot_use(tmp_path, rubric):
    answers = ["y", "9", "staff", "", ""] + ["Sometimes", "2", "", *[""] * 2 * (len(rubric.dimensions) - 1)]
    target = tmp_path / "form.yaml"
    typed = run_coscore("responses", "enter", str(target), input="\n".join(answers) + "\n")
    assert typed.returncode == 0, typed.stderr
    assert "please type a number from 1 to 5" in typed.stdout + typed.stderr
    assert "please type a number from 0 to 4" in typed.stdout + typed.stderr
    loaded = load_response(target, rubric).response
    assert loaded.respondent.role.value == "staff"
    assert [(r.dimension, r.level) for r in loaded.ratings] == [("inclusive-community", 2)]


def test_enter_never_overwrites_and_writes_nothing_without_consent(tmp_path):
    target = tmp_path / "form.yaml"
    target.write_text("keep me\n", encoding="utf-8")
    refused = run_coscore("responses", "enter", str(target), input="y\n")
    assert refused.returncode == 2 and "already exists" in refused.stderr
    assert target.read_text(encoding="utf-8") == "keep me\n"
    other = tmp_path / "other.yaml"
    no = run_coscore("responses", "enter", str(other), input="n\n")
    assert no.returncode == 0 and "nothing was written" in no.stderr
    assert not other.exists()
    stopped = run_coscore("responses", "enter", str(other), input="y\n1\n")
    assert stopped.returncode == 2 and "nothing was written" in stopped.stderr and not other.exists()


# --- The participants' report ---------------------------------------------------------------------------


def _participants(*responses: str, fmt: str = "markdown", redact: bool = True, min_group_size: int = 3) -> str:
    from coscore.workflows.voices import participants_report

    model = participants_report(ROOT / PROJECT, load_rubric(None), [str(ROOT / r) for r in responses], redact=redact, min_group_size=min_group_size)
    return render_participants(model, ReportFormat(fmt))


@pytest.mark.parametrize("fmt", list(ReportFormat))
def test_participants_report_says_what_happened_to_what_people_said(fmt):
    text = " ".join(_participants("tests/voices/exports/microsoft-forms.csv", fmt=fmt).split()).replace("\\", "").replace("&#39;", "'")
    # What people said, by perspective.
    assert "3 people with lived experience" in text and "3 members of staff" in text
    assert "We sit on the steering group but the chair sets the agenda." in text
    assert "We learn as much as we give." in text
    # What changed: a decision and a plan change.
    assert "What changed: The group now meets on Thursday evenings, as carers asked." in text
    assert "We changed our plan: Added a quiet room at every session" in text
    # What did not change and why, including input gathered after the decision.
    assert "Hire a second support worker" in text and "Why: The money for a second post was not there this year." in text
    assert re.search(r"Close the drop-in on Mondays.{0,80}This did not change.{0,40}We asked you after we had already decided", text)
    # What happens next: the decision still to take, the next meeting, the money and the plan after it.
    assert "We still have to decide: Choose the summer trip" in text and "12 June 2026" in text
    assert "Agree the new leaflet" in text and "We have not set a date yet." in text
    assert "Next meeting: Members' meeting in June" in text and "Members' meeting</" not in text
    assert "The money for this project ends on" in text and "31 March 2027" in text
    assert "After that: Members and the trust will apply together" in text


@pytest.mark.parametrize("fmt", list(ReportFormat))
def test_participants_report_has_no_scores_or_jargon(fmt):
    text = _participants("tests/voices/exports/google-forms.csv", fmt=fmt)
    visible = re.sub(r"<[^>]+>|<style>.*?</style>", " ", text, flags=re.S).lower()
    for word in ("score", "level", "rubric", "dimension", "red flag", "ladder", "/100", "evidence", "perspective", "co-production", "lived_experience"):
        assert re.search(rf"(?<![\w-]){re.escape(word)}", visible) is None, word
    # Short sentences: no line of prose over 25 words.
    for sentence in re.split(r"(?<=[.!?])\s+|\n", re.sub(r"<[^>]+>", "\n", text)):
        words = sentence.split()
        if words and not sentence.lstrip().startswith((">", "<", "{", "@", ":root", "body", "h1", "h2", "h3", "p,", "ul", "blockquote", "a", ".", "*", "html", "footer")):
            assert len(words) <= 25 or "After that:" in sentence or "Why:" in sentence, sentence


def test_small_groups_are_counted_but_their_words_are_not_shown():
    text = _participants("tests/voices/exports/microsoft-forms.csv", min_group_size=4)
    assert "We sit on the steering group" not in text and "We learn as much as we give" not in text
    assert text.count("That is not enough people to share their words without showing who they are.") == 2


def test_names_are_redacted_by_default_and_shown_only_when_asked():
    redacted = _participants()
    assert "Morgan Ellis" not in redacted and "Priya Shah" not in redacted and "Morgan" not in redacted
    assert "\\[person with lived experience\\] proposed it" in redacted
    shown = _participants(redact=False)
    assert "Morgan Ellis proposed it" in shown and "Priya Shah will ask" in shown


def test_report_command_for_participants(tmp_path):
    target = tmp_path / "you-said-we-did.html"
    result = run_coscore("report", PROJECT, "--for", "participants", "--format", "html", "--responses", "tests/voices/exports/surveymonkey.csv", "--output", str(target))
    assert result.returncode == 0, result.stderr
    assert "participants' report" in result.stderr
    page = target.read_text(encoding="utf-8")
    assert "<title>You said, we did: Harbour Lane Carers Group</title>" in page and "Morgan Ellis" not in page
    named = run_coscore("report", PROJECT, "--for", "participants", "--format", "markdown", "--no-redact")
    assert "Morgan Ellis" in named.stdout


_name_part = st.from_regex(r"[A-Z][a-z]{3,8}", fullmatch=True)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    first=_name_part,
    last=_name_part,
    pseudonym=_name_part,
    where=st.sampled_from(["what_changed", "why_not_changed", "what", "plan_after_funding", "comment", "plan_why"]),
    fmt=st.sampled_from(list(ReportFormat)),
)
def test_no_name_survives_in_the_participants_report(first, last, pseudonym, where, fmt, rubric):
    """Whatever a person is called and wherever the name is written, the report shows their role instead."""
    from coscore.models.responses import Respondent, ResponseFile, ResponseRating

    full = f"{first} {last}"
    baseline = render_participants(build_participants_report(ProjectFile.model_validate({"coscore": 1, "project": {"name": "P"}}), rubric), fmt).lower()
    for word in (first, last, pseudonym):
        assume(word.lower() not in baseline and word.lower() not in "harbour lane carers group trust")
    mention = f"{full} said so, then {first} and {pseudonym} agreed"
    decision = {"what": "Open on Saturdays", "input_gathered_on": "2026-01-01", "decided_on": "2026-02-01", "input_from": ["lived_experience"]}
    decision[{"what_changed": "what_changed", "why_not_changed": "why_not_changed", "what": "what"}.get(where, "what_changed")] = mention if where in ("what_changed", "why_not_changed", "what") else "It changed."
    data = {
        "coscore": 1,
        "assessed_on": "2026-05-01",
        "project": {"name": "Harbour", "funding_ends_on": "2027-01-01", "plan_after_funding": mention if where == "plan_after_funding" else "Carry on."},
        "people": [{"name": full, "role": "staff"}],
        "decisions": [decision],
        "plan_changes": [{"what": "Quiet room", "why": mention if where == "plan_why" else "It was loud."}],
    }
    project = ProjectFile.model_validate(data)
    responses = tuple(
        ResponseFile(coscore_response=1, respondent=Respondent(role="lived_experience", pseudonym=pseudonym if i == 0 else ""), ratings=(ResponseRating(dimension="share-power", level=2, comment=mention if where == "comment" else "Fine."),))
        for i in range(3)
    )
    text = render_participants(build_participants_report(project, rubric, responses, min_group_size=1), fmt)
    for word in (first, last, pseudonym):
        assert re.search(rf"(?<!\w){word}(?!\w)", text, flags=re.I) is None, (word, where)
    assert "staff member" in text or where == "comment" or "person with lived experience" in text


def test_the_mapping_in_the_user_guide_is_valid():
    from coscore.io import yamlio

    text = (ROOT / "docs" / "voices.md").read_text(encoding="utf-8")
    block = re.search(r"```yaml\n(.*?)```", text, flags=re.S).group(1)
    mapping = yamlio.validate(Mapping, yamlio.parse_yaml(block, "docs/voices.md"))
    assert mapping.dimensions["share-power"].rating == "Power to decide" and mapping.answers == {"Sometimes": 2, "Rarely": 1}


def test_portfolio_shares_one_survey_out_among_its_projects():
    import json

    before = json.loads(run_coscore("portfolio", "examples/starter.yaml", "examples/washed.yaml", "-f", "json").stdout)
    result = run_coscore("portfolio", "examples/starter.yaml", "examples/washed.yaml", "--responses", "tests/voices/exports/portfolio-survey.csv", "-f", "json")
    assert result.returncode == 0, result.stderr
    flags = {p["file"]: p["red_flags"] for p in json.loads(result.stdout)["projects"]}
    old = {p["file"]: p["red_flags"] for p in before["projects"]}
    # Two people with lived experience answered about Northgate (once by name, once by file name): its
    # "only staff views" flag goes; the starter project now has a staff view only, so it gains the flag.
    assert "only-staff-perspectives" in old["examples/washed.yaml"] and "only-staff-perspectives" not in flags["examples/washed.yaml"]
    assert "only-staff-perspectives" not in old["examples/starter.yaml"] and "only-staff-perspectives" in flags["examples/starter.yaml"]


def test_portfolio_names_every_row_that_fits_no_project():
    result = run_coscore("portfolio", "examples/starter.yaml", "--responses", "tests/voices/exports/portfolio-survey.csv")
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.splitlines() == [
        f'tests/voices/exports/portfolio-survey.csv:row {n}:column "{questions.PROJECT_QUESTION}": "{name}" is not one of the projects given ("starter", or their names) (correct the answer, or add that project\'s file to the command)'
        for n, name in ((2, "Northgate Wellbeing Hub"), (3, "washed"))
    ]
    no_column = run_coscore("portfolio", "examples/starter.yaml", "--responses", "tests/voices/exports/google-forms.csv")
    assert no_column.returncode == 2
    assert no_column.stderr.splitlines()[0].startswith("tests/voices/exports/google-forms.csv:row 2: no project column: in a portfolio every answer must say which project it is about")


def test_the_same_pseudonym_in_a_response_file_and_an_export_is_one_person_twice():
    result = run_coscore("score", "examples/starter.yaml", "--responses", "examples/responses/staff-birch.yaml", "--responses", "tests/voices/exports/microsoft-forms.csv")
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        'tests/voices/exports/microsoft-forms.csv:row 6:column "A made-up name, if you like (not your real name)": '
        "respondent.pseudonym: 'Birch' (staff) is also used in examples/responses/staff-birch.yaml "
        "(one person's answers must be counted once: remove one of them, or give one another pseudonym)"
    ]


def test_import_says_how_many_rows_were_left_out(tmp_path, invoke):
    result = invoke("responses", "import", "tests/voices/exports/google-forms.csv", "--output-dir", str(tmp_path / "a"))
    assert result.stdout.splitlines()[0] == f"Read tests/voices/exports/google-forms.csv (Google Forms): wrote 6 response files to {tmp_path / 'a'}; 1 left out without consent"


_cell = st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=30)


@settings(max_examples=150, deadline=None)
@given(rows=st.lists(st.tuples(_cell, _cell, _cell, _cell), min_size=1, max_size=6))
def test_any_cells_give_responses_or_located_problems_never_a_crash(rows, rubric):
    """Whatever people typed, each row becomes a valid response or problems naming its row and a column."""
    from coscore.imports import CellLocation, plan_columns, read_rows
    from coscore.io.exports import ExportTable

    header = (questions.PERSPECTIVE_QUESTION, questions.PSEUDONYM_QUESTION, "Share power", "Share power: anything you want to add?")
    table = ExportTable(path="x.csv", rows=(header, *rows))
    plan = plan_columns(table, rubric)
    result = read_rows(table, plan, rubric)
    for d in result.problems:
        assert isinstance(d.location, CellLocation) and 1 <= d.location.line <= len(rows) + 1
    for item in result.responses:
        assert all(r.level is None or 0 <= r.level <= rubric.max_level for r in item.response.ratings)
    # Every row with anything in it is either a response or has its problems; never both, never neither.
    filled = {n for n, row in enumerate(rows, start=2) if any(c.strip() for c in row)}
    imported = {r.row for r in result.responses}
    wrong = {d.location.line for d in result.problems if d.location.line > 1}
    assert imported | wrong == filled and not imported & wrong


def test_a_project_with_nothing_recorded_gets_a_short_honest_report(rubric):
    project = ProjectFile.model_validate({"coscore": 1, "assessed_on": "2026-01-01", "project": {"name": "New group"}})
    text = render_participants(build_participants_report(project, rubric), ReportFormat.markdown)
    assert "We have not written down what people told us yet." in text
    assert "Nothing has changed yet because of what people said." in text
    assert "We have not set any dates yet." in text


def test_every_shell_block_in_the_user_guide_runs_as_written(tmp_path):
    import shutil

    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    text = (ROOT / "docs" / "voices.md").read_text(encoding="utf-8")
    lines = [line for block in re.findall(r"```sh\n(.*?)```", text, flags=re.S) for line in block.strip().splitlines()]
    assert len(lines) >= 7
    for line in lines:
        assert line.startswith("coscore "), line
        result = run_coscore(*line.split()[1:], cwd=tmp_path)
        assert result.returncode == 0, f"{line}\n{result.stderr}"
    assert (tmp_path / "you-said-we-did.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert len(list((tmp_path / "answers").glob("*.yaml"))) == 6
