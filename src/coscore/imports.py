"""Survey exports to response files: rows in, responses or located problems out. Pure.

A survey tool's export is a table: one row per person, one column per
question. ``plan_columns`` decides which column holds what, from a mapping
file or, where the headers allow, by recognising the layouts of Microsoft
Forms, Google Forms and SurveyMonkey and the questions coscore itself wrote
(`coscore responses questions`). ``read_rows`` then turns every row into a
``ResponseFile`` or into problems that name the row and the column, so a
facilitator can fix the spreadsheet and run the import again. Names (name,
email, IP address columns) are dropped unless asked for.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from typing import TYPE_CHECKING, Annotated, Literal, NamedTuple

from pydantic import BaseModel, ConfigDict, Field

from coscore import questions
from coscore.errors import Diagnostic, Severity
from coscore.models.project import Perspective
from coscore.models.responses import Respondent, ResponseFile, ResponseRating
from coscore.models.rubric import Rubric

if TYPE_CHECKING:
    from coscore.io.exports import ExportTable

MAPPING_FORMAT_VERSION = 1
COMMENT_LIMIT = 5000
PSEUDONYM_LIMIT = 100


class CellLocation(NamedTuple):
    """A cell of an export, shown as a spreadsheet user finds it: ``export.csv:row 14:column "Share power"``.

    ``line`` is the spreadsheet's row number and ``column`` the column's
    position (1 is column A), so it can stand where a ``SourceLocation`` does.
    """

    path: str
    line: int
    column: int = 1
    header: str = ""

    def __str__(self) -> str:
        where = f"{self.path}:row {self.line}"
        return f'{where}:column "{self.header}"' if self.header else where


# --- The mapping file ------------------------------------------------------------------


class _MappingRecord(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)


class DimensionColumns(_MappingRecord):
    rating: str = Field(min_length=1, max_length=1000, description="The header of the column with the answers to this dimension's question.")
    comment: str = Field(default="", max_length=1000, description="The header of the column with comments on it (optional).")


class Mapping(_MappingRecord):
    """Which column of a survey export holds what (written by `coscore responses import --init-mapping`)."""

    coscore_mapping: Literal[1] = Field(description="The mapping file format version. Write 1.")
    rubric: str = Field(default="", max_length=200, description="The id of the rubric the questions follow.")
    tool: str = Field(default="", max_length=200, description="Which survey tool made the export (for your information).")
    header_rows: int = Field(default=1, ge=1, le=5, description="How many rows at the top hold column headers (SurveyMonkey: 2).")
    date_order: Literal["day-first", "month-first"] = Field(default="day-first", description="How dates like 02/06/2025 are written: day-first (UK) or month-first (US).")
    perspective: str = Field(min_length=1, max_length=1000, description="The header of the column that says which perspective each person speaks from.")
    perspectives: dict[str, Perspective] | None = Field(default=None, description="Answers in the perspective column and what they mean, for example 'Peer researcher: lived_experience'.")
    consent: str = Field(default="", max_length=1000, description="The header of the consent column (optional); rows without a yes are left out.")
    pseudonym: str = Field(default="", max_length=1000, description="The header of a column of made-up names (optional).")
    responded_on: str = Field(default="", max_length=1000, description="The header of the column with the date of each answer (optional).")
    project: str = Field(default="", max_length=1000, description="The header of a column that says which project each answer is about (for 'coscore portfolio').")
    names: tuple[str, ...] = Field(default=(), description="Headers of columns that hold names or email addresses; used only with --keep-names.")
    dimensions: dict[str, DimensionColumns] | None = Field(default=None, description="For each dimension id, the columns that hold its answers and comments.")
    answers: dict[str, Annotated[int, Field(ge=0, le=10)] | None] | None = Field(default=None, description="Answer texts and the level each means (empty: not rated), for example 'Sometimes: 2'.")


# --- Survey tool layouts -------------------------------------------------------------------


class Layout(NamedTuple):
    """How one survey tool lays out its export: the columns it always adds."""

    id: str
    title: str
    signature: tuple[str, ...]  # headers (normalised) that together identify the tool
    header_rows: int
    date_column: str
    date_order: str
    names: tuple[str, ...]  # columns holding names, emails or addresses
    other: tuple[str, ...]  # other columns the tool adds, never answers


LAYOUTS = (
    Layout(
        id="microsoft-forms",
        title="Microsoft Forms",
        signature=("id", "start time", "completion time"),
        header_rows=1,
        date_column="completion time",
        date_order="day-first",
        names=("email", "name"),
        other=("id", "start time", "last modified time", "total points", "quiz feedback"),
    ),
    Layout(
        id="surveymonkey",
        title="SurveyMonkey",
        signature=("respondent id", "collector id"),
        header_rows=2,
        date_column="end date",
        date_order="month-first",
        names=("email address", "first name", "last name", "ip address"),
        other=("respondent id", "collector id", "start date", "custom data 1", "custom data"),
    ),
    Layout(
        id="google-forms",
        title="Google Forms",
        signature=("timestamp",),
        header_rows=1,
        date_column="timestamp",
        date_order="day-first",
        names=("email address", "email", "username"),
        other=("score",),
    ),
)
PLAIN = Layout(id="plain", title="a plain spreadsheet", signature=(), header_rows=1, date_column="", date_order="day-first", names=("name", "email", "email address"), other=())

_NUMBERING = re.compile(r"^(?:q(?:uestion)?\s*)?\d{1,3}(?:\.\d{1,2})*\s*[.):-]?\s+", re.IGNORECASE)


def header_key(header: str) -> str:
    """A header as compared: normalised, without a question number ('Q3. ', '3) ') in front."""
    return _NUMBERING.sub("", questions.normalise(header))


def detect_layout(rows: tuple[tuple[str, ...], ...]) -> Layout:
    """The survey tool whose fixed columns the first row has; ``PLAIN`` when none matches."""
    first = {questions.normalise(h) for h in (rows[0] if rows else ())}
    for layout in LAYOUTS:
        if all(column in first for column in layout.signature):
            return layout
    return PLAIN


def headers(rows: tuple[tuple[str, ...], ...], header_rows: int) -> list[str]:
    """One header per column. With two header rows (SurveyMonkey) the question is in the first
    row, spread across the columns of its choices, and the choice or 'Response' in the second."""
    top = list(rows[0]) if rows else []
    width = max((len(r) for r in rows[:header_rows]), default=0)
    top += [""] * (width - len(top))
    if header_rows == 1:
        return top
    out, current = [], ""
    second = list(rows[1]) + [""] * (width - len(rows[1])) if len(rows) > 1 else [""] * width
    for first, sub in zip(top, second):
        current = first or current
        if questions.normalise(sub) in ("", "response", "open-ended response"):
            out.append(current)
        else:
            out.append(f"{current} / {sub}" if current else sub)
    return out


# --- Which column holds what -------------------------------------------------------------------


class ColumnPlan(NamedTuple):
    """Column positions (0-based) for each kind of answer, decided once for the whole export."""

    layout: Layout
    header_rows: int
    headers: tuple[str, ...]
    perspective: int
    perspectives: dict[str, str]
    consent: int | None
    pseudonym: int | None
    responded_on: int | None
    date_order: str
    project: int | None
    names: tuple[int, ...]
    ratings: dict[str, int]  # dimension id -> column
    comments: dict[str, int]
    answers: dict[str, int | None]


def _find(headers_: list[str], wanted: str) -> int | None:
    key = header_key(wanted)
    for i, h in enumerate(headers_):
        if header_key(h) == key:
            return i
    return None


def _guess(headers_: list[str], rubric: Rubric, layout: Layout):
    """Recognise columns from their headers: coscore's own questions, dimension titles and ids."""
    taken: set[int] = set()
    ratings: dict[str, int] = {}
    comments: dict[str, int] = {}
    keys = [header_key(h) for h in headers_]
    for d in rubric.dimensions:
        for wanted in (questions.question(d), d.title, d.id):
            i = next((i for i, k in enumerate(keys) if k == header_key(wanted) and i not in taken), None)
            if i is not None:
                ratings[d.id] = i
                taken.add(i)
                break
        i = next((i for i, k in enumerate(keys) if k == header_key(questions.comment_question(d)) and i not in taken), None)
        if i is not None:
            comments[d.id] = i
            taken.add(i)

    def first(*wanted: str) -> int | None:
        for w in wanted:
            i = next((i for i, k in enumerate(keys) if k == header_key(w) and i not in taken), None)
            if i is not None:
                taken.add(i)
                return i
        return None

    perspective = first(questions.PERSPECTIVE_QUESTION, "perspective", "role", "respondent role")
    consent = first(questions.CONSENT_QUESTION, "consent")
    pseudonym = first(questions.PSEUDONYM_QUESTION, "pseudonym")
    responded_on = first(layout.date_column, "responded on", "date") if layout.date_column else first("responded on", "date")
    project = first(questions.PROJECT_QUESTION, "project")
    names = tuple(i for i, k in enumerate(keys) if k in layout.names and i not in taken)
    return perspective, consent, pseudonym, responded_on, project, names, ratings, comments


