"""The participants' report ("you said, we did"): one ``ParticipantsReport`` in, one string out.

``render.formats.render_participants`` picks the renderer for a ``ReportFormat``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from coscore.render.report import _environment

if TYPE_CHECKING:
    from coscore.participants import ParticipantsReport


def render_participants_markdown(report: ParticipantsReport) -> str:
    """Markdown; every user string is escaped."""
    from coscore.render import markdown_text

    env = _environment(autoescape=False, finalize=markdown_text.finalize)
    return env.get_template("participants.md.j2").render(r=report)


def render_participants_html(report: ParticipantsReport) -> str:
    """One self-contained HTML page in large type: no scripts, autoescaped."""
    return _environment(autoescape=True).get_template("participants.html.j2").render(r=report)
