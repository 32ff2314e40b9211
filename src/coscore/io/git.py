"""git: the committed versions of a file, for `coscore history` and `report --history`."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from typing import NamedTuple

from coscore.errors import Diagnostic, InputProblems, SourceLocation
from coscore.io.files import input_size_limit, read_text


class GitVersion(NamedTuple):
    """One committed version of a file: its commit, date, subject, path then, and text."""

    revision: str
    committed_on: str
    subject: str
    path: str  # the file's path in the repository at that commit
    text: str | None  # None when that version could not be read (see ``problem``)
    problem: str = ""  # why ``text`` is None: too large, not UTF-8, missing


class GitLog(NamedTuple):
    """The versions read (oldest first) and how many commits changed the file in all."""

    versions: list[GitVersion]
    total: int


def _git(args: list[str], cwd: Path, where: SourceLocation) -> subprocess.CompletedProcess[bytes]:
    try:
        # Literal pathspecs: a file called "plan[1].yaml" is that file, not a pattern. quotepath off: names come back as typed.
        return subprocess.run(["git", "--literal-pathspecs", "-c", "core.quotepath=off", *args], cwd=cwd, capture_output=True, check=False, timeout=120)
    except FileNotFoundError:
        raise InputProblems([Diagnostic(location=where, message="git is not installed, so coscore cannot read the file's history", hint="install git", code="usage")]) from None
    except subprocess.TimeoutExpired:
        raise InputProblems([Diagnostic(location=where, message="git took too long to answer", hint="try again, or use --limit", code="usage")]) from None


def git_versions(path: str | Path, *, limit: int | None = None) -> GitLog:
    """The committed versions of ``path``, oldest first (renames followed); only the newest ``limit`` are read.

    Raises ``InputProblems`` when the file does not exist or is not inside a git
    repository. No versions when it has never been committed. A version over the
    input size limit, or not UTF-8, comes back without text and with the reason.
    """
    where = SourceLocation(path=str(path))
    p = Path(path)
    read_text(p)  # raises the usual located problem for a missing, odd or unreadable file, or a folder
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
    # NUL-separated: names with tabs, newlines, quotes or backslashes, and subjects with any
    # character, come back exactly as they are
    log = _git(["log", "--follow", "-z", "--format=%H%x00%cs%x00%s", "--name-only", "--", relative], root, where)
    if log.returncode != 0:
        return GitLog(versions=[], total=0)  # for example a repository with no commits yet
    commits = _parse_log(log.stdout, relative)
    chosen = commits if limit is None else commits[:limit]  # newest first: read only what will be shown
    most = input_size_limit()
    versions = []
    for revision, committed_on, subject, name in chosen:
        text, problem = _version_text(root, revision, name, most, where)
        versions.append(GitVersion(revision=revision, committed_on=committed_on, subject=subject, path=name, text=text, problem=problem))
    versions.reverse()
    return GitLog(versions=versions, total=len(commits))


_HASH = re.compile(r"[0-9a-f]{40}([0-9a-f]{24})?")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _parse_log(output: bytes, relative: str) -> list[tuple[str, str, str, str]]:
    """(revision, date, subject, path then) for each commit in ``git log -z`` output, newest first."""
    tokens = output.decode("utf-8", "surrogateescape").split("\0")
    commits = []
    i = 0

    def starts_commit(j: int) -> bool:
        return j + 2 < len(tokens) and bool(_HASH.fullmatch(tokens[j])) and bool(_DATE.fullmatch(tokens[j + 1]))

    while i < len(tokens):
        if not starts_commit(i):
            i += 1
            continue
        revision, committed_on, subject = tokens[i], tokens[i + 1], tokens[i + 2]
        i += 3
        names = []
        while i < len(tokens) and not starts_commit(i):
            if tokens[i]:
                names.append(tokens[i].removeprefix("\n") if not names else tokens[i])
            i += 1
        names = [n for n in names if n]
        commits.append((revision, committed_on, subject, names[0] if names else relative))
    return commits


def _version_text(root: Path, revision: str, name: str, most: int, where: SourceLocation) -> tuple[str | None, str]:
    """(the text of ``name`` at ``revision``, "") or (None, why it could not be read); never reads a blob over ``most`` bytes."""
    spec = f"{revision}:{name}"
    size = _git(["cat-file", "-s", spec], root, where)
    if size.returncode != 0:
        return None, "this version could not be read from git"
    try:
        length = int(size.stdout.strip() or 0)
    except ValueError:
        return None, "this version could not be read from git"
    if length > most:
        return None, f"this version is too large to read ({length:,} bytes; the limit is {most:,})"
    blob = _git(["cat-file", "blob", spec], root, where)
    if blob.returncode != 0:
        return None, "this version could not be read from git"
    try:
        return blob.stdout.decode("utf-8").removeprefix("\ufeff"), ""
    except UnicodeDecodeError:
        return None, "this version could not be read as UTF-8 text"

