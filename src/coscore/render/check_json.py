"""`coscore check --format json`: the whole check result as a stable JSON document."""

from __future__ import annotations

import json

from coscore.findings import Finding
from coscore.models.check import CheckReport
from coscore.safe_text import encodable

CHECK_JSON_VERSION = 1


def finding_dict(f: Finding) -> dict:
    """One finding as a JSON object."""
    return {
        "rule_id": f.rule_id,
        "severity": f.severity.value,
        "message": f.message,
        "suggestion": f.suggestion,
        "path": f.location.path,
        "line": f.location.line,
        "column": f.location.column,
        "fingerprint": f.fingerprint,
        "suppressed": f.suppressed,
        "suppression_reason": f.suppression_reason or None,
    }


def render_check_json(report: CheckReport) -> str:
    """The check report as JSON: each file's scores and findings, problems and score changes."""
    files = []
    for file in report.files:
        entry: dict = {"path": file.path, "kind": file.kind}
        if file.assessment is not None:
            a = file.assessment
            entry["overall_score"] = a.overall_score
            entry["minimum"] = file.minimums.get("overall")
            entry["dimensions"] = [{"id": d.id, "score": d.score, "level": d.level, "minimum": file.minimums.get(d.id)} for d in a.dimensions]
        entry["findings"] = [finding_dict(f) for f in file.findings]
        files.append(entry)
    data = {
        "format_version": CHECK_JSON_VERSION,
        "passed": report.exit_code == 0,
        "exit_code": report.exit_code,
        "config": report.config_path,
        "baseline": report.baseline_path,
        "files": files,
        "problems": [{"path": d.location.path, "line": d.location.line, "column": d.location.column, "message": d.message, "hint": d.hint} for d in report.problems],
        "changes": [{"path": c.path, "dimension_id": c.dimension_id, "before": c.before, "after": c.after, "change": c.delta} for c in report.changes],
    }
    return encodable(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
