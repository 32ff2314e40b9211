"""Turn a Markdown document into the prose a reader sees, with a map back to the file.

markdown-it-py parses the document. We keep only the words of paragraphs,
headings, list items, block quotes and table cells; code (fenced, indented
and inline), link targets, images, HTML and front matter are left out. The
prose is one string in which:

- a line break inside a paragraph is a ``\\n`` (phrases may run across it);
- ``BLOCK`` separates blocks (paragraphs, list items, table rows) and
  ``CELL`` separates the cells of one table row; ``GAP`` stands where inline
  code or an image was. None of them is a word character or whitespace, so no
  phrase can run across them.

Every run of prose characters remembers where it came from, so a match in
the prose maps back to an exact line and column in the original file.
"""

from __future__ import annotations

import bisect
import re
from array import array
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

BLOCK = "\x00"
CELL = "\x01"
GAP = "\x02"

_COMMENT = re.compile(r"<!--(.*?)-->", re.DOTALL)


class Comment(NamedTuple):
    """An HTML comment outside code, where it starts and on which line it ends."""

    text: str  # what is between <!-- and -->
    line: int  # 1-based
    column: int  # 1-based
    end_line: int


class FrontMatter(NamedTuple):
    text: str  # the YAML between the --- lines
    first_line: int  # the 1-based line in the document where the YAML starts


@dataclass
class Prose:
    """The readable words of a document and the way back to the source."""

    text: str
    segment_starts: Sequence[int]  # offsets in ``text`` where a run of source characters starts
    segment_sources: Sequence[int]  # the matching offsets in the (normalised) source
    line_starts: Sequence[int]  # source offset of each line
    item_blocks: set[int]  # prose offsets of blocks that are list items or table rows
    # table body rows: prose offset -> the row written as "Header: cell. Header: cell.", so a
    # promise in one cell can be read with the owner and date in the others
    row_labels: dict[int, str] = field(default_factory=dict)
    comments: list[Comment] = field(default_factory=list)
    front_matter: FrontMatter | None = None
    # prose offset where each heading's block starts -> its level (1 for "#"); a section runs
    # from a heading to the next one. Readers that know no headings leave it empty.
    headings: dict[int, int] = field(default_factory=dict)
    # (line, column) of the first block nested too deeply for the parser to read; the text
    # inside it is not in ``text``, so it was not checked (None when everything was read)
    too_deep: tuple[int, int] | None = None

    def source_offset(self, prose_offset: int) -> int:
        """The offset in the normalised source of the character at ``prose_offset`` (0 before the first run)."""
        i = bisect.bisect_right(self.segment_starts, prose_offset) - 1
        if i < 0:
            return 0
        return self.segment_sources[i] + (prose_offset - self.segment_starts[i])

    def line_col(self, prose_offset: int) -> tuple[int, int]:
        """1-based line and column in the original file of a prose offset."""
        offset = self.source_offset(prose_offset)
        line = bisect.bisect_right(self.line_starts, offset) - 1
        return line + 1, offset - self.line_starts[line] + 1

    def block_bounds(self, prose_offset: int) -> tuple[int, int]:
        """The start and end in ``text`` of the block that holds ``prose_offset``."""
        start = self.text.rfind(BLOCK, 0, prose_offset) + 1
        end = self.text.find(BLOCK, prose_offset)
        return start, (len(self.text) if end < 0 else end)


def normalise(text: str) -> str:
    """The text markdown-it sees: one kind of line ending, no NUL, no byte-order mark.

    Line and column numbers are counted on this text, which has the same lines
    and columns as an editor shows for the file.
    """
    if text.startswith("\ufeff"):
        text = text[1:]  # editors do not show a byte-order mark, so columns count without it
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "\ufffd")


def split_front_matter(source: str) -> tuple[str, FrontMatter | None]:
    """Blank out a leading ``---`` YAML block (keeping the line count) and return it."""
    if not source.startswith("---"):
        return source, None
    lines = source.split("\n")
    if lines[0].rstrip() != "---":
        return source, None
    for i in range(1, len(lines)):
        if lines[i].rstrip() in ("---", "..."):
            yaml_text = "\n".join(lines[1:i])
            blanked = "\n".join([""] * (i + 1) + lines[i + 1 :])
            return blanked, FrontMatter(text=yaml_text, first_line=2)
    return source, None


