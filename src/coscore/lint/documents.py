"""Turn Word, PDF and web page files into the prose the lint engine reads, as ``markdown`` does for Markdown.

Every reader returns the same model the engine works on
(``coscore.lint.markdown.Prose``: the words a reader sees, split into blocks,
list items and table rows, with a way back to a line and column) and a
``Layout`` that says what those lines count:

- Markdown and web pages: lines and columns of the file, as an editor shows
  them. Web pages leave out navigation, the page-wide header and footer,
  scripts, styles and code.
- Word (``.docx``): line N is the Nth paragraph with text, counted from the
  top through headings, lists and table cells; the column counts characters
  within the paragraph.
- PDF: the text of each page as pypdf extracts it, one line per printed line,
  counted through the document (``Layout`` gives page and line).

Pure: the file's bytes or text come in (``coscore.io.documents`` reads them).
Every way a file can be unusable (not the format its name says, damaged, cut
short, protected with a password, no text in it) raises ``InputProblems`` with
a located diagnostic. python-docx and pypdf are imported only when such a file
is read.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import NamedTuple

from coscore.errors import Diagnostic, InputProblems, SourceLocation
from coscore.lint.markdown import BLOCK, CELL, GAP, Comment, Prose
from coscore.lint.places import Layout

# A .docx is a zip file: refuse one that unpacks to more than this many times the text size limit.
UNPACKED_FACTOR = 20


class Document(NamedTuple):  # a result: see coscore.errors
    """One document read for linting."""

    prose: Prose
    layout: Layout
    text: str = ""  # Markdown only: the file's text exactly as read (byte-order mark kept), for --fix


def document_prose(document) -> Document:
    """The prose of a ``coscore.io.documents.DocumentFile``. Raises ``InputProblems`` when it cannot be used."""
    from coscore.lint.markdown import extract

    shown, kind = document.path, document.kind
    if kind == "word":
        prose, layout = word_prose(document.data, shown, unpacked_limit=document.size_limit * UNPACKED_FACTOR)
        return Document(prose=prose, layout=layout)
    if kind == "pdf":
        prose, layout = pdf_prose(document.data, shown)
        return Document(prose=prose, layout=layout)
    if kind == "html":
        return Document(prose=html_prose(document.text, shown), layout=Layout(path=shown, kind="html"))
    return Document(prose=extract(document.text), layout=Layout(path=shown, kind="markdown"), text=document.text)


def _problem(shown: str, message: str, hint: str) -> InputProblems:
    return InputProblems([Diagnostic(location=SourceLocation(path=shown), message=message, hint=hint)])


# --- one builder for every reader ---------------------------------------------------------


class _ProseWriter:
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
        self._separator(BLOCK)
        self.pending_heading = 0

    def start_heading(self, level: int) -> None:
        """The next words are a heading (1 for a title or a top-level heading); it runs to ``end_block``."""
        self.end_block()
        self.pending_heading = level

    def start_item(self) -> None:
        self._separator(BLOCK)
        self.item_blocks.add(self.length)

    @property
    def in_cell(self) -> bool:
        return self.cell_start is not None

    def start_row(self) -> None:
        if self.row_start is not None:
            self.end_row(header=False)
        self._separator(BLOCK)
        self.row_start = self.length
        self.cells = []

    def start_cell(self) -> None:
        if self.row_start is None:
            self.start_row()
        if self.cell_start is not None:
            self.end_cell()
        self._separator(CELL)
        self.cell_start = self.length

    def end_cell(self) -> None:
        if self.cell_start is not None:
            self.cells.append((self.cell_start, self.length))
            self.cell_start = None

    def end_row(self, header: bool) -> None:
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
        if self.row_start is not None:
            self.end_row(header=False)
        self.header = []

    def prose(self, source: str, comments: list[Comment] | None = None) -> Prose:
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
        # Headings mark sections for rules scoped to one; the document model carries them once
        # rules can be scoped (issue 15, item 1), and until then they are not passed on.
        sections = {"headings": self.headings} if "headings" in getattr(Prose, "__dataclass_fields__", {}) else {}
        return Prose(
            text=text,
            segment_starts=self.starts,
            segment_sources=self.sources,
            line_starts=line_starts,
            item_blocks=self.item_blocks,
            row_labels=row_labels,
            comments=comments or [],
            front_matter=None,
            **sections,
        )


# Control characters would read as the engine's block and cell marks; tabs stay, line breaks become spaces.
_CONTROL = {c: " " for c in range(32) if c != 9}
_CONTROL[0x7F] = " "


def _clean(text: str) -> str:
    return text.translate(_CONTROL)


class _Lines:
    """A made-up source of numbered lines (Word paragraphs, PDF lines) that locations count in."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.offset = 0

    def add(self, text: str) -> int:
        """Number a line; return where it starts in the made-up source."""
        start = self.offset
        self.lines.append(text)
        self.offset += len(text) + 1
        return start

    @property
    def source(self) -> str:
        return "\n".join(self.lines)


