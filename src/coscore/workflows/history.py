"""`coscore history` and `coscore compare`: scores of a file over time, and two snapshots side by side."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from coscore.errors import Diagnostic, InputProblems, SourceLocation
from coscore.io.files import read_text
from coscore.io.git import git_versions
from coscore.io.loaders import load_saved_result
from coscore.models.rubric import Rubric
from coscore.workflows.score import assess_file, score_text


def file_history(path: str | Path, rubric: Rubric, *, limit: int | None = None, on_version=None):
    """Score every committed version of a project file, oldest first, plus uncommitted changes.

    Each version is scored as of its own ``assessed_on`` or, failing that, the
    day it was committed, so evidence ages as it did at the time. A version
    that cannot be scored is kept, with its problems, rather than skipped.
    ``on_version`` is called with the text of each version read (for redaction).
    """
    from coscore.models.history import History, HistoryPoint
    from coscore.trends import snapshot_of

    shown = str(path)
    log = git_versions(path, limit=limit)
    versions = log.versions
    points = []
    for v in versions:
        if on_version is not None and v.text is not None:
            on_version(v.text)
        label = f"{shown}@{v.revision[:7]}"
        snapshot, problems = None, ()
        if v.text is None:
            problems = (str(Diagnostic(location=SourceLocation(path=label), message=v.problem or "this version could not be read")),)
        else:
            try:
                snapshot = snapshot_of(score_text(v.text, label, rubric, dt.date.fromisoformat(v.committed_on)), label)
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
            snapshot = snapshot_of(score_text(current, shown, rubric, dt.date.today()), label)
        except InputProblems as exc:
            problems = tuple(str(d) for d in exc.diagnostics)
        points.append(
            HistoryPoint(revision="", short="working copy", committed_on=dt.date.today().isoformat(), subject="uncommitted changes", path=shown, snapshot=snapshot, problems=problems)
        )
    kept = points[-limit:] if limit is not None else points
    # versions older than the newest ``limit`` were never read: they count as left out
    unread = log.total - len(versions)
    return History(path=shown, points=tuple(kept), total_versions=log.total, omitted=unread + len(points) - len(kept))


def load_snapshot(path: str | Path, rubric: Rubric):
    """A snapshot of a project file (scored now) or of a saved `coscore score --format json` result."""
    from coscore.trends import snapshot_of, snapshot_of_saved

    shown = str(path)
    if Path(path).suffix.lower() == ".json":
        return snapshot_of_saved(load_saved_result(path), shown)
    return snapshot_of(assess_file(path, rubric), shown)


def compare_files(old: str, new: str, rubric: Rubric):
    """Compare two project files or saved results; the problems of both files are reported together."""
    from coscore.trends import compare

    problems = []
    snapshots = []
    for path in (old, new):
        try:
            snapshots.append(load_snapshot(path, rubric))
        except InputProblems as exc:
            problems.extend(exc.diagnostics)
    if problems:
        raise InputProblems(problems)
    return compare(*snapshots)
