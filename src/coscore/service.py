"""The one module that touches the file system: read inputs, load models, score.

Everything here either returns values or raises ``InputProblems`` carrying
located diagnostics; the command line turns those into exit code 2.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import re
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from coscore.errors import Diagnostic, InputProblems, SourceLocation
from coscore.models.assessment import Assessment
from coscore.models.project import ProjectFile
from coscore.models.rubric import Rubric

if TYPE_CHECKING:  # for annotations in quotes only; the git helpers import subprocess when they run
    import subprocess

MAX_INPUT_BYTES = 5 * 1024 * 1024
# Set COSCORE_MAX_BYTES to change the largest file any command will read (in bytes).
MAX_BYTES_VARIABLE = "COSCORE_MAX_BYTES"


class LoadedProject(NamedTuple):
    project: ProjectFile
    path: str
    parsed: object  # yamlio.ParsedYaml, kept for locations


def input_size_limit() -> int:
    """The largest input file in bytes: ``COSCORE_MAX_BYTES`` if set, else ``MAX_INPUT_BYTES``."""
    raw = os.environ.get(MAX_BYTES_VARIABLE, "").strip().replace("_", "")
    if not raw:
        return MAX_INPUT_BYTES
    if not raw.isdigit() or int(raw) < 1:
        raise InputProblems(
            [
                Diagnostic(
                    location=SourceLocation(path=f"${MAX_BYTES_VARIABLE}"),
                    message=f"{MAX_BYTES_VARIABLE} must be a whole number of bytes, got {raw[:40]!r}",
                    hint=f"for example {MAX_BYTES_VARIABLE}=10000000, or unset it to use the default of {MAX_INPUT_BYTES:,}",
                    code="usage",
                )
            ]
        )
    return int(raw)


def read_text(path: str | Path, *, max_bytes: int | None = None) -> str:
    """Read a UTF-8 text file, turning every way it can fail into a diagnostic.

    Refuses folders, missing files, broken or looping links, devices, pipes and
    sockets (which could block for ever), files over the size limit and bytes
    that are not UTF-8. Never reads more than the limit plus one byte, and never
    writes to the file.
    """
    import errno
    import stat

    limit = input_size_limit() if max_bytes is None else max_bytes
    shown = str(path)
    where = SourceLocation(path=shown)

    def refuse(message: str, hint: str) -> InputProblems:
        return InputProblems([Diagnostic(location=where, message=message, hint=hint)])

    too_large_hint = f"split it up, or raise the limit in bytes with the {MAX_BYTES_VARIABLE} environment variable"
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        # Opening without blocking and checking the opened file (not the name) means a
        # pipe with no writer cannot hang us and the file cannot be swapped in between.
        fd = os.open(path, flags)
    except IsADirectoryError:
        raise refuse("this is a folder, not a file", "give the path of a file inside it") from None
    except FileNotFoundError:
        hint = "check the spelling and the folder you are in"
        if os.path.islink(path):
            hint = "it is a link to a file that no longer exists"
        raise refuse("no such file", hint) from None
    except PermissionError:
        raise refuse("coscore is not allowed to read this file", "check the file's permissions") from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise refuse("this is a link that points back at itself", "make the link point at a real file") from None
        if exc.errno == errno.ENOTDIR:
            raise refuse("no such file (part of the path is a file, not a folder)", "check the path") from None
        raise refuse(f"the file could not be opened: {exc.strerror or exc}", "check the path") from None
    except (ValueError, TypeError) as exc:  # a NUL byte or other impossible character in the name
        raise refuse(f"this is not a usable file name ({exc})", "check the path") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise refuse("this is a folder, not a file", "give the path of a file inside it")
        if not stat.S_ISREG(info.st_mode):
            raise refuse("this is not an ordinary file (it is a device, pipe or socket)", "save the text to a file and give that file's path")
        if info.st_size > limit:
            raise refuse(f"the file is too large to read ({info.st_size:,} bytes; the limit is {limit:,})", too_large_hint)
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        chunks: list[bytes] = []
        remaining = limit + 1
        while remaining > 0:
            chunk = os.read(fd, min(remaining, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            remaining -= len(chunk)
        data = b"".join(chunks)
    except PermissionError:
        raise refuse("coscore is not allowed to read this file", "check the file's permissions") from None
    except OSError as exc:
        raise refuse(f"the file could not be read: {exc.strerror or exc}", "check the path") from None
    finally:
        os.close(fd)
    if len(data) > limit:  # it grew while we read it
        raise refuse(f"the file is too large to read (the limit is {limit:,} bytes)", too_large_hint)
    return _decode_utf8(data, shown)


def _decode_utf8(data: bytes, shown: str) -> str:
    """Decode UTF-8 (with or without a byte order mark) or explain where it is not UTF-8."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputProblems(
            [Diagnostic(location=SourceLocation(path=shown), message="the file is saved as UTF-16, not UTF-8", hint="save it as UTF-8 in your editor, usually under 'Save As' or 'Encoding'")]
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        from coscore.yamlio import position_of

        before = data[: exc.start].decode("utf-8").removeprefix("\ufeff")
        line, col = position_of(before, len(before))
        raise InputProblems(
            [
                Diagnostic(
                    location=SourceLocation(path=shown, line=line, column=col),
                    message=f"the file is not UTF-8 text (byte 0x{data[exc.start]:02x} here)",
                    hint="save it as UTF-8 in your editor, usually under 'Save As' or 'Encoding'",
                )
            ]
        ) from None
    return text.removeprefix("\ufeff")


