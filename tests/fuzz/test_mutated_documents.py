"""Mutated strategy documents (Markdown) through lint and check (issue 14, item 5)."""

from __future__ import annotations

import random
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fuzz_support import budget, example, mutate, run, write

DOCUMENTS = ("strategy.md", "strategy-peer-led.md")
COMMANDS = (
    ("lint", "{d}"),
    ("lint", "{d}", "--format", "parsable"),
    ("lint", "{d}", "--format", "json", "--fail-level", "never"),
    ("lint", "{d}", "--write-baseline", "out/lint-baseline.json"),
    ("lint", "docs"),
    ("check", "{d}", "--format", "parsable"),
    ("check", "{d}", "--format", "github"),
    ("check", "{d}", "--format", "json"),
)
# Markdown that has broken parsers: deep quotes and lists, unclosed fences, raw HTML, tables.
BLOCKS = st.sampled_from(
    ["> " * 30 + "vulnerable people\n", "".join("  " * i + "- x\n" for i in range(15)) + "  " * 15 + "- service users\n", "```\nvulnerable\n", "<div>\nhard to reach\n</div>\n",
     "| a |\n|---|\n| vulnerable |\n", "---\ncoscore-project: [\n---\n", "<!-- coscore-disable-next-line -->\n", "\ufeff# Title\n", "x\r\ny\rz\n"]
)


def test_mutated_documents(request, tmp_path_factory):
    @settings(max_examples=budget(request, 80, 2000), deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(seed=st.integers(0, 2**32 - 1), source=st.sampled_from(DOCUMENTS), block=BLOCKS, command=st.sampled_from(COMMANDS))
    def one(seed: int, source: str, block: str, command: tuple[str, ...]) -> None:
        rng = random.Random(seed)
        folder: Path = tmp_path_factory.mktemp("document")
        (folder / "out").mkdir()
        text = example(source)
        if rng.random() < 0.5:
            lines = text.split(b"\n")
            lines.insert(rng.randrange(len(lines) + 1), block.encode("utf-8"))
            text = b"\n".join(lines)
        d = write(folder, "docs/strategy.md", mutate(text, rng) if rng.random() < 0.7 else text)
        # the documents link to these project files
        write(folder, "docs/washed.yaml", example("washed.yaml"))
        write(folder, "docs/peer-led.yaml", example("peer-led.yaml"))
        args = tuple(a.format(d=d) for a in command)
        run(folder, *args, inputs=(d, "docs/washed.yaml", "docs/peer-led.yaml"))

    one()
