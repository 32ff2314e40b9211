"""Build the frozen report model from an assessment; pure, no files, no terminal.

``build_report(assessment, project, rubric)`` returns a ``Report``. With
``redact=True`` every person's name (from ``people`` and from ``rated_by`` in
``self_ratings``) is replaced by their role, wherever it appears in the report.
"""

from __future__ import annotations

import functools
import re
import shlex
import unicodedata
from typing import Any

from coscore.models.assessment import Assessment
from coscore.models.project import ProjectFile
from coscore.models.report import (
    Report,
    ReportComment,
    ReportDimension,
    ReportDisagreement,
    ReportGroup,
    ReportNextStep,
    ReportRating,
    ReportRedFlag,
)
from coscore.models.rubric import Rubric
from coscore.vocabulary import PERSPECTIVE_GROUP, PERSPECTIVE_PERSON, record_label

LADDER_CAUTION = (
    "Not every activity has to reach the top rung: some work is rightly consultation or co-design. "
    "What matters is that the name the project gives itself matches what the facts show."
)

AMBIGUOUS_NAME = "[name removed]"

SEVERITY_LABEL = {"error": "Must be fixed", "warning": "Worth fixing"}

MAX_DISAGREEMENTS = 5


# Two-letter words that are also name parts ("An Nguyen", "Bo Li"): matched only with the
# capital the name gives them, so "an" and "of" elsewhere in a report stay as they are.
_COMMON_SHORT_WORDS = frozenset(
    "am an as at be by do go he if in is it me my no of oh on or ox so to up us we".split()
)


@functools.lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    """One character as the redactor compares it: case-folded, compatibility-decomposed, unaccented.

    "İ" and "ı" -> "i", "ſ" -> "s", "_" and "-" -> " ", "ß" -> "ss", "Ｓ" -> "s", "é" -> "e"; format characters (soft
    hyphen, zero-width joiners) vanish and any whitespace becomes one space. Decomposing
    character by character gives the same result for a name and for the text around it,
    so positions in the folded text map back to the original.
    """
    if char.isspace() or char in "_-‐‑":
        return " "  # "priya_shah" in a message, "Mary-Jane" written "Mary Jane": the same words
    if unicodedata.category(char) == "Cf":
        return ""
    folded = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", char).casefold())
    # the Turkish dotless i is the same letter as "I" once case is gone ("YILMAZ", "Yılmaz")
    return "".join(c for c in folded if not unicodedata.combining(c)).replace("\u0131", "i")


def fold(text: str) -> str:
    """``text`` folded for comparing names (see ``_fold_char``)."""
    return "".join(_fold_char(c) for c in text)


def _spaceless(char: str) -> bool:
    """Scripts written without spaces between words: a name there is matched anywhere."""
    code = ord(char)
    return (
        0x0E00 <= code <= 0x0EFF  # Thai, Lao
        or 0x1000 <= code <= 0x109F  # Myanmar
        or 0x1780 <= code <= 0x17FF  # Khmer
        or 0x3040 <= code <= 0x30FF  # Hiragana, Katakana
        or 0x3400 <= code <= 0x4DBF  # CJK extension A
        or 0x4E00 <= code <= 0x9FFF  # CJK unified ideographs
        or 0xF900 <= code <= 0xFAFF  # CJK compatibility ideographs
        or 0x20000 <= code <= 0x3134F  # CJK extensions B to G
    )


