"""How fast is `coscore check`? Times it against named peers, all in this one run.

(a) One project file: `coscore check` against
    - the floor set by coscore's required stack: python -c "import typer, pydantic, ruamel.yaml"
    - yamllint on the same file
    - check-jsonschema validating the same file with coscore's own JSON Schema
    and, for information, two references that show where the floor's time goes:
    "floor + BaseModel", the floor plus `from pydantic import BaseModel` (the model
    machinery any pydantic-validated input needs, which a bare `import pydantic`
    leaves unloaded), and "typer alone": a typer command with the same options as
    `coscore check` and an empty body, run with the same arguments. It shows what the
    command-line layer costs before coscore does anything: recent typer releases
    (0.29 here) coerce every option through a pydantic TypeAdapter, which imports
    pydantic's model machinery and builds a validator per option, none of which
    the floor's bare imports pay for.
(b) `coscore check` on 1, 100 and 1,000 copies of the file in one call: is the
    growth linear, and does the per-file cost (not start-up) dominate at 1,000?

yamllint and check-jsonschema are installed with pip if missing; they are not
coscore dependencies. Each command is run several times, interleaved so that a
busy machine slows all of them alike; the best and the median are shown, and
the ratios use the best (the usual way to time a command on a shared machine).
coscore's bytecode is compiled first, as pip does when it installs a package;
without that (this sandbox sets PYTHONDONTWRITEBYTECODE) coscore alone would
recompile its source at every run, about 40 ms the installed peers never pay.

    python benchmarks/check_speed.py [--example examples/peer-led.yaml] [--rounds 7]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TREE = Path(__file__).resolve().parents[1]
TARGETS = {"floor": 1.2, "yamllint": 1.5, "check-jsonschema": 0.5}


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
) -> None:
    "Parse the options and do nothing."


app()
"""


def typer_alone(folder: Path) -> Path:
    """Write the typer-alone script, after checking it still has exactly coscore check's options."""
    import inspect

    sys.path.insert(0, str(TREE / "src"))
    from coscore.cli import CheckFormat, check

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


def schema_file(folder: Path, env: dict) -> tuple[Path, str]:
    """coscore's JSON Schema for project files: from `coscore schema` if this version has it."""
    target = folder / "coscore-project.schema.json"
    made = subprocess.run([sys.executable, "-m", "coscore", "schema"], cwd=TREE, env=env, capture_output=True, text=True)
    if made.returncode == 0 and made.stdout.lstrip().startswith("{"):
        target.write_text(made.stdout)
        return target, "coscore schema"
    sys.path.insert(0, str(TREE / "src"))
    from coscore.models.project import ProjectFile

    target.write_text(json.dumps(ProjectFile.model_json_schema(), indent=2))
    return target, "ProjectFile.model_json_schema()"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--example", default="examples/peer-led.yaml" if (TREE / "examples/peer-led.yaml").exists() else "examples/starter.yaml")
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--scale-rounds", type=int, default=3)
    args = parser.parse_args()

    ensure("yamllint", "yamllint")
    ensure("check_jsonschema", "check-jsonschema")
    env = coscore_env()
    compile_checkout(env)
    example = TREE / args.example
    coscore = [sys.executable, "-m", "coscore", "check", "--format", "parsable", "--config", os.devnull]

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        schema, schema_source = schema_file(folder, env)
        one = folder / "project.yaml"
        shutil.copy(example, one)
        # an empty configuration: the same policy wherever the benchmark is run from
        empty_config = folder / "coscore.yaml"
        empty_config.write_text("{}\n")
        coscore[-1] = str(empty_config)

        from importlib.metadata import version

        stack = ", ".join(f"{name} {version(name)}" for name in ("typer", "pydantic", "ruamel.yaml"))
        print(f"python {sys.version.split()[0]}; {stack}; example {args.example}; schema from {schema_source}")
        print(f"(a) one file, best and median of {args.rounds} interleaved runs")
        contenders = {
            "coscore check": coscore + [str(one)],
            "floor": [sys.executable, "-c", "import typer, pydantic, ruamel.yaml"],
            "yamllint": [sys.executable, "-m", "yamllint", str(one)],
            "check-jsonschema": [sys.executable, "-m", "check_jsonschema", "--schemafile", str(schema), str(one)],
            "floor + BaseModel": [sys.executable, "-c", "import typer, pydantic, ruamel.yaml; from pydantic import BaseModel"],
            "typer alone": [sys.executable, str(typer_alone(folder)), "check", "--format", "parsable", "--config", str(empty_config), str(one)],
        }
        results = race(contenders, args.rounds, folder, env)
        best = {name: min(wall) for name, (wall, _, _) in results.items()}
        best_cpu = {name: min(cpu) for name, (_, cpu, _) in results.items()}
        for name, (wall, cpu, code) in results.items():
            print(f"  {name:18s} wall best {best[name] * 1000:7.1f} ms, median {statistics.median(wall) * 1000:7.1f} ms;  CPU best {best_cpu[name] * 1000:7.1f} ms;  exit {code}")
        for peer, target in TARGETS.items():
            ratio = best["coscore check"] / best[peer]
            median_ratio = statistics.median(results["coscore check"][0]) / statistics.median(results[peer][0])
            cpu_ratio = best_cpu["coscore check"] / best_cpu[peer]
            verdict = "met" if ratio <= target else "NOT met"
            print(f"  coscore / {peer:16s} wall {ratio:5.2f}x best, {median_ratio:5.2f}x median; CPU {cpu_ratio:5.2f}x   (target <= {target}x: {verdict})")
        print("  for information (what the targets leave room for):")
        print(f"  floor + BaseModel / floor        {best['floor + BaseModel'] / best['floor']:5.2f}x  (pydantic's model machinery alone, against the 1.2x target)")
        print(f"  typer alone / floor              {best['typer alone'] / best['floor']:5.2f}x  (the command-line layer alone, against the 1.2x target)")
        print(f"  floor / check-jsonschema         {best['floor'] / best['check-jsonschema']:5.2f}x  (the bare imports alone, against the 0.5x target)")
        print(f"  coscore check / typer alone      {best['coscore check'] / best['typer alone']:5.2f}x  (coscore's own work on top of its command-line layer)")

        print(f"(b) many files in one call, best of {args.scale_rounds}")
        copies = folder / "many"
        copies.mkdir()
        paths = []
        for i in range(1000):
            path = copies / f"project-{i:04d}.yaml"
            shutil.copy(example, path)
            paths.append(str(path))
        scale = {}
        for count in (1, 100, 1000):
            runs = [run_once(coscore + paths[:count], folder, env) for _ in range(args.scale_rounds)]
            scale[count] = min(r[0] for r in runs)
            cpu_seconds = min(r[1] for r in runs)
            print(f"  {count:5d} files  wall {scale[count]:7.2f} s ({scale[count] / count * 1000:7.1f} ms a file overall), CPU {cpu_seconds:7.2f} s")
        early = (scale[100] - scale[1]) / 99
        late = (scale[1000] - scale[100]) / 900
        print(f"  cost of each extra file: {early * 1000:.1f} ms from 1 to 100, {late * 1000:.1f} ms from 100 to 1,000 (ratio {late / early:.2f}; 1.00 is linear)")
        print(f"  at 1,000 files, per-file work is {(scale[1000] - scale[1]) / scale[1000] * 100:.0f}% of the time and start-up {scale[1] / scale[1000] * 100:.0f}%")


if __name__ == "__main__":
    main()
