"""Turn a web page into the prose the lint engine reads, located at the line and column of the page's source.

Navigation, the page-wide header and footer, scripts, styles and code are left
out. Pure: the page's text comes in (``coscore.io.documents`` reads it).
``coscore.lint.documents`` holds the Word and PDF readers and picks the reader for each file.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from coscore.errors import Diagnostic, InputProblems, SourceLocation
from coscore.lint.markdown import Comment, Prose
from coscore.lint.prose_writer import ProseWriter

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
        self.out = ProseWriter()
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
        """Open an element: start a block, list item, heading, table row or cell, or begin skipping code and landmarks."""
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
        """Close an element and the ones left open inside it; a stray end tag is ignored."""
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
        """A self-closing tag: open it, then close it unless it is a void element."""
        self.handle_starttag(tag, attrs_list)
        if tag not in _VOID and self.stack and self.stack[-1] == tag:
            self.handle_endtag(tag)

    def handle_data(self, data: str) -> None:
        """Add the page's text as prose, unless it is inside a skipped element."""
        if self.skip_depth is None:
            self.out.add(_clean_keep_breaks(data), self._offset())

    def handle_entityref(self, name: str) -> None:
        """Add a named character reference such as ``&amp;`` as the character it stands for."""
        self._reference(f"&{name};")

    def handle_charref(self, name: str) -> None:
        """Add a numbered character reference such as ``&#8217;`` as the character it stands for."""
        self._reference(f"&#{name};")

    def _reference(self, written: str) -> None:
        import html

        if self.skip_depth is None:
            self.out.add(_clean_keep_breaks(html.unescape(written)), self._offset())

    def handle_comment(self, data: str) -> None:
        """Keep an HTML comment with its line and column, for suppression comments."""
        line, column = self.getpos()
        self.comments.append(Comment(text=data, line=line, column=column + 1, end_line=line + data.count("\n")))


_CONTROL_KEEP_BREAKS = {c: " " for c in range(32) if c not in (9, 10)}
_CONTROL_KEEP_BREAKS[0x7F] = " "


def _clean_keep_breaks(text: str) -> str:
    return text.translate(_CONTROL_KEEP_BREAKS)
