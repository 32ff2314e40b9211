"""Load YAML with ruamel.yaml's round-trip parser and keep every line and column.

The loader turns YAML text into plain Python data plus a ``LocationIndex`` that
maps each path in the data (``("decisions", 0, "decided_on")``) to where it
was written. ``validate`` runs a pydantic model over the data and turns any
validation error into a ``Diagnostic`` that points at the offending line.
"""

from __future__ import annotations

import difflib
import functools
import re
import types
import typing
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from coscore.errors import Diagnostic, InputProblems, SourceLocation
from coscore.io.yamldoc import MAX_DEPTH, MAX_NODES, DataPath, LocationIndex, ParsedYaml, plain_key as _plain_key, shorten as _short

M = TypeVar("M", bound=BaseModel)


# The hostile-input limits (MAX_DEPTH, MAX_NODES) are in yamldoc, shared with the fast path;
# they are read from this module at each parse, so a test may lower them here.


class _LimitExceeded(Exception):
    """A structural limit was hit while composing; carries the mark where it happened."""

    def __init__(self, message: str, hint: str, mark: Any):
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.problem_mark = mark


class _NotPlainData(Exception):
    """The YAML used something a coscore file never needs (custom tags, self-references)."""

    def __init__(self, path: DataPath, message: str, hint: str, *, at_key: bool = False):
        super().__init__(message)
        self.path = path
        self.at_key = at_key
        self.message = message
        self.hint = hint


_YAML_CLASSES: tuple[Any, Any, Any] | None = None


def _yaml_classes() -> tuple[Any, Any, Any]:
    """Build (once) the scanner, composer and constructor subclasses that enforce the limits."""
    global _YAML_CLASSES
    if _YAML_CLASSES is not None:
        return _YAML_CLASSES
    from ruamel.yaml.composer import Composer
    from ruamel.yaml.constructor import RoundTripConstructor
    from ruamel.yaml.events import AliasEvent
    from ruamel.yaml.scanner import RoundTripScanner

    class _GuardedScanner(RoundTripScanner):
        """Stops at the first bracket nested too deep.

        The scanner looks up to 1024 characters ahead for each open bracket (it may
        start a key), so without this a line of '[[[[...' costs time that grows with
        the square of its length before the composer ever sees the depth.
        """

        def fetch_flow_collection_start(self, TokenClass: Any, to_push: Any) -> None:
            if len(self.flow_context) >= MAX_DEPTH:
                raise _LimitExceeded(
                    f"the file is nested more than {MAX_DEPTH} levels deep",
                    "a coscore file needs only a few levels; check the brackets here",
                    self.reader.get_mark(),
                )
            super().fetch_flow_collection_start(TokenClass, to_push)

    class _GuardedComposer(Composer):
        """Counts every node, with an alias counting as the whole subtree it repeats.

        The count is taken while the file is composed, before anything is expanded,
        so an alias bomb is refused after at most ``MAX_NODES`` steps of work.
        """

        def __init__(self, loader: Any = None) -> None:
            super().__init__(loader=loader)
            self.warn_double_anchors = False  # reusing an anchor name is legal YAML
            self._nodes = 0
            self._level = 0
            self._sizes: dict[int, int] = {}  # id(anchored node) -> nodes it stands for

        def compose_node(self, parent: Any, index: Any) -> Any:
            event = self.parser.peek_event()
            if isinstance(event, AliasEvent):
                target = self.anchors.get(event.anchor)
                if target is not None:
                    size = self._sizes.get(id(target))
                    if size is None:
                        raise _LimitExceeded(
                            f"the alias *{_short(str(event.anchor))} is used inside the section its anchor names, which would repeat for ever",
                            "write the value out instead of using the alias",
                            event.start_mark,
                        )
                    self._count(size, event.start_mark, alias=True)
                return super().compose_node(parent, index)  # ruamel reports undefined aliases
            self._level += 1
            if self._level > MAX_DEPTH:
                raise _LimitExceeded(
                    f"the file is nested more than {MAX_DEPTH} levels deep",
                    "a coscore file needs only a few levels; check the indentation and brackets here",
                    event.start_mark,
                )
            self._count(1, event.start_mark, alias=False)
            before = self._nodes
            node = super().compose_node(parent, index)
            self._level -= 1
            if getattr(node, "anchor", None) is not None:
                self._sizes[id(node)] = self._nodes - before + 1
            return node

        def _count(self, size: int, mark: Any, *, alias: bool) -> None:
            self._nodes += size
            if self._nodes > MAX_NODES:
                if alias:
                    raise _LimitExceeded(
                        f"aliases here expand the file to more than {MAX_NODES:,} values",
                        "this looks like a YAML alias bomb; write the values out or use fewer aliases",
                        mark,
                    )
                raise _LimitExceeded(
                    f"the file holds more than {MAX_NODES:,} values",
                    "split it up; a project file needs far fewer",
                    mark,
                )

    class _Constructor(RoundTripConstructor):
        """Keeps dates as text so pydantic reports impossible dates with a location."""

    def _timestamp_as_text(constructor, node):
        return constructor.construct_scalar(node)

    _Constructor.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_as_text)
    _YAML_CLASSES = (_GuardedScanner, _GuardedComposer, _Constructor)
    return _YAML_CLASSES