def load_project(path: str | Path) -> LoadedProject:
    return project_from_text(read_text(path), str(path))


def project_from_text(text: str, shown: str) -> LoadedProject:
    """Parse and check project YAML that may not be on disk (an old version from git); ``shown`` names it in errors."""
    from coscore import yamlio

    parsed = yamlio.parse_yaml(text, shown)
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


# --- coscore check and baseline (issue 8) --------------------------------------------------
# Finding the files a repository's configuration names, assessing them, applying the
# policy and the baseline, and reading or writing the baseline and step-summary files.

_SKIPPED_FOLDERS = {".git", ".hg", ".svn", ".venv", "venv", "node_modules", "__pycache__", ".tox", ".nox", ".mypy_cache", ".pytest_cache"}
_DOCUMENT_SUFFIXES = (".md", ".markdown")
_PROJECT_MARKER = None  # compiled lazily: a top-level "coscore:" line marks a project file


def glob_regex(pattern: str):
    """A compiled regex for a repository glob: ``*`` within a folder, ``**`` across folders.

    A pattern without a ``/`` matches the file name in any folder, as in .gitignore.
    """
    import re

    pattern = pattern.strip().lstrip("./") if pattern.startswith("./") else pattern.strip()
    out, i = "", 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out, i = out + "(?:.*/)?", i + 3
        elif pattern.startswith("**", i):
            out, i = out + ".*", i + 2
        elif pattern[i] == "*":
            out, i = out + "[^/]*", i + 1
        elif pattern[i] == "?":
            out, i = out + "[^/]", i + 1
        else:
            out, i = out + re.escape(pattern[i]), i + 1
    if "/" not in pattern.rstrip("/"):
        out = "(?:.*/)?" + out
    return re.compile(out.rstrip("/") + r"(?:/.*)?\Z" if pattern.endswith("/") else out + r"\Z")


def _matches(relative: str, patterns: list) -> bool:
    return any(p.match(relative) for p in patterns)


def _excluded(relative: str, patterns: list) -> bool:
    """Excluded if the file, or any folder it sits in, matches an exclude glob."""
    parts = relative.split("/")
    return any(_matches("/".join(parts[:n]), patterns) for n in range(1, len(parts) + 1))


