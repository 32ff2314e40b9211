"""How a finding's line and column read to a person, for each kind of document.

A finding's ``SourceLocation`` always has a line and a column, so baselines,
JSON and the parsable format work the same for every document. What the line
counts differs: a line of the file for Markdown and web pages, a paragraph for
Word (paragraphs with text, from the top, table cells included), and a line of
extracted text for PDF, counted through the whole document; ``Layout`` turns
that back into page and line.
"""

from __future__ import annotations

import bisect
from typing import NamedTuple

KINDS = ("markdown", "html", "word", "pdf")


class Layout(NamedTuple):  # a result: see coscore.errors
    """What the line numbers of one linted document count."""

    path: str
    kind: str  # one of KINDS
    page_starts: tuple[int, ...] = ()  # PDF only: the document line on which each page's text starts

    def page_and_line(self, line: int) -> tuple[int, int]:
        """PDF: the 1-based page and the line on that page for a line counted through the document."""
        if not self.page_starts:
            return 1, line
        page = max(bisect.bisect_right(self.page_starts, line), 1)
        return page, line - self.page_starts[page - 1] + 1

    def describe(self, line: int, column: int) -> str:
        """The place as a reader looks for it: 'paragraph 4, column 12' or 'page 2, line 7, column 3'."""
        if self.kind == "word":
            return f"paragraph {line}, column {column}"
        if self.kind == "pdf":
            page, on_page = self.page_and_line(line)
            return f"page {page}, line {on_page}, column {column}"
        return f"line {line}, column {column}"

    def where(self, location) -> str:
        """``path:line:col`` for files people open in an editor; the path and the described place otherwise."""
        if self.kind in ("word", "pdf"):
            from coscore.safe_text import no_workflow_commands, one_line

            return f"{no_workflow_commands(one_line(location.path))}: {self.describe(location.line, location.column)}"
        return str(location)
