"""The coscore command line: parse options, call the service, print, exit.

Exit codes: 0 success, 1 the policy failed, 2 usage, configuration or input error.
Heavy modules (rich tables, jinja2, renderers) are imported inside commands.
"""

from __future__ import annotations

import sys
from enum import Enum
from typing import Annotated, Optional

import typer

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


class ScoreFormat(str, Enum):
    terminal = "terminal"
    json = "json"


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
) -> None:
    """Score a project file against a rubric and show the result."""
    from coscore import service

    try:
        loaded_rubric = service.load_rubric(rubric)
        assessment = service.assess_file(file, loaded_rubric, max_age_months=evidence_max_age)
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
    baseline: Annotated[Optional[str], typer.Option("--baseline", help="Ignore findings listed in this file (made with --write-baseline).", metavar="FILE")] = None,
    write_baseline: Annotated[Optional[str], typer.Option("--write-baseline", help="Write the current findings to FILE as a baseline, then report as usual.", metavar="FILE")] = None,
    rules: Annotated[Optional[list[str]], typer.Option("--rules", help="A team rule file to add (repeat for more).", metavar="FILE")] = None,
    disable: Annotated[Optional[list[str]], typer.Option("--disable", help="Switch a rule off by id (repeat for more).", metavar="RULE_ID")] = None,
    list_rules: Annotated[bool, typer.Option("--list-rules", help="List the rules and exit.")] = False,
) -> None:
    """Check strategy documents (Markdown) for deficit framing, consultation called co-production,
    unbacked co-production claims, promises with no date or owner, and one-way helping language."""
    from coscore import service
    from coscore.errors import Severity
    from coscore.lint.engine import apply_baseline, fails
    from coscore.render import lint_report

    try:
        rule_set = service.lint_rule_set(rules or (), disable or ())
        if list_rules:
            typer.echo(lint_report.render_rule_list(rule_set), nl=False)
            return
        if not files:
            typer.echo("coscore lint: give one or more Markdown files or folders, for example: coscore lint examples/strategy.md", err=True)
            raise typer.Exit(EXIT_INPUT)
        known = service.load_baseline(baseline) if baseline else set()
        result = service.lint_documents(files, rules=rule_set)
        if write_baseline:
            service.write_atomic(write_baseline, lint_report.render_baseline(apply_baseline(result, known)), protect=tuple(result.files))
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
    app()
