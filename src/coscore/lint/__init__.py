"""Prose rules for strategy documents written in Markdown; the rules are data in ``rules/``.

``markdown`` turns a document into readable prose mapped back to the file,
``rules`` loads and compiles rule files, ``engine`` applies them. The I/O
side (reading documents, following ``coscore-project:`` links) is
``coscore.workflows.lint``.
"""
