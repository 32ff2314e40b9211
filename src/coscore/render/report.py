"""Report formats: one frozen ``Report`` in, one string out, through jinja2 templates.

jinja2 and the templates are loaded only when a report is rendered, so that
importing this module (the command line does, for the format names) stays cheap.
"""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import TYPE_CHECKING, Callable

if TYPE_CHECKING:
    from coscore.models.report import Report


class ReportFormat(str, Enum):
    markdown = "markdown"
    html = "html"


def long_date(value: dt.date) -> str:
    """2026-03-05 -> '5 March 2026', the way UK readers write dates."""
    return f"{value.day} {value.strftime('%B %Y')}"


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """plural(1, 'rating') -> '1 rating'; plural(2, 'rating') -> '2 ratings'."""
    return f"{count} {singular if count == 1 else (plural_form or singular + 's')}"


def number(value: float) -> str:
    """3.0 -> '3', 3.25 -> '3.25': no trailing zeros."""
    return f"{value:g}"


def _environment(autoescape: bool, finalize: Callable | None = None):
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("coscore", "templates"),
        autoescape=autoescape,
        finalize=finalize,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(long_date=long_date, plural=plural, number=number)
    return env


def render_markdown(report: Report) -> str:
    """GitHub- and GitLab-flavoured Markdown; every user string is escaped."""
    from coscore.render import markdown_text

    env = _environment(autoescape=False, finalize=markdown_text.finalize)
    env.filters.update(code=markdown_text.code)
    return env.get_template("report.md.j2").render(r=report)


def render_html(report: Report) -> str:
    """One self-contained HTML page: inline CSS and SVG, no scripts, autoescaped."""
    env = _environment(autoescape=True)
    _add_chart_filters(env)
    return env.get_template("report.html.j2").render(r=report)


def _add_chart_filters(env) -> None:
    """Inline SVG charts (render/charts.py escapes every user string itself, so its output is marked safe)."""
    from markupsafe import Markup

    from coscore.render import charts
    from coscore.trends import history_table

    env.filters.update(
        perspective_chart=lambda gaps, max_level: Markup(charts.perspective_chart(gaps, max_level)),
        history_chart=lambda history: Markup(charts.history_chart(history)),
        sparkline=lambda levels, max_level, title: Markup(charts.sparkline(levels, max_level, title)),
        history_table=history_table,
    )


RENDERERS: dict[ReportFormat, Callable[["Report"], str]] = {
    ReportFormat.markdown: render_markdown,
    ReportFormat.html: render_html,
}


def render_report(report: Report, fmt: ReportFormat) -> str:
    """Render ``report`` in ``fmt``; every ``ReportFormat`` has a renderer. Always encodable as UTF-8."""
    from coscore.safe_text import for_terminal

    # printed to a terminal by default: no escape sequences or control characters from data,
    # no line that starts a GitHub workflow command, nothing UTF-8 cannot hold
    return for_terminal(RENDERERS[fmt](report))
