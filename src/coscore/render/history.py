"""Terminal and JSON output for `coscore history` and `coscore compare`."""

from __future__ import annotations

import io
import json

from coscore.models.history import Comparison, History, Snapshot
from coscore.safe_text import encodable, for_terminal
from coscore.trends import signed

HISTORY_JSON_VERSION = 1
# The terminal trend table shows at most this many versions side by side.
MAX_COLUMNS = 10


def _console(out: io.StringIO, color: bool, width: int):
    from rich.console import Console

    return Console(file=out, force_terminal=color, no_color=not color, width=width, highlight=False)


def _trend(levels: list[int | None]) -> str:
    known = [lv for lv in levels if lv is not None]
    if len(known) < 2:
        return "—"
    change = known[-1] - known[0]
    arrow = "↑" if change > 0 else ("↓" if change < 0 else "=")
    return f"{arrow} {signed(change)}"


def render_history_terminal(h: History, *, color: bool = False, width: int = 100) -> str:
    """A file's score history as terminal text: a table of versions and, when two or more were scored, the trend per dimension."""
    from rich.markup import escape
    from rich.table import Table

    out = io.StringIO()
    console = _console(out, color, width)
    scored = [p for p in h.points if p.snapshot is not None]
    console.print(f"[bold]History of {escape(h.path)}[/bold]: {h.total_versions} committed version{'s' if h.total_versions != 1 else ''}, oldest first")
    if h.omitted:
        console.print(f"Showing the latest {len(h.points)}; {h.omitted} older left out (use --limit to see more).", style="dim")

    versions = Table(title="Versions", title_justify="left")
    for name, justify in (("#", "right"), ("Commit", "left"), ("Date", "left"), ("Overall", "right"), ("Ladder rung", "left"), ("Red flags", "right"), ("Commit message", "left")):
        versions.add_column(name, justify=justify)
    for i, p in enumerate(h.points, start=1):
        s = p.snapshot
        if s is None:
            versions.add_row(str(i), p.short, p.committed_on, "—", "could not be scored", "—", escape(p.subject))
        else:
            versions.add_row(str(i), p.short, p.committed_on, str(s.overall_score), s.ladder_rung.replace("_", "-") or "—", str(len(s.red_flags)), escape(p.subject))
    console.print(versions)

    for p in h.points:
        for problem in p.problems:
            console.print(f"  {escape(problem)}", style="red")

    if len(scored) >= 2:
        shown = scored[-MAX_COLUMNS:]
        trend = Table(title="Trend per dimension (level at each version; the last column compares the first and last shown)", title_justify="left")
        trend.add_column("Dimension")
        for p in shown:
            trend.add_column(str(h.points.index(p) + 1), justify="right")
        trend.add_column("Trend")
        overall = [p.snapshot.overall_score for p in shown]
        trend.add_row("[bold]Overall score[/bold]", *[str(v) for v in overall], _trend(overall))
        ids = list(dict.fromkeys(d.id for p in shown for d in p.snapshot.dimensions))
        for dim_id in ids:
            levels = [next((d.level for d in p.snapshot.dimensions if d.id == dim_id), None) for p in shown]
            title = next(d.title for p in shown for d in p.snapshot.dimensions if d.id == dim_id)
            trend.add_row(escape(title), *["—" if lv is None else str(lv) for lv in levels], _trend(levels))
        console.print(trend)
    elif scored:
        console.print("Only one version could be scored, so there is no trend to show yet. Commit the file again after the next review.")
    return for_terminal(out.getvalue(), keep_colour=color)


def _snapshot_dict(s: Snapshot | None) -> dict | None:
    if s is None:
        return None
    return {
        "project": s.project_name,
        "assessed_on": s.assessed_on,
        "rubric": {"id": s.rubric_id, "version": s.rubric_version},
        "overall_score": s.overall_score,
        "ladder_rung": s.ladder_rung,
        "dimensions": [{"id": d.id, "title": d.title, "level": d.level, "score": d.score} for d in s.dimensions],
        "red_flags": [f.id for f in s.red_flags],
    }


def render_history_json(h: History) -> str:
    """A file's score history as JSON."""
    doc = {
        "format_version": HISTORY_JSON_VERSION,
        "file": h.path,
        "committed_versions": h.total_versions,
        "points": [
            {
                "revision": p.revision or None,
                "committed_on": p.committed_on,
                "subject": p.subject,
                "path": p.path,
                "result": _snapshot_dict(p.snapshot),
                "problems": list(p.problems),
            }
            for p in h.points
        ],
    }
    return encodable(json.dumps(doc, indent=2, ensure_ascii=False) + "\n")


def render_comparison_terminal(c: Comparison, *, color: bool = False, width: int = 100) -> str:
    """Two scored versions compared, as terminal text."""
    from rich.markup import escape
    from rich.table import Table

    out = io.StringIO()
    console = _console(out, color, width)
    console.print(f"[bold]Comparing[/bold] {escape(c.old.label)} (assessed {c.old.assessed_on})")
    console.print(f"     [bold]with[/bold] {escape(c.new.label)} (assessed {c.new.assessed_on})")
    for note in c.notes:
        console.print(f"Note: {escape(note)}", style="yellow")
    console.print(f"Overall score: {c.old.overall_score} → [bold]{c.new.overall_score}[/bold] ({signed(c.overall_change)})")
    if c.old.ladder_rung != c.new.ladder_rung:
        console.print(f"Ladder rung the facts support: {c.old.ladder_rung.replace('_', '-') or '—'} → {c.new.ladder_rung.replace('_', '-') or '—'}")
    else:
        console.print(f"Ladder rung the facts support: {c.new.ladder_rung.replace('_', '-') or '—'} (unchanged)")

    table = Table(title="Dimensions", title_justify="left")
    for name in ("Dimension", "Before", "After", "Change"):
        table.add_column(name)
    for d in c.dimensions:
        before = "not in this result" if d.old_level is None else f"{d.old_level} {d.old_level_name}".strip()
        after = "not in this result" if d.new_level is None else f"{d.new_level} {d.new_level_name}".strip()
        change = "—" if d.change is None else (f"↑ {signed(d.change)}" if d.change > 0 else (f"↓ {signed(d.change)}" if d.change < 0 else "="))
        table.add_row(escape(d.title), before, after, change)
    console.print(table)
    for heading, flags in (("Red flags resolved", c.flags_resolved), ("New red flags", c.flags_new), ("Red flags still raised", c.flags_still)):
        if flags:
            console.print(f"{heading}: " + "; ".join(escape(f"{f.title} [{f.id}]") for f in flags))
    if not (c.flags_resolved or c.flags_new or c.flags_still):
        console.print("No red flags in either result.")
    return for_terminal(out.getvalue(), keep_colour=color)


def render_comparison_json(c: Comparison) -> str:
    """Two scored versions compared, as JSON."""
    doc = {
        "format_version": HISTORY_JSON_VERSION,
        "old": {"label": c.old.label, **_snapshot_dict(c.old)},
        "new": {"label": c.new.label, **_snapshot_dict(c.new)},
        "overall_change": c.overall_change,
        "dimensions": [
            {"id": d.id, "title": d.title, "old_level": d.old_level, "new_level": d.new_level, "change": d.change} for d in c.dimensions
        ],
        "red_flags": {
            "resolved": [f.id for f in c.flags_resolved],
            "new": [f.id for f in c.flags_new],
            "still": [f.id for f in c.flags_still],
        },
        "notes": list(c.notes),
    }
    return encodable(json.dumps(doc, indent=2, ensure_ascii=False) + "\n")
