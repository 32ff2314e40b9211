"""`coscore lint`: strategy documents (Markdown, web pages, Word, PDF) checked against the prose rules."""

from enum import Enum
from typing import Annotated, Optional

import typer

from coscore.cli.common import EXIT_INPUT, EXIT_POLICY, AllowOutsideOption, fail_with, stdout_is_terminal
from coscore.errors import InputProblems
from coscore.render.formats import LintFormat


class FailLevel(str, Enum):
    """`coscore lint --fail-level`: the least severe finding that fails the run."""

    error = "error"
    warning = "warning"
    note = "note"
    never = "never"


def lint(
    files: Annotated[Optional[list[str]], typer.Argument(help="Documents (Markdown, web pages .html, Word .docx, PDF), or folders to search for them.", metavar="FILES...")] = None,
    format: Annotated[LintFormat, typer.Option("--format", "-f", help="terminal (for people), parsable (path:line:col lines) or json.")] = LintFormat.terminal,
    fail_level: Annotated[FailLevel, typer.Option("--fail-level", help="Exit 1 when a finding is at or above this severity (never: always exit 0 unless input is broken).")] = FailLevel.warning,
    baseline: Annotated[Optional[str], typer.Option("--baseline", help="Ignore findings recorded in this file (made with --write-baseline or 'coscore baseline').", metavar="FILE")] = None,
    write_baseline: Annotated[Optional[str], typer.Option("--write-baseline", help="Write the current findings to FILE as a baseline, then report as usual ('-' prints the baseline instead of the report).", metavar="FILE")] = None,
    force: Annotated[bool, typer.Option("--force", help="Let --write-baseline replace a file that is not a baseline.")] = False,
    allow_outside_repo: AllowOutsideOption = False,
    rules: Annotated[Optional[list[str]], typer.Option("--rules", help="A team rule file to add (repeat for more).", metavar="FILE")] = None,
    disable: Annotated[Optional[list[str]], typer.Option("--disable", help="Switch a rule off by id (repeat for more).", metavar="RULE_ID")] = None,
    project: Annotated[Optional[str], typer.Option("--project", help="Check co-production claims against this project file, for documents whose front matter names none.", metavar="PATH")] = None,
    fix: Annotated[bool, typer.Option("--fix", help="Rewrite the terms that have a safe replacement in Markdown documents, in place, and list each change.")] = False,
    list_rules: Annotated[bool, typer.Option("--list-rules", help="List the rules and exit.")] = False,
    enable: Annotated[Optional[list[str]], typer.Option("--enable", help="Switch on a rule that is off by default (repeat for more).", metavar="RULE_ID")] = None,
) -> None:
    """Check strategy documents (Markdown, web pages, Word, PDF) for deficit framing, consultation called
    co-production, unbacked co-production claims, promises with no date or owner, and one-way helping language."""
    from coscore.errors import Severity
    from coscore.lint.engine import fails
    from coscore.render.formats import render_lint
    from pathlib import Path

    from coscore.workflows.lint import repository_lint_rule_set, run_lint

    try:
        # the repository's configuration adds its rule files, switches and accepted vocabulary
        rule_set = repository_lint_rule_set(Path.cwd(), rules or (), disable or (), enable or ())
        if list_rules:
            from coscore.render.lint_report import render_rule_list

            typer.echo(render_rule_list(rule_set), nl=False)
            return
        if not files:
            typer.echo("coscore lint: give one or more documents or folders, for example: coscore lint examples/strategy.md", err=True)
            raise typer.Exit(EXIT_INPUT)
        result, changes, recorded = run_lint(
            files, rules=rule_set, baseline=baseline, write_baseline=write_baseline, project=project, fix=fix, force=force, allow_outside_repo=allow_outside_repo
        )
    except InputProblems as problems:
        fail_with(problems)
    if fix:
        from coscore.render.lint_report import render_fix_changes

        # the changes go where they cannot spoil a machine-readable report
        typer.echo(render_fix_changes(changes), nl=False, err=format is not LintFormat.terminal or recorded is not None)
    if recorded is not None:  # --write-baseline -: the baseline is what goes to standard output
        typer.echo(recorded, nl=False)
    else:
        typer.echo(render_lint(result, rule_set, format, color=stdout_is_terminal()), nl=False)
    if result.diagnostics:
        for d in result.diagnostics:
            typer.echo(str(d), err=True)
        raise typer.Exit(EXIT_INPUT)
    if fails(result, None if fail_level is FailLevel.never else Severity(fail_level.value)):
        raise typer.Exit(EXIT_POLICY)
