"""How fast is `coscore check`? Times it against named peers, all in this one run, and checks the targets.

Targets (issue 12), each a ratio of medians over interleaved runs in this one process tree:
(a) one project file: `coscore check` at most 1.5x yamllint on the same file, and at most
    1.25x "typer alone": a typer command with the same options as `coscore check` and an
    empty body, run with the same arguments (what the command-line layer costs before
    coscore does anything);
(b) 1,000 project files in one call: at most 0.2x yamllint on the same 1,000 files.
For information it also shows the floor set by coscore's required stack (python -c
"import typer, pydantic, ruamel.yaml") and how `check` grows from 1 to 100 to 1,000 files.

yamllint is installed with pip if missing; it is not a coscore dependency. Each command is
run several times, interleaved so that a busy machine slows all of them alike; best and
median are shown and the targets use the medians. coscore's bytecode is compiled first, as
pip does when it installs a package (yamllint's is compiled by pip), so both start from
bytecode; without that (this sandbox sets PYTHONDONTWRITEBYTECODE) coscore alone would
recompile its source at every run.

    python benchmarks/check_speed.py [--example examples/peer-led.yaml] [--rounds 7]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TREE = Path(__file__).resolve().parents[1]
ONE_FILE_TARGETS = {"yamllint": 1.5, "typer alone": 1.25}  # coscore check / peer, medians
MANY_FILES_TARGET = 0.2  # coscore check / yamllint on 1,000 files, medians


def ensure(module: str, package: str) -> None:
    """pip-install a peer tool for this benchmark only, if it is missing."""
    probe = subprocess.run([sys.executable, "-c", f"import {module}"], capture_output=True)
    if probe.returncode != 0:
        print(f"installing {package} for the comparison ...", flush=True)
        subprocess.run([sys.executable, "-m", "pip", "install", "-q", package], check=True)


def coscore_env() -> dict:
    # PYTHONDONTWRITEBYTECODE is dropped: pip compiles an installed package's bytecode (the
    # peers' and, in a pre-commit or CI environment, coscore's), so this checkout is compiled
    # too (see compile_checkout) rather than recompiled from source at every start.
    dropped = ("GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY", "PYTHONDONTWRITEBYTECODE")
    env = {k: v for k, v in os.environ.items() if k not in dropped}
    env["PYTHONPATH"] = str(TREE / "src")  # this checkout, whatever is installed
    return env


# The options of `coscore check`, declared the same way, in a command that does nothing.
TYPER_ALONE = """
from enum import Enum
from typing import Annotated, Optional

import pydantic, ruamel.yaml  # noqa: E401,F401  the floor's imports
import typer

app = typer.Typer(add_completion=False, pretty_exceptions_enable=False, rich_markup_mode=None)


class Format(str, Enum):
FORMAT_MEMBERS


@app.callback()
def root() -> None:
    "The group, as coscore has one."


@app.command()
def check(
    paths: Annotated[Optional[list[str]], typer.Argument()] = None,
    config: Annotated[Optional[str], typer.Option("--config")] = None,
    format: Annotated[Format, typer.Option("--format", "-f")] = Format.auto,
    rubric: Annotated[Optional[str], typer.Option("--rubric")] = None,
    fail_under: Annotated[Optional[int], typer.Option("--fail-under", min=0, max=100)] = None,
    minimum: Annotated[Optional[list[str]], typer.Option("--minimum")] = None,
    fail_on: Annotated[Optional[list[str]], typer.Option("--fail-on")] = None,
    evidence_max_age: Annotated[Optional[int], typer.Option("--evidence-max-age", min=1)] = None,
    baseline: Annotated[Optional[str], typer.Option("--baseline")] = None,
    compare: Annotated[Optional[str], typer.Option("--compare")] = None,
    output: Annotated[Optional[str], typer.Option("--output", "-o")] = None,
    skip_other_files: Annotated[bool, typer.Option("--skip-other-files")] = False,
    allow_outside_repo: Annotated[bool, typer.Option("--allow-outside-repo")] = False,
) -> None:
    "Parse the options and do nothing."


app()
"""


def typer_alone(folder: Path) -> Path:
    """Write the typer-alone script, after checking it still has exactly coscore check's options."""
    import inspect

    sys.path.insert(0, str(TREE / "src"))
    from coscore.cli.check import check
    from coscore.render.formats import CheckFormat

    source = TYPER_ALONE.replace("FORMAT_MEMBERS", "\n".join(f"    {m.name} = {m.value!r}" for m in CheckFormat))
    namespace: dict = {}
    exec(source.replace("app()\n", ""), namespace)  # define, do not run
    ours = list(inspect.signature(check).parameters)
    theirs = list(inspect.signature(namespace["check"]).parameters)
    if ours != theirs:
        raise SystemExit(f"benchmarks/check_speed.py: TYPER_ALONE has options {theirs}, coscore check has {ours}; bring it up to date")
    script = folder / "typer_alone.py"
    script.write_text(source)
    return script


def compile_checkout(env: dict) -> None:
    """Compile this checkout's bytecode once, as `pip install` does for every installed package."""
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(TREE / "src" / "coscore")], env=env, check=True)