class Redactor:
    """Replaces people's names, whole or in part, by their role in square brackets.

    Names come from the project's ``people``, the ``rated_by`` of its
    ``self_ratings``, and ``others``: (name, perspective) pairs such as the
    pseudonyms in response files.

    Matching folds case and compatibility forms (see ``fold``), so "İPEK", "ipek" and
    "İpek" are one name, and "ſam" is "Sam". A name, and each part of a longer name
    of two letters or more ("Jo", "Li", "Ng"), is matched as a whole word; in scripts
    written without spaces, anywhere. Two-letter parts that are common English words
    ("An", "Bo" is not one) are matched only with the name's own capital.
    """

    def __init__(self, project: ProjectFile, others: tuple[tuple[str, str], ...] = ()):
        roles: dict[str, set[str]] = {}
        exact: dict[str, str] = {}  # folded short word -> the spelling the name gives it

        def add(name: str, role: str) -> None:
            name = " ".join(name.split())
            key = " ".join(fold(name).split())
            if not key:
                return
            roles.setdefault(key, set()).add(role)
            # A surname or first name on its own is still a name.
            parts = name.split(" ")
            if len(parts) > 1:
                for part in parts:
                    folded = " ".join(fold(part).split())
                    if len(folded) < 2 or folded == key:
                        continue
                    roles.setdefault(folded, set()).add(role)
                    if folded in _COMMON_SHORT_WORDS:
                        exact[folded] = unicodedata.normalize("NFKC", part)

        for person in project.people:
            add(person.name, person.role.value)
        for rating in project.self_ratings:
            add(rating.rated_by, rating.perspective.value)
        for name, perspective in others:
            add(name, perspective)
        self.replacements = {
            name: (f"[{PERSPECTIVE_PERSON.get(next(iter(r)), 'person')}]" if len(r) == 1 else AMBIGUOUS_NAME) for name, r in roles.items()
        }
        self._exact = exact
        if self.replacements:
            # Longest first so "sam jones" wins over "sam"; spaces in a name match any run of spaces.
            names = sorted(self.replacements, key=lambda n: (-len(n), n))
            alternatives = []
            for n in names:
                body = " +".join(re.escape(p) for p in n.split(" "))
                before = "" if _spaceless(n[0]) else r"(?<!\w)"
                after = "" if _spaceless(n[-1]) else r"(?!\w)"
                alternatives.append(before + body + after)
            self.pattern: re.Pattern[str] | None = re.compile("|".join(f"(?:{a})" for a in alternatives))
        else:
            self.pattern = None

    @classmethod
    def from_names(cls, names: tuple[tuple[str, str], ...]) -> "Redactor":
        """A redactor for (name, role) pairs alone, when there is no valid project file to take them from."""
        return cls(ProjectFile.model_construct(people=(), self_ratings=()), names)

    def text(self, value: str) -> str:
        """``value`` with every name in it replaced by the person's role."""
        if self.pattern is None or not value:
            return value
        pieces = [_fold_char(c) for c in value]
        folded = "".join(pieces)
        # where each folded character came from in ``value``
        origin = [i for i, piece in enumerate(pieces) for _ in piece]
        out: list[str] = []
        last = 0
        for match in self.pattern.finditer(folded):
            start, end = origin[match.start()], origin[match.end() - 1] + 1
            while end < len(value) and not pieces[end]:
                end += 1  # accents written as separate characters belong to the name
            if start < last:
                continue
            key = " ".join(match.group(0).split())
            spelled = self._exact.get(key)
            if spelled is not None and unicodedata.normalize("NFKC", " ".join(value[start:end].split())) != spelled:
                continue  # "an" in a sentence, not the name part "An"
            out.append(value[last:start])
            out.append(self.replacements[key])
            last = end
        if not out:
            return value
        out.append(value[last:])
        return "".join(out)

    def deep(self, value: Any) -> Any:
        """Redact every string inside nested dicts, lists and tuples."""
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, dict):
            return {k: self.deep(v) for k, v in value.items()}
        if hasattr(value, "_fields"):  # a result record (named tuple): the same record, redacted
            return value._make(self.deep(v) for v in value)
        if isinstance(value, (list, tuple)):
            return type(value)(self.deep(v) for v in value)
        return value


def _report_red_flag(flag, a: Assessment, project: ProjectFile) -> ReportRedFlag:
    """A red flag as the report shows it, saying which file it points into."""
    in_response_file = flag.location is not None and flag.location.path != a.source_path  # a rating raised it
    return ReportRedFlag(
        id=flag.id,
        title=flag.title,
        severity=flag.severity,
        severity_label=SEVERITY_LABEL.get(flag.severity, flag.severity),
        explanation=flag.message,
        what_to_do=flag.suggestion,
        where=flag.where,
        where_label=record_label(project, flag.where) if flag.where and not in_response_file else "",
        location=str(flag.location) if flag.location else "",
        where_file="the response file" if in_response_file else "the project file",
    )


def _rung_title(rubric: Rubric, rung: str) -> str:
    for step in rubric.ladder:
        if step.rung.value == rung:
            return step.title
    return rung.replace("_", "-").capitalize() if rung else ""


def _group(perspective: str) -> str:
    return PERSPECTIVE_GROUP.get(perspective, perspective.replace("_", " "))


