"""Loaders: one input file in, a validated model (with its places) or located diagnostics out.

Project files, rubric files, response files, baselines and saved scores. Each
loader reads the file once (through ``coscore.io.files``), parses it once and
raises ``InputProblems`` for every problem it finds, all at once.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import NamedTuple

from coscore.errors import Diagnostic, InputProblems, SourceLocation
from coscore.io.files import exists, expand_paths, is_folder, read_json, read_text
from coscore.models.project import ProjectFile
from coscore.models.rubric import Rubric


class LoadedProject(NamedTuple):
    """A validated project file, the name it is shown under, and its parsed YAML (for locations)."""

    project: ProjectFile
    path: str
    parsed: object  # yamlio.ParsedYaml, kept for locations



def load_project(path: str | Path) -> LoadedProject:
    """Read, parse and check a project file; raises ``InputProblems``."""
    return project_from_text(read_text(path), str(path))


def project_from_text(text: str, shown: str) -> LoadedProject:
    """Parse and check project YAML that may not be on disk (an old version from git); ``shown`` names it in errors."""
    from coscore.io import yamlio

    parsed = yamlio.parse_yaml(text, shown)
    project = yamlio.validate(ProjectFile, parsed)
    check_dates(project, parsed)
    return LoadedProject(project=project, path=shown, parsed=parsed)


def check_dates(project: ProjectFile, parsed) -> None:
    """Facts that are individually valid but impossible together."""
    problems = []
    p = project.project
    if p.started_on and p.funding_ends_on and p.funding_ends_on < p.started_on:
        problems.append(
            Diagnostic(
                location=parsed.location(("project", "funding_ends_on")),
                message="project.funding_ends_on is before project.started_on",
                hint="check both dates",
            )
        )
    for i, body in enumerate(project.decision_bodies):
        if body.lived_experience_seats > body.seats:
            problems.append(
                Diagnostic(
                    location=parsed.location(("decision_bodies", i, "lived_experience_seats")),
                    message=f"decision_bodies.lived_experience_seats ({body.lived_experience_seats}) is more than seats ({body.seats})",
                    hint="lived-experience seats are part of the total seats",
                )
            )
        if body.votes is not None and body.lived_experience_votes is not None and body.lived_experience_votes > body.votes:
            problems.append(
                Diagnostic(
                    location=parsed.location(("decision_bodies", i, "lived_experience_votes")),
                    message=f"decision_bodies.lived_experience_votes ({body.lived_experience_votes}) is more than votes ({body.votes})",
                    hint="lived-experience votes are part of the total votes",
                )
            )
        held_votes = body.lived_experience_votes
        if held_votes is not None and held_votes > body.lived_experience_seats:
            problems.append(
                Diagnostic(
                    location=parsed.location(("decision_bodies", i, "lived_experience_votes")),
                    message=f"decision_bodies.lived_experience_votes ({held_votes}) is more than lived_experience_seats ({body.lived_experience_seats})",
                    hint="only people who hold a seat can vote; raise lived_experience_seats or lower the votes",
                )
            )
        if body.votes is None and held_votes is not None and held_votes > body.seats:
            problems.append(
                Diagnostic(
                    location=parsed.location(("decision_bodies", i, "lived_experience_votes")),
                    message=f"decision_bodies.lived_experience_votes ({held_votes}) is more than seats ({body.seats}), which is also the number of votes",
                    hint="record 'votes:' if the body has more votes than seats",
                )
            )
        if body.lived_experience_veto and body.lived_experience_seats == 0:
            problems.append(
                Diagnostic(
                    location=parsed.location(("decision_bodies", i, "lived_experience_veto")),
                    message=f"decision_bodies.lived_experience_veto is true, but '{body.name}' has no lived-experience seats",
                    hint="a veto needs someone with lived experience on the body to use it; record their seats or remove the veto",
                )
            )
    advisory = {b.name.strip().casefold() for b in project.decision_bodies if b.kind.value == "advisory"}
    for i, decision in enumerate(project.decisions):
        if decision.decided_by.strip().casefold() in advisory:
            problems.append(
                Diagnostic(
                    location=parsed.location(("decisions", i, "decided_by")),
                    message=f"decisions.decided_by names '{decision.decided_by.strip()}', which is recorded as an advisory body",
                    hint="name the body that took the decision, and record the advice under 'involvement' (how: advised)",
                )
            )
    counted = [(i, f) for i, f in enumerate(project.funders)]
    if counted and sum(f.share_percent for _, f in counted) > 100.000001:
        last = counted[-1][0]
        total = sum(f.share_percent for _, f in counted)
        problems.append(
            Diagnostic(
                location=parsed.location(("funders", last, "share_percent")),
                message=f"funders.share_percent adds up to {total:g}%, more than 100%",
                hint="each funder's share is part of the whole; check the shares add up to 100 or less",
            )
        )
    budget = project.budget
    if budget and budget.allocations and sum(a.amount for a in budget.allocations) > budget.total:
        problems.append(
            Diagnostic(
                location=parsed.location(("budget", "allocations")),
                message="budget.allocations add up to more than budget.total",
                hint="allocations are parts of the total budget",
            )
        )
    if project.budget and (project.budget.lived_experience_controlled or 0) > project.budget.total:
        problems.append(
            Diagnostic(
                location=parsed.location(("budget", "lived_experience_controlled")),
                message="budget.lived_experience_controlled is more than budget.total",
                hint="the controlled amount is part of the total",
            )
        )
    if problems:
        raise InputProblems(problems)




class LoadedResponse(NamedTuple):
    """A validated response file, the name it is shown under, and its parsed YAML (for locations)."""

    response: object  # models.responses.ResponseFile
    path: str
    parsed: object  # yamlio.ParsedYaml




def _unknown_dimension(rubric: Rubric, dimension_id: str, location: SourceLocation, field: str) -> Diagnostic:
    import difflib

    known = [d.id for d in rubric.dimensions]
    close = difflib.get_close_matches(dimension_id, known, n=1, cutoff=0.5)
    hint = f"did you mean '{close[0]}'? " if close else ""
    return Diagnostic(
        location=location,
        message=f"{field}: there is no dimension '{dimension_id}' in rubric {rubric.id}",
        hint=hint + f"run 'coscore rubric show {rubric.id}' to list the dimension ids",
    )


@functools.lru_cache(maxsize=1)
def _packaged_dimension_ids() -> frozenset[str]:
    """Dimension ids of every packaged rubric; read once per run, since they cannot change."""
    from coscore.io import catalog, yamlio

    ids: set[str] = set()
    for text in catalog.packaged_rubrics().values():
        data = yamlio.parse_yaml(text, "packaged").data
        ids |= {d.get("id") for d in (data or {}).get("dimensions", ()) if isinstance(d, dict)}
    return frozenset(ids)


def check_rated_dimensions(ratings, section: str, rubric: Rubric, parsed) -> list[Diagnostic]:
    """Every rating must name a dimension of ``rubric``, once per respondent, within its scale.

    A project file is not tied to one rubric, so its ``self_ratings`` may name
    dimensions of another packaged rubric; those are left out of this score,
    and only ids that no packaged rubric knows are errors (most likely typos).
    A response file names its rubric, so every id in it must be in ``rubric``.
    """
    problems = []
    seen: dict[str, int] = {}
    for i, r in enumerate(ratings):
        if rubric.dimension(r.dimension) is None:
            if section != "self_ratings" or r.dimension not in _packaged_dimension_ids():
                problems.append(_unknown_dimension(rubric, r.dimension, parsed.location((section, i, "dimension")), f"{section}.dimension"))
            continue
        if r.level is not None and r.level > rubric.max_level:
            problems.append(
                Diagnostic(
                    location=parsed.location((section, i, "level")),
                    message=f"{section}.level: must be at most {rubric.max_level} in rubric {rubric.id}, got {r.level}",
                    hint=f"use a whole number from 0 to {rubric.max_level}",
                )
            )
        if section == "ratings":
            if r.dimension in seen:
                problems.append(
                    Diagnostic(
                        location=parsed.location((section, i, "dimension")),
                        message=f"ratings.dimension: '{r.dimension}' is rated twice in this file (first at line {parsed.location((section, seen[r.dimension])).line})",
                        hint="one response file holds one person's rating of each dimension; keep one",
                    )
                )
            seen.setdefault(r.dimension, i)
    return problems


def load_response(path: str | Path, rubric: Rubric) -> LoadedResponse:
    """Read and check one response file against ``rubric``; raises ``InputProblems``."""
    from coscore.io import yamlio
    from coscore.models.responses import ResponseFile

    shown = str(path)
    parsed = yamlio.parse_yaml(read_text(path), shown)
    if isinstance(parsed.data, dict) and "coscore" in parsed.data and "coscore_response" not in parsed.data:
        raise InputProblems(
            [
                Diagnostic(
                    location=parsed.location(("coscore",), key=True),
                    message="this looks like a project file, not a response file",
                    hint="give project files as FILE and response files after --responses",
                )
            ]
        )
    response = yamlio.validate(ResponseFile, parsed)
    problems = []
    if response.rubric and response.rubric != rubric.id:
        problems.append(
            Diagnostic(
                location=parsed.location(("rubric",)),
                message=f"rubric: these ratings follow rubric '{response.rubric}', but the project is scored with '{rubric.id}'",
                hint=f"score with --rubric {response.rubric}, or make a new response file with 'coscore responses template --rubric {rubric.id}'",
            )
        )
    problems += check_rated_dimensions(response.ratings, "ratings", rubric, parsed)
    if problems:
        raise InputProblems(problems)
    return LoadedResponse(response=response, path=shown, parsed=parsed)


def load_responses(paths: list[str] | tuple[str, ...], rubric: Rubric) -> tuple[LoadedResponse, ...]:
    """Load response files (folders are expanded), reporting the problems of every file at once."""
    problems: list[Diagnostic] = []
    loaded: list[LoadedResponse] = []
    files = []
    for given in paths:
        found = expand_paths([given])
        if is_folder(given) and not found:
            problems.append(Diagnostic(location=SourceLocation(path=str(given)), message="this folder holds no .yaml response files", hint="check the folder, or give the files one by one"))
        files.extend(found)
    for path in files:
        try:
            loaded.append(load_response(path, rubric))
        except InputProblems as exc:
            problems.extend(exc.diagnostics)
    # A pseudonym stands for one person, so the same person must not be counted twice.
    first_use: dict[tuple[str, str], str] = {}
    for item in loaded:
        who = item.response.respondent
        key = (who.role.value, who.pseudonym.strip().lower())
        if not key[1]:
            continue
        if key in first_use:
            problems.append(
                Diagnostic(
                    location=item.parsed.location(("respondent", "pseudonym")),
                    message=f"respondent.pseudonym: '{who.pseudonym}' ({who.role.value}) is also used in {first_use[key]}",
                    hint="each response file is one person: keep one file if it is the same person, or choose another pseudonym",
                )
            )
        else:
            first_use[key] = item.path
    if problems:
        raise InputProblems(problems)
    return tuple(loaded)




def read_baseline(path: str | Path) -> frozenset[str]:
    """The fingerprints recorded by `coscore baseline`. Raises ``InputProblems`` if unreadable."""
    hint = "write it again with 'coscore baseline --output .coscore-baseline.json'"
    data = read_json(path, what="the baseline", hint=hint, code="baseline")
    findings = data.get("findings") if isinstance(data, dict) else None
    if not isinstance(data, dict) or data.get("coscore_baseline") != 1 or not isinstance(findings, list):
        raise InputProblems([Diagnostic(location=SourceLocation(path=str(path)), message="this is not a coscore baseline file", hint=hint, code="baseline")])
    return frozenset(str(f["fingerprint"]) for f in findings if isinstance(f, dict) and "fingerprint" in f)


def baseline_text(findings) -> str:
    """The baseline file: sorted so that re-running on unchanged files changes nothing."""
    import json

    records = sorted(
        ({"fingerprint": f.fingerprint, "rule_id": f.rule_id, "path": f.location.path, "message": f.message} for f in findings),
        key=lambda r: (r["path"], r["rule_id"], r["fingerprint"]),
    )
    unique = list({r["fingerprint"]: r for r in records}.values())
    return json.dumps({"coscore_baseline": 1, "findings": unique}, indent=2, ensure_ascii=False) + "\n"


def read_previous_scores(path: str | Path) -> dict:
    """A saved `coscore score --format json` document, for --compare."""
    hint = "save one with 'coscore score FILE --format json > previous.json'"
    data = read_json(path, what="the saved score", hint=hint, code="usage")
    if not isinstance(data, dict) or not isinstance(data.get("dimensions"), list):
        raise InputProblems([Diagnostic(location=SourceLocation(path=str(path)), message="this is not a saved coscore score", hint=hint, code="usage")])
    return data




def load_rubric_file(ref: str | None):
    """Read and validate a rubric, by packaged id or from a path; returns (Rubric, its ParsedYaml).

    Whether its conditions name real facts is checked one layer up, by
    ``coscore.workflows.rubrics.load_rubric``, where the fact table lives.
    """
    from coscore.io import catalog, yamlio

    ref = ref or catalog.DEFAULT_RUBRIC
    text = catalog.packaged_rubric_text(ref) if "/" not in ref and not ref.endswith((".yaml", ".yml")) else None
    if text is None:
        if not exists(ref) and "/" not in ref and not ref.endswith((".yaml", ".yml")):
            known = ", ".join(catalog.packaged_rubrics())
            raise InputProblems(
                [Diagnostic(location=SourceLocation(path=ref), message=f"no rubric called '{ref}'", hint=f"use one of: {known}, or give a path to a rubric .yaml file", code="usage")]
            )
        text, shown = read_text(ref), ref
    else:
        shown = f"rubrics/{ref}.yaml"
    parsed = yamlio.parse_yaml(text, shown)
    return yamlio.validate(Rubric, parsed), parsed


def load_saved_result(path: str | Path):
    """A saved `coscore score --format json` result as a ``SavedResult``; raises ``InputProblems``."""
    from coscore.io import yamlio
    from coscore.models.history import SavedResult

    shown = str(path)
    # JSON is YAML, so the YAML loader gives line and column for every problem.
    parsed = yamlio.parse_yaml(read_text(path), shown)
    if isinstance(parsed.data, dict) and "coscore" in parsed.data and "format_version" not in parsed.data:
        raise InputProblems([Diagnostic(location=SourceLocation(path=shown), message="this is a project file saved with a .json name", hint="rename it to .yaml")])
    if isinstance(parsed.data, dict) and "format_version" not in parsed.data:
        raise InputProblems(
            [Diagnostic(location=SourceLocation(path=shown), message="this JSON file is not a saved coscore result", hint="save one with 'coscore score FILE --format json > result.json'")]
        )
    return yamlio.validate(SavedResult, parsed)
