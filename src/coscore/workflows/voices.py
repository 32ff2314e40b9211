"""Voices without YAML (issue 17): survey imports, typed-up paper forms and the participants' report.

Each function loads its inputs once, calls the pure cores (``coscore.imports``,
``coscore.participants``) and returns one result, or raises ``InputProblems``
with every located problem. Nothing is written unless every check passed.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from coscore.errors import Diagnostic, InputProblems, SourceLocation
from coscore.models.rubric import Rubric


class LoadedMapping(NamedTuple):
    mapping: object  # imports.Mapping
    parsed: object  # yamlio.ParsedYaml, for locations


def load_mapping(path: str | Path) -> LoadedMapping:
    """Read and check a mapping file; raises ``InputProblems`` located at line and column."""
    from coscore.imports import Mapping
    from coscore.io import yamlio
    from coscore.io.files import read_text

    parsed = yamlio.parse_yaml(read_text(path), str(path))
    return LoadedMapping(mapping=yamlio.validate(Mapping, parsed), parsed=parsed)


def read_import(export_path: str | Path, rubric: Rubric, mapping_path: str | Path | None = None, *, keep_names: bool = False):
    """Every row of a survey export as a response (``imports.ImportResult``).

    Raises ``InputProblems`` listing every problem (in the export, the mapping
    file, or any row) when even one row cannot be read.
    """
    from coscore import imports
    from coscore.io.exports import read_export

    problems: list[Diagnostic] = []
    loaded = None
    if mapping_path is not None:
        try:
            loaded = load_mapping(mapping_path)
        except InputProblems as exc:
            problems += exc.diagnostics
    table = read_export(export_path)
    if problems:
        raise InputProblems(problems)
    mapping = loaded.mapping if loaded else None
    if mapping is not None:
        if mapping.rubric and mapping.rubric != rubric.id:
            problems.append(
                Diagnostic(
                    location=loaded.parsed.location(("rubric",)),
                    message=f"rubric: this mapping follows rubric '{mapping.rubric}', but the answers are read with '{rubric.id}'",
                    hint=f"add --rubric {mapping.rubric}, or change 'rubric:' in the mapping",
                )
            )
        for text, level in (mapping.answers or {}).items():
            if level is not None and level > rubric.max_level:
                problems.append(
                    Diagnostic(
                        location=loaded.parsed.location(("answers", text)),
                        message=f"answers: \"{text}\" is given level {level}, but rubric {rubric.id} goes up to {rubric.max_level}",
                        hint=f"use a level from 0 to {rubric.max_level}, or leave it empty for 'not rated'",
                    )
                )
    plan = imports.plan_columns(table, rubric, mapping, (lambda path, key=False: loaded.parsed.location(path, key=key)) if loaded else None)
    if isinstance(plan, list):
        raise InputProblems(problems + plan)
    if problems:
        raise InputProblems(problems)
    result = imports.read_rows(table, plan, rubric, keep_names=keep_names)
    if result.problems:
        raise InputProblems(list(result.problems))
    return result


def imported_responses(export_path: str | Path, rubric: Rubric, mapping_path: str | Path | None = None, *, keep_names: bool = False) -> tuple:
    """The rows of an export as ``io.loaders.LoadedResponse`` records, so scoring treats them as response files."""
    from coscore.io.loaders import LoadedResponse

    result = read_import(export_path, rubric, mapping_path, keep_names=keep_names)
    return tuple(LoadedResponse(response=item.response, path=f"{export_path}:row {item.row}", parsed=item) for item in result.responses)


def load_all_responses(paths, rubric: Rubric, *, mapping: str | None = None, keep_names: bool = False) -> tuple:
    """Response files (folders expanded) and survey exports (.csv, .xlsx, read with ``mapping``), every problem at once.

    Returns ``io.loaders.LoadedResponse`` records; an export gives one per row.
    """
    from coscore.io.exports import is_export
    from coscore.io.files import expand_paths
    from coscore.io.loaders import load_responses

    exports = [p for p in expand_paths(list(paths)) if is_export(p)]
    others = [p for p in paths if not is_export(p)]
    problems: list[Diagnostic] = []
    if mapping is not None and not exports:
        problems.append(
            Diagnostic(
                location=SourceLocation(path=str(mapping)),
                message="--mapping is for survey exports, but no .csv or .xlsx file was given after --responses",
                hint="add --responses EXPORT.csv, or leave out --mapping",
                code="usage",
            )
        )
    loaded: list = []
    try:
        loaded += load_responses(others, rubric)
    except InputProblems as exc:
        problems += exc.diagnostics
    for export in exports:
        try:
            loaded += imported_responses(export, rubric, mapping, keep_names=keep_names)
        except InputProblems as exc:
            problems += exc.diagnostics
    if problems:
        raise InputProblems(problems)
    # Each source checks its own pseudonyms; here, the same pseudonym in two sources is one person twice.
    first_use: dict[tuple[str, str], tuple[str, str]] = {}
    for item in loaded:
        who = item.response.respondent
        key = (who.role.value, who.pseudonym.strip().lower())
        source = item.path.split(":row ")[0]
        if not key[1]:
            continue
        if key in first_use and first_use[key][1] != source:
            problems.append(
                Diagnostic(
                    location=item.parsed.location(("respondent", "pseudonym")),
                    message=f"respondent.pseudonym: '{who.pseudonym}' ({who.role.value}) is also used in {first_use[key][0]}",
                    hint="one person's answers must be counted once: remove one of them, or give one another pseudonym",
                )
            )
        first_use.setdefault(key, (item.path, source))
    if problems:
        raise InputProblems(problems)
    return tuple(loaded)


def import_file_names(export_path: str | Path, result) -> list[str]:
    """One file name per imported row: 'survey-row-003.yaml' (the row number as the spreadsheet shows it)."""
    stem = Path(export_path).stem
    width = max(3, len(str(max((i.row for i in result.responses), default=0))))
    return [f"{stem}-row-{item.row:0{width}d}.yaml" for item in result.responses]


def write_import(export_path: str | Path, result, output_dir: str | Path, *, force: bool = False) -> list[str]:
    """Write one response file per imported row into ``output_dir`` (made if missing).

    Refuses, before writing anything, when any target exists and ``force`` is
    off. Each text is checked to load back as the same response first, and
    each file is written atomically.
    """
    from coscore.io.exports import write_files
    from coscore.render.response_file import response_yaml

    texts = {}
    for name, item in zip(import_file_names(export_path, result), result.responses):
        texts[name] = response_yaml(item.response, origin=f"Imported from {Path(export_path).name}, row {item.row}.")
        if not _loads_back(texts[name], name, item.response):
            # refuse the whole import rather than write a file that says something else
            raise InputProblems(
                [
                    Diagnostic(
                        SourceLocation(f"{export_path}:row {item.row}", 1, 1),
                        "this row's answers could not be written to a response file exactly as they are",
                        "check the row for unusual characters in its comments or perspective and correct them, then import again",
                    )
                ]
            )
    return write_files(output_dir, texts, force=force, protect=(export_path,), what="response file")


def _loads_back(text: str, shown: str, response) -> bool:
    """Whether the text loads back as exactly ``response`` (a difference is never written to disk)."""
    from coscore.io import yamlio
    from coscore.models.responses import ResponseFile

    try:
        return yamlio.validate(ResponseFile, yamlio.parse_yaml(text, shown)) == response
    except InputProblems:
        return False


def write_response(path: str | Path, response, rubric: Rubric, *, force: bool = False, origin: str = "") -> str:
    """Check and write one response file (``coscore responses enter``); never over an existing file without ``force``."""
    from coscore.io.files import refuse_existing, write_atomic
    from coscore.io.loaders import load_response
    from coscore.render.response_file import response_yaml

    refuse_existing(path, force=force, what="response file")
    text = response_yaml(response, origin=origin)
    if not _loads_back(text, str(path), response):
        raise InputProblems([Diagnostic(SourceLocation(str(path), 1, 1), "these answers could not be written to a response file exactly as they were typed", "check the comments for unusual characters and enter them again")])
    write_atomic(path, text)
    load_response(path, rubric)  # what was written is a valid response file for this rubric
    return str(path)


def write_mapping(export_path: str | Path, rubric: Rubric, output: str | Path | None, *, force: bool = False) -> str:
    """Write a starting mapping file for an export; returns where it was written."""
    from coscore.imports import mapping_yaml
    from coscore.io.exports import read_export
    from coscore.io.files import refuse_existing, write_atomic

    target = Path(output) if output else Path(export_path).with_suffix(".mapping.yaml")
    table = read_export(export_path)
    refuse_existing(target, force=force, what="mapping file")
    write_atomic(target, mapping_yaml(table, rubric), protect=(export_path,))
    return str(target)


# --- Portfolios: one survey across many projects ---------------------------------------------


def portfolio_responses(paths, rubric: Rubric, response_paths, *, mapping: str | None = None) -> dict:
    """Share the rows of survey exports out among the project files of a portfolio.

    Each row must say which project it is about (the mapping's ``project``
    column, or a column headed "Project" or with ``questions.PROJECT_QUESTION``),
    by the project's name or its file name without ``.yaml``. Returns
    {project file: its loaded responses}; raises ``InputProblems`` naming every
    row that fits no project, or a response file, which names no project.
    """
    from coscore import questions
    from coscore.imports import ImportedResponse
    from coscore.io.files import expand_paths
    from coscore.io.loaders import load_project

    files = expand_paths(paths)
    names: dict[str, str] = {}
    for path in files:
        names[questions.normalise(Path(path).stem)] = path
        try:
            names.setdefault(questions.normalise(load_project(path).project.project.name), path)
        except InputProblems:
            continue  # the portfolio lists this file's problems itself
    loaded = load_all_responses(response_paths, rubric, mapping=mapping)
    shared: dict[str, list] = {path: [] for path in files}
    problems = []
    for item in loaded:
        if not isinstance(item.parsed, ImportedResponse):
            problems.append(
                Diagnostic(
                    location=SourceLocation(path=item.path),
                    message="a response file does not say which project it is about, so it cannot be shared out in a portfolio",
                    hint="give a survey export with a project column instead, or score the project on its own with 'coscore score FILE --responses'",
                )
            )
            continue
        row = item.parsed
        if not row.project:
            problems.append(
                Diagnostic(
                    location=row.location(("row",)),
                    message="no project column: in a portfolio every answer must say which project it is about",
                    hint=f'add the question "{questions.PROJECT_QUESTION}" to the survey, or name the column under \'project:\' in the mapping',
                )
            )
            continue
        target = names.get(questions.normalise(row.project))
        if target is None:
            known = ", ".join(sorted({f'"{Path(p).stem}"' for p in files}))
            problems.append(
                Diagnostic(
                    location=row.cells.get(("project",), row.location(("row",))),
                    message=f'"{row.project}" is not one of the projects given ({known}, or their names)',
                    hint="correct the answer, or add that project's file to the command",
                )
            )
            continue
        shared[target].append(item)
    if problems:
        raise InputProblems(problems)
    return {path: tuple(items) for path, items in shared.items()}


# --- The participants' report ---------------------------------------------------------------


def participants_report(
    project_path: str | Path,
    rubric: Rubric,
    response_paths=(),
    *,
    mapping: str | None = None,
    redact: bool = True,
    min_group_size: int | None = None,
):
    """The "you said, we did" report model for a project file and its responses."""
    from coscore.io.loaders import load_project
    from coscore.participants import build_participants_report
    from coscore.scoring import DEFAULT_MIN_GROUP_SIZE

    loaded = load_project(project_path)
    responses = load_all_responses(response_paths, rubric, mapping=mapping)
    return build_participants_report(
        loaded.project,
        rubric,
        tuple(r.response for r in responses),
        redact=redact,
        min_group_size=min_group_size or DEFAULT_MIN_GROUP_SIZE,
    )