_PARSER = None
# markdown-it's own limit on how deeply blocks nest (a list item is two levels: the list and the
# item). Deeper text is left unparsed; extract() says where, so lint can report it unchecked.
MAX_NESTING = 20
_CONTAINERS = frozenset({"blockquote_open", "bullet_list_open", "ordered_list_open", "list_item_open"})


def _parser():
    global _PARSER
    if _PARSER is None:
        from markdown_it import MarkdownIt

        # text_join would merge escapes and entities into text and lose where they were
        _PARSER = MarkdownIt("commonmark", {"maxNesting": MAX_NESTING}).enable("table").disable("text_join")
    return _PARSER


class _Builder:
    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        # arrays of machine integers: a tenth of the memory of lists of ints on long documents
        self.starts = array("q")
        self.sources = array("q")

    def add(self, text: str, source: int | None) -> None:
        """Append prose ``text``; ``source`` is where it starts in the source, or None for text that has no place there."""
        if not text:
            return
        if source is not None:
            self.starts.append(self.length)
            self.sources.append(source)
        self.parts.append(text)
        self.length += len(text)

    def separator(self, mark: str) -> None:
        """Append a block or cell mark, unless the prose is empty or already ends a block; a block mark replaces a trailing cell mark."""
        if self.parts and self.parts[-1] not in (BLOCK,):
            if mark == BLOCK and self.parts[-1] == CELL:
                self.parts[-1] = BLOCK
                return
            self.add(mark, None)


def _skip_link_tail(content: str, pos: int) -> int:
    """From just after a link's label, skip ``](target "title")`` or ``][ref]``; return the new position."""
    close = content.find("]", pos)
    if close < 0:
        return pos
    pos = close + 1
    if content.startswith("(", pos):
        depth, i = 0, pos
        while i < len(content):
            ch = content[i]
            if ch == "\\":
                i += 2
                continue
            if ch == "(":
                depth += 1
            elif ch == ")":
                depth -= 1
                if depth == 0:
                    return i + 1
            i += 1
        return pos
    if content.startswith("[", pos):
        end = content.find("]", pos)
        return end + 1 if end >= 0 else pos
    return pos


def _closing_run(content: str, run: str, pos: int) -> int:
    """The start of the next backtick run exactly as long as ``run``, or -1."""
    while True:
        j = content.find(run, pos)
        if j < 0:
            return -1
        end = j + len(run)
        while end < len(content) and content[end] == "`":
            end += 1
        if end - j == len(run):
            return j
        pos = end


class _InlineMap:
    """Where each character of an inline token's content sits in the source."""

    def __init__(self, content: str, first_line: int, last_line: int, lines: list[str], line_starts: list[int], cursors: dict[int, int], in_row: bool):
        self.content = content
        # where to point when a piece cannot be placed exactly: the start of the block's first line
        self.fallback = line_starts[first_line] if first_line < len(line_starts) else 0
        self.line_offsets: list[int] = []  # content offset where each content line starts
        self.line_sources: list[int | None] = []  # source offset of content line's first non-blank char
        self.line_leads: list[int] = []
        offset = 0
        for k, content_line in enumerate(content.split("\n")):
            self.line_offsets.append(offset)
            offset += len(content_line) + 1
            number = first_line + k
            stripped = content_line.strip(" \t")
            lead = len(content_line) - len(content_line.lstrip(" \t"))
            self.line_leads.append(lead)
            if number >= last_line or number >= len(lines) or not stripped:
                self.line_sources.append(None)
                continue
            source_line = lines[number]
            start = cursors.get(number, 0)
            pos = -1
            if not in_row:
                trimmed = source_line.rstrip()
                if trimmed.endswith(stripped) and len(trimmed) - len(stripped) >= start:
                    pos = len(trimmed) - len(stripped)
            if pos < 0:
                pos = source_line.find(stripped, start)
            if pos < 0:
                self.line_sources.append(None)
                continue
            cursors[number] = pos + len(stripped)
            self.line_sources.append(line_starts[number] + pos)

    def source(self, content_offset: int) -> int:
        """The source offset of a character of the token's content, or the fallback when it cannot be placed."""
        k = bisect.bisect_right(self.line_offsets, content_offset) - 1
        base = self.line_sources[k]
        within = content_offset - self.line_offsets[k] - self.line_leads[k]
        if base is None or within < 0:
            return self.fallback
        return base + within


