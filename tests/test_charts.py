"""Inline SVG charts: perspectives side by side, scores over time (issue 6)."""

from __future__ import annotations

import re

import pytest
import xml.etree.ElementTree as ET
from pathlib import Path

from coscore.workflows import rubrics
from coscore.workflows import score as score_workflow
from coscore.models.history import DimensionPoint, History, HistoryPoint, Snapshot
from coscore.render.charts import history_chart, perspective_chart, sparkline

ROOT = Path(__file__).resolve().parent.parent
KNOWN = ROOT / "tests" / "cases" / "gaps" / "known-ratings.yaml"
SVG = "{http://www.w3.org/2000/svg}"


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # also proves the markup is well-formed


def test_perspective_chart_draws_shown_groups_and_words_for_hidden_ones():
    a = score_workflow.assess_with_responses(KNOWN, rubrics.load_rubric(None))
    root = parse(perspective_chart(a.perspective_gaps, a.max_level))
    assert root.get("role") == "img"
    title_id, desc_id = root.get("aria-labelledby").split()
    desc = root.find(f"{SVG}desc").text
    assert root.find(f"{SVG}desc").get("id") == desc_id and root.find(f"{SVG}title").get("id") == title_id
    assert desc.startswith("Share power (gap 3): facts level 0, lived experience average 1, staff average 4.")
    assert "Reciprocity: facts level 0, lived experience not shown, staff average 4." in desc
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert "2 people, not shown" in texts
    # One bar per shown rating plus one per facts level: 5 dimensions with facts, 9 shown averages.
    shown = sum(1 for g in a.perspective_gaps for r in g.ratings if r.average is not None)
    assert shown == 9
    assert len(root.findall(f"{SVG}rect")) == shown + len(a.perspective_gaps)
    # Dimensions appear in gap order.
    titles = [t.text for t in root.iter(f"{SVG}text") if t.get("font-weight") == "bold"]
    assert titles == [g.dimension_title for g in a.perspective_gaps]
    widths = {float(r.get("width")) for r in root.findall(f"{SVG}rect")}
    assert max(widths) == 300.0  # a rating of 4 fills the scale


def test_perspective_chart_escapes_titles():
    a = score_workflow.assess_with_responses(KNOWN, rubrics.load_rubric(None))
    gap = a.perspective_gaps[0]._replace(dimension_title="<script>alert(1)</script> & co")
    svg = perspective_chart((gap,), a.max_level)
    assert "<script>" not in svg
    assert parse(svg).find(f"{SVG}desc").text.startswith("<script>alert(1)</script> & co")


def test_no_gaps_no_chart():
    assert perspective_chart((), 4) == ""


def _history(scores: list[int]) -> History:
    points = tuple(
        HistoryPoint(
            revision=f"{i:040d}", short=f"{i:07d}", committed_on=f"2025-0{i + 1}-01", subject="s", path="p.yaml",
            snapshot=Snapshot(
                label="p", project_name="<b>P</b>", assessed_on="2025-01-01", rubric_id="r", rubric_version="1",
                overall_score=s, ladder_rung="", red_flags=(),
                dimensions=(DimensionPoint(id="d", title="D", level=min(s // 25, 4), level_name="", score=s),),
            ),
        )
        for i, s in enumerate(scores)
    )
    return History(path="p.yaml", points=points, total_versions=len(points))


def test_history_chart_plots_each_scored_version_in_order():
    root = parse(history_chart(_history([20, 45, 80])))
    assert root.find(f"{SVG}desc").text == "Overall score out of 100 by version: 2025-01-01 (0000000): 20, 2025-02-01 (0000001): 45, 2025-03-01 (0000002): 80."
    points = root.find(f"{SVG}polyline").get("points").split()
    xs = [float(p.split(",")[0]) for p in points]
    ys = [float(p.split(",")[1]) for p in points]
    assert xs == sorted(xs) and len(xs) == 3
    assert ys[0] > ys[1] > ys[2]  # higher scores sit higher on the page
    assert ys[2] == pytest.approx(15 + 180 * (1 - 0.8), abs=0.1)


def test_history_chart_needs_two_points():
    assert history_chart(_history([50])) == ""


def test_sparkline_says_its_levels_in_words():
    svg = sparkline([1, None, 3], 4, "Share <power>")
    root = parse(svg)
    assert root.get("aria-label") == "Share <power>: level 1, then 3"
    assert len(re.findall(r"\d+\.\d,\d+\.\d", root.find(f"{SVG}polyline").get("points"))) == 2
    assert sparkline([2], 4, "x") == ""
