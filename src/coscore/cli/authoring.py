"""`coscore init` and `coscore schema`: start a project file, and the JSON Schema editors use."""

from typing import TYPE_CHECKING, Annotated, Optional

import typer

from coscore.cli.common import EXIT_INPUT, fail_with, say
from coscore.errors import InputProblems

if TYPE_CHECKING:  # for annotations in quotes only
    from pathlib import Path


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

    from coscore import authoring
    from coscore.io.files import is_folder, refuse_existing, same_text
    from coscore.schema import SchemaKind, render_schema
    from coscore.workflows.authoring import create_project_file

    target = Path(path)
    if is_folder(target):
        target = target / authoring.PROJECT_FILE_NAME
    reference, schema_path = _schema_reference(target, schema)
    schema_text = render_schema(SchemaKind.project)
    try:
        # refuse before asking anything, so nobody answers questions for nothing
        refuse_existing(target, force=force, what="project file")
        if schema_path is not None and not same_text(schema_path, schema_text):
            refuse_existing(schema_path, force=force, what="schema file")
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
        written = create_project_file(target, text, force=force, schema_path=schema_path, schema_text=schema_text)
    except InputProblems as problems:
        fail_with(problems)
    for name in written:
        say(f"wrote {name}")
    say(f"Next: fill in what you know, then run: coscore score {target}")


def schema_command(
    output: Annotated[Optional[str], typer.Option("--output", "-o", help="Write the schema to this file instead of printing it ('-' prints it).", metavar="PATH")] = None,
    rubric_schema: Annotated[bool, typer.Option("--rubric-schema", help="The schema for rubric files instead of project files.")] = False,
    force: Annotated[bool, typer.Option("--force", help="Replace PATH even if it is not a JSON Schema file.")] = False,
) -> None:
    """Print the JSON Schema (draft-07) editors use for completion and checking as you type."""
    from coscore.schema import SchemaKind, render_schema
    from coscore.workflows.authoring import write_schema_file

    text = render_schema(SchemaKind.rubric if rubric_schema else SchemaKind.project)
    if output in (None, "-"):
        typer.echo(text, nl=False)
        return
    try:
        changed = write_schema_file(output, text, force=force, replace_schema=True)
    except InputProblems as problems:
        fail_with(problems)
    say(f"wrote {output}" if changed else f"{output} is already up to date", err=True)
