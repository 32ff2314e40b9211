"""Pure functions for change over time: snapshots and comparisons. No files, no git."""

from __future__ import annotations

from coscore.models.assessment import Assessment
from coscore.models.history import Comparison, DimensionChange, DimensionPoint, FlagPoint, SavedResult, Snapshot


def snapshot_of_saved(saved: SavedResult, label: str) -> Snapshot:
    """A snapshot from a saved JSON result (`coscore score --format json`)."""
    return Snapshot(
        label=label,
        project_name=saved.project.name,
        assessed_on=saved.assessed_on,
        rubric_id=saved.rubric.id,
        rubric_version=saved.rubric.version,
        overall_score=saved.overall_score,
        ladder_rung=saved.ladder_rung,
        dimensions=tuple(DimensionPoint(id=d.id, title=d.title, level=d.level, level_name=d.level_name, score=d.score) for d in saved.dimensions),
        red_flags=tuple(FlagPoint(id=f.id, title=f.title) for f in saved.red_flags),
    )


def snapshot_of(assessment: Assessment, label: str) -> Snapshot:
    """A snapshot of a fresh assessment, read through the same JSON shape as a saved one."""
    from coscore.render.json_format import assessment_dict

    return snapshot_of_saved(SavedResult.model_validate(assessment_dict(assessment)), label)


def compare(old: Snapshot, new: Snapshot) -> Comparison:
    """What changed between two snapshots: overall score, each dimension's level, red flags."""
    old_dims = {d.id: d for d in old.dimensions}
    new_dims = {d.id: d for d in new.dimensions}
    changes = []
    for dim_id in [*new_dims, *(i for i in old_dims if i not in new_dims)]:
        before, after = old_dims.get(dim_id), new_dims.get(dim_id)
        changes.append(
            DimensionChange(
                id=dim_id,
                title=(after or before).title,
                old_level=before.level if before else None,
                new_level=after.level if after else None,
                old_level_name=before.level_name if before else "",
                new_level_name=after.level_name if after else "",
                change=(after.level - before.level) if before and after else None,
            )
        )
    old_flags = {f.id: f for f in old.red_flags}
    new_flags = {f.id: f for f in new.red_flags}
    notes = []
    if (old.rubric_id, old.rubric_version) != (new.rubric_id, new.rubric_version):
        notes.append(
            f"The two results use different rubrics ({old.rubric_id} {old.rubric_version} and {new.rubric_id} {new.rubric_version}), "
            "so some of the change may come from the rubric, not the project."
        )
    if old.project_name != new.project_name:
        notes.append(f"The project names differ ('{old.project_name}' and '{new.project_name}'): check these are the same project.")
    return Comparison(
        old=old,
        new=new,
        overall_change=new.overall_score - old.overall_score,
        dimensions=tuple(changes),
        flags_resolved=tuple(f for i, f in old_flags.items() if i not in new_flags),
        flags_new=tuple(f for i, f in new_flags.items() if i not in old_flags),
        flags_still=tuple(f for i, f in new_flags.items() if i in old_flags),
        notes=tuple(notes),
    )


def signed(number: int | float) -> str:
    """+3, -2, 0: a change written for people."""
    return f"+{number:g}" if number > 0 else f"{number:g}"


def history_table(history, max_points: int = 8) -> tuple[list, list[tuple[str, str, list[int | None]]]]:
    """The latest ``max_points`` scored versions, and one row per dimension with its level at each.

    Returns (points, rows); each row is (dimension id, title, levels), levels
    None where that version's rubric had no such dimension. Dimensions keep
    the order of the newest version.
    """
    points = [p for p in history.points if p.snapshot is not None][-max_points:]
    ids: dict[str, str] = {}
    for p in reversed(points):
        for d in p.snapshot.dimensions:
            ids.setdefault(d.id, d.title)
    newest = [d.id for d in points[-1].snapshot.dimensions] if points else []
    order = newest + [i for i in ids if i not in newest]
    rows = []
    for dim_id in order:
        levels = [next((d.level for d in p.snapshot.dimensions if d.id == dim_id), None) for p in points]
        rows.append((dim_id, ids[dim_id], levels))
    return points, rows
