"""How fast is `coscore lint` next to alex, and does its time stay linear on awkward shapes?

Part 1 (shapes): writes three documents of ``--shape-mb`` megabytes (5 by
default): an ordinary strategy (headings, paragraphs, lists, small tables),
one huge paragraph (hard-wrapped, no blank line anywhere) and a table 4,000
columns wide. For each it prints seconds per MB, the ratio to the ordinary
document (target: at most 2), and peak memory as a multiple of the file's
size (target: under 20). Peak memory is what Python allocates while reading
and linting the file (tracemalloc, in a fresh process), and the growth of
the process's resident size over linting a one-line file.

Part 2 (alex): generates a corpus of Markdown strategy documents (200
documents of about 2,000 words by default), installs alex with npm into a
temporary folder (it is not a project dependency), then times both tools
over the whole corpus in the same run and prints the ratio (target: at
least 3). Each tool runs ``--repeat`` times and the fastest run counts.

    python benchmarks/lint_speed.py                # both parts
    python benchmarks/lint_speed.py --skip-alex --shape-mb 1
    python benchmarks/lint_speed.py --skip-shapes --documents 50 --words 1000 --repeat 1

Part 2 needs Node.js and npm on the PATH and network access to the npm registry.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ALEX_VERSION = "11"

# Sentences a charity strategy might contain: most are ordinary, some trip a rule.
SENTENCES = [
    "Our members decide together which projects we take on each year.",
    "The peer panel meets every month and sets its own agenda.",
    "We will ensure that vulnerable adults are heard going forward.",
    "Staff and members learn from each other in fortnightly reflective sessions.",
    "People with lived experience hold six of the ten votes on the steering group.",
    "The strategy was co-produced through a survey of 300 residents.",
    "Some families are hard to reach and fail to engage with services.",
    "From April 2026 the members' budget group controls £40,000 of the grants budget.",
    "We aim to empower service users to take control of their lives.",
    "The advice line is open on Tuesdays and Thursdays, and volunteers run the evening sessions.",
    "Local people told us the old opening times did not fit around shift work.",
    "In the coming months we will explore new ways of working.",
    "We changed the referral form after the panel said it felt like an interrogation.",
    "Amira Khan, who chairs the panel, will publish the findings by June 2026.",
    "Recipients of our support are asked for feedback each quarter.",
    "Members who started as attendees now train new volunteers and staff.",
    "We pay everyone on the panel £25 an hour, the same rate as our sessional staff.",
    "The burden on the NHS grows each winter.",
    "People living with dementia helped to write the new guide for carers.",
    "Our gardening group swaps seeds, tools and recipes with the food bank next door.",
]
WORDS = ["community", "housing", "advice", "kitchen", "library", "transport", "benefits", "training", "garden", "evening"]


def make_document(rng: random.Random, words: int) -> str:
    parts = [f"# Strategy {rng.randint(1, 999)}: {rng.choice(WORDS)} and {rng.choice(WORDS)}", ""]
    count = 0
    while count < words:
        shape = rng.random()
        if shape < 0.55:
            paragraph = " ".join(rng.choice(SENTENCES) for _ in range(rng.randint(3, 6)))
            parts += [paragraph, ""]
        elif shape < 0.7:
            parts += [f"- {rng.choice(SENTENCES)}" for _ in range(rng.randint(2, 5))] + [""]
        elif shape < 0.8:
            parts += ["| Action | Owner | Date |", "|---|---|---|"]
            parts += [f"| {rng.choice(SENTENCES)} | {rng.choice(['peer lead', 'Amira', 'TBC'])} | {rng.choice(['by June 2026', 'March 2027', 'soon'])} |" for _ in range(3)] + [""]
        elif shape < 0.9:
            parts += [f"> {rng.choice(SENTENCES)} {rng.choice(SENTENCES)}", ""]
        else:
            parts += [f"## {rng.choice(WORDS).title()}", "", "```", "hard to reach = True  # code is skipped", "```", ""]
        count = sum(len(p.split()) for p in parts)
    return "\n".join(parts) + "\n"


def ordinary_document(rng: random.Random, size: int) -> str:
    parts, filled = [], 0
    while filled < size:
        part = make_document(rng, 2000)
        parts.append(part)
        filled += len(part) + 1
    return "\n".join(parts)


def huge_paragraph(rng: random.Random, size: int) -> str:
    """One paragraph, hard-wrapped at 78 columns: the same few sentences over and over."""
    lines, line, filled = [], [], 0
    while filled < size:
        for word in rng.choice(SENTENCES).split():
            if sum(len(w) + 1 for w in line) + len(word) > 78:
                lines.append(" ".join(line))
                filled += len(lines[-1]) + 1
                line = []
            line.append(word)
    return "\n".join(lines + [" ".join(line)]) + "\n"


def wide_table(rng: random.Random, size: int, columns: int = 4000) -> str:
    head = "| " + " | ".join(f"Column {i + 1}" for i in range(columns)) + " |\n" + "|" + "---|" * columns + "\n"
    rows, filled = [head], len(head)
    while True:
        row = "| " + " | ".join(rng.choice(SENTENCES) for _ in range(columns)) + " |\n"
        if filled + len(row) > size:
            return "".join(rows)
        rows.append(row)
        filled += len(row)


# Runs in a fresh interpreter: lint one file, print seconds, traced peak bytes and peak resident size.
_MEASURE = """
import resource, sys, time, tracemalloc
from coscore.workflows import lint as service
rules = service.lint_rule_set()
path, traced = sys.argv[1], sys.argv[2] == "traced"
if traced:
    tracemalloc.start()
