"""How fast is `coscore lint` next to alex, the JavaScript prose linter, on the same documents?

Generates a corpus of Markdown strategy documents (200 documents of about
2,000 words by default), installs alex with npm into a temporary folder (it
is not a project dependency), then times both tools over the whole corpus in
the same run and prints the ratio. Each tool runs ``--repeat`` times and the
fastest run counts, which evens out disk caches and a cold start.

    python benchmarks/lint_speed.py                # 200 documents of ~2,000 words
    python benchmarks/lint_speed.py --documents 50 --words 1000 --repeat 1

Needs Node.js and npm on the PATH and network access to the npm registry.
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
    args = parser.parse_args()
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
