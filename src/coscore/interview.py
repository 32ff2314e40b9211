"""The questions ``coscore init`` asks, in plain English, with answers checked as they are typed.

A wrong answer (a date that does not exist, more lived-experience seats than
seats) is explained at once and the question asked again, so the file written
at the end always validates.
"""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Callable, TypeVar

import typer

from coscore.authoring import DecisionAnswer, DecisionBodyAnswer, PersonAnswer, ProjectAnswers
from coscore.models.project import Involvement, Perspective, Rung, _normalise_choice

T = TypeVar("T")
SKIP = " (press Enter to skip)"
MAX_PEOPLE = 200
MAX_DECISIONS = 20
HOW_TAKEN_PART = (
    "told (they were told afterwards), surveyed, consulted (in a meeting), advised, "
    "co_designed (they co-designed or co-wrote it), voted (they voted on it), or decided (they decided it)"
)


def _ask(question: str, convert: Callable[[str], T], *, default: str = "") -> T:
    return typer.prompt(question, default=default, show_default=bool(default), value_proc=lambda raw: convert(str(raw).strip()))


def _text(max_length: int, *, required: bool = False) -> Callable[[str], str]:
    def convert(raw: str) -> str:
        if required and not raw:
            raise typer.BadParameter("please write something here")
        if len(raw) > max_length:
            raise typer.BadParameter(f"please keep it under {max_length} characters")
        return raw

    return convert


def _date(*, not_before: dt.date | None = None, what: str = "") -> Callable[[str], dt.date | None]:
    def convert(raw: str) -> dt.date | None:
        if not raw:
            return None
        try:
            value = dt.date.fromisoformat(raw)
        except ValueError:
            raise typer.BadParameter("please write a real date as YYYY-MM-DD, for example 2025-04-01") from None
        if not_before is not None and value < not_before:
            raise typer.BadParameter(f"this is before {what} ({not_before.isoformat()}); please check both dates")
        return value

    return convert


def _whole(*, maximum: int, required: bool = False, minimum: int = 0) -> Callable[[str], int | None]:
    def convert(raw: str) -> int | None:
        if not raw:
            if required:
                raise typer.BadParameter("please give a number")
            return None
        if not raw.isdigit():
            raise typer.BadParameter("please write a whole number using digits, for example 6")
        value = int(raw)
        if not minimum <= value <= maximum:
            raise typer.BadParameter(f"please give a number from {minimum} to {maximum}")
        return value

    return convert


def _amount(*, maximum: float | None = None) -> Callable[[str], float | None]:
    def convert(raw: str) -> float | None:
        if not raw:
            return None
        from coscore.readings import number_reading  # the same reading of '£40,000' or '40k' as a file's error messages

        cleaned = number_reading(raw)
        try:
            value = float(cleaned if cleaned is not None else raw)
        except ValueError:
            raise typer.BadParameter("please write an amount using digits, for example 25000") from None
        if not (value >= 0 and value < 1e15):  # also refuses nan and infinity
            raise typer.BadParameter("please give an amount of zero or more")
        if maximum is not None and value > maximum:
            raise typer.BadParameter(f"this is more than the whole budget ({maximum:,.0f})")
        return value

    return convert


def _choice(enum_cls: type[Enum], *, required: bool = False) -> Callable[[str], str | None]:
    allowed = [str(m.value) for m in enum_cls]

    def convert(raw: str) -> str | None:
        if not raw and not required:
            return None
        value = _normalise_choice(raw)
        if value not in allowed:
            raise typer.BadParameter("please answer with one of: " + ", ".join(allowed))
        return str(value)

    return convert


