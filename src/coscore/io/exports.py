"""Survey exports (.csv and .xlsx) read into rows of text, and imported response files written.

openpyxl is imported only when an .xlsx file is read.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import NamedTuple

from coscore.errors import Diagnostic, InputProblems, SourceLocation

EXPORT_SUFFIXES = (".csv", ".xlsx")


class ExportTable(NamedTuple):
    """Every row of a survey export as text cells; ``rows[0]`` is the spreadsheet's row 1."""

    path: str
    rows: tuple[tuple[str, ...], ...]


def is_export(path: str | Path) -> bool:
    """Whether ``path`` names a survey export coscore can read (by its suffix)."""
    return Path(path).suffix.lower() in EXPORT_SUFFIXES


def _refuse(shown: str, message: str, hint: str) -> InputProblems:
    return InputProblems([Diagnostic(location=SourceLocation(path=shown), message=message, hint=hint)])


def read_export(path: str | Path) -> ExportTable:
    """Read a .csv (UTF-8, comma, semicolon or tab separated) or .xlsx export; raises ``InputProblems``."""
    shown = str(path)
    suffix = Path(path).suffix.lower()
    if suffix == ".csv":
        return _read_csv(path, shown)
    if suffix == ".xlsx":
        return _read_xlsx(path, shown)
    raise _refuse(shown, f"coscore cannot read '{suffix or 'this'}' files as a survey export", "save or download the responses as .csv or .xlsx")


def _read_csv(path: str | Path, shown: str) -> ExportTable:
    import csv
    import io

    from coscore.io.files import read_text

    text = read_text(path)
    first_line = text.split("\n", 1)[0]
    # Spreadsheets set to a European locale save CSV with semicolons; some tools export tabs.
    delimiter = max((",", ";", "\t"), key=first_line.count)
    rows = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        for row in reader:
            rows.append(tuple(cell.strip() for cell in row))
    except csv.Error as exc:
        raise InputProblems(
            [Diagnostic(location=SourceLocation(path=shown, line=reader.line_num or 1), message=f"this is not readable CSV ({exc})", hint="check the quotes on this line, or export the file again")]
        ) from None
    return ExportTable(path=shown, rows=tuple(rows))


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return " ".join(str(value).split(" ")).strip()


def _read_xlsx(path: str | Path, shown: str) -> ExportTable:
    import zipfile

    from coscore.io.files import input_size_limit

    target = Path(path)
    if target.is_dir():
        raise _refuse(shown, "this is a folder, not a file", "give the path of the .xlsx file")
    if not target.is_file():
        raise _refuse(shown, "no such file", "check the spelling and the folder you are in")
    limit = input_size_limit()
    if os.path.getsize(target) > limit:
        raise _refuse(shown, f"the file is too large to read (the limit is {limit:,} bytes)", "raise the limit in bytes with the COSCORE_MAX_BYTES environment variable")
    try:
        import openpyxl
    except ImportError:
        raise _refuse(shown, "reading .xlsx files needs the openpyxl package", "install it with 'pip install openpyxl', or save the export as .csv") from None
    try:
        workbook = openpyxl.load_workbook(target, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, EOFError, NotImplementedError) as exc:  # NotImplementedError: a zip "version" Python cannot read
        raise _refuse(shown, f"this is not a readable Excel .xlsx file ({type(exc).__name__})", "download the export again, or save it as .csv") from None
    try:
        sheet = workbook.worksheets[0]
        rows = [tuple(_cell_text(v) for v in row) for row in sheet.iter_rows(values_only=True)]
    finally:
        workbook.close()
    # read-only sheets can report trailing empty rows; they are not answers
    while rows and not any(rows[-1]):
        rows.pop()
    return ExportTable(path=shown, rows=tuple(rows))


def write_files(folder: str | Path, texts: dict[str, str], *, force: bool = False, protect: tuple[str | Path, ...] = (), what: str = "file") -> list[str]:
    """Write each ``{file name: text}`` into ``folder`` (made if missing), each atomically.

    Refuses, before writing anything, when ``folder`` is a file, or any target
    exists and ``force`` is off; returns the paths written.
    """
    from coscore.io.files import refuse_existing, write_atomic

    target_folder = Path(folder)
    if target_folder.exists() and not target_folder.is_dir():
        raise InputProblems([Diagnostic(location=SourceLocation(path=str(folder)), message="this is a file, not a folder", hint="give --output-dir a folder name", code="usage")])
    targets = {target_folder / name: text for name, text in texts.items()}
    problems: list[Diagnostic] = []
    for target in targets:
        try:
            refuse_existing(target, force=force, what=what)
        except InputProblems as exc:
            problems += exc.diagnostics
    if problems:
        raise InputProblems(problems)
    target_folder.mkdir(parents=True, exist_ok=True)
    for target, text in targets.items():
        write_atomic(target, text, protect=protect)
    return [str(t) for t in targets]
