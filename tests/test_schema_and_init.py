"""coscore schema and coscore init: a draft-07 schema editors can use, and commented files that validate."""

from __future__ import annotations

import datetime as dt
import functools
import io
import json
from pathlib import Path

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError
from typer.testing import CliRunner

from coscore import authoring
from coscore.io import files as io_files
from coscore.io import loaders
from coscore.workflows import authoring as authoring_workflow
from coscore.workflows import rubrics
from coscore.workflows import score as score_workflow
from coscore.io import yamlio
from coscore.cli import app
from coscore.errors import InputProblems
from coscore.models.project import Perspective, ProjectFile
from coscore.models.rubric import Rubric
from coscore.schema import DRAFT_07, SchemaKind, json_schema, render_schema

ROOT = Path(__file__).resolve().parents[1]
CASES = Path(__file__).parent / "cases"
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
VALID = EXAMPLES + sorted((CASES / "valid").glob("*.yaml"))
INVALID = sorted((CASES / "invalid").glob("*.yaml"))
RUBRICS_VALID = [ROOT / "rubrics" / "eleven-principles.yaml", *sorted((CASES / "rubrics" / "valid").glob("*.yaml"))]
RUBRICS_INVALID = sorted((CASES / "rubrics" / "invalid").glob("*.yaml"))
# Problems between two fields (one date before another, a part larger than its whole):
# JSON Schema draft-07 cannot compare two values, so only coscore itself catches these.
CROSS_FIELD = {"budget-controlled-over-total", "funding-ends-before-start", "more-lived-experience-seats-than-seats"}
# The same for rubrics: levels numbered in order.
RUBRIC_CROSS_FIELD = {"levels-out-of-order"}

runner = CliRunner()


@functools.lru_cache(maxsize=None)
def validator(kind: SchemaKind = SchemaKind.project) -> jsonschema.Draft7Validator:
    return jsonschema.Draft7Validator(json_schema(kind), format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)


def data_of(path: Path):
    """The file as editors see it: YAML parsed with dates kept as text."""
    return yamlio.parse_yaml(io_files.read_text(path), str(path)).data


def walk(node):
    yield node
    if isinstance(node, dict):
        for value in node.values():
            yield from walk(value)
    elif isinstance(node, list):
        for value in node:
            yield from walk(value)


# --- the schema itself -----------------------------------------------------------------


@pytest.mark.parametrize("kind", list(SchemaKind))
def test_schema_is_valid_draft_07(kind: SchemaKind):
    schema = json_schema(kind)
    assert schema["$schema"] == DRAFT_07
    jsonschema.Draft7Validator.check_schema(schema)
    for node in walk(schema):
        if isinstance(node, dict):
            assert "$defs" not in node
            if "$ref" in node:
                # draft-07 ignores keywords beside $ref, so there must be none
                assert set(node) == {"$ref"}
                name = node["$ref"].removeprefix("#/definitions/")
                assert name in schema["definitions"], node["$ref"]


def test_objects_refuse_unknown_fields():
    schema = json_schema()
    objects = [d for d in schema["definitions"].values() if d.get("type") == "object"]
    assert objects and all(d.get("additionalProperties") is False for d in objects)
    assert schema["additionalProperties"] is False


@pytest.mark.parametrize("kind", list(SchemaKind))
def test_every_field_description_reaches_the_schema_for_hover_help(kind: SchemaKind):
    text = render_schema(kind)
    root = ProjectFile if kind is SchemaKind.project else Rubric
    seen: set[type] = set()

    def models(model):
        if model in seen:
            return
        seen.add(model)
        for info in model.model_fields.values():
            for candidate in yamlio._unwrap(info.annotation) + [yamlio._item_type(info.annotation)]:
                if yamlio._is_model(candidate):
                    models(candidate)

    models(root)
    described = [info.description for m in seen for info in m.model_fields.values() if info.description]
    assert len(described) > 20 if kind is SchemaKind.project else len(described) > 5
    for description in described:
        if "explain --facts" in description:  # replaced by a description naming the right command
            continue
        assert json.dumps(description)[1:-1] in text, description


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.name)
def test_schema_accepts_every_example_and_valid_case(path: Path):
    errors = [e.message for e in validator().iter_errors(data_of(path))]
    assert errors == []


