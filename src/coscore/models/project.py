"""The project file: observable facts a team records about its project.

Every section is optional. A missing section means "not recorded", which
scores as no evidence and never crashes.
"""

# No `from __future__ import annotations`: pydantic would compile and evaluate every field's
# annotation from a string at each start; real annotations are read as they are.

import datetime as dt
from enum import Enum
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator


def _normalise_choice(value: object) -> object:
    """Accept 'Lived experience' or 'lived-experience' for 'lived_experience'."""
    if isinstance(value, str):
        return value.strip().lower().replace("-", "_").replace(" ", "_")
    return value


class Perspective(str, Enum):
    """Whose point of view: the roles people hold in and around a project."""

    lived_experience = "lived_experience"
    staff = "staff"
    partner = "partner"
    volunteer = "volunteer"
    funder = "funder"


class ActivityLevel(str, Enum):
    individual = "individual"
    community = "community"
    institutional = "institutional"
    policy = "policy"


class Rung(str, Enum):
    """The UK ladder of co-production, lowest rung first."""

    coercion = "coercion"
    educating = "educating"
    informing = "informing"
    consultation = "consultation"
    engagement = "engagement"
    co_design = "co_design"
    co_production = "co_production"


class Involvement(str, Enum):
    """How people with lived experience took part in a decision, shallowest first."""

    told = "told"
    surveyed = "surveyed"
    consulted = "consulted"
    advised = "advised"
    co_designed = "co_designed"
    voted = "voted"
    decided = "decided"


class BodyKind(str, Enum):
    """Whether a body takes decisions or only advises the one that does."""

    deciding = "deciding"
    advisory = "advisory"


# Placeholders people type when they have no evidence yet; each is an error, not a source.
EVIDENCE_PLACEHOLDERS = frozenset({"", "-", "--", "?", "tbc", "tbd", "n/a", "na", "none", "todo", "x", "..."})


PerspectiveField = Annotated[Perspective, BeforeValidator(_normalise_choice)]
InvolvementField = Annotated[Involvement, BeforeValidator(_normalise_choice)]
BodyKindField = Annotated[BodyKind, BeforeValidator(_normalise_choice)]
LevelField = Annotated[ActivityLevel, BeforeValidator(_normalise_choice)]
RungField = Annotated[Rung, BeforeValidator(_normalise_choice)]
Text = Annotated[str, Field(min_length=1, max_length=5000)]


class Record(BaseModel):
    # defer_build: the validator is built when a whole file is first validated, as one
    # schema, not one per class at import (see "Start-up" in ARCHITECTURE.md)
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)


class Evidence(Record):
    """Something a reader could check: a document, a link, minutes, a photo."""

    source: Text = Field(description="A link or a file path where the evidence can be seen.")
    dated: dt.date | None = Field(default=None, description="When the evidence was produced, YYYY-MM-DD.")
    description: str = Field(default="", max_length=5000, description="What the evidence shows, in a sentence.")

    @field_validator("source")
    @classmethod
    def _not_a_placeholder(cls, value: str) -> str:
        if value.strip().lower() in EVIDENCE_PLACEHOLDERS:
            raise ValueError(
                f"evidence source '{value.strip()}' is a placeholder, not a source | hint: give a link or a file path "
                "where a reader can see the evidence, or remove this evidence item until you have one"
            )
        return value


EvidenceList = tuple[Evidence, ...]


class Project(Record):
    name: Text = Field(description="The project's name.")
    organisation: str = Field(default="", max_length=500, description="The organisation that runs it.")
    summary: str = Field(default="", max_length=5000, description="What the project is for, in a few sentences.")
    started_on: dt.date | None = Field(default=None, description="When the project started, YYYY-MM-DD.")
    planned_duration_months: int | None = Field(default=None, ge=0, le=1200, description="How long the project is planned to run, in months.")
    funding_ends_on: dt.date | None = Field(default=None, description="When the current funding ends, YYYY-MM-DD.")
    described_as: RungField | None = Field(
        default=None,
        description="What the project calls itself: coercion, educating, informing, consultation, engagement, co_design or co_production.",
    )
    plan_after_funding: str = Field(default="", max_length=5000, description="How the work carries on when the current money ends.")
    evidence: EvidenceList = Field(default=(), description="Evidence for the facts in this section.")


class CommunityGroup(Record):
    name: Text = Field(description="A group of people the project serves or affects, named as they would name themselves.")
    involved_in_decisions: bool = Field(default=False, description="Whether people from this group take part in decisions.")
    size: int | None = Field(default=None, ge=0, le=100_000_000, description="Roughly how many people the group has, for example a network's membership.")
    evidence: EvidenceList = ()


