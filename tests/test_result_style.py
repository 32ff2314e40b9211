"""One result style (issue 12): results are named tuples; pydantic is for what is read from files.

Read from the source with ``ast``, so a new pydantic model or dataclass has to be
placed on one of the two lists below on purpose, with its reason.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "coscore"

# Pydantic is for input: files a person writes or saves, which must be validated.
INPUT_MODELS = {
    "models/project.py": "project files",
    "models/rubric.py": "rubric files",
    "models/responses.py": "response files",
    "models/config.py": "the repository's .coscore.yaml or [tool.coscore]",
    "models/history.py": "saved JSON results read by 'coscore compare'",
    "lint/rules.py": "lint rule files",
    "imports.py": "survey column mapping files",
}
# Mutable working state, filled in step by step while a document or YAML file is taken apart;
# never returned to a caller as a result.
WORKING_STATE = {("io/yamldoc.py", "LocationIndex"), ("io/yamldoc.py", "ParsedYaml"), ("lint/markdown.py", "Prose"),
                 ("lint/engine.py", "_Hit"), ("lint/engine.py", "DocumentLint")}


def _classes():
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef):
                yield path.relative_to(PACKAGE).as_posix(), node


def _bases(node: ast.ClassDef) -> set[str]:
    return {b.id if isinstance(b, ast.Name) else getattr(b, "attr", "") for b in node.bases}


def test_pydantic_models_are_only_for_input():
    pydantic_roots = {f"{where}:{node.name}" for where, node in _classes() if "BaseModel" in _bases(node)}
    assert pydantic_roots, "the check must see pydantic models"
    outside = sorted(name for name in pydantic_roots if name.split(":")[0] not in INPUT_MODELS)
    assert outside == [], f"results must be named tuples (see ARCHITECTURE.md), not pydantic models: {outside}"


def test_dataclasses_are_only_working_state():
    found = set()
    for where, node in _classes():
        for decorator in node.decorator_list:
            target = decorator.func if isinstance(decorator, ast.Call) else decorator
            if getattr(target, "id", getattr(target, "attr", "")) == "dataclass":
                found.add((where, node.name))
    assert found <= WORKING_STATE, f"results must be named tuples (see ARCHITECTURE.md), not dataclasses: {sorted(found - WORKING_STATE)}"


def test_results_are_named_tuples():
    named = {node.name for _, node in _classes() if "NamedTuple" in _bases(node)}
    assert {"Assessment", "CheckReport", "Report", "Portfolio", "History", "Comparison", "LintResult", "RuleSet", "Diagnostic", "Finding"} <= named
