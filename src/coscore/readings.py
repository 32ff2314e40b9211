"""Reading what a person meant when a value in their file is not in coscore's form.

People write dates as ``3/2/2025`` or ``April 2025``, amounts as ``£40,000`` or
``40k`` and shares as ``25%``, and choose words such as ``service user`` that are
not one of coscore's choices. coscore does not guess silently: it says what it
expected and writes out the value it thinks was meant, so the person can copy it.
These functions only read text; the messages are put together in ``coscore.io.yamlio``.
"""

from __future__ import annotations

import calendar
import datetime as dt
import difflib
import re

MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
MONTHS |= {name.lower(): number for number, name in enumerate(calendar.month_abbr) if name}
MONTHS["sept"] = 9

_DAY_MONTH_YEAR = re.compile(r"^\s*(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})\s*$")
_WORDS_DATE = re.compile(r"^\s*(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]+)\.?,?\s+(\d{4})\s*$")
_MONTH_FIRST = re.compile(r"^\s*([A-Za-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\s*$")
_MONTH_YEAR = re.compile(r"^\s*([A-Za-z]+)\.?,?\s+(\d{4})\s*$")
_YEAR_MONTH = re.compile(r"^\s*(\d{4})\s*[-/.]\s*(\d{1,2})\s*$")
_MONTH_SLASH_YEAR = re.compile(r"^\s*(\d{1,2})\s*/\s*(\d{4})\s*$")
_ISO_LIKE = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")

# Words people use for coscore's choices (roles, where an activity works): the choice they most likely mean.
ROLE_WORDS = {
    "service user": "lived_experience",
    "service users": "lived_experience",
    "user": "lived_experience",
    "patient": "lived_experience",
    "patients": "lived_experience",
    "carer": "lived_experience",
    "carers": "lived_experience",
    "expert by experience": "lived_experience",
    "experts by experience": "lived_experience",
    "lived experience expert": "lived_experience",
    "peer": "lived_experience",
    "peer supporter": "lived_experience",
    "resident": "lived_experience",
    "member": "lived_experience",
    "community member": "lived_experience",
    "client": "lived_experience",
    "employee": "staff",
    "worker": "staff",
    "manager": "staff",
    "officer": "staff",
    "clinician": "staff",
    "professional": "staff",
    "practitioner": "staff",
    "trustee": "staff",
    "commissioner": "funder",
    "donor": "funder",
    "grant maker": "funder",
    "partner organisation": "partner",
    "charity": "partner",
    "unpaid helper": "volunteer",
    # where an activity works (activities[].level)
    "national": "policy",
    "regional": "policy",
    "government": "policy",
    "local": "community",
    "neighbourhood": "community",
    "group": "community",
    "personal": "individual",
    "one to one": "individual",
    "organisational": "institutional",
    "organisation": "institutional",
    "service": "institutional",
}