class Person(Record):
    name: Text = Field(description="A name or pseudonym. Use --redact to hide names in reports.")
    role: PerspectiveField = Field(description="lived_experience, staff, partner, volunteer or funder.")
    also: tuple[PerspectiveField, ...] = Field(default=(), description="Other perspectives this person holds, for example a peer worker who is staff and has lived experience.")
    title: str = Field(default="", max_length=500, description="Their job or role title, for example 'peer support worker'.")
    paid: bool = Field(default=False, description="Whether they are paid for their time on the project.")
    hourly_rate: float | None = Field(default=None, ge=0, description="What they are paid per hour, if paid.")
    paid_per_session: float | None = Field(default=None, ge=0, description="What they are paid per session, if paid by the session rather than by the hour.")
    background: str = Field(default="", max_length=500, description="A short description of the background they bring (optional), used to check the team is not a monoculture.")
    training: tuple[Text, ...] = Field(default=(), description="Training offered to them for this role.")
    support: tuple[Text, ...] = Field(default=(), description="Support offered to them: supervision, expenses, a buddy, childcare and so on.")
    moved_into_role: str = Field(default="", max_length=500, description="A role they moved into through the project, for example from attendee to trainer.")
    evidence: EvidenceList = ()


class DecisionBody(Record):
    name: Text = Field(description="The group that decides, for example 'steering group'.")
    kind: BodyKindField = Field(default=BodyKind.deciding, description="deciding (it takes decisions) or advisory (it advises the body that does).")
    decides: tuple[Text, ...] = Field(default=(), description="What this body decides: budget, priorities, hiring and so on.")
    seats: int = Field(ge=0, le=100000, description="How many seats the body has in total.")
    lived_experience_seats: int = Field(default=0, ge=0, le=100000, description="Seats held by people with lived experience.")
    votes: int | None = Field(default=None, ge=0, le=100000, description="How many votes there are in total, if different from seats.")
    lived_experience_votes: int | None = Field(default=None, ge=0, le=100000, description="Votes held by people with lived experience, if different from their seats.")
    chaired_by: PerspectiveField | None = Field(default=None, description="The perspective of whoever chairs it.")
    chair_rotates_among: tuple[PerspectiveField, ...] = Field(default=(), description="If the chair rotates, the perspectives it rotates among.")
    lived_experience_veto: bool = Field(default=False, description="Whether people with lived experience can veto a decision.")
    evidence: EvidenceList = ()


class InvolvementRecord(Record):
    how: InvolvementField = Field(description="told, surveyed, consulted, advised, co_designed, voted or decided.")
    people: int | None = Field(default=None, ge=0, le=100_000_000, description="How many people with lived experience took part this way.")


class Decision(Record):
    what: Text = Field(description="What was decided.")
    input_gathered_on: dt.date | None = Field(default=None, description="When people's input was gathered, YYYY-MM-DD.")
    decided_on: dt.date | None = Field(default=None, description="When the decision was taken, YYYY-MM-DD.")
    input_from: tuple[PerspectiveField, ...] = Field(default=(), description="Whose input was gathered.")
    decided_by: str = Field(default="", max_length=500, description="The name of the decision body that took the decision (as under decision_bodies).")
    involvement: tuple[InvolvementRecord, ...] = Field(default=(), description="How people with lived experience took part in this decision, and how many.")
    what_changed: str = Field(default="", max_length=5000, description="What changed because of the input. Leave empty if nothing did.")
    why_not_changed: str = Field(
        default="",
        max_length=5000,
        description="If the input changed nothing, why not, in words the people who gave it would understand (shown in the report for participants).",
    )
    reported_back: bool = Field(default=False, description="Whether the people who gave input were told what happened next.")
    evidence: EvidenceList = ()


class Funder(Record):
    name: Text
    share_percent: float = Field(ge=0, le=100, description="Share of the project's money from this funder, in percent.")
    ends_on: dt.date | None = Field(default=None, description="When this funding ends, YYYY-MM-DD.")
    evidence: EvidenceList = ()


class Allocation(Record):
    amount: float = Field(ge=0, description="How much was allocated.")
    purpose: str = Field(default="", max_length=500, description="What it was allocated to.")
    decided_by: tuple[PerspectiveField, ...] = Field(description="Whose decision it was, for example [lived_experience].")
    decided_on: dt.date | None = Field(default=None, description="When it was decided, YYYY-MM-DD.")
    evidence: EvidenceList = ()


class Budget(Record):
    total: float = Field(ge=0, description="The project's yearly budget.")
    currency: str = Field(default="GBP", max_length=10)
    lived_experience_controlled: float | None = Field(default=None, ge=0, description="How much of it people with lived experience decide how to spend. Leave out if not known; write 0 only if it is none.")
    allocations: tuple["Allocation", ...] = Field(default=(), description="Parts of the budget allocated, with who decided each.")
    evidence: EvidenceList = ()


