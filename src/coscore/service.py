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
# Set COSCORE_MAX_BYTES to change the largest file any command will read (in bytes).
MAX_BYTES_VARIABLE = "COSCORE_MAX_BYTES"


@dataclass(frozen=True)
class LoadedProject:
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
        line = data.count(b"\n", 0, exc.start) + 1
        line_start = data.rfind(b"\n", 0, exc.start) + 1
        col = len(data[line_start : exc.start].decode("utf-8", errors="replace")) + 1
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