def _relative_to(path: Path, root: Path) -> str | None:
    try:
        return path.resolve().relative_to(root).as_posix()
    except ValueError:
        return None


def _looks_like_project(path: Path) -> bool:
    """Cheap test used to skip other YAML files (CI workflows, tool settings) passed by pre-commit."""
    import re

    global _PROJECT_MARKER
    if _PROJECT_MARKER is None:
        _PROJECT_MARKER = re.compile(r"^coscore\s*:", re.MULTILINE)
    try:
        with path.open("r", encoding="utf-8", errors="replace") as handle:
            return bool(_PROJECT_MARKER.search(handle.read(MAX_INPUT_BYTES)))
    except OSError:
        return True  # let load_project report why it cannot be read


def shown_path(path: Path, cwd: Path) -> str:
    """The path as people will type it: relative to where they are, even if that means '../'."""
    try:
        return Path(os.path.relpath(path.resolve(), cwd.resolve())).as_posix()
    except ValueError:  # another drive on Windows
        return str(path)


def find_check_files(paths: list[str], loaded, cwd: Path, *, skip_other_files: bool = False) -> tuple[list[str], list[str], list[Diagnostic]]:
    """Sort the paths to check into (project files, documents, problems).

    With no ``paths``, the configuration's ``projects`` and ``documents`` globs are
    searched from the configuration file's folder. Named paths are kept as given,
    except that when the configuration has globs, a named file they do not cover
    is left out (pre-commit passes every staged file that looks right by name).
    Folders are searched for YAML and Markdown files.
    """
    config = loaded.config
    root = Path(loaded.root).resolve()
    project_globs = [glob_regex(p) for p in config.projects]
    document_globs = [glob_regex(p) for p in config.documents]
    exclude_globs = [glob_regex(p) for p in config.exclude]
    projects: list[str] = []
    documents: list[str] = []
    problems: list[Diagnostic] = []

    def classify(path: Path, shown: str, named: bool) -> None:
        relative = _relative_to(path, root)
        if relative is not None and _excluded(relative, exclude_globs):
            return
        if path.suffix.lower() in _DOCUMENT_SUFFIXES:
            if document_globs:
                if relative is not None and _matches(relative, document_globs):
                    documents.append(shown)
            elif named and not skip_other_files:
                documents.append(shown)
            return
        if project_globs:
            if relative is not None and _matches(relative, project_globs):
                projects.append(shown)
            return
        if (named and not skip_other_files) or _looks_like_project(path):
            projects.append(shown)

    if not paths:
        if not (config.projects or config.documents):
            where = loaded.path or "the current folder"
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
        if path.is_dir():
            for folder, subfolders, files in os.walk(path):
                subfolders[:] = sorted(d for d in subfolders if d not in _SKIPPED_FOLDERS and not d.startswith("."))
                for name in sorted(files):
                    if name.lower().endswith((".yaml", ".yml") + _DOCUMENT_SUFFIXES):
                        full = Path(folder) / name
                        classify(full, shown_path(full, cwd), named=False)
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


def _read_json(path: str | Path, *, what: str, hint: str, code: str):
    """Parse a JSON file; a syntax error becomes a diagnostic at its line and column."""
    import json

    try:
        return json.loads(read_text(path))
    except json.JSONDecodeError as exc:
        raise InputProblems(
            [Diagnostic(location=SourceLocation(path=str(path), line=exc.lineno, column=exc.colno), message=f"{what} is not valid JSON: {exc.msg}", hint=hint, code=code)]
        ) from None
    except (RecursionError, ValueError) as exc:  # nested too deeply, or a number too long to convert
        reason = "it is nested too deeply" if isinstance(exc, RecursionError) else "it holds a number too long to read"
        raise InputProblems([Diagnostic(location=SourceLocation(path=str(path)), message=f"{what} could not be read: {reason}", hint=hint, code=code)]) from None