def ask_project_answers(today: dt.date) -> ProjectAnswers:
    """Ask the questions on the terminal and return the answers.

    Raises ``typer.Abort`` if the input ends before the questions do.
    """
    roles = ", ".join(m.value for m in Perspective)
    typer.echo("A few questions about your project. Press Enter to skip any question you cannot answer yet;")
    typer.echo("you can fill in the rest of the file later.\n")
    name = _ask("What is the project called?", _text(5000, required=True), default="Our project")
    organisation = _ask("Which organisation runs it?" + SKIP, _text(500))
    summary = _ask("In a sentence or two, what is the project for?" + SKIP, _text(5000))
    assessed_on = _ask("What date do these answers describe? (YYYY-MM-DD)", _date(), default=today.isoformat())
    started_on = _ask("When did the project start? (YYYY-MM-DD)" + SKIP, _date())
    planned = _ask("How many months is the project planned to run in total?" + SKIP, _whole(maximum=1200))
    funding_ends_on = _ask("When does the current funding end? (YYYY-MM-DD)" + SKIP, _date(not_before=started_on, what="the start date"))
    described_as = _ask(
        "What does the project call itself: " + ", ".join(m.value for m in Rung) + "?" + SKIP,
        _choice(Rung),
    )

    typer.echo("\nWho decides. The group that takes the project's decisions, for example a steering group or a board.")
    body = None
    body_name = _ask("What is it called?" + " (press Enter if there is none)", _text(5000))
    if body_name:
        seats = _ask("How many seats does it have?", _whole(maximum=100000, minimum=1, required=True))
        lived = _ask(
            "How many of those seats are held by people with lived experience of what the project is about?",
            _whole(maximum=seats, required=True),
            default="0",
        )
        chaired_by = _ask(f"Who chairs it: {roles}?" + SKIP, _choice(Perspective))
        advises = typer.confirm("Does this group only give advice, while someone else takes the decisions?", default=False)
        lived_votes = None
        if lived and not advises:
            lived_votes = _ask(
                "How many votes do people with lived experience hold on it? (press Enter if each of their seats has a vote)",
                _whole(maximum=lived),
            )
        body = DecisionBodyAnswer(
            name=body_name,
            seats=seats,
            lived_experience_seats=lived,
            chaired_by=chaired_by,
            kind="advisory" if advises else "deciding",
            lived_experience_votes=lived_votes,
        )

    typer.echo("\nThe people involved. Press Enter instead of a name when you have finished.")
    people: list[PersonAnswer] = []
    while len(people) < MAX_PEOPLE:
        person = _ask("Name or pseudonym of someone involved", _text(5000))
        if not person:
            break
        role = _ask(f"What is {person}'s role: {roles}?", _choice(Perspective, required=True))
        paid = typer.confirm(f"Is {person} paid for their time on the project?", default=False)
        people.append(PersonAnswer(name=person, role=role, paid=paid))

    typer.echo("\nMoney.")
    total = _ask("What is the project's yearly budget, in pounds?" + SKIP, _amount())
    controlled = None
    if total is not None:
        controlled = _ask(
            "How much of it do people with lived experience decide how to spend? (write 0 if none)" + SKIP,
            _amount(maximum=total),
        )

    typer.echo("\nThe main decisions of the last year, and how people with lived experience took part.")
    typer.echo("Press Enter instead of a decision when you have finished.")
    decisions: list[DecisionAnswer] = []
    deciding_default = body_name if body is not None and body.kind == "deciding" else ""
    while len(decisions) < MAX_DECISIONS:
        what = _ask("What was decided?", _text(5000))
        if not what:
            break
        decided_by = _ask("Which group took the decision?" + SKIP, _text(500), default=deciding_default)
        decided_on = _ask("When was it decided? (YYYY-MM-DD)" + SKIP, _date())
        gathered = _ask("When did people with lived experience first give their views on it? (YYYY-MM-DD)" + SKIP, _date())
        how = _ask(f"How did people with lived experience take part: {HOW_TAKEN_PART}?" + SKIP, _choice(Involvement))
        people_count = _ask("How many people with lived experience took part that way?" + SKIP, _whole(maximum=100_000_000)) if how else None
        decisions.append(
            DecisionAnswer(what=what, decided_by=decided_by, decided_on=decided_on, input_gathered_on=gathered, how=how, people=people_count)
        )

    return ProjectAnswers(
        name=name,
        organisation=organisation,
        summary=summary,
        assessed_on=assessed_on,
        started_on=started_on,
        planned_duration_months=planned,
        funding_ends_on=funding_ends_on,
        described_as=described_as,
        people=tuple(people),
        decision_body=body,
        budget_total=total,
        budget_lived_experience_controlled=controlled,
        decisions=tuple(decisions),
    )