def _make_yaml():
    from ruamel.yaml import YAML

    scanner, composer, constructor = _yaml_classes()
    yaml = YAML(typ="rt", pure=True)
    yaml.Scanner = scanner
    yaml.Composer = composer
    yaml.Constructor = constructor
    yaml.allow_duplicate_keys = False
    return yaml


def _position(node: Any, attr: str, *args: Any) -> tuple[int, int] | None:
    try:
        line, col = getattr(node.lc, attr)(*args)
        return (int(line), int(col))
    except (KeyError, TypeError, AttributeError, IndexError, ValueError):
        return None


def _to_plain(node: Any, path: DataPath, index: LocationIndex) -> Any:
    """Convert ruamel's commented containers to dicts and lists, recording positions.

    Raises ``_NotPlainData`` for values a coscore file has no use for (custom tags).
    Depth and size are already bounded by the composer, so the recursion is shallow.
    """
    from ruamel.yaml.comments import CommentedMap, CommentedSeq, CommentedSet, TaggedScalar

    if isinstance(node, CommentedMap):
        out: dict[str, Any] = {}
        for key in node:
            name = key if isinstance(key, str) else _plain_key(key)
            child = (*path, name)
            where = _position(node, "key", key)
            if where is not None:
                index.keys[child] = where
            if name in out:
                raise _NotPlainData(child, f"the key '{_short(name)}' appears twice in the same section", "keep one of them and merge what they say", at_key=True)
            where = _position(node, "value", key)
            if where is not None:
                index.values[child] = where
            out[name] = _to_plain(node[key], child, index)
        return out
    if isinstance(node, CommentedSeq):
        items = []
        for i, item in enumerate(node):
            child = (*path, i)
            where = _position(node, "item", i)
            if where is not None:
                index.values[child] = where
            items.append(_to_plain(item, child, index))
        return items
    if isinstance(node, CommentedSet):
        return [_plain_key(item) for item in node]
    if isinstance(node, TaggedScalar):
        tag = getattr(getattr(node, "tag", None), "value", None) or str(getattr(node, "tag", ""))
        raise _NotPlainData(path, f"the tag '{_short(str(tag))}' is not used in coscore files", "remove the tag and write the plain value")
    if isinstance(node, (bytes, bytearray)):
        raise _NotPlainData(path, "binary data (!!binary) is not used in coscore files", "write the value as plain text")
    if isinstance(node, str):
        return str(node)
    if isinstance(node, bool):
        return bool(node)
    if isinstance(node, int):
        return int(node)
    if isinstance(node, float):
        return float(node)
    return node


def _mark_position(mark: Any, text: str | None) -> tuple[int, int]:
    """A 1-based (line, column) from a ruamel mark, or from a reader error's offset."""
    if mark is not None:
        return int(mark.line) + 1, int(mark.column) + 1
    return 1, 1