def read_baseline(path: str | Path) -> frozenset[str]:
    """The fingerprints recorded by `coscore baseline`. Raises ``InputProblems`` if unreadable."""
    hint = "write it again with 'coscore baseline --output .coscore-baseline.json'"
    data = _read_json(path, what="the baseline", hint=hint, code="baseline")
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
    data = _read_json(path, what="the saved score", hint=hint, code="usage")
    if not isinstance(data, dict) or not isinstance(data.get("dimensions"), list):
        raise InputProblems([Diagnostic(location=SourceLocation(path=str(path)), message="this is not a saved coscore score", hint=hint, code="usage")])
    return data


def lint_documents(documents: list[str], loaded, rubric=None) -> tuple[list, list[Diagnostic]]:
    """Lint strategy documents with `coscore lint`, using the repository's lint settings and rubric."""
    if not documents:
        return [], []
    from coscore.lint import lint_for_check

    lint = loaded.config.lint
    return lint_for_check(
        documents,
        rule_files=lint.rule_files,
        disabled=lint.disable,
        disabled_source=f"{loaded.path or 'configuration'}: lint.disable",
        enabled=lint.enable,
        vocabulary=lint.vocabulary,
        settings_locate=lint_settings_locator(loaded),
        project_resolver=(lambda path: summarise_project(path, rubric)) if rubric is not None else None,
    )


def run_check(paths: list[str], loaded, cwd: Path, *, skip_other_files: bool = False, baseline: str | None = None, compare_with: str | None = None):
    """Check every project file and document; returns a ``CheckReport`` (never raises for bad input)."""
    from coscore import policy
    from coscore.models.check import CheckReport, FileResult

    config = loaded.config
    problems: list[Diagnostic] = []
    try:
        rubric = load_rubric(config.rubric)
    except InputProblems as exc:
        return CheckReport(files=(), problems=tuple(exc.diagnostics), config_path=loaded.path)
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
    projects, documents, found_problems = find_check_files(paths, loaded, cwd, skip_other_files=skip_other_files)
    problems.extend(found_problems)
    files, changes = [], []
    for path in projects:
        try:
            assessment = assess_file(path, rubric, max_age_months=config.evidence_max_age_months)
        except InputProblems as exc:
            problems.extend(exc.diagnostics)
            continue
        findings = policy.project_findings(assessment, config, key_path=_relative_to(Path(path), Path(loaded.root).resolve()) or path)
        if known:
            findings = policy.apply_baseline(findings, known, baseline)
        files.append(FileResult(path=path, kind="project", assessment=assessment, findings=tuple(findings), minimums=policy.minimums(assessment, config)))
        if previous is not None and (len(projects) == 1 or _same_file(previous.get("project", {}).get("file"), path)):
            changes.extend(policy.compare(assessment, previous))
    lint_findings, lint_problems = lint_documents(documents, loaded, rubric)
    problems.extend(lint_problems)
    by_document: dict[str, list] = {d: [] for d in documents}
    for finding in lint_findings:
        by_document.setdefault(finding.location.path, []).append(finding)
    for path, findings in by_document.items():
        if known:
            findings = policy.apply_baseline(findings, known, baseline)
        files.append(FileResult(path=path, kind="document", findings=tuple(findings), fail_level=config.lint.fail_level))
    return CheckReport(
        files=tuple(files),
        problems=tuple(problems),
        changes=tuple(changes),
        rules=policy.rule_infos(rubric) + _lint_rule_infos(lint_findings, loaded),
        config_path=loaded.path,
        baseline_path=baseline,
    )


def _lint_rule_infos(findings, loaded) -> tuple:
    """Descriptions of the lint rules that produced findings, for SARIF's rule list."""
    if not findings:
        return ()
    from coscore.models.check import RuleInfo

    try:
        rule_set = lint_rule_set(loaded.config.lint.rule_files, loaded.config.lint.disable)
    except InputProblems:  # already reported by lint_documents
        return ()
    used = {f.rule_id for f in findings}
    return tuple(
        RuleInfo(id=c.rule.id, title=f"{c.rule.family}: {c.rule.id}", description=c.rule.reason, help=c.rule.suggestion, source=c.rule.source)
        for c in rule_set.rules
        if c.rule.id in used
    )


