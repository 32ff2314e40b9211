"""Prose rules for strategy documents (Markdown, web pages, Word, PDF); the rules are data in ``rules/``.

``markdown`` turns a Markdown document into readable prose mapped back to the
file, and ``documents`` does the same for web pages, Word and PDF (``places``
says what their line numbers count); ``rules`` loads and compiles rule files,
``engine`` applies them, ``fix`` rewrites the terms in ``substitutions.yaml``.
The I/O side (reading documents, following ``coscore-project:`` links,
writing fixes) is ``coscore.workflows.lint``.
"""
