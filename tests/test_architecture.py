"""The layout as a rule: the import graph of src/coscore, read with ``ast``, has no cycles and flows one way.

cli -> workflows -> cores and renderers -> io -> models and errors. A module may
import from its own layer or any layer below, never from a layer above; every
import counts, including those inside functions. Only io/ touches the file system
or runs programs, and only cli/ ends the process.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"
PACKAGE = SRC / "coscore"

# Layer of each module, by the longest matching name prefix; higher numbers sit above lower ones.
LAYERS: dict[str, int] = {
    "coscore.cli": 4,
    "coscore.__main__": 4,
    "coscore.interview": 4,  # asks `coscore init`'s questions at the terminal
    "coscore.interview_response": 4,  # asks `coscore responses enter`'s questions at the terminal
    "coscore.workflows": 3,
    # pure cores and renderers: data in, results (or text) out
    "coscore.facts": 2,
    "coscore.scoring": 2,
    "coscore.policy": 2,
    "coscore.trends": 2,
    "coscore.portfolio": 2,
    "coscore.reporting": 2,
    "coscore.authoring": 2,
    "coscore.schema": 2,
    "coscore.lint": 2,
    "coscore.render": 2,
    "coscore.imports": 2,  # survey export rows -> responses or located problems
    "coscore.participants": 2,  # project + responses -> the "you said, we did" report
    "coscore.io": 1,
    "coscore.models": 0,
    "coscore.errors": 0,
    "coscore.findings": 0,
    "coscore.vocabulary": 0,
    "coscore.questions": 0,  # the questionnaire's words, shared by form, survey and import
    "coscore": 0,  # the package itself: __version__
}
LAYER_NAMES = {4: "cli", 3: "workflows", 2: "cores/render", 1: "io", 0: "models/errors"}

# What only io/ may do: run programs, make temporary files, walk or open files.
IO_MODULES = {"subprocess", "tempfile", "shutil", "glob", "pathlib.Path.open"}
IO_METHODS = {"open", "read_text", "write_text", "read_bytes", "write_bytes", "iterdir", "rglob", "glob", "unlink", "mkdir", "touch", "rmdir"}  # not replace: str.replace
IO_OS_FUNCTIONS = {"open", "walk", "scandir", "listdir", "remove", "unlink", "replace", "rename", "mkdir", "makedirs", "fdopen", "read", "write"}


def module_name(path: Path) -> str:
    parts = path.relative_to(SRC).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}
TREES = {name: ast.parse(path.read_text(encoding="utf-8"), str(path)) for name, path in MODULES.items()}


def layer(module: str) -> int:
    best = max((prefix for prefix in LAYERS if module == prefix or module.startswith(prefix + ".")), key=len)
    return LAYERS[best]


def imports_of(name: str) -> set[str]:
    """The coscore modules ``name`` imports, anywhere in its body."""
    found: set[str] = set()
    package = name if MODULES[name].name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(TREES[name]):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.split(".")[0] == "coscore"}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1] + ([base] if base else []))
            if base.split(".")[0] != "coscore":
                continue
            for alias in node.names:
                target = f"{base}.{alias.name}"
                found.add(target if target in MODULES else base)
    return {m for m in found if m in MODULES and m != name}


GRAPH = {name: imports_of(name) for name in MODULES}


def test_the_layer_map_names_every_module() -> None:
    assert MODULES, "no modules found"
    for name in MODULES:
        layer(name)  # raises if no prefix matches


def test_no_module_imports_from_a_layer_above_it() -> None:
    upward = [
        f"{name} ({LAYER_NAMES[layer(name)]}) imports {target} ({LAYER_NAMES[layer(target)]})"
        for name, targets in GRAPH.items()
        for target in sorted(targets)
        if layer(target) > layer(name)
    ]
    assert upward == []


def test_the_import_graph_has_no_cycles() -> None:
    # Tarjan's strongly connected components: any component of two or more modules is a cycle.
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in GRAPH[node]:
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for name in GRAPH:
        if name not in index:
            visit(name)
    assert cycles == []


def test_the_graph_sees_imports_inside_functions() -> None:
    # the check above would be hollow if lazy imports were missed
    assert "coscore.io.fastyaml" in GRAPH["coscore.io.yamlio"]
    assert "coscore.workflows.check" in GRAPH["coscore.cli.check"]


def _file_system_uses(tree: ast.AST) -> list[str]:
    uses = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            uses += [f"import {a.name}" for a in node.names if a.name.split(".")[0] in IO_MODULES]
        elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] in IO_MODULES:
            uses.append(f"from {node.module} import ...")
        elif isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Name) and func.id == "open":
                uses.append(f"line {node.lineno}: open()")
            elif isinstance(func, ast.Attribute):
                owner = func.value.id if isinstance(func.value, ast.Name) else ""
                if owner == "os" and func.attr in IO_OS_FUNCTIONS:
                    uses.append(f"line {node.lineno}: os.{func.attr}()")
                elif owner != "os" and func.attr in IO_METHODS:
                    uses.append(f"line {node.lineno}: .{func.attr}()")
    return uses


@pytest.mark.parametrize("name", [n for n in MODULES if not n.startswith("coscore.io")])
def test_only_io_touches_the_file_system(name: str) -> None:
    assert _file_system_uses(TREES[name]) == []


def test_the_file_system_check_would_notice() -> None:
    assert _file_system_uses(TREES["coscore.io.files"]), "io/files.py opens files: the check must see that"
    assert _file_system_uses(TREES["coscore.io.git"]) == ["import subprocess"]


def _exits(tree: ast.AST) -> list[str]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "exit" and isinstance(node.func.value, ast.Name) and node.func.value.id == "sys":
            found.append(f"line {node.lineno}: sys.exit()")
        elif isinstance(node, ast.Raise) and node.exc is not None:
            called = node.exc.func if isinstance(node.exc, ast.Call) else node.exc
            if isinstance(called, ast.Name) and called.id == "SystemExit" or isinstance(called, ast.Attribute) and called.attr == "Exit":
                found.append(f"line {node.lineno}: raise {ast.unparse(called)}")
    return found


@pytest.mark.parametrize("name", [n for n in MODULES if layer(n) < 4])
def test_only_the_command_line_ends_the_process(name: str) -> None:
    assert _exits(TREES[name]) == []


def test_the_exit_check_would_notice() -> None:
    assert _exits(TREES["coscore.cli.check"]), "cli/check.py raises typer.Exit: the check must see that"
