"""Repository configuration for `coscore check`: where it is found, and reading it.

A repository keeps its policy in `.coscore.yaml` or under `[tool.coscore]` in
`pyproject.toml`. `discover` walks up from the working directory to the first
folder that has either; `load_config` reads and validates it, turning every
problem into a located diagnostic (exit code 2 at the command line).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from coscore.errors import Diagnostic, InputProblems, SourceLocation
from coscore.io.files import read_text
from coscore.models.config import CheckConfig, LoadedConfig

CONFIG_NAMES = (".coscore.yaml", ".coscore.yml")


def discover(start: Path) -> Path | None:
    """The nearest `.coscore.yaml`, or `pyproject.toml` with a `[tool.coscore]` table, at or above ``start``."""
    for folder in (start, *start.parents):
        for name in CONFIG_NAMES:
            candidate = folder / name
            if os.path.lexists(candidate):
                return candidate  # even a broken one: load_config says what is wrong with it
        pyproject = folder / "pyproject.toml"
        if os.path.isfile(pyproject):
            try:
                text = read_text(pyproject)
            except InputProblems:
                return pyproject  # a pyproject.toml that cannot be read is reported, not passed over
            if _TOOL_TABLE.search(text):
                return pyproject
    return None


_TOOL_TABLE = re.compile(r"^\s*\[\s*tool\s*\.\s*coscore\s*[\].]", re.MULTILINE)


def load_config(path: Path | str | None, *, cwd: Path) -> LoadedConfig:
    """Read and validate a configuration file; ``None`` means "discover from ``cwd``".

    Raises ``InputProblems`` (located at path:line:col) when the file is not valid.
    """
    if path is None:
        found = discover(cwd)
        if found is None:
            return LoadedConfig(config=CheckConfig(), path=None, root=str(cwd))
        path = found
    from coscore.io import files

    path = Path(path)
    shown = files.shown_path(path, cwd)
    text = files.read_text(path)
    if path.name == "pyproject.toml" or path.suffix == ".toml":
        config = _from_toml(text, shown)
    else:
        from coscore.io import yamlio

        parsed = yamlio.parse_yaml(text, shown)
        if parsed.data is None:
            config = CheckConfig()  # an empty file means "all defaults"
        else:
            config = yamlio.validate(CheckConfig, parsed)
    root = path.resolve().parent
    return LoadedConfig(config=_rebase(config, root, cwd), path=shown, root=str(root), text=text)


OUTSIDE_HINT = "keep the file inside the repository, or add --allow-outside-repo if you trust this configuration"


def outside_repository(loaded: LoadedConfig, cwd: Path) -> list[Diagnostic]:
    """Paths in the configuration (rubric, baseline, rule files) that lead outside its repository.

    The repository is the git repository holding the configuration file, or, outside
    git, the configuration file's folder. A configuration that came with a repository
    should not make coscore read, or write next to, files elsewhere on the machine.
    """
    from coscore.io.files import inside, repository_root

    if loaded.path is None:
        return []
    root = repository_root(loaded.root) or Path(loaded.root)
    config = loaded.config
    named = [("rubric", config.rubric) if config.rubric and _is_path(config.rubric) else None, ("baseline", config.baseline) if config.baseline else None]
    named += [("rule_files", r) for r in config.lint.rule_files]
    problems = []
    for setting, value in filter(None, named):
        if not inside(os.path.join(cwd, value), root):
            problems.append(
                Diagnostic(
                    location=loaded.locate(setting),
                    message=f"{setting}: this path leads outside the repository ({root}), so coscore will not use it",
                    hint=OUTSIDE_HINT,
                    code="config",
                )
            )
    return problems


def _is_path(ref: str) -> bool:
    return "/" in ref or "\\" in ref or ref.endswith((".yaml", ".yml"))


def _rebase(config: CheckConfig, root: Path, cwd: Path) -> CheckConfig:
    """Paths in a configuration file are relative to its folder; make them usable from ``cwd``."""
    import os

    def moved(ref: str) -> str:
        full = ref if os.path.isabs(ref) else os.path.normpath(os.path.join(root, ref))
        try:
            return os.path.relpath(full, cwd)
        except ValueError:  # another drive on Windows
            return full

    update: dict = {}
    if config.rubric and _is_path(config.rubric):
        update["rubric"] = moved(config.rubric)
    if config.baseline:
        update["baseline"] = moved(config.baseline)
    if config.lint.rule_files:
        update["lint"] = config.lint.model_copy(update={"rule_files": tuple(moved(r) for r in config.lint.rule_files)})
    return config.model_copy(update=update) if update else config


# --- pyproject.toml -----------------------------------------------------------------------


def _from_toml(text: str, shown: str) -> CheckConfig:
    import tomllib

    from pydantic import ValidationError

    try:
        data = tomllib.loads(text)
    except RecursionError:
        raise InputProblems(
            [Diagnostic(location=SourceLocation(path=shown), message="this TOML is nested too deeply to read (arrays or tables inside each other hundreds of times)", hint="flatten it", code="config")]
        ) from None
    except tomllib.TOMLDecodeError as exc:
        line, column = 1, 1
        found = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
        if found:
            line, column = int(found.group(1)), int(found.group(2))
        elif "end of document" in str(exc):
            line, column = text.count("\n") + 1, len(text.rsplit("\n", 1)[-1]) + 1
        message = re.sub(r"\s*\((at line \d+, column \d+|at end of document)\)", "", str(exc)) or "not valid TOML"
        raise InputProblems(
            [
                Diagnostic(
                    location=SourceLocation(path=shown, line=line, column=column),
                    message=f"this is not valid TOML: {message}",
                    hint="check the quotes, brackets and '=' signs on this line",
                    code="config",
                )
            ]
        ) from None
    tool = data.get("tool", {})
    if not isinstance(tool, dict):
        raise InputProblems([Diagnostic(location=_toml_location(text, shown, ()), message="tool must be a table (coscore reads its settings from [tool.coscore])", hint="remove 'tool = ...' and write the settings under [tool.coscore]", code="config")])
    section = tool.get("coscore", {})
    if not isinstance(section, dict):
        raise InputProblems([Diagnostic(location=_toml_location(text, shown, ()), message="tool.coscore must be a table", hint="write it as [tool.coscore]", code="config")])
    try:
        return CheckConfig.model_validate(section)
    except ValidationError as exc:
        from coscore.io import yamlio

        problems = []
        for err in exc.errors(include_url=False):
            loc = tuple(p for p in err["loc"] if isinstance(p, (str, int)))
            # yamlio's wording, so TOML and YAML configuration read the same
            message, hint, _ = yamlio._describe(err, CheckConfig, loc, section)
            problems.append(Diagnostic(location=_toml_location(text, shown, loc), message=f"tool.coscore.{message}" if not message.startswith(("unknown", "the file")) else message, hint=hint, code=err["type"]))
        raise InputProblems(problems) from None


def _toml_location(text: str, shown: str, loc: tuple) -> SourceLocation:
    """Best position for ``loc`` under [tool.coscore]: the key's line, else its table header.

    TOML has no position-keeping parser in the standard library, so this walks
    the lines: it tracks the current table header and looks for ``key =``.
    """
    keys = [str(p) for p in loc if isinstance(p, str)]
    lines = text.splitlines()
    header_re = re.compile(r"^\s*\[\s*([^\]]+?)\s*\]\s*(#.*)?$")
    best = SourceLocation(path=shown)
    table: tuple[str, ...] = ()
    for number, line in enumerate(lines, start=1):
        header = header_re.match(line)
        if header:
            table = tuple(part.strip().strip('"') for part in header.group(1).split("."))
            if table[:2] == ("tool", "coscore"):
                inner = table[2:]
                if tuple(keys[: len(inner)]) == inner and (best.line == 1 or len(inner) > 0):
                    best = SourceLocation(path=shown, line=number, column=line.index("[") + 1)
            continue
        if table[:2] != ("tool", "coscore"):
            continue
        inner = table[2:]
        rest = keys[len(inner) :]
        if tuple(keys[: len(inner)]) != inner or not rest:
            continue
        # "key = ...", or dotted "key.sub = ...", or an inline table "key = { sub = ... }"
        key_match = re.match(r"^(\s*)([A-Za-z0-9_.\-\"' ]+?)\s*=", line)
        if not key_match:
            continue
        dotted = [p.strip().strip("\"'") for p in key_match.group(2).split(".")]
        if dotted == rest[: len(dotted)]:
            column = len(key_match.group(1)) + 1
            inner_key = rest[len(dotted)] if len(rest) > len(dotted) else None
            if inner_key and inner_key in line[key_match.end() :]:
                column = line.index(inner_key, key_match.end()) + 1
            return SourceLocation(path=shown, line=number, column=column)
    return best
