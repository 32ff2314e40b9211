"""A fast path for reading YAML: libyaml (ruamel.yaml.clib) builds the data, ruamel keeps the places.

ruamel's round-trip parser is pure Python and was most of `coscore check`'s time
per file (about 85% in a profile of 100 project files), and the packaged rubric
alone took a quarter of a second to read at every start. libyaml composes the
same document many times faster. This module uses it for plain documents only
and says "no" (returns ``None``) whenever the document uses anything where the
two could differ: anchors and aliases, merge keys, explicit tags, directives,
duplicate keys, keys that are not plain values, unusual number spellings, deep
nesting, or any error at all. The caller then uses the round-trip parser, which
also produces every located error message.

Line and column positions still come from the round-trip parser, but only when
something asks for one (a validation error, a red flag that points at a line),
so a clean file never pays for them.
"""

from __future__ import annotations

import re
from typing import Any, Callable

from coscore.yamlio import LocationIndex, ParsedYaml

_INT = re.compile(r"[-+]?[0-9]+\Z")
_FLOAT = re.compile(r"[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?\Z")
_MAX_FLOW_DEPTH = 32
_MAX_INDENT = 256

_loader_class: Any = None
_resolve: Any = None  # YAML 1.2 tag for a plain scalar, as the round-trip parser resolves it


class _NotPlain(Exception):
    """The document uses something this fast path leaves to the round-trip parser."""


def _loader():
    global _loader_class, _resolve
    if _loader_class is None:
        try:
            from ruamel.yaml.cyaml import CSafeLoader
            from ruamel.yaml.nodes import ScalarNode
            from ruamel.yaml.resolver import VersionedResolver
        except ImportError:
            _loader_class = False
        else:
            resolver = VersionedResolver(version=(1, 2))
            _resolve = lambda value: str(resolver.resolve(ScalarNode, value, (True, False)))  # noqa: E731
            _loader_class = CSafeLoader if _probe() else False
    return _loader_class or None


def _probe() -> bool:
    """Check once that plain scalars resolve as the round-trip parser (YAML 1.2) resolves them."""
    try:
        tags = [_resolve(v).rsplit(":", 1)[-1] for v in ("1", "yes", "2025-01-01", "1.5", "", "true")]
        return tags == ["int", "str", "timestamp", "float", "null", "bool"]
    except Exception:  # noqa: BLE001 - any surprise means "do not use the fast path"
        return False


def _simple_enough(text: str) -> bool:
    """Cheap guards against what libyaml's recursive composer should not see."""
    if "%YAML" in text or "%TAG" in text or "<<" in text or "!" in text and re.search(r"(^|[\s\[{,:-])!", text):
        return False
    depth = deepest = 0
    for char in text:
        if char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth -= 1
    if deepest > _MAX_FLOW_DEPTH:
        return False
    return not any(len(line) - len(line.lstrip(" ")) > _MAX_INDENT for line in text.splitlines())


def _scalar(node) -> Any:
    value = node.value
    if node.style not in (None, ""):
        if str(node.tag) != "tag:yaml.org,2002:str":
            raise _NotPlain
        return value
    tag = _resolve(value).rsplit(":", 1)[-1]
    if tag in ("str", "timestamp"):  # dates stay text, as yamlio keeps them
        return value
    if tag == "null":
        return None
    if tag == "bool":
        return value.lower() == "true"
    if tag == "int" and _INT.match(value):
        return int(value)
    if tag == "float" and _FLOAT.match(value):
        return float(value)
    raise _NotPlain


def _plain(node, seen: set[int]) -> Any:
    from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode

    if isinstance(node, ScalarNode):
        return _scalar(node)
    if id(node) in seen:  # an alias: leave it to the round-trip parser
        raise _NotPlain
    seen.add(id(node))
    if isinstance(node, MappingNode):
        if str(node.tag) != "tag:yaml.org,2002:map":
            raise _NotPlain
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                raise _NotPlain
            key = str(_scalar(key_node))
            if key in out:  # the round-trip parser reports duplicates with their line
                raise _NotPlain
            out[key] = _plain(value_node, seen)
        return out
    if isinstance(node, SequenceNode):
        if str(node.tag) != "tag:yaml.org,2002:seq":
            raise _NotPlain
        return [_plain(item, seen) for item in node.value]
    raise _NotPlain


class LazyLocations(ParsedYaml):
    """Parsed data whose location index is built by the round-trip parser when first needed."""

    def __init__(self, data: Any, path: str, build_index: Callable[[], LocationIndex]):
        self.data = data
        self.path = path
        self._build_index = build_index
        self._index: LocationIndex | None = None

    @property
    def index(self) -> LocationIndex:  # type: ignore[override]
        if self._index is None:
            self._index = self._build_index()
        return self._index


def parse(text: str, path: str, round_trip: Callable[[str, str], ParsedYaml]) -> ParsedYaml | None:
    """The parsed document, or ``None`` when it must go through ``round_trip`` instead."""
    loader_class = _loader()
    if loader_class is None or not text.strip() or not _simple_enough(text):
        return None
    try:
        node = loader_class(text).get_single_node()
        if node is None:
            return None
        data = _plain(node, set())
    except Exception:  # noqa: BLE001 - the round-trip parser explains any problem with a location
        return None

    def build_index() -> LocationIndex:
        from coscore.errors import InputProblems

        try:
            return round_trip(text, path).index
        except InputProblems:  # libyaml accepted what ruamel does not: positions fall back to the top
            index = LocationIndex()
            index.values[()] = (0, 0)
            return index

    return LazyLocations(data, path, build_index)