_LINE_BREAK = re.compile("\r\n|[\r\n]")  # what YAML 1.2 (and so ruamel's marks) counts as a new line


def position_of(text: str, offset: int) -> tuple[int, int]:
    """The 1-based (line, column) of a character offset, counting lines as YAML does."""
    offset = max(0, min(offset, len(text)))
    line, line_start = 1, 0
    for match in _LINE_BREAK.finditer(text, 0, offset):
        line, line_start = line + 1, match.end()
    return line, offset - line_start + 1


def _yaml_error(exc: Exception, path: str, text: str = "") -> Diagnostic:
    from ruamel.yaml.reader import ReaderError

    def at(line: int, col: int, message: str, hint: str, code: str = "yaml-syntax") -> Diagnostic:
        return Diagnostic(location=SourceLocation(path=path, line=line, column=col), message=message, hint=hint, code=code)

    if isinstance(exc, _LimitExceeded):
        return at(*_mark_position(exc.problem_mark, text), exc.message, exc.hint, "yaml-limit")
    if isinstance(exc, ReaderError):
        char = exc.character
        shown = f"U+{char:04X}" if isinstance(char, int) else repr(char)
        line, col = position_of(text, exc.position) if isinstance(exc.position, int) else (1, 1)
        return at(line, col, f"the file contains a control character ({shown}) that YAML does not allow", "delete it; it is often left over from copying text out of another program")
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line, col = _mark_position(mark, text)
    problem = str(getattr(exc, "problem", None) or (str(exc).splitlines() or ["unknown problem"])[0])
    name = type(exc).__name__
    hint = "check the indentation and punctuation on this line"
    message = f"this is not valid YAML: {_short(problem)}"
    if "DuplicateKey" in name:
        key = problem.split('"')[1] if problem.count('"') >= 2 else ""
        message = f"the key '{_short(key)}' appears twice in the same section" if key else "a key appears twice in the same section"
        hint = "keep one of them and merge what they say"
    elif "'\\t'" in problem or "\t" in problem or "tab character" in problem.lower() or "tabs" in problem.lower():
        message = "a tab character is used for indentation"
        hint = "YAML needs spaces to indent; replace the tab with spaces"
    elif "undefined alias" in problem:
        message = f"an alias points at an anchor that does not exist: {_short(problem)}"
        hint = "define the anchor with &name before using *name, or write the value out"
    elif "could not find expected ':'" in problem:
        hint = "each 'name: value' line needs its ':'; a name must fit on one line and be under 1024 characters"
    elif "mapping values are not allowed" in problem:
        hint = "a value containing ': ' must be put in quotes"
    elif "another document" in problem:
        message = "the file holds more than one YAML document"
        hint = "remove the '---' line and everything after it, or put it in its own file"
    from coscore.readings import indent_of, structure_advice  # only when a file has a mistake

    if ("expected <block end>" in problem or "mapping values are not allowed" in problem) and (advice := structure_advice(text, line)):
        message, hint = advice
        col = indent_of(text.splitlines()[line - 1]) + 1  # point at the field that is out of line, not at its ':'
    return at(line, col, message, hint)


def parse_yaml(text: str, path: str) -> ParsedYaml:
    """Parse YAML text. Raises ``InputProblems`` with a located diagnostic on failure.

    Whatever the text, the only exception that leaves this function is ``InputProblems``:
    alias bombs, deep nesting, control characters, custom tags and duplicate keys all
    become diagnostics with a line and column.
    """
    if text.startswith("\ufeff"):
        text = text[1:]
    # libyaml reads plain documents many times faster; it declines anything else (issue 8)
    from coscore.io import fastyaml

    fast = fastyaml.parse(text, path, _parse_round_trip, (MAX_DEPTH, MAX_NODES))
    parsed = fast if fast is not None else _parse_round_trip(text, path)
    _refuse_surrogates(parsed)
    return parsed


SURROGATE_MESSAGE = "this text holds a lone surrogate (an escape such as \\ud800), which is not a character and cannot be saved as UTF-8"
SURROGATE_HINT = "remove the escape, or write the character itself (or \\U0001F600 for one outside the first plane)"


