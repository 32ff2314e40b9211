"""Scores over time: snapshots of an assessment, a file's history, and comparisons.

Saved results are read from files (``coscore compare old.json``), so they are
pydantic models that validate; everything coscore builds (snapshots, histories,
comparisons) is a named tuple, like every other result.

A ``Snapshot`` is the part of an assessment that is compared over time. It is
built from the documented JSON of `coscore score --format json`, so a saved
result and a freshly scored file compare in exactly the same way.
"""

from __future__ import annotations

from typing import NamedTuple

from pydantic import BaseModel, ConfigDict, Field


class Saved(BaseModel):
    """Reads a saved JSON result; keys coscore may add later are ignored."""

    model_config = ConfigDict(frozen=True, extra="ignore")


class SavedProject(Saved):
    name: str
    organisation: str = ""


class SavedRubric(Saved):
    id: str
    version: str
    title: str = ""


class SavedDimension(Saved):
    id: str
    title: str
    level: int = Field(ge=0)
    level_name: str = ""
    score: int = Field(ge=0, le=100)


class SavedFlag(Saved):
    id: str
    title: str


class SavedResult(Saved):
    """The fields of `coscore score --format json` that a comparison needs."""

    format_version: int = Field(ge=1, le=1)
    project: SavedProject
    assessed_on: str
    rubric: SavedRubric
    overall_score: int = Field(ge=0, le=100)
    ladder_rung: str = ""
    dimensions: tuple[SavedDimension, ...]
    red_flags: tuple[SavedFlag, ...] = ()


class DimensionPoint(NamedTuple):
    id: str
    title: str
    level: int
    level_name: str
    score: int


class FlagPoint(NamedTuple):
    id: str
    title: str


class Snapshot(NamedTuple):
    label: str  # the file, or file@commit, it came from
    project_name: str
    assessed_on: str
    rubric_id: str
    rubric_version: str
    overall_score: int
    ladder_rung: str
    dimensions: tuple[DimensionPoint, ...]
    red_flags: tuple[FlagPoint, ...]


class HistoryPoint(NamedTuple):
    revision: str  # full commit id, or "" for uncommitted changes
    short: str  # short commit id, or "working copy"
    committed_on: str  # YYYY-MM-DD
    subject: str
    path: str  # the file's path in the repository at that commit
    snapshot: Snapshot | None  # None when that version could not be scored
    problems: tuple[str, ...] = ()


class History(NamedTuple):
    path: str
    points: tuple[HistoryPoint, ...]  # oldest first
    total_versions: int  # committed versions found, before any limit
    omitted: int = 0  # older versions left out by --limit


class DimensionChange(NamedTuple):
    id: str
    title: str
    old_level: int | None  # None when the dimension is only in the newer result
    new_level: int | None
    change: int | None  # new minus old level
    old_level_name: str = ""
    new_level_name: str = ""


class Comparison(NamedTuple):
    old: Snapshot
    new: Snapshot
    overall_change: int
    dimensions: tuple[DimensionChange, ...]
    flags_resolved: tuple[FlagPoint, ...]
    flags_new: tuple[FlagPoint, ...]
    flags_still: tuple[FlagPoint, ...]
    notes: tuple[str, ...]