def plan_columns(table: ExportTable, rubric: Rubric, mapping: Mapping | None = None, mapping_located=None) -> ColumnPlan | list[Diagnostic]:
    """Decide which column holds what, or say why that cannot be done.

    With ``mapping``, every header it names must be in the export (problems
    are located in the mapping file through ``mapping_located(path)``).
    Without it, the export's layout and headers must be recognised.
    """
    layout = detect_layout(table.rows)
    where = CellLocation(path=table.path, line=1)  # the row of headers
    if not table.rows:
        return [Diagnostic(location=where, message="the export is empty", hint="download the responses again; the first row should hold the questions")]
    if mapping is None:
        header_rows = layout.header_rows
        hs = headers(table.rows, header_rows)
        perspective, consent, pseudonym, responded_on, project, names, ratings, comments = _guess(hs, rubric, layout)
        problems = []
        if not ratings:
            problems.append(
                Diagnostic(
                    location=where,
                    message=f"no column of this export matches a question of rubric {rubric.id} (read as {layout.title})",
                    hint=f"write a mapping file with 'coscore responses import --init-mapping {table.path}', fill it in, then add --mapping FILE",
                )
            )
        if perspective is None:
            problems.append(
                Diagnostic(
                    location=where,
                    message=f'no column says which perspective each person speaks from (looked for "{questions.PERSPECTIVE_QUESTION}")',
                    hint=f"add that question to the survey, or name the column under 'perspective:' in a mapping file ('coscore responses import --init-mapping {table.path}')",
                )
            )
        if problems:
            return problems
        return ColumnPlan(
            layout=layout, header_rows=header_rows, headers=tuple(hs), perspective=perspective, perspectives={}, consent=consent, pseudonym=pseudonym,
            responded_on=responded_on, date_order=layout.date_order, project=project, names=names, ratings=ratings, comments=comments, answers={},
        )
    hs = headers(table.rows, mapping.header_rows)
    problems: list[Diagnostic] = []

    def column(path: tuple, header: str) -> int | None:
        if not header:
            return None
        i = _find(hs, header)
        if i is None:
            close = difflib.get_close_matches(header, [h for h in hs if h], n=1, cutoff=0.6)
            hint = f'did you mean "{close[0]}"? ' if close else ""
            problems.append(
                Diagnostic(
                    location=mapping_located(path),
                    message=f'{".".join(str(p) for p in path)}: {table.path} has no column "{header}"',
                    hint=hint + "copy the header exactly as it is in the first row of the export",
                )
            )
        return i

    dimensions = mapping.dimensions or {}
    for dimension_id in dimensions:
        if rubric.dimension(dimension_id) is None:
            close = difflib.get_close_matches(dimension_id, [d.id for d in rubric.dimensions], n=1, cutoff=0.5)
            problems.append(
                Diagnostic(
                    location=mapping_located(("dimensions", dimension_id), key=True),
                    message=f"dimensions: there is no dimension '{dimension_id}' in rubric {rubric.id}",
                    hint=(f"did you mean '{close[0]}'? " if close else "") + f"run 'coscore rubric show {rubric.id}' to list the dimension ids",
                )
            )
    perspective = column(("perspective",), mapping.perspective)
    consent = column(("consent",), mapping.consent)
    pseudonym = column(("pseudonym",), mapping.pseudonym)
    responded_on = column(("responded_on",), mapping.responded_on)
    project = column(("project",), mapping.project)
    names = tuple(i for n, name in enumerate(mapping.names) if (i := column(("names", n), name)) is not None)
    ratings = {d: i for d, cols in dimensions.items() if (i := column(("dimensions", d, "rating"), cols.rating)) is not None}
    comments = {d: i for d, cols in dimensions.items() if (i := column(("dimensions", d, "comment"), cols.comment)) is not None}
    if not dimensions:
        problems.append(Diagnostic(location=mapping_located(("dimensions",)), message="dimensions: the mapping names no dimension columns", hint="name at least one dimension and the column with its answers"))
    if problems:
        return problems
    return ColumnPlan(
        layout=layout, header_rows=mapping.header_rows, headers=tuple(hs), perspective=perspective, perspectives={k: v.value for k, v in (mapping.perspectives or {}).items()},
        consent=consent, pseudonym=pseudonym, responded_on=responded_on, date_order=mapping.date_order, project=project, names=names,
        ratings=ratings, comments=comments, answers=dict(mapping.answers or {}),
    )


