"""The words coscore uses for the parts of a project file: one place for them.

A report for people names a record by what it is called ("the partner “Oak
Housing”"), never by its place in the file (``partners[3]``): the path is for the
file's editor, and is shown only beside a location.
"""

from __future__ import annotations

import re
from typing import Any


# Whose point of view, in words: (as a label, as a group of people, as one person). One table for
# every output: the terminal and charts use the label, reports the group, redaction the person.
PERSPECTIVE_WORDS = {
    "lived_experience": ("lived experience", "people with lived experience", "person with lived experience"),
    "staff": ("staff", "staff", "staff member"),
    "partner": ("partners", "partners", "partner"),
    "volunteer": ("volunteers", "volunteers", "volunteer"),
    "funder": ("funders", "funders", "funder"),
}
# How many people of a perspective, in words for the participants' report: (one, many).
PERSPECTIVE_PEOPLE = {
    "lived_experience": ("person with lived experience", "people with lived experience"),
    "staff": ("member of staff", "members of staff"),
    "partner": ("person from a partner organisation", "people from partner organisations"),
    "volunteer": ("volunteer", "volunteers"),
    "funder": ("person from a funder", "people from funders"),
}
PERSPECTIVE_LABELS = {key: words[0] for key, words in PERSPECTIVE_WORDS.items()}
PERSPECTIVE_GROUP = {key: words[1] for key, words in PERSPECTIVE_WORDS.items()}
PERSPECTIVE_PERSON = {key: words[2] for key, words in PERSPECTIVE_WORDS.items()}


def dotted(path: tuple) -> str:
    """('decisions', 2, 'what') -> 'decisions[3].what' (items counted from 1, as people count)."""
    out = ""
    for part in path:
        out += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


# A record in the project file, named in words: section -> (noun, the field that names it).
_RECORD_NOUN = {
    "community": ("the group", "name"),
    "people": ("the person", "name"),
    "decision_bodies": ("the decision body", "name"),
    "decisions": ("the decision", "what"),
    "funders": ("the funder", "name"),
    "outcome_measures": ("the outcome measure", "name"),
    "activities": ("the activity", "name"),
    "partners": ("the partner", "name"),
    "plan_changes": ("the plan change", "what"),
    "meetings": ("the meeting", "name"),
    "reciprocity": ("what is exchanged by", "party"),
    "power_imbalances": ("the power imbalance", "imbalance"),
    "self_ratings": ("the rating of", "dimension"),
}
_SECTION_NOUN = {"project": "the project details", "budget": "the budget"}
_LABEL_LIMIT = 80


def record_label(project: Any, where: str) -> str:
    """'decisions[2].decided_on' -> 'the decision "Opening days"'; "" when nothing is there."""
    match = re.match(r"([a-z_]+)(?:\[(\d+)\])?", where)
    if not match:
        return ""
    section, number = match.group(1), match.group(2)
    if number is None or section not in _RECORD_NOUN:
        return _SECTION_NOUN.get(section, "")
    records = getattr(project, section, ())
    index = int(number) - 1
    if not 0 <= index < len(records):
        return ""
    noun, field = _RECORD_NOUN[section]
    value = getattr(records[index], field, "")
    value = getattr(value, "value", value)  # perspectives are enums
    value = " ".join(str(value).split())
    if not value:
        return f"{noun} number {number}"
    if len(value) > _LABEL_LIMIT:
        value = value[: _LABEL_LIMIT - 1].rstrip() + "…"
    return f"{noun} \u201c{value}\u201d"



def record_name(project: Any, where: str) -> str:
    """The record in words when it can be named, else the path itself (never empty for a path)."""
    return record_label(project, where) or where
