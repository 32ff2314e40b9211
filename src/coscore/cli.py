"""The coscore command line: parse options, call the service, print, exit.

Exit codes: 0 success, 1 the policy failed, 2 usage, configuration or input error.
Heavy modules (rich tables, jinja2, renderers) are imported inside commands.

No ``from __future__ import annotations`` here: typer reads every command's
annotations at each start, and evaluating them once at import is about 15 ms
faster than having typer compile and evaluate them as strings.
"""

import sys
from enum import Enum
from typing import TYPE_CHECKING, Annotated, Optional

import typer

if TYPE_CHECKING:  # for annotations in quotes only; commands import what they use
    from pathlib import Path

from coscore.errors import InputProblems

app = typer.Typer(
    name="coscore",
    help="Check whether a project is really co-produced with the people it serves.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
rubric_app = typer.Typer(help="List, show and check rubrics.", no_args_is_help=True)
app.add_typer(rubric_app, name="rubric")

EXIT_OK, EXIT_POLICY, EXIT_INPUT = 0, 1, 2

RubricOption = Annotated[
    Optional[str],
    typer.Option("--rubric", help="A packaged rubric id (see 'coscore rubric list') or a path to a rubric file.", metavar="ID|PATH"),
]
AgeOption = Annotated[
    Optional[int],
    typer.Option("--evidence-max-age", min=1, help="Months after which evidence counts as stale (default: the rubric's, usually 24).", metavar="MONTHS"),
]


# Options for ratings from many people (issue 6), used by score and report.
ResponsesOption = Annotated[
    Optional[list[str]],
    typer.Option(
        "--responses",
        help="A response file, or a folder of them, with one person's ratings each. Repeat for more.",
        metavar="PATH",
    ),
]
MinGroupOption = Annotated[
    int,
    typer.Option(
        "--min-group-size",
        min=1,
        help="Show only a count, not ratings, for perspectives with fewer people than this rating a dimension.",
        metavar="N",
    ),
]


class ScoreFormat(str, Enum):
    terminal = "terminal"
    json = "json"


def _version(value: bool) -> None:
    if value:
        from coscore import __version__

        typer.echo(f"coscore {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    ctx: typer.Context,
    version: Annotated[Optional[bool], typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")] = None,
) -> None:
    """Check whether a project is really co-produced with the people it serves."""
    if ctx.invoked_subcommand != "check":
        import gc

        gc.enable()  # see main(); `check` turns the collector back on itself, once it has started


def fail_with(problems: InputProblems) -> None:
    """Print every diagnostic as path:line:col: message and exit 2."""
    for d in problems.diagnostics:
        typer.echo(str(d), err=True)
    raise typer.Exit(EXIT_INPUT)


def _stdout_is_terminal() -> bool:
    return sys.stdout.isatty()


@app.command()
def score(
    file: Annotated[str, typer.Argument(help="The project file (YAML).", metavar="FILE")],
    rubric: RubricOption = None,
    format: Annotated[ScoreFormat, typer.Option("--format", "-f", help="terminal (for people) or json (for scripts).")] = ScoreFormat.terminal,
    evidence_max_age: AgeOption = None,
    responses: ResponsesOption = None,
    min_group_size: MinGroupOption = 3,
) -> None:
    """Score a project file against a rubric and show the result."""
    from coscore import service

    try:
        loaded_rubric = service.load_rubric(rubric)
        assessment = service.assess_with_responses(
            file, loaded_rubric, responses or (), max_age_months=evidence_max_age, min_group_size=min_group_size
        )
    except InputProblems as problems:
        fail_with(problems)
    if format is ScoreFormat.json:
        from coscore.render.json_format import render_json

        typer.echo(render_json(assessment), nl=False)
    else:
        from coscore.render.terminal import render_terminal

        typer.echo(render_terminal(assessment, color=_stdout_is_terminal()), nl=False)


@app.command()
def explain(
    target: Annotated[str, typer.Argument(help="A project file, or the id of a dimension, red flag or fact to describe.", metavar="FILE|ID")],
    dimension_id: Annotated[Optional[str], typer.Argument(help="Only explain this dimension.", metavar="DIMENSION_ID")] = None,
    rubric: RubricOption = None,
    evidence_max_age: AgeOption = None,
) -> None:
    """Show which facts and conditions gave each dimension its level, and what would raise it."""
    from pathlib import Path

    from coscore import service

    try:
        loaded_rubric = service.load_rubric(rubric)
        if not Path(target).exists() and not target.endswith((".yaml", ".yml")):
            from coscore.render.rubric_text import describe_id

            text = describe_id(loaded_rubric, target)
            if text is None:
                text = _describe_lint_rule(target)  # a lint rule id (issue 5)
            if text is None:
                typer.echo(f"coscore: '{target}' is neither a file nor a dimension, red flag, fact or lint rule id of rubric {loaded_rubric.id}", err=True)
                raise typer.Exit(EXIT_INPUT)
            typer.echo(text, nl=False)
            return
        assessment = service.assess_file(target, loaded_rubric, max_age_months=evidence_max_age)
    except InputProblems as problems:
        fail_with(problems)
    if dimension_id is not None and loaded_rubric.dimension(dimension_id) is None:
        known = ", ".join(d.id for d in loaded_rubric.dimensions)
        typer.echo(f"coscore: no dimension '{dimension_id}' in rubric {loaded_rubric.id}; use one of: {known}", err=True)
        raise typer.Exit(EXIT_INPUT)
    from coscore.render.explain import render_explain

    typer.echo(render_explain(assessment, dimension_id), nl=False)


@rubric_app.command("list")
def rubric_list() -> None:
    """List the rubrics that come with coscore."""
    from coscore import catalog, service

    for rubric_id in catalog.packaged_rubrics():
        try:
            r = service.load_rubric(rubric_id)
            typer.echo(f"{r.id}  {r.version}  {r.title} ({len(r.dimensions)} dimensions)")
        except InputProblems as problems:
            fail_with(problems)


@rubric_app.command("show")
def rubric_show(rubric_ref: Annotated[str, typer.Argument(help="A packaged rubric id or a path.", metavar="ID|PATH")]) -> None:
    """Show a rubric: its dimensions, levels, conditions and red flags."""
    from coscore import service
    from coscore.render.rubric_text import render_rubric

    try:
        r = service.load_rubric(rubric_ref)
    except InputProblems as problems:
        fail_with(problems)
    typer.echo(render_rubric(r), nl=False)


@rubric_app.command("validate")
def rubric_validate(paths: Annotated[list[str], typer.Argument(help="Rubric files to check.", metavar="PATH...")]) -> None:
    """Check custom rubric files; print path:line:col for every problem."""
    from coscore import service

    failed = False
    for path in paths:
        try:
            r = service.load_rubric(path if ("/" in path or path.endswith((".yaml", ".yml"))) else f"./{path}")
            typer.echo(f"{path}: ok ({r.id} {r.version}, {len(r.dimensions)} dimensions, {len(r.red_flags)} red flags)")
        except InputProblems as problems:
            failed = True
            for d in problems.diagnostics:
                typer.echo(str(d), err=True)
    if failed:
        raise typer.Exit(EXIT_INPUT)


@rubric_app.command("facts")
def rubric_facts() -> None:
    """List the facts a rubric's conditions can use."""
    from coscore.facts import FACTS

    for spec in FACTS.values():
        typer.echo(f"{spec.name} ({spec.kind}): {spec.description}")


# --- coscore check and coscore baseline (issue 8) ------------------------------------------
# Runs in pre-commit on every commit: everything beyond typer is imported inside the commands,
# and only the renderer for the chosen format is imported.


class CheckFormat(str, Enum):
    auto = "auto"
    terminal = "terminal"
    parsable = "parsable"
    json = "json"
    sarif = "sarif"
    github = "github"
    junit = "junit"


ConfigOption = Annotated[
    Optional[str],
    typer.Option("--config", help="Use this configuration file instead of searching for .coscore.yaml or pyproject.toml.", metavar="PATH"),
]
CheckPaths = Annotated[
    Optional[list[str]],
    typer.Argument(help="Project files, strategy documents or folders (default: the files the configuration names).", metavar="PATHS", show_default=False),
]


def _load_check_config(config: Optional[str], rubric: Optional[str], evidence_max_age: Optional[int], **flags):
    """The configuration file (found or named), with command-line flags laid over it."""
    from pathlib import Path

    from coscore.config import load_config

    cwd = Path.cwd()
    try:
        loaded = load_config(config, cwd=cwd)
    except InputProblems as problems:
        fail_with(problems)
    update: dict = {}
    if rubric is not None:
        update["rubric"] = rubric
    if evidence_max_age is not None:
        update["evidence_max_age_months"] = evidence_max_age
    for key, value in flags.items():
        if value is not None:
            update[key] = value
    if update:
        loaded = loaded._replace(config=loaded.config.model_copy(update=update))
    return loaded, cwd


def _parse_minimums(values: Optional[list[str]], current) -> object:
    if not values:
        return None
    dimensions = dict(current.dimensions)
    for value in values:
        name, _, number = value.partition("=")
        if not name or not number.strip().isdigit() or not 0 <= int(number) <= 100:
            typer.echo(f"coscore: --minimum {value!r}: write DIMENSION=SCORE with a score from 0 to 100, for example share-power=50", err=True)
            raise typer.Exit(EXIT_INPUT)
        dimensions[name.strip()] = int(number)
    return current.model_copy(update={"dimensions": dimensions})


def _auto_format() -> CheckFormat:
    import os

    if os.environ.get("GITHUB_ACTIONS") == "true":
        return CheckFormat.github
    return CheckFormat.terminal if _stdout_is_terminal() else CheckFormat.parsable


def _render_check(report, fmt: CheckFormat, *, to_screen: bool = True) -> str:
    if fmt is CheckFormat.parsable:
        from coscore.render.check_text import render_parsable

        return render_parsable(report)
    if fmt is CheckFormat.terminal:
        import os

        from coscore.render.check_text import render_terminal

        return render_terminal(report, color=to_screen and _stdout_is_terminal() and "NO_COLOR" not in os.environ)
    if fmt is CheckFormat.json:
        from coscore.render.check_json import render_check_json

        return render_check_json(report)
    if fmt is CheckFormat.sarif:
        from coscore.render.sarif import render_sarif

        return render_sarif(report)
    if fmt is CheckFormat.junit:
        from coscore.render.junit import render_junit

        return render_junit(report)
    from coscore.render.github import render_annotations

    return render_annotations(report)


@app.command()
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
    output: Annotated[Optional[str], typer.Option("--output", "-o", help="Write the report to this file instead of the screen.", metavar="FILE")] = None,
    skip_other_files: Annotated[bool, typer.Option("--skip-other-files", help="Skip named files that are neither project files (YAML with a top-level 'coscore:', or matching 'projects') nor documents matching 'documents'; for pre-commit.")] = False,
) -> None:
    """Check project files (and strategy documents) against the repository's policy.

    Exit code 0: the policy passed. 1: it failed. 2: a usage, configuration or input error.
    """
    loaded, cwd = _load_check_config(config, rubric, evidence_max_age, fail_on=tuple(fail_on) if fail_on else None)
    under = loaded.config.fail_under
    if fail_under is not None:
        under = under.model_copy(update={"overall": fail_under})
    under = _parse_minimums(minimum, under) or under
    if under is not loaded.config.fail_under:
        loaded = loaded._replace(config=loaded.config.model_copy(update={"fail_under": under}))
    import gc

    from coscore import service

    # what start-up built (pydantic schemas, models) lives to the end: stop the collector
    # rescanning it for every file (about a quarter less time per file on 1,000 files),
    # then turn it back on (main() turned it off for start-up)
    gc.freeze()
    gc.enable()
    report = service.run_check(
        list(paths or []),
        loaded,
        cwd,
        skip_other_files=skip_other_files,
        baseline=baseline if baseline is not None else loaded.config.baseline,
        compare_with=compare,
    )
    fmt = _auto_format() if format is CheckFormat.auto else format
    text = _render_check(report, fmt, to_screen=not output)
    if fmt is CheckFormat.github:
        import os

        summary = os.environ.get("GITHUB_STEP_SUMMARY")
        if summary:
            from coscore.render.github import render_summary

            try:
                service.append_text(summary, render_summary(report))
            except InputProblems as problems:
                fail_with(problems)
    if output:
        try:
            service.write_atomic(output, text, protect=tuple(paths or ()))
        except InputProblems as problems:
            fail_with(problems)
    else:
        typer.echo(text, nl=False)
    if fmt not in (CheckFormat.terminal, CheckFormat.github) or output:
        # the terminal and github outputs show these already; the others keep stdout machine-readable
        for d in report.problems:
            typer.echo(str(d), err=True)
    raise typer.Exit(report.exit_code)


@app.command()
def baseline(
    paths: CheckPaths = None,
    output: Annotated[str, typer.Option("--output", "-o", help="Where to write the baseline.", metavar="FILE")] = ".coscore-baseline.json",
    config: ConfigOption = None,
    rubric: RubricOption = None,
    evidence_max_age: AgeOption = None,
) -> None:
    """Record today's findings so that 'coscore check --baseline FILE' fails only on new ones."""
    loaded, cwd = _load_check_config(config, rubric, evidence_max_age)
    from coscore import service

    report = service.run_check(list(paths or []), loaded, cwd)
    if report.problems:
        fail_with(InputProblems(list(report.problems)))
    try:
        service.write_atomic(output, service.baseline_text([f for f in report.findings if not f.suppressed]), protect=tuple(paths or ()))
    except InputProblems as problems:
        fail_with(problems)
    typer.echo(f"coscore: recorded {len(report.findings)} finding(s) from {len(report.files)} file(s) in {output}", err=True)


# --- Responses from many people, history and portfolios (issue 6) ----------------------

responses_app = typer.Typer(help="Ratings from many people: make and check response files.", no_args_is_help=True)
app.add_typer(responses_app, name="responses")


@responses_app.command("template")
def responses_template(
    rubric: RubricOption = None,
    output: Annotated[Optional[str], typer.Option("--output", "-o", help="Write the template to this file instead of the screen.", metavar="PATH")] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace the --output file if it already exists.")] = False,
) -> None:
    """Write a blank, commented response file for one person to fill in."""
    from coscore import service
    from coscore.render.responses_template import response_template

    try:
        text = response_template(service.load_rubric(rubric))
        if output is None:
            typer.echo(text, nl=False)
            return
        from pathlib import Path

        if Path(output).exists() and not force:
            typer.echo(f"{output}:1:1: the file already exists (choose another --output path, or add --force to replace it)", err=True)
            raise typer.Exit(EXIT_INPUT)
        service.write_atomic(output, text)
    except InputProblems as problems:
        fail_with(problems)
    typer.echo(f"Wrote {output}. Give one copy to each person, then run: coscore score PROJECT.yaml --responses FOLDER", err=True)


@responses_app.command("validate")
def responses_validate(
    paths: Annotated[list[str], typer.Argument(help="Response files, or folders of them.", metavar="PATH...")],
    rubric: RubricOption = None,
) -> None:
    """Check response files against a rubric; print path:line:col for every problem."""
    from coscore import service

    try:
        loaded = service.load_responses(paths, service.load_rubric(rubric))
    except InputProblems as problems:
        fail_with(problems)
    for item in loaded:
        rated = sum(1 for r in item.response.ratings if r.level is not None)
        typer.echo(f"{item.path}: ok ({item.response.respondent.role.value}, {rated} dimensions rated)")


class TrendFormat(str, Enum):
    terminal = "terminal"
    json = "json"


@app.command()
def history(
    file: Annotated[str, typer.Argument(help="A project file kept in a git repository.", metavar="FILE")],
    rubric: RubricOption = None,
    format: Annotated[TrendFormat, typer.Option("--format", "-f", help="terminal (for people) or json (for scripts).")] = TrendFormat.terminal,
    limit: Annotated[int, typer.Option("--limit", min=1, help="Show at most this many of the latest versions.", metavar="N")] = 20,
) -> None:
    """Score every committed version of a project file and show the trend per dimension.

    Reads earlier versions from git (the file's log, following renames). Uncommitted
    changes appear as a last 'working copy' version. Exit 2 if the file is not in git.
    """
    from coscore import service

    try:
        result = service.file_history(file, service.load_rubric(rubric), limit=limit)
    except InputProblems as problems:
        fail_with(problems)
    if format is TrendFormat.json:
        from coscore.render.history import render_history_json

        typer.echo(render_history_json(result), nl=False)
        return
    if result.total_versions == 0:
        typer.echo(f"{file} has no history yet: it has never been committed to git. Commit it (git add {file}, then git commit) and run this again after the next change.")
        return
    from coscore.render.history import render_history_terminal

    typer.echo(render_history_terminal(result, color=_stdout_is_terminal()), nl=False)


@app.command()
def compare(
    old: Annotated[str, typer.Argument(help="The earlier project file (.yaml) or saved result (.json from 'coscore score --format json').", metavar="OLD")],
    new: Annotated[str, typer.Argument(help="The later project file or saved result.", metavar="NEW")],
    rubric: RubricOption = None,
    format: Annotated[TrendFormat, typer.Option("--format", "-f", help="terminal (for people) or json (for scripts).")] = TrendFormat.terminal,
) -> None:
    """Compare two project files, or two saved JSON results: score, levels and red flags."""
    from coscore import service
    from coscore.trends import compare as compare_snapshots

    try:
        loaded_rubric = service.load_rubric(rubric)
        problems = []
        snapshots = []
        for path in (old, new):
            try:
                snapshots.append(service.load_snapshot(path, loaded_rubric))
            except InputProblems as exc:
                problems.extend(exc.diagnostics)
        if problems:
            raise InputProblems(problems)
    except InputProblems as problems:
        fail_with(problems)
    comparison = compare_snapshots(*snapshots)
    if format is TrendFormat.json:
        from coscore.render.history import render_comparison_json

        typer.echo(render_comparison_json(comparison), nl=False)
    else:
        from coscore.render.history import render_comparison_terminal

        typer.echo(render_comparison_terminal(comparison, color=_stdout_is_terminal()), nl=False)


class PortfolioFormat(str, Enum):
    terminal = "terminal"
    markdown = "markdown"
    html = "html"
    json = "json"


@app.command()
def portfolio(
    paths: Annotated[list[str], typer.Argument(help="Project files, or folders of them.", metavar="PATHS...")],
    rubric: RubricOption = None,
    format: Annotated[PortfolioFormat, typer.Option("--format", "-f", help="terminal, markdown, html or json.")] = PortfolioFormat.terminal,
    output: Annotated[Optional[str], typer.Option("--output", "-o", help="Write to this file instead of the screen ('-' for the screen).", metavar="PATH")] = None,
) -> None:
    """Many projects on one page, for funders and boards.

    One row per project (overall score, ladder rung, red flags, weakest dimension),
    how many projects reach each level of each dimension, and the most common red
    flags. Files with errors are listed with their errors. Exit 0 when every file
    was scored, 2 when any file had input errors (the rest are still shown).
    """
    from coscore import service
    from coscore.render import portfolio as render

    try:
        result = service.portfolio(paths, service.load_rubric(rubric))
        text = {
            PortfolioFormat.terminal: lambda: render.render_portfolio_terminal(result, color=_stdout_is_terminal() and output in (None, "-")),
            PortfolioFormat.markdown: lambda: render.render_portfolio_markdown(result),
            PortfolioFormat.html: lambda: render.render_portfolio_html(result),
            PortfolioFormat.json: lambda: render.render_portfolio_json(result),
        }[format]()
        if output in (None, "-"):
            typer.echo(text, nl=False)
        else:
            service.write_atomic(output, text, protect=tuple(service.expand_paths(paths)))
    except InputProblems as problems:
        fail_with(problems)
    if result.problems:
        if format is not PortfolioFormat.terminal or output not in (None, "-"):
            for e in result.problems:
                for problem in e.problems:
                    typer.echo(problem, err=True)
        raise typer.Exit(EXIT_INPUT)


# --- Authoring: coscore init and coscore schema (issue 7) ------------------------------


def _schema_reference(project_path: "Path", schema: Optional[str]) -> "tuple[str, Optional[Path]]":
    """(what the '$schema=' line says, where to write the schema file or None for a URL)."""
    import os
    from pathlib import Path

    from coscore.authoring import SCHEMA_FILE_NAME

    if schema and schema.startswith(("http://", "https://")):
        return schema, None
    schema_path = Path(schema) if schema else project_path.parent / SCHEMA_FILE_NAME
    reference = os.path.relpath(os.path.abspath(schema_path), os.path.abspath(project_path.parent or "."))
    return Path(reference).as_posix(), schema_path


@app.command()
def init(
    path: Annotated[str, typer.Argument(help="Where to write the project file (a folder means coscore.yaml inside it).", metavar="[PATH]")] = "coscore.yaml",
    defaults: Annotated[bool, typer.Option("--defaults", help="Write the file without asking questions (for scripts).")] = False,
    force: Annotated[bool, typer.Option("--force", help="Replace the project file (and schema file) if they already exist.")] = False,
    schema: Annotated[
        Optional[str],
        typer.Option("--schema", help="Where to write the JSON Schema editors use, or an http(s) address to point at instead (default: coscore.schema.json beside the project file).", metavar="PATH|URL"),
    ] = None,
) -> None:
    """Answer a few plain questions and get a commented project file to fill in."""
    import datetime as dt
    from pathlib import Path

    from coscore import authoring, service
    from coscore.schema import SchemaKind, render_schema

    target = Path(path)
    if target.is_dir():
        target = target / authoring.PROJECT_FILE_NAME
    reference, schema_path = _schema_reference(target, schema)
    schema_text = render_schema(SchemaKind.project)
    try:
        # refuse before asking anything, so nobody answers questions for nothing
        service.refuse_existing(target, force=force, what="project file")
        if schema_path is not None and not service._same_text(schema_path, schema_text):
            service.refuse_existing(schema_path, force=force, what="schema file")
        if defaults:
            answers = authoring.ProjectAnswers()
        else:
            from coscore.interview import ask_project_answers

            try:
                answers = ask_project_answers(dt.date.today())
            except typer.Abort:
                typer.echo("\ncoscore: stopped before the last question, so nothing was written (use --defaults to write the file without questions)", err=True)
                raise typer.Exit(EXIT_INPUT)
        text = authoring.project_yaml(answers, schema_ref=reference, shown_path=str(target))
        written = service.create_project_file(target, text, force=force, schema_path=schema_path, schema_text=schema_text)
    except InputProblems as problems:
        fail_with(problems)
    for name in written:
        typer.echo(f"wrote {name}")
    typer.echo(f"Next: fill in what you know, then run: coscore score {target}")


@app.command("schema")
def schema_command(
    output: Annotated[Optional[str], typer.Option("--output", "-o", help="Write the schema to this file instead of printing it.", metavar="PATH")] = None,
    rubric_schema: Annotated[bool, typer.Option("--rubric-schema", help="The schema for rubric files instead of project files.")] = False,
    force: Annotated[bool, typer.Option("--force", help="Replace PATH even if it is not a JSON Schema file.")] = False,
) -> None:
    """Print the JSON Schema (draft-07) editors use for completion and checking as you type."""
    from coscore import service
    from coscore.schema import SchemaKind, render_schema

    text = render_schema(SchemaKind.rubric if rubric_schema else SchemaKind.project)
    if output is None:
        typer.echo(text, nl=False)
        return
    try:
        changed = service.write_schema_file(output, text, force=force, replace_schema=True)
    except InputProblems as problems:
        fail_with(problems)
    typer.echo(f"wrote {output}" if changed else f"{output} is already up to date", err=True)


# --- reports (issue 4): `coscore report` -------------------------------------------------

from coscore.render.report import ReportFormat  # noqa: E402  (an Enum only; jinja2 loads at render time)


@app.command()
def report(
    file: Annotated[str, typer.Argument(help="The project file (YAML).", metavar="FILE")],
    format: Annotated[ReportFormat, typer.Option("--format", "-f", help="markdown (for GitHub, GitLab or a plain-text email) or html (one page to open in a browser or print).")],
    rubric: RubricOption = None,
    output: Annotated[str, typer.Option("--output", "-o", help="Where to write the report; '-' (the default) prints it. Never the project file itself.", metavar="PATH|-")] = "-",
    redact: Annotated[bool, typer.Option("--redact", help="Replace people's names with their role (for example [staff member]).")] = False,
    evidence_max_age: AgeOption = None,
    responses: ResponsesOption = None,
    min_group_size: MinGroupOption = 3,
    history: Annotated[bool, typer.Option("--history", help="Add how the score changed across the file's saved versions in git (exit 2 if the file is not in git).")] = False,
) -> None:
    """Write a report people can read: summary, red flags, dimensions, next steps."""
    from pathlib import Path

    from coscore import service
    from coscore.render.report import render_report

    try:
        loaded_rubric = service.load_rubric(rubric)
        model = service.report_file(
            file, loaded_rubric, responses or (), rubric_ref=rubric, redact=redact, max_age_months=evidence_max_age, min_group_size=min_group_size
        )
        if history:
            model = model.model_copy(update={"history": service.file_history(file, loaded_rubric)})
        text = render_report(model, format)
        if output == "-":
            typer.echo(text, nl=False)
            return
        # Every file this run read is an input: the project, the response files, a rubric file.
        inputs = (file, *service.expand_paths(responses or ()), *([rubric] if rubric and Path(rubric).is_file() else []))
        service.write_atomic(output, text, protect=inputs)
    except InputProblems as problems:
        fail_with(problems)
    except OSError as exc:
        typer.echo(f"{output}: the report could not be written: {exc.strerror or exc} (check the folder exists and you may write to it)", err=True)
        raise typer.Exit(EXIT_INPUT)
    typer.echo(f"Wrote the {format.value} report for {model.project_name} to {output}", err=True)


# --- Linting strategy documents (issue 5) ---------------------------------------------------


class LintFormat(str, Enum):
    terminal = "terminal"
    parsable = "parsable"
    json = "json"


class FailLevel(str, Enum):
    error = "error"
    warning = "warning"
    note = "note"
    never = "never"


def _describe_lint_rule(rule_id: str) -> str | None:
    """`coscore explain RULE_ID` for a built-in lint rule; None when no rule has that id."""
    from coscore import service
    from coscore.lint.rules import builtin_examples
    from coscore.render.lint_report import describe_rule

    compiled = service.lint_rule_set().get(rule_id)
    if compiled is None:
        return None
    return describe_rule(compiled, builtin_examples().get(rule_id))


@app.command()
def lint(
    files: Annotated[Optional[list[str]], typer.Argument(help="Markdown documents, or folders to search for .md files.", metavar="FILES...")] = None,
    format: Annotated[LintFormat, typer.Option("--format", "-f", help="terminal (for people), parsable (path:line:col lines) or json.")] = LintFormat.terminal,
    fail_level: Annotated[FailLevel, typer.Option("--fail-level", help="Exit 1 when a finding is at or above this severity (never: always exit 0 unless input is broken).")] = FailLevel.warning,
    baseline: Annotated[Optional[str], typer.Option("--baseline", help="Ignore findings recorded in this file (made with --write-baseline or 'coscore baseline').", metavar="FILE")] = None,
    write_baseline: Annotated[Optional[str], typer.Option("--write-baseline", help="Write the current findings to FILE as a baseline, then report as usual.", metavar="FILE")] = None,
    rules: Annotated[Optional[list[str]], typer.Option("--rules", help="A team rule file to add (repeat for more).", metavar="FILE")] = None,
    disable: Annotated[Optional[list[str]], typer.Option("--disable", help="Switch a rule off by id (repeat for more).", metavar="RULE_ID")] = None,
    list_rules: Annotated[bool, typer.Option("--list-rules", help="List the rules and exit.")] = False,
    enable: Annotated[Optional[list[str]], typer.Option("--enable", help="Switch on a rule that is off by default (repeat for more).", metavar="RULE_ID")] = None,
) -> None:
    """Check strategy documents (Markdown) for deficit framing, consultation called co-production,
    unbacked co-production claims, promises with no date or owner, and one-way helping language."""
    from coscore import service
    from coscore.errors import Severity
    from coscore.lint.engine import apply_baseline, fails
    from coscore.render import lint_report

    try:
        # the repository's configuration adds its rule files, switches and accepted vocabulary
        from pathlib import Path

        from coscore.config import load_config

        loaded = load_config(None, cwd=Path.cwd())
        settings = loaded.config.lint
        rule_set = service.lint_rule_set(
            (*settings.rule_files, *(rules or ())),
            (*settings.disable, *(disable or ())),
            enabled=(*settings.enable, *(enable or ())),
            vocabulary=settings.vocabulary,
            settings_locate=service.lint_settings_locator(loaded),
        )
        if list_rules:
            typer.echo(lint_report.render_rule_list(rule_set), nl=False)
            return
        if not files:
            typer.echo("coscore lint: give one or more Markdown files or folders, for example: coscore lint examples/strategy.md", err=True)
            raise typer.Exit(EXIT_INPUT)
        known = service.read_baseline(baseline) if baseline else frozenset()
        result = service.lint_strategy_documents(files, rules=rule_set)
        if write_baseline:
            # the same file format as 'coscore baseline', so either command can read it
            service.write_atomic(write_baseline, service.baseline_text(result.active), protect=tuple(result.files))
    except InputProblems as problems:
        fail_with(problems)
    result = apply_baseline(result, known)
    if format is LintFormat.json:
        typer.echo(lint_report.render_lint_json(result), nl=False)
    elif format is LintFormat.parsable:
        typer.echo(lint_report.render_lint_parsable(result), nl=False)
    else:
        typer.echo(lint_report.render_lint_terminal(result, rule_set, color=_stdout_is_terminal()), nl=False)
    if result.diagnostics:
        for d in result.diagnostics:
            typer.echo(str(d), err=True)
        raise typer.Exit(EXIT_INPUT)
    level = None if fail_level is FailLevel.never else Severity(fail_level.value)
    if fails(result, level):
        raise typer.Exit(EXIT_POLICY)


def main() -> None:
    """Entry point for the console script."""
    import gc

    # Start-up (typer's command tree, pydantic's validators) makes many objects that live to
    # the end, and the collector would keep rescanning them: about 10 ms of every `coscore check`.
    gc.disable()
    app()