# --- Rows to responses -----------------------------------------------------------------------------


class ImportedResponse(NamedTuple):
    """One row of an export as a response file, and where each of its answers came from."""

    row: int
    response: ResponseFile
    project: str  # the answer in the project column, "" without one
    cells: dict  # ("ratings", j) -> CellLocation of that rating; ("respondent",) -> the perspective cell

    def location(self, path: tuple, *, key: bool = False) -> CellLocation:
        """Where ``path`` (a place in the response file) came from in the export; the whole row if unknown."""
        if len(path) >= 2 and path[0] == "ratings" and ("ratings", path[1]) in self.cells:
            return self.cells[("ratings", path[1])]
        if path[:1] == ("respondent",):
            field = path[1] if len(path) > 1 else "role"
            return self.cells.get(("respondent", field), self.cells[("respondent", "role")])
        return self.cells[("row",)]


class ImportResult(NamedTuple):
    layout: str
    responses: tuple[ImportedResponse, ...]
    left_out: tuple[Diagnostic, ...]  # rows without consent, kept out on purpose
    problems: tuple[Diagnostic, ...]


def _date(text: str, order: str) -> dt.date | None | str:
    """A date from an export cell; a message (str) when it cannot be read."""
    plain = text.strip()
    if not plain:
        return None
    match = re.match(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})", plain)
    try:
        if match:
            return dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        match = re.match(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{2,4})\b", plain)
        if match:
            a, b, year = int(match.group(1)), int(match.group(2)), int(match.group(3))
            year += 2000 if year < 100 else 0
            day, month = (a, b) if order == "day-first" else (b, a)
            return dt.date(year, month, day)
    except ValueError:
        pass
    return f'"{plain[:40]}" is not a date coscore can read'