# --- Word ----------------------------------------------------------------------------------

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def word_prose(data: bytes, shown: str, *, unpacked_limit: int = 100 * 1024 * 1024) -> tuple[Prose, Layout]:
    """The prose of a .docx file; line N is the Nth paragraph with text. Raises ``InputProblems``."""
    import io
    import zipfile

    if data.startswith(_OLE_MAGIC):
        if "EncryptedPackage".encode("utf-16-le") in data:
            raise _problem(shown, "this Word file is protected with a password, so coscore cannot read it", "save a copy without the password (in Word: File > Info > Protect Document > Encrypt with Password, and clear it) and lint the copy")
        raise _problem(shown, "this is an older Word (.doc) file or another Office file, not a .docx", "open it in Word or LibreOffice and save it as a Word Document (.docx)")
    if not data.startswith(b"PK"):
        raise _problem(shown, "this is not a Word (.docx) file: it does not start the way one does", "check it was saved as a Word Document (.docx); from Google Docs use File > Download > Microsoft Word")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise _problem(shown, "the Word file is damaged or cut short: its list of contents cannot be read", "open it in Word and save it again, or download it again") from None
    if "word/document.xml" not in names:
        raise _problem(shown, "this zip file is not a Word document (it has no word/document.xml)", "check it is a .docx saved by Word, LibreOffice or Google Docs")
    if unpacked > unpacked_limit:
        raise _problem(shown, f"the Word file unpacks to {unpacked:,} bytes, more than the {unpacked_limit:,} coscore will read", "save the text in a smaller copy without pictures, or raise COSCORE_MAX_BYTES")
    try:
        import docx
        from docx.table import Table

        document = docx.Document(io.BytesIO(data))
        blocks = list(document.iter_inner_content())
    except Exception as exc:  # python-docx and lxml raise many kinds for a damaged package
        reason = " ".join(str(exc).split())[:120] or type(exc).__name__
        raise _problem(shown, "the Word file is damaged and could not be read", f"open it in Word and save it again, or download it again (detail: {reason})") from None

    lines = _Lines()
    out = _ProseWriter()

    def paragraph_text(paragraph) -> str:
        return _clean(_word_text(paragraph._p))

    def is_list_item(paragraph) -> bool:
        ppr = paragraph._p.pPr
        if ppr is not None and ppr.numPr is not None:
            return True
        return style_of(paragraph).startswith("List")

    # python-docx looks a paragraph's style up among all styles every time; once is enough
    try:
        style_names = {style.style_id: style.name or "" for style in document.styles}
    except Exception:  # a style part python-docx cannot read: the words still count
        style_names = {}

    def style_of(paragraph) -> str:
        style_id = paragraph._p.style
        return style_names.get(style_id, "") if style_id else ""

    def heading_level(paragraph) -> int:
        style = style_of(paragraph)
        if style == "Title":
            return 1
        level = style.removeprefix("Heading ")
        return int(level) if level != style and level.isdigit() else 0

    def add_paragraph(paragraph, in_cell: bool) -> None:
        text = paragraph_text(paragraph)
        if not text.strip():
            return
        start = lines.add(text)
        if in_cell:
            out.gap()
        elif is_list_item(paragraph):
            out.start_item()
        elif heading_level(paragraph):
            out.start_heading(heading_level(paragraph))
        else:
            out.end_block()
        out.add(text, start)
        if not in_cell:
            out.end_block()

    def add_cell_content(cell) -> None:
        for inner in cell.iter_inner_content():
            if isinstance(inner, Table):
                for row in inner.rows:
                    for nested in _unique_cells(row):
                        add_cell_content(nested)
            else:
                add_paragraph(inner, in_cell=True)

    try:
        for block in blocks:
            if isinstance(block, Table):
                rows = list(block.rows)
                for index, row in enumerate(rows):
                    out.start_row()
                    for cell in _unique_cells(row):
                        out.start_cell()
                        add_cell_content(cell)
                        out.end_cell()
                    # a table's first row names its columns, as Markdown's header row does
                    out.end_row(header=index == 0 and len(rows) > 1)
                out.end_table()
            else:
                add_paragraph(block, in_cell=False)
    except Exception as exc:  # a damaged part found while walking the document
        reason = " ".join(str(exc).split())[:120] or type(exc).__name__
        raise _problem(shown, "the Word file is damaged and could not be read", f"open it in Word and save it again, or download it again (detail: {reason})") from None
    if not lines.lines:
        raise _problem(shown, "this Word file has no text to read", "check it is the right file; text in pictures or text boxes cannot be read")
    return out.prose(lines.source), Layout(path=shown, kind="word")


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
# Deleted text (tracked changes), field codes, text boxes (pictures with words in them) and the
# fallback copy of alternative content are not words of the paragraph as it now reads.
_WORD_SKIPPED = {_W + "del", _W + "moveFrom", _W + "delText", _W + "instrText", _W + "txbxContent", _W + "pPr", _W + "rPr", _MC + "Fallback"}


