"""Loading a rubric: the file (``coscore.io.loaders``) plus the check that every condition names a real fact."""

from __future__ import annotations

from coscore.errors import Diagnostic, InputProblems
from coscore.io.loaders import load_rubric_file
from coscore.models.rubric import Rubric


def load_rubric(ref: str | None) -> Rubric:
    """Load a rubric by packaged id, or from a path when ``ref`` names a file; raises ``InputProblems``."""
    from coscore.scoring import unknown_facts

    rubric, parsed = load_rubric_file(ref)
    unknown = unknown_facts(rubric)
    if unknown:
        import difflib

        from coscore.facts import FACTS

        problems = []
        for path, name in unknown:
            close = difflib.get_close_matches(name or "", list(FACTS), n=1)
            hint = f"did you mean '{close[0]}'? " if close else ""
            problems.append(
                Diagnostic(location=parsed.location(path), message=f"unknown fact '{name}'", hint=hint + "run 'coscore rubric facts' to list the facts")
            )
        raise InputProblems(problems)
    return rubric
