"""Facts: plain numbers and yes/no answers computed from a project file.

A rubric never looks at the project file directly. It states conditions over
these named facts (``lived_experience_vote_share at_least 0.5``), so the
rubric stays data and every score traces back to a fact, the records that
produced it, and the evidence behind those records.

Every fact is one of three things: recorded with a value, recorded as none
(0, no), or not recorded at all. Unknown is not no: a fact that is not
recorded meets no condition and raises no red flag that asserts something;
it becomes a gap to fill (see ``GAPS``). Shares are between 0 and 1.

Some facts cost something to fake (``costly``): votes on the body that took a
recorded decision, money allocated by people with lived experience, input
dated before a dated decision, who chose each measure. Only those, or records
with dated evidence, lift a dimension above level 1.

The package: ``core`` (what a fact is, ``GAPS``, the ``FACTS`` registry),
``catalogue`` (every fact, registered on import) and ``evidence`` (evidence
status and ``compute_facts``). Import from ``coscore.facts``.
"""

from __future__ import annotations

from coscore.facts import catalogue  # noqa: F401  (registers every fact in FACTS)
from coscore.facts.catalogue import INVOLVEMENT_DEPTH, funding_end, involvement_depth
from coscore.facts.core import (
    FACTS,
    GAPS,
    LE,
    EvidenceStatus,
    Fact,
    FactSpec,
    FactValue,
    Gap,
    count_fact,
    evidenced_count_fact,
    fact,
    share_fact,
)
from coscore.facts.evidence import compute_facts, evidence_status, max_age_days

__all__ = [
    "FACTS",
    "GAPS",
    "INVOLVEMENT_DEPTH",
    "LE",
    "EvidenceStatus",
    "Fact",
    "FactSpec",
    "FactValue",
    "Gap",
    "compute_facts",
    "count_fact",
    "evidence_status",
    "evidenced_count_fact",
    "fact",
    "funding_end",
    "involvement_depth",
    "max_age_days",
    "share_fact",
]