def _inline_prose(token, imap: _InlineMap, out: _Builder, comments_at: list[tuple[int, str]]) -> None:
    content = imap.content
    cursor = 0
    skip_until_close = False
    for child in token.children or ():
        kind = child.type
        if skip_until_close:
            if kind == "link_close":
                skip_until_close = False
            continue
        if kind in ("text", "text_special"):
            # an escape or entity (text_special) reads as its character but is written as its markup
            written = child.content if kind == "text" else child.markup
            i = content.find(written, cursor)
            if i < 0:
                continue
            out.add(child.content, imap.source(i))
            cursor = i + len(written)
        elif kind in ("softbreak", "hardbreak"):
            i = content.find("\n", cursor)
            if i < 0:
                continue
            out.add("\n", imap.source(i - 1) + 1 if i > 0 else None)
            cursor = i + 1
        elif kind == "code_inline":
            i = content.find(child.markup, cursor)
            if i < 0:
                continue
            j = _closing_run(content, child.markup, i + len(child.markup))
            out.add(GAP, None)
            cursor = (j + len(child.markup)) if j >= 0 else i + len(child.markup)
        elif kind == "html_inline":
            i = content.find(child.content, cursor)
            if i < 0:
                continue
            if child.content.startswith("<!--"):
                comments_at.append((imap.source(i), child.content))
            cursor = i + len(child.content)
        elif kind == "link_open" and child.markup == "autolink":
            end = content.find(">", cursor)
            out.add(GAP, None)
            cursor = end + 1 if end >= 0 else cursor
            skip_until_close = True
        elif kind == "link_close":
            cursor = _skip_link_tail(content, cursor)
        elif kind == "image":
            i = content.find("![", cursor)
            out.add(GAP, None)
            if i >= 0:
                # skip the alt text, then the target
                depth, k = 0, i + 1
                while k < len(content):
                    if content[k] == "\\":
                        k += 2
                        continue
                    if content[k] == "[":
                        depth += 1
                    elif content[k] == "]":
                        depth -= 1
                        if depth == 0:
                            break
                    k += 1
                cursor = _skip_link_tail(content, k)
        elif child.markup and kind.endswith(("_open", "_close")):
            i = content.find(child.markup, cursor)
            if i >= 0:
                cursor = i + len(child.markup)


# Parsing a long document in pieces keeps memory bounded: markdown-it's tokens take
# about fifteen times the text they describe. A piece ends only where no Markdown
# construct can run on: a blank line followed by an unindented line outside fenced
# code and multi-line HTML, or between two body rows of a top-level table (the next
# piece repeats the header and delimiter rows, so the rows parse the same way).
_CHUNK_CHARS = 64_000
_LONG_PARAGRAPH_CHARS = 64_000  # a paragraph longer than this has its inline parts read a run of lines at a time
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_HTML_OPEN = re.compile(r"^ {0,3}<(?:(script|pre|style|textarea)(?=[\s>]|$)|(!--)|(\?)|(!\[CDATA\[)|(![A-Za-z]))", re.IGNORECASE)
_HTML_CLOSE = ("</script>", "-->", "?>", "]]>", ">")  # by the group that opened it (1: any of the four tags)
_DELIMITER_ROW = re.compile(r"^\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$")
_REFERENCE = re.compile(r"^ {0,3}\[(?:[^\]\\]|\\.)+\]:", re.MULTILINE)


class _Chunk(NamedTuple):
    text: str
    first_line: int  # the document line of the piece's first line (after any repeated table header)
    header_line: int | None = None  # a piece that continues a table: the header's line, repeated as lines 0 and 1

    def line(self, piece_line: int) -> int:
        """The document line of a line of the piece."""
        if self.header_line is None:
            return self.first_line + piece_line
        if piece_line < 2:
            return self.header_line + piece_line
        return self.first_line + piece_line - 2


