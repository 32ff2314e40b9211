"""The Word and PDF examples in examples/, written from code so they can be checked and made again.

Run ``python tests/example_documents.py`` from the repository root to write them;
tests/test_lint_documents.py checks the committed files still hold this text.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from pdf_writer import pdf_bytes  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
WORD = ROOT / "examples" / "involvement-plan.docx"
PDF = ROOT / "examples" / "carers-strategy.pdf"

# (style, text) per paragraph; "table" rows follow the paragraphs
WORD_PARAGRAPHS = [
    ("Title", "Eastbrook community mental health involvement plan"),
    ("Normal", "This plan was co-produced with people who use our services and their families."),
    ("Heading 1", "Who we want to hear from"),
    ("Normal", "Our groups mostly hear from the same voices. Young men and the homeless are hard to reach through evening meetings, so we will go to them."),
    ("Heading 1", "What we will do"),
    ("List Bullet", "We will ensure that every meeting has a lived experience co-chair."),
    ("List Bullet", "Service users will be paid for their time from April 2026."),
]
WORD_TABLE = [
    ("Action", "Lead", "By"),
    ("Publish the minutes of every involvement meeting", "Involvement lead", "June 2026"),
    ("We will explore a peer support service", "", ""),
]

PDF_PAGES = [
    [
        "Harfield carers' strategy 2026 to 2029",
        "Carers told us they want fewer forms and more say.",
        "This strategy supports vulnerable adults and the",
        "people who care for them.",
        "Page 1 of 3",
    ],
    [
        "Harfield carers' strategy 2026 to 2029",
        "What we will do",
        "• The carers' forum will set the respite budget from April 2026.",
        "• We will ensure carers are involved going forward.",
        "Page 2 of 3",
    ],
    [
        "Harfield carers' strategy 2026 to 2029",
        "An earlier leaflet offered help to the less fortunate; we have",
        "withdrawn it.",
        "Page 3 of 3",
    ],
]


def word_document():
    import docx

    document = docx.Document()
    for style, text in WORD_PARAGRAPHS:
        if style == "Title":
            document.add_heading(text, 0)
        elif style.startswith("Heading"):
            document.add_heading(text, int(style.split()[1]))
        else:
            document.add_paragraph(text, style=style)
    table = document.add_table(rows=len(WORD_TABLE), cols=3)
    for r, row in enumerate(WORD_TABLE):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    return document


def write_examples() -> None:
    word_document().save(WORD)
    PDF.write_bytes(pdf_bytes(PDF_PAGES))


if __name__ == "__main__":
    write_examples()
    print(f"wrote {WORD.relative_to(ROOT)} and {PDF.relative_to(ROOT)}")
