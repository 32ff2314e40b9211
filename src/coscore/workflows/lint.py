"""`coscore lint` (and the document half of `coscore check`): read documents, follow project links, apply the rules, fix terms.

Reading documents, following their `coscore-project:` links and loading rule
files happen here; the matching itself is pure (``coscore.lint.engine``).
"""

from __future__ import annotations

import os
from pathlib import Path

from coscore.errors import Diagnostic, InputProblems, SourceLocation
from coscore.io.files import expand_documents, inside, is_file, read_text
from coscore.io.loaders import load_project
from coscore.models.rubric import Rubric


def lint_settings_locator(loaded, option: str = "--enable"):
    """Where a word of the lint settings is written in the configuration file; ``option`` when
    the file does not hold it (it came from the command line)."""
    import re

    from coscore.errors import SourceLocation

    def locate(word: str) -> SourceLocation:
        if loaded.path and re.search(r"(?<![\w-])" + re.escape(word) + r"(?![\w-])", loaded.text):
            return loaded.locate(word)
        return SourceLocation(path=option)

    return locate


def lint_rule_set(extra_rule_files=(), disabled=(), *, disabled_source: str = "--disable", enabled=(), vocabulary=(), settings_locate=None):
    """The built-in lint rules plus team rule files, minus the ids in ``disabled``.

    ``enabled`` switches on rules that are off by default; ``vocabulary`` is the
    configuration's ``lint.vocabulary`` (accepted terms); ``settings_locate`` maps
    a word of those settings to where it is written.

    Raises ``InputProblems`` (located at the rule file's line and column) when a
    rule file is unreadable or invalid, or a disabled or enabled id does not exist.
    """
    from coscore.lint.rules import builtin_rule_texts, load_rules

    sources = [(text, f"lint/rules/{name}") for name, text in builtin_rule_texts().items()]
    problems = []
    seen: set[str] = set()
    for path in extra_rule_files:
        # the same file named twice (in the configuration and with --rules) is one set of rules
        key = os.path.realpath(path)
        if key in seen:
            continue
        seen.add(key)
        try:
            sources.append((read_text(path), str(path)))
        except InputProblems as exc:
            problems.extend(exc.diagnostics)
    if problems:
        raise InputProblems(problems)
    return load_rules(sources, disabled=tuple(disabled), disabled_source=disabled_source, enabled=tuple(enabled), vocabulary=tuple(vocabulary), settings_locate=settings_locate)


def repository_lint_rule_set(cwd: Path, extra_rule_files=(), disabled=(), enabled=()):
    """`coscore lint`'s rules: the repository configuration's lint settings (found from ``cwd``)
    with the command line's ``--rules``, ``--disable`` and ``--enable`` added. Raises ``InputProblems``."""
    from coscore.io.config import load_config

    loaded = load_config(None, cwd=cwd)
    settings = loaded.config.lint
    return lint_rule_set(
        (*settings.rule_files, *extra_rule_files),
        (*settings.disable, *disabled),
        enabled=(*settings.enable, *enabled),
        vocabulary=settings.vocabulary,
        settings_locate=lint_settings_locator(loaded),
    )


def summarise_project(path: str | Path, rubric: Rubric | None = None):
    """Score a project file and keep what the linter checks claims against.

    Raises ``InputProblems`` when the file is missing or invalid.
    """
    return summarise_loaded(load_project(path), rubric)


def summarise_loaded(loaded, rubric: Rubric | None = None, *, scored: tuple | None = None):
    """``summarise_project`` for a project file already loaded (``io.loaders.LoadedProject``): nothing is read again.

    ``scored``: (facts, assessment) already computed for it with the linter's options
    (the rubric's evidence age), so nothing is computed again either.
    """
    from coscore.lint.engine import ProjectSummary

    if scored is not None:
        facts, assessment = scored
    else:
        from coscore.scoring import assess, project_facts

        if rubric is None:
            from coscore.workflows.rubrics import load_rubric

            rubric = load_rubric(None)
        facts = project_facts(loaded.project, rubric)  # computed once, for scoring and for the claims
        assessment = assess(loaded.project, rubric, source_path=loaded.path, locate=lambda p: loaded.parsed.location(p), facts=facts)
    return ProjectSummary(
        path=loaded.path,
        ladder_rung=assessment.ladder_rung,
        ladder_rung_title=assessment.ladder_rung_title,
        red_flags=tuple((f.id, f.title) for f in assessment.red_flags),
        facts=facts,
    )



