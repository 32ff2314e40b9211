"""Every lint rule against its own must-match and must-not-match passages (data files next to the rules)."""

from __future__ import annotations

import pytest

from coscore.lint.rules import builtin_examples
from lint_helpers import lint_text, rules

EXAMPLES = builtin_examples()


def _cases():
    for rule_id, sets in sorted(EXAMPLES.items()):
        for expected in ("match", "no_match"):
            for i, item in enumerate(sets.get(expected, [])):
                text, project, at = (item, None, None) if isinstance(item, str) else (item["text"], item.get("project"), item.get("at"))
                yield pytest.param(rule_id, expected == "match", text, project, at, id=f"{rule_id}-{expected}-{i + 1}")


@pytest.mark.parametrize("rule_id, should_match, text, project, at", list(_cases()))
def test_rule_example(rule_id, should_match, text, project, at):
    fired = sorted((f.location.line, f.location.column) for f in lint_text(text, project) if f.rule_id == rule_id)
    if should_match:
        assert fired, f"{rule_id} should flag: {text!r}"
        # a passage that must fire says where ("at: LINE:COL"), so a rule that fires on the wrong words fails
        assert isinstance(at, str), f"{rule_id}: give the place it fires, at: \"LINE:COL\", for {text!r}"
        assert f"{fired[0][0]}:{fired[0][1]}" == at, f"{rule_id} fired at {fired[0]}, not {at}: {text!r}"
    else:
        assert not fired, f"{rule_id} should not flag: {text!r}, got {fired}"


def test_every_rule_has_passages_both_ways():
    ids = {c.rule.id for c in rules().rules}
    assert ids == set(EXAMPLES), f"rules without examples: {sorted(ids - set(EXAMPLES))}; examples without a rule: {sorted(set(EXAMPLES) - ids)}"
    for rule_id in ids:
        assert EXAMPLES[rule_id].get("match"), rule_id
        assert EXAMPLES[rule_id].get("no_match"), rule_id


def test_every_rule_covers_the_required_families():
    families = {c.rule.family for c in rules().rules}
    assert {"deficit-framing", "consultation-as-co-production", "unbacked-claim", "promises", "one-way-help"} <= families


@pytest.mark.parametrize("compiled", rules().rules, ids=lambda c: c.rule.id)
def test_rule_text_is_complete(compiled):
    rule = compiled.rule
    for text in (rule.message, rule.suggestion, rule.reason, rule.source):
        assert text.strip()
    assert len(rule.reason.split(". ")) <= 3, "the reason should be one or two sentences"
