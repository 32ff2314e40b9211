"""JSON Schema for project and rubric files, generated from the pydantic models.

Editors read it through yaml-language-server to offer completion, hover help
(from the models' field descriptions) and red underlines while a file is typed.
pydantic writes JSON Schema 2020-12; yaml-language-server and many other tools
expect draft-07, so the generated schema is rewritten into draft-07 form:
``$defs`` become ``definitions`` and a ``$ref`` never has sibling keywords
(draft-07 ignores them), so it is wrapped in ``allOf``.

The schema also accepts the lenient spellings the models accept: a choice such
as ``lived_experience`` may be written ``Lived experience`` or
``lived-experience``, because the models normalise it before checking.
"""

from __future__ import annotations

import json
import re
from enum import Enum
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import GenerateJsonSchema

from coscore.models.project import _normalise_choice

DRAFT_07 = "http://json-schema.org/draft-07/schema#"


class SchemaKind(str, Enum):
    project = "project"
    rubric = "rubric"


def lenient_choice_pattern(values: list[str]) -> str:
    """A regular expression matching every spelling ``_normalise_choice`` turns into one of ``values``.

    The models strip surrounding spaces, lower-case the text and treat a space or a
    hyphen like an underscore, so ``Co-design`` and ``co design`` both mean ``co_design``.
    """

    def one(value: str) -> str:
        parts = []
        for char in value:
            if char == "_":
                parts.append("[ _-]")
            elif char.isalpha():
                parts.append(f"[{char.lower()}{char.upper()}]")
            else:
                parts.append(re.escape(char))
        return "".join(parts)

    return r"^\s*(" + "|".join(one(v) for v in values) + r")\s*$"


class _Draft07Generator(GenerateJsonSchema):
    """pydantic's generator, taught that normalised choices accept more spellings."""

    def function_before_schema(self, schema: Any) -> dict[str, Any]:
        """pydantic's schema, widened so a normalised choice also accepts its other spellings."""
        inner = super().function_before_schema(schema)
        function = (schema.get("function") or {}).get("function")
        if function is not _normalise_choice:
            return inner
        values = _enum_values(schema.get("schema") or {}, self)
        if not values:
            return inner
        return {"anyOf": [inner, {"type": "string", "pattern": lenient_choice_pattern(values)}]}


def _enum_values(core: dict[str, Any], generator: GenerateJsonSchema) -> list[str]:
    """The string values of the enum inside a core schema (following definition references)."""
    if core.get("type") == "definition-ref":
        definitions = getattr(generator, "_coscore_core_defs", {})
        core = definitions.get(core.get("schema_ref"), {})
    if core.get("type") == "enum":
        return [str(getattr(m, "value", m)) for m in core.get("members", [])]
    if core.get("type") == "literal":
        return [str(v) for v in core.get("expected", [])]
    return []


def _core_definitions(model: type[BaseModel]) -> dict[str, Any]:
    """Every named definition in a model's core schema, by its reference."""
    found: dict[str, Any] = {}
    if not isinstance(model.__pydantic_core_schema__, dict):
        # Input models build their validators on first use (defer_build); until then pydantic
        # holds a placeholder with no definitions in it, so the enum values behind a lenient
        # choice could not be found. Build the model now, whatever this process did before.
        model.model_rebuild(force=True)

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            ref = node.get("ref")
            if isinstance(ref, str) and ref not in found:
                found[ref] = node
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(model.__pydantic_core_schema__)
    return found


def _readable_names(defs: dict[str, Any]) -> dict[str, str]:
    """pydantic names clashing definitions 'coscore__models__rubric__Rung'; call that 'RubricRung'."""
    names = {}
    for name in defs:
        if "__" in name:
            parts = name.split("__")
            names[name] = parts[-2].capitalize() + parts[-1]
        else:
            names[name] = name
    return names if len(set(names.values())) == len(names) else {name: name for name in defs}


def _to_draft07(node: Any, names: dict[str, str]) -> Any:
    """Rewrite 2020-12 references into draft-07 form, recursively."""
    if isinstance(node, list):
        return [_to_draft07(item, names) for item in node]
    if not isinstance(node, dict):
        return node
    out = {key: _to_draft07(value, names) for key, value in node.items() if key != "$defs"}
    if "$defs" in node:
        out["definitions"] = {names.get(name, name): _to_draft07(value, names) for name, value in node["$defs"].items()}
    ref = out.get("$ref")
    if isinstance(ref, str):
        target = ref.removeprefix("#/$defs/")
        out["$ref"] = "#/definitions/" + names.get(target, target)
        if len(out) > 1:  # draft-07 ignores anything next to $ref
            siblings = {key: value for key, value in out.items() if key != "$ref"}
            out = {"allOf": [{"$ref": out["$ref"]}], **siblings}
    return out


def json_schema(kind: SchemaKind = SchemaKind.project) -> dict[str, Any]:
    """The draft-07 JSON Schema for a project file or a rubric file, as a dict."""
    from coscore.models.project import ProjectFile
    from coscore.models.rubric import Rubric

    model: type[BaseModel] = ProjectFile if kind is SchemaKind.project else Rubric

    class Generator(_Draft07Generator):
        _coscore_core_defs = _core_definitions(model)

    generated = model.model_json_schema(schema_generator=Generator)
    body = _to_draft07(generated, _readable_names(generated.get("$defs", {})))
    title = "coscore project file" if kind is SchemaKind.project else "coscore rubric file"
    description = (
        "The facts a team records about how its project shares power with the people it serves. Score it with 'coscore score FILE'."
        if kind is SchemaKind.project
        else "A rubric: dimensions, levels, conditions over facts, red flags and the ladder. Check it with 'coscore rubric validate FILE'."
    )
    if kind is SchemaKind.rubric:
        _tighten_conditions(body)
    header = {"$schema": DRAFT_07, "title": title, "description": description}
    body.pop("title", None)
    body.pop("description", None)
    return {**header, **body}


def render_schema(kind: SchemaKind = SchemaKind.project) -> str:
    """The schema as stable, indented JSON text ending in a newline."""
    return json.dumps(json_schema(kind), indent=2, ensure_ascii=False) + "\n"


def _tighten_conditions(body: dict[str, Any]) -> None:
    """Say in the schema what the Condition model checks in code.

    A condition names a known fact (listed, so editors can complete it) and has
    exactly one test, or it is an ``any_of`` list with no fact.
    """
    from coscore.facts import FACTS
    from coscore.models.rubric import OPERATORS

    condition = body.get("definitions", {}).get("Condition")
    if not condition:
        return
    fact = condition["properties"]["fact"]
    fact["anyOf"] = [{"type": "string", "enum": sorted(FACTS)}, {"type": "null"}]
    fact["description"] = "The name of a fact (run 'coscore rubric facts' to list them)."
    present = {"not": {"type": "null"}}
    condition["oneOf"] = [
        {"required": ["any_of"], "properties": {"any_of": present}, "not": {"required": ["fact"]}},
        {
            "required": ["fact"],
            "properties": {"fact": present},
            "oneOf": [{"required": [op], "properties": {op: present}} for op in OPERATORS],
        },
    ]
