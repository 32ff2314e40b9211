"""Scoring one project file, with or without response files from many people.

``score`` and ``explain`` call ``assess_file`` or ``assess_with_responses``;
``report`` calls ``assess_inputs`` to keep the loaded files it needs afterwards.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import NamedTuple

from coscore.errors import InputProblems, SourceLocation
from coscore.io.loaders import LoadedProject, LoadedResponse, check_rated_dimensions, load_project, project_from_text
from coscore.models.assessment import Assessment
from coscore.models.rubric import Rubric


class AssessedInputs(NamedTuple):
    """An assessment together with the project and response files it was made from (each read once)."""

    assessment: Assessment
    project: LoadedProject
    responses: tuple[LoadedResponse, ...]


def assess_file(path: str | Path, rubric: Rubric, *, as_of: dt.date | None = None, max_age_months: int | None = None) -> Assessment:
    """Read and score one project file; raises ``InputProblems``."""
    return assess_loaded(load_project(path), rubric, as_of=as_of, max_age_months=max_age_months)


def assess_loaded(loaded, rubric: Rubric, *, as_of: dt.date | None = None, max_age_months: int | None = None, facts: dict | None = None) -> Assessment:
    """Score a project file already loaded (``io.loaders.LoadedProject``); ``facts``: computed already with the same options."""
    from coscore.scoring import assess

    return assess(
        loaded.project,
        rubric,
        as_of=as_of,
        max_age_months=max_age_months,
        source_path=loaded.path,
        locate=lambda p: loaded.parsed.location(p),
        facts=facts,
    )



def assess_with_responses(
    path: str | Path,
    rubric: Rubric,
    response_paths: list[str] | tuple[str, ...] = (),
    *,
    as_of: dt.date | None = None,
    max_age_months: int | None = None,
    min_group_size: int | None = None,
    mapping: str | None = None,
    preloaded: tuple | None = None,
) -> Assessment:
    """Score a project file together with response files or survey exports; see ``assess_inputs``."""
    return assess_inputs(
        path, rubric, response_paths, as_of=as_of, max_age_months=max_age_months, min_group_size=min_group_size, mapping=mapping, preloaded=preloaded
    ).assessment


def assess_inputs(
    path: str | Path,
    rubric: Rubric,
    response_paths: list[str] | tuple[str, ...] = (),
    *,
    as_of: dt.date | None = None,
    max_age_months: int | None = None,
    min_group_size: int | None = None,
    mapping: str | None = None,
    preloaded: tuple | None = None,
) -> AssessedInputs:
    """Score a project file together with response files; return the assessment and the loaded files.

    Facts decide every level. Ratings from the project's ``self_ratings`` and
    from the response files are reported per perspective; a response file's
    ratings count exactly like ``self_ratings`` records (including for the
    only-staff red flag), with locations pointing into the response file.
    """
    from coscore.scoring import DEFAULT_MIN_GROUP_SIZE, assess
    from coscore.workflows.voices import load_all_responses

    loaded = load_project(path)
    problems = check_rated_dimensions(loaded.project.self_ratings, "self_ratings", rubric, loaded.parsed)
    try:
        # survey exports (.csv, .xlsx) count one response per row (issue 17); ``preloaded`` is a portfolio's share
        responses = preloaded if preloaded is not None else load_all_responses(response_paths, rubric, mapping=mapping)
    except InputProblems as exc:
        problems += exc.diagnostics
        responses = ()
    if problems:
        raise InputProblems(problems)
    ratings = list(loaded.project.self_ratings)
    # Where each merged rating came from, so red flags point at the right file and line.
    origin: dict[int, tuple[object, int]] = {}
    for item in responses:
        given = [j for j, r in enumerate(item.response.ratings) if r.level is not None]
        for j, rating in zip(given, item.response.as_self_ratings()):
            origin[len(ratings)] = (item.parsed, j)
            ratings.append(rating)
    project = loaded.project.model_copy(update={"self_ratings": tuple(ratings)})

    def locate(p: tuple) -> SourceLocation:
        if len(p) >= 2 and p[0] == "self_ratings" and p[1] in origin:
            parsed, j = origin[p[1]]
            return parsed.location(("ratings", j, *p[2:]))
        return loaded.parsed.location(p)

    assessment = assess(
        project,
        rubric,
        as_of=as_of,
        max_age_months=max_age_months,
        source_path=loaded.path,
        locate=locate,
        min_group_size=min_group_size or DEFAULT_MIN_GROUP_SIZE,
    )
    # A red flag that points at a merged rating names the rating in its response file, not in self_ratings.
    flags = []
    for flag in assessment.red_flags:
        match = re.fullmatch(r"self_ratings\[(\d+)\](.*)", flag.where)
        if match and int(match.group(1)) - 1 in origin:
            j = origin[int(match.group(1)) - 1][1]
            flag = flag._replace(where=f"ratings[{j + 1}]{match.group(2)}")
        flags.append(flag)
    return AssessedInputs(assessment._replace(red_flags=tuple(flags)), loaded, responses)



def score_text(text: str, label: str, rubric: Rubric, as_of: dt.date | None) -> Assessment:
    """Score project text that is not on disk (an old version); raises ``InputProblems``."""
    from coscore.scoring import assess

    loaded = project_from_text(text, label)
    return assess(loaded.project, rubric, as_of=loaded.project.assessed_on or as_of, source_path=label, locate=loaded.parsed.location)

