"""Pure scoring: (project, rubric, date) -> Assessment. No files, no terminal."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Callable

from coscore.errors import SourceLocation
from coscore.facts import FACTS, GAPS, EvidenceStatus, Fact, compute_facts
from coscore.models.assessment import (
    Assessment,
    ConditionResult,
    DimensionResult,
    FactUsed,
    GapFinding,
    NextStep,
    PerspectiveGap,
    PerspectiveGroup,
    PerspectiveRating,
    RedFlag,
)
from coscore.models.project import ProjectFile
from coscore.models.rubric import Condition, Dimension, Rubric
from coscore.vocabulary import PERSPECTIVE_LABELS, dotted, record_name

Locate = Callable[[tuple], SourceLocation | None]

_OP_WORDS = {"at_least": "at least", "above": "above", "at_most": "at most", "below": "below", "equals": "equals", "is": "is", "one_of": "is one of", "recorded": "recorded"}


def show_value(value) -> str:
    """A fact's value as shown to people: yes or no, a number without trailing zeros, or the text."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def condition_text(c: Condition) -> str:
    """A condition in words, such as 'votes is at least 2'."""
    if c.any_of is not None:
        return "any of: " + "; ".join(condition_text(x) for x in c.any_of)
    expected = c.expected
    if c.operator == "recorded":
        return f"{c.fact} is {'recorded' if expected else 'not recorded'}"
    if isinstance(expected, bool):
        expected = "yes" if expected else "no"
    elif isinstance(expected, tuple):
        expected = ", ".join(expected)
    elif isinstance(expected, float):
        expected = f"{expected:g}"
    return f"{c.fact} {_OP_WORDS[c.operator]} {expected}"


def holds(c: Condition, facts: dict[str, Fact]) -> bool:
    """Whether one condition holds for the computed facts.

    Unknown is not no: a condition on a fact the file does not record never
    holds, so it neither raises a level nor raises a red flag that asserts
    something. Only ``recorded: false`` tests for the missing fact itself.
    """
    if c.any_of is not None:
        return any(holds(x, facts) for x in c.any_of)
    op, expected = c.operator, c.expected
    if op == "recorded":
        return facts[c.fact].recorded is expected
    if not facts[c.fact].recorded:
        return False
    value = facts[c.fact].value
    if op == "is":
        return bool(value) is expected
    if op == "one_of":
        return str(value) in expected
    if op == "equals":
        if isinstance(expected, str) or isinstance(value, str):
            return str(value) == str(expected)
        return float(value) == float(expected)
    if isinstance(value, (str,)) :
        return False
    number = float(value)
    return {
        "at_least": number >= expected,
        "above": number > expected,
        "at_most": number <= expected,
        "below": number < expected,
    }[op]


def fact_names(c: Condition) -> list[str]:
    """The names of the facts a condition tests, including those inside ``any_of``."""
    if c.any_of is not None:
        return [n for x in c.any_of for n in fact_names(x)]
    return [c.fact] if c.fact else []


def _facts_used(names: list[str], facts: dict[str, Fact], deciding: set[str]) -> tuple[FactUsed, ...]:
    seen: list[str] = []
    for n in names:
        if n not in seen:
            seen.append(n)
    return tuple(
        FactUsed(
            name=n,
            description=FACTS[n].description,
            value=facts[n].value,
            evidence=facts[n].evidence.value,
            sources=tuple(dotted(s) for s in facts[n].sources),
            recorded=facts[n].recorded,
            costly=facts[n].costly,
            decided_level=n in deciding,
        )
        for n in seen
    )


def _evidence_for(c: Condition, facts: dict[str, Fact]) -> EvidenceStatus:
    """The evidence behind a met condition: for any_of, the best evidenced branch that holds."""
    if c.any_of is not None:
        statuses = [_evidence_for(x, facts) for x in c.any_of if holds(x, facts)]
        for status in (EvidenceStatus.evidenced, EvidenceStatus.stale, EvidenceStatus.undated):
            if status in statuses:
                return status
        return EvidenceStatus.none
    return facts[c.fact].evidence


