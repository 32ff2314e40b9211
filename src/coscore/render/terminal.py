"""The rich terminal summary shown by `coscore score`."""

from __future__ import annotations

import io

from coscore.models.assessment import Assessment
from coscore.safe_text import for_terminal



def level_bar(level: int, max_level: int) -> str:
    """A bar of ``level`` filled blocks out of ``max_level``."""
    return "█" * level + "░" * (max_level - level)


def render_terminal(a: Assessment, *, color: bool = False, width: int = 100, steps: int = 5) -> str:
    """The assessment as terminal text: the overall score, the rung the facts support, each dimension's level, red flags and the first ``steps`` next steps."""
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    out = io.StringIO()
    console = Console(file=out, force_terminal=color, no_color=not color, width=width, highlight=False)
    console.print(f"[bold]{escape(a.project_name)}[/bold]" + (f" — {escape(a.organisation)}" if a.organisation else ""))
    console.print(f"Rubric: {escape(a.rubric_title)} ({escape(a.rubric_id)} {escape(a.rubric_version)}), assessed on {a.assessed_on.isoformat()}")
    console.print(f"Overall score: [bold]{a.overall_score}[/bold] out of 100")
    if a.ladder_rung:
        rung = a.ladder_rung_title or a.ladder_rung  # the rubric's own words for its rungs
        console.print(f"The facts support: [bold]{rung}[/bold] — {escape(a.ladder_rung_meaning)}")
    else:
        console.print("The facts support: [bold]no rung yet[/bold]")
    if a.ladder_note:
        console.print(escape(a.ladder_note))
    if a.claimed_rung and a.claimed_rung != a.ladder_rung:
        console.print(f"The project describes itself as: {a.claimed_rung_title or a.claimed_rung}")
    console.print("Not every activity needs the top rung; what matters is that the label matches the facts.", style="dim")
    console.print()

    table = Table(title="Dimensions", title_justify="left", show_lines=False)
    table.add_column("Dimension")
    table.add_column("Level", no_wrap=True)
    table.add_column("Score", justify="right")
    table.add_column("Evidence")
    for d in a.dimensions:
        evidence = d.evidence_status + (" (capped)" if d.capped_by_evidence else "")
        table.add_row(escape(d.title), f"{level_bar(d.level, a.max_level)} {d.level} {d.level_name}", str(d.score), evidence)
    console.print(table)

    # Red flags come before the perspectives: they are what a reader must not miss.
    console.print()
    if a.red_flags:
        console.print(f"[bold red]Red flags ({len(a.red_flags)})[/bold red]")
        for f in a.red_flags:
            where = f" at {f.location}" if f.location else ""
            item(console, "✗", f"[bold]{escape(f.title)}[/bold] {escape(f'[{f.id}]' + where)}", escape(f.message))
    else:
        console.print("[green]No red flags.[/green]")

    if a.perspective_gaps:
        console.print()
        render_perspectives(console, a)

    console.print()
    console.print("[bold]Next steps[/bold] (most useful first)")
    for i, s in enumerate(a.next_steps[:steps], start=1):
        label = f"red flag {s.red_flag_id}" if s.kind == "red_flag" else f"{s.dimension_id}, up to +{s.gain:g} points"
        title = "Fill a gap: " if s.kind == "gap" else ""
        item(console, f"{i}.", f"{title}{escape(s.text)} [dim]({escape(label)})[/dim]")
    if len(a.next_steps) > steps:
        indented(console, f"… and {len(a.next_steps) - steps} more: see 'coscore explain' or 'coscore report'.", style="dim")
    text = out.getvalue() if color else "".join(line.rstrip() + "\n" for line in out.getvalue().splitlines())
    return for_terminal(text, keep_colour=color)


def item(console, marker: str, *lines: str, indent: int = 2) -> None:
    """A list item whose wrapped lines line up under its first word, not under the marker or the margin."""
    from rich.padding import Padding
    from rich.table import Table

    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column()
    for n, line in enumerate(lines):
        grid.add_row(marker if n == 0 else "", line)
    console.print(Padding(grid, (0, 0, 0, indent), expand=False))


def indented(console, markup: str, *, indent: int = 2, style: str = "") -> None:
    """A paragraph indented on every line, wrapped or not."""
    from rich.padding import Padding
    from rich.text import Text

    console.print(Padding(Text.from_markup(markup, style=style), (0, 0, 0, indent), expand=False))


def rating_cell(r) -> str:
    """One perspective's rating of one dimension, or only a count under the small-group rule."""
    who = "person" if r.count == 1 else "people"
    if r.hidden or r.average is None:
        return f"{r.count} {who} (count only)"
    spread = f"all gave {r.lowest}" if r.lowest == r.highest else f"{r.lowest}–{r.highest}"
    return f"{r.average:g} ({spread}), {r.count} {who}"


def render_perspectives(console, a: Assessment) -> None:
    """Ratings per perspective beside the level the facts support, largest gap first."""
    from rich.markup import escape
    from rich.table import Table

    from coscore.scoring import perspective_label

    console.print("[bold]Perspectives[/bold] (the facts decide each level; people's ratings are shown per perspective, never pooled)")
    indented(console, "Who rated: " + ", ".join(f"{perspective_label(g.perspective)} {g.people}" for g in a.respondents))
    shown = [g.perspective for g in a.respondents]
    table = Table(title="Where perspectives differ, largest gap first", title_justify="left")
    table.add_column("Dimension")
    table.add_column("Facts", justify="right")
    for p in shown:
        table.add_column(perspective_label(p).capitalize())
    table.add_column("Gap", justify="right")
    for g in a.perspective_gaps:
        cells = {r.perspective: rating_cell(r) for r in g.ratings}
        table.add_row(
            escape(g.dimension_title),
            "" if g.facts_level is None else str(g.facts_level),
            *[cells.get(p, "—") for p in shown],
            "—" if g.gap is None else f"{g.gap:g}",
        )
    console.print(table)
    indented(console, "Each cell: average rating (lowest–highest), number of people. Gap: highest average minus lowest.", style="dim")
    if all(g.gap is None for g in a.perspective_gaps):
        indented(
            console,
            f"No dimension was rated by at least {a.min_group_size} people from each of two perspectives, "
            "so no gap can be shown without singling people out.",
        )
    for note in dict.fromkeys(a.perspective_notes):  # the same note once, however many dimensions it applies to
        indented(console, f"Note: {escape(note)}", style="dim")
