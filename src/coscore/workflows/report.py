"""`coscore report`: score the project (and response files) once and build the frozen report model."""

from __future__ import annotations

from pathlib import Path

from coscore.models.rubric import Rubric
from coscore.workflows.score import assess_inputs


def report_file(
    path: str | Path,
    rubric: Rubric,
    response_paths: list[str] | tuple[str, ...] = (),
    *,
    rubric_ref: str | None = None,
    redact: bool = False,
    max_age_months: int | None = None,
    min_group_size: int | None = None,
    with_history: bool = False,
):
    """Score a project file (with any response files) and build the frozen report model.

    Each input is read once. Raises ``InputProblems`` with located diagnostics when
    a file is unusable, exactly as ``coscore score`` does for the same files.
    ``with_history`` adds the scores of the file's committed versions (from git).
    """
    from coscore.reporting import build_report

    assessed = assess_inputs(path, rubric, response_paths, max_age_months=max_age_months, min_group_size=min_group_size)
    pseudonyms = tuple((r.response.respondent.pseudonym, r.response.respondent.role.value) for r in assessed.responses)
    model = build_report(assessed.assessment, assessed.project.project, rubric, rubric_ref=rubric_ref, redact=redact, other_names=pseudonyms)
    if with_history:
        from coscore.workflows.history import file_history

        model = model.model_copy(update={"history": file_history(path, rubric)})
    return model
