"""The libyaml fast path must read every document exactly as the round-trip parser does, or decline."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coscore.io import fastyaml
from coscore.io import yamlio

TREE = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.skipif(fastyaml._loader() is None, reason="ruamel.yaml.clib (libyaml) is not installed")

# plain scalars whose meaning differs between YAML versions, spellings and types
TRICKY = [
    "1", "-3", "+4", "007", "0x1F", "0o17", "1_000", "1.5", ".5", "1e3", "1.0e-3", "-.inf", ".NaN", "yes", "no", "on", "off",
    "true", "True", "TRUE", "false", "null", "Null", "~", "2025-03-31", "2025-02-30", "2025-03-31T10:00:00", "12:30", "a b", "-",
    "co-production", "3 seats", "£40,000", "''", '""', "'quoted'", '"double"', "x # comment", "[1, 2]", "{a: 1}",
]


def strict(a, b) -> bool:
    """Equal, and of the same types all the way down (1, 1.0 and True compare equal in Python)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(strict(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(strict(x, y) for x, y in zip(a, b))
    return a == b or (a != a and b != b)  # NaN


def assert_same(text: str) -> None:
    try:
        slow = yamlio._parse_round_trip(text, "case.yaml")
    except Exception:  # noqa: BLE001 - the fast path must then decline (or agree it is bad)
        assert fastyaml.parse(text, "case.yaml", yamlio._parse_round_trip) is None, text
        return
    fast = fastyaml.parse(text, "case.yaml", yamlio._parse_round_trip)
    if fast is None:
        return
    assert strict(fast.data, slow.data), text
    assert fast.index.values == slow.index.values  # locations come from the round-trip parser on demand
    assert fast.index.keys == slow.index.keys


def repository_yaml() -> list[Path]:
    return sorted(p for p in TREE.rglob("*.yaml") if ".git" not in p.parts)


@pytest.mark.parametrize("path", repository_yaml(), ids=lambda p: str(p.relative_to(TREE)))
def test_every_yaml_file_in_the_repository(path: Path) -> None:
    assert_same(path.read_bytes().decode("utf-8", errors="replace"))


def nested(depth: int) -> str:
    lines = [("  " * level) + f"k{level}:" for level in range(depth - 1)]
    return "\n".join(lines) + " leaf\n"


@pytest.mark.parametrize("depth", [yamlio.MAX_DEPTH - 1, yamlio.MAX_DEPTH, yamlio.MAX_DEPTH + 1])
def test_nesting_limit_is_the_same(depth: int) -> None:
    assert_same(nested(depth))


@pytest.mark.parametrize("items", [yamlio.MAX_NODES // 2 - 2, yamlio.MAX_NODES // 2 - 1, yamlio.MAX_NODES // 2, yamlio.MAX_NODES // 2 + 1])
def test_size_limit_is_the_same(items: int) -> None:
    # a mapping of `items` keys with scalar values: 1 + 2 * items nodes
    assert_same("".join(f"k{i}: {i}\n" for i in range(items)))


@pytest.mark.parametrize("text", ["a: b\x85c\n", "a: \x7f\n", "a: \u2028\n", "a: \ufffe\n", "a: b\x00\n", "a: \U0001F600\n"])
def test_unusual_characters_are_treated_alike(text: str) -> None:
    assert_same(text)


def test_the_packaged_rubric_takes_the_fast_path() -> None:
    text = (TREE / "src" / "coscore" / "rubrics" / "eleven-principles.yaml").read_text(encoding="utf-8")
    assert isinstance(fastyaml.parse(text, "r.yaml", yamlio._parse_round_trip), fastyaml.LazyLocations)


@pytest.mark.parametrize(
    "text",
    [
        "a: 1\na: 2\n",  # duplicate key: ruamel reports it with a line
        "base: &b {x: 1}\nother: *b\n",  # alias
        "a:\n  <<: {x: 1}\n",  # merge key
        "a: !!str 3\n",  # explicit tag
        "%YAML 1.1\n---\na: yes\n",  # directive
        "? [a, b]\n: 1\n",  # a key that is not a plain value
        "a: " + "[" * 100 + "]" * 100 + "\n",  # deep nesting
        "a: 0x1F\n",  # unusual number spelling
        "a: [1, 2\n",  # broken
        "a:\n\t- b\n",  # tab
    ],
)
def test_declines_what_it_does_not_handle(text: str) -> None:
    assert fastyaml.parse(text, "case.yaml", yamlio._parse_round_trip) is None


def test_errors_still_come_from_the_round_trip_parser() -> None:
    with pytest.raises(yamlio.InputProblems) as caught:
        yamlio.parse_yaml("project:\n  name: A\n  name: B\n", "dup.yaml")
    assert str(caught.value.diagnostics[0].location) == "dup.yaml:3:3"


keys = st.text(alphabet="abcdefgh_-", min_size=1, max_size=6)
scalars = st.one_of(st.sampled_from(TRICKY), st.integers(-10**6, 10**6).map(str), st.text(alphabet="abc xyz019.-:#'\"", max_size=10))


@st.composite
def documents(draw, depth: int = 0) -> str:
    """YAML text with plain scalars, block and flow collections, indented as people write it."""
    lines = []
    for key in draw(st.lists(keys, min_size=1, max_size=4, unique=True)):
        kind = draw(st.sampled_from(["scalar", "flow", "block-list", "map"] if depth < 3 else ["scalar", "flow"]))
        if kind == "scalar":
            lines.append(f"{key}: {draw(scalars)}")
        elif kind == "flow":
            items = draw(st.lists(st.sampled_from([t for t in TRICKY if not t.startswith(("[", "{", "'", '"')) and "#" not in t and "," not in t]), max_size=4))
            lines.append(f"{key}: [{', '.join(items)}]")
        elif kind == "block-list":
            lines.append(f"{key}:")
            lines += [f"  - {draw(scalars)}" for _ in range(draw(st.integers(0, 3)))]
        else:
            lines.append(f"{key}:")
            lines += ["  " + line for line in draw(documents(depth + 1)).splitlines()]
    return "\n".join(lines) + "\n"


@settings(max_examples=300, deadline=None)
@given(documents())
def test_generated_documents_read_the_same(text: str) -> None:
    assert_same(text)


def test_any_failure_in_the_fast_path_falls_back(monkeypatch) -> None:
    def explode(self):
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(fastyaml, "_build", lambda *args: explode(None))
    assert fastyaml.parse("a: 1\n", "f.yaml", yamlio._parse_round_trip) is None
    assert yamlio.parse_yaml("a: 1\n", "f.yaml").data == {"a": 1}


def test_non_printable_set_is_ruamels_on_every_code_point() -> None:
    """The short pattern must refuse exactly the characters ruamel's reader refuses, no more and no fewer."""
    from ruamel.yaml.reader import Reader

    every_character = "".join(map(chr, range(0x110000)))
    refused = fastyaml.NON_PRINTABLE.findall(every_character)
    assert refused == Reader.NON_PRINTABLE.findall(every_character)
    assert "\x85" not in refused and "\t" not in refused and "\x7f" in refused  # guards against an empty or inverted set
