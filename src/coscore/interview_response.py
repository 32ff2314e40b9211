"""The questions `coscore responses enter` asks while someone types up a paper form.

The questions follow the paper form (`coscore responses form`) in the same
order and words. Every answer is checked as it is typed and asked again if
it cannot be used, so the response file written at the end always validates.
"""

from __future__ import annotations

import datetime as dt

import typer

from coscore import questions
from coscore.interview import _ask, _date, _text
from coscore.models.project import Perspective
from coscore.models.responses import Respondent, ResponseFile, ResponseRating
from coscore.models.rubric import Rubric


def _perspective(raw: str) -> Perspective:
    choices = list(questions.PERSPECTIVE_CHOICES)
    if raw.isdigit() and 1 <= int(raw) <= len(choices):
        return choices[int(raw) - 1]
    found = questions.read_perspective(raw)
    if found is None:
        raise typer.BadParameter(f"please type a number from 1 to {len(choices)}")
    return found


def _level(rubric: Rubric):
    def convert(raw: str) -> int | None:
        level = questions.read_level(raw, rubric)
        if isinstance(level, questions.Unrecognised):
            raise typer.BadParameter(f"please type a number from 0 to {rubric.max_level}, or press Enter if no box is ticked")
        return level

    return convert


def ask_consent() -> bool:
    """Whether the person ticked the consent box; asked first, so nobody types up answers that cannot be used."""
    return typer.confirm(f'Did the person tick "{questions.CONSENT_YES}" under "{questions.CONSENT_QUESTION}"?', default=False)


def ask_response(rubric: Rubric, today: dt.date) -> ResponseFile:
    """Ask for one paper form's answers and return them as a response.

    Raises ``typer.Abort`` if the input ends before the questions do.
    """
    typer.echo("Type up one paper form. Press Enter to skip anything the person left empty.\n")
    typer.echo(questions.PERSPECTIVE_QUESTION)
    for number, sentence in enumerate(questions.PERSPECTIVE_CHOICES.values(), start=1):
        typer.echo(f"  {number}  {sentence}")
    role = _ask("Which box is ticked? Type its number", _perspective)
    pseudonym = _ask(questions.PSEUDONYM_QUESTION + " (press Enter to skip)", _text(100))
    responded_on = _ask("The date on the form (YYYY-MM-DD)", _date(), default=today.isoformat())
    scale = ", ".join(f"{s.level} {s.name}" for s in rubric.scale)
    ratings = []
    for number, d in enumerate(rubric.dimensions, start=1):
        typer.echo(f"\n{number}. {questions.question(d)}")
        level = _ask(f"Which box is ticked ({scale}; Enter if none or 'I don't know')", _level(rubric))
        comment = _ask("What did they write? (press Enter if nothing)", _text(5000))
        if level is not None or comment:
            ratings.append(ResponseRating(dimension=d.id, level=level, comment=comment))
    return ResponseFile(
        coscore_response=1,
        rubric=rubric.id,
        responded_on=responded_on,
        respondent=Respondent(role=role, pseudonym=pseudonym),
        ratings=tuple(ratings),
    )
