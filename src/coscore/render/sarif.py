"""`coscore check --format sarif`: SARIF 2.1.0, as GitHub code scanning reads it.

Each finding is a result with a physical location (a path relative to the
repository root, a start line and column) and a partial fingerprint that does
not depend on line numbers, so code scanning tracks it as lines move.
"""

from __future__ import annotations

import json
from pathlib import PurePath

from coscore import __version__
from coscore.models.check import CheckReport
from coscore.safe_text import encodable

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVELS = {"error": "error", "warning": "warning", "note": "note"}


def _uri(path: str) -> str:
    return PurePath(path).as_posix().removeprefix("./")


def render_sarif(report: CheckReport) -> str:
    """The check report as SARIF 2.1.0, for code scanning tools."""
    used = sorted({f.rule_id for f in report.findings})
    rules, index = [], {}
    for rule_id in used:
        info = report.rule(rule_id)
        index[rule_id] = len(rules)
        rule: dict = {"id": rule_id, "name": rule_id, "shortDescription": {"text": info.title if info else rule_id}}
        if info:
            rule["fullDescription"] = {"text": info.description}
            if info.help:
                rule["help"] = {"text": info.help}
            if info.source:
                rule["properties"] = {"source": info.source}
        rules.append(rule)
    results = []
    for f in report.findings:
        text = " ".join(f.message.split())
        if f.suggestion:
            text += " What to do: " + " ".join(f.suggestion.split())
        result: dict = {
            "ruleId": f.rule_id,
            "ruleIndex": index[f.rule_id],
            "level": _LEVELS.get(f.severity.value, "warning"),
            "message": {"text": text},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": _uri(f.location.path), "uriBaseId": "%SRCROOT%"},
                        "region": {"startLine": f.location.line, "startColumn": f.location.column},
                    }
                }
            ],
            "partialFingerprints": {"coscoreFindingHash/v1": f.fingerprint},
        }
        if f.suppressed:
            result["suppressions"] = [{"kind": "external", "justification": f.suppression_reason}]
        results.append(result)
    from coscore.io.about import repository_url

    driver = {"name": "coscore", "version": __version__, "informationUri": repository_url(), "rules": rules}
    if driver["informationUri"] is None:
        del driver["informationUri"]
    run = {
        "tool": {"driver": driver},
        "results": results,
        "invocations": [
            {
                "executionSuccessful": not report.problems,
                "exitCode": report.exit_code,
                "toolExecutionNotifications": [
                    {
                        "level": "error",
                        "message": {"text": d.message + (f" ({d.hint})" if d.hint else "")},
                        "locations": [{"physicalLocation": {"artifactLocation": {"uri": _uri(d.location.path)}, "region": {"startLine": d.location.line, "startColumn": d.location.column}}}],
                    }
                    for d in report.problems
                ],
            }
        ],
    }
    return encodable(json.dumps({"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}, indent=2, ensure_ascii=False) + "\n")
