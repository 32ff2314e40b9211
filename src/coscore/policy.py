"""Pure policy: (assessment, configuration) -> findings. No files, no terminal.

A finding that fails the policy has severity ``error``; a red flag the
repository has not named in ``fail_on`` is still reported, as a warning, so
people see it without the check failing. Baseline findings are kept but
marked suppressed, so they are counted and never block.
"""

from __future__ import annotations

from coscore.models.config import CheckConfig
from coscore.errors import Diagnostic, Severity, SourceLocation, fingerprint
from coscore.findings import Finding
from coscore.models.assessment import Assessment
from coscore.models.check import RuleInfo, ScoreChange
from coscore.models.rubric import Rubric
from coscore.safe_text import masked

FAIL_UNDER = "fail-under"
DIMENSION_MINIMUM = "dimension-under-minimum"

EVIDENCE_PATH_MISSING = "evidence-path-missing"

POLICY_RULES = (
    RuleInfo(
        id=EVIDENCE_PATH_MISSING,
        title="Evidence path not found",
        description="An evidence item's source is a file path that does not exist relative to the project file, so nobody can check it.",
        help="Correct the path, add the file to the repository, or give a link instead.",
    ),
    RuleInfo(
        id=FAIL_UNDER,
        title="Overall score under the repository's minimum",
        description="The project's overall score is below fail_under.overall in the repository's coscore configuration.",
        help="Work through the next steps that 'coscore score' lists, starting with the biggest gain.",
    ),
    RuleInfo(
        id=DIMENSION_MINIMUM,
        title="Dimension score under the repository's minimum",
        description="A dimension scored below the minimum set for it under fail_under.dimensions in the repository's coscore configuration.",
        help="Run 'coscore explain FILE DIMENSION' to see which facts would raise it.",
    ),
)


def rule_infos(rubric: Rubric) -> tuple[RuleInfo, ...]:
    """Every rule `check` can report: the rubric's red flags and the policy rules."""
    flags = tuple(RuleInfo(id=f.id, title=f.title, description=f.explanation, help=f.suggestion, source=f.source) for f in rubric.red_flags)
    return flags + POLICY_RULES


def blocks(flag_id: str, flag_severity: str, fail_on: tuple[str, ...]) -> bool:
    """Whether a red flag fails the policy: named by id, or by its severity."""
    return flag_id in fail_on or flag_severity in fail_on


def project_findings(a: Assessment, config: CheckConfig, *, key_path: str | None = None) -> list[Finding]:
    """Findings for one assessed project file: red flags, then scores under their minimums.

    ``key_path`` is the file's path from the repository root: fingerprints use it,
    so a baseline matches wherever in the repository the check is run from.
    """
    path = a.source_path
    top = SourceLocation(path=path)
    findings: list[Finding] = []

    def add(rule_id: str, severity: Severity, message: str, suggestion: str, location: SourceLocation, subject: str) -> None:
        finding = Finding.make(rule_id=rule_id, severity=severity, message=message, suggestion=suggestion, location=location, subject=subject)
        if key_path is not None:
            finding = finding._replace(fingerprint=fingerprint(rule_id, key_path, subject))
        findings.append(finding)

    for flag in a.red_flags:
        failing = blocks(flag.id, flag.severity, config.fail_on)
        add(flag.id, Severity.error if failing else Severity.warning, f"{flag.title}: {flag.message}", flag.suggestion, flag.location or top, flag.where or "")
    minimum = config.fail_under.overall
    if minimum is not None and a.overall_score < minimum:
        first = a.next_steps[0].text if a.next_steps else ""
        suggestion = ("first step: " + first) if first else "run 'coscore score' on this file to see the next steps"
        add(FAIL_UNDER, Severity.error, f"the overall score is {a.overall_score}, under this repository's minimum of {minimum}", suggestion, top, "overall")
    steps = {s.dimension_id: s.text for s in a.next_steps}
    for dimension in a.dimensions:
        floor = config.fail_under.dimensions.get(dimension.id)
        if floor is not None and dimension.score < floor:
            message = f"{dimension.title} ({dimension.id}) scored {dimension.score}, under this repository's minimum of {floor}"
            add(DIMENSION_MINIMUM, Severity.error, message, steps.get(dimension.id) or f"run 'coscore explain {path} {dimension.id}'", top, dimension.id)
    return findings


def minimums(a: Assessment, config: CheckConfig) -> dict[str, int]:
    """The configured minimum scores that apply to this assessment, by dimension id, with 'overall' when one is set."""
    out = {d.id: config.fail_under.dimensions[d.id] for d in a.dimensions if d.id in config.fail_under.dimensions}
    if config.fail_under.overall is not None:
        out["overall"] = config.fail_under.overall
    return out


