"""`coscore responses template` and `coscore responses validate`: ratings from many people."""

from typing import Annotated, Optional

import typer

from coscore.cli.common import EXIT_INPUT, RubricOption, fail_with, say
from coscore.errors import InputProblems

responses_app = typer.Typer(help="Ratings from many people: make and check response files.", no_args_is_help=True)


@responses_app.command("template")
def responses_template(
    rubric: RubricOption = None,
    output: Annotated[Optional[str], typer.Option("--output", "-o", help="Write the template to this file instead of the screen ('-' for the screen).", metavar="PATH")] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace the --output file if it already exists.")] = False,
) -> None:
    """Write a blank, commented response file for one person to fill in."""
    from coscore.render.responses_template import response_template
    from coscore.workflows import rubrics

    try:
        text = response_template(rubrics.load_rubric(rubric))
        if output in (None, "-"):
            typer.echo(text, nl=False)
            return
        from coscore.io.files import exists, write_atomic

        if exists(output) and not force:
            say(f"{output}:1:1: the file already exists (choose another --output path, or add --force to replace it)", err=True)
            raise typer.Exit(EXIT_INPUT)
        write_atomic(output, text)
    except InputProblems as problems:
        fail_with(problems)
    say(f"Wrote {output}. Give one copy to each person, then run: coscore score PROJECT.yaml --responses FOLDER", err=True)


@responses_app.command("validate")
def responses_validate(
    paths: Annotated[list[str], typer.Argument(help="Response files, or folders of them.", metavar="PATH...")],
    rubric: RubricOption = None,
) -> None:
    """Check response files against a rubric; print path:line:col for every problem."""
    from coscore.io.loaders import load_responses
    from coscore.workflows import rubrics

    try:
        loaded = load_responses(paths, rubrics.load_rubric(rubric))
    except InputProblems as problems:
        fail_with(problems)
    for item in loaded:
        rated = sum(1 for r in item.response.ratings if r.level is not None)
        say(f"{item.path}: ok ({item.response.respondent.role.value}, {rated} dimensions rated)")
