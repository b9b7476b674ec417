"""Standard output, kept for the data the command prints (``-o -``, ``inspect``, help).

While the command runs, file descriptor 1 points at standard error: whatever a plugin
prints (``print``, ``os.write(1, …)``, a child process it starts) lands among the
messages, never inside a JSON or XML document on standard output. The real standard
output is a private duplicate, written only through :func:`write`; a closed standard
output, a full disk (``>/dev/full``) or a reader that went away (broken pipe) is an
:class:`~convert_core.errors.OutputError`, never a silent success.

Standard input, output or error closed when the command starts (``<&-``, ``>&-``) are
opened on ``/dev/null`` first, so that no file the command opens later takes their number
and receives what was meant for them.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sys
from collections.abc import Iterator

from . import descriptors
from .errors import OutputError

_data_fd: int | None = None
_data_file: tuple[int, int] | None = None  # the file it holds (:func:`descriptors.holds`)
_closed_at_start: set[int] = set()


def _is_open(fd: int) -> bool:
    try:
        os.fstat(fd)
    except OSError:
        return False
    return True


def _occupy_closed() -> None:
    """Open ``/dev/null`` on each of the standard descriptors closed at the start; standard
    error closed, Python's ``sys.stderr`` is ``None``: it writes there too, so that every
    message goes nowhere rather than failing the run (``'NoneType' object has no attribute
    'isatty'``, an internal error of every batch run with ``2>&-``)."""
    for fd in (0, 1, 2):
        if not _is_open(fd):
            _closed_at_start.add(fd)
            null = os.open(os.devnull, os.O_RDWR)
            if null != fd:
                os.dup2(null, fd)
                os.close(null)
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w", encoding="utf-8", errors="backslashreplace")  # noqa: SIM115


@contextlib.contextmanager
def reserved() -> Iterator[None]:
    """Keep standard output for :func:`write` while the block runs (see the module)."""
    global _data_fd, _data_file
    _occupy_closed()
    if 1 in _closed_at_start or (sys.stdout is not None and sys.stdout is not sys.__stdout__):
        yield  # closed, or redirected inside this process (a caller capturing it): left alone
        return
    with contextlib.suppress(Exception):
        if sys.stdout is not None:
            sys.stdout.flush()
    _data_fd = os.dup(1)
    _data_file = descriptors.own(_data_fd, "the private copy of standard output")
    # (standard error closed at the start is /dev/null now: a plugin's prints go nowhere —
    # they went to the private copy, into the data of -o -)
    os.dup2(2, 1)
    try:
        yield
    finally:
        with contextlib.suppress(Exception):  # a plugin's buffered prints go to standard error
            if sys.stdout is not None:
                sys.stdout.flush()
        fd, _data_fd = _data_fd, None
        if descriptors.release(fd, _data_file):  # a plugin closed it: its number may be another file's now
            os.dup2(fd, 1)
            os.close(fd)


def isatty() -> bool:
    """Whether standard output (the data's, while reserved) is a terminal."""
    fd = _data_fd if _data_fd is not None else 1
    if 1 in _closed_at_start:
        return False
    if _data_fd is None and sys.stdout is not None and sys.stdout is not sys.__stdout__:
        return bool(getattr(sys.stdout, "isatty", lambda: False)())  # redirected inside this process
    try:
        return os.isatty(fd)
    except OSError:
        return False


def write(data: bytes | str) -> None:
    """Write ``data`` (text as UTF-8) to standard output, all of it."""
    if isinstance(data, str):
        data = data.encode("utf-8", "backslashreplace")
    fd = _data_fd
    if fd is None:
        if 1 in _closed_at_start or sys.stdout is None:
            raise OutputError("cannot write to standard output: it is closed")
        if sys.stdout is not sys.__stdout__:  # redirected inside this process
            try:
                target = getattr(sys.stdout, "buffer", None)
                if target is not None:
                    target.write(data)
                else:
                    sys.stdout.write(data.decode("utf-8"))
                sys.stdout.flush()
            except (OSError, ValueError) as exc:
                raise OutputError(f"cannot write to standard output: {exc}") from None
            return
        fd = 1  # not reserved: write straight to it
        with contextlib.suppress(Exception):
            sys.stdout.flush()
    if fd == _data_fd and not descriptors.holds(fd, _data_file):
        raise OutputError("cannot write to standard output: its file descriptor was taken away (closed by a plugin)")
    view = memoryview(data)
    try:
        while view:
            view = view[os.write(fd, view) :]
    except OSError as exc:
        if exc.errno == errno.EPIPE:
            raise OutputError("cannot write to standard output: the reading end was closed (broken pipe)") from None
        raise OutputError(f"cannot write to standard output: {exc.strerror or exc}") from None


def release_stdin() -> None:
    """Point standard input (file descriptor 0) at ``/dev/null`` once the run has read
    what it needs from it (a page given as ``-``), or when it needs nothing: plugin code,
    and the processes it starts, then read nothing, never waiting on the caller's
    terminal or a pipe it keeps open (a supervisor, ``ssh``, a CI runner)."""
    try:
        null = os.open(os.devnull, os.O_RDONLY)
    except OSError:
        return
    try:
        os.dup2(null, 0)
    except OSError:
        pass
    finally:
        os.close(null)