def _same_file(a, b) -> bool:
    if not isinstance(a, str):
        return False
    try:
        return Path(a).resolve() == Path(b).resolve()
    except OSError:
        return a == b


def append_text(path: str | Path, text: str) -> None:
    """Append to a file (GitHub's step summary) by rewriting it atomically with the old text first."""
    target = Path(path)
    try:
        before = target.read_text(encoding="utf-8") if target.exists() else ""
    except (OSError, UnicodeDecodeError):
        before = ""
    write_atomic(target, before + text)


# --- Responses from many people, history and portfolios (issue 6) ----------------------


class LoadedResponse(NamedTuple):
    response: object  # models.responses.ResponseFile
    path: str
    parsed: object  # yamlio.ParsedYaml


YAML_SUFFIXES = (".yaml", ".yml")


def expand_paths(paths: list[str] | tuple[str, ...], suffixes: tuple[str, ...] = YAML_SUFFIXES) -> list[str]:
    """Files as given; a folder stands for the files with one of ``suffixes`` directly inside it, sorted."""
    out: list[str] = []
    for given in paths:
        p = Path(given)
        if p.is_dir():
            out.extend(str(child) for child in sorted(p.iterdir()) if child.is_file() and child.suffix.lower() in suffixes)
        else:
            out.append(str(given))
    return out


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
    from coscore import catalog, yamlio

    ids: set[str] = set()
    for text in catalog.packaged_rubrics().values():
        data = yamlio.parse_yaml(text, "packaged").data
        ids |= {d.get("id") for d in (data or {}).get("dimensions", ()) if isinstance(d, dict)}
    return frozenset(ids)


def _check_rated_dimensions(ratings, section: str, rubric: Rubric, parsed) -> list[Diagnostic]:
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
    from coscore import yamlio
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
    problems += _check_rated_dimensions(response.ratings, "ratings", rubric, parsed)
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
        if Path(given).is_dir() and not found:
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


def assess_with_responses(
    path: str | Path,
    rubric: Rubric,
    response_paths: list[str] | tuple[str, ...] = (),
    *,
    as_of: dt.date | None = None,
    max_age_months: int | None = None,
    min_group_size: int | None = None,
) -> Assessment:
    """Score a project file together with response files.

    Facts decide every level. Ratings from the project's ``self_ratings`` and
    from the response files are reported per perspective; a response file's
    ratings count exactly like ``self_ratings`` records (including for the
    only-staff red flag), with locations pointing into the response file.
    """
    from coscore.scoring import DEFAULT_MIN_GROUP_SIZE, assess

    loaded = load_project(path)
    problems = _check_rated_dimensions(loaded.project.self_ratings, "self_ratings", rubric, loaded.parsed)
    try:
        responses = load_responses(response_paths, rubric)
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
    return assessment._replace(red_flags=tuple(flags))


class GitVersion(NamedTuple):
    revision: str
    committed_on: str
    subject: str
    path: str  # the file's path in the repository at that commit
    text: str | None  # None when that version could not be read as UTF-8 text


def _git(args: list[str], cwd: Path, where: SourceLocation) -> "subprocess.CompletedProcess[bytes]":
    import subprocess

    try:
        # Literal pathspecs: a file called "plan[1].yaml" is that file, not a pattern. quotepath off: names come back as typed.
        return subprocess.run(["git", "--literal-pathspecs", "-c", "core.quotepath=off", *args], cwd=cwd, capture_output=True, check=False, timeout=120)
    except FileNotFoundError:
        raise InputProblems([Diagnostic(location=where, message="git is not installed, so coscore cannot read the file's history", hint="install git", code="usage")]) from None
    except subprocess.TimeoutExpired:
        raise InputProblems([Diagnostic(location=where, message="git took too long to answer", hint="try again, or use --limit", code="usage")]) from None