def _is_table_start(lines: list[str], i: int) -> bool:
    if i + 1 >= len(lines) or not lines[i].startswith("|") or not _DELIMITER_ROW.match(lines[i + 1]):
        return False
    tokens = _parser().parse(lines[i] + "\n" + lines[i + 1] + "\n")
    return bool(tokens) and tokens[0].type == "table_open"


def _chunks(lines: list[str], size: int = _CHUNK_CHARS):
    """Split the document's lines into pieces that parse exactly as the whole would."""
    n = len(lines)
    start, filled = 0, 0
    fence: str | None = None
    html_close: str | None = None
    table_header: int | None = None
    piece_header: int | None = None  # set while the current piece continues a table

    def piece(end: int) -> _Chunk:
        body = lines[start:end]
        if piece_header is not None:
            body = [lines[piece_header], lines[piece_header + 1], *body]
        return _Chunk("\n".join(body) + "\n", start, piece_header)

    for i in range(n):
        line = lines[i]
        filled += len(line) + 1
        if fence is not None:
            m = _FENCE.match(line)
            if m and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence) and not line[m.end() :].strip():
                fence = None
            continue
        if html_close is not None:
            if html_close in line.lower():
                html_close = None
            continue
        m = _FENCE.match(line)
        if m:
            fence = m.group(1)
            continue
        m = _HTML_OPEN.match(line)
        if m:
            group = next(k for k in range(1, 6) if m.group(k))
            closing = f"</{m.group(1).lower()}>" if group == 1 else _HTML_CLOSE[group - 1]
            if closing not in line[m.end():].lower():
                html_close = closing
            continue
        if not line.strip():
            table_header = None
            if filled >= size and i + 1 < n and lines[i + 1][:1] not in ("", " ", "\t"):
                yield piece(i + 1)
                start, filled, piece_header = i + 1, 0, None
            continue
        if table_header is None and (i == 0 or not lines[i - 1].strip()) and line.startswith("|") and _is_table_start(lines, i):
            table_header = i
            continue
        if table_header is not None and i > table_header + 2 and filled >= size and line.startswith("|") and lines[i - 1].startswith("|") and i > start:
            yield piece(i)
            start, filled, piece_header = i, len(line) + 1, table_header
    if start < n:
        yield piece(n)


def _children_in_pieces(content: str, md, env: dict):
    """The inline tokens of a very long paragraph, parsed a run of lines at a time.

    Only paragraphs longer than a piece get here. Emphasis, links or code that
    run across a piece boundary are read as plain text there; the words stay.
    """
    from markdown_it.token import Token

    start = 0
    while start < len(content):
        cut = content.find("\n", start + _LONG_PARAGRAPH_CHARS)
        end = len(content) if cut < 0 else cut
        # as markdown-it reads a line break: spaces around it dropped, a backslash before it a break
        piece = content[start:end].rstrip(" ")
        hard = piece.endswith("\\") and cut >= 0
        children: list = []
        md.inline.parse(piece[:-1] if hard else piece, md, env, children)
        yield from children
        if cut >= 0:
            yield Token("softbreak", "br", 0)
        start = end + 1
        while start < len(content) and content[start] in " \t":
            start += 1


def _tokens(body: str, lines: list[str]):
    """(token, document line of its first line) for every block token, with inline children
    parsed one block at a time and dropped after use, so memory stays near one piece's worth."""
    md = _parser()
    env: dict = {}
    if len(body) <= 2 * _CHUNK_CHARS:
        pieces = [_Chunk(body, 0)]
    else:
        pieces = _chunks(lines)
        if _REFERENCE.search(body):
            # a link reference definition applies to the whole document: read every piece's first
            for chunk in _chunks(lines):
                md.block.parse(chunk.text, md, env, [])
    for chunk in pieces:
        tokens: list = []
        md.block.parse(chunk.text, md, env, tokens)
        repeated_head = chunk.header_line is not None  # the first table head of the piece was read before
        for token in tokens:
            if repeated_head:
                repeated_head = token.type != "thead_close"
                if token.type != "table_open":
                    continue
            if token.map:
                token.map = [chunk.line(token.map[0]), chunk.line(token.map[1] - 1) + 1]
            if token.type == "inline":
                if len(token.content) > _LONG_PARAGRAPH_CHARS:
                    token.children = _children_in_pieces(token.content, md, env)
                else:
                    token.children = []
                    md.inline.parse(token.content, md, env, token.children)
            yield token
            token.children = None



