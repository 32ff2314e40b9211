"""`coscore check` and `coscore baseline`: find the files, score and lint them once, apply the policy.

``run_check`` never raises for bad input: every problem ends up in the
``CheckReport``, whose exit code is a pure function of its contents.
"""

from __future__ import annotations

import os
from pathlib import Path

from coscore.errors import Diagnostic, InputProblems, SourceLocation
from coscore.io import files as filesystem
from coscore.io.config import CONFIG_NAMES
from coscore.io.loaders import load_project, project_from_text, read_baseline, read_previous_scores
from coscore.models.config import LoadedConfig
from coscore.workflows import rubrics
from coscore.workflows.score import assess_loaded


def find_check_files(
    paths: list[str], loaded: LoadedConfig, cwd: Path, *, skip_other_files: bool = False, texts: dict[str, str] | None = None, read_are_projects: bool = False
) -> tuple[list[str], list[str], list[Diagnostic]]:
    """Sort the paths to check into (project files, documents, problems).

    With no ``paths``, the configuration's ``projects`` and ``documents`` globs are
    searched from the configuration file's folder. Named paths are kept as given,
    except that when the configuration has globs, a named file they do not cover
    is left out (pre-commit passes every staged file that looks right by name).
    Folders are searched for YAML and Markdown files (``filesystem.walk_files``).
    ``texts``: if given, filled with shown path -> text of each file read to tell
    whether it is a project file, so that it is not read a second time.
    ``read_are_projects``: a file this run has read already counts as a project file
    without being read again (for listing the run's inputs after it).
    """
    config = loaded.config
    root = Path(loaded.root).resolve()
    project_globs = [filesystem.glob_regex(p) for p in config.projects]
    document_globs = [filesystem.glob_regex(p) for p in config.documents]
    exclude_globs = [filesystem.glob_regex(p) for p in config.exclude]
    projects: list[str] = []
    documents: list[str] = []
    problems: list[Diagnostic] = []
    # the configuration and the files it names are settings, never projects, whatever the globs match
    settings_files = {p for p in (loaded.path, config.rubric, config.baseline, *config.lint.rule_files) if p}
    not_projects = {os.path.realpath(os.path.join(cwd, p)) for p in settings_files}

    def classify(path: Path, shown: str, named: bool) -> None:
        relative = filesystem.relative_to(path, root)
        if relative is not None and filesystem.excluded(relative, exclude_globs):
            return
        if path.name in CONFIG_NAMES or os.path.realpath(path) in not_projects:
            return
        if path.suffix.lower() in filesystem.DOCUMENT_SUFFIXES:
            if document_globs:
                if relative is not None and filesystem.matches_any(relative, document_globs):
                    documents.append(shown)
            elif named and not skip_other_files:
                documents.append(shown)
            return
        if project_globs:
            if relative is not None and filesystem.matches_any(relative, project_globs):
                projects.append(shown)
            return
        if (named and not skip_other_files) or (read_are_projects and filesystem.was_read(path)) or filesystem.looks_like_project(path, texts):
            if texts is not None and str(path) in texts:
                texts[shown] = texts.pop(str(path))
            projects.append(shown)

    if not paths:
        if loaded.path is None:
            problems.append(no_configuration(Path(loaded.root)))
            return projects, documents, problems
        if not (config.projects or config.documents):
            where = loaded.path
            problems.append(
                Diagnostic(
                    location=SourceLocation(path=loaded.path or "."),
                    message=f"no files to check: none were named and {where} does not say which files are project files",
                    hint="name the files (coscore check projects/*.yaml), or add 'projects: [\"projects/**/*.yaml\"]' to .coscore.yaml",
                    code="usage",
                )
            )
            return projects, documents, problems
        paths = [str(root)]
        walking_root = True
    else:
        walking_root = False
    for given in paths:
        path = Path(given)
        if filesystem.is_folder(path):
            for full in filesystem.walk_files(path, filesystem.YAML_SUFFIXES + filesystem.DOCUMENT_SUFFIXES):
                classify(full, filesystem.shown_path(full, cwd), named=False)
        else:
            classify(path, given, named=True)
    if walking_root and not projects and not documents:
        problems.append(
            Diagnostic(
                location=SourceLocation(path=loaded.path or "."),
                message="the globs under 'projects' and 'documents' match no files",
                hint="check the globs; they are relative to the folder holding the configuration file",
                code="usage",
            )
        )
    return projects, documents, problems



