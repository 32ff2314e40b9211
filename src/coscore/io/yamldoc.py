"""Parsed YAML: the plain data, and where each value was written (shared by both parsers).

``yamlio`` (ruamel's round-trip parser) and ``fastyaml`` (libyaml, plain documents
only) both return a ``ParsedYaml``; this module is what they share, so neither
imports the other's internals.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from coscore.errors import SourceLocation

MAX_SHOWN = 80  # longest piece of user text quoted back in a message

# --- hostile-input limits -------------------------------------------------------------
# A real project or rubric file has a few thousand values at most and is nested fewer
# than ten levels deep. These limits stop alias bombs ("billion laughs"), huge flat
# lists and deep nesting long before they cost much time or memory, and keep every
# later recursive step (conversion, pydantic, scoring) far from Python's recursion limit.
MAX_DEPTH = 64
MAX_NODES = 50_000

DataPath = tuple[str | int, ...]  # where a value sits in the data: ("decisions", 0, "decided_on")


@dataclass
class LocationIndex:
    """Where each value (and each mapping key) sits in the source file (0-based)."""

    values: dict[DataPath, tuple[int, int]] = field(default_factory=dict)
    keys: dict[DataPath, tuple[int, int]] = field(default_factory=dict)

    def value_at(self, path: DataPath) -> tuple[int, int]:
        """The closest known position for ``path``, walking up until one is known."""
        while path:
            if path in self.values:
                return self.values[path]
            if path in self.keys:
                return self.keys[path]
            path = path[:-1]
        return self.values.get((), (0, 0))

    def key_at(self, path: DataPath) -> tuple[int, int]:
        """The position of the key at ``path``, else the closest value's."""
        return self.keys.get(path) or self.value_at(path)


@dataclass
class ParsedYaml:
    """A YAML document's plain data, its location index and the name it is shown under."""

    data: Any
    index: LocationIndex
    path: str

    def location(self, path: DataPath, *, key: bool = False) -> SourceLocation:
        """The 1-based file:line:col of the value (or key) at ``path``."""
        line, col = self.index.key_at(path) if key else self.index.value_at(path)
        return SourceLocation(path=self.path, line=line + 1, column=col + 1)


def shorten(text: str, limit: int = MAX_SHOWN) -> str:
    """User text cut down to a length that fits in one message line."""
    text = text.replace("\n", " ").replace("\r", " ")
    return text if len(text) <= limit else text[: limit - 3] + "..."


def plain_key(key: Any) -> str:
    """Mapping keys become text: 1 -> "1", a complex key -> a short description of it."""
    if isinstance(key, bool):
        return "true" if key else "false"
    if key is None:
        return "null"
    if isinstance(key, (str, int, float)):
        return str(key)
    return shorten(repr(key))