def score_dimension(dimension: Dimension, rubric: Rubric, facts: dict[str, Fact], project: ProjectFile | None = None) -> DimensionResult:
    """Level = the highest level whose conditions, and all below, hold; capped without evidence."""
    uncapped = 0
    results: list[ConditionResult] = []
    blocked = False
    for lv in dimension.levels[1:]:
        met_all = True
        for c in lv.requires:
            met = holds(c, facts)
            met_all = met_all and met
            actual = "; ".join(
                f"{n} = {show_value(facts[n].value)}" if facts[n].recorded else f"{n} not recorded" for n in dict.fromkeys(fact_names(c))
            )
            results.append(ConditionResult(level=lv.level, text=condition_text(c), fact=",".join(fact_names(c)), actual=actual, met=met))
        if met_all and not blocked:
            uncapped = lv.level
        else:
            blocked = True

    # The evidence behind the level reached: every condition on the way up must rest on evidence.
    statuses = [_evidence_for(c, facts) for lv in dimension.levels[1 : uncapped + 1] for c in lv.requires]
    if uncapped == 0:
        # Level 0 with its facts recorded is a recorded "not yet", not a gap.
        first = [n for c in dimension.levels[1].requires for n in fact_names(c)]
        evidence_status = "not recorded" if any(not facts[n].recorded for n in first) else "recorded, below level 1"
    elif all(s == EvidenceStatus.evidenced for s in statuses):
        evidence_status = "evidenced"
    elif any(s == EvidenceStatus.stale for s in statuses):
        evidence_status = "stale"
    elif any(s == EvidenceStatus.undated for s in statuses):
        evidence_status = "undated"
    else:
        evidence_status = "claimed without evidence"

    level = uncapped
    capped = False
    # Undated evidence cannot show it is current, so it never lifts the cap.
    if evidence_status in ("claimed without evidence", "stale", "undated") and uncapped > rubric.evidence_cap:
        level, capped = rubric.evidence_cap, True

    score = round(100 * level / rubric.max_level)
    descriptor = dimension.levels[level]
    if capped:
        reason = f"The facts reach level {uncapped} ({rubric.level_name(uncapped)}), but without current evidence the score stops at level {level}."
    elif level == rubric.max_level:
        reason = f"Every condition up to the top level is met: {descriptor.description}"
    else:
        # Plain words for readers; the raw conditions are in `coscore explain`.
        upper = dimension.levels[level + 1]
        reason = f"{descriptor.description} Level {level + 1} ({rubric.level_name(level + 1)}) needs: {upper.description[0].lower()}{upper.description[1:]}"
    missing = _missing_for_next(dimension, uncapped, facts)
    if missing and not capped and level < rubric.max_level:
        reason += " The level may be low because facts are missing, not because they are bad: " + "; ".join(GAPS[k].question for k in missing) + "."
    names = [n for lv in dimension.levels for c in lv.requires for n in fact_names(c)]
    deciding = _deciding_facts(dimension, uncapped, facts)
    return DimensionResult(
        id=dimension.id,
        title=dimension.title,
        description=dimension.description,
        source=dimension.source,
        weight=dimension.weight,
        level=level,
        level_name=rubric.level_name(level),
        level_description=descriptor.description,
        uncapped_level=uncapped,
        score=score,
        capped_by_evidence=capped,
        evidence_status=evidence_status,
        reason=reason,
        next_step=_evidence_step(dimension, uncapped, facts, project) if capped else descriptor.next_step,
        conditions=tuple(results),
        facts=_facts_used(names, facts, deciding),
        missing=tuple(GAPS[k].question for k in missing),
    )


def _blocking(conditions, facts: dict[str, Fact]) -> list:
    return [c for c in conditions if not holds(c, facts)]


