"""Plain-text views of a rubric (`coscore rubric show`, `coscore explain ID`)."""

from __future__ import annotations

from coscore.facts import FACTS
from coscore.models.rubric import Dimension, Rubric
from coscore.safe_text import for_terminal
from coscore.scoring import condition_text


def _dimension_text(r: Rubric, d: Dimension) -> list[str]:
    lines = [f"{d.title} [{d.id}] weight {d.weight:g}; rests on {d.source}", f"  {d.description}"]
    for lv in d.levels:
        lines.append(f"  {lv.level} {r.level_name(lv.level)}: {lv.description}")
        for c in lv.requires:
            lines.append(f"      needs {condition_text(c)}")
        lines.append(f"      next step: {lv.next_step}")
    return lines


def render_rubric(r: Rubric) -> str:
    """The rubric as plain text: its scale, evidence rule, dimensions with their levels, and red flags."""
    lines = [f"{r.title}", f"id {r.id}, version {r.version}", "", r.description, ""]
    lines.append(f"Evidence rule: without current evidence (newer than {r.evidence.max_age_months} months) a dimension stops at level {r.evidence_cap}.")
    lines.append("Scale: " + ", ".join(f"{s.level} {s.name}" for s in r.scale))
    lines.append("")
    for d in r.dimensions:
        lines.extend(_dimension_text(r, d))
        lines.append("")
    if r.red_flags:
        lines.append("Red flags:")
        for f in r.red_flags:
            lines.append(f"  {f.id} ({f.severity}): {f.title}")
            lines.append(f"      raised when: {'; '.join(condition_text(c) for c in f.when)}")
    if r.ladder:
        lines.append("")
        lines.append("Ladder (lowest first):")
        for rung in r.ladder:
            lines.append(f"  {rung.title}: {rung.meaning}")
    return for_terminal("\n".join(lines) + "\n")  # a custom rubric's text is data


def describe_id(r: Rubric, ident: str) -> str | None:
    """Describe a dimension, red flag or fact by id; None if nothing has that id."""
    text = _describe_id(r, ident)
    return None if text is None else for_terminal(text)


def _describe_id(r: Rubric, ident: str) -> str | None:
    d = r.dimension(ident)
    if d is not None:
        return "\n".join(_dimension_text(r, d)) + "\n"
    flag = next((f for f in r.red_flags if f.id == ident), None)
    if flag is not None:
        return (
            f"{flag.title} [{flag.id}] ({flag.severity}); rests on {flag.source}\n"
            f"  Why it matters: {flag.explanation}\n"
            f"  What to do: {flag.suggestion}\n"
            f"  Raised when: {'; '.join(condition_text(c) for c in flag.when)}\n"
        )
    spec = FACTS.get(ident)
    if spec is not None:
        return f"{spec.name} ({spec.kind}): {spec.description}\n"
    return None
