"""Files: read one text file safely, write one atomically, and the one rule for walking folders.

Everything that opens, lists or writes a file goes through here; every way a
file can be unusable becomes an ``InputProblems`` with a located diagnostic.
"""

from __future__ import annotations

import os
from pathlib import Path

from coscore.errors import Diagnostic, InputProblems, SourceLocation

MAX_INPUT_BYTES = 5 * 1024 * 1024
# Set COSCORE_MAX_BYTES to change the largest file any command will read (in bytes).
MAX_BYTES_VARIABLE = "COSCORE_MAX_BYTES"

def input_size_limit() -> int:
    """The largest input file in bytes: ``COSCORE_MAX_BYTES`` if set, else ``MAX_INPUT_BYTES``."""
    raw = os.environ.get(MAX_BYTES_VARIABLE, "").strip().replace("_", "")
    if not raw:
        return MAX_INPUT_BYTES
    if not raw.isdigit() or int(raw) < 1:
        raise InputProblems(
            [
                Diagnostic(
                    location=SourceLocation(path=f"${MAX_BYTES_VARIABLE}"),
                    message=f"{MAX_BYTES_VARIABLE} must be a whole number of bytes, got {raw[:40]!r}",
                    hint=f"for example {MAX_BYTES_VARIABLE}=10000000, or unset it to use the default of {MAX_INPUT_BYTES:,}",
                    code="usage",
                )
            ]
        )
    return int(raw)


def read_text(path: str | Path, *, max_bytes: int | None = None, remember: bool = True) -> str:
    """Read a UTF-8 text file, turning every way it can fail into a diagnostic.

    Refuses what ``read_bytes`` refuses, and bytes that are not UTF-8.
    """
    return decode_utf8(read_bytes(path, max_bytes=max_bytes, remember=remember), str(path))


def read_bytes(path: str | Path, *, max_bytes: int | None = None, remember: bool = True) -> bytes:
    """Read a file's bytes, turning every way it can fail into a diagnostic.

    Refuses folders, missing files, broken or looping links, devices, pipes and
    sockets (which could block for ever) and files over the size limit. Never
    reads more than the limit plus one byte, and never writes to the file.
    ``remember``: record the file as an input of this run, so that nothing the run
    writes may replace it (off only for looking at an output's destination).
    """
    import errno
    import stat

    limit = input_size_limit() if max_bytes is None else max_bytes
    shown = str(path)
    where = SourceLocation(path=shown)

    def refuse(message: str, hint: str) -> InputProblems:
        return InputProblems([Diagnostic(location=where, message=message, hint=hint)])

    too_large_hint = f"split it up, or raise the limit in bytes with the {MAX_BYTES_VARIABLE} environment variable"
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        # Opening without blocking and checking the opened file (not the name) means a
        # pipe with no writer cannot hang us and the file cannot be swapped in between.
        fd = os.open(path, flags)
    except IsADirectoryError:
        raise refuse("this is a folder, not a file", "give the path of a file inside it") from None
    except FileNotFoundError:
        hint = "check the spelling and the folder you are in"
        if os.path.islink(path):
            hint = "it is a link to a file that no longer exists"
        raise refuse("no such file", hint) from None
    except PermissionError:
        raise refuse("coscore is not allowed to read this file", "check the file's permissions") from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise refuse("this is a link that points back at itself", "make the link point at a real file") from None
        if exc.errno == errno.ENOTDIR:
            raise refuse("no such file (part of the path is a file, not a folder)", "check the path") from None
        if exc.errno in (errno.ENXIO, errno.ENODEV, errno.EOPNOTSUPP):  # a socket, or a device with nothing behind it
            raise refuse("this is not an ordinary file (it is a device, pipe or socket)", "save the text to a file and give that file's path") from None
        if exc.errno == errno.ENAMETOOLONG:
            raise refuse("the file name is too long for the file system", "use a shorter name (at most 255 bytes for each part of the path)") from None
        raise refuse(f"the file could not be opened: {exc.strerror or exc}", "check the path") from None
    except (ValueError, TypeError) as exc:  # a NUL byte or other impossible character in the name
        raise refuse(f"this is not a usable file name ({exc})", "check the path") from None
    try:
        info = os.fstat(fd)
        from coscore.io.writer import remember_read

        if remember:
            remember_read(shown, info)  # so that nothing this run writes can replace it
        if stat.S_ISDIR(info.st_mode):
            raise refuse("this is a folder, not a file", "give the path of a file inside it")
        if not stat.S_ISREG(info.st_mode):
            raise refuse("this is not an ordinary file (it is a device, pipe or socket)", "save the text to a file and give that file's path")
        if info.st_size > limit:
            raise refuse(f"the file is too large to read ({info.st_size:,} bytes; the limit is {limit:,})", too_large_hint)
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        from coscore.io.limits import read_at_most

        data = read_at_most(fd, limit + 1)  # one byte over the limit shows the file is too large
    except PermissionError:
        raise refuse("coscore is not allowed to read this file", "check the file's permissions") from None
    except OSError as exc:
        raise refuse(f"the file could not be read: {exc.strerror or exc}", "check the path") from None
    finally:
        os.close(fd)
    if len(data) > limit:  # it grew while we read it
        raise refuse(f"the file is too large to read (the limit is {limit:,} bytes)", too_large_hint)
    return data