def _missing_for_next(dimension: Dimension, uncapped: int, facts: dict[str, Fact]) -> list[str]:
    """Gap keys for unrecorded facts among the conditions the next level is waiting for."""
    if uncapped + 1 >= len(dimension.levels):
        return []
    keys: list[str] = []
    for c in _blocking(dimension.levels[uncapped + 1].requires, facts):
        for name in fact_names(c):
            key = FACTS[name].record
            if not facts[name].recorded and key and key not in keys:
                keys.append(key)
    return keys


def _deciding_facts(dimension: Dimension, uncapped: int, facts: dict[str, Fact]) -> set[str]:
    """The facts that decided the level: those the reached level needs, and those the next level is blocked on."""
    names: set[str] = set()
    if uncapped > 0:
        names |= {n for c in dimension.levels[uncapped].requires for n in fact_names(c)}
    if uncapped + 1 < len(dimension.levels):
        names |= {n for c in _blocking(dimension.levels[uncapped + 1].requires, facts) for n in fact_names(c)}
    return names


def _evidence_step(dimension: Dimension, uncapped: int, facts: dict[str, Fact], project: ProjectFile | None = None) -> str:
    """Name the records that need evidence for a capped dimension to reach its real level, as people call them."""
    missing: list[str] = []
    for lv in dimension.levels[1 : uncapped + 1]:
        for c in lv.requires:
            if _evidence_for(c, facts) != EvidenceStatus.evidenced:
                for name in fact_names(c):
                    for path in facts[name].sources:
                        named = record_name(project, dotted(path)) if project is not None else dotted(path)
                        if named not in missing:
                            missing.append(named)
    where = ", ".join(missing[:4]) + (" and others" if len(missing) > 4 else "")
    return (
        f"Add dated evidence (minutes, a link, a document) to {where or 'the records behind this dimension'}; "
        f"that alone lifts '{dimension.title}' to level {uncapped}."
    )


def _red_flags(rubric: Rubric, facts: dict[str, Fact], locate: Locate | None) -> list[RedFlag]:
    flags = []
    for rule in rubric.red_flags:
        if not all(holds(c, facts) for c in rule.when):
            continue
        where_path: tuple = ()
        for name in (n for c in rule.when for n in fact_names(c)):
            if facts[name].sources:
                where_path = facts[name].sources[0]
                break
        flags.append(
            RedFlag(
                id=rule.id,
                title=rule.title,
                severity=rule.severity,
                message=rule.explanation,
                suggestion=rule.suggestion,
                source=rule.source,
                where=dotted(where_path),
                location=locate(where_path) if (locate and where_path) else None,
            )
        )
    return flags


def _ladder(rubric: Rubric, facts: dict[str, Fact]):
    """The highest rung whose conditions the recorded facts meet (rungs need not be met in order)."""
    chosen = None
    for rung in rubric.ladder:
        if all(holds(c, facts) for c in rung.when):
            chosen = rung
    return chosen


def _ladder_note(rubric: Rubric, facts: dict[str, Fact], chosen) -> str:
    """Say so when the next rung up is out of reach only because the file does not record something."""
    rungs = list(rubric.ladder)
    start = rungs.index(chosen) + 1 if chosen is not None else 0
    for rung in rungs[start:]:
        blocking = _blocking(rung.when, facts)
        if not blocking:
            continue
        unrecorded = [n for c in blocking for n in fact_names(c) if not facts[n].recorded]
        keys = list(dict.fromkeys(FACTS[n].record for n in unrecorded if FACTS[n].record))
        if not keys:
            return ""
        questions = "; ".join(GAPS[k].question for k in keys)
        records = ", ".join(f"'{GAPS[k].record}'" for k in keys)
        if chosen is None or not chosen.when:
            return f"Not placed on the ladder: {questions}, so coscore cannot tell whether people had a say. Record {records}."
        return (
            f"The rung may be low because facts are missing, not because they are bad: {rung.title} cannot be checked, "
            f"because {questions}. Record {records}."
        )
    return ""