def lint_strategy_documents(
    paths, *, extra_rule_files=(), disabled=(), rules=None, project_resolver=None, max_bytes: int | None = None, project: str | None = None, markdown_texts: dict | None = None, allow_outside_repo: bool = False
):
    """Lint documents (Markdown, web pages, Word, PDF) and return a ``coscore.lint.engine.LintResult``.

    ``paths``: files or folders (folders are searched for documents).
    ``extra_rule_files``: team rule files added to the built-in rules.
    ``disabled``: rule ids to switch off.
    ``rules``: an already loaded ``RuleSet`` (then the two options above are ignored).
    ``project_resolver``: called with the resolved path of a document's
    ``coscore-project:`` file and returns a ``ProjectSummary`` or raises
    ``InputProblems``; the default scores it with the default rubric.
    ``project``: a project file for the documents whose front matter names none
    (Word, PDF and web pages have no front matter).
    ``markdown_texts``: if given, filled with path -> the text of each Markdown
    document exactly as read, for ``--fix``.

    Problems with rule files raise ``InputProblems``. Problems with documents
    and linked project files are returned in ``LintResult.diagnostics`` so the
    other documents are still linted. A link that leads outside the document's
    repository is refused unless ``allow_outside_repo``.
    """
    from coscore.io.documents import read_document
    from coscore.lint.documents import document_prose
    from coscore.lint.engine import LintResult, lint_prose, project_link

    rule_set = rules if rules is not None else lint_rule_set(extra_rule_files, disabled)
    resolver = project_resolver or summarise_project
    files, diagnostics = expand_documents(paths)
    findings = []
    layouts = []
    unchecked = 0
    projects: dict[str, object] = {}  # resolved path -> ProjectSummary, or None when it could not be read

    def summary_of(target: str):
        if target not in projects:
            try:
                projects[target] = resolver(target)
            except InputProblems as exc:
                projects[target] = None
                diagnostics.extend(exc.diagnostics)  # reported once, however many documents link the file
        return projects[target]

    if project is not None and not is_file(project):
        diagnostics.append(Diagnostic(location=SourceLocation(path=str(project)), message="the project file given with --project does not exist", hint="check the path; it is relative to the folder you run coscore in", code="usage"))
        project = None
    for path in files:
        try:
            document = document_prose(read_document(path, max_bytes=max_bytes))
        except InputProblems as exc:
            diagnostics.extend(exc.diagnostics)
            continue
        prose = document.prose
        layouts.append(document.layout)
        if markdown_texts is not None and document.layout.kind == "markdown":
            markdown_texts[path] = document.text
        link = project_link(prose, path)
        summary, link_text = None, ""
        if isinstance(link, Diagnostic):
            diagnostics.append(link)
            link_text = "(unreadable front matter)"
        elif link is not None:
            link_text, where = link
            target = os.path.normpath(os.path.join(os.path.dirname(path), link_text))
            boundary = _repository_of(path)
            if not allow_outside_repo and boundary is not None and not inside(target, boundary):
                diagnostics.append(
                    Diagnostic(
                        location=where,
                        message=f"the linked project file '{link_text}' is outside the repository ({boundary}), so coscore did not read it",
                        hint="keep the project file inside the repository, or add --allow-outside-repo if you trust this document",
                    )
                )
            elif not is_file(target):
                diagnostics.append(Diagnostic(location=where, message=f"the linked project file '{link_text}' does not exist (looked for {target})", hint="fix the path after 'coscore-project:'; it is relative to this document"))
            else:
                summary = summary_of(target)
                if summary is None:
                    diagnostics.append(Diagnostic(location=where, message=f"the linked project file '{link_text}' has problems (see the messages for {target})", hint="fix the project file, or the path after 'coscore-project:'"))
            link_text = target
        elif project is not None:
            # the document names no project of its own: --project covers it
            link_text = os.path.normpath(project)
            summary = summary_of(link_text)
        result = lint_prose(prose, path, rule_set, summary, link_text)
        findings.extend(result.findings)
        diagnostics.extend(result.diagnostics)  # text too deeply nested to read: not checked
        unchecked += result.unchecked_claims
    return LintResult(files=tuple(files), findings=tuple(findings), diagnostics=tuple(diagnostics), unchecked_claims=unchecked, layouts=tuple(layouts))


def fix_lint_documents(result, markdown_texts: dict) -> tuple[list, list[Diagnostic]]:
    """`coscore lint --fix`: rewrite substitution terms in the Markdown documents of a lint run.

    ``result``: the run's ``LintResult`` (baselined findings already set aside);
    ``markdown_texts``: path -> the text the run read. Each changed document is
    written atomically, and only if it still holds exactly that text. Returns
    ([(path, lint.fix.Change)], diagnostics for documents that were not written).
    """
    from coscore.io.files import write_atomic
    from coscore.lint.fix import builtin_substitutions, fix_markdown

    substitutions = builtin_substitutions()
    by_path: dict[str, list] = {}
    for finding in result.findings:
        by_path.setdefault(finding.location.path, []).append(finding)
    changes: list = []
    problems: list[Diagnostic] = []
    for path, text in markdown_texts.items():
        fixed = fix_markdown(text, by_path.get(path, ()), substitutions)
        if not fixed.changes:
            continue
        try:
            # through a link to the file itself, so the link stays a link
            write_atomic(os.path.realpath(path), fixed.text, unchanged_since=text)
        except InputProblems as exc:
            problems.extend(exc.diagnostics)
            continue
        changes.extend((path, change) for change in fixed.changes)
    return changes, problems


