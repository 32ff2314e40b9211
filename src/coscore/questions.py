"""The words of the questionnaire: one vocabulary for the paper form, the survey questions and imports.

The paper form (`coscore responses form`), the text to paste into a survey tool
(`coscore responses questions`), the typed-up answers (`coscore responses enter`)
and the reader of survey exports (`coscore responses import`) all take their
questions and answer choices from here, so an answer copied from one is always
understood by the other. Pure: no files, no terminal.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from coscore.models.project import Perspective
from coscore.models.rubric import Dimension, Rubric

FORM_TITLE = "Your view of the project"
FORM_INTRO = (
    "We want to know what you think.",
    "There are no right or wrong answers.",
    "You do not need to give your name.",
    "You can skip any question.",
)

PERSPECTIVE_QUESTION = "Which of these best describes you?"
# Each perspective in the first person, as a respondent would say it.
PERSPECTIVE_CHOICES: dict[Perspective, str] = {
    Perspective.lived_experience: "I use the service, or have lived experience of what it is about",
    Perspective.staff: "I work for the project",
    Perspective.partner: "I work for a partner organisation",
    Perspective.volunteer: "I volunteer with the project",
    Perspective.funder: "I fund the project",
}

PSEUDONYM_QUESTION = "A made-up name, if you like (not your real name)"

CONSENT_QUESTION = "Can the project team use your answers?"
CONSENT_STATEMENT = "Your words may be quoted in a report about the project. Your name will never be used."
CONSENT_YES = "Yes, I agree"
CONSENT_NO = "No, do not use my answers"

# Only when one survey covers several projects (`coscore portfolio --responses`).
PROJECT_QUESTION = "Which project are you answering about?"

SKIP_CHOICE = "I don't know"
COMMENT_PROMPT = "Anything you want to add? (you can leave this empty)"

# Answers that mean "not rated", in any survey tool's words.
_SKIP_WORDS = {"", "i don't know", "i dont know", "don't know", "dont know", "not sure", "skip", "n/a", "na", "prefer not to say", "-"}
_YES_WORDS = {"yes", "y", "yes, i agree", "i agree", "agree", "true", "1", "checked", "ticked", "x"}
_NO_WORDS = {"no", "n", "false", "0", "no, do not use my answers", "i do not agree", "do not agree", "disagree"}


def question(dimension: Dimension) -> str:
    """The dimension as one plain question (the rubric's ``question``, or one made from its title)."""
    return dimension.question or f"How well does the project do this: {dimension.title}?"


def comment_question(dimension: Dimension) -> str:
    """The optional comment that follows a dimension's question; a survey column with this header holds comments."""
    return f"{dimension.title}: anything you want to add?"


def answer_choice(rubric: Rubric, level: int) -> str:
    """'2 - Developing': the number and the word, so either can be read back."""
    return f"{level} - {rubric.level_name(level)}"


def answer_choices(rubric: Rubric) -> tuple[str, ...]:
    """Every answer to a dimension's question, lowest first, then 'I don't know'."""
    return (*(answer_choice(rubric, s.level) for s in rubric.scale), SKIP_CHOICE)


def normalise(text: str) -> str:
    """Lower case, single spaces, curly quotes and dashes made plain: how answers and headers are compared."""
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u2013", "-").replace("\u2014", "-")
    return " ".join(text.split()).strip().lower()


class Unrecognised(NamedTuple):
    """An answer that means nothing coscore knows; ``choices`` lists what would have been understood."""

    text: str
    choices: tuple[str, ...]


def read_level(text: str, rubric: Rubric, extra: dict[str, int | None] | None = None) -> int | None | Unrecognised:
    """An answer to a dimension's question as a level, None for "not rated", or ``Unrecognised``.

    Understands "2", "2 - Developing", "2. Developing", "2: developing",
    "Developing" and anything in ``extra`` (from a mapping file; a value of
    None there means the answer is a skip).
    """
    plain = normalise(text)
    for given, level in (extra or {}).items():
        if normalise(given) == plain:
            return level
    if plain in _SKIP_WORDS:
        return None
    names = {normalise(s.name): s.level for s in rubric.scale}
    if plain in names:
        return names[plain]
    match = re.fullmatch(r"(\d{1,2})(?:\s*[-.:)]\s*|\s+)?(.*)", plain)
    if match and int(match.group(1)) <= rubric.max_level:
        level, rest = int(match.group(1)), match.group(2).strip()
        if not rest or names.get(rest) == level:
            return level
    return Unrecognised(text=text, choices=answer_choices(rubric))


def read_perspective(text: str, extra: dict[str, str] | None = None) -> Perspective | None:
    """'I work for the project', 'Staff' or 'staff' -> Perspective.staff; None when not understood."""
    plain = normalise(text)
    for given, value in (extra or {}).items():
        if normalise(given) == plain:
            return Perspective(value)
    for perspective, sentence in PERSPECTIVE_CHOICES.items():
        if plain == normalise(sentence):
            return perspective
    word = plain.replace("-", "_").replace(" ", "_")
    aliases = {"lived_experience": Perspective.lived_experience, "person_with_lived_experience": Perspective.lived_experience, "service_user": Perspective.lived_experience, "staff_member": Perspective.staff, "member_of_staff": Perspective.staff}
    if word in aliases:
        return aliases[word]
    try:
        return Perspective(word)
    except ValueError:
        return None


def read_consent(text: str) -> bool | None:
    """True for yes, False for no, None when the answer is neither."""
    plain = normalise(text)
    if plain in _YES_WORDS or plain == normalise(CONSENT_YES):
        return True
    if plain in _NO_WORDS:
        return False
    return None


def perspective_choices_text() -> str:
    """The perspective answers, each in double quotes, separated by commas, for messages."""
    return ", ".join(f'"{sentence}"' for sentence in PERSPECTIVE_CHOICES.values())