def _gaps(rubric: Rubric, facts: dict[str, Fact]) -> list[GapFinding]:
    """One finding per thing the file leaves unsaid that the rubric would use, in rubric order."""
    found: dict[str, tuple[list[str], list[str]]] = {}

    def note(name: str, dimension_id: str | None) -> None:
        key = FACTS[name].record
        if facts[name].recorded or not key:
            return
        names, dims = found.setdefault(key, ([], []))
        if name not in names:
            names.append(name)
        if dimension_id and dimension_id not in dims:
            dims.append(dimension_id)

    for d in rubric.dimensions:
        for lv in d.levels:
            for c in lv.requires:
                for n in fact_names(c):
                    note(n, d.id)
    for rung in rubric.ladder:
        for c in rung.when:
            for n in fact_names(c):
                note(n, None)
    return [
        GapFinding(id=key, question=GAPS[key].question, record=GAPS[key].record, facts=tuple(names), dimension_ids=tuple(dims))
        for key, (names, dims) in found.items()
    ]


DEFAULT_MIN_GROUP_SIZE = 3
# Below this many people a perspective gets a note, whatever the hiding threshold.
SMALL_GROUP_NOTE_SIZE = 3



def perspective_label(perspective: str) -> str:
    """'lived_experience' -> 'lived experience', for people to read."""
    return PERSPECTIVE_LABELS.get(perspective, perspective.replace("_", " "))


def _perspective_order(perspective: str) -> tuple[int, str]:
    """Lived experience first, then the other roles in a fixed order."""
    names = list(PERSPECTIVE_LABELS)
    return (names.index(perspective) if perspective in names else len(names), perspective)


def _ratings_by_dimension(project: ProjectFile) -> dict[str, dict[str, list]]:
    by_dim: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for r in project.self_ratings:
        by_dim[r.dimension][r.perspective.value].append(r)
    return by_dim


def perspective_gaps(
    project: ProjectFile,
    rubric: Rubric,
    min_group_size: int = DEFAULT_MIN_GROUP_SIZE,
    facts_levels: dict[str, int] | None = None,
) -> tuple[PerspectiveGap, ...]:
    """Per dimension, how each perspective rated it and the spread between perspectives.

    Ratings are never pooled across perspectives. A perspective with fewer than
    ``min_group_size`` ratings of a dimension is shown as a count only (no average,
    range or comments) and takes no part in the gap, so a small group cannot be
    singled out. The gap is the highest shown average minus the lowest; it is
    None when fewer than two perspectives can be compared. Largest gaps come
    first, then dimensions without a gap, each in rubric order.
    """
    by_dim = _ratings_by_dimension(project)
    order = {d.id: i for i, d in enumerate(rubric.dimensions)}
    gaps = []
    for d in rubric.dimensions:
        groups = by_dim.get(d.id)
        if not groups:
            continue
        ratings = []
        for perspective in sorted(groups, key=_perspective_order):
            records = groups[perspective]
            levels = [r.level for r in records]
            if len(levels) >= min_group_size:
                ratings.append(
                    PerspectiveRating(
                        perspective=perspective,
                        count=len(levels),
                        average=round(sum(levels) / len(levels), 2),
                        lowest=min(levels),
                        highest=max(levels),
                        comments=tuple(r.comment.strip() for r in records if r.comment.strip()),
                    )
                )
            else:
                ratings.append(PerspectiveRating(perspective=perspective, count=len(levels), average=None, hidden=True))
        # The gap uses exact averages, so rounding cannot invent or hide a difference.
        averages = [sum(x.level for x in groups[r.perspective]) / r.count for r in ratings if not r.hidden]
        gap = round(max(averages) - min(averages), 2) if len(averages) >= 2 else None
        gaps.append(
            PerspectiveGap(
                dimension_id=d.id,
                dimension_title=d.title,
                ratings=tuple(ratings),
                gap=gap,
                facts_level=(facts_levels or {}).get(d.id),
            )
        )
    gaps.sort(key=lambda g: (g.gap is None, -(g.gap or 0.0), order[g.dimension_id]))
    return tuple(gaps)