def decode_utf8(data: bytes, shown: str) -> str:
    """Decode UTF-8 (with or without a byte order mark) or explain where it is not UTF-8."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputProblems(
            [Diagnostic(location=SourceLocation(path=shown), message="the file is saved as UTF-16, not UTF-8", hint="save it as UTF-8 in your editor, usually under 'Save As' or 'Encoding'")]
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        from coscore.io.yamlio import position_of

        before = data[: exc.start].decode("utf-8").removeprefix("\ufeff")
        line, col = position_of(before, len(before))
        raise InputProblems(
            [
                Diagnostic(
                    location=SourceLocation(path=shown, line=line, column=col),
                    message=f"the file is not UTF-8 text (byte 0x{data[exc.start]:02x} here)",
                    hint="save it as UTF-8 in your editor, usually under 'Save As' or 'Encoding'",
                )
            ]
        ) from None
    return text.removeprefix("\ufeff")


def write_atomic(path: str | Path, text: str, *, protect: tuple[str | Path, ...] = (), unchanged_since: str | None = None) -> None:
    """Write ``text`` to ``path`` atomically, refusing any file this run read (see ``coscore.io.writer``).

    ``protect``: further paths named as inputs (files named on the command line that were skipped).
    ``unchanged_since`` (the text read earlier, for ``lint --fix``): the one input this write
    may replace, and only if it still holds exactly that text just before the rename.
    """
    from coscore.io.writer import write_text

    write_text(path, text, inputs=protect, unchanged_since=unchanged_since)


def check_destination(path: str | Path, *, protect: tuple[str | Path, ...] = ()) -> None:
    """Raise ``InputProblems`` now if ``path`` could not be written (checked before a command writes anything)."""
    from coscore.io.writer import check_destination as check

    check(path, inputs=protect)


def is_baseline_file(path: str | Path) -> bool:
    """Whether ``path`` is missing, or is a coscore baseline file (which a new baseline may replace)."""
    import json

    if not os.path.lexists(path):
        return True
    try:
        data = json.loads(read_text(path, remember=False))
    except (InputProblems, ValueError, RecursionError, OSError):
        return False
    return isinstance(data, dict) and data.get("coscore_baseline") == 1


def was_read(path: str | Path) -> bool:
    """Whether this run has already read the file at ``path`` (and so no output may replace it)."""
    from coscore.io.writer import was_read as known

    return known(path)


def append_text(path: str | Path, text: str) -> None:
    """Add ``text`` to the end of a file (GitHub's step summary), atomically and with the same refusals."""
    from coscore.io.writer import write_text

    write_text(path, text, append=True)


# --- Folders: which files a folder stands for -------------------------------------------

# Folders no command enters when it walks a folder (see ``walk_files``; hidden folders are skipped as well).
SKIPPED_FOLDERS = frozenset({".git", ".hg", ".svn", "node_modules", ".venv", "venv", "__pycache__", ".tox", ".nox", ".mypy_cache", ".pytest_cache", "build", "dist"})
DOCUMENT_SUFFIXES = (".md", ".markdown")
# What `coscore lint` reads, by file name ending; any other file named on its command line is read as Markdown.
LINT_DOCUMENT_KINDS = {".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html", ".docx": "word", ".pdf": "pdf"}
_PROJECT_MARKER = None  # compiled lazily: a top-level "coscore:" line marks a project file


def glob_regex(pattern: str):
    """A compiled regex for a repository glob: ``*`` within a folder, ``**`` across folders.

    A pattern without a ``/`` matches the file name in any folder, as in .gitignore.
    """
    import re

    pattern = pattern.strip().lstrip("./") if pattern.startswith("./") else pattern.strip()
    out, i = "", 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out, i = out + "(?:.*/)?", i + 3
        elif pattern.startswith("**", i):
            out, i = out + ".*", i + 2
        elif pattern[i] == "*":
            out, i = out + "[^/]*", i + 1
        elif pattern[i] == "?":
            out, i = out + "[^/]", i + 1
        else:
            out, i = out + re.escape(pattern[i]), i + 1
    if "/" not in pattern.rstrip("/"):
        out = "(?:.*/)?" + out
    return re.compile(out.rstrip("/") + r"(?:/.*)?\Z" if pattern.endswith("/") else out + r"\Z")


def matches_any(relative: str, patterns: list) -> bool:
    """Whether ``relative`` (a slash-separated path) matches any compiled glob in ``patterns``."""
    return any(p.match(relative) for p in patterns)


def excluded(relative: str, patterns: list) -> bool:
    """Excluded if the file, or any folder it sits in, matches an exclude glob."""
    parts = relative.split("/")
    return any(matches_any("/".join(parts[:n]), patterns) for n in range(1, len(parts) + 1))


def relative_to(path: Path, root: Path) -> str | None:
    """``path`` relative to ``root`` with slashes, or None when it lies outside ``root``."""
    try:
        # realpath never raises: a link loop or a name too long just stays as written
        return Path(os.path.realpath(path)).relative_to(root).as_posix()
    except (ValueError, OSError):
        return None


def looks_like_project(path: Path, texts: dict[str, str] | None = None) -> bool:
    """Cheap test used to skip other YAML files (CI workflows, tool settings) passed by pre-commit.

    ``texts``: if given, the text read is kept there under ``str(path)``, so the file is not read again.
    """
    import re

    global _PROJECT_MARKER
    if _PROJECT_MARKER is None:
        _PROJECT_MARKER = re.compile(r"^coscore\s*:", re.MULTILINE)
    try:
        text = read_text(path)  # never blocks on a pipe: it refuses anything but an ordinary file
    except InputProblems:
        return True  # let load_project report why it cannot be read
    if texts is not None:
        texts[str(path)] = text
    # an empty file is kept too, so that the check says it is empty instead of skipping it
    return not text.strip() or bool(_PROJECT_MARKER.search(text))


def walk_files(folder: str | Path, suffixes: tuple[str, ...], *, recursive: bool = True):
    """Every file under ``folder`` whose name ends in one of ``suffixes``, folder by folder in name order.

    The one folder rule, used by every command that is given a folder or walks one
    (`check`, `lint`, `portfolio`, `score --responses`, `responses`):

    - folders in ``SKIPPED_FOLDERS`` (.git and other version control, node_modules,
      virtual environments, build and dist output, tool caches) and hidden folders
      (a name starting with ``.``) are never entered;
    - hidden files are left out;
    - a link to a folder is not entered (no loops), but one whose name has a wanted
      ending is yielded, so that reading it says it is a folder.

    ``recursive=False`` lists only the files directly inside ``folder``.
    """
    for current, subfolders, files in os.walk(folder):
        subfolders[:] = sorted(d for d in subfolders if d not in SKIPPED_FOLDERS and not d.startswith(".")) if recursive else []
        # os.walk lists links to folders as folders without entering them (no loops); a link
        # to a folder named *.yaml is left to the reader, which says it is a folder
        names = files + [d for d in subfolders if os.path.islink(os.path.join(current, d))]
        for name in sorted(names):
            if name.lower().endswith(suffixes) and not name.startswith("."):
                yield Path(current) / name


# These never raise: a name too long for the file system, a link loop or an impossible
# character just means "not there", and reading the path then says exactly why.
def is_folder(path: str | Path) -> bool:
    """Whether ``path`` is an existing folder."""
    try:
        return os.path.isdir(path)
    except (OSError, ValueError):
        return False


def is_file(path: str | Path) -> bool:
    """Whether ``path`` is an existing ordinary file."""
    try:
        return os.path.isfile(path)
    except (OSError, ValueError):
        return False


def exists(path: str | Path) -> bool:
    """Whether anything exists at ``path`` (a broken link counts)."""
    try:
        return os.path.lexists(path)
    except (OSError, ValueError):
        return False


def repository_root(start: str | Path) -> Path | None:
    """The nearest folder at or above ``start`` that holds ``.git`` (a git repository's top), or None."""
    folder = Path(os.path.realpath(start))
    for candidate in (folder, *folder.parents):
        if os.path.lexists(candidate / ".git"):
            return candidate
    return None


def inside(path: str | Path, folder: str | Path) -> bool:
    """Whether ``path``, with every link followed, lies in ``folder`` (also with links followed)."""
    try:
        Path(os.path.realpath(path)).relative_to(os.path.realpath(folder))
    except (ValueError, OSError):
        return False
    return True


def shown_path(path: Path, cwd: Path) -> str:
    """The path as people will type it: relative to where they are, even if that means '../'.

    The last part is never resolved: a link is shown under its own name, not its target's.
    """
    try:
        folder = os.path.realpath(os.path.dirname(os.path.abspath(path)))
        return Path(os.path.relpath(os.path.join(folder, os.path.basename(path)), os.path.realpath(cwd))).as_posix()
    except (ValueError, OSError):  # another drive on Windows
        return str(path)


def read_json(path: str | Path, *, what: str, hint: str, code: str):
    """Parse a JSON file; a syntax error becomes a diagnostic at its line and column."""
    import json

    text = read_text(path)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputProblems(
            [Diagnostic(location=SourceLocation(path=str(path), line=exc.lineno, column=exc.colno), message=f"{what} is not valid JSON: {exc.msg}", hint=hint, code=code)]
        ) from None
    except (RecursionError, ValueError) as exc:  # nested too deeply, or a number too long to convert
        reason = "it is nested too deeply" if isinstance(exc, RecursionError) else "it holds a number too long to read"
        raise InputProblems([Diagnostic(location=SourceLocation(path=str(path)), message=f"{what} could not be read: {reason}", hint=hint, code=code)]) from None
    from coscore.safe_text import has_surrogate

    if has_surrogate(json.dumps(data, ensure_ascii=False)):
        import re

        from coscore.io.yamlio import position_of

        # the first \uD800-\uDFFF escape that is not half of a proper pair
        lone = re.search(r"\\u[dD][89abAB][0-9a-fA-F]{2}(?!\\u[dD][c-fC-F][0-9a-fA-F]{2})|(?<![0-9a-fA-F]{4})\\u[dD][c-fC-F][0-9a-fA-F]{2}", text)
        line, column = position_of(text, lone.start()) if lone else (1, 1)
        raise InputProblems(
            [Diagnostic(location=SourceLocation(path=str(path), line=line, column=column), message=f"{what} holds a lone surrogate (an escape such as \\ud800), which is not a character", hint=hint, code=code)]
        )
    return data


def real_path(path: str | Path) -> str:
    """The path with links and '..' resolved, as a key for "the same file" (never raises)."""
    try:
        return os.path.realpath(path)
    except (OSError, ValueError):
        return str(path)


def same_file(a, b) -> bool:
    """Whether ``a`` (a path string, or anything else) and ``b`` name the same file."""
    if not isinstance(a, str):
        return False
    try:
        return Path(a).resolve() == Path(b).resolve()
    except (OSError, RuntimeError, ValueError):  # a name too long, a link loop, a NUL byte
        return a == b


YAML_SUFFIXES = (".yaml", ".yml")


def expand_paths(paths: list[str] | tuple[str, ...], suffixes: tuple[str, ...] = YAML_SUFFIXES) -> list[str]:
    """Files as given; a folder stands for the files with one of ``suffixes`` directly inside it (``walk_files``), sorted."""
    out: list[str] = []
    for given in paths:
        if is_folder(given):
            out.extend(str(child) for child in walk_files(given, suffixes, recursive=False))
        else:
            out.append(str(given))
    return out


def expand_documents(paths) -> tuple[list[str], list[Diagnostic]]:
    """Files as given; folders become the documents `coscore lint` reads inside them (hidden folders skipped)."""
    files: list[str] = []
    problems: list[Diagnostic] = []
    for path in paths:
        if is_folder(path):
            # every entry but a folder, so that a link to nothing is reported, not passed over
            found = [
                str(f)
                for f in walk_files(path, tuple(LINT_DOCUMENT_KINDS))
                # a browser's "Page_files" folder beside "Page.html" holds the page's adverts and scripts
                if not any(saved_page_assets(Path(path) / folder) for folder in f.relative_to(path).parents if folder.name)
            ]
            if not found:
                problems.append(Diagnostic(location=SourceLocation(path=str(path)), message="this folder holds no documents to lint (.md, .html, .htm, .docx or .pdf files)", hint="give the path of a document or of a folder that has some", code="usage"))
            files.extend(found)
        else:
            files.append(str(path))
    return files, problems


def saved_page_assets(folder: Path) -> bool:
    """Whether a folder holds the pictures and scripts a browser saved with a page ('Page_files' beside 'Page.html')."""
    if not folder.name.endswith("_files"):
        return False
    stem = folder.name[: -len("_files")]
    return any((folder.parent / f"{stem}{suffix}").is_file() for suffix in (".html", ".htm"))


def refuse_existing(path: str | Path, *, force: bool, what: str = "file") -> None:
    """Raise ``InputProblems`` if ``path`` already exists (a link counts) and ``force`` is off.

    A folder is refused even with ``force``: coscore never replaces a folder with a file.
    """
    where = SourceLocation(path=str(path))
    if len(os.fsencode(os.path.basename(str(path)))) > 255:
        raise InputProblems([Diagnostic(location=where, message="the file name is too long for the file system", hint="use a shorter name (at most 255 bytes for each part of the path)", code="output")])
    if is_folder(path):
        raise InputProblems([Diagnostic(location=where, message=f"this is a folder; the {what} needs a file name", hint="give a path ending in a file name", code="usage")])
    if exists(path) and not force:
        raise InputProblems(
            [Diagnostic(location=where, message=f"the {what} already exists, so coscore left it alone", hint="choose another path, or add --force to replace it", code="usage")]
        )


def same_text(path: Path, text: str) -> bool:
    """Whether ``path`` is a readable file that already holds exactly ``text``."""
    try:
        return is_file(path) and read_text(path, remember=False) == text
    except InputProblems:
        return False


def is_json_schema(path: Path) -> bool:
    """Whether ``path`` holds a JSON Schema document (an older `coscore schema` output)."""
    import json

    try:
        data = json.loads(read_text(path, remember=False))
    except (InputProblems, ValueError, RecursionError):
        return False
    return isinstance(data, dict) and "json-schema.org" in str(data.get("$schema", ""))


