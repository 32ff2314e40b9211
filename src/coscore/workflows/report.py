"""`coscore report`: score the project (and response files) once and build the frozen report model."""

from __future__ import annotations

from pathlib import Path

from coscore.errors import InputProblems
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
    mapping: str | None = None,
):
    """Score a project file (with any response files) and build the frozen report model.

    Each input is read once. Raises ``InputProblems`` with located diagnostics when
    a file is unusable, exactly as ``coscore score`` does for the same files.
    ``with_history`` adds the scores of the file's committed versions (from git).
    """
    from coscore.reporting import build_report

    try:
        assessed = assess_inputs(path, rubric, response_paths, max_age_months=max_age_months, min_group_size=min_group_size, mapping=mapping)
    except InputProblems as exc:
        if redact:  # messages quote values, names among them: redacted like the report
            raise _redacted_problems(exc, path) from None
        raise
    pseudonyms = tuple((r.response.respondent.pseudonym, r.response.respondent.role.value) for r in assessed.responses)
    model = build_report(assessed.assessment, assessed.project.project, rubric, rubric_ref=rubric_ref, redact=redact, other_names=pseudonyms)
    if with_history:
        from coscore.workflows.history import file_history

        earlier: list[tuple[str, str]] = []  # people named in committed versions, perhaps no longer in the file
        history = file_history(path, rubric, on_version=(lambda text: earlier.extend(people_in(text))) if redact else None)
        if redact:
            from coscore.reporting import Redactor

            redactor = Redactor(assessed.project.project, pseudonyms + tuple(earlier))
            history = redactor.deep(history)
        model = model._replace(history=history)
    return model


def people_in(text: str) -> list[tuple[str, str]]:
    """(name, role) of everyone a project file's text names, even if the file is not valid."""
    from coscore.io.yamlio import parse_yaml

    try:
        data = parse_yaml(text, "version").data
    except InputProblems:
        return []
    found: list[tuple[str, str]] = []
    if isinstance(data, dict):
        for section, name_key, role_key in (("people", "name", "role"), ("self_ratings", "rated_by", "perspective")):
            records = data.get(section)
            for record in records if isinstance(records, list) else ():
                if isinstance(record, dict) and isinstance(record.get(name_key), str):
                    found.append((record[name_key], str(record.get(role_key, ""))))
    return found


def _redacted_problems(exc: InputProblems, path: str | Path) -> InputProblems:
    """The same diagnostics with every name the project file gives replaced by the person's role."""
    from coscore.io.files import read_text
    from coscore.reporting import Redactor

    try:
        names = people_in(read_text(path))
    except InputProblems:
        return exc
    redactor = Redactor.from_names(tuple(names))
    return InputProblems([d._replace(message=redactor.text(d.message), hint=redactor.text(d.hint)) for d in exc.diagnostics])
