"""`coscore check` as plain text: `parsable` lines for tools and editors, `terminal` for people.

Neither uses rich: this module is on the path of every pre-commit run.
"""

from __future__ import annotations

from coscore.findings import Finding
from coscore.models.check import CheckReport, ScoreChange
from coscore.safe_text import for_terminal, one_line


def finding_line(f: Finding) -> str:
    """``path:line:col: severity: message (what to do) [rule id]`` on one line."""
    message = " ".join(f.message.split())
    if f.suggestion:
        message += f" ({' '.join(f.suggestion.split())})"
    if f.suppressed:
        message += f" [suppressed: {' '.join(f.suppression_reason.split())}]"
    return f"{f.location}: {f.severity.value}: {one_line(message)} [{one_line(f.rule_id)}]"


def change_words(c: ScoreChange) -> str:
    """A score change in words, such as 'Power went up from 40 to 60 (+20)'."""
    if c.delta > 0:
        return f"{c.title} went up from {c.before} to {c.after} (+{c.delta})"
    if c.delta < 0:
        return f"{c.title} went down from {c.before} to {c.after} ({c.delta})"
    return f"{c.title} stayed at {c.after}"


def render_parsable(report: CheckReport) -> str:
    """One finding per line; baseline findings are left out; score changes follow as notes."""
    lines = [finding_line(f) for f in report.findings if not f.suppressed]
    lines += [f"{one_line(c.path)}:1:1: note: {one_line(change_words(c))} [score-change]" for c in report.changes if c.delta]
    return "".join(line + "\n" for line in lines)


def _paint(text: str, code: str, color: bool) -> str:
    return f"\033[{code}m{text}\033[0m" if color else text


def render_terminal(report: CheckReport, *, color: bool = False) -> str:
    """A short human summary: each file, its score, its findings, then the verdict."""
    out: list[str] = []
    changes_by_file: dict[str, list[ScoreChange]] = {}
    for c in report.changes:
        changes_by_file.setdefault(c.path, []).append(c)
    for file in report.files:
        if file.assessment is not None:
            a = file.assessment
            minimum = file.minimums.get("overall")
            out.append(_paint(one_line(file.path), "1", color) + f": overall score {a.overall_score} out of 100" + (f" (minimum {minimum})" if minimum is not None else ""))
        else:
            out.append(_paint(one_line(file.path), "1", color) + ": strategy document")
        shown = [f for f in file.findings if not f.suppressed]
        for f in shown:
            colour = "31" if f.severity.value == "error" else "33"
            out.append(f"  {f.location.line}:{f.location.column} " + _paint(f.severity.value, colour, color) + f" {' '.join(f.message.split())} [{f.rule_id}]")
            if f.suggestion:
                out.append(f"      what to do: {' '.join(f.suggestion.split())}")
        hidden = len(file.findings) - len(shown)
        if hidden:
            out.append(f"  {hidden} suppressed finding(s) (in the baseline, or silenced in place with a reason)")
        for c in changes_by_file.get(file.path, []):
            if c.delta:
                out.append(f"  {_paint('▲' if c.delta > 0 else '▼', '32' if c.delta > 0 else '31', color)} {change_words(c)}")
        if not file.findings:
            out.append("  no findings")
    for d in report.problems:
        out.append(_paint(str(d), "31", color))
    blocking = len(report.blocking)
    if report.problems:
        out.append(_paint(f"coscore check could not finish: {len(report.problems)} problem(s) with the input or configuration.", "31", color))
    elif blocking:
        out.append(_paint(f"coscore check failed: {blocking} finding(s) break this repository's policy.", "31", color))
    else:
        out.append(_paint(f"coscore check passed ({len(report.files)} file(s)).", "32", color))
    # data (names, messages, reasons) may hold escape sequences: only our own colours stay
    return for_terminal("\n".join(out) + "\n", keep_colour=color)