def git_versions(path: str | Path) -> list[GitVersion]:
    """Every committed version of ``path``, oldest first (renames followed).

    Raises ``InputProblems`` when the file does not exist or is not inside a git
    repository. Returns an empty list when it has never been committed.
    """
    where = SourceLocation(path=str(path))
    p = Path(path)
    if not p.is_file():
        read_text(p)  # raises the usual located problem for a missing file or a folder
    folder = p.resolve().parent
    top = _git(["rev-parse", "--show-toplevel"], folder, where)
    if top.returncode != 0:
        raise InputProblems(
            [
                Diagnostic(
                    location=where,
                    message="this file is not inside a git repository, so it has no history to read",
                    hint="keep the project file in a git repository and commit each change; or compare two files with 'coscore compare OLD NEW'",
                    code="usage",
                )
            ]
        )
    root = Path(top.stdout.decode("utf-8", "replace").strip())
    try:
        relative = p.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:  # a link from inside the repository to a file outside it
        raise InputProblems(
            [Diagnostic(location=where, message=f"this file is a link to a file outside the git repository at {root}", hint="run history on the file itself", code="usage")]
        ) from None
    log = _git(["log", "--follow", "--format=%x1e%H%x1f%cs%x1f%s", "--name-only", "--", relative], root, where)
    if log.returncode != 0:
        return []  # for example a repository with no commits yet
    versions = []
    for record in log.stdout.decode("utf-8", "replace").split("\x1e")[1:]:
        header, _, names = record.partition("\n")
        revision, committed_on, subject = (header.split("\x1f") + ["", ""])[:3]
        name = next((n for n in names.splitlines() if n.strip()), relative)
        shown = _git(["show", f"{revision}:{name}"], root, where)
        try:
            text = shown.stdout.decode("utf-8") if shown.returncode == 0 else None
        except UnicodeDecodeError:
            text = None
        versions.append(GitVersion(revision=revision, committed_on=committed_on, subject=subject, path=name, text=text))
    versions.reverse()
    return versions


def _score_text(text: str, label: str, rubric: Rubric, as_of: dt.date | None):
    """Score project text that is not on disk (an old version); raises ``InputProblems``."""
    from coscore.scoring import assess

    loaded = project_from_text(text, label)
    return assess(loaded.project, rubric, as_of=loaded.project.assessed_on or as_of, source_path=label, locate=loaded.parsed.location)


def file_history(path: str | Path, rubric: Rubric, *, limit: int | None = None):
    """Score every committed version of a project file, oldest first, plus uncommitted changes.

    Each version is scored as of its own ``assessed_on`` or, failing that, the
    day it was committed, so evidence ages as it did at the time. A version
    that cannot be scored is kept, with its problems, rather than skipped.
    """
    from coscore.models.history import History, HistoryPoint
    from coscore.trends import snapshot_of

    shown = str(path)
    versions = git_versions(path)
    points = []
    for v in versions:
        label = f"{shown}@{v.revision[:7]}"
        snapshot, problems = None, ()
        if v.text is None:
            problems = (f"{label}:1:1: this version could not be read as UTF-8 text",)
        else:
            try:
                snapshot = snapshot_of(_score_text(v.text, label, rubric, dt.date.fromisoformat(v.committed_on)), label)
            except InputProblems as exc:
                problems = tuple(str(d) for d in exc.diagnostics)
        points.append(
            HistoryPoint(revision=v.revision, short=v.revision[:7], committed_on=v.committed_on, subject=v.subject, path=v.path, snapshot=snapshot, problems=problems)
        )
    current = read_text(path)
    if versions and versions[-1].text != current:
        label = f"{shown} (uncommitted)"
        snapshot, problems = None, ()
        try:
            snapshot = snapshot_of(_score_text(current, shown, rubric, dt.date.today()), label)
        except InputProblems as exc:
            problems = tuple(str(d) for d in exc.diagnostics)
        points.append(
            HistoryPoint(revision="", short="working copy", committed_on=dt.date.today().isoformat(), subject="uncommitted changes", path=shown, snapshot=snapshot, problems=problems)
        )
    kept = points[-limit:] if limit is not None else points
    return History(path=shown, points=tuple(kept), total_versions=len(versions), omitted=len(points) - len(kept))


