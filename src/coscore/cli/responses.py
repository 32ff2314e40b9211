"""`coscore responses`: ratings from many people, as response files, paper forms or survey exports."""

from typing import Annotated, Optional

import typer

from coscore.cli.common import EXIT_INPUT, RubricOption, fail_with, say
from coscore.errors import InputProblems
from coscore.render.formats import FormFormat

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


# --- Voices without YAML (issue 17): forms, typed-up answers and survey imports ----------------
# The work is in coscore.workflows.voices; these commands parse, call it, print and exit.


@responses_app.command("form")
def responses_form(
    rubric: RubricOption = None,
    format: Annotated[FormFormat, typer.Option("--format", "-f", help="html (to print, or fill in on screen) or markdown.")] = FormFormat.html,
    output: Annotated[Optional[str], typer.Option("--output", "-o", help="Write the form to this file instead of the screen ('-' for the screen).", metavar="PATH")] = None,
    project: Annotated[Optional[str], typer.Option("--project", help="Put this project file's name at the top of the form.", metavar="FILE")] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace the --output file if it already exists.")] = False,
) -> None:
    """A form to print: one plain question per dimension, tick boxes, space to write."""
    from coscore.io.files import refuse_existing, write_atomic
    from coscore.io.loaders import load_project
    from coscore.render.form import build_form
    from coscore.render.formats import render_form
    from coscore.workflows import rubrics

    try:
        name = load_project(project).project.project.name if project else ""
        text = render_form(build_form(rubrics.load_rubric(rubric), name), format)
        if output in (None, "-"):
            typer.echo(text, nl=False)
            return
        refuse_existing(output, force=force, what="form")
        write_atomic(output, text, protect=tuple(p for p in (project, rubric) if p))
    except InputProblems as problems:
        fail_with(problems)
    say(f"Wrote {output}. Print one copy for each person; type the answers up with: coscore responses enter FILE.yaml", err=True)


@responses_app.command("questions")
def responses_questions(rubric: RubricOption = None) -> None:
    """The questions and answer choices to paste into a survey tool."""
    from coscore.render.form import build_form, survey_questions_text
    from coscore.workflows import rubrics

    try:
        typer.echo(survey_questions_text(build_form(rubrics.load_rubric(rubric))), nl=False)
    except InputProblems as problems:
        fail_with(problems)


@responses_app.command("enter")
def responses_enter(
    path: Annotated[str, typer.Argument(help="The response file to write, for example responses/form-01.yaml.", metavar="PATH")],
    rubric: RubricOption = None,
    force: Annotated[bool, typer.Option("--force", help="Replace PATH if it already exists.")] = False,
) -> None:
    """Type up one paper form, question by question, into a response file."""
    import datetime as dt

    from coscore.io.files import refuse_existing
    from coscore.workflows import rubrics, voices

    try:
        loaded_rubric = rubrics.load_rubric(rubric)
        refuse_existing(path, force=force, what="response file")  # before anyone types anything
        from coscore.interview_response import ask_consent, ask_response

        try:
            if not ask_consent():
                typer.echo("Without their agreement their answers cannot be used, so nothing was written.", err=True)
                return
            response = ask_response(loaded_rubric, dt.date.today())
        except typer.Abort:
            typer.echo("\ncoscore: stopped before the last question, so nothing was written", err=True)
            raise typer.Exit(EXIT_INPUT)
        voices.write_response(path, response, loaded_rubric, force=force, origin="Typed up from a paper form.")
    except InputProblems as problems:
        fail_with(problems)
    say(f"wrote {path}")
    typer.echo("Next: type up the next form, then run: coscore score PROJECT.yaml --responses FOLDER")


@responses_app.command("import")
def responses_import(
    export: Annotated[str, typer.Argument(help="A survey export: .csv or .xlsx.", metavar="EXPORT")],
    mapping: Annotated[Optional[str], typer.Option("--mapping", help="Which column holds what (needed when the headers are not coscore's questions).", metavar="FILE")] = None,
    output_dir: Annotated[Optional[str], typer.Option("--output-dir", help="Where to write the response files (default: a folder named after the export, beside it).", metavar="DIR")] = None,
    init_mapping: Annotated[bool, typer.Option("--init-mapping", help="Write a mapping file for EXPORT to fill in (to --mapping FILE, or EXPORT.mapping.yaml) instead of importing.")] = False,
    keep_names: Annotated[bool, typer.Option("--keep-names", help="Keep names or email addresses from the export as pseudonyms (they are dropped by default).")] = False,
    rubric: RubricOption = None,
    force: Annotated[bool, typer.Option("--force", help="Replace files that already exist.")] = False,
) -> None:
    """Turn each row of a survey export into a response file (nothing is written if any row is wrong)."""
    from pathlib import PurePath

    from coscore.workflows import rubrics, voices

    try:
        loaded_rubric = rubrics.load_rubric(rubric)
        if init_mapping:
            written = voices.write_mapping(export, loaded_rubric, mapping, force=force)
            say(f"wrote {written}")
            typer.echo(f"Next: check it, then run: coscore responses import {export} --mapping {written}")
            return
        result = voices.read_import(export, loaded_rubric, mapping, keep_names=keep_names)
        folder = output_dir or str(PurePath(export).with_name(PurePath(export).stem + "-responses"))
        written = voices.write_import(export, result, folder, force=force)
    except InputProblems as problems:
        fail_with(problems)
    for note in result.left_out:
        typer.echo(str(note), err=True)
    left_out = f"; {len(result.left_out)} left out without consent" if result.left_out else ""
    say(f"Read {export} ({result.layout}): wrote {len(written)} response files to {folder}{left_out}")
    typer.echo(f"Next: coscore score PROJECT.yaml --responses {folder}")