def run_once(command: list[str], cwd: Path, env: dict) -> tuple[float, float, int]:
    """(wall seconds, CPU seconds of the child, exit code). CPU time is less disturbed by a busy machine."""
    start = time.perf_counter()
    child = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    return wall, usage.ru_utime + usage.ru_stime, child.returncode


def race(contenders: dict[str, list[str]], rounds: int, cwd: Path, env: dict) -> dict[str, tuple[list[float], list[float], int]]:
    """Run every contender ``rounds`` times, interleaved; returns wall times, CPU times and the last exit code."""
    wall: dict[str, list[float]] = {name: [] for name in contenders}
    cpu: dict[str, list[float]] = {name: [] for name in contenders}
    codes: dict[str, int] = {}
    for name, command in contenders.items():  # warm the file cache and .pyc files
        run_once(command, cwd, env)
    for _ in range(rounds):
        for name, command in contenders.items():
            seconds, cpu_seconds, codes[name] = run_once(command, cwd, env)
            wall[name].append(seconds)
            cpu[name].append(cpu_seconds)
    return {name: (wall[name], cpu[name], codes[name]) for name in contenders}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--example", default="examples/peer-led.yaml" if (TREE / "examples/peer-led.yaml").exists() else "examples/starter.yaml")
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--scale-rounds", type=int, default=3)
    args = parser.parse_args()

    ensure("yamllint", "yamllint")
    env = coscore_env()
    compile_checkout(env)
    example = TREE / args.example
    coscore = [sys.executable, "-m", "coscore", "check", "--format", "parsable", "--config", os.devnull]
    yamllint = [sys.executable, "-m", "yamllint"]
    verdicts = []

    def verdict(label: str, ratio: float, target: float) -> str:
        met = ratio <= target
        verdicts.append(met)
        return f"  {label:34s} {ratio:5.2f}x median  (target <= {target}x: {'met' if met else 'NOT met'})"

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        one = folder / "project.yaml"
        shutil.copy(example, one)
        # an empty configuration: the same policy wherever the benchmark is run from
        empty_config = folder / "coscore.yaml"
        empty_config.write_text("{}\n")
        coscore[-1] = str(empty_config)

        from importlib.metadata import version

        stack = ", ".join(f"{name} {version(name)}" for name in ("typer", "pydantic", "ruamel.yaml", "yamllint"))
        print(f"python {sys.version.split()[0]}; {stack}; example {args.example}")
        print(f"(a) one file, best and median of {args.rounds} interleaved runs")
        contenders = {
            "coscore check": coscore + [str(one)],
            "yamllint": yamllint + [str(one)],
            "typer alone": [sys.executable, str(typer_alone(folder)), "check", "--format", "parsable", "--config", str(empty_config), str(one)],
            "floor": [sys.executable, "-c", "import typer, pydantic, ruamel.yaml"],
        }
        results = race(contenders, args.rounds, folder, env)
        median = {name: statistics.median(wall) for name, (wall, _, _) in results.items()}
        for name, (wall, cpu, code) in results.items():
            print(f"  {name:18s} wall best {min(wall) * 1000:7.1f} ms, median {median[name] * 1000:7.1f} ms;  CPU best {min(cpu) * 1000:7.1f} ms;  exit {code}")
        for peer, target in ONE_FILE_TARGETS.items():
            print(verdict(f"coscore check / {peer}", median["coscore check"] / median[peer], target))
        print(f"  for information: coscore check / floor {median['coscore check'] / median['floor']:5.2f}x median (the floor: python importing typer, pydantic and ruamel.yaml)")

        print(f"(b) many files in one call, best and median of {args.scale_rounds} interleaved runs")
        copies = folder / "many"
        copies.mkdir()
        paths = []
        for i in range(1000):
            path = copies / f"project-{i:04d}.yaml"
            shutil.copy(example, path)
            paths.append(str(path))
        scale = {}
        for count in (1, 100, 1000):
            runs = race({f"coscore check, {count} files": coscore + paths[:count], **({"yamllint, 1000 files": yamllint + paths} if count == 1000 else {})}, args.scale_rounds, folder, env)
            for name, (wall, cpu, code) in runs.items():
                print(f"  {name:26s} wall best {min(wall):6.2f} s, median {statistics.median(wall):6.2f} s ({statistics.median(wall) / count * 1000:6.1f} ms a file);  exit {code}")
            scale[count] = statistics.median(runs[f"coscore check, {count} files"][0])
            if count == 1000:
                print(verdict("coscore check / yamllint, 1000 files", scale[1000] / statistics.median(runs["yamllint, 1000 files"][0]), MANY_FILES_TARGET))
        early = (scale[100] - scale[1]) / 99
        late = (scale[1000] - scale[100]) / 900
        print(f"  cost of each extra file: {early * 1000:.1f} ms from 1 to 100, {late * 1000:.1f} ms from 100 to 1,000 (ratio {late / early:.2f}; 1.00 is linear)")
    print("all targets met" if all(verdicts) else "some targets NOT met")


if __name__ == "__main__":
    main()