def _refuse_surrogates(parsed: ParsedYaml) -> None:
    """A lone surrogate escape in a key or a value is an input error at its place, not a crash on output."""
    from coscore.safe_text import has_surrogate

    stack: list[tuple[DataPath, Any]] = [((), parsed.data)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, str):
            if has_surrogate(value):
                raise InputProblems([Diagnostic(location=parsed.location(path), message=SURROGATE_MESSAGE, hint=SURROGATE_HINT, code="yaml-syntax")])
        elif isinstance(value, dict):
            for key, item in value.items():
                if isinstance(key, str) and has_surrogate(key):
                    raise InputProblems([Diagnostic(location=parsed.location((*path, key), key=True), message=SURROGATE_MESSAGE, hint=SURROGATE_HINT, code="yaml-syntax")])
                stack.append(((*path, key), item))
        elif isinstance(value, list):
            stack.extend(((*path, i), item) for i, item in enumerate(value))


def _parse_round_trip(text: str, path: str) -> ParsedYaml:
    """ruamel's round-trip parser, with the limits above: every line and column, every error located."""
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    yaml = _make_yaml()

    def problem(message: str, hint: str, line: int = 1, col: int = 1) -> InputProblems:
        return InputProblems([Diagnostic(location=SourceLocation(path=path, line=line, column=col), message=message, hint=hint, code="yaml-syntax")])

    try:
        raw = yaml.load(text)
    except (_LimitExceeded, MarkedYAMLError, YAMLError) as exc:
        raise InputProblems([_yaml_error(exc, path, text)]) from None
    except RecursionError:
        raise problem("the file is nested too deeply to read", "a coscore file needs only a few levels; check the brackets") from None
    except (ValueError, TypeError, KeyError, IndexError, AttributeError, AssertionError, OverflowError) as exc:
        # ruamel's own assumptions failing on strange input: still the input's fault
        raise problem(f"this file could not be read as YAML: {_short(str(exc) or type(exc).__name__)}", "check the file is a plain YAML text file") from None
    index = LocationIndex()
    index.values[()] = (0, 0)
    try:
        data = _to_plain(raw, (), index)
    except _NotPlainData as exc:
        parsed = ParsedYaml(data=None, index=index, path=path)
        location = parsed.location(exc.path, key=exc.at_key)
        raise InputProblems([Diagnostic(location=location, message=exc.message, hint=exc.hint, code="yaml-syntax")]) from None
    except RecursionError:
        raise problem("the file is nested too deeply to read", "a coscore file needs only a few levels; check the brackets") from None
    return ParsedYaml(data=data, index=index, path=path)


# --- pydantic errors -> plain English --------------------------------------------------


def _unwrap(annotation: Any) -> list[Any]:
    """The concrete types inside Optional[...], list[...], tuple[..., ...], Annotated[...]."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        out: list[Any] = []
        for arg in typing.get_args(annotation):
            if arg is not type(None):
                out.extend(_unwrap(arg))
        return out
    return [annotation]


def _item_type(annotation: Any) -> Any:
    for candidate in _unwrap(annotation):
        origin = typing.get_origin(candidate)
        if origin in (list, tuple, set, frozenset):
            args = [a for a in typing.get_args(candidate) if a is not Ellipsis]
            return args[0] if args else Any
        if origin is dict:
            return typing.get_args(candidate)[1]
    return None


def _model_at(model: type[BaseModel], loc: DataPath) -> type[BaseModel] | None:
    """Follow a pydantic error location through the model classes."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            current = _item_type(current) if not _is_model(current) else None
        elif _is_model(current):
            info = current.model_fields.get(part)
            if info is None:
                return None
            current = info.annotation
        else:
            inner = [c for c in _unwrap(current) if _is_model(c)]
            if not inner:
                return None
            info = inner[0].model_fields.get(part)
            if info is None:
                return None
            current = info.annotation
        if current is None:
            return None
    models = [c for c in _unwrap(current) if _is_model(c)]
    return models[0] if models else None


def _is_model(obj: Any) -> bool:
    return isinstance(obj, type) and issubclass(obj, BaseModel)


