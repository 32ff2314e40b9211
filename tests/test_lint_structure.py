"""Rules that see a document's structure (scope, require, forbid, once per scope) and mentions
that are not uses (titles, names, quoted terms, talk about a term)."""

from __future__ import annotations

import pytest

from coscore.lint.engine import lint_prose
from coscore.lint.markdown import extract
from coscore.lint.rules import builtin_rule_texts, load_rules
from lint_helpers import lint_text

TEAM_RULES = """
coscore_lint: 1
contexts:
  budget:
    describe: a budget
    patterns: ['\\bbudget\\b']
rules:
  - id: panel-{scope}
    family: team
    severity: warning
    match:
      phrases: ["panel"]
    scope: {scope}
    require: [budget]
    once_per_scope: {once}
    message: "m"
    suggestion: "s"
    reason: "r"
    source: "team"
"""

DOCUMENT = (
    "# Plan\n\n"  # 1
    "The panel meets. It sets the budget.\n\n"  # 3
    "- The panel chose dates.\n- Nothing about money.\n\n"  # 5, 6
    "## Other\n\n"  # 8
    "The panel again. And the panel once more.\n"  # 10
)


def _team(scope: str, once: bool = False):
    sources = [(t, f"lint/rules/{n}") for n, t in builtin_rule_texts().items()]
    sources.append((TEAM_RULES.format(scope=scope, once=str(once).lower()), "team.yaml"))
    rules = load_rules(sources)
    return [(f.location.line, f.location.column) for f in lint_prose(extract(DOCUMENT), "d.md", rules).findings if f.rule_id.startswith("panel-")]


@pytest.mark.parametrize(
    "scope, once, expected",
    [
        ("sentence", False, []),  # "The panel meets." has no budget in the sentence
        ("paragraph", False, [(3, 5)]),
        ("item", False, [(3, 5)]),  # outside a list an item is its paragraph
        ("section", False, [(3, 5), (5, 7)]),  # the section under "# Plan" names a budget; "## Other" does not
        ("section", True, [(3, 5)]),
    ],
)
def test_a_team_rule_can_be_scoped(scope, once, expected):
    assert _team(scope, once) == expected


def _rules_hit(text: str) -> list[str]:
    return [f"{f.rule_id} {f.location.line}:{f.location.column}" for f in lint_text(text) if not f.suppressed]


@pytest.mark.parametrize(
    "text",
    [
        "# Draft Vulnerable Residents Strategy\n",
        "# Vulnerable adults strategy 2025 to 2030\n",
        "Referrals come from the Support for Vulnerable Adults programme.\n",
        "We work with The Hard to Reach Trust on housing.\n",
        "We stopped calling people hard to reach.\n",
        "The phrase hard to reach blames people for our barriers.\n",
        "We no longer say vulnerable people in our letters.\n",
        "Words like “vulnerable adults” hide what people face.\n",
        "Avoid ‘hard to reach’ in funding bids.\n",
        "“Vulnerable people” is a term the funder uses.\n",
        "Some people do not engage because of the barriers we put up.\n",
        "We are committed to the values in our co-production framework.\n",
    ],
)
def test_mentions_are_not_uses(text):
    assert _rules_hit(text) == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("# Support for vulnerable families\n", ["deficit-vulnerable 1:15"]),  # a heading that is not a name
        ("VULNERABLE ADULTS need more support.\n", ["deficit-vulnerable 1:1"]),  # capitals are shouting, not a name
        ("Vulnerable adults need more support.\n", ["deficit-vulnerable 1:1"]),  # only the sentence's first word is capitalised
        ("People said the hard to reach label hurt, yet we use hard to reach groups in bids.\n", ["deficit-hard-to-reach 1:54"]),
    ],
)
def test_uses_are_still_found(text, expected):
    assert _rules_hit(text) == expected


def test_a_we_will_list_with_a_date_in_its_section_passes_and_without_one_is_flagged_once():
    undated = "## Our promises\n\nWe will:\n\n- listen\n- We will report back\n\n## Timetable\n\nThe panel meets in June 2026.\n"
    assert _rules_hit(undated) == ["undated-commitments 3:1"]
    dated = undated.replace("## Our promises", "## Our promises for 2026")
    assert _rules_hit(dated) == []


def test_co_production_beside_feedback_is_found_once_per_paragraph_and_a_contrast_clears_it():
    text = "Co-production can include surveys. Co-production can include feedback forms.\n\nCo-production is more than a survey.\n"
    assert _rules_hit(text) == ["co-production-beside-consultation 1:1"]


def test_sections_come_from_a_web_pages_headings_too():
    from coscore.lint.documents import html_prose
    from lint_helpers import rules

    page = "<main><h2>Our promises</h2><p>We will:</p><ul><li>listen</li></ul><h2>Timetable for 2026</h2><p>The panel meets in June 2026.</p></main>"
    assert [f.rule_id for f in lint_prose(html_prose(page), "p.html", rules()).findings] == ["undated-commitments"]
    dated = page.replace("Our promises", "Our promises for 2026")
    assert [f.rule_id for f in lint_prose(html_prose(dated), "p.html", rules()).findings] == []


def test_a_sentence_in_a_table_cell_is_read_alone_for_sentence_contexts():
    # skip_if_sentence looks at the cell's sentence, not the whole row: the negation in the next cell does not count
    row = "| Note | Other |\n|---|---|\n| Co-production will help us make cost savings | not this one |\n"
    assert [f.rule_id for f in lint_text(row)] == ["co-production-as-savings"]