def _real(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _spoken(day: dt.date) -> str:
    return f"{day.day} {calendar.month_name[day.month]} {day.year}"


def date_reading(text: str) -> str:
    """What to tell a person whose date is not written YYYY-MM-DD: the date(s) they may have meant."""
    text = str(text)
    if match := _ISO_LIKE.match(text):
        year, month, day = (int(g) for g in match.groups())
        real = _real(year, month, day)
        if real is not None:
            return f"write it with two-digit month and day: {real.isoformat()}"
        if 1 <= month <= 12:
            days = calendar.monthrange(year, month)[1]
            return f"{calendar.month_name[month]} {year} has {days} days: check the day"
        return "the month must be between 01 and 12"
    if match := _DAY_MONTH_YEAR.match(text):
        first, second, year = (int(g) for g in match.groups())
        day_first = _real(year, second, first)  # the British reading: day/month/year
        month_first = _real(year, first, second)
        if day_first and month_first and day_first != month_first:
            return (
                f"this could mean {day_first.isoformat()} ({_spoken(day_first)}) or "
                f"{month_first.isoformat()} ({_spoken(month_first)}): write the one you mean"
            )
        if day_first or month_first:
            return f"write it as {(day_first or month_first).isoformat()}"
        return "no day and month can be read from it: check the numbers"
    for pattern, order in ((_WORDS_DATE, "dmy"), (_MONTH_FIRST, "mdy")):
        if match := pattern.match(text):
            parts = dict(zip(order, match.groups()))
            month = MONTHS.get(parts["m"].lower())
            real = _real(int(parts["y"]), month, int(parts["d"])) if month else None
            if real:
                return f"write it as {real.isoformat()}"
    month = year = None
    if match := _MONTH_YEAR.match(text):
        month, year = MONTHS.get(match.group(1).lower()), int(match.group(2))
    elif match := _YEAR_MONTH.match(text):
        year, month = int(match.group(1)), int(match.group(2))
    elif match := _MONTH_SLASH_YEAR.match(text):
        month, year = int(match.group(1)), int(match.group(2))
    if month and 1 <= month <= 12 and year:
        first = dt.date(year, month, 1)
        return f"a date needs a day as well: for the start of {calendar.month_name[month]} {year}, write {first.isoformat()}"
    return "for example 2025-03-31 for 31 March 2025"


_AMOUNT = re.compile(r"^\s*[£$€]?\s*(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?\s*([kKmM])?\s*(?:GBP|gbp|pounds)?\s*$")
_PERCENT = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(%|per\s*cent|percent)\s*$")


def _number(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".") if value != int(value) else str(int(value))


def number_reading(text: str, *, percent: bool = False) -> str | None:
    """The plain number a person meant by '£40,000', '40k' or '25%', or None when none can be read."""
    text = str(text)
    if match := _PERCENT.match(text):
        return _number(float(match.group(1)))
    if match := _AMOUNT.match(text):
        whole, fraction, scale = match.groups()
        value = float(whole.replace(",", "") + (fraction or ""))
        value *= {"k": 1_000, "m": 1_000_000}.get((scale or "").lower(), 1)
        return _number(value)
    return None


def nearest_choice(typed: str, choices: list[str]) -> str | None:
    """The choice a person most likely meant by ``typed`` ('service user' -> 'lived_experience')."""
    words = " ".join(str(typed).strip().lower().replace("_", " ").replace("-", " ").split())
    if words in ROLE_WORDS and ROLE_WORDS[words] in choices:
        return ROLE_WORDS[words]
    spaced = {choice.replace("_", " "): choice for choice in choices}
    close = difflib.get_close_matches(words, list(spaced), n=1, cutoff=0.75)
    if close:
        return spaced[close[0]]
    near_words = difflib.get_close_matches(words, [w for w, c in ROLE_WORDS.items() if c in choices], n=1, cutoff=0.75)
    return ROLE_WORDS[near_words[0]] if near_words else None


def indent_of(line: str) -> int:
    """How many spaces a line starts with."""
    return len(line) - len(line.lstrip(" "))


def structure_advice(text: str, number: int) -> tuple[str, str] | None:
    """A plain sentence, and the right shape, for a line that does not line up with the lines above it.

    Two mistakes cause most of these errors: an item of a list written without its
    '- ', and a field indented more or less than the field above it in the same section.
    """
    lines = text.splitlines()
    if not 1 <= number <= len(lines):
        return None
    here = lines[number - 1]
    if not here.strip() or here.lstrip().startswith("#"):
        return None
    indent, field = indent_of(here), here.strip().split(":")[0]
    above = [line for line in lines[: number - 1] if line.strip() and not line.lstrip().startswith("#")]
    if not above:
        return None
    previous = above[-1]
    # The nearest line above that starts at this line's indent: a list item there means this one lost its dash.
    for line in reversed(above):
        if indent_of(line) < indent:
            break
        if indent_of(line) == indent and line.lstrip().startswith("- ") and not here.lstrip().startswith("-"):
            pad = " " * indent
            return (
                f"'{field}' starts a new item of the list above, but has no '- ' in front of it",
                f"start each item with a dash lined up with the others, for example: '{pad}- {here.strip()}', with the item's other fields indented two more spaces",
            )
    sibling = indent_of(previous) + (2 if previous.lstrip().startswith("- ") else 0)
    if previous.rstrip().endswith(":") and not previous.lstrip().startswith("- "):
        return None  # a section just opened: any deeper indent is allowed, so this is some other mistake
    above_field = previous.strip().removeprefix("- ").split(":")[0]
    if indent > sibling:
        return (
            f"'{field}' is indented more than '{above_field}' on the line above",
            f"fields of one section must line up exactly: move '{field}' left by {indent - sibling} space{'s' if indent - sibling != 1 else ''}, under '{above_field}'",
        )
    if indent < sibling:
        return (
            f"'{field}' is indented less than '{above_field}' on the line above",
            f"fields of one section must line up exactly: move '{field}' right by {sibling - indent} space{'s' if sibling - indent != 1 else ''}, under '{above_field}'",
        )
    return None
