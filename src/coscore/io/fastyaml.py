"""A fast path for reading YAML: libyaml (ruamel.yaml.clib) builds the data, ruamel keeps the places.

ruamel's round-trip parser is pure Python and was most of `coscore check`'s time
per file (about 85% in a profile of 100 project files), and the packaged rubric
alone took a quarter of a second to read at every start. libyaml parses the
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

from coscore.io.yamldoc import MAX_DEPTH, MAX_NODES, LocationIndex, ParsedYaml, plain_key

_INT = re.compile(r"[-+]?[0-9]+\Z")
_FLOAT = re.compile(r"[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?\Z")
_MAX_FLOW_DEPTH = 32
_MAX_INDENT = 256

_loader_class: Any = None
_resolvers: dict = {}  # first character -> [(short tag, regex)], ruamel's own YAML 1.2 table
# The characters ruamel's reader refuses (libyaml's rules differ slightly), written as the
# small set they are: ruamel's own pattern, the complement of the allowed ranges, is slow to
# compile at every start. A test checks both agree on every code point.
NON_PRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")


class _NotPlain(Exception):
    """The document uses something this fast path leaves to the round-trip parser."""


def _loader():
    global _loader_class, _resolvers
    if _loader_class is None:
        try:
            from ruamel.yaml.cyaml import CParser
            from ruamel.yaml.resolver import VersionedResolver
        except ImportError:
            _loader_class = False
        else:
            table = VersionedResolver(version=(1, 2)).versioned_resolver
            # ruamel hands out lazy proxies that pass every match through a Python-level
            # __getattribute__; the compiled patterns themselves are the same table, faster
            _resolvers = {
                first: [(str(tag).rsplit(":", 1)[-1], re.compile(regex.pattern, regex.flags)) for tag, regex in entries] for first, entries in table.items()
            }
            # libyaml's parser alone: events, no composer (it recurses in C) and no resolver
            _loader_class = CParser if _probe() and None not in _resolvers else False
    return _loader_class or None


def _resolve(value: str) -> str:
    """The YAML 1.2 type of a plain scalar, as ruamel's resolver decides it (same table, same order)."""
    for tag, regex in _resolvers.get(value[:1], ()):
        if regex.match(value):
            return tag
    return "str"


def _probe() -> bool:
    """Check once that plain scalars resolve as the round-trip parser (YAML 1.2) resolves them."""
    try:
        tags = [_resolve(v) for v in ("1", "yes", "2025-01-01", "1.5", "", "true", "word")]
        return tags == ["int", "str", "timestamp", "float", "null", "bool", "str"]
    except Exception:  # noqa: BLE001 - any surprise means "do not use the fast path"
        return False


_DEEP_INDENT = re.compile(r"^ {%d,}" % (_MAX_INDENT + 1), re.MULTILINE)
_TAG = re.compile(r"(^|[\s\[{,:-])!")


def _simple_enough(text: str) -> bool:
    """Cheap guards against what libyaml's recursive composer should not see."""
    if "%YAML" in text or "%TAG" in text or "<<" in text or ("!" in text and _TAG.search(text)):
        return False
    if NON_PRINTABLE.search(text):  # the round-trip parser names the character and its place
        return False
    if text.count("[") + text.count("{") > _MAX_FLOW_DEPTH:
        depth = deepest = 0
        for char in text:
            if char in "[{":
                depth += 1
                deepest = max(deepest, depth)
            elif char in "]}":
                depth -= 1
        if deepest > _MAX_FLOW_DEPTH:
            return False
    return not _DEEP_INDENT.search(text)


def _scalar(value: str, style: str | None) -> Any:
    if style:  # quoted or block: always text
        return value
    tag = _resolve(value)
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


class LazyLocations(ParsedYaml):
    """Parsed data whose location index is built by the round-trip parser when first needed."""

    def __init__(self, data: Any, path: str, build_index: Callable[[], LocationIndex]):
        self.data = data
        self.path = path
        self._build_index = build_index
        self._index: LocationIndex | None = None

    @property
    def index(self) -> LocationIndex:  # type: ignore[override]
        """The location index, built by the round-trip parser the first time it is asked for."""
        if self._index is None:
            self._index = self._build_index()
        return self._index


_NO_KEY = object()


def _build(loader_class, text: str, limits: tuple[int, int]) -> Any:
    """Build dicts, lists and scalars straight from libyaml's events, within yamlio's limits.

    One pass and no node tree: libyaml's composer recurses in C (a line of ten
    thousand "- " would crash the interpreter) and holds the whole tree before
    anything could be counted, so depth and size are checked event by event and
    the build stops at the first thing the round-trip parser should handle.
    """
    from ruamel.yaml.events import (
        AliasEvent,
        DocumentStartEvent,
        MappingEndEvent,
        MappingStartEvent,
        ScalarEvent,
        SequenceEndEvent,
        SequenceStartEvent,
        StreamEndEvent,
    )

    max_depth, max_nodes = limits
    stack: list[list] = []  # [container, pending key] for each open collection
    root: Any = _NO_KEY
    nodes = documents = 0
    loader = loader_class(text)

    def add(value: Any, is_container: bool) -> None:
        nonlocal root
        if not stack:
            root = value
            return
        top = stack[-1]
        container = top[0]
        if type(container) is list:
            container.append(value)
        elif top[1] is _NO_KEY:
            if is_container:  # a key that is not a plain value
                raise _NotPlain
            key = value if isinstance(value, str) else plain_key(value)
            if key in container:  # the round-trip parser reports duplicates with their line
                raise _NotPlain
            top[1] = key
        else:
            container[top[1]] = value
            top[1] = _NO_KEY

    try:
        while True:
            event = loader.get_event()
            kind = type(event)
            if kind is ScalarEvent:
                nodes += 1
                if nodes > max_nodes or len(stack) + 1 > max_depth:
                    raise _NotPlain
                if event.tag is not None and not (event.implicit[0] or event.implicit[1]):
                    raise _NotPlain  # an explicit tag
                add(_scalar(event.value, event.style), False)
            elif kind is MappingStartEvent or kind is SequenceStartEvent:
                nodes += 1
                if nodes > max_nodes or len(stack) + 1 > max_depth or (event.tag is not None and not event.implicit):
                    raise _NotPlain
                container: Any = {} if kind is MappingStartEvent else []
                add(container, True)
                stack.append([container, _NO_KEY])
            elif kind is MappingEndEvent or kind is SequenceEndEvent:
                stack.pop()
            elif kind is AliasEvent:
                raise _NotPlain
            elif kind is DocumentStartEvent:
                documents += 1
                if documents > 1:  # the round-trip parser names the second document
                    raise _NotPlain
            elif event is None or kind is StreamEndEvent:
                break
    finally:
        loader.dispose()
    if root is _NO_KEY:
        raise _NotPlain
    return root


def parse(text: str, path: str, round_trip: Callable[[str, str], ParsedYaml], limits: tuple[int, int] | None = None) -> ParsedYaml | None:
    """The parsed document, or ``None`` when it must go through ``round_trip`` instead.

    ``limits`` is (deepest nesting, most values): the round-trip parser's, by default ``yamldoc``'s.
    """
    loader_class = _loader()
    if loader_class is None or not text.strip() or not _simple_enough(text):
        return None
    try:
        data = _build(loader_class, text, limits or (MAX_DEPTH, MAX_NODES))
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
