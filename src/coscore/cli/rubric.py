"""`coscore rubric list|show|validate|facts`: the rubrics coscore scores against."""

from typing import Annotated

import typer

from coscore.cli.common import EXIT_INPUT, fail_with, say
from coscore.errors import InputProblems

rubric_app = typer.Typer(help="List, show and check rubrics.", no_args_is_help=True)


@rubric_app.command("list")
def rubric_list() -> None:
    """List the rubrics that come with coscore."""
    from coscore.io import catalog
    from coscore.workflows import rubrics

    for rubric_id in catalog.packaged_rubrics():
        try:
            r = rubrics.load_rubric(rubric_id)
            say(f"{r.id}  {r.version}  {r.title} ({len(r.dimensions)} dimensions)")
        except InputProblems as problems:
            fail_with(problems)


@rubric_app.command("show")
def rubric_show(rubric_ref: Annotated[str, typer.Argument(help="A packaged rubric id or a path.", metavar="ID|PATH")]) -> None:
    """Show a rubric: its dimensions, levels, conditions and red flags."""
    from coscore.render.rubric_text import render_rubric
    from coscore.workflows import rubrics

    try:
        r = rubrics.load_rubric(rubric_ref)
    except InputProblems as problems:
        fail_with(problems)
    typer.echo(render_rubric(r), nl=False)


@rubric_app.command("validate")
def rubric_validate(paths: Annotated[list[str], typer.Argument(help="Rubric files to check.", metavar="PATH...")]) -> None:
    """Check custom rubric files; print path:line:col for every problem."""
    from coscore.workflows import rubrics

    failed = False
    for path in paths:
        try:
            r = rubrics.load_rubric(path if ("/" in path or path.endswith((".yaml", ".yml"))) else f"./{path}")
            say(f"{path}: ok ({r.id} {r.version}, {len(r.dimensions)} dimensions, {len(r.red_flags)} red flags)")
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