def _word_text(element) -> str:
    """The words of a Word paragraph as it reads now: tracked insertions in, tracked deletions out."""
    out: list[str] = []

    def walk(node) -> None:
        for child in node:
            tag = child.tag
            if not isinstance(tag, str) or tag in _WORD_SKIPPED:
                continue
            if tag == _W + "t":
                out.append(child.text or "")
            elif tag == _W + "tab":
                out.append("\t")
            elif tag in (_W + "br", _W + "cr"):
                out.append("\n")
            elif tag == _W + "noBreakHyphen":
                out.append("-")
            else:
                walk(child)

    walk(element)
    return "".join(out)


def _unique_cells(row) -> list:
    """A row's cells, a merged cell once."""
    seen, cells = set(), []
    try:
        row_cells = row.cells
    except Exception:  # an irregular grid python-docx cannot lay out
        return []
    for cell in row_cells:
        if id(cell._tc) not in seen:
            seen.add(id(cell._tc))
            cells.append(cell)
    return cells


# --- PDF -----------------------------------------------------------------------------------

_BULLET = re.compile(r"^\s*(?:[•●▪◦‣∙·○■□➢✓–—*-]|\(?\d{1,2}[.)]|\(?[a-z][.)])\s+")
_DIGITS = re.compile(r"\d+")
_PARAGRAPH_END = (".", "!", "?", ":", "…", ".”", ".’", '."', "?”", "!”")


