"""`coscore check` and `coscore baseline`: the repository's policy, in pre-commit and CI.

`check` runs on every commit, so beyond typer only what the chosen format needs is imported.
"""

from typing import Annotated, Optional

import typer

from coscore.cli.common import EXIT_INPUT, AgeOption, AllowOutsideOption, CheckPaths, ConfigOption, RubricOption, fail_with, resume_collector, say, stdout_is_terminal
from coscore.errors import InputProblems
from coscore.render.formats import CheckFormat


def _parse_minimums(values: Optional[list[str]]) -> "tuple[dict[str, int], Optional[str]]":
    """--minimum DIMENSION=SCORE values as a dict, or the first bad value's message."""
    minimums: dict[str, int] = {}
    for value in values or ():
        name, _, number = value.partition("=")
        if not name or not number.strip().isdigit() or not 0 <= int(number) <= 100:
            return minimums, f"coscore: --minimum {value!r}: write DIMENSION=SCORE with a score from 0 to 100, for example share-power=50"
        minimums[name.strip()] = int(number)
    return minimums, None


def _auto_format() -> CheckFormat:
    """github in GitHub Actions, terminal for people, parsable for other programs."""
    import os

    if os.environ.get("GITHUB_ACTIONS") == "true":
        return CheckFormat.github
    return CheckFormat.terminal if stdout_is_terminal() else CheckFormat.parsable


def check(
    paths: CheckPaths = None,
    config: ConfigOption = None,
    format: Annotated[CheckFormat, typer.Option("--format", "-f", help="auto: github in GitHub Actions, terminal for people, parsable otherwise.")] = CheckFormat.auto,
    rubric: RubricOption = None,
    fail_under: Annotated[Optional[int], typer.Option("--fail-under", min=0, max=100, help="Fail when a project's overall score is below this (0 to 100).", metavar="SCORE")] = None,
    minimum: Annotated[Optional[list[str]], typer.Option("--minimum", help="Fail when a dimension scores below this; repeat for more dimensions.", metavar="DIMENSION=SCORE")] = None,
    fail_on: Annotated[Optional[list[str]], typer.Option("--fail-on", help="Red flag ids, or severities (error, warning), that fail the check; replaces the configuration's list. Repeat for more.", metavar="ID|SEVERITY")] = None,
    evidence_max_age: AgeOption = None,
    baseline: Annotated[Optional[str], typer.Option("--baseline", help="Fail only on findings not recorded in this file (written by 'coscore baseline').", metavar="FILE")] = None,
    compare: Annotated[Optional[str], typer.Option("--compare", help="A saved 'coscore score --format json' to compare each dimension with.", metavar="PREVIOUS.json")] = None,
    output: Annotated[Optional[str], typer.Option("--output", "-o", help="Write the report to this file instead of the screen ('-' for the screen).", metavar="FILE")] = None,
    skip_other_files: Annotated[bool, typer.Option("--skip-other-files", help="Skip named files that are neither project files (YAML with a top-level 'coscore:', or matching 'projects') nor documents matching 'documents'; for pre-commit.")] = False,
    allow_outside_repo: AllowOutsideOption = False,
) -> None:
    """Check project files (and strategy documents) against the repository's policy.

    Exit code 0: the policy passed. 1: it failed. 2: a usage, configuration or input error.
    """
    import os
    from pathlib import Path

    from coscore.workflows import check as workflow

    minimums, bad_minimum = _parse_minimums(minimum)
    cwd = Path.cwd()
    try:
        loaded = workflow.load_check_config(
            config, cwd, rubric=rubric, evidence_max_age=evidence_max_age, fail_on=tuple(fail_on) if fail_on else None, fail_under=fail_under, minimums=minimums, allow_outside_repo=allow_outside_repo
        )
    except InputProblems as problems:
        fail_with(problems)
    if bad_minimum:
        typer.echo(bad_minimum, err=True)
        raise typer.Exit(EXIT_INPUT)
    # what start-up built lives to the end: the collector need not rescan it for every file
    resume_collector(freeze_startup=True)
    report = workflow.run_check(
        list(paths or []),
        loaded,
        cwd,
        skip_other_files=skip_other_files,
        baseline=baseline if baseline is not None else loaded.config.baseline,
        compare_with=compare,
        allow_outside_repo=allow_outside_repo,
    )
    from coscore.render.formats import render_check

    fmt = _auto_format() if format is CheckFormat.auto else format
    text = render_check(report, fmt, color=output in (None, "-") and stdout_is_terminal() and "NO_COLOR" not in os.environ)
    try:
        to_file = output not in (None, "-")
        summary = os.environ.get("GITHUB_STEP_SUMMARY") if fmt is CheckFormat.github else None
        if summary or to_file:
            from coscore.io.files import append_text, check_destination, write_atomic

            inputs = workflow.named_inputs(list(paths or []), loaded, cwd)
            if summary:
                from coscore.render.github import render_summary

                check_destination(summary, protect=inputs)
                append_text(summary, render_summary(report))
            if to_file:
                write_atomic(output, text, protect=inputs)
    except InputProblems as problems:
        fail_with(problems)
    if not to_file:
        typer.echo(text, nl=False)
    if fmt not in (CheckFormat.terminal, CheckFormat.github) or to_file:
        # the terminal and github outputs show these already; the others keep stdout machine-readable
        for d in report.problems:
            typer.echo(str(d), err=True)
    if any(d.code == "no-config" for d in report.problems):
        from coscore.workflows.check import CONFIG_EXAMPLE

        typer.echo("coscore needs a .coscore.yaml like this one, which checks every project file under projects/ and fails on errors:", err=True)
        for line in CONFIG_EXAMPLE:
            typer.echo(f"  {line}", err=True)
    raise typer.Exit(report.exit_code)


def baseline(
    paths: CheckPaths = None,
    output: Annotated[str, typer.Option("--output", "-o", help="Where to write the baseline ('-' prints it).", metavar="FILE")] = ".coscore-baseline.json",
    force: Annotated[bool, typer.Option("--force", help="Replace the --output file even if it is not a baseline.")] = False,
    allow_outside_repo: AllowOutsideOption = False,
    config: ConfigOption = None,
    rubric: RubricOption = None,
    evidence_max_age: AgeOption = None,
) -> None:
    """Record today's findings so that 'coscore check --baseline FILE' fails only on new ones."""
    from pathlib import Path

    from coscore.workflows import check as workflow

    cwd = Path.cwd()
    try:
        loaded = workflow.load_check_config(config, cwd, rubric=rubric, evidence_max_age=evidence_max_age, allow_outside_repo=allow_outside_repo)
        report, text = workflow.record_baseline(list(paths or []), loaded, cwd, output, force=force, allow_outside_repo=allow_outside_repo)
    except InputProblems as problems:
        fail_with(problems)
    if text is not None:
        typer.echo(text, nl=False)
    say(f"coscore: recorded {len(report.findings)} finding(s) from {len(report.files)} file(s) in {output if output != '-' else 'standard output'}", err=True)
