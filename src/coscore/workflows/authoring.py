"""`coscore init` and `coscore schema`: check a new file completely, then write it atomically."""

from __future__ import annotations

from pathlib import Path

from coscore.errors import Diagnostic, InputProblems, SourceLocation
from coscore.io.files import check_destination, is_file, is_json_schema, refuse_existing, same_text, write_atomic


def write_schema_file(path: str | Path, text: str, *, force: bool, replace_schema: bool) -> bool:
    """Write a JSON Schema file atomically; return False when it already holds ``text``.

    An existing file with different content is replaced only with ``force``, or,
    when ``replace_schema`` is set, if it is itself a JSON Schema (an older
    ``coscore schema`` output). Anything else is refused with a diagnostic.
    """
    target = Path(path)
    if same_text(target, text):
        return False
    if replace_schema and not force and is_file(target) and not is_json_schema(target):
        raise InputProblems(
            [
                Diagnostic(
                    location=SourceLocation(path=str(path)),
                    message="this file already exists and is not a JSON Schema, so coscore left it alone",
                    hint="choose another path, or add --force to replace it",
                    code="usage",
                )
            ]
        )
    if not (replace_schema and is_file(target)):
        refuse_existing(target, force=force, what="schema file")
    write_atomic(target, text)
    return True


def create_project_file(path: str | Path, text: str, *, force: bool, schema_path: str | Path | None = None, schema_text: str = "") -> list[str]:
    """Check and write a new project file (and its schema file); return the paths written.

    ``text`` must be a valid project file: it is parsed and validated exactly as
    ``load_project`` would, before anything is written. Nothing is written unless
    every check passes, and each file is written atomically.
    """
    from coscore.io.loaders import project_from_text

    refuse_existing(path, force=force, what="project file")
    project_from_text(text, str(path))  # parsed and checked exactly as a project file is read
    # both destinations are checked before either is written: nothing, or both
    check_destination(path)
    if schema_path is not None and not same_text(Path(schema_path), schema_text):
        check_destination(schema_path)
    written: list[str] = []
    if schema_path is not None:
        schema_target = Path(schema_path)
        if not same_text(schema_target, schema_text):
            refuse_existing(schema_target, force=force, what="schema file")
            write_atomic(schema_target, schema_text)
            written.append(str(schema_path))
    write_atomic(path, text)
    written.insert(0, str(path))
    return written

