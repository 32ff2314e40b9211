"""Build a new, commented project file from a few answers (used by ``coscore init``).

Pure: answers in, YAML text out. Every section of the project file is written,
empty where nothing is known yet, with a comment saying what belongs there and
why it matters, and a short example. The comments are ruamel.yaml round-trip
comments, so the file stays readable after an editor or coscore reformats it.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any, NamedTuple

SCHEMA_FILE_NAME = "coscore.schema.json"
PROJECT_FILE_NAME = "coscore.yaml"


class PersonAnswer(NamedTuple):
    name: str
    role: str
    paid: bool = False


class DecisionBodyAnswer(NamedTuple):
    name: str
    seats: int
    lived_experience_seats: int = 0
    chaired_by: str | None = None
    kind: str = "deciding"  # or "advisory"
    votes: int | None = None  # None: one vote per seat
    lived_experience_votes: int | None = None  # None: one vote per lived-experience seat


class DecisionAnswer(NamedTuple):
    """One of the main decisions: who took it, when, and how people with lived experience took part."""

    what: str
    decided_by: str = ""
    decided_on: dt.date | None = None
    input_gathered_on: dt.date | None = None
    how: str | None = None  # an Involvement value
    people: int | None = None


class ProjectAnswers(NamedTuple):
    """What ``coscore init`` asks. Everything but the name may be left unknown."""

    name: str = "Our project"
    organisation: str = ""
    summary: str = ""
    assessed_on: dt.date | None = None
    started_on: dt.date | None = None
    planned_duration_months: int | None = None
    funding_ends_on: dt.date | None = None
    described_as: str | None = None
    people: tuple[PersonAnswer, ...] = ()
    decision_body: DecisionBodyAnswer | None = None
    budget_total: float | None = None
    budget_lived_experience_controlled: float | None = None  # None: not known, which is not the same as none
    decisions: tuple[DecisionAnswer, ...] = ()


HEADER = """\
A coscore project file: the facts about how your project shares power with the
people it serves. Fill in what you know; leave the rest empty. An empty section
means "not recorded", which coscore counts as no evidence rather than an error.
Dates are written YYYY-MM-DD. Score the file with:
  coscore score {path}
