"""The editor schema is the same in every process.

Input models build their validators on first use, so a schema generated in a
fresh interpreter once lacked most lenient-spelling patterns (2 of 11): editors
then underlined ``role: Lived experience``, which coscore accepts. These tests
build the schema in a new process, as ``coscore schema`` and ``coscore init``
do for a user, and compare it with what the models accept.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from enum import Enum
from pathlib import Path

import pytest

from coscore.models.project import ProjectFile, _normalise_choice
from conftest import ROOT, run_coscore

LENIENT = re.compile(r"^\^\\s\*\(")


def nodes(tree):
    """Every dict inside a nested structure of dicts and lists (a core schema or a JSON Schema)."""
    if isinstance(tree, dict):
        yield tree
        for value in tree.values():
            yield from nodes(value)
    elif isinstance(tree, list):
        for value in tree:
            yield from nodes(value)


def lenient_choices() -> list[list[str]]:
    """Every set of choices the project model normalises, read from the built model itself."""
    ProjectFile.model_rebuild(force=True)
    core = ProjectFile.__pydantic_core_schema__
    definitions = {node["ref"]: node for node in nodes(core) if isinstance(node.get("ref"), str)}
    found: list[list[str]] = []
    for node in nodes(core):
        if node.get("type") == "function-before" and (node.get("function") or {}).get("function") is _normalise_choice:
            inner = node.get("schema") or {}
            if inner.get("type") == "definition-ref":
                inner = definitions.get(inner.get("schema_ref"), {})
            values = [str(getattr(m, "value", m)) for m in inner.get("members", [])] if inner.get("type") == "enum" else [str(v) for v in inner.get("expected", [])]
            if values and values not in found:
                found.append(values)
    return found


def respellings(value: str) -> list[str]:
    """The spellings a person might type for a choice: 'lived_experience' -> 'Lived experience', ..."""
    words = value.split("_")
    return [
        value,
        " ".join(words),
        "-".join(words),
        " ".join(words).capitalize(),
        " ".join(w.capitalize() for w in words),
        "-".join(words).upper(),
        f"  {' '.join(words)} ",
    ]


def lenient_patterns(schema: dict) -> list[str]:
    patterns = [node["pattern"] for node in nodes(schema) if isinstance(node.get("pattern"), str) and LENIENT.match(node["pattern"])]
    return list(dict.fromkeys(patterns))


@pytest.fixture(scope="module")
def fresh_schema() -> dict:
    result = run_coscore("schema")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_the_models_normalise_many_choices():
    # The guard for the test below: if this found none, the comparison would prove nothing.
    assert len(lenient_choices()) >= 5


def test_a_fresh_process_has_a_lenient_pattern_for_every_normalised_choice(fresh_schema):
    choices = lenient_choices()
    patterns = lenient_patterns(fresh_schema)
    assert len(patterns) == len(choices), f"{len(patterns)} lenient patterns for {len(choices)} normalised choices"
    for values in choices:
        matching = [p for p in patterns if all(re.search(p, v) for v in values)]
        assert matching, f"no pattern in the schema accepts the choices {values}"
        for value in values:
            for spelling in respellings(value):
                assert any(re.search(p, spelling) for p in matching), f"schema refuses {spelling!r}"


def test_every_spelling_the_schema_accepts_is_one_the_model_accepts():
    person = {"coscore": 1, "project": {"name": "P"}, "people": [{"name": "A", "role": None}]}
    from coscore.models.project import Perspective

    for member in Perspective:
        for spelling in respellings(member.value):
            person["people"][0]["role"] = spelling
            model = ProjectFile.model_validate(person)
            assert model.people[0].role is member


def test_schema_in_a_fresh_interpreter_equals_the_schema_here():
    code = "import json; from coscore.schema import json_schema; print(json.dumps(json_schema()))"
    fresh = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                           env={"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"}, timeout=120)
    assert fresh.returncode == 0, fresh.stderr
    from coscore.schema import json_schema

    assert json.loads(fresh.stdout) == json_schema()


def test_init_writes_the_same_schema_as_a_fresh_process(tmp_path: Path, fresh_schema):
    result = run_coscore("schema", "--output", str(tmp_path / "coscore.schema.json"))
    assert result.returncode == 0, result.stderr
    assert json.loads((tmp_path / "coscore.schema.json").read_text(encoding="utf-8")) == fresh_schema