def read_rows(table: ExportTable, plan: ColumnPlan, rubric: Rubric, *, keep_names: bool = False) -> ImportResult:
    """Every answer row as a response, or every problem with its row and column.

    A row whose consent answer is not a yes is left out (and listed in
    ``left_out``), never imported. Empty rows are skipped.
    """
    responses: list[ImportedResponse] = []
    problems: list[Diagnostic] = []
    left_out: list[Diagnostic] = []
    first_row: dict[tuple[str, str], int] = {}  # (perspective, pseudonym) -> the row that used it first

    def cell(row: tuple[str, ...], i: int | None) -> str:
        return row[i].strip() if i is not None and i < len(row) else ""

    def at(number: int, i: int | None) -> CellLocation:
        return CellLocation(path=table.path, line=number, column=(i or 0) + 1, header=plan.headers[i] if i is not None else "")

    for index, row in enumerate(table.rows[plan.header_rows :]):
        number = plan.header_rows + index + 1
        if not any(c.strip() for c in row):
            continue
        row_problems: list[Diagnostic] = []
        if plan.consent is not None:
            agreed = questions.read_consent(cell(row, plan.consent))
            if agreed is not True:
                if agreed is None and cell(row, plan.consent):
                    row_problems.append(
                        Diagnostic(location=at(number, plan.consent), message=f'"{cell(row, plan.consent)}" is not a yes or a no', hint=f'write "{questions.CONSENT_YES}" or "No"')
                    )
                else:
                    left_out.append(
                        Diagnostic(
                            location=at(number, plan.consent),
                            message="left out: this person did not agree that their answers can be used",
                            severity=Severity.note,
                        )
                    )
                    continue
        given = cell(row, plan.perspective)
        perspective = questions.read_perspective(given, plan.perspectives) if given else None
        if perspective is None:
            choices = questions.perspective_choices_text()
            message = "no answer: every response needs the perspective the person speaks from" if not given else f'"{given}" is not one of {choices}'
            row_problems.append(
                Diagnostic(location=at(number, plan.perspective), message=message, hint="or say what it means under 'perspectives:' in a mapping file")
            )
        ratings: list[ResponseRating] = []
        cells: dict = {("row",): CellLocation(path=table.path, line=number), ("respondent", "role"): at(number, plan.perspective)}
        if plan.project is not None:
            cells[("project",)] = at(number, plan.project)
        for d in rubric.dimensions:
            if d.id not in plan.ratings and d.id not in plan.comments:
                continue
            answer = cell(row, plan.ratings.get(d.id))
            level = questions.read_level(answer, rubric, plan.answers)
            if isinstance(level, questions.Unrecognised):
                shown = ", ".join(f'"{c}"' for c in level.choices)
                row_problems.append(
                    Diagnostic(
                        location=at(number, plan.ratings[d.id]),
                        message=f'"{answer}" is not one of {shown}',
                        hint="correct the answer, or say which level it means under 'answers:' in a mapping file",
                    )
                )
                continue
            comment = " ".join(cell(row, plan.comments.get(d.id)).split("\n")).strip() if d.id in plan.comments else ""
            if len(comment) > COMMENT_LIMIT:
                row_problems.append(
                    Diagnostic(location=at(number, plan.comments[d.id]), message=f"the comment is {len(comment):,} characters long; the limit is {COMMENT_LIMIT:,}", hint="shorten it")
                )
                continue
            if level is None and not comment:
                continue
            cells[("ratings", len(ratings))] = at(number, plan.ratings.get(d.id, plan.comments.get(d.id)))
            ratings.append(ResponseRating(dimension=d.id, level=level, comment=comment))
        responded_on = None
        if plan.responded_on is not None:
            parsed = _date(cell(row, plan.responded_on), plan.date_order)
            if isinstance(parsed, str):
                row_problems.append(Diagnostic(location=at(number, plan.responded_on), message=parsed, hint="write dates as YYYY-MM-DD, or set 'date_order:' in a mapping file"))
            else:
                responded_on = parsed
        pseudonym = cell(row, plan.pseudonym)
        cells[("respondent", "pseudonym")] = at(number, plan.pseudonym) if plan.pseudonym is not None else cells[("row",)]
        if keep_names and not pseudonym:
            # A name (or first and last name together) rather than an email or IP address, where there is one.
            named = [i for i in plan.names if cell(row, i) and not re.search(r"e-?mail|\bip\b", questions.normalise(plan.headers[i]))]
            chosen = named or [i for i in plan.names if cell(row, i)][:1]
            pseudonym = " ".join(cell(row, i) for i in chosen)
            if chosen:
                cells[("respondent", "pseudonym")] = at(number, chosen[0])
        if len(pseudonym) > PSEUDONYM_LIMIT:
            row_problems.append(Diagnostic(location=cells[("respondent", "pseudonym")], message=f"the name is longer than {PSEUDONYM_LIMIT} characters", hint="shorten it"))
        key = (perspective.value if perspective else "", pseudonym.strip().lower())
        if key[1] and key in first_row:
            # A pseudonym stands for one person: two rows with it would count that person twice.
            row_problems.append(
                Diagnostic(
                    location=cells[("respondent", "pseudonym")],
                    message=f'"{pseudonym}" ({key[0]}) is also the name on row {first_row[key]}',
                    hint="if it is the same person, delete one of the rows; if not, give one of them another name",
                )
            )
        elif key[1]:
            first_row[key] = number
        if row_problems:
            problems.extend(row_problems)
            continue
        response = ResponseFile(
            coscore_response=1,
            rubric=rubric.id,
            responded_on=responded_on,
            respondent=Respondent(role=perspective, pseudonym=pseudonym),
            ratings=tuple(ratings),
        )
        responses.append(ImportedResponse(row=number, response=response, project=cell(row, plan.project), cells=cells))
    if not responses and not problems and not left_out:
        problems.append(
            Diagnostic(location=CellLocation(path=table.path, line=1), message="the export has no answers, only headers", hint="download it again once people have answered")
        )
    return ImportResult(layout=plan.layout.title, responses=tuple(responses), left_out=tuple(left_out), problems=tuple(problems))


