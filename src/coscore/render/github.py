"""`coscore check --format github`: workflow annotations, and the Markdown step summary.

GitHub shows only a limited number of annotations per step, so the summary
(appended to $GITHUB_STEP_SUMMARY by the command line) holds every finding.
"""

from __future__ import annotations

from coscore.models.check import CheckReport
from coscore.render.check_text import change_words
from coscore.render.markdown_text import no_autolinks, one_line
from coscore.safe_text import encodable, for_terminal

_COMMANDS = {"error": "error", "warning": "warning", "note": "notice"}


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render_annotations(report: CheckReport) -> str:
    """One GitHub workflow annotation per finding not in the baseline, and one per input problem."""
    lines = []
    for f in report.findings:
        if f.suppressed:
            continue
        message = " ".join(f.message.split())
        if f.suggestion:
            message += "\nWhat to do: " + " ".join(f.suggestion.split())
        props = f"file={_escape_property(f.location.path)},line={f.location.line},col={f.location.column},title={_escape_property('coscore ' + f.rule_id)}"
        lines.append(f"::{_COMMANDS.get(f.severity.value, 'warning')} {props}::{_escape_data(message)}")
    for d in report.problems:
        props = f"file={_escape_property(d.location.path)},line={d.location.line},col={d.location.column},title=coscore input problem"
        lines.append(f"::error {props}::{_escape_data(d.message + (f' ({d.hint})' if d.hint else ''))}")
    # GitHub's log shows escape sequences: only the annotations themselves get through
    return for_terminal("".join(line + "\n" for line in lines), commands=True)


def _cell(text: str) -> str:
    """Markdown table cell: escape what would break the table or be read as markup."""
    text = one_line(text)
    for char in ("\\", "|", "<", ">", "*", "_", "`", "[", "]"):
        text = text.replace(char, "\\" + char)
    return no_autolinks(text)


SUMMARY_LIMIT = 1_000_000  # GitHub drops a step summary over 1 MiB


def render_summary(report: CheckReport, *, limit: int = SUMMARY_LIMIT) -> str:
    """Every file, score, minimum, change and finding as Markdown.

    When that would be larger than GitHub accepts, the per-dimension tables are
    left out (every finding is still listed).
    """
    text = _summary(report, dimensions=True)
    if len(text.encode("utf-8")) > limit:
        text = _summary(report, dimensions=False)
    return text


def _summary(report: CheckReport, *, dimensions: bool) -> str:
    out = ["## coscore check", ""]
    code = report.exit_code
    verdict = {0: "passed", 1: f"failed: {len(report.blocking)} finding(s) break the policy", 2: "could not finish: input or configuration problems"}[code]
    out += [f"**Result:** {verdict}.", ""]
    changes: dict[tuple[str, str], object] = {(c.path, c.dimension_id): c for c in report.changes}
    for file in report.files:
        out.append(f"### {_cell(file.path)}")
        out.append("")
        if file.assessment is not None:
            a = file.assessment
            minimum = file.minimums.get("overall")
            line = f"Overall score **{a.overall_score}** out of 100"
            if minimum is not None:
                line += f" (minimum {minimum})"
            change = changes.get((file.path, "overall"))
            if change is not None:
                line += f"; {_cell(change_words(change))}"
            out += [line + ".", ""]
            if dimensions:
                out += ["| Dimension | Score | Minimum | Change |", "|---|---:|---:|---|"]
            for d in a.dimensions if dimensions else ():
                c = changes.get((file.path, d.id))
                shown_change = "" if c is None else ("+" if c.delta > 0 else "") + str(c.delta)
                floor = file.minimums.get(d.id)
                out.append(f"| {_cell(d.title)} | {d.score} | {'' if floor is None else floor} | {shown_change} |")
            if dimensions:
                out.append("")
        if file.findings:
            out += ["| Where | Severity | Finding | What to do | Rule |", "|---|---|---|---|---|"]
            for f in file.findings:
                severity = f.severity.value + (" (in baseline)" if f.suppressed else "")
                out.append(f"| {f.location.line}:{f.location.column} | {severity} | {_cell(f.message)} | {_cell(f.suggestion)} | {_cell(f.rule_id)} |")
        else:
            out.append("No findings.")
        out.append("")
    if not dimensions:
        out += ["Scores per dimension are left out to keep this summary within GitHub's size limit; run 'coscore check --format json' for them.", ""]
    if report.problems:
        out += ["### Problems with the input", ""]
        out += [f"- {_cell(str(d))}" for d in report.problems]
        out.append("")
    return encodable("\n".join(out))
