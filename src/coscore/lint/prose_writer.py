"""One builder of ``Prose`` for every document reader (Word, PDF, web pages), as ``lint.markdown.extract`` builds it for Markdown."""

from __future__ import annotations

from coscore.lint.markdown import BLOCK, CELL, GAP, Comment, Prose


class ProseWriter:
    """Builds ``Prose`` the way ``lint.markdown.extract`` does: blocks, list items, table rows and cells."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.starts: list[int] = []
        self.sources: list[int] = []
        self.item_blocks: set[int] = set()
        self.rows: list[tuple[int, list[tuple[int, int]], list[tuple[int, int]]]] = []
        self.header: list[tuple[int, int]] = []
        self.row_start: int | None = None
        self.cells: list[tuple[int, int]] = []
        self.cell_start: int | None = None
        self.headings: dict[int, int] = {}  # prose offset where a heading's block starts -> its level
        self.pending_heading = 0

    def add(self, text: str, source: int | None) -> None:
        """Append prose ``text`` from source offset ``source`` (None: no place there); whitespace between blocks is dropped."""
        if not text:
            return
        if (not self.parts or self.parts[-1] in (BLOCK, CELL)) and not text.strip():
            return  # whitespace between blocks is not prose
        if self.pending_heading and (not self.parts or self.parts[-1] == BLOCK):
            self.headings[self.length] = self.pending_heading
            self.pending_heading = 0
        if source is not None:
            self.starts.append(self.length)
            self.sources.append(source)
        self.parts.append(text)
        self.length += len(text)

    def _separator(self, mark: str) -> None:
        if self.parts and self.parts[-1] != BLOCK:
            if mark == BLOCK and self.parts[-1] == CELL:
                self.parts[-1] = BLOCK
                return
            self.parts.append(mark)
            self.length += 1

    def gap(self) -> None:
        """Where words were left out (code, a picture) or two paragraphs share a table cell."""
        if self.parts and self.parts[-1] not in (BLOCK, CELL, GAP):
            self.parts.append(GAP)
            self.length += 1

    def end_block(self) -> None:
        """End the current block, and any heading that was waiting for words."""
        self._separator(BLOCK)
        self.pending_heading = 0

    def start_heading(self, level: int) -> None:
        """The next words are a heading (1 for a title or a top-level heading); it runs to ``end_block``."""
        self.end_block()
        self.pending_heading = level

    def start_item(self) -> None:
        """Start a new block that is a list item."""
        self._separator(BLOCK)
        self.item_blocks.add(self.length)

    @property
    def in_cell(self) -> bool:
        """Whether a table cell is open."""
        return self.cell_start is not None

    def start_row(self) -> None:
        """Start a table row in a new block, ending any row still open as a body row."""
        if self.row_start is not None:
            self.end_row(header=False)
        self._separator(BLOCK)
        self.row_start = self.length
        self.cells = []

    def start_cell(self) -> None:
        """Start a table cell, opening a row first if none is open and ending any cell still open."""
        if self.row_start is None:
            self.start_row()
        if self.cell_start is not None:
            self.end_cell()
        self._separator(CELL)
        self.cell_start = self.length

    def end_cell(self) -> None:
        """End the open table cell, if any, and keep where it starts and ends."""
        if self.cell_start is not None:
            self.cells.append((self.cell_start, self.length))
            self.cell_start = None

    def end_row(self, header: bool) -> None:
        """End the open table row; a ``header`` row names the columns of the body rows after it."""
        self.end_cell()
        if self.row_start is None:
            return
        self.item_blocks.add(self.row_start)
        if header:
            self.header = self.cells
        else:
            self.rows.append((self.row_start, self.cells, self.header))
        self.row_start = None
        self._separator(BLOCK)

    def end_table(self) -> None:
        """End the table: close any open row and forget its column names."""
        if self.row_start is not None:
            self.end_row(header=False)
        self.header = []

    def prose(self, source: str, comments: list[Comment] | None = None) -> Prose:
        """The finished ``Prose``, located in ``source``, with each table body row also written as 'Header: cell.'."""
        self.end_table()
        self._separator(BLOCK)
        text = "".join(self.parts)
        line_starts, offset = [], 0
        for line in source.split("\n"):
            line_starts.append(offset)
            offset += len(line) + 1
        row_labels = {}
        for start, row_cells, head in self.rows:
            labelled = []
            for i, (a, b) in enumerate(row_cells):
                cell = text[a:b].replace(GAP, " ").strip()
                if cell:
                    label = text[head[i][0] : head[i][1]].replace(GAP, " ").strip() if i < len(head) else ""
                    labelled.append(f"{label}: {cell}." if label else f"{cell}.")
            row_labels[start] = " ".join(labelled)
        # headings mark the sections that rules scoped to a section look in
        return Prose(
            text=text,
            segment_starts=self.starts,
            segment_sources=self.sources,
            line_starts=line_starts,
            item_blocks=self.item_blocks,
            row_labels=row_labels,
            comments=comments or [],
            front_matter=None,
            headings=self.headings,
        )
