"""What every command shares: the options several commands take, printing diagnostics, the exit codes.

No ``from __future__ import annotations`` in cli/: typer reads every command's
annotations at each start, and real annotations are cheaper than strings.
"""

import sys
from typing import Annotated, NoReturn, Optional

import typer

from coscore.errors import EXIT_INPUT, EXIT_OK, EXIT_POLICY, InputProblems

__all__ = ["EXIT_INPUT", "EXIT_OK", "EXIT_POLICY", "fail_with", "say", "stdout_is_terminal"]

RubricOption = Annotated[
    Optional[str],
    typer.Option("--rubric", help="A packaged rubric id (see 'coscore rubric list') or a path to a rubric file.", metavar="ID|PATH"),
]
AgeOption = Annotated[
    Optional[int],
    typer.Option("--evidence-max-age", min=1, help="Months after which evidence counts as stale (default: the rubric's, usually 24).", metavar="MONTHS"),
]
ResponsesOption = Annotated[
    Optional[list[str]],
    typer.Option(
        "--responses",
        help="A response file or a folder of them (one person each), or a survey export (.csv, .xlsx; one person a row). Repeat for more.",
        metavar="PATH",
    ),
]
MappingOption = Annotated[
    Optional[str],
    typer.Option("--mapping", help="A mapping file for the survey exports given with --responses (see 'coscore responses import --init-mapping').", metavar="FILE"),
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
ConfigOption = Annotated[
    Optional[str],
    typer.Option("--config", help="Use this configuration file instead of searching for .coscore.yaml or pyproject.toml.", metavar="PATH"),
]
AllowOutsideOption = Annotated[
    bool,
    typer.Option(
        "--allow-outside-repo",
        help="Let the configuration's paths and documents' 'coscore-project:' links lead outside the repository (refused by default).",
    ),
]
CheckPaths = Annotated[
    Optional[list[str]],
    typer.Argument(help="Project files, strategy documents or folders (default: the files the configuration names).", metavar="PATHS", show_default=False),
]


def fail_with(problems: InputProblems) -> NoReturn:
    """Print every diagnostic as path:line:col: message and exit 2."""
    for d in problems.diagnostics:
        typer.echo(str(d), err=True)
    raise typer.Exit(EXIT_INPUT)


def say(message: str, *, err: bool = False) -> None:
    """Print one line for people; names, paths and ids in it are shown, never acted on (no new lines, no escape sequences)."""
    from coscore.safe_text import no_workflow_commands, one_line

    typer.echo(no_workflow_commands(one_line(message)), err=err)


def stdout_is_terminal() -> bool:
    """Whether standard output is a terminal (colour and layout for people)."""
    return sys.stdout.isatty()


# The garbage collector, handled here only (see "Start-up" in ARCHITECTURE.md): off while
# typer and pydantic build what lives until exit, back on once a command starts its work.
def pause_collector() -> None:
    """Switch the collector off for start-up (main() does this first)."""
    import gc

    gc.disable()


def resume_collector(*, freeze_startup: bool = False) -> None:
    """Switch the collector back on; ``freeze_startup`` first moves everything built so far out of its reach."""
    import gc

    if freeze_startup:
        gc.freeze()
    gc.enable()
