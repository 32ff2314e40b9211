"""`coscore history`, `coscore compare` and `coscore portfolio`: scores over time and across projects."""

from typing import Annotated, Optional

import typer

from coscore.cli.common import EXIT_INPUT, MappingOption, RubricOption, fail_with, say, stdout_is_terminal
from coscore.errors import InputProblems
from coscore.render.formats import PortfolioFormat, TrendFormat


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
    from coscore.render.formats import render_history
    from coscore.workflows import rubrics
    from coscore.workflows.history import file_history

    try:
        result = file_history(file, rubrics.load_rubric(rubric), limit=limit)
    except InputProblems as problems:
        fail_with(problems)
    if format is TrendFormat.terminal and result.total_versions == 0:
        say(f"{file} has no history yet: it has never been committed to git. Commit it (git add {file}, then git commit) and run this again after the next change.")
        return
    typer.echo(render_history(result, format, color=stdout_is_terminal()), nl=False)


def compare(
    old: Annotated[str, typer.Argument(help="The earlier project file (.yaml) or saved result (.json from 'coscore score --format json').", metavar="OLD")],
    new: Annotated[str, typer.Argument(help="The later project file or saved result.", metavar="NEW")],
    rubric: RubricOption = None,
    format: Annotated[TrendFormat, typer.Option("--format", "-f", help="terminal (for people) or json (for scripts).")] = TrendFormat.terminal,
) -> None:
    """Compare two project files, or two saved JSON results: score, levels and red flags."""
    from coscore.render.formats import render_comparison
    from coscore.workflows import rubrics
    from coscore.workflows.history import compare_files

    try:
        comparison = compare_files(old, new, rubrics.load_rubric(rubric))
    except InputProblems as problems:
        fail_with(problems)
    typer.echo(render_comparison(comparison, format, color=stdout_is_terminal()), nl=False)


def portfolio(
    paths: Annotated[list[str], typer.Argument(help="Project files, or folders of them.", metavar="PATHS...")],
    rubric: RubricOption = None,
    format: Annotated[PortfolioFormat, typer.Option("--format", "-f", help="terminal, markdown, html or json.")] = PortfolioFormat.terminal,
    output: Annotated[Optional[str], typer.Option("--output", "-o", help="Write to this file instead of the screen ('-' for the screen).", metavar="PATH")] = None,
    responses: Annotated[
        Optional[list[str]],
        typer.Option("--responses", help="A survey export (.csv, .xlsx) covering these projects, with a column saying which project each answer is about. Repeat for more.", metavar="EXPORT"),
    ] = None,
    mapping: MappingOption = None,
) -> None:
    """Many projects on one page, for funders and boards.

    One row per project (overall score, ladder rung, red flags, weakest dimension),
    how many projects reach each level of each dimension, and the most common red
    flags. Files with errors are listed with their errors. Exit 0 when every file
    was scored, 2 when any file had input errors (the rest are still shown).
    """
    from coscore.io.files import expand_paths, write_atomic
    from coscore.render.formats import render_portfolio
    from coscore.workflows import rubrics
    from coscore.workflows.portfolio import portfolio as build

    to_screen = output in (None, "-")
    try:
        loaded_rubric = rubrics.load_rubric(rubric)
        shared = None
        if responses:
            from coscore.workflows.voices import portfolio_responses

            shared = portfolio_responses(paths, loaded_rubric, responses, mapping=mapping)
        result = build(paths, loaded_rubric, responses_by_file=shared)
        text = render_portfolio(result, format, color=stdout_is_terminal() and to_screen)
        if to_screen:
            typer.echo(text, nl=False)
        else:
            write_atomic(output, text, protect=(*expand_paths(paths), *(responses or ()), *([mapping] if mapping else ())))
    except InputProblems as problems:
        fail_with(problems)
    if result.problems:
        if format is not PortfolioFormat.terminal or not to_screen:
            for e in result.problems:
                for problem in e.problems:
                    typer.echo(problem, err=True)
        raise typer.Exit(EXIT_INPUT)
