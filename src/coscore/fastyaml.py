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

from coscore import yamlio
from coscore.yamlio import LocationIndex, ParsedYaml, _plain_key

_INT = re.compile(r"[-+]?[0-9]+\Z")
_FLOAT = re.compile(r"[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?\Z")
_MAX_FLOW_DEPTH = 32
_MAX_INDENT = 256

_loader_class: Any = None
_resolvers: dict = {}  # first character -> [(short tag, regex)], ruamel's own YAML 1.2 table
_node_types: tuple = ()
_non_printable: Any = None  # ruamel's reader refuses these characters; libyaml's rules differ slightly


class _NotPlain(Exception):
    """The document uses something this fast path leaves to the round-trip parser."""


def _loader():
    global _loader_class, _resolvers, _node_types, _non_printable
    if _loader_class is None:
        try:
            from ruamel.yaml.cyaml import CSafeLoader
            from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode
            from ruamel.yaml.reader import Reader
            from ruamel.yaml.resolver import VersionedResolver
        except ImportError:
            _loader_class = False
        else:
            _non_printable = Reader.NON_PRINTABLE
            table = VersionedResolver(version=(1, 2)).versioned_resolver
            _resolvers = {first: [(str(tag).rsplit(":", 1)[-1], regex) for tag, regex in entries] for first, entries in table.items()}
            _node_types = (ScalarNode, MappingNode, SequenceNode)
            default_tags = {ScalarNode: "tag:yaml.org,2002:str", SequenceNode: "tag:yaml.org,2002:seq", MappingNode: "tag:yaml.org,2002:map"}

            class _Loader(CSafeLoader):
                def resolve(self, kind, value, implicit):  # noqa: ARG002 - plain scalars are resolved in _scalar
                    return default_tags[kind]

            _loader_class = _Loader if _probe() and None not in _resolvers else False
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
    if _non_printable.search(text):  # the round-trip parser names the character and its place
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


def _scalar(node) -> Any:
    value = node.value
    if node.style:  # quoted or block: always text, unless tagged otherwise
        if str(node.tag) != "tag:yaml.org,2002:str":
            raise _NotPlain
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


class _Walk:
    """Turns libyaml's nodes into dicts, lists and scalars, within yamlio's limits."""

    def __init__(self) -> None:
        self.seen: set[int] = set()
        self.nodes = 0
        self.max_nodes, self.max_depth = yamlio.MAX_NODES, yamlio.MAX_DEPTH  # read now: tests may lower them

    def plain(self, node, depth: int = 1) -> Any:
        scalar_type, mapping_type, sequence_type = _node_types
        self.nodes += 1
        if self.nodes > self.max_nodes or depth > self.max_depth:  # the round-trip parser reports the limit
            raise _NotPlain
        kind = type(node)
        if kind is scalar_type:
            return _scalar(node)
        if id(node) in self.seen:  # an alias: leave it to the round-trip parser
            raise _NotPlain
        self.seen.add(id(node))
        if kind is mapping_type:
            if str(node.tag) != "tag:yaml.org,2002:map":
                raise _NotPlain
            out: dict[str, Any] = {}
            for key_node, value_node in node.value:
                if type(key_node) is not scalar_type:
                    raise _NotPlain
                self.nodes += 1
                key = _scalar(key_node)
                key = key if isinstance(key, str) else _plain_key(key)
                if key in out:  # the round-trip parser reports duplicates with their line
                    raise _NotPlain
                out[key] = self.plain(value_node, depth + 1)
            return out
        if kind is sequence_type:
            if str(node.tag) != "tag:yaml.org,2002:seq":
                raise _NotPlain
            return [self.plain(item, depth + 1) for item in node.value]
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


def _within_limits(loader_class, text: str) -> bool:
    """Walk libyaml's events and say whether the document stays inside yamlio's limits.

    libyaml's parser keeps its own stack, but the composer behind ``get_single_node``
    recurses in C: a line of ten thousand "- " or "? " crashes the interpreter, and a
    five-megabyte flat list costs a gigabyte before ``_Walk`` could count it. Events
    come one at a time, so this check stops early and holds almost nothing. Aliases
    are refused here too, since ``_Walk`` would refuse them after composing.
    """
    from ruamel.yaml.events import AliasEvent, CollectionEndEvent, CollectionStartEvent, StreamEndEvent

    loader = loader_class(text)
    depth = nodes = 0
    max_depth, max_nodes = yamlio.MAX_DEPTH, yamlio.MAX_NODES
    try:
        while True:
            event = loader.get_event()
            if event is None or isinstance(event, StreamEndEvent):
                return True
            if isinstance(event, AliasEvent):
                return False
            if isinstance(event, CollectionStartEvent):
                depth += 1
                if depth > max_depth:
                    return False
            elif isinstance(event, CollectionEndEvent):
                depth -= 1
            nodes += 1
            if nodes > max_nodes:
                return False
    finally:
        loader.dispose()


def parse(text: str, path: str, round_trip: Callable[[str, str], ParsedYaml]) -> ParsedYaml | None:
    """The parsed document, or ``None`` when it must go through ``round_trip`` instead."""
    loader_class = _loader()
    if loader_class is None or not text.strip() or not _simple_enough(text):
        return None
    try:
        if not _within_limits(loader_class, text):
            return None
        node = loader_class(text).get_single_node()
        if node is None:
            return None
        data = _Walk().plain(node)
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