def load_snapshot(path: str | Path, rubric: Rubric):
    """A snapshot of a project file (scored now) or of a saved `coscore score --format json` result."""
    from coscore import yamlio
    from coscore.models.history import SavedResult
    from coscore.trends import snapshot_of, snapshot_of_saved

    shown = str(path)
    if Path(path).suffix.lower() == ".json":
        # JSON is YAML, so the YAML loader gives line and column for every problem.
        parsed = yamlio.parse_yaml(read_text(path), shown)
        if isinstance(parsed.data, dict) and "coscore" in parsed.data and "format_version" not in parsed.data:
            raise InputProblems([Diagnostic(location=SourceLocation(path=shown), message="this is a project file saved with a .json name", hint="rename it to .yaml")])
        if isinstance(parsed.data, dict) and "format_version" not in parsed.data:
            raise InputProblems(
                [Diagnostic(location=SourceLocation(path=shown), message="this JSON file is not a saved coscore result", hint="save one with 'coscore score FILE --format json > result.json'")]
            )
        return snapshot_of_saved(yamlio.validate(SavedResult, parsed), shown)
    return snapshot_of(assess_file(path, rubric), shown)


def portfolio(paths: list[str] | tuple[str, ...], rubric: Rubric):
    """Score many project files (folders expanded); files that fail are kept with their errors."""
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
            assessments.append(assess_file(path, rubric))
        except InputProblems as exc:
            problems.append(PortfolioProblem(path=path, problems=tuple(str(d) for d in exc.diagnostics)))
    return build_portfolio(rubric, assessments, problems)


# --- Authoring: files written by 'coscore init' and 'coscore schema' (issue 7) ----------


def refuse_existing(path: str | Path, *, force: bool, what: str = "file") -> None:
    """Raise ``InputProblems`` if ``path`` already exists (a link counts) and ``force`` is off.

    A folder is refused even with ``force``: coscore never replaces a folder with a file.
    """
    target = Path(path)
    where = SourceLocation(path=str(path))
    if target.is_dir():
        raise InputProblems([Diagnostic(location=where, message=f"this is a folder; the {what} needs a file name", hint="give a path ending in a file name", code="usage")])
    if (target.exists() or target.is_symlink()) and not force:
        raise InputProblems(
            [Diagnostic(location=where, message=f"the {what} already exists, so coscore left it alone", hint="choose another path, or add --force to replace it", code="usage")]
        )


def _same_text(path: Path, text: str) -> bool:
    try:
        return path.is_file() and read_text(path) == text
    except InputProblems:
        return False


def _is_json_schema(path: Path) -> bool:
    import json

    try:
        data = json.loads(read_text(path))
    except (InputProblems, ValueError, RecursionError):
        return False
    return isinstance(data, dict) and "json-schema.org" in str(data.get("$schema", ""))


def write_schema_file(path: str | Path, text: str, *, force: bool, replace_schema: bool) -> bool:
    """Write a JSON Schema file atomically; return False when it already holds ``text``.

    An existing file with different content is replaced only with ``force``, or,
    when ``replace_schema`` is set, if it is itself a JSON Schema (an older
    ``coscore schema`` output). Anything else is refused with a diagnostic.
    """
    target = Path(path)
    if _same_text(target, text):
        return False
    if replace_schema and not force and target.is_file() and not _is_json_schema(target):
        raise InputProblems(
            [
                Diagnostic(
                    location=SourceLocation(path=str(path)),
                    message="this file already exists and is not a JSON Schema, so coscore left it alone",
                    hint="choose another path, or add --force to replace it",
                    code="usage",
                )
            ]
        )
    if not (replace_schema and target.is_file()):
        refuse_existing(target, force=force, what="schema file")
    write_atomic(target, text)
    return True