def test_there_are_invalid_cases():
    assert len(INVALID) >= 10


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.stem)
def test_schema_rejects_every_invalid_case(path: Path):
    try:
        data = data_of(path)
    except InputProblems:
        return  # not even YAML (tabs, an unclosed bracket, a duplicate key): an editor flags it too
    errors = list(validator().iter_errors(data))
    if path.stem in CROSS_FIELD:
        assert errors == []
        ProjectFile.model_validate(data)  # each field on its own is fine...
        with pytest.raises(InputProblems):
            loaders.load_project(path)  # ...only coscore's checks between fields catch it
        return
    assert errors, f"the schema accepts {path.name}, which coscore rejects"


@pytest.mark.parametrize("path", RUBRICS_VALID, ids=lambda p: p.name)
def test_rubric_schema_accepts_valid_rubrics(path: Path):
    assert [e.message for e in validator(SchemaKind.rubric).iter_errors(data_of(path))] == []


@pytest.mark.parametrize("path", RUBRICS_INVALID, ids=lambda p: p.stem)
def test_rubric_schema_rejects_invalid_rubrics(path: Path):
    errors = list(validator(SchemaKind.rubric).iter_errors(data_of(path)))
    if path.stem in RUBRIC_CROSS_FIELD:
        assert errors == []
        return
    assert errors, f"the rubric schema accepts {path.name}"


def _person_with_role(role):
    return {"coscore": 1, "project": {"name": "x"}, "people": [{"name": "Sam", "role": role}]}


def _spellings():
    def respell(value: str, draw_case, separator, pad_left, pad_right):
        out = "".join(c.upper() if up else c for c, up in zip(value, draw_case))
        return pad_left + out.replace("_", separator) + pad_right

    values = st.sampled_from([p.value for p in Perspective])
    return st.builds(
        lambda v, case, sep, left, right: respell(v, case, sep, left, right),
        values,
        st.lists(st.booleans(), min_size=20, max_size=20),
        st.sampled_from(["_", " ", "-", "  ", "__", "."]),
        st.sampled_from(["", " ", "\t", "\n", "x"]),
        st.sampled_from(["", " ", "  ", "s", "\n"]),
    )


@settings(max_examples=400, deadline=None)
@given(role=st.one_of(_spellings(), st.text(max_size=20), st.integers(), st.none()))
def test_schema_and_model_agree_on_lenient_choices(role):
    """'Lived experience' and 'lived-experience' are accepted by both, 'lived  experience' by neither."""
    try:
        ProjectFile.model_validate(_person_with_role(role))
        model_accepts = True
    except ValidationError:
        model_accepts = False
    assert validator().is_valid(_person_with_role(role)) == model_accepts


# --- coscore schema ----------------------------------------------------------------------


def test_schema_command_prints_the_schema():
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0
    assert json.loads(result.stdout) == json_schema(SchemaKind.project)
    result = runner.invoke(app, ["schema", "--rubric-schema"])
    assert json.loads(result.stdout) == json_schema(SchemaKind.rubric)


def test_schema_command_writes_and_refreshes_a_schema_file(tmp_path: Path):
    out = tmp_path / "coscore.schema.json"
    assert runner.invoke(app, ["schema", "--output", str(out)]).exit_code == 0
    assert out.read_text(encoding="utf-8") == render_schema()
    result = runner.invoke(app, ["schema", "--output", str(out)])
    assert result.exit_code == 0 and "already up to date" in result.output
    # an older schema file is replaced without --force
    out.write_text(json.dumps({"$schema": DRAFT_07, "type": "object"}), encoding="utf-8")
    assert runner.invoke(app, ["schema", "--output", str(out)]).exit_code == 0
    assert out.read_text(encoding="utf-8") == render_schema()


def test_schema_command_will_not_overwrite_other_files(tmp_path: Path):
    project = tmp_path / "project.yaml"
    project.write_bytes((ROOT / "examples" / "starter.yaml").read_bytes())
    before = project.read_bytes()
    result = runner.invoke(app, ["schema", "--output", str(project)])
    assert result.exit_code == 2
    assert f"{project}:1:1: this file already exists and is not a JSON Schema" in result.output
    assert project.read_bytes() == before
    assert runner.invoke(app, ["schema", "--output", str(project), "--force"]).exit_code == 0
    assert json.loads(project.read_text(encoding="utf-8"))["$schema"] == DRAFT_07