def lint_documents(
    documents: list[str], loaded: LoadedConfig, rubric=None, *, allow_outside_repo: bool = False, projects_read: dict | None = None
) -> tuple[list, list[Diagnostic], object]:
    """Lint strategy documents as `coscore lint` does, with the repository's lint settings and rubric.

    Returns (findings, problems, the rule set used or None); the rule set is built once, here.
    ``projects_read``: real path -> (loaded project, facts, assessment) already made by this
    check, so a document's linked project file is neither read nor scored a second time
    (its facts are reused when they were computed with the evidence age the linter uses).
    """
    if not documents:
        return [], [], None
    from coscore.workflows.lint import lint_for_check, lint_rule_set, lint_settings_locator, summarise_loaded, summarise_project

    same_options = loaded.config.evidence_max_age_months is None  # the linter scores with the rubric's evidence age

    def summary(path):
        already = (projects_read or {}).get(filesystem.real_path(path))
        if already is None:
            return summarise_project(path, rubric)
        project, facts, assessment = already
        return summarise_loaded(project, rubric, scored=(facts, assessment) if same_options else None)

    lint = loaded.config.lint
    try:
        rules = lint_rule_set(
            lint.rule_files,
            lint.disable,
            disabled_source=f"{loaded.path or 'configuration'}: lint.disable",
            enabled=lint.enable,
            vocabulary=lint.vocabulary,
            settings_locate=lint_settings_locator(loaded),
        )
    except InputProblems as exc:
        return [], list(exc.diagnostics), None
    findings, problems = lint_for_check(
        documents, rules=rules, project_resolver=summary if rubric is not None else None, allow_outside_repo=allow_outside_repo
    )
    return findings, problems, rules


def run_check(
    paths: list[str], loaded: LoadedConfig, cwd: Path, *, skip_other_files: bool = False, baseline: str | None = None, compare_with: str | None = None, allow_outside_repo: bool = False
):
    """Check every project file and document; returns a ``CheckReport`` (never raises for bad input)."""
    from coscore import policy
    from coscore.models.check import CheckReport, FileResult
    from coscore.scoring import project_facts

    config = loaded.config
    problems: list[Diagnostic] = []
    try:
        rubric = rubrics.load_rubric(config.rubric)
    except InputProblems as exc:
        return CheckReport(files=(), problems=tuple(_configured_rubric_problems(exc.diagnostics, loaded)), config_path=loaded.path)
    problems.extend(policy.unknown_settings(config, rubric, loaded.locate))
    known: frozenset[str] = frozenset()
    previous = None
    try:
        if baseline:
            known = read_baseline(baseline)
        if compare_with:
            previous = read_previous_scores(compare_with)
    except InputProblems as exc:
        problems.extend(exc.diagnostics)
    if problems:
        return CheckReport(files=(), problems=tuple(problems), config_path=loaded.path)
    texts: dict[str, str] = {}  # files already read to tell whether they are projects
    projects, documents, found_problems = find_check_files(paths, loaded, cwd, skip_other_files=skip_other_files, texts=texts)
    problems.extend(found_problems)
    files, changes = [], []
    projects_read: dict[str, tuple] = {}  # real path -> (loaded project, facts, assessment), for documents that link to it
    for path in projects:
        try:
            loaded_project = project_from_text(texts.pop(path), path) if path in texts else load_project(path)
        except InputProblems as exc:
            problems.extend(exc.diagnostics)
            continue
        facts = project_facts(loaded_project.project, rubric, max_age_months=config.evidence_max_age_months)
        assessment = assess_loaded(loaded_project, rubric, max_age_months=config.evidence_max_age_months, facts=facts)
        projects_read[filesystem.real_path(path)] = (loaded_project, facts, assessment)
        key_path = filesystem.relative_to(Path(path), Path(loaded.root).resolve()) or path
        findings = policy.project_findings(assessment, config, key_path=key_path)
        here = Path(path).parent
        findings += policy.evidence_path_findings(
            loaded_project.project,
            loaded_project.parsed.location,
            loaded_project.path,
            lambda source: not filesystem.exists(here / source),
            key_path=key_path,
        )
        if known:
            findings = policy.suppress_baselined(findings, known, baseline)
        files.append(FileResult(path=path, kind="project", assessment=assessment, findings=tuple(findings), minimums=policy.minimums(assessment, config)))
        if previous is not None and (len(projects) == 1 or filesystem.same_file(previous.get("project", {}).get("file"), path)):
            changes.extend(policy.compare(assessment, previous))
    lint_findings, lint_problems, lint_rules = lint_documents(documents, loaded, rubric, allow_outside_repo=allow_outside_repo, projects_read=projects_read)
    problems.extend(lint_problems)
    by_document: dict[str, list] = {d: [] for d in documents}
    for finding in lint_findings:
        by_document.setdefault(finding.location.path, []).append(finding)
    for path, findings in by_document.items():
        if known:
            findings = policy.suppress_baselined(findings, known, baseline)
        files.append(FileResult(path=path, kind="document", findings=tuple(findings), fail_level=config.lint.fail_level))
    return CheckReport(
        files=tuple(files),
        problems=tuple(problems),
        changes=tuple(changes),
        rules=policy.rule_infos(rubric) + _lint_rule_infos(lint_findings, lint_rules),
        config_path=loaded.path,
        baseline_path=baseline,
    )


def _configured_rubric_problems(problems, loaded: LoadedConfig) -> list[Diagnostic]:
    """An unknown rubric id that the configuration file gave: pointed at its line there, and not quoted in full."""
    from coscore.safe_text import masked

    ref = loaded.config.rubric
    if not (ref and loaded.path and ref in loaded.text):
        return list(problems)
    return [
        d._replace(location=loaded.locate("rubric"), message=f"rubric: no rubric called {masked(ref)}") if d.location.path == ref and d.message.startswith("no rubric called") else d
        for d in problems
    ]


