"""Precision and recall of `coscore lint` on the labelled corpus in tests/lint/corpus.

Each document ``NAME.md`` has ``NAME.expected.yaml`` beside it, labelled by hand:

    kind: washing                      # good practice, washing, deficit framing, ...
    findings:                          # every finding a practitioner would want: "rule line:col"
      - consultation-called-co-production 3:19
    clean:                             # phrases that must not be flagged
      - "have their say"

A finding is right when its rule, line and column are listed; anything else is
a false positive (and is named when it falls inside a clean phrase). A listed
finding the linter does not give is a miss. Targets: precision at least 90% for
errors and warnings, at least 75% for notes, recall at least 80%.
tests/test_lint_quality.py computes the same figures and fails below them.

    python benchmarks/lint_quality.py            # the table
    python benchmarks/lint_quality.py --details  # and every false positive and miss
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "lint" / "corpus"
TARGETS = {"warning": 0.90, "note": 0.75, "recall": 0.80}


@dataclass
class Quality:
    right: Counter = field(default_factory=Counter)  # rule id -> findings that were expected
    wrong: Counter = field(default_factory=Counter)  # rule id -> findings that were not
    missed: Counter = field(default_factory=Counter)  # rule id -> expected findings not given
    severity: dict = field(default_factory=dict)  # rule id -> "error", "warning" or "note"
    false_positives: list = field(default_factory=list)  # (document, "rule line:col", clean phrase or "")
    misses: list = field(default_factory=list)  # (document, "rule line:col")
    documents: int = 0

    def precision(self, rules) -> float:
        right = sum(self.right[r] for r in rules)
        given = right + sum(self.wrong[r] for r in rules)
        return right / given if given else 1.0

    def recall(self, rules) -> float:
        right = sum(self.right[r] for r in rules)
        wanted = right + sum(self.missed[r] for r in rules)
        return right / wanted if wanted else 1.0

    def rules(self, *severities: str) -> list[str]:
        return sorted(r for r, s in self.severity.items() if s in severities)


def _clean_spans(text: str, phrases) -> list[tuple[str, int, int, int, int]]:
    """(phrase, first line, first col, last line, last col) of every occurrence of each phrase."""
    lines = [0]
    for i, ch in enumerate(text):
        if ch == "\n":
            lines.append(i + 1)

    def place(offset: int) -> tuple[int, int]:
        import bisect

        line = bisect.bisect_right(lines, offset) - 1
        return line + 1, offset - lines[line] + 1

    spans = []
    for phrase in phrases:
        start = text.find(phrase)
        while start >= 0:
            spans.append((phrase, *place(start), *place(start + len(phrase) - 1)))
            start = text.find(phrase, start + 1)
    return spans


def measure(corpus: Path = CORPUS) -> Quality:
    sys.path.insert(0, str(ROOT / "src"))
    from coscore.io import yamlio
    from coscore.workflows import lint as service

    rule_set = service.lint_rule_set()
    quality = Quality(severity={c.rule.id: c.rule.severity.value for c in rule_set.rules})
    for path in sorted(corpus.glob("*.md")):
        sidecar = path.with_suffix(".expected.yaml")
        labels = yamlio.parse_yaml(sidecar.read_text(encoding="utf-8"), str(sidecar)).data
        expected = Counter(labels.get("findings") or [])
        result = service.lint_strategy_documents([str(path)], rules=rule_set)
        if result.diagnostics:
            raise SystemExit("\n".join(str(d) for d in result.diagnostics))
        quality.documents += 1
        spans = _clean_spans(path.read_text(encoding="utf-8"), labels.get("clean") or [])
        for finding in result.active:
            key = f"{finding.rule_id} {finding.location.line}:{finding.location.column}"
            if expected[key] > 0:
                expected[key] -= 1
                quality.right[finding.rule_id] += 1
                continue
            quality.wrong[finding.rule_id] += 1
            where = (finding.location.line, finding.location.column)
            inside = next((p for p, l1, c1, l2, c2 in spans if (l1, c1) <= where <= (l2, c2)), "")
            quality.false_positives.append((path.name, key, inside))
        for key, left in expected.items():
            for _ in range(left):
                rule_id = key.split()[0]
                quality.missed[rule_id] += 1
                quality.severity.setdefault(rule_id, "warning")
                quality.misses.append((path.name, key))
    return quality


def meets_targets(q: Quality) -> list[str]:
    """The targets the figures fail, in words; empty when all are met."""
    failing = []
    strong, notes = q.rules("error", "warning"), q.rules("note")
    if q.precision(strong) < TARGETS["warning"]:
        failing.append(f"precision of errors and warnings {q.precision(strong):.0%} < {TARGETS['warning']:.0%}")
    if q.precision(notes) < TARGETS["note"]:
        failing.append(f"precision of notes {q.precision(notes):.0%} < {TARGETS['note']:.0%}")
    everything = q.rules("error", "warning", "note")
    if q.recall(everything) < TARGETS["recall"]:
        failing.append(f"recall {q.recall(everything):.0%} < {TARGETS['recall']:.0%}")
    return failing


def render(q: Quality, details: bool = False) -> str:
    out = [f"corpus: {q.documents} labelled documents in {CORPUS.relative_to(ROOT)}", ""]
    out.append(f"{'rule':<36} {'severity':<8} {'right':>5} {'wrong':>5} {'missed':>6} {'precision':>9} {'recall':>7}")
    for rule_id in sorted(q.severity, key=lambda r: (q.severity[r], r)):
        if not (q.right[rule_id] or q.wrong[rule_id] or q.missed[rule_id]):
            continue
        out.append(f"{rule_id:<36} {q.severity[rule_id]:<8} {q.right[rule_id]:>5} {q.wrong[rule_id]:>5} {q.missed[rule_id]:>6} {q.precision([rule_id]):>9.0%} {q.recall([rule_id]):>7.0%}")
    out.append("")
    for label, rules in (("errors and warnings", q.rules("error", "warning")), ("notes", q.rules("note")), ("overall", q.rules("error", "warning", "note"))):
        out.append(f"{label:<20} precision {q.precision(rules):6.1%}   recall {q.recall(rules):6.1%}")
    failing = meets_targets(q)
    out.append("")
    out.append("targets met" if not failing else "targets NOT met: " + "; ".join(failing))
    if details:
        out += ["", "false positives:"] + [f"  {doc} {key}" + (f"  (inside clean phrase {phrase!r})" if phrase else "") for doc, key, phrase in q.false_positives]
        out += ["misses:"] + [f"  {doc} {key}" for doc, key in q.misses]
    return "\n".join(out) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--details", action="store_true", help="list every false positive and miss")
    args = parser.parse_args()
    q = measure()
    sys.stdout.write(render(q, args.details))
    return 1 if meets_targets(q) else 0


if __name__ == "__main__":
    sys.exit(main())
