"""`coscore score`, `coscore explain` and `coscore report`: one project file, for people to read."""

from typing import Annotated, Optional

import typer

from coscore.cli.common import EXIT_INPUT, AgeOption, MappingOption, MinGroupOption, ResponsesOption, RubricOption, fail_with, say, stdout_is_terminal
from coscore.errors import InputProblems
from coscore.render.formats import Audience, ReportFormat, ScoreFormat


def score(
    file: Annotated[str, typer.Argument(help="The project file (YAML).", metavar="FILE")],
    rubric: RubricOption = None,
    format: Annotated[ScoreFormat, typer.Option("--format", "-f", help="terminal (for people) or json (for scripts).")] = ScoreFormat.terminal,
    evidence_max_age: AgeOption = None,
    responses: ResponsesOption = None,
    mapping: MappingOption = None,
    min_group_size: MinGroupOption = 3,
) -> None:
    """Score a project file against a rubric and show the result."""
    from coscore.render.formats import render_assessment
    from coscore.workflows import rubrics
    from coscore.workflows.score import assess_with_responses

    try:
        loaded_rubric = rubrics.load_rubric(rubric)
        assessment = assess_with_responses(file, loaded_rubric, responses or (), max_age_months=evidence_max_age, min_group_size=min_group_size, mapping=mapping)
    except InputProblems as problems:
        fail_with(problems)
    typer.echo(render_assessment(assessment, format, color=stdout_is_terminal()), nl=False)


def explain(
    target: Annotated[str, typer.Argument(help="A project file, or the id of a dimension, red flag or fact to describe.", metavar="FILE|ID")],
    dimension_id: Annotated[Optional[str], typer.Argument(help="Only explain this dimension.", metavar="DIMENSION_ID")] = None,
    rubric: RubricOption = None,
    evidence_max_age: AgeOption = None,
) -> None:
    """Show which facts and conditions gave each dimension its level, and what would raise it."""
    from coscore.io.files import exists
    from coscore.workflows import rubrics
    from coscore.workflows.score import assess_file

    try:
        loaded_rubric = rubrics.load_rubric(rubric)
        if not exists(target) and not target.endswith((".yaml", ".yml")):
            from coscore.render.rubric_text import describe_id

            text = describe_id(loaded_rubric, target)
            if text is None:
                text = _describe_lint_rule(target)  # a lint rule id
            if text is None:
                say(f"coscore: '{target}' is neither a file nor a dimension, red flag, fact or lint rule id of rubric {loaded_rubric.id}", err=True)
                raise typer.Exit(EXIT_INPUT)
            typer.echo(text, nl=False)
            return
        assessment = assess_file(target, loaded_rubric, max_age_months=evidence_max_age)
    except InputProblems as problems:
        fail_with(problems)
    if dimension_id is not None and loaded_rubric.dimension(dimension_id) is None:
        known = ", ".join(d.id for d in loaded_rubric.dimensions)
        say(f"coscore: no dimension '{dimension_id}' in rubric {loaded_rubric.id}; use one of: {known}", err=True)
        raise typer.Exit(EXIT_INPUT)
    from coscore.render.explain import render_explain

    typer.echo(render_explain(assessment, dimension_id), nl=False)


def _describe_lint_rule(rule_id: str) -> Optional[str]:
    """`coscore explain RULE_ID` for a built-in lint rule; None when no rule has that id."""
    from coscore.lint.rules import builtin_examples
    from coscore.render.lint_report import describe_rule
    from coscore.workflows.lint import lint_rule_set

    compiled = lint_rule_set().get(rule_id)
    if compiled is None:
        return None
    return describe_rule(compiled, builtin_examples().get(rule_id))


def report(
    file: Annotated[str, typer.Argument(help="The project file (YAML).", metavar="FILE")],
    format: Annotated[ReportFormat, typer.Option("--format", "-f", help="markdown (for GitHub, GitLab or a plain-text email) or html (one page to open in a browser or print).")],
    rubric: RubricOption = None,
    output: Annotated[str, typer.Option("--output", "-o", help="Where to write the report; '-' (the default) prints it. Never the project file itself.", metavar="PATH|-")] = "-",
    redact: Annotated[
        Optional[bool],
        typer.Option("--redact/--no-redact", help="Replace people's names with their role, for example [staff member] (default: only in the report for participants).", show_default=False),
    ] = None,
    evidence_max_age: AgeOption = None,
    responses: ResponsesOption = None,
    mapping: MappingOption = None,
    min_group_size: MinGroupOption = 3,
    history: Annotated[bool, typer.Option("--history", help="Add how the score changed across the file's saved versions in git (exit 2 if the file is not in git).")] = False,
    audience: Annotated[
        Audience,
        typer.Option("--for", help="team (scores, red flags, next steps) or participants (an easy-read 'you said, we did' report, no scores)."),
    ] = Audience.team,
) -> None:
    """Write a report people can read: summary, red flags, dimensions, next steps.

    With --for participants: what people said, what changed because of it, what
    did not and why, and what happens next, in short plain sentences.
    """
    from coscore.io.files import expand_paths, is_file, write_atomic
    from coscore.workflows import rubrics

    try:
        loaded_rubric = rubrics.load_rubric(rubric)
        if audience is Audience.participants:
            from coscore.render.formats import render_participants
            from coscore.workflows.voices import participants_report

            if history:
                typer.echo("coscore: --history is for the team's report; leave it out with --for participants", err=True)
                raise typer.Exit(EXIT_INPUT)
            model = participants_report(file, loaded_rubric, responses or (), mapping=mapping, redact=redact is not False, min_group_size=min_group_size)
            text = render_participants(model, format)
        else:
            from coscore.render.report import render_report
            from coscore.workflows.report import report_file

            model = report_file(
                file,
                loaded_rubric,
                responses or (),
                rubric_ref=rubric,
                redact=bool(redact),
                max_age_months=evidence_max_age,
                min_group_size=min_group_size,
                with_history=history,
                mapping=mapping,
            )
            text = render_report(model, format)
        if output == "-":
            typer.echo(text, nl=False)
            return
        # Every file this run read is an input: the project, the responses, a mapping, a rubric file.
        inputs = (file, *expand_paths(responses or ()), *([mapping] if mapping else []), *([rubric] if rubric and is_file(rubric) else []))
        write_atomic(output, text, protect=inputs)
    except InputProblems as problems:
        fail_with(problems)
    except OSError as exc:
        say(f"{output}: the report could not be written: {exc.strerror or exc} (check the folder exists and you may write to it)", err=True)
        raise typer.Exit(EXIT_INPUT)
    kind = "participants' report" if audience is Audience.participants else "report"
    say(f"Wrote the {format.value} {kind} for {model.project_name} to {output}", err=True)
