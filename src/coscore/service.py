"""The one module that touches the file system: read inputs, load models, score.

Everything here either returns values or raises ``InputProblems`` carrying
located diagnostics; the command line turns those into exit code 2.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from coscore.errors import Diagnostic, InputProblems, SourceLocation
from coscore.models.assessment import Assessment
from coscore.models.project import ProjectFile
from coscore.models.rubric import Rubric

MAX_INPUT_BYTES = 5 * 1024 * 1024


@dataclass(frozen=True)
class LoadedProject:
    project: ProjectFile
    path: str
    parsed: object  # yamlio.ParsedYaml, kept for locations


def read_text(path: str | Path, *, max_bytes: int = MAX_INPUT_BYTES) -> str:
    """Read a UTF-8 text file, turning every way it can fail into a diagnostic."""
    shown = str(path)
    where = SourceLocation(path=shown)
    p = Path(path)
    try:
        if p.is_dir():
            raise InputProblems([Diagnostic(location=where, message="this is a folder, not a file", hint="give the path of a .yaml file inside it")])
        if not p.exists():
            hint = "check the spelling and the folder you are in"
            if p.is_symlink():
                hint = "it is a link to a file that no longer exists"
            raise InputProblems([Diagnostic(location=where, message="no such file", hint=hint)])
        size = p.stat().st_size
        if size > max_bytes:
            raise InputProblems(
                [Diagnostic(location=where, message=f"the file is too large to read ({size:,} bytes; the limit is {max_bytes:,})", hint="split it up, or raise the limit with --max-bytes")]
            )
        with p.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except PermissionError:
        raise InputProblems([Diagnostic(location=where, message="coscore is not allowed to read this file", hint="check the file's permissions")]) from None
    except OSError as exc:
        raise InputProblems([Diagnostic(location=where, message=f"the file could not be read: {exc.strerror or exc}", hint="check the path")]) from None
    if len(data) > max_bytes:
        raise InputProblems([Diagnostic(location=where, message=f"the file is too large to read (the limit is {max_bytes:,} bytes)", hint="split it up")])
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise InputProblems(
            [Diagnostic(location=SourceLocation(path=shown, line=line, column=col), message="the file is not UTF-8 text", hint="save it as UTF-8 in your editor")]
        ) from None


def load_project(path: str | Path) -> LoadedProject:
    from coscore import yamlio

    shown = str(path)
    parsed = yamlio.parse_yaml(read_text(path), shown)
    project = yamlio.validate(ProjectFile, parsed)
    _check_dates(project, parsed)
    return LoadedProject(project=project, path=shown, parsed=parsed)


def _check_dates(project: ProjectFile, parsed) -> None:
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
    if project.budget and project.budget.lived_experience_controlled > project.budget.total:
        problems.append(
            Diagnostic(
                location=parsed.location(("budget", "lived_experience_controlled")),
                message="budget.lived_experience_controlled is more than budget.total",
                hint="the controlled amount is part of the total",
            )
        )
    if problems:
        raise InputProblems(problems)


def load_rubric(ref: str | None) -> Rubric:
    """Load a rubric by packaged id, or from a path when ``ref`` names a file."""
    from coscore import catalog, yamlio
    from coscore.scoring import unknown_facts

    ref = ref or catalog.DEFAULT_RUBRIC
    text = catalog.packaged_rubric_text(ref) if "/" not in ref and not ref.endswith((".yaml", ".yml")) else None
    if text is None:
        if not Path(ref).exists() and "/" not in ref and not ref.endswith((".yaml", ".yml")):
            known = ", ".join(catalog.packaged_rubrics())
            raise InputProblems(
                [Diagnostic(location=SourceLocation(path=ref), message=f"no rubric called '{ref}'", hint=f"use one of: {known}, or give a path to a rubric .yaml file", code="usage")]
            )
        text, shown = read_text(ref), ref
    else:
        shown = f"rubrics/{ref}.yaml"
    parsed = yamlio.parse_yaml(text, shown)
    rubric = yamlio.validate(Rubric, parsed)
    unknown = unknown_facts(rubric)
    if unknown:
        from coscore.facts import FACTS
        import difflib

        problems = []
        for path, name in unknown:
            close = difflib.get_close_matches(name or "", list(FACTS), n=1)
            hint = f"did you mean '{close[0]}'? " if close else ""
            problems.append(
                Diagnostic(location=parsed.location(path), message=f"unknown fact '{name}'", hint=hint + "run 'coscore rubric facts' to list the facts")
            )
        raise InputProblems(problems)
    return rubric


def assess_file(path: str | Path, rubric: Rubric, *, as_of: dt.date | None = None, max_age_months: int | None = None) -> Assessment:
    from coscore.scoring import assess

    loaded = load_project(path)
    return assess(
        loaded.project,
        rubric,
        as_of=as_of,
        max_age_months=max_age_months,
        source_path=loaded.path,
        locate=lambda p: loaded.parsed.location(p),
    )


def write_atomic(path: str | Path, text: str, *, protect: tuple[str | Path, ...] = ()) -> None:
    """Write ``text`` to ``path`` via a temporary file and a rename.

    Refuses (with a diagnostic) to write over any file in ``protect``, which
    callers use for the input files of the same run.
    """
    target = Path(path)
    for other in protect:
        try:
            if target.exists() and Path(other).exists() and target.resolve() == Path(other).resolve():
                raise InputProblems(
                    [Diagnostic(location=SourceLocation(path=str(path)), message="refusing to write over an input file", hint="choose a different --output path", code="usage")]
                )
        except OSError:
            continue
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise InputProblems([Diagnostic(location=SourceLocation(path=str(path)), message="the folder to write into does not exist", hint="create it first or choose another path", code="usage")])
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        if target.exists():
            os.chmod(tmp, target.stat().st_mode & 0o777)
        else:
            os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


# --- Linting strategy documents (issue 5) -------------------------------------------------
# Reading Markdown documents, following their `coscore-project:` links and
# loading rule files happen here; the matching itself is pure (coscore.lint.engine).

DOCUMENT_SUFFIXES = (".md", ".markdown")


def lint_rule_set(extra_rule_files=(), disabled=(), *, disabled_source: str = "--disable"):
    """The built-in lint rules plus team rule files, minus the ids in ``disabled``.

    Raises ``InputProblems`` (located at the rule file's line and column) when a
    rule file is unreadable or invalid, or a disabled id does not exist.
    """
    from coscore.lint.rules import builtin_rule_texts, load_rules

    sources = [(text, f"lint/rules/{name}") for name, text in builtin_rule_texts().items()]
    problems = []
    for path in extra_rule_files:
        try:
            sources.append((read_text(path), str(path)))
        except InputProblems as exc:
            problems.extend(exc.diagnostics)
    if problems:
        raise InputProblems(problems)
    return load_rules(sources, disabled=tuple(disabled), disabled_source=disabled_source)


def summarise_project(path: str | Path, rubric: Rubric | None = None):
    """Score a project file and keep what the linter checks claims against.

    Raises ``InputProblems`` when the file is missing or invalid.
    """
    from coscore.facts import compute_facts
    from coscore.lint.engine import ProjectSummary
    from coscore.scoring import assess

    rubric = rubric or load_rubric(None)
    loaded = load_project(path)
    assessment = assess(loaded.project, rubric, source_path=loaded.path, locate=lambda p: loaded.parsed.location(p))
    facts = compute_facts(loaded.project, assessment.assessed_on, assessment.evidence_max_age_months)
    return ProjectSummary(
        path=loaded.path,
        ladder_rung=assessment.ladder_rung,
        ladder_rung_title=assessment.ladder_rung_title,
        red_flags=tuple((f.id, f.title) for f in assessment.red_flags),
        facts=facts,
    )


def expand_documents(paths) -> tuple[list[str], list[Diagnostic]]:
    """Files as given; folders become the Markdown files inside them (hidden folders skipped)."""
    files: list[str] = []
    problems: list[Diagnostic] = []
    for path in paths:
        p = Path(path)
        if p.is_dir():
            found = sorted(
                str(f)
                for f in p.rglob("*")
                if f.is_file() and f.suffix.lower() in DOCUMENT_SUFFIXES and not any(part.startswith(".") for part in f.relative_to(p).parts)
            )
            if not found:
                problems.append(Diagnostic(location=SourceLocation(path=str(path)), message="this folder holds no Markdown (.md) files", hint="give the path of a .md file or of a folder that has some", code="usage"))
            files.extend(found)
        else:
            files.append(str(path))
    return files, problems


def lint_documents(paths, *, extra_rule_files=(), disabled=(), rules=None, project_resolver=None, max_bytes: int = MAX_INPUT_BYTES):
    """Lint Markdown documents and return a ``coscore.lint.engine.LintResult``.

    ``paths``: files or folders (folders are searched for .md files).
    ``extra_rule_files``: team rule files added to the built-in rules.
    ``disabled``: rule ids to switch off.
    ``rules``: an already loaded ``RuleSet`` (then the two options above are ignored).
    ``project_resolver``: called with the resolved path of a document's
    ``coscore-project:`` file and returns a ``ProjectSummary`` or raises
    ``InputProblems``; the default scores it with the default rubric.

    Problems with rule files raise ``InputProblems``. Problems with documents
    and linked project files are returned in ``LintResult.diagnostics`` so the
    other documents are still linted.
    """
    import os

    from coscore.lint.engine import LintResult, lint_prose, project_link
    from coscore.lint.markdown import extract

    rule_set = rules if rules is not None else lint_rule_set(extra_rule_files, disabled)
    resolver = project_resolver or summarise_project
    files, diagnostics = expand_documents(paths)
    findings = []
    unchecked = 0
    projects: dict[str, object] = {}  # resolved path -> ProjectSummary, or None when it could not be read
    for path in files:
        try:
            text = read_text(path, max_bytes=max_bytes)
        except InputProblems as exc:
            diagnostics.extend(exc.diagnostics)
            continue
        prose = extract(text)
        link = project_link(prose, path)
        summary, link_text = None, ""
        if isinstance(link, Diagnostic):
            diagnostics.append(link)
            link_text = "(unreadable front matter)"
        elif link is not None:
            link_text, where = link
            target = os.path.normpath(os.path.join(os.path.dirname(path), link_text))
            if not Path(target).is_file():
                diagnostics.append(Diagnostic(location=where, message=f"the linked project file '{link_text}' does not exist (looked for {target})", hint="fix the path after 'coscore-project:'; it is relative to this document"))
            else:
                if target not in projects:
                    try:
                        projects[target] = resolver(target)
                    except InputProblems as exc:
                        projects[target] = None
                        diagnostics.extend(exc.diagnostics)  # reported once, however many documents link the file
                summary = projects[target]
                if summary is None:
                    diagnostics.append(Diagnostic(location=where, message=f"the linked project file '{link_text}' has problems (see the messages for {target})", hint="fix the project file, or the path after 'coscore-project:'"))
            link_text = target
        result = lint_prose(prose, path, rule_set, summary, link_text)
        findings.extend(result.findings)
        unchecked += result.unchecked_claims
    return LintResult(files=tuple(files), findings=tuple(findings), diagnostics=tuple(diagnostics), unchecked_claims=unchecked)


def load_baseline(path: str | Path) -> set[str]:
    """Fingerprints listed in a baseline file (the JSON that 'coscore lint --format json' prints)."""
    import json

    shown = str(path)
    text = read_text(path)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputProblems([Diagnostic(location=SourceLocation(path=shown, line=exc.lineno, column=exc.colno), message=f"the baseline is not valid JSON: {exc.msg}", hint="create it with 'coscore lint FILES --write-baseline FILE'")]) from None
    items = data.get("findings") if isinstance(data, dict) else None
    if not isinstance(items, list) or not all(isinstance(i, dict) and isinstance(i.get("fingerprint"), str) for i in items):
        raise InputProblems([Diagnostic(location=SourceLocation(path=shown), message="the baseline has no 'findings' list with a 'fingerprint' in each entry", hint="create it with 'coscore lint FILES --write-baseline FILE'")])
    return {i["fingerprint"] for i in items}