def _lint_rule_infos(findings, rule_set) -> tuple:
    """Descriptions of the lint rules that produced findings, for SARIF's rule list."""
    if not findings or rule_set is None:
        return ()
    from coscore.models.check import RuleInfo

    used = {f.rule_id for f in findings}
    return tuple(
        RuleInfo(id=c.rule.id, title=f"{c.rule.family}: {c.rule.id}", description=c.rule.reason, help=c.rule.suggestion, source=c.rule.source)
        for c in rule_set.rules
        if c.rule.id in used
    )


CONFIG_EXAMPLE = ('projects: ["projects/**/*.yaml"]', "fail_on: [error]")


def no_configuration(cwd: Path) -> Diagnostic:
    """What to say when no files were named and no configuration says which to check: which file to add, where."""
    from coscore.io.files import repository_root

    top = repository_root(str(cwd)) or cwd
    target = top / ".coscore.yaml"
    return Diagnostic(
        location=SourceLocation(path="."),
        message=f"no files to check: no files were named and there is no configuration file; add {target} to say which files to check",
        hint=f"for example, these two lines: {CONFIG_EXAMPLE[0]} and {CONFIG_EXAMPLE[1]}; or name the files: coscore check projects/*.yaml",
        code="no-config",
    )


def load_check_config(
    config_path: str | None,
    cwd: Path,
    *,
    rubric: str | None = None,
    evidence_max_age: int | None = None,
    fail_on: tuple[str, ...] | None = None,
    fail_under: int | None = None,
    minimums: dict[str, int] | None = None,
    allow_outside_repo: bool = False,
) -> LoadedConfig:
    """The configuration file (found from ``cwd``, or named) with command-line settings laid over it.

    Settings left as None keep the file's value; ``minimums`` adds to (or replaces)
    the file's per-dimension minimum scores. Raises ``InputProblems``.
    """
    from coscore.io.config import load_config, outside_repository

    loaded = load_config(config_path, cwd=cwd)
    if not allow_outside_repo:
        outside = outside_repository(loaded, cwd)
        if outside:
            raise InputProblems(outside)
    update: dict = {}
    if rubric is not None:
        update["rubric"] = rubric
    if evidence_max_age is not None:
        update["evidence_max_age_months"] = evidence_max_age
    if fail_on is not None:
        update["fail_on"] = fail_on
    if update:
        loaded = loaded._replace(config=loaded.config.model_copy(update=update))
    under = loaded.config.fail_under
    if fail_under is not None:
        under = under.model_copy(update={"overall": fail_under})
    if minimums:
        under = under.model_copy(update={"dimensions": {**under.dimensions, **minimums}})
    if under is not loaded.config.fail_under:
        loaded = loaded._replace(config=loaded.config.model_copy(update={"fail_under": under}))
    return loaded


def named_inputs(paths: list[str], loaded: LoadedConfig, cwd: Path) -> tuple[str, ...]:
    """Every file a check of ``paths`` is asked to read, whether or not the run got to read it.

    The configuration file and the files it names (rubric, baseline, rule files),
    the files named or matched by its globs, and the project files their documents
    link to: an output written by the same run must not replace any of them, even
    when a problem stopped the run before it read them.
    """
    from coscore.workflows.lint import linked_project

    config = loaded.config
    names = [*paths, *([loaded.path] if loaded.path else []), *(r for r in (config.rubric, config.baseline) if r), *config.lint.rule_files]
    # after a run: what it read is protected already, so nothing is read a second time to list it
    projects, documents, _ = find_check_files(paths, loaded, cwd, read_are_projects=True)
    names += projects + documents
    names += [p for p in map(linked_project, (d for d in documents if not filesystem.was_read(d))) if p]
    return tuple(names)


def record_baseline(paths: list[str], loaded: LoadedConfig, cwd: Path, output: str, *, force: bool = False, allow_outside_repo: bool = False):
    """`coscore baseline`: check the files and write every unsuppressed finding to ``output``.

    ``output`` ``-`` means: do not write, return the text. An existing file that is
    not a baseline is replaced only with ``force``. Returns (the ``CheckReport``, the
    baseline text when ``output`` is ``-``, else None); raises ``InputProblems`` when
    an input is unusable or the file cannot be written.
    """
    from coscore.io.files import check_destination, write_atomic
    from coscore.io.loaders import baseline_text
    from coscore.workflows.lint import refuse_non_baseline

    report = run_check(paths, loaded, cwd, allow_outside_repo=allow_outside_repo)
    if report.problems:
        raise InputProblems(list(report.problems))
    text = baseline_text([f for f in report.findings if not f.suppressed])
    if output == "-":
        return report, text
    inputs = named_inputs(paths, loaded, cwd)
    check_destination(output, protect=inputs)  # an input is refused whatever --force says
    refuse_non_baseline(output, force=force)
    write_atomic(output, text, protect=inputs)
    return report, None