def test_schema_command_into_a_missing_folder_is_an_input_error(tmp_path: Path):
    result = runner.invoke(app, ["schema", "--output", str(tmp_path / "no" / "such.json")])
    assert result.exit_code == 2
    assert "does not exist" in result.output


# --- coscore init ------------------------------------------------------------------------


def init(tmp_path: Path, *args: str, input: str | None = None):
    return runner.invoke(app, ["init", *args], input=input)


def test_init_defaults_writes_a_valid_commented_file_that_scores(tmp_path: Path):
    target = tmp_path / "coscore.yaml"
    result = init(tmp_path, str(target), "--defaults")
    assert result.exit_code == 0, result.output
    text = target.read_text(encoding="utf-8")
    assert text.splitlines()[0] == "# yaml-language-server: $schema=coscore.schema.json"
    assert (tmp_path / "coscore.schema.json").read_text(encoding="utf-8") == render_schema()
    loaded = loaders.load_project(target)
    assert loaded.project.project.name == "Our project"
    assessment = score_workflow.assess_file(target, rubrics.load_rubric(None))
    assert 0 <= assessment.overall_score <= 100
    assert validator().is_valid(data_of(target))
    # every section is there, each with its own explanation
    for key, (why, _example) in authoring.SECTION_GUIDE.items():
        assert f"\n{key}:" in text
        assert "# " + why.splitlines()[0] in text
    assert "# The file format version. Leave it as 1." in text


def test_init_comments_survive_a_round_trip(tmp_path: Path):
    from ruamel.yaml import YAML

    target = tmp_path / "coscore.yaml"
    assert init(tmp_path, str(target), "--defaults").exit_code == 0
    text = target.read_text(encoding="utf-8")
    yaml = YAML(typ="rt")
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 100
    out = io.StringIO()
    yaml.dump(yaml.load(text), out)
    assert out.getvalue() == text


def test_init_refuses_to_overwrite_and_leaves_the_file_unchanged(tmp_path: Path):
    target = tmp_path / "coscore.yaml"
    assert init(tmp_path, str(target), "--defaults").exit_code == 0
    target.write_text(target.read_text(encoding="utf-8") + "# my own notes\n", encoding="utf-8")
    before = target.read_bytes()
    schema_before = (tmp_path / "coscore.schema.json").read_bytes()
    result = init(tmp_path, str(target), "--defaults")
    assert result.exit_code == 2
    assert f"{target}:1:1: the project file already exists, so coscore left it alone (choose another path, or add --force to replace it)" in result.output
    assert target.read_bytes() == before
    assert (tmp_path / "coscore.schema.json").read_bytes() == schema_before
    # interactive runs refuse before asking anything
    result = init(tmp_path, str(target), input="")
    assert result.exit_code == 2 and "What is the project called" not in result.output
    assert target.read_bytes() == before
    assert init(tmp_path, str(target), "--defaults", "--force").exit_code == 0
    assert "# my own notes" not in target.read_text(encoding="utf-8")


def test_init_will_not_replace_a_different_schema_file(tmp_path: Path):
    schema = tmp_path / "coscore.schema.json"
    schema.write_text('{"mine": true}\n', encoding="utf-8")
    target = tmp_path / "coscore.yaml"
    result = init(tmp_path, str(target), "--defaults")
    assert result.exit_code == 2
    assert f"{schema}:1:1: the schema file already exists" in result.output
    assert not target.exists()
    assert schema.read_text(encoding="utf-8") == '{"mine": true}\n'
    assert init(tmp_path, str(target), "--defaults", "--force").exit_code == 0
    assert schema.read_text(encoding="utf-8") == render_schema()


def test_init_schema_elsewhere_or_at_an_address(tmp_path: Path):
    (tmp_path / "projects").mkdir()
    (tmp_path / "schemas").mkdir()
    target = tmp_path / "projects" / "ours.yaml"
    result = init(tmp_path, str(target), "--defaults", "--schema", str(tmp_path / "schemas" / "coscore.json"))
    assert result.exit_code == 0, result.output
    assert target.read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=../schemas/coscore.json\n")
    assert (tmp_path / "schemas" / "coscore.json").read_text(encoding="utf-8") == render_schema()

    other = tmp_path / "other.yaml"
    url = "https://example.org/coscore.schema.json"
    assert init(tmp_path, str(other), "--defaults", "--schema", url).exit_code == 0
    assert other.read_text(encoding="utf-8").startswith(f"# yaml-language-server: $schema={url}\n")
    assert not (tmp_path / "coscore.schema.json").exists()


