"""Many projects on one page, for funders and boards: frozen results only."""

from __future__ import annotations

from typing import NamedTuple


class PortfolioFlag(NamedTuple):
    id: str
    title: str


class PortfolioRow(NamedTuple):
    path: str
    project_name: str
    organisation: str
    assessed_on: str
    overall_score: int
    ladder_rung: str
    ladder_rung_title: str
    red_flags: tuple[PortfolioFlag, ...]
    weakest_id: str
    weakest_title: str
    weakest_level: int
    weakest_level_name: str
    also_at_weakest_level: int  # other dimensions at the same lowest level


class PortfolioProblem(NamedTuple):
    """A file that could not be scored, listed with its errors rather than skipped."""

    path: str
    problems: tuple[str, ...]  # path:line:col: message (hint)


class LevelDistribution(NamedTuple):
    dimension_id: str
    title: str
    counts: tuple[int, ...]  # counts[level] = projects at that level


class FlagCount(NamedTuple):
    id: str
    title: str
    count: int  # projects with this red flag


class Portfolio(NamedTuple):
    rubric_id: str
    rubric_version: str
    rubric_title: str
    level_names: tuple[str, ...]  # level_names[level]
    rows: tuple[PortfolioRow, ...]
    problems: tuple[PortfolioProblem, ...]
    distribution: tuple[LevelDistribution, ...]
    common_red_flags: tuple[FlagCount, ...]  # most common first