def suppress_baselined(findings: list[Finding], known: frozenset[str], baseline_path: str) -> list[Finding]:
    """Mark findings whose fingerprint is in the baseline as suppressed: still reported (SARIF, JUnit skipped), never blocking.

    `coscore lint` keeps the same findings apart instead (`lint.engine.set_aside_baselined`): in both, a
    baselined finding is known and accepted for now, and only a new one fails.
    """
    reason = f"recorded in the baseline {baseline_path}"
    return [f._replace(suppressed=True, suppression_reason=reason) if f.fingerprint in known and not f.suppressed else f for f in findings]


def unknown_settings(config: CheckConfig, rubric: Rubric, locate) -> list[Diagnostic]:
    """Dimension ids and fail_on entries the rubric does not know: almost always typing mistakes."""
    import difflib

    problems = []
    dimension_ids = [d.id for d in rubric.dimensions]
    for dimension_id in config.fail_under.dimensions:
        if dimension_id not in dimension_ids:
            close = difflib.get_close_matches(dimension_id, dimension_ids, n=1)
            hint = (f"did you mean '{close[0]}'? " if close else "") + "the dimensions are: " + ", ".join(dimension_ids)
            problems.append(Diagnostic(location=locate(dimension_id), message=f"fail_under.dimensions: rubric {rubric.id} has no dimension {masked(dimension_id)}", hint=hint, code="config"))
    known = ["error", "warning"] + [f.id for f in rubric.red_flags]
    for entry in config.fail_on:
        if entry not in known:
            close = difflib.get_close_matches(entry, known, n=1)
            hint = (f"did you mean '{close[0]}'? " if close else "") + "use error, warning, or one of: " + ", ".join(known[2:])
            problems.append(Diagnostic(location=locate(entry), message=f"fail_on: {masked(entry)} is neither a severity nor a red flag of rubric {rubric.id}", hint=hint, code="config"))
    return problems


def compare(a: Assessment, previous: dict) -> list[ScoreChange]:
    """Per-dimension changes against a saved `coscore score --format json` document."""
    before = {d["id"]: d for d in previous.get("dimensions", []) if isinstance(d, dict) and "id" in d}
    changes = []
    if isinstance(previous.get("overall_score"), int):
        changes.append(ScoreChange(path=a.source_path, dimension_id="overall", title="Overall score", before=previous["overall_score"], after=a.overall_score))
    for d in a.dimensions:
        old = before.get(d.id)
        if old is not None and isinstance(old.get("score"), int):
            changes.append(ScoreChange(path=a.source_path, dimension_id=d.id, title=d.title, before=old["score"], after=d.score))
    return changes


def evidence_sources(project) -> list[tuple[tuple, str]]:
    """(path to the evidence item's source in the project data, the source) for every evidence item."""
    out: list[tuple[tuple, str]] = []

    def items(base: tuple, record) -> None:
        for j, e in enumerate(getattr(record, "evidence", ())):
            out.append(((*base, "evidence", j, "source"), e.source))

    items(("project",), project.project)
    if project.budget is not None:
        items(("budget",), project.budget)
        for i, allocation in enumerate(project.budget.allocations):
            items(("budget", "allocations", i), allocation)
    for section in type(project).model_fields:
        records = getattr(project, section)
        if isinstance(records, tuple):
            for i, record in enumerate(records):
                items((section, i), record)
    return out


def is_link(source: str) -> bool:
    """Whether an evidence source is a link rather than a file path."""
    text = source.strip().lower()
    return "://" in text or text.startswith(("www.", "mailto:", "doi:"))


def evidence_path_findings(project, locate, shown_path: str, missing, *, key_path: str | None = None) -> list[Finding]:
    """A warning for each evidence source that is a path and that ``missing(source)`` says is not there.

    Pure: ``missing`` does the looking (the workflow checks the file system relative to the project file).
    """
    findings = []
    for path, source in evidence_sources(project):
        if is_link(source) or not missing(source.strip()):
            continue
        location = locate(path) or SourceLocation(path=shown_path)
        finding = Finding.make(
            rule_id=EVIDENCE_PATH_MISSING,
            severity=Severity.warning,
            message=f"evidence source '{source.strip()}' does not exist relative to the project file, so nobody can check it",
            suggestion="correct the path, add the file to the repository, or give a link instead",
            location=location,
            subject=source.strip(),
        )
        if key_path is not None:
            finding = finding._replace(fingerprint=fingerprint(EVIDENCE_PATH_MISSING, key_path, source.strip()))
        findings.append(finding)
    return findings