"""

# Why each section matters and an example record, in the order the file lists them.
# The examples are real data: a test checks each one validates against the model.
SECTION_GUIDE: dict[str, tuple[str, list[dict[str, Any]] | dict[str, Any] | None]] = {
    "community": (
        "The groups of people the project serves or affects, in the words they use\n"
        "about themselves, and whether each group has a say in decisions.",
        [{"name": "Parents of disabled children in Northfield", "involved_in_decisions": True}],
    ),
    "people": (
        "Who is involved and in what role: lived_experience, staff, partner, volunteer\n"
        "or funder. Pay, training and support show whether people can take part as equals.",
        [
            {"name": "Sam", "role": "lived_experience", "paid": True, "hourly_rate": 15, "training": ["chairing meetings"]},
            {"name": "Jo", "role": "staff", "also": ["lived_experience"], "title": "Peer support worker", "paid": True, "paid_per_session": 60},
            {"name": "Priya", "role": "staff", "paid": True},
        ],
    ),
    "decision_bodies": (
        "The groups that take decisions (kind: deciding) or only advise (kind: advisory),\n"
        "how many seats and votes they have, and how many of those people with lived\n"
        "experience hold. Power counts only on the bodies that took the recorded decisions.",
        [
            {"name": "Steering group", "decides": ["budget", "priorities"], "seats": 8, "lived_experience_seats": 4, "chaired_by": "lived_experience"},
            {"name": "Parents' panel", "kind": "advisory", "seats": 12, "lived_experience_seats": 12, "chair_rotates_among": ["lived_experience", "staff"]},
        ],
    ),
    "decisions": (
        "Decisions taken: which body took each one (decided_by), the date input was\n"
        "gathered and the date of the decision, and how people with lived experience took\n"
        "part (told, surveyed, consulted, advised, co_designed, voted, decided) and how many.\n"
        "Input gathered after the decision was taken is consultation, not co-production.",
        [
            {
                "what": "Which days the drop-in opens",
                "decided_by": "Steering group",
                "input_from": ["lived_experience", "staff"],
                "involvement": [{"how": "surveyed", "people": 40}, {"how": "voted", "people": 4}],
                "input_gathered_on": dt.date(2025, 5, 1),
                "decided_on": dt.date(2025, 5, 20),
                "what_changed": "Opened on Saturdays, as people asked",
                "reported_back": True,
                "evidence": [{"source": "minutes/2025-05-20.pdf", "dated": dt.date(2025, 5, 20)}],
            }
        ],
    ),
    "budget": (
        "The yearly budget and how much of it people with lived experience decide how\n"
        "to spend, or the allocations they decided. Leave it empty if you do not know yet:\n"
        "write 0 only if they control none of it.",
        {
            "total": 120000,
            "currency": "GBP",
            "lived_experience_controlled": 15000,
            "allocations": [{"amount": 15000, "purpose": "Members' activity fund", "decided_by": ["lived_experience"]}],
        },
    ),
    "funders": (
        "Who pays, what share of the money each gives, and when their funding ends.\n"
        "One funder ending soon puts the whole project at risk.",
        [{"name": "City council", "share_percent": 70, "ends_on": dt.date(2027, 3, 31)}],
    ),
    "outcome_measures": (
        "What you measure to know whether the project works, and who chose each measure.",
        [{"name": "Feeling listened to by services", "chosen_by": ["lived_experience"]}],
    ),
    "activities": (
        "What the project does, each tagged with its level: individual, community,\n"
        "institutional or policy.",
        [{"name": "Peer support group", "level": "community"}],
    ),
    "partners": (
        "Organisations working with the project, their sector, and whether they are\n"
        "run by people with lived experience (user-led).",
        [{"name": "Northfield Parents Forum", "sector": "community", "user_led": True}],
    ),
    "plan_changes": (
        "A log of changes to the plan, why they happened and whose input prompted them.",
        [{"changed_on": dt.date(2025, 9, 1), "what": "Moved sessions to evenings", "why": "Working parents could not come", "prompted_by": ["lived_experience"]}],
    ),
    "meetings": (
        "How meetings ran: who chaired, who set the agenda, roughly how much people with\n"
        "lived experience spoke, and whether people heard what happened next.",
        [{"held_on": dt.date(2025, 6, 12), "name": "Steering group", "chaired_by": "lived_experience", "agenda_set_by": ["lived_experience", "staff"], "reported_back": True}],
    ),
    "reciprocity": (
        "What each party gives to the project and to each other, and what they receive.",
        [{"party": "staff", "gives": ["time", "access to services"], "receives": ["training from parents"]}],
    ),
    "power_imbalances": (
        "Power imbalances the team names openly, and what it does about them.",
        [{"imbalance": "Staff are paid to attend; parents are not", "action": "Parents are paid for their time from April"}],
    ),
    "self_ratings": (
        "Optional: ratings from 0 (not yet) to 4 (leading) for a rubric dimension, each\n"
        "from one perspective. A gap between staff and lived-experience ratings is a finding.",
        [{"dimension": "share-power", "perspective": "lived_experience", "level": 2}],
    ),
}


def _yaml_writer():
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 100
    return yaml


def _dump(data: Any) -> str:
    buffer = io.StringIO()
    _yaml_writer().dump(data, buffer)
    return buffer.getvalue()


def _number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def _example_comment(why: str, example: Any, empty: str) -> str:
    lines = why.splitlines()
    if example is not None:
        if empty:
            lines.append(f"For example, replace {empty} with:")
        elif isinstance(example, dict):
            lines.append("For example, write these lines under it, indented:")
        else:
            lines.append("For example:")
        indent = "" if isinstance(example, list) else "  "  # list items already start indented
        lines.extend(indent + line for line in _dump(example).splitlines())
    return "\n" + "\n".join(lines)


def project_yaml(answers: ProjectAnswers, *, schema_ref: str | None, shown_path: str = PROJECT_FILE_NAME) -> str:
    """The text of a new project file holding ``answers``, commented throughout.

    ``schema_ref`` (a path relative to the file, or a URL) becomes the
    ``# yaml-language-server: $schema=...`` first line that editors read.
    """
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    from coscore.models.project import Project, ProjectFile

    top = CommentedMap()
    top["coscore"] = 1
    top["assessed_on"] = answers.assessed_on

    project = CommentedMap()
    project["name"] = answers.name
    project["organisation"] = answers.organisation
    project["summary"] = answers.summary
    project["started_on"] = answers.started_on
    project["planned_duration_months"] = answers.planned_duration_months
    project["funding_ends_on"] = answers.funding_ends_on
    project["described_as"] = answers.described_as
    project["plan_after_funding"] = ""
    for key in project:
        description = Project.model_fields[key].description or ""
        project.yaml_add_eol_comment(description.rstrip("."), key)
    top["project"] = project

    for key in SECTION_GUIDE:
        top[key] = CommentedSeq() if key != "budget" else None
    if answers.people:
        top["people"] = CommentedSeq(
            CommentedMap(name=person.name, role=person.role, paid=person.paid) for person in answers.people
        )
    body = answers.decision_body
    if body is not None:
        record = CommentedMap(name=body.name)
        if body.kind != "deciding":
            record["kind"] = body.kind
        record["seats"] = body.seats
        record["lived_experience_seats"] = body.lived_experience_seats
        if body.votes is not None:
            record["votes"] = body.votes
        if body.lived_experience_votes is not None:
            record["lived_experience_votes"] = body.lived_experience_votes
        if body.chaired_by:
            record["chaired_by"] = body.chaired_by
        top["decision_bodies"] = CommentedSeq([record])
    if answers.decisions:
        records = []
        for decision in answers.decisions:
            record = CommentedMap(what=decision.what)
            if decision.decided_by:
                record["decided_by"] = decision.decided_by
            if decision.input_gathered_on:
                record["input_gathered_on"] = decision.input_gathered_on
            if decision.decided_on:
                record["decided_on"] = decision.decided_on
            if decision.how:
                record["input_from"] = ["lived_experience"] if decision.how != "told" else []
                involvement = CommentedMap(how=decision.how)
                if decision.people is not None:
                    involvement["people"] = decision.people
                record["involvement"] = CommentedSeq([involvement])
            records.append(record)
        top["decisions"] = CommentedSeq(records)
    if answers.budget_total is not None:
        top["budget"] = CommentedMap(total=_number(answers.budget_total), currency="GBP")
        if answers.budget_lived_experience_controlled is not None:
            top["budget"]["lived_experience_controlled"] = _number(answers.budget_lived_experience_controlled)

    start = HEADER.format(path=shown_path)
    if schema_ref:
        start = f"yaml-language-server: $schema={schema_ref}\n" + start
    top.yaml_set_start_comment(start.rstrip("\n"))
    top.yaml_set_comment_before_after_key("coscore", before="\nThe file format version. Leave it as 1.")
    top.yaml_add_eol_comment("format version", "coscore")
    top.yaml_set_comment_before_after_key(
        "assessed_on", before=(ProjectFile.model_fields["assessed_on"].description or "") + "\nEvidence much older than this date counts as stale."
    )
    top.yaml_set_comment_before_after_key("project", before="\nAbout the project itself. Only 'name' is required.")
    for key, (why, example) in SECTION_GUIDE.items():
        empty = "[]" if isinstance(top[key], list) and not top[key] else ""
        top.yaml_set_comment_before_after_key(key, before=_example_comment(why, example, empty))
    return _dump(top)


def section_example(key: str) -> Any:
    """The example record(s) shown in the comment above section ``key``."""
    return SECTION_GUIDE[key][1]