def respondent_groups(project: ProjectFile) -> tuple[PerspectiveGroup, ...]:
    """People per perspective, counted as the most ratings that perspective gave any one dimension."""
    people: dict[str, int] = defaultdict(int)
    for groups in _ratings_by_dimension(project).values():
        for perspective, records in groups.items():
            people[perspective] = max(people[perspective], len(records))
    return tuple(PerspectiveGroup(perspective=p, people=people[p]) for p in sorted(people, key=_perspective_order))


def perspective_notes(groups: tuple[PerspectiveGroup, ...], gaps: tuple[PerspectiveGap, ...], min_group_size: int) -> tuple[str, ...]:
    """Plain-English notes about small groups and hidden ratings."""
    notes = []
    hidden = {r.perspective for g in gaps for r in g.ratings if r.hidden}
    for group in groups:
        if group.people >= SMALL_GROUP_NOTE_SIZE and group.perspective not in hidden:
            continue
        label = perspective_label(group.perspective)
        who = "person" if group.people == 1 else "people"
        text = f"Only {group.people} {who} rated from the {label} perspective"
        if group.people >= SMALL_GROUP_NOTE_SIZE:
            text = f"Some dimensions were rated by fewer than {min_group_size} people from the {label} perspective"
        if group.perspective in hidden:
            text += f"; where fewer than {min_group_size} rated a dimension, only the count is shown, so nobody can be identified."
        else:
            text += "; in a group this small a rating may be traced to one person, and it may not speak for others."
        notes.append(text)
    return tuple(notes)


def _next_steps(rubric: Rubric, dims: list[DimensionResult], flags: list[RedFlag], flag_dims: dict[str, str], gaps: list[GapFinding] = ()) -> list[NextStep]:
    total_weight = sum(d.weight for d in dims)
    steps = [NextStep(dimension_id=flag_dims.get(f.id, ""), text=f.suggestion, kind="red_flag", gain=0.0, red_flag_id=f.id) for f in flags]
    # Gaps come next: filling one costs a line of YAML and may show the project is further on than it looks.
    steps += [
        NextStep(
            dimension_id=g.dimension_ids[0] if g.dimension_ids else "",
            text=f"{g.question[0].upper()}{g.question[1:]}. Record {g.record}.",  # each output titles it "Fill a gap"
            kind="gap",
            gain=0.0,
        )
        for g in gaps
    ]
    ranked = []
    for d in dims:
        if d.level >= rubric.max_level:
            continue
        target = d.uncapped_level if d.capped_by_evidence else d.level + 1
        gain = round(d.weight * 100 * (target - d.level) / rubric.max_level / total_weight, 1)
        kind = "evidence" if d.capped_by_evidence else "level"
        ranked.append(NextStep(dimension_id=d.id, text=d.next_step, kind=kind, gain=gain))
    # Biggest gain first; on a tie, the weaker dimension first.
    level_of = {d.id: d.level for d in dims}
    ranked.sort(key=lambda s: (-s.gain, level_of[s.dimension_id], s.dimension_id))
    return steps + ranked