class OutcomeMeasure(Record):
    name: Text = Field(description="What is measured.")
    chosen_by: tuple[PerspectiveField, ...] = Field(default=(), description="Who chose this measure.")
    evidence: EvidenceList = ()


class Activity(Record):
    name: Text
    level: LevelField = Field(description="individual, community, institutional or policy.")
    evidence: EvidenceList = ()


class Partner(Record):
    name: Text
    sector: Text = Field(description="For example: health, social care, housing, voluntary, community, education, business.")
    members: int | None = Field(default=None, ge=0, le=100_000_000, description="How many members it has, for a network or a membership organisation.")
    user_led: bool = Field(default=False, description="Whether it is an organisation run by people with lived experience.")
    evidence: EvidenceList = ()


class PlanChange(Record):
    changed_on: dt.date | None = Field(default=None, description="When the plan changed, YYYY-MM-DD.")
    what: Text = Field(description="What changed in the plan.")
    why: str = Field(default="", max_length=5000, description="Why it changed.")
    prompted_by: tuple[PerspectiveField, ...] = Field(default=(), description="Whose experience or input prompted the change.")
    evidence: EvidenceList = ()


class Meeting(Record):
    held_on: dt.date | None = Field(default=None, description="When the meeting took place, YYYY-MM-DD.")
    name: str = Field(default="", max_length=500)
    chaired_by: PerspectiveField | None = Field(default=None, description="The perspective of the person who chaired.")
    agenda_set_by: tuple[PerspectiveField, ...] = Field(default=(), description="Whose items made up the agenda.")
    lived_experience_speaking_percent: float | None = Field(default=None, ge=0, le=100, description="Roughly what share of the talking was done by people with lived experience, in percent.")
    staff_said_dont_know: bool = Field(default=False, description="Whether staff felt able to say 'I don't know' in the meeting.")
    reported_back: bool = Field(default=False, description="Whether participants were told what happened next.")
    evidence: EvidenceList = ()


class Exchange(Record):
    party: PerspectiveField = Field(description="Who: lived_experience, staff, partner, volunteer or funder.")
    gives: tuple[Text, ...] = Field(default=(), description="What they give to the project and to each other.")
    receives: tuple[Text, ...] = Field(default=(), description="What they receive from it.")
    evidence: EvidenceList = ()


class PowerImbalance(Record):
    imbalance: Text = Field(description="A power imbalance the team has named openly.")
    action: str = Field(default="", max_length=5000, description="What the team does about it.")
    evidence: EvidenceList = ()


class SelfRating(Record):
    dimension: Text = Field(description="The id of a rubric dimension, for example share-power.")
    perspective: PerspectiveField = Field(description="The perspective of the person rating.")
    level: int = Field(ge=0, le=4, description="Their rating from 0 (not yet) to 4 (leading).")
    rated_by: str = Field(default="", max_length=200, description="An optional name or pseudonym.")
    comment: str = Field(default="", max_length=5000)


class ProjectFile(Record):
    """A whole coscore project file."""

    coscore: Literal[1] = Field(description="The project file format version. Write 1.")
    assessed_on: dt.date | None = Field(default=None, description="The date this assessment describes, YYYY-MM-DD. Defaults to today.")
    project: Project
    community: tuple[CommunityGroup, ...] = Field(default=(), description="The groups of people the project serves or affects.")
    people: tuple[Person, ...] = Field(default=(), description="Who is involved, and in what role.")
    decision_bodies: tuple[DecisionBody, ...] = Field(default=(), description="The groups that take decisions.")
    decisions: tuple[Decision, ...] = Field(default=(), description="Decisions taken, with when input was gathered.")
    budget: Budget | None = Field(default=None, description="The money and who controls it.")
    funders: tuple[Funder, ...] = Field(default=(), description="Who pays, and for how long.")
    outcome_measures: tuple[OutcomeMeasure, ...] = Field(default=(), description="What is measured, and who chose it.")
    activities: tuple[Activity, ...] = Field(default=(), description="What the project does, tagged by level.")
    partners: tuple[Partner, ...] = Field(default=(), description="Organisations working with the project.")
    plan_changes: tuple[PlanChange, ...] = Field(default=(), description="A log of changes to the plan, and why.")
    meetings: tuple[Meeting, ...] = Field(default=(), description="Meetings, and how they ran.")
    reciprocity: tuple[Exchange, ...] = Field(default=(), description="What each party gives and receives.")
    power_imbalances: tuple[PowerImbalance, ...] = Field(default=(), description="Power imbalances named openly, and what is done about them.")
    self_ratings: tuple[SelfRating, ...] = Field(default=(), description="Optional ratings per dimension, each from one perspective.")
