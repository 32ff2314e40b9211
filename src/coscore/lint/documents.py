"""Turn Word, PDF and web page files into the prose the lint engine reads, as ``markdown`` does for Markdown.

Word and PDF are read here; web pages in ``web_pages``; both build their prose
with ``prose_writer.ProseWriter``. ``document_prose`` picks the reader for a file.

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
from typing import NamedTuple

from coscore.errors import Diagnostic, InputProblems, SourceLocation
from coscore.lint.markdown import Prose
from coscore.lint.places import Layout
from coscore.lint.prose_writer import ProseWriter
from coscore.lint.web_pages import html_prose

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
        """The numbered lines joined by newlines, as the made-up source that locations count in."""
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
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):  # NotImplementedError: a zip "version" Python cannot read
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
    out = ProseWriter()

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
    out = ProseWriter()
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
