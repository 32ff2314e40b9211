"""Issue 12: every public function in src/coscore has a docstring, read with ``ast``.

Public means a module-level function, or a method of a module-level class, whose
name does not start with ``_`` (so dunder methods are skipped too). Functions
nested inside functions are not public and are not checked.
"""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"
PACKAGE = SRC / "coscore"

FunctionNode = ast.FunctionDef | ast.AsyncFunctionDef


def _public_functions(tree: ast.Module) -> list[FunctionNode]:
    found: list[FunctionNode] = []
    for node in tree.body:
        if isinstance(node, FunctionNode):
            found.append(node)
        elif isinstance(node, ast.ClassDef):
            found.extend(item for item in node.body if isinstance(item, FunctionNode))
    return [function for function in found if not function.name.startswith("_")]


def undocumented(source: str, path: str) -> list[str]:
    """Each public function in ``source`` with no docstring, as ``path:line name``."""
    tree = ast.parse(source, filename=path)
    return [
        f"{path}:{function.lineno} {function.name}"
        for function in _public_functions(tree)
        if ast.get_docstring(function) is None
    ]


def test_every_public_function_has_a_docstring() -> None:
    missing: list[str] = []
    for path in sorted(PACKAGE.rglob("*.py")):
        shown = path.relative_to(SRC.parent).as_posix()
        missing.extend(undocumented(path.read_text(encoding="utf-8"), shown))
    assert not missing, "public functions with no docstring:\n" + "\n".join(missing)


def test_the_docstring_check_would_notice() -> None:
    source = '''
def documented() -> None:
    """Says what it does."""


def forgotten() -> None:
    pass


def _private() -> None:
    pass


class Thing:
    def method(self) -> None:
        pass

    def __init__(self) -> None:
        pass


def outer() -> None:
    """Has a docstring."""

    def inner() -> None:
        pass
'''
    assert undocumented(source, "example.py") == [
        "example.py:6 forgotten",
        "example.py:15 method",
    ]
