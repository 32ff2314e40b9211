"""One response as the text of a response file (for `coscore responses enter` and `import`)."""

from __future__ import annotations

import json

from coscore.models.responses import ResponseFile


def _string(text: str) -> str:
    # A JSON string is a YAML double-quoted string: every character survives the round trip.
    return json.dumps(text, ensure_ascii=False)


def response_yaml(response: ResponseFile, *, origin: str = "") -> str:
    """YAML text that loads back as ``response``; ``origin`` says in a comment where it came from."""
    lines = ["# A coscore response file: one person's view of the project."]
    if origin:
        lines.append(f"# {origin}")
    lines += [
        "coscore_response: 1",
        f"rubric: {_string(response.rubric)}",
        f"responded_on: {response.responded_on.isoformat() if response.responded_on else ''}".rstrip(),
        "respondent:",
        f"  role: {response.respondent.role.value}",
        f"  pseudonym: {_string(response.respondent.pseudonym)}",
    ]
    if not response.ratings:
        lines.append("ratings: []")
    else:
        lines.append("ratings:")
        for r in response.ratings:
            lines.append(f"  - dimension: {_string(r.dimension)}")
            lines.append(f"    level: {'' if r.level is None else r.level}".rstrip())
            if r.comment:
                lines.append(f"    comment: {_string(r.comment)}")
    return "\n".join(lines) + "\n"