def extract(text: str) -> Prose:
    """Parse Markdown ``text`` into ``Prose``. Never raises on any input text."""
    source = normalise(text)
    line_starts = array("q", [0])
    line_starts.extend(m.end() for m in re.finditer("\n", source))
    body, front = split_front_matter(source)
    del source
    lines = body.split("\n")  # the front matter's lines are blank here; no prose comes from them
    out = _Builder()
    item_blocks: set[int] = set()
    comments_at: list[tuple[int, str]] = []  # (source offset, raw comment)
    cursors: dict[int, int] = {}
    list_depth = 0
    heading_level = 0
    headings: dict[int, int] = {}
    in_row = in_head = False
    row_start = None
    cells: list[tuple[int, int]] = []
    header: list[tuple[int, int]] = []
    rows: list[tuple[int, list[tuple[int, int]], list[tuple[int, int]]]] = []
    too_deep = None
    deepest = MAX_NESTING - 1
    for token in _tokens(body, lines):
        kind = token.type
        if too_deep is None and token.level >= deepest and kind in _CONTAINERS and token.map:
            # the parser stops here: whatever this block holds is left unread
            line = token.map[0]
            text_line = lines[line] if line < len(lines) else ""
            too_deep = (line + 1, len(text_line) - len(text_line.lstrip(" >-*+0123456789.)\t")) + 1)
        if kind == "heading_open":
            heading_level = int(token.tag[1:]) if token.tag[1:].isdigit() else 1
        elif kind == "heading_close":
            heading_level = 0
        elif kind == "list_item_open":
            list_depth += 1
        elif kind == "list_item_close":
            list_depth -= 1
        elif kind in ("thead_open", "thead_close"):
            in_head = kind == "thead_open"
        elif kind == "tr_open":
            in_row = True
            out.separator(BLOCK)
            row_start = out.length
            cells = []
        elif kind == "tr_close":
            in_row = False
            if row_start is not None:
                item_blocks.add(row_start)
                if in_head:
                    header = cells
                else:
                    rows.append((row_start, cells, header))
            out.separator(BLOCK)
        elif kind == "html_block" and token.map:
            first = token.map[0]
            for m in _COMMENT.finditer(token.content):
                line = first + token.content.count("\n", 0, m.start())
                if line < len(lines):
                    col = lines[line].find("<!--")
                    comments_at.append((line_starts[line] + max(col, 0), m.group(0)))
        elif kind == "inline" and token.map:
            if in_row:
                out.separator(CELL)
            else:
                out.separator(BLOCK)
                if list_depth > 0:
                    item_blocks.add(out.length)
                if heading_level:
                    headings[out.length] = heading_level
            imap = _InlineMap(token.content, token.map[0], token.map[1], lines, line_starts, cursors, in_row)
            cell_start = out.length
            _inline_prose(token, imap, out, comments_at)
            if in_row:
                cells.append((cell_start, out.length))
            else:
                out.separator(BLOCK)
    out.separator(BLOCK)
    prose_text = "".join(out.parts)
    row_labels = {}
    for start, row_cells, head in rows:
        labelled = []
        for i, (a, b) in enumerate(row_cells):
            cell = prose_text[a:b].strip()
            if cell:
                label = prose_text[head[i][0] : head[i][1]].strip() if i < len(head) else ""
                labelled.append(f"{label}: {cell}." if label else f"{cell}.")
        row_labels[start] = " ".join(labelled)
    comments = []
    for start, raw in sorted(comments_at):
        line = bisect.bisect_right(line_starts, start) - 1
        inner = raw[4:-3] if raw.endswith("-->") else raw[4:]
        comments.append(Comment(text=inner, line=line + 1, column=start - line_starts[line] + 1, end_line=line + 1 + raw.count("\n")))
    return Prose(
        text=prose_text,
        segment_starts=out.starts,
        segment_sources=out.sources,
        line_starts=line_starts,
        item_blocks=item_blocks,
        row_labels=row_labels,
        comments=comments,
        front_matter=front,
        headings=headings,
        too_deep=too_deep,
    )