def assess(
    project: ProjectFile,
    rubric: Rubric,
    *,
    as_of: dt.date | None = None,
    max_age_months: int | None = None,
    source_path: str = "",
    locate: Locate | None = None,
    min_group_size: int = DEFAULT_MIN_GROUP_SIZE,
    facts: dict[str, Fact] | None = None,
) -> Assessment:
    """Score a project against a rubric.

    ``as_of`` defaults to the project's ``assessed_on``, then to today.
    ``locate`` maps a path in the project data to a file location for red flags.
    ``min_group_size``: perspectives with fewer ratings of a dimension show a count only.
    ``facts``: the project's facts when the caller has already computed them (``project_facts``).
    """
    when = as_of or project.assessed_on or dt.date.today()
    age = max_age_months or rubric.evidence.max_age_months
    if facts is None:
        facts = compute_facts(project, when, age)
    dims = [score_dimension(d, rubric, facts, project) for d in rubric.dimensions]
    total_weight = sum(d.weight for d in dims)
    overall = round(sum(d.score * d.weight for d in dims) / total_weight)
    flags = _red_flags(rubric, facts, locate)
    flag_dims = _flag_dimensions(rubric)
    rung = _ladder(rubric, facts)
    gaps = _gaps(rubric, facts)
    note = _ladder_note(rubric, facts, rung)
    if rung is not None and not rung.when and note:
        # The bottom rung asserts that people had no say; when the file simply does not say, place nothing.
        rung = None
    perspective = perspective_gaps(project, rubric, min_group_size, {d.id: d.level for d in dims})
    groups = respondent_groups(project)
    return Assessment(
        source_path=source_path,
        project_name=project.project.name,
        organisation=project.project.organisation,
        assessed_on=when,
        rubric_id=rubric.id,
        rubric_version=rubric.version,
        rubric_title=rubric.title,
        evidence_cap_level=rubric.evidence_cap,
        evidence_max_age_months=age,
        max_level=rubric.max_level,
        overall_score=overall,
        ladder_rung=rung.rung.value if rung else "",
        ladder_rung_title=rung.title if rung else "",
        claimed_rung_title=next((r.title for r in rubric.ladder if project.project.described_as and r.rung.value == project.project.described_as.value), ""),
        ladder_rung_meaning=rung.meaning if rung else "",
        claimed_rung=project.project.described_as.value if project.project.described_as else "",
        dimensions=tuple(dims),
        red_flags=tuple(flags),
        next_steps=tuple(_next_steps(rubric, dims, flags, flag_dims, gaps)),
        perspective_gaps=perspective,
        min_group_size=min_group_size,
        respondents=groups,
        perspective_notes=perspective_notes(groups, perspective, min_group_size),
        gaps=tuple(gaps),
        ladder_note=note,
    )


def project_facts(project: ProjectFile, rubric: Rubric, *, as_of: dt.date | None = None, max_age_months: int | None = None) -> dict[str, Fact]:
    """The facts ``assess`` would compute for ``project`` with the same options, to compute them once."""
    return compute_facts(project, as_of or project.assessed_on or dt.date.today(), max_age_months or rubric.evidence.max_age_months)


def _flag_dimensions(rubric: Rubric) -> dict[str, str]:
    """The dimension a red flag most concerns: the first dimension that uses one of its facts."""
    out = {}
    for rule in rubric.red_flags:
        names = {n for c in rule.when for n in fact_names(c)}
        for d in rubric.dimensions:
            if names & {n for lv in d.levels for c in lv.requires for n in fact_names(c)}:
                out[rule.id] = d.id
                break
    return out


def unknown_facts(rubric: Rubric) -> list[tuple[tuple, str]]:
    """(path in the rubric data, fact name) for every condition naming a fact that does not exist."""
    problems = []

    def walk(conditions, base):
        for i, c in enumerate(conditions):
            if c.any_of is not None:
                walk(c.any_of, (*base, i, "any_of"))
            elif c.fact not in FACTS:
                problems.append(((*base, i, "fact"), c.fact))

    for di, d in enumerate(rubric.dimensions):
        for li, lv in enumerate(d.levels):
            walk(lv.requires, ("dimensions", di, "levels", li, "requires"))
    for fi, f in enumerate(rubric.red_flags):
        walk(f.when, ("red_flags", fi, "when"))
    for ri, r in enumerate(rubric.ladder):
        walk(r.when, ("ladder", ri, "when"))
    return problems