start = time.perf_counter()
result = service.lint_strategy_documents([path], rules=rules)
seconds = time.perf_counter() - start
if result.diagnostics:
    sys.exit("\\n".join(str(d) for d in result.diagnostics))
peak = tracemalloc.get_traced_memory()[1] if traced else 0
print(seconds, peak, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024, len(result.findings))
"""


def measure(path: Path, traced: bool) -> tuple[float, int, int, int]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    out = subprocess.run([sys.executable, "-c", _MEASURE, str(path), "traced" if traced else "timed"], capture_output=True, text=True, env=env, check=True)
    seconds, peak, rss, findings = out.stdout.split()
    return float(seconds), int(peak), int(rss), int(findings)


def shapes(tmp_path: Path, megabytes: float, repeat: int) -> None:
    size = int(megabytes * 1_000_000)
    rng = random.Random(7)
    small = tmp_path / "one-line.md"
    small.write_text("We will ensure vulnerable adults are heard.\n", encoding="utf-8")
    _, _, base_rss, _ = measure(small, traced=False)
    print(f"shapes: {megabytes:g} MB each; targets: at most 2x the ordinary document's seconds per MB, peak memory under 20x the file")
    print(f"{'document':<22} {'MB':>5} {'s/MB':>6} {'x ordinary':>10} {'findings':>9} {'traced peak':>12} {'RSS growth':>11}")
    ordinary_rate = None
    for name, make in (("ordinary strategy", ordinary_document), ("one huge paragraph", huge_paragraph), ("4,000-column table", wide_table)):
        path = tmp_path / f"{name.split()[0]}.md"
        path.write_text(make(rng, size), encoding="utf-8")
        mb = path.stat().st_size / 1_000_000
        seconds = min(measure(path, traced=False)[0] for _ in range(repeat))
        _, peak, _, findings = measure(path, traced=True)
        _, _, rss, _ = measure(path, traced=False)
        rate = seconds / mb
        ordinary_rate = ordinary_rate or rate
        print(f"{name:<22} {mb:5.1f} {rate:6.2f} {rate / ordinary_rate:10.2f} {findings:9,} {peak / (mb * 1e6):11.1f}x {(rss - base_rss) / (mb * 1e6):10.1f}x")


def best_time(command: list[str], repeat: int, env: dict | None = None) -> tuple[float, subprocess.CompletedProcess]:
    best, last = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        last = subprocess.run(command, capture_output=True, text=True, env=env)
        best = min(best, time.perf_counter() - start)
    return best, last


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=200)
    parser.add_argument("--words", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--shape-mb", type=float, default=5.0, help="size of each shape document in MB")
    parser.add_argument("--skip-shapes", action="store_true")
    parser.add_argument("--skip-alex", action="store_true")
    args = parser.parse_args()
    if not args.skip_shapes:
        with tempfile.TemporaryDirectory(prefix="coscore-lint-shapes-") as tmp:
            shapes(Path(tmp), args.shape_mb, args.repeat)
    if args.skip_alex:
        return 0
    if shutil.which("npm") is None or shutil.which("node") is None:
        print("lint_speed: needs node and npm on the PATH to install alex", file=sys.stderr)
        return 2

    with tempfile.TemporaryDirectory(prefix="coscore-lint-bench-") as tmp:
        tmp_path = Path(tmp)
        corpus = tmp_path / "corpus"
        corpus.mkdir()
        rng = random.Random(5)
        total_words = 0
        files = []
        for i in range(args.documents):
            text = make_document(rng, args.words)
            total_words += len(text.split())
            path = corpus / f"strategy-{i:03}.md"
            path.write_text(text, encoding="utf-8")
            files.append(str(path))
        print(f"corpus: {args.documents} documents, {total_words:,} words, {sum(os.path.getsize(f) for f in files):,} bytes")

        tools = tmp_path / "alex"
        install = subprocess.run(["npm", "install", "--prefix", str(tools), "--no-audit", "--no-fund", "--silent", f"alex@{ALEX_VERSION}"], capture_output=True, text=True)
        if install.returncode != 0:
            print(f"lint_speed: npm could not install alex:\n{install.stderr}", file=sys.stderr)
            return 2
        alex = tools / "node_modules" / ".bin" / "alex"
        alex_version = subprocess.run([str(alex), "--version"], capture_output=True, text=True).stdout.strip()

        env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
        coscore_cmd = [sys.executable, "-m", "coscore", "lint", "--format", "parsable", "--fail-level", "never", *files]
        coscore_time, coscore_run = best_time(coscore_cmd, args.repeat, env)
        if coscore_run.returncode != 0:
            print(f"lint_speed: coscore lint failed ({coscore_run.returncode}):\n{coscore_run.stderr}", file=sys.stderr)
            return 2
        alex_time, alex_run = best_time([str(alex), "--quiet", *files], args.repeat)
        coscore_findings = len(coscore_run.stdout.splitlines())
        alex_findings = sum(1 for line in alex_run.stderr.splitlines() if "warning" in line)

        print(f"coscore lint: {coscore_time:6.2f} s  ({coscore_findings:,} findings)")
        print(f"alex {alex_version}: {alex_time:6.2f} s  ({alex_findings:,} warnings)")
        print(f"ratio alex / coscore: {alex_time / coscore_time:.2f} (above 1 means coscore is faster)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
