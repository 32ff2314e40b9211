"""The coscore command line: the typer app, its commands in order, and ``main()``.

Each command lives in the module of its group (cli/score.py, cli/check.py, ...);
a command parses its options, calls one workflow, prints and exits.
"""

from typing import Annotated, Optional

import typer

from coscore.cli import authoring, check, history, lint, responses, rubric, score
from coscore.cli.common import pause_collector, resume_collector

app = typer.Typer(
    name="coscore",
    help="Check whether a project is really co-produced with the people it serves.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


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
    from coscore.io.writer import forget_reads

    forget_reads()  # each command protects the files it reads from its own writes
    if ctx.invoked_subcommand != "check":
        resume_collector()  # `check` resumes it itself, once its start-up is done


app.add_typer(rubric.rubric_app, name="rubric")
app.command()(score.score)
app.command()(score.explain)
app.command()(check.check)
app.command()(check.baseline)
app.add_typer(responses.responses_app, name="responses")
app.command()(history.history)
app.command()(history.compare)
app.command()(history.portfolio)
app.command()(authoring.init)
app.command("schema")(authoring.schema_command)
app.command()(score.report)
app.command()(lint.lint)


def main() -> None:
    """Entry point for the console script and `python -m coscore`."""
    pause_collector()
    app()
