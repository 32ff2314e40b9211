"""A stable JSON document for scripts and for `coscore compare`."""

from __future__ import annotations

import json

from coscore.models.assessment import Assessment
from coscore.safe_text import encodable

JSON_FORMAT_VERSION = 1


def assessment_dict(a: Assessment) -> dict:
    """The documented JSON shape. Keys are stable; new keys may be added."""
    return {
        "format_version": JSON_FORMAT_VERSION,
        "project": {"name": a.project_name, "organisation": a.organisation, "file": a.source_path},
        "assessed_on": a.assessed_on.isoformat(),
        "rubric": {"id": a.rubric_id, "version": a.rubric_version, "title": a.rubric_title},
        "overall_score": a.overall_score,
        "ladder_rung": a.ladder_rung,
        "ladder_note": a.ladder_note or None,
        "claimed_rung": a.claimed_rung or None,
        "dimensions": [
            {
                "id": d.id,
                "title": d.title,
                "level": d.level,
                "level_name": d.level_name,
                "score": d.score,
                "capped_by_evidence": d.capped_by_evidence,
                "evidence_status": d.evidence_status,
                "reason": d.reason,
            }
            for d in a.dimensions
        ],
        "red_flags": [
            {
                "id": f.id,
                "title": f.title,
                "severity": f.severity,
                "message": f.message,
                "suggestion": f.suggestion,
                "where": f.where or None,
                "location": str(f.location) if f.location else None,
            }
            for f in a.red_flags
        ],
        "gaps": [
            {"id": g.id, "question": g.question, "record": g.record, "facts": list(g.facts), "dimension_ids": list(g.dimension_ids)}
            for g in a.gaps
        ],
        "next_steps": [
            {"dimension_id": s.dimension_id, "text": s.text, "kind": s.kind, "gain": s.gain, "red_flag_id": s.red_flag_id or None}
            for s in a.next_steps
        ],
        "perspective_gaps": [
            {
                "dimension_id": g.dimension_id,
                "gap": g.gap,
                "facts_level": g.facts_level,
                "ratings": [
                    {
                        "perspective": r.perspective,
                        "count": r.count,
                        "average": r.average,
                        "lowest": r.lowest,
                        "highest": r.highest,
                        "hidden": r.hidden,
                        "comments": list(r.comments),
                    }
                    for r in g.ratings
                ],
            }
            for g in a.perspective_gaps
        ],
        "min_group_size": a.min_group_size,
        "respondents": [{"perspective": g.perspective, "people": g.people} for g in a.respondents],
        "perspective_notes": list(a.perspective_notes),
    }


def render_json(a: Assessment) -> str:
    """The assessment as indented JSON."""
    return encodable(json.dumps(assessment_dict(a), indent=2, ensure_ascii=False) + "\n")
