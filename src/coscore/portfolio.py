"""Pure portfolio building: many assessments -> one frozen ``Portfolio``. No files."""

from __future__ import annotations

from collections import Counter

from coscore.models.assessment import Assessment
from coscore.models.portfolio import FlagCount, LevelDistribution, Portfolio, PortfolioFlag, PortfolioProblem, PortfolioRow
from coscore.models.rubric import Rubric


def portfolio_row(a: Assessment) -> PortfolioRow:
    """One project's line: overall, rung, red flags and its weakest dimension.

    The weakest dimension is the one at the lowest level; on a tie, the one
    with the most weight, then the first in the rubric.
    """
    weakest = min(a.dimensions, key=lambda d: (d.level, -d.weight))
    return PortfolioRow(
        path=a.source_path,
        project_name=a.project_name,
        organisation=a.organisation,
        assessed_on=a.assessed_on.isoformat(),
        overall_score=a.overall_score,
        ladder_rung=a.ladder_rung,
        ladder_rung_title=a.ladder_rung_title,
        red_flags=tuple(PortfolioFlag(id=f.id, title=f.title) for f in a.red_flags),
        weakest_id=weakest.id,
        weakest_title=weakest.title,
        weakest_level=weakest.level,
        weakest_level_name=weakest.level_name,
        also_at_weakest_level=sum(1 for d in a.dimensions if d.level == weakest.level) - 1,
    )


def build_portfolio(rubric: Rubric, assessments: list[Assessment], problems: list[PortfolioProblem]) -> Portfolio:
    """Rows in the order given, the spread of levels per dimension, and red flags by how often they occur."""
    rows = tuple(portfolio_row(a) for a in assessments)
    distribution = []
    for d in rubric.dimensions:
        counts = [0] * (rubric.max_level + 1)
        for a in assessments:
            level = next((x.level for x in a.dimensions if x.id == d.id), None)
            if level is not None:
                counts[level] += 1
        distribution.append(LevelDistribution(dimension_id=d.id, title=d.title, counts=tuple(counts)))
    seen = Counter(f.id for row in rows for f in row.red_flags)
    titles = {f.id: f.title for row in rows for f in row.red_flags}
    order = {f.id: i for i, f in enumerate(rubric.red_flags)}
    common = sorted(seen, key=lambda i: (-seen[i], order.get(i, len(order)), i))
    return Portfolio(
        rubric_id=rubric.id,
        rubric_version=rubric.version,
        rubric_title=rubric.title,
        level_names=tuple(rubric.level_name(lv) for lv in range(rubric.max_level + 1)),
        rows=rows,
        problems=tuple(problems),
        distribution=tuple(distribution),
        common_red_flags=tuple(FlagCount(id=i, title=titles[i], count=seen[i]) for i in common),
    )
