"""A blank, commented response file for one respondent (`coscore responses template`)."""

from __future__ import annotations

import textwrap

from coscore.models.rubric import Rubric


def _comment(text: str, indent: str = "", width: int = 78) -> list[str]:
    """Wrap ``text`` into YAML comment lines; newlines in rubric text become spaces."""
    flat = " ".join(text.split())
    return [f"{indent}# {line}" for line in textwrap.wrap(flat, width=width - len(indent) - 2)] or [f"{indent}#"]


def response_template(rubric: Rubric) -> str:
    """YAML text a respondent fills in: every dimension of ``rubric``, level left empty.

    The text parses as a response file once ``respondent.role`` is filled in;
    an empty ``level`` means "not rated".
    """
    scale = ", ".join(f"{s.level} {s.name}" for s in rubric.scale)
    lines = [
        "# A coscore response file: one person's view of the project.",
        "# Fill it in, save it under a new name (one file per person), then run:",
        "#   coscore score PROJECT.yaml --responses THIS-FILE.yaml",
        "# Nobody's name is needed. Say which perspective you speak from and, if you",
        "# like, a made-up pseudonym so the team can tell responses apart.",
        f"# Rate each dimension from 0 to {rubric.max_level}: {scale}.",
        "# Leave 'level:' empty for anything you cannot judge. Comments are optional.",
        "coscore_response: 1            # the response file format version; leave as 1",
        f"rubric: {rubric.id}",
        "responded_on:                  # the date you filled this in, YYYY-MM-DD",
        "",
        "respondent:",
        "  role:                         # lived_experience, staff, partner, volunteer or funder",
        '  pseudonym: ""                 # optional; never your real name',
        "",
        "ratings:",
    ]
    for d in rubric.dimensions:
        lines.append("")
        lines += _comment(f"{d.title}: {d.description}", "  ")
        for lv in d.levels:
            lines += _comment(f"{lv.level} {rubric.level_name(lv.level)}: {lv.description}", "  ")
        lines.append(f"  - dimension: {d.id}")
        lines.append("    level:")
        lines.append('    comment: ""')
    return "\n".join(lines) + "\n"