def _disagreements(a: Assessment) -> tuple[ReportDisagreement, ...]:
    out = []
    for g in a.perspective_gaps:
        if g.gap is None or g.gap <= 0:
            continue
        ratings = tuple(
            ReportRating(
                perspective=_group(r.perspective),
                count=r.count,
                average=None if r.hidden else r.average,
                lowest=None if r.hidden else r.lowest,
                highest=None if r.hidden else r.highest,
            )
            for r in g.ratings
        )
        comments = tuple(
            ReportComment(perspective=_group(r.perspective), text=" ".join(text.split()))
            for r in g.ratings
            if not r.hidden
            for text in r.comments
        )
        out.append(
            ReportDisagreement(
                dimension_id=g.dimension_id, dimension_title=g.dimension_title, facts_level=g.facts_level, gap=g.gap, ratings=ratings, comments=comments
            )
        )
        if len(out) == MAX_DISAGREEMENTS:
            break
    return tuple(out)


def build_report(
    a: Assessment,
    project: ProjectFile,
    rubric: Rubric,
    *,
    rubric_ref: str | None = None,
    redact: bool = False,
    other_names: tuple[tuple[str, str], ...] = (),
) -> Report:
    """The report for one assessment.

    ``project`` and ``rubric`` must be the ones ``a`` was scored from.
    ``rubric_ref`` is what the user passed to --rubric, repeated in the
    ``coscore explain`` command the report suggests. ``other_names`` are
    (name, perspective) pairs to redact besides those in the project file.
    """
    dims = {d.id: d for d in a.dimensions}
    flags = {f.id: f for f in a.red_flags}
    red_flags = tuple(_report_red_flag(f, a, project) for f in a.red_flags)
    dimensions = tuple(
        ReportDimension(
            id=d.id,
            title=d.title,
            level=d.level,
            max_level=a.max_level,
            level_name=d.level_name,
            score=d.score,
            evidence_status=d.evidence_status,
            capped_by_evidence=d.capped_by_evidence,
            uncapped_level=d.uncapped_level,
            reason=d.reason,
        )
        for d in a.dimensions
    )
    steps = []
    for priority, s in enumerate(a.next_steps, start=1):
        d = dims.get(s.dimension_id)
        from_level = d.level if d else 0
        if d is None or s.kind in ("red_flag", "gap"):
            to_level = from_level
        elif s.kind == "evidence":
            to_level = d.uncapped_level
        else:
            to_level = min(d.level + 1, a.max_level)
        steps.append(
            ReportNextStep(
                priority=priority,
                text=s.text,
                dimension_id=s.dimension_id,
                dimension_title=d.title if d else "",
                kind=s.kind,
                from_level=from_level,
                to_level=to_level,
                to_level_name=rubric.level_name(to_level),
                gain=s.gain,
                red_flag_title=flags[s.red_flag_id].title if s.red_flag_id in flags else "",
            )
        )
    command = ["coscore", "explain", a.source_path or "FILE"]
    if rubric_ref:
        command += ["--rubric", rubric_ref]
    report = Report(
        project_name=a.project_name,
        organisation=a.organisation,
        project_summary=" ".join(project.project.summary.split()),
        source_path=a.source_path,
        assessed_on=a.assessed_on,
        rubric_id=a.rubric_id,
        rubric_version=a.rubric_version,
        rubric_title=a.rubric_title,
        overall_score=a.overall_score,
        ladder_rung_title=a.ladder_rung_title,
        ladder_rung_meaning=a.ladder_rung_meaning,
        ladder_note=a.ladder_note,
        claimed_rung_title=_rung_title(rubric, a.claimed_rung),
        ladder_caution=LADDER_CAUTION,
        max_level=a.max_level,
        scale=tuple(s.name for s in rubric.scale),
        evidence_cap_level=a.evidence_cap_level,
        evidence_max_age_months=a.evidence_max_age_months,
        red_flags=red_flags,
        dimensions=dimensions,
        next_steps=tuple(steps),
        rated_dimensions=len(a.perspective_gaps),
        compared_dimensions=sum(1 for g in a.perspective_gaps if g.gap is not None),
        min_group_size=a.min_group_size,
        respondents=tuple(ReportGroup(perspective=_group(g.perspective), people=g.people) for g in a.respondents),
        perspective_notes=a.perspective_notes,
        disagreements=_disagreements(a),
        explain_command=shlex.join(command),
        redacted=redact,
    )
    if not redact:
        return report
    redactor = Redactor(project, other_names)
    return redactor.deep(report)._replace(redacted=True)