def linked_project(document: str) -> str | None:
    """The project file a document's ``coscore-project:`` names (as a path from here), or None."""
    from coscore.lint.engine import project_link
    from coscore.lint.markdown import extract

    try:
        link = project_link(extract(read_text(document)), document)
    except InputProblems:
        return None
    if link is None or isinstance(link, Diagnostic):
        return None
    return os.path.normpath(os.path.join(os.path.dirname(document), link[0]))


def _repository_of(document: str) -> Path | None:
    """Where a document's links may lead: its git repository; outside git, the current folder if
    the document is in it; None (anywhere) for a document named outside both."""
    from coscore.io.files import repository_root

    root = repository_root(os.path.dirname(os.path.abspath(document)))
    if root is not None:
        return root
    here = Path.cwd()
    return here if inside(document, here) else None


def lint_for_check(documents, *, rules, project_resolver=None, allow_outside_repo: bool = False):
    """What `coscore check` needs: (findings, diagnostics) for Markdown documents, with an already built rule set.

    ``findings`` are ``coscore.findings.Finding`` objects, suppressed ones
    included (``suppressed=True`` with the comment's reason). ``diagnostics``
    are input problems (unreadable documents, missing or invalid linked project
    files); the caller exits 2 on any. Never raises ``InputProblems``.
    """
    result = lint_strategy_documents(list(documents), rules=rules, project_resolver=project_resolver, allow_outside_repo=allow_outside_repo)
    return list(result.findings), list(result.diagnostics)


def run_lint(
    paths, *, rules, baseline: str | None = None, write_baseline: str | None = None, project: str | None = None, fix: bool = False, force: bool = False, allow_outside_repo: bool = False
):
    """`coscore lint`: lint the documents once, fix terms if asked, record a baseline if asked, then leave out known findings.

    ``rules`` is a loaded ``RuleSet``. ``baseline`` is a file written by
    ``--write-baseline`` or `coscore baseline`; ``write_baseline`` is where to
    record the current findings (before the baseline is applied; ``-`` means
    return them instead). An existing file there that is not a baseline is
    replaced only with ``force``. ``project`` is the project file for documents
    that link none. With ``fix``, the substitution terms in Markdown documents
    are rewritten in place and the documents linted again. Returns (the
    ``LintResult``, the changes made as (path, ``lint.fix.Change``), empty
    without ``fix``; the baseline text when ``write_baseline`` is ``-``, else
    None). Raises ``InputProblems`` for an unreadable baseline or an unwritable
    file; problems with documents are in the result's ``diagnostics``.
    """
    from coscore.io.files import check_destination, write_atomic
    from coscore.io.loaders import baseline_text, read_baseline
    from coscore.lint.engine import set_aside_baselined

    known = read_baseline(baseline) if baseline else frozenset()
    texts: dict[str, str] = {}
    result = lint_strategy_documents(paths, rules=rules, project=project, markdown_texts=texts if fix else None, allow_outside_repo=allow_outside_repo)
    changes: list = []
    if fix:
        changes, problems = fix_lint_documents(set_aside_baselined(result, known), texts)
        if changes:  # report what is left, at its new place
            result = lint_strategy_documents(paths, rules=rules, project=project, allow_outside_repo=allow_outside_repo)
        result = result._replace(diagnostics=result.diagnostics + tuple(problems))
    recorded = None
    if write_baseline:
        # the same file format as 'coscore baseline', so either command can read it
        recorded = baseline_text(result.active)
        if write_baseline != "-":
            check_destination(write_baseline, protect=tuple(result.files))  # an input is refused whatever --force says
            refuse_non_baseline(write_baseline, force=force)
            write_atomic(write_baseline, recorded, protect=tuple(result.files))
            recorded = None
    return set_aside_baselined(result, known), changes, recorded


def refuse_non_baseline(path: str, *, force: bool) -> None:
    """Raise ``InputProblems`` if ``path`` holds something other than a baseline and ``force`` is off."""
    from coscore.io.files import is_baseline_file

    if not force and not is_baseline_file(path):
        raise InputProblems(
            [
                Diagnostic(
                    location=SourceLocation(path=str(path)),
                    message="this file exists and is not a coscore baseline, so coscore left it alone",
                    hint="choose another path, or add --force to replace it",
                    code="output",
                )
            ]
        )