def _dotted(loc: DataPath) -> str:
    return _short(".".join(str(p) for p in loc if isinstance(p, str))) or "(top level)"


def _clean_loc(loc: tuple, data: Any) -> DataPath:
    """Keep only the parts of a pydantic location that exist in the data."""
    out: list[str | int] = []
    current = data
    for part in loc:
        if isinstance(current, dict) and isinstance(part, str):
            out.append(part)
            current = current.get(part)
        elif isinstance(current, list) and isinstance(part, int):
            out.append(part)
            current = current[part] if 0 <= part < len(current) else None
        elif current is None and isinstance(part, (str, int)) and not str(part).startswith(("function", "union", "tagged")):
            out.append(part)
        # anything else is pydantic's own bookkeeping (union branch names and so on)
    return tuple(out)


def _shown_value(value: Any, mask: bool = False) -> str:
    if mask:
        from coscore.safe_text import masked

        return masked(value, '"')
    text = repr(value) if not isinstance(value, str) else f'"{value}"'
    return text if len(text) <= 60 else text[:57] + "..."


def _raw_at(data: Any, loc: DataPath, default: Any) -> Any:
    """The value at ``loc`` in the parsed file, as written; ``default`` when it is not there."""
    current = data
    for part in loc:
        try:
            current = current[part]
        except (KeyError, IndexError, TypeError):
            return default
    return current


def _describe(err: dict, model: type[BaseModel], loc: DataPath, data: Any) -> tuple[str, str, bool]:
    """Return (message, hint, point_at_key) for one pydantic error.

    A model with ``mask_values_in_messages`` (the repository configuration) has long
    values quoted only by their start and length (see ``coscore.safe_text.masked``).
    """
    from coscore.readings import date_reading, nearest_choice, number_reading  # only when a file has a mistake

    kind = err["type"]
    if getattr(model, "mask_values_in_messages", False):
        _shown = functools.partial(_shown_value, mask=True)  # noqa: N806 - the same helper, masking
    else:
        _shown = _shown_value  # noqa: N806
    name = _dotted(loc)
    value = err.get("input")
    ctx = err.get("ctx") or {}
    if kind == "extra_forbidden":
        parent = _model_at(model, loc[:-1])
        field_name = _short(str(loc[-1]))
        valid = sorted((info.alias or name) for name, info in parent.model_fields.items()) if parent else []
        close = difflib.get_close_matches(field_name, valid, n=1, cutoff=0.6)
        hint = f"did you mean '{close[0]}'?" if close else ""
        if valid:
            hint = (hint + " " if hint else "") + "known fields here: " + ", ".join(valid)
        where = _dotted(loc[:-1])
        return f"unknown field '{field_name}'" + (f" in {where}" if loc[:-1] else ""), hint, True
    if kind == "missing":
        field_name = str(loc[-1])
        where = _dotted(loc[:-1])
        parent = _model_at(model, loc[:-1])
        desc = ""
        if parent and field_name in parent.model_fields:
            desc = parent.model_fields[field_name].description or ""
        hint = f"add '{field_name}:'" + (f" under {where}" if loc[:-1] else " at the top of the file")
        if desc:
            hint += f": {desc[0].lower() + desc[1:].rstrip('.')}"
        return f"{where if loc[:-1] else 'the file'} is missing the required field '{field_name}'", hint, True
    if kind in ("int_parsing", "int_type", "int_from_float", "float_parsing", "float_type", "decimal_parsing"):
        whole = kind.startswith("int")
        meant = number_reading(value, percent=name.endswith("percent")) if isinstance(value, str) else None
        if meant is not None and not (whole and "." in meant):
            unit = " (a percentage, without the % sign)" if name.endswith("percent") else ""
            return f"{name}: must be a plain number{unit}, got {_shown(value)}", f"write {meant}", False
        if whole:
            return f"{name}: must be a whole number, got {_shown(value)}", "write digits only, for example 3", False
        return f"{name}: must be a number, got {_shown(value)}", "write digits only, for example 2.5 or 40000", False
    if kind in ("bool_parsing", "bool_type"):
        return f"{name}: must be true or false, got {_shown(value)}", "write true or false", False
    if kind.startswith("date") or kind.startswith("datetime"):
        return f"{name}: must be a date written YYYY-MM-DD, got {_shown(value)}", date_reading(value), False
    if kind in ("enum", "literal_error"):
        expected = ctx.get("expected", "")
        typed = _raw_at(data, loc, value)  # what the person wrote, before spellings were evened out
        nearest = nearest_choice(typed, re.findall(r"'([^']*)'", expected)) if isinstance(typed, str) else None
        hint = (f"did you mean '{nearest}'? " if nearest else "") + f"the choices are: {expected}"
        return f"{name}: {_shown(typed)} is not one of the choices", hint, False
    if kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        words = {"greater_than_equal": "at least", "greater_than": "more than", "less_than_equal": "at most", "less_than": "less than"}[kind]
        limit = next(iter(ctx.values()), "")
        limit = f"{limit:g}" if isinstance(limit, float) else limit
        return f"{name}: must be {words} {limit}, got {_shown(value)}", "change the number", False
    if kind in ("string_type",):
        return f"{name}: must be text, got {_shown(value)}", "put the value in quotes if it is meant as text", False
    if kind == "string_pattern_mismatch":
        pattern = str(ctx.get("pattern", ""))
        if pattern == "^[a-z0-9][a-z0-9-]*$":
            return f"{name}: {_shown(value)} is not a valid id", "use lower-case letters, digits and hyphens, for example my-rubric", False
        return f"{name}: {_shown(value)} does not have the expected form", f"it must match {pattern}", False
    if kind in ("string_too_short",):
        return f"{name}: must not be empty", "write something here or remove the line", False
    if kind in ("string_too_long",):
        return f"{name}: is too long", f"keep it under {ctx.get('max_length')} characters", False
    if kind in ("list_type", "tuple_type", "set_type"):
        return f"{name}: must be a list, got {_shown(value)}", "start each item on its own line with '- '", False
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return f"{name}: must be a section of 'field: value' lines, got {_shown(value)}", "indent the fields under this key", False
    if kind == "value_error":
        message = str(ctx.get("error") or err.get("msg", "")).removeprefix("Value error, ")
        # A model validator may carry its own hint after " | hint: " (see models.project.Evidence).
        message, _, hint = message.partition(" | hint: ")
        return f"{name}: {message}", hint, False
    return f"{name}: {err.get('msg', 'is not valid')}", "", False


