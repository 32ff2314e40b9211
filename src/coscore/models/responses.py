"""Response files: one person's ratings of a project, dimension by dimension.

A response file holds the view of one respondent, who is known only by the
perspective they speak from (lived_experience, staff, partner, volunteer,
funder) and, if they like, a pseudonym. Nothing else about them is asked.

Responses never change the level a dimension reaches: the facts decide that.
They are turned into the same records as a project file's ``self_ratings``
and reported per perspective, so disagreement stays visible.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field

from coscore.models.project import PerspectiveField, Record, SelfRating


class Respondent(Record):
    role: PerspectiveField = Field(description="The perspective you speak from: lived_experience, staff, partner, volunteer or funder.")
    pseudonym: str = Field(
        default="",
        max_length=100,
        description="An optional made-up name, so the team can tell responses apart. Never your real name; it is not shown in reports.",
    )


class ResponseRating(Record):
    dimension: str = Field(min_length=1, max_length=200, description="The id of a rubric dimension, for example share-power.")
    level: int | None = Field(
        default=None,
        ge=0,
        le=4,
        description="Your rating from 0 (not yet) to 4 (leading). Leave it empty to skip a dimension you cannot judge.",
    )
    comment: str = Field(default="", max_length=5000, description="Anything you want the team to know about your rating.")


class ResponseFile(Record):
    """One respondent's ratings."""

    coscore_response: Literal[1] = Field(description="The response file format version. Write 1.")
    rubric: str = Field(default="", max_length=200, description="The id of the rubric these ratings follow, for example eleven-principles.")
    responded_on: dt.date | None = Field(default=None, description="When the ratings were given, YYYY-MM-DD.")
    respondent: Respondent
    ratings: tuple[ResponseRating, ...] = Field(default=(), description="One entry per dimension you rate.")

    def as_self_ratings(self) -> tuple[SelfRating, ...]:
        """The ratings given, in the project file's ``self_ratings`` form (skipped ones left out)."""
        return tuple(
            SelfRating(
                dimension=r.dimension,
                perspective=self.respondent.role,
                level=r.level,
                rated_by=self.respondent.pseudonym,
                comment=r.comment,
            )
            for r in self.ratings
            if r.level is not None
        )
