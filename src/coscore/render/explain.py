"""Plain-text explanation of how each level was reached (`coscore explain`)."""

from __future__ import annotations

from coscore.models.assessment import Assessment, DimensionResult
from coscore.safe_text import for_terminal
from coscore.scoring import show_value


# The five states a fact can be in, in the order explain lists them.
FACT_GROUPS = (
    ("evidenced", "Recorded, with current evidence"),
    ("undated", "Recorded, with undated evidence (never counts as current)"),
    ("stale", "Recorded, with stale evidence"),
    ("none", "Recorded, without evidence"),
    ("not recorded", "Not recorded (a gap, not a no)"),
)


def _group_of(f) -> str:
    return "not recorded" if not f.recorded else f.evidence


def explain_dimension(d: DimensionResult, max_level: int, cap_level: int) -> str:
    """How one dimension's level was reached: its conditions level by level, the facts behind them and how to raise it."""
    lines = [f"{d.title} [{d.id}]", f"  Level {d.level} of {max_level} ({d.level_name}), score {d.score}. {d.level_description}"]
    lines.append(f"  Rests on: {d.source}. Weight {d.weight:g}.")
    lines.append("  Conditions, level by level:")
    for c in d.conditions:
        mark = "met    " if c.met else "not met"
        lines.append(f"    level {c.level}: [{mark}] {c.text}   (now: {c.actual})")
    lines.append("  Facts, by what stands behind them (* decided the level):")
    for status, heading in FACT_GROUPS:
        group = [f for f in d.facts if _group_of(f) == status]
        if not group:
            continue
        lines.append(f"    {heading}:")
        for f in group:
            mark = "*" if f.decided_level else " "
            kind = " [costly to fake]" if f.costly else ""
            if f.recorded:
                sources = ", ".join(f.sources) if f.sources else "no record matches"
                lines.append(f"     {mark} {f.name} = {show_value(f.value)}{kind} — {f.description}")
                lines.append(f"        from: {sources}")
            else:
                lines.append(f"     {mark} {f.name}{kind} — {f.description}")
    if d.missing:
        lines.append("  Gaps to fill (not failings): " + "; ".join(d.missing) + ".")
    lines.append(f"  Evidence: {d.evidence_status}.")
    if d.capped_by_evidence:
        lines.append(f"  Capped: the facts reach level {d.uncapped_level}, but without current evidence a dimension stops at level {cap_level}.")
    lines.append(f"  Why this level: {d.reason}")
    lines.append(f"  To raise it: {d.next_step}")
    return "\n".join(lines)


def render_explain(a: Assessment, dimension_id: str | None = None) -> str:
    """The explanation of an assessment's scores, for every dimension or only ``dimension_id``."""
    parts = []
    if dimension_id is None:
        parts.append(f"{a.project_name}: overall {a.overall_score}/100 with rubric {a.rubric_id} {a.rubric_version}.")
        parts.append(
            f"The overall score is the weighted average of the dimension scores; a dimension's score is its level "
            f"divided by {a.max_level}. A level is reached when its conditions and all those below it are met. "
            f"Without current evidence (newer than {a.evidence_max_age_months} months) no dimension goes above level {a.evidence_cap_level}."
        )
        if a.ladder_note:
            parts.append(a.ladder_note)
        parts.append(
            "Only facts that cost something to fake lift a dimension above level 1 (Starting): votes on the body that "
            "took a recorded decision, money allocated by people with lived experience, dated input before a dated "
            "decision, who chose each measure, or records with dated evidence."
        )
        if a.red_flags:
            parts.append("Red flags:\n" + "\n".join(f"  {f.id}: {f.message}" + (f" (at {f.location})" if f.location else "") for f in a.red_flags))
        if a.gaps:
            parts.append("Gaps to fill (the file does not say; these are not failings):\n" + "\n".join(f"  {g.question}: record {g.record}" for g in a.gaps))
    for d in a.dimensions:
        if dimension_id is None or d.id == dimension_id:
            parts.append(explain_dimension(d, a.max_level, a.evidence_cap_level))
    return for_terminal("\n\n".join(parts) + "\n")
