"""Read the files `coscore lint` checks: Markdown, web pages, Word and PDF.

Markdown and web pages come back as text (a web page in the character set it
declares, if not UTF-8; Markdown with its byte-order mark kept, so that
``--fix`` can write back every byte it did not change). Word and PDF files
come back as bytes for ``coscore.lint.documents`` to take apart; they may be
``BINARY_SIZE_FACTOR`` times the text size limit, since pictures and fonts
make up most of them.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import NamedTuple

from coscore.errors import Diagnostic, InputProblems, SourceLocation
from coscore.io.files import LINT_DOCUMENT_KINDS, decode_utf8, input_size_limit, read_bytes

BINARY_SIZE_FACTOR = 10


class DocumentFile(NamedTuple):  # a result: see coscore.errors
    """A document as read from disk."""

    path: str
    kind: str  # "markdown", "html", "word" or "pdf"
    size_limit: int  # the text size limit in bytes this run reads with
    text: str = ""  # Markdown and web pages
    data: bytes = b""  # Word and PDF


def document_kind(path: str | Path) -> str:
    """'markdown', 'html', 'word' or 'pdf', from the file name's ending; Markdown for any other."""
    return LINT_DOCUMENT_KINDS.get(Path(path).suffix.lower(), "markdown")


def read_document(path: str | Path, *, max_bytes: int | None = None) -> DocumentFile:
    """Read one document. Raises ``InputProblems`` when it cannot be read."""
    shown = str(path)
    kind = document_kind(path)
    limit = input_size_limit() if max_bytes is None else max_bytes
    if kind in ("word", "pdf"):
        return DocumentFile(path=shown, kind=kind, size_limit=limit, data=read_bytes(path, max_bytes=limit * BINARY_SIZE_FACTOR))
    data = read_bytes(path, max_bytes=limit)
    if kind == "html":
        return DocumentFile(path=shown, kind=kind, size_limit=limit, text=_decode_page(data, shown))
    text = decode_utf8(data, shown)
    if data.startswith(b"\xef\xbb\xbf"):
        text = "\ufeff" + text
    return DocumentFile(path=shown, kind=kind, size_limit=limit, text=text)


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


def _decode_page(data: bytes, shown: str) -> str:
    """UTF-8, or the character set the page declares in a <meta> tag."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # browsers on Windows sometimes save pages as UTF-16
        return data.decode("utf-16", errors="replace")
    try:
        return decode_utf8(data, shown)
    except InputProblems:
        import codecs

        declared = _META_CHARSET.search(data[:4096])
        if declared is None:
            raise
        name = declared.group(1).decode("ascii", "replace")
        try:
            codec = codecs.lookup(name)
        except LookupError:
            raise InputProblems(
                [Diagnostic(location=SourceLocation(path=shown), message=f"the page declares the character set '{name}', which coscore does not know", hint="save the page as UTF-8")]
            ) from None
        if codec.name == "utf-8":
            raise
        return data.decode(codec.name, errors="replace")
