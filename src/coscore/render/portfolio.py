"""Portfolio output for funders and boards: terminal, Markdown, HTML and JSON. Each returns a str."""

from __future__ import annotations

import io
import json

from coscore.models.portfolio import Portfolio
from coscore.safe_text import encodable, for_terminal

PORTFOLIO_JSON_VERSION = 1


def rung_name(rung: str) -> str:
    """A ladder rung as a heading word, such as 'Co-design', or 'not determined' when there is none."""
    return rung.replace("_", "-").capitalize() if rung else "not determined"


def portfolio_dict(p: Portfolio) -> dict:
    """The documented JSON shape. Keys are stable; new keys may be added."""
    return {
        "format_version": PORTFOLIO_JSON_VERSION,
        "rubric": {"id": p.rubric_id, "version": p.rubric_version, "title": p.rubric_title},
        "projects": [
            {
                "file": r.path,
                "name": r.project_name,
                "organisation": r.organisation,
                "assessed_on": r.assessed_on,
                "overall_score": r.overall_score,
                "ladder_rung": r.ladder_rung,
                "red_flags": [f.id for f in r.red_flags],
                "weakest_dimension": {"id": r.weakest_id, "title": r.weakest_title, "level": r.weakest_level, "others_at_this_level": r.also_at_weakest_level},
            }
            for r in p.rows
        ],
        "files_with_errors": [{"file": e.path, "problems": list(e.problems)} for e in p.problems],
        "level_distribution": [
            {"dimension_id": d.dimension_id, "title": d.title, "projects_at_level": {str(lv): n for lv, n in enumerate(d.counts)}} for d in p.distribution
        ],
        "common_red_flags": [{"id": f.id, "title": f.title, "projects": f.count} for f in p.common_red_flags],
    }


def render_portfolio_json(p: Portfolio) -> str:
    """The portfolio as indented JSON."""
    return encodable(json.dumps(portfolio_dict(p), indent=2, ensure_ascii=False) + "\n")


def render_portfolio_terminal(p: Portfolio, *, color: bool = False, width: int = 110) -> str:
    """The portfolio as terminal text: the projects, the files that could not be scored, the levels reached and the common red flags."""
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    out = io.StringIO()
    console = Console(file=out, force_terminal=color, no_color=not color, width=width, highlight=False)
    console.print(f"[bold]Portfolio[/bold]: {len(p.rows)} project{'s' if len(p.rows) != 1 else ''} scored, {len(p.problems)} could not be scored")
    console.print(f"Rubric: {escape(p.rubric_title)} ({escape(p.rubric_id)} {escape(p.rubric_version)})")
    if p.rows:
        projects = Table(title="Projects", title_justify="left")
        for name, justify in (("Project", "left"), ("Overall", "right"), ("Ladder rung", "left"), ("Red flags", "left"), ("Weakest dimension", "left")):
            projects.add_column(name, justify=justify)
        for r in p.rows:
            flags = ", ".join(f.id for f in r.red_flags) or "none"
            weakest = f"{r.weakest_title} ({r.weakest_level} {r.weakest_level_name})"
            if r.also_at_weakest_level:
                weakest += f", and {r.also_at_weakest_level} more at this level"
            projects.add_row(f"{escape(r.project_name)}\n{escape(r.path)}", str(r.overall_score), rung_name(r.ladder_rung), escape(flags), escape(weakest))
        console.print(projects)
    if p.problems:
        console.print(f"[bold red]Files that could not be scored ({len(p.problems)})[/bold red]")
        for e in p.problems:
            for problem in e.problems:
                console.print(f"  {escape(problem)}")
    if p.rows:
        levels = Table(title="How many projects reach each level, per dimension", title_justify="left")
        levels.add_column("Dimension")
        for lv, name in enumerate(p.level_names):
            levels.add_column(f"{lv} {name}", justify="right")
        for d in p.distribution:
            levels.add_row(escape(d.title), *[str(n) for n in d.counts])
        console.print(levels)
        if p.common_red_flags:
            console.print("[bold]Most common red flags[/bold]")
            for f in p.common_red_flags:
                console.print(f"  {f.count} of {len(p.rows)}: {escape(f.title)} " + escape(f"[{f.id}]"))
        else:
            console.print("No project has a red flag.")
    return for_terminal(out.getvalue(), keep_colour=color)


def _environment():
    from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

    env = Environment(
        loader=PackageLoader("coscore", "templates"),
        autoescape=select_autoescape(enabled_extensions=("html", "html.j2"), default_for_string=False),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    from coscore.render.markdown_text import escape as markdown_escape

    env.filters["md"] = markdown_escape
    env.filters["rung"] = rung_name
    return env


def render_portfolio_markdown(p: Portfolio) -> str:
    """The portfolio as a Markdown report."""
    return for_terminal(_environment().get_template("portfolio.md.j2").render(p=p))  # see render.report.render_report


def render_portfolio_html(p: Portfolio) -> str:
    """The portfolio as an HTML report."""
    return for_terminal(_environment().get_template("portfolio.html.j2").render(p=p))