def pdf_prose(data: bytes, shown: str) -> tuple[Prose, Layout]:
    """The prose of a PDF, page by page; lines are counted through the document. Raises ``InputProblems``."""
    if b"%PDF-" not in data[:1024]:
        raise _problem(shown, "this is not a PDF file: it does not start the way one does", "check the file; a web page saved with a .pdf name is still a web page")
    if data.rfind(b"%%EOF", max(0, len(data) - 65536)) < 0:
        raise _problem(shown, "the PDF is cut short: it has no end-of-file marker", "download or export it again and check it opens in a PDF viewer")
    pages = _pdf_page_texts(data, shown)
    page_lines = [[_clean(line).rstrip() for line in text.split("\n")] for text in pages]
    furniture = _running_lines(page_lines)
    lines = _Lines()
    out = _ProseWriter()
    page_starts: list[int] = []
    for texts in page_lines:
        page_starts.append(len(lines.lines) + 1)
        out.end_block()
        numbered = [t for t in texts if t.strip()]
        edges = set(range(min(2, len(numbered)))) | set(range(max(0, len(numbered) - 2), len(numbered)))
        # PDF text has no paragraph marks; a short line tells: the last line of a paragraph ends
        # with a full stop well short of the usual width, and a heading is short with no full stop
        widths = sorted(len(t.strip()) for t in numbered if len(t.strip()) >= 20)
        usual = widths[len(widths) // 2] if widths else 0
        previous_end: int | None = None
        previous_closed = True
        index = -1
        for text in texts:
            if not text.strip():
                out.end_block()
                previous_end, previous_closed = None, True
                continue
            index += 1
            start = lines.add(text)
            stripped = text.strip()
            if index in edges and _DIGITS.sub("#", stripped.lower()) in furniture:
                out.end_block()  # a running head or footer: counted as a line, not read as prose
                previous_end, previous_closed = None, True
                continue
            short = len(stripped) < 0.75 * usual
            closed = stripped.endswith(_PARAGRAPH_END)
            bullet = _BULLET.match(text)
            if bullet:
                out.start_item()
                out.add(text[bullet.end() :], start + bullet.end())
            elif short and not closed and previous_closed and len(stripped) < 0.6 * usual:
                out.start_heading(1)
                out.add(text, start)
                out.end_block()
                previous_end, previous_closed = None, True
                continue
            else:
                if previous_end is not None:
                    out.add("\n", previous_end)
                out.add(text, start)
            previous_end, previous_closed = start + len(text), closed
            if closed and short:
                out.end_block()
                previous_end = None
    if not lines.lines:
        raise _problem(shown, "this PDF has no text to read; it may be scanned pages", "lint the Word or web version of the document, or run the PDF through text recognition (OCR) first")
    return out.prose(lines.source), Layout(path=shown, kind="pdf", page_starts=tuple(page_starts))


def _running_lines(pages: list[list[str]]) -> set[str]:
    """Lines that head or foot most pages (a title, 'Page 3 of 9'), with numbers blanked out."""
    if len(pages) < 3:
        return set()
    counts: dict[str, int] = {}
    for texts in pages:
        numbered = [t for t in texts if t.strip()]
        edge = {_DIGITS.sub("#", t.strip().lower()) for t in numbered[:2] + numbered[-2:]}
        for key in edge:
            counts[key] = counts.get(key, 0) + 1
    return {key for key, n in counts.items() if n >= max(3, (len(pages) + 1) // 2)}


def _pdf_page_texts(data: bytes, shown: str) -> list[str]:
    import io
    import logging
    import warnings

    logger = logging.getLogger("pypdf")
    level = logger.level
    logger.setLevel(logging.CRITICAL)  # pypdf logs every repair it makes; the user cannot act on them
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            from pypdf import PdfReader
            from pypdf.errors import DependencyError, FileNotDecryptedError

            try:
                reader = PdfReader(io.BytesIO(data), strict=False)
                if reader.is_encrypted:
                    try:
                        opened = reader.decrypt("")
                    except DependencyError:
                        opened = 0
                    if not opened:
                        raise _problem(shown, "this PDF is protected with a password, so coscore cannot read it", "export or print it to a new PDF without protection, or lint the Word or web version")
                pages = list(reader.pages)
            except InputProblems:
                raise
            except FileNotDecryptedError:
                raise _problem(shown, "this PDF is protected with a password, so coscore cannot read it", "export or print it to a new PDF without protection, or lint the Word or web version") from None
            except Exception as exc:  # pypdf raises many kinds for a damaged file
                reason = " ".join(str(exc).split())[:120] or type(exc).__name__
                raise _problem(shown, "the PDF is damaged and could not be read", f"check it opens in a PDF viewer; export or download it again (detail: {reason})") from None
            texts = []
            for number, page in enumerate(pages, start=1):
                try:
                    texts.append(page.extract_text() or "")
                except Exception as exc:
                    reason = " ".join(str(exc).split())[:120] or type(exc).__name__
                    raise _problem(shown, f"page {number} of the PDF is damaged and could not be read", f"check it opens in a PDF viewer; export or download it again (detail: {reason})") from None
            return texts
    finally:
        logger.setLevel(level)


# --- web pages -----------------------------------------------------------------------------

# Never read: scripts and styles, the page's head, navigation, pictures drawn in code, form choices.
_SKIPPED = {"script", "style", "noscript", "template", "head", "title", "nav", "svg", "math", "iframe", "object", "select", "textarea", "datalist"}
# Left out like code in Markdown: a gap that no phrase runs across.
_CODE = {"code", "pre", "kbd", "samp", "var"}
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr", "keygen"}
_BLOCKS = {
    "address", "article", "aside", "blockquote", "body", "caption", "dd", "details", "dialog", "div", "dl", "dt",
    "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup",
    "hr", "html", "legend", "li", "main", "menu", "ol", "p", "section", "summary", "ul",
}  # fmt: skip
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_SECTIONING = {"article", "aside", "main", "nav", "section"}
# ARIA roles of page furniture: a header or footer only counts as one outside an article or section.
_SKIPPED_ROLES = {"navigation", "banner", "contentinfo", "search"}


def html_prose(text: str, shown: str = "page.html") -> Prose:
    """The prose of a web page, located at the line and column of the page's source."""
    from coscore.lint.markdown import normalise

    source = normalise(text)
    reader = _PageReader(source)
    try:
        reader.feed(source)
        reader.close()
    except Exception:  # html.parser is lenient; this guards against its rare internal assertions
        line, column = reader.getpos()
        raise InputProblems(
            [Diagnostic(location=SourceLocation(path=shown, line=line, column=column + 1), message="the web page could not be read here", hint="check the page opens in a browser; save it again as 'Web page, HTML only'")]
        ) from None
    return reader.out.prose(source, reader.comments)


class _PageReader(HTMLParser):
    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=False)
        self.out = _ProseWriter()
        self.comments: list[Comment] = []
        self.line_starts = [0]
        for match in re.finditer("\n", source):
            self.line_starts.append(match.end())
        self.stack: list[str] = []
        self.skip_depth: int | None = None  # stack depth of the element whose content is being skipped
        self.table_depth = 0
        self.in_head_rows = False
        self.row_all_th = True

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def _skipped_landmark(self, tag: str, attrs: dict) -> bool:
        if tag in _SKIPPED or attrs.get("role", "").strip().lower() in _SKIPPED_ROLES:
            return True
        if "hidden" in attrs or attrs.get("aria-hidden", "").strip().lower() == "true":
            return True
        return tag in ("header", "footer") and not any(t in _SECTIONING for t in self.stack)

    def _break(self) -> None:
        if self.out.in_cell:
            self.out.gap()
        else:
            self.out.end_block()

    def handle_starttag(self, tag: str, attrs_list) -> None:
        if self.skip_depth is not None:
            if tag not in _VOID:
                self.stack.append(tag)
            return
        attrs = {k.lower(): (v or "") for k, v in attrs_list}
        if tag in _VOID:
            if tag == "br":
                self.out.add("\n", self._offset())
            elif tag == "img":
                self.out.gap()
            elif tag == "hr":
                self._break()
            return
        self.stack.append(tag)
        if self._skipped_landmark(tag, attrs) or tag in _CODE:
            if tag in _CODE:
                self.out.gap()
            self.skip_depth = len(self.stack)
            return
        if tag == "table":
            self.table_depth += 1
            if self.table_depth == 1:
                self.out.end_table()
                self.out.end_block()
            return
        if self.table_depth == 1:
            if tag == "thead":
                self.in_head_rows = True
                return
            if tag in ("tbody", "tfoot"):
                self.in_head_rows = False
                return
            if tag == "tr":
                self._close_row()
                self.out.start_row()
                self.row_all_th = True
                return
            if tag in ("td", "th"):
                if self.out.row_start is None:
                    self.row_all_th = True
                self.row_all_th = self.row_all_th and tag == "th"
                self.out.start_cell()
                return
        if tag == "li":
            if self.out.in_cell:
                self.out.gap()
            else:
                self.out.start_item()
        elif tag in _HEADINGS and not self.out.in_cell:
            self.out.start_heading(int(tag[1]))
        elif tag in _BLOCKS:
            self._break()
        elif tag == "q":
            self.out.add("“", None)

    def handle_endtag(self, tag: str) -> None:
        if tag not in self.stack:
            return  # a stray end tag changes nothing
        index = len(self.stack) - 1 - self.stack[::-1].index(tag)
        del self.stack[index:]
        if self.skip_depth is not None:
            if len(self.stack) < self.skip_depth:
                self.skip_depth = None
            return
        if tag == "table":
            if self.table_depth == 1:
                self._close_row()
                self.out.end_table()
            self.table_depth = max(0, self.table_depth - 1)
            return
        if self.table_depth == 1:
            if tag == "thead":
                self._close_row()
                self.in_head_rows = False
                return
            if tag == "tr":
                self._close_row()
                return
            if tag in ("td", "th"):
                self.out.end_cell()
                return
        if tag in _BLOCKS:
            self._break()
        elif tag == "q":
            self.out.add("”", None)

    def _close_row(self) -> None:
        """End the open table row, if any; a row in <thead>, or of <th> cells only, names the columns."""
        if self.out.row_start is not None:
            has_cells = bool(self.out.cells) or self.out.in_cell
            self.out.end_row(header=self.in_head_rows or (self.row_all_th and has_cells))

    def handle_startendtag(self, tag: str, attrs_list) -> None:
        self.handle_starttag(tag, attrs_list)
        if tag not in _VOID and self.stack and self.stack[-1] == tag:
            self.handle_endtag(tag)

    def handle_data(self, data: str) -> None:
        if self.skip_depth is None:
            self.out.add(_clean_keep_breaks(data), self._offset())

    def handle_entityref(self, name: str) -> None:
        self._reference(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self._reference(f"&#{name};")

    def _reference(self, written: str) -> None:
        import html

        if self.skip_depth is None:
            self.out.add(_clean_keep_breaks(html.unescape(written)), self._offset())

    def handle_comment(self, data: str) -> None:
        line, column = self.getpos()
        self.comments.append(Comment(text=data, line=line, column=column + 1, end_line=line + data.count("\n")))


_CONTROL_KEEP_BREAKS = {c: " " for c in range(32) if c not in (9, 10)}
_CONTROL_KEEP_BREAKS[0x7F] = " "


def _clean_keep_breaks(text: str) -> str:
    return text.translate(_CONTROL_KEEP_BREAKS)