# --- A mapping file to start from ------------------------------------------------------------------


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def mapping_yaml(table: ExportTable, rubric: Rubric) -> str:
    """A commented mapping file for ``table``: every column the export has, matched where coscore can.

    Columns coscore recognised are filled in; dimensions it could not match
    are left as comments listing the unused columns, and answers it could not
    read are listed for the user to give a level.
    """
    layout = detect_layout(table.rows)
    hs = headers(table.rows, layout.header_rows)
    perspective, consent, pseudonym, responded_on, project, names, ratings, comments = _guess(hs, rubric, layout)
    used = {i for i in (perspective, consent, pseudonym, responded_on, project) if i is not None} | set(names) | set(ratings.values()) | set(comments.values())
    fixed = {header_key(h) for h in (*layout.other, *layout.names, layout.date_column) if h}
    unused = [h for i, h in enumerate(hs) if i not in used and h and header_key(h) not in fixed]
    lines = [
        "# A coscore mapping file: which column of the survey export holds what.",
        f"# Made from {table.path}. Check it, fill in anything left as a comment, then run:",
        f"#   coscore responses import {table.path} --mapping THIS-FILE",
        "# Headers must be copied exactly as they are in the export.",
        "coscore_mapping: 1",
        f"rubric: {rubric.id}",
        f"tool: {_quoted(layout.title)}",
        f"header_rows: {layout.header_rows}        # rows of headers at the top of the export",
        f"date_order: {layout.date_order}   # how dates like 02/06/2025 are written: day-first or month-first",
        "",
        "# The column that says which perspective each person speaks from.",
    ]
    if perspective is not None:
        lines.append(f"perspective: {_quoted(hs[perspective])}")
    else:
        lines.append('perspective: ""   # fill in: the header of the column that says who is answering')
    lines.append("# Answers in that column coscore would not understand, and the perspective each means:")
    lines.append("perspectives: {}   # for example:  perspectives: {\"Peer researcher\": lived_experience}")
    for key, index, note in (
        ("consent", consent, "rows without a yes here are left out"),
        ("pseudonym", pseudonym, "made-up names, kept in the response files"),
        ("responded_on", responded_on, "the date of each answer"),
        ("project", project, "which project each answer is about (for coscore portfolio)"),
    ):
        lines.append(f"{key}: {_quoted(hs[index]) if index is not None else chr(34) * 2}   # {note}")
    lines.append("# Columns with names or email addresses: dropped unless you import with --keep-names.")
    lines.append("names: [" + ", ".join(_quoted(hs[i]) for i in names) + "]")
    lines.append("")
    lines.append("dimensions:")
    for d in rubric.dimensions:
        if d.id in ratings:
            lines.append(f"  {d.id}:")
            lines.append(f"    rating: {_quoted(hs[ratings[d.id]])}")
            if d.id in comments:
                lines.append(f"    comment: {_quoted(hs[comments[d.id]])}")
        else:
            lines.append(f"  # {d.id}:    ({questions.question(d)})")
            lines.append('  #   rating: ""    # the header of the column with the answers')
            lines.append('  #   comment: ""   # optional')
    if unused:
        lines.append("# Columns not used yet:")
        lines += [f"#   {_quoted(h)}" for h in unused]
    lines.append("")
    lines.append("# Answers coscore reads without help: " + ", ".join(_quoted(c) for c in questions.answer_choices(rubric)) + ",")
    lines.append("# the numbers alone, and the words alone. Say what any other answer means (empty: not rated).")
    unknown: list[str] = []
    for i in ratings.values():
        for row in table.rows[layout.header_rows :]:
            text = row[i].strip() if i < len(row) else ""
            if isinstance(questions.read_level(text, rubric), questions.Unrecognised) and text not in unknown:
                unknown.append(text)
    if unknown:
        lines.append("answers:")
        lines.append("  # Found in the export; give each a level from 0 to " + str(rubric.max_level) + " and remove the '# '.")
        lines += [f"  # {_quoted(text)}: " for text in unknown]
    else:
        lines.append("answers: {}")
    return "\n".join(lines) + "\n"
