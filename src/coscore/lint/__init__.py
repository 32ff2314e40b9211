"""Prose rules for strategy documents written in Markdown; the rules are data in ``rules/``.

``markdown`` turns a document into readable prose mapped back to the file,
``rules`` loads and compiles rule files, ``engine`` applies them. The I/O
side (reading documents, following ``coscore-project:`` links) is
``service.lint_strategy_documents``.
"""

from __future__ import annotations


def lint_for_check(documents, *, rule_files=(), disabled=(), disabled_source: str = "lint.disable", project_resolver=None, enabled=(), vocabulary=(), settings_locate=None):
    """What `coscore check` needs: (findings, diagnostics) for Markdown documents.

    ``findings`` are ``coscore.findings.Finding`` objects, suppressed ones
    included (``suppressed=True`` with the comment's reason). ``diagnostics``
    are input problems (unreadable documents, broken rule files, missing or
    invalid linked project files); the caller exits 2 on any. Never raises
    ``InputProblems``.
    """
    from coscore import service
    from coscore.errors import InputProblems

    try:
        rules = service.lint_rule_set(rule_files, disabled, disabled_source=disabled_source, enabled=enabled, vocabulary=vocabulary, settings_locate=settings_locate)
    except InputProblems as exc:
        return [], list(exc.diagnostics)
    result = service.lint_strategy_documents(list(documents), rules=rules, project_resolver=project_resolver)
    return list(result.findings), list(result.diagnostics)