def create_project_file(path: str | Path, text: str, *, force: bool, schema_path: str | Path | None = None, schema_text: str = "") -> list[str]:
    """Check and write a new project file (and its schema file); return the paths written.

    ``text`` must be a valid project file: it is parsed and validated exactly as
    ``load_project`` would, before anything is written. Nothing is written unless
    every check passes, and each file is written atomically.
    """
    from coscore import yamlio

    refuse_existing(path, force=force, what="project file")
    parsed = yamlio.parse_yaml(text, str(path))
    _check_dates(yamlio.validate(ProjectFile, parsed), parsed)
    written: list[str] = []
    if schema_path is not None:
        schema_target = Path(schema_path)
        if not _same_text(schema_target, schema_text):
            refuse_existing(schema_target, force=force, what="schema file")
            write_atomic(schema_target, schema_text)
            written.append(str(schema_path))
    write_atomic(path, text)
    written.insert(0, str(path))
    return written


# --- reports (issue 4): `coscore report` -------------------------------------------------


def report_file(
    path: str | Path,
    rubric: Rubric,
    response_paths: list[str] | tuple[str, ...] = (),
    *,
    rubric_ref: str | None = None,
    redact: bool = False,
    max_age_months: int | None = None,
    min_group_size: int | None = None,
):
    """Score a project file (with any response files) and build the frozen report model.

    Raises ``InputProblems`` with located diagnostics when a file is unusable,
    exactly as ``coscore score`` does for the same files.
    """
    from coscore.reporting import build_report

    assessment = assess_with_responses(path, rubric, response_paths, max_age_months=max_age_months, min_group_size=min_group_size)
    project = load_project(path).project
    pseudonyms = tuple((r.response.respondent.pseudonym, r.response.respondent.role.value) for r in load_responses(response_paths, rubric))
    return build_report(assessment, project, rubric, rubric_ref=rubric_ref, redact=redact, other_names=pseudonyms)


# --- Linting strategy documents (issue 5) -------------------------------------------------
# Reading Markdown documents, following their `coscore-project:` links and
# loading rule files happen here; the matching itself is pure (coscore.lint.engine).

def lint_settings_locator(loaded, option: str = "--enable"):
    """Where a word of the lint settings is written in the configuration file; ``option`` when
    the file does not hold it (it came from the command line)."""

    def locate(word: str) -> SourceLocation:
        import re

        if loaded.path and re.search(r"(?<![\w-])" + re.escape(word) + r"(?![\w-])", loaded.text):
            return loaded.locate(word)
        return SourceLocation(path=option)

    return locate


def lint_rule_set(extra_rule_files=(), disabled=(), *, disabled_source: str = "--disable", enabled=(), vocabulary=(), settings_locate=None):
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
    return load_rules(sources, disabled=tuple(disabled), disabled_source=disabled_source, enabled=tuple(enabled), vocabulary=tuple(vocabulary), settings_locate=settings_locate)


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
                if f.is_file() and f.suffix.lower() in _DOCUMENT_SUFFIXES and not any(part.startswith(".") for part in f.relative_to(p).parts)
            )
            if not found:
                problems.append(Diagnostic(location=SourceLocation(path=str(path)), message="this folder holds no Markdown (.md) files", hint="give the path of a .md file or of a folder that has some", code="usage"))
            files.extend(found)
        else:
            files.append(str(path))
    return files, problems


def lint_strategy_documents(paths, *, extra_rule_files=(), disabled=(), rules=None, project_resolver=None, max_bytes: int | None = None):
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

