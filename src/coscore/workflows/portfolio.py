"""`coscore portfolio`: many project files scored and summarised on one page."""

from __future__ import annotations

from coscore.errors import Diagnostic, InputProblems, SourceLocation
from coscore.io.files import expand_paths
from coscore.models.rubric import Rubric
from coscore.workflows.score import assess_file, assess_with_responses


def portfolio(paths: list[str] | tuple[str, ...], rubric: Rubric, *, responses_by_file: dict | None = None):
    """Score many project files (folders expanded); files that fail are kept with their errors.

    ``responses_by_file`` maps a project file (as expanded) to its already loaded
    responses (see ``workflows.voices.portfolio_responses``).
    """
    from coscore.models.portfolio import PortfolioProblem
    from coscore.portfolio import build_portfolio

    files = expand_paths(paths)
    if not files:
        raise InputProblems(
            [Diagnostic(location=SourceLocation(path=str(paths[0]) if paths else "."), message="no project files found", hint="give .yaml files or folders that hold them", code="usage")]
        )
    assessments, problems = [], []
    for path in files:
        try:
            if responses_by_file and responses_by_file.get(path):
                assessments.append(assess_with_responses(path, rubric, preloaded=responses_by_file[path]))
            else:
                assessments.append(assess_file(path, rubric))
        except InputProblems as exc:
            problems.append(PortfolioProblem(path=path, problems=tuple(str(d) for d in exc.diagnostics)))
    return build_portfolio(rubric, assessments, problems)

