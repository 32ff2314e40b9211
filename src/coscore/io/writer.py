"""The one way coscore writes a file: checked, atomic, and never over a file it read.

Every command that writes (``--output``, baselines, ``init``, ``schema``, response
templates, the GitHub step summary) calls ``write_text``. It refuses, with a
located diagnostic (exit code 2 at the command line):

- a destination that is, or resolves to, a file this run read (``read_text``
  records each file it opens, by device and inode, so a link or a hard link to
  an input is caught too) or a path the caller names as an input;
- a folder, a device, a named pipe or a socket (``-`` for standard output is the
  command line's business, never a file called ``-``);
- a link to nothing, a link loop, a missing folder, a name too long.

It writes to a temporary file in the same folder and renames it over the
destination, so readers see the old file or the new one, never half of each. The
temporary file is removed on every failure it can catch, including Ctrl-C and
SIGTERM or SIGHUP during the write. A new file gets ``0o666 & ~umask``; a replaced
file keeps its mode. A link to an ordinary file that is not an input is written
through (the link stays a link).
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from coscore.errors import Diagnostic, InputProblems, SourceLocation

# Files read in this run: (device, inode) -> the path as the user wrote it.
_READ: dict[tuple[int, int], str] = {}


def remember_read(shown: str, info: os.stat_result) -> None:
    """Record that this run read a file (called by ``read_text`` with the opened file's stat)."""
    _READ.setdefault((info.st_dev, info.st_ino), shown)


def forget_reads() -> None:
    """Start a new run (the command line calls this before each command)."""
    _READ.clear()


def files_read() -> tuple[str, ...]:
    """The files this run has read, as the user wrote each path."""
    return tuple(_READ.values())


def was_read(path: str | Path) -> bool:
    """Whether this run has already read the file at ``path`` (by device and inode; never raises)."""
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return False
    return (info.st_dev, info.st_ino) in _READ


def _refuse(destination: str, message: str, hint: str) -> InputProblems:
    return InputProblems([Diagnostic(location=SourceLocation(path=str(destination)), message=message, hint=hint, code="output")])


def _os_problem(destination: str, exc: OSError, doing: str) -> InputProblems:
    if exc.errno == errno.ENAMETOOLONG:
        return _refuse(destination, "the file name is too long for the file system", "use a shorter name (at most 255 bytes for each part of the path)")
    if exc.errno == errno.ELOOP:
        return _refuse(destination, "this is a link that points back at itself", "remove the link or choose another path")
    if exc.errno == errno.ENOTDIR:
        return _refuse(destination, "part of this path is a file, not a folder", "check the path")
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return _refuse(destination, f"coscore is not allowed to {doing} here ({exc.strerror})", "check the folder's permissions, or choose another path")
    return _refuse(destination, f"the file could not be {'written' if doing == 'write' else doing}: {exc.strerror or exc}", "check the path, and that the disk has space")


def _identity(path: str | Path) -> tuple[int, int] | None:
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return None
    return (info.st_dev, info.st_ino) if stat.S_ISREG(info.st_mode) else None


def check_destination(destination: str | Path, *, inputs: tuple[str | Path, ...] = (), replacing_input: bool = False) -> Path:
    """The real path to write ``destination`` to, or ``InputProblems`` saying why not.

    ``inputs``: paths named as inputs of this run besides the files it read.
    ``replacing_input``: the destination is the input being rewritten (``lint --fix``).
    """
    shown = str(destination)
    try:
        node = os.lstat(destination)
    except FileNotFoundError:
        node = None
    except (OSError, ValueError) as exc:
        if isinstance(exc, ValueError):
            raise _refuse(shown, "this is not a usable file name", "check the path") from None
        raise _os_problem(shown, exc, "write") from None
    info = node
    if node is not None and stat.S_ISLNK(node.st_mode) and _links_to_a_device(shown):
        raise _refuse(shown, "this is a link to a device or to a program's own output, so coscore will not write to it", "give a file name, or '-' to print to the screen")
    if node is not None and stat.S_ISLNK(node.st_mode):
        try:
            info = os.stat(destination)
        except FileNotFoundError:
            raise _refuse(shown, "this is a link to a file that does not exist", "remove the link, or write to another path") from None
        except OSError as exc:
            raise _os_problem(shown, exc, "write") from None
    if info is not None:
        if stat.S_ISDIR(info.st_mode):
            raise _refuse(shown, "this is a folder; coscore writes a file", "give a path ending in a file name")
        if not stat.S_ISREG(info.st_mode):
            raise _refuse(shown, "this is not an ordinary file (it is a device, pipe or socket), so coscore will not write to it", "give a file name, or '-' to print to the screen")
        read = dict(_READ)
        for other in inputs:
            identity = _identity(other)
            if identity is not None:
                read.setdefault(identity, str(other))
        which = None if replacing_input else read.get((info.st_dev, info.st_ino))
        if which is not None:
            same = "" if os.path.normpath(which) == os.path.normpath(shown) else f" ({which})"
            raise _refuse(shown, f"refusing to write over an input file: this run reads it{same}", "choose another output path")
    real = Path(os.path.realpath(destination))
    if not real.parent.is_dir():
        raise _refuse(shown, "the folder to write into does not exist", "create it first, or choose another path")
    return real


def _links_to_a_device(path: str) -> bool:
    """Whether following the link ``path`` passes through /dev or /proc (/dev/stdout, /proc/self/fd/1)."""
    current = os.path.abspath(path)
    for _ in range(40):
        if not os.path.islink(current):
            return False
        target = os.path.normpath(os.path.join(os.path.dirname(current), os.readlink(current)))
        if target.startswith(("/dev/", "/proc/")) or target in ("/dev", "/proc"):
            return True
        current = target
    return False


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


class _RemoveOnSignal:
    """While writing, SIGTERM or SIGHUP removes the temporary file before coscore stops."""

    _SIGNALS = ("SIGTERM", "SIGHUP")

    def __init__(self, temporary: str):
        self.temporary = temporary
        self.previous: dict[int, object] = {}

    def _handler(self, signum, frame):  # pragma: no cover - exercised by a subprocess test
        import signal

        _unlink(self.temporary)
        signal.signal(signum, self.previous.get(signum, signal.SIG_DFL))
        os.kill(os.getpid(), signum)

    def __enter__(self):
        import signal
        import threading

        if threading.current_thread() is threading.main_thread():
            for name in self._SIGNALS:
                number = getattr(signal, name, None)
                if number is not None:
                    self.previous[number] = signal.signal(number, self._handler)
        return self

    def __exit__(self, *exc_info):
        import signal

        for number, handler in self.previous.items():
            signal.signal(number, handler)
        return False


def _current_bytes(path: Path, most: int) -> bytes | None:
    """What an ordinary file holds now (at most ``most`` bytes), or None; never blocks on a pipe."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        from coscore.io.limits import read_at_most

        return read_at_most(fd, most)
    except OSError:
        return None
    finally:
        os.close(fd)


def _unlink(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def write_text(destination: str | Path, text: str, *, inputs: tuple[str | Path, ...] = (), append: bool = False, unchanged_since: str | None = None) -> None:
    """Write ``text`` (UTF-8; lone surrogates become U+FFFD) to ``destination``, atomically.

    ``append``: keep what the file holds and add ``text`` after it (GitHub's step
    summary); still written as a new file and renamed into place.
    ``unchanged_since``: ``destination`` is an input being rewritten (``lint --fix``) and
    is replaced only if it still holds exactly this text just before the rename.
    Raises ``InputProblems`` (located at ``destination``) when it must not or cannot write.
    """
    import tempfile

    from coscore.safe_text import encodable

    shown = str(destination)
    real = check_destination(destination, inputs=inputs, replacing_input=unchanged_since is not None)
    data = encodable(text).encode("utf-8")
    try:
        existing = os.stat(real)
    except FileNotFoundError:
        existing = None
    except OSError as exc:
        raise _os_problem(shown, exc, "write") from None
    if append and existing is not None:
        try:
            with open(real, "rb") as handle:
                data = handle.read() + data
        except OSError as exc:
            raise _os_problem(shown, exc, "read") from None
    mode = stat.S_IMODE(existing.st_mode) if existing is not None else 0o666 & ~_umask()
    try:
        fd, temporary = tempfile.mkstemp(prefix=f".{real.name[:100]}.", suffix=".tmp", dir=real.parent)
    except OSError as exc:
        raise _os_problem(shown, exc, "write") from None
    try:
        with _RemoveOnSignal(temporary):
            try:
                view = memoryview(data)
                while view:
                    view = view[os.write(fd, view) :]
                os.fsync(fd)
                os.fchmod(fd, mode)
            finally:
                os.close(fd)
            if unchanged_since is not None:
                if _current_bytes(real, len(data) + len(unchanged_since.encode("utf-8")) + 1) != unchanged_since.encode("utf-8"):
                    raise _refuse(shown, "the file changed since coscore read it, so nothing was written", "run the command again on the saved file")
            os.replace(temporary, real)
    except OSError as exc:
        _unlink(temporary)
        raise _os_problem(shown, exc, "write") from None
    except BaseException:
        _unlink(temporary)
        raise