def validate(model: type[M], parsed: ParsedYaml) -> M:
    """Validate parsed data against a model. Raises ``InputProblems`` on failure."""
    if parsed.data is None:
        raise InputProblems([Diagnostic(location=SourceLocation(path=parsed.path), message="the file is empty", hint="start from examples/starter.yaml or run 'coscore init'")])
    if not isinstance(parsed.data, dict):
        raise InputProblems(
            [Diagnostic(location=SourceLocation(path=parsed.path), message="the file must be made of 'name: value' sections, not a single value or list", hint="start from examples/starter.yaml")]
        )
    try:
        return model.model_validate(parsed.data)
    except ValidationError as exc:
        diagnostics = []
        errors = exc.errors(include_url=False)
        # A list that is "too short" only because its items failed says nothing new: drop it.
        errors = [
            e for e in errors
            if not (e["type"] == "too_short" and any(o is not e and len(o["loc"]) > len(e["loc"]) and o["loc"][: len(e["loc"])] == e["loc"] for o in errors))
        ]
        for err in errors:
            loc = _clean_loc(err["loc"], parsed.data)
            message, hint, at_key = _describe(err, model, loc, parsed.data)
            if err["type"] == "missing":
                location = parsed.location(loc[:-1], key=True) if loc[:-1] else SourceLocation(path=parsed.path)
            else:
                location = parsed.location(loc, key=at_key)
            diagnostics.append(Diagnostic(location=location, message=message, hint=hint, code=err["type"]))
        diagnostics.sort(key=lambda d: (d.location.line, d.location.column))
        raise InputProblems(diagnostics) from None

