"""git: the committed versions of a file, for `coscore history` and `report --history`."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import NamedTuple

from coscore.errors import Diagnostic, InputProblems, SourceLocation
from coscore.io.files import read_text


class GitVersion(NamedTuple):
    """One committed version of a file: its commit, date, subject, path then, and text."""

    revision: str
    committed_on: str
    subject: str
    path: str  # the file's path in the repository at that commit
    text: str | None  # None when that version could not be read as UTF-8 text


def _git(args: list[str], cwd: Path, where: SourceLocation) -> subprocess.CompletedProcess[bytes]:
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