def test_init_into_a_folder_writes_coscore_yaml_there(tmp_path: Path):
    result = init(tmp_path, str(tmp_path), "--defaults")
    assert result.exit_code == 0, result.output
    assert loaders.load_project(tmp_path / "coscore.yaml").project.project.name == "Our project"


def test_init_into_a_missing_folder_is_an_input_error(tmp_path: Path):
    result = init(tmp_path, str(tmp_path / "nowhere" / "coscore.yaml"), "--defaults")
    assert result.exit_code == 2
    assert "does not exist" in result.output


ANSWERS = [
    "Northfield Family Voices",  # name
    "Northfield Carers",  # organisation
    "Parents and staff run a drop-in together.",  # summary
    "2025-06-30",  # assessed on
    "2025-02-30",  # started on: impossible, asked again
    "2025-01-06",
    "thirty",  # months: not digits, asked again
    "36",
    "2024-12-01",  # funding ends before the start: asked again
    "2027-12-31",
    "Co-design",  # lenient spelling of co_design
    "Steering group",
    "8",
    "9",  # more lived-experience seats than seats: asked again
    "4",
    "Lived experience",
    "Sam",
    "manager",  # not a role: asked again
    "lived experience",
    "y",
    "Priya",
    "staff",
    "y",
    "",  # no more people
    "£120,000",
    "200000",  # more than the budget: asked again
    "15000",
]


def test_init_asks_questions_and_writes_the_answers(tmp_path: Path):
    target = tmp_path / "coscore.yaml"
    result = init(tmp_path, str(target), input="\n".join(ANSWERS) + "\n")
    assert result.exit_code == 0, result.output
    for complaint in ("please write a real date", "please write a whole number", "this is before the start date", "please give a number from 0 to 8", "please answer with one of", "more than the whole budget"):
        assert complaint in result.output
    project = loaders.load_project(target).project
    assert project.project.name == "Northfield Family Voices"
    assert project.project.started_on == dt.date(2025, 1, 6)
    assert project.project.planned_duration_months == 36
    assert project.project.described_as.value == "co_design"
    assert project.assessed_on == dt.date(2025, 6, 30)
    (body,) = project.decision_bodies
    assert (body.seats, body.lived_experience_seats, body.chaired_by.value) == (8, 4, "lived_experience")
    assert [(p.name, p.role.value, p.paid) for p in project.people] == [("Sam", "lived_experience", True), ("Priya", "staff", True)]
    assert (project.budget.total, project.budget.lived_experience_controlled) == (120000, 15000)
    text = target.read_text(encoding="utf-8")
    assert "# Who is involved and in what role" in text
    assert validator().is_valid(data_of(target))


def test_init_stopped_half_way_writes_nothing(tmp_path: Path):
    target = tmp_path / "coscore.yaml"
    result = init(tmp_path, str(target), input="Half done\n")
    assert result.exit_code == 2
    assert "nothing was written" in result.output
    assert not target.exists() and not (tmp_path / "coscore.schema.json").exists()


@pytest.mark.parametrize("key", list(authoring.SECTION_GUIDE))
def test_every_example_in_the_comments_is_valid(key: str):
    example = authoring.section_example(key)
    data = {"coscore": 1, "project": {"name": "x"}, key: example}
    ProjectFile.model_validate(data)


def test_every_section_of_the_project_file_is_explained():
    sections = set(ProjectFile.model_fields) - {"coscore", "assessed_on", "project"}
    assert sections == set(authoring.SECTION_GUIDE)


def test_project_yaml_refuses_nothing_it_was_given():
    """Whatever the answers, the text is valid or create_project_file says why before writing."""
    answers = authoring.ProjectAnswers(name="x", decision_body=authoring.DecisionBodyAnswer(name="b", seats=1, lived_experience_seats=2))
    text = authoring.project_yaml(answers, schema_ref=None)
    with pytest.raises(InputProblems) as caught:
        authoring_workflow.create_project_file(Path("/nonexistent-folder/never.yaml"), text, force=False)
    assert "lived_experience_seats (2) is more than seats (1)" in str(caught.value)
