"""The file descriptors the run owns, checked after every plugin call.

A plugin that closes descriptors it does not own (``os.close(1)``, ``os.closerange(3,
…)`` as a daemonizing library does) would take away the run's standard streams, the
report it is writing, the private copy of standard output that ``-o -`` writes to, or a
worker's pipes to its parent — and the next file the run opens would take the number, so
that what was meant for the report or standard error landed in an output. So the
descriptors that live across plugin calls are registered here with the file they hold
(device and inode), and :func:`check` runs after every plugin call
(:func:`~convert_core.plugins.plugin_call`): standard input, output and error found
closed are opened on ``/dev/null`` at once (no file takes their number), a registered
descriptor closed or holding another file is marked lost — never written to, closed or
renamed into place by the run (:func:`holds`) — and the plugin call fails naming the plugin and what it
closed. A worker that lost its pipes says so on standard error and ends: its page runs
again alone and fails, never counted as converted.
"""

from __future__ import annotations

import contextlib
import os
import threading
from dataclasses import dataclass


@dataclass
class _Owned:
    what: str
    ident: tuple[int, int]
    fatal: bool = False  # the process cannot go on without it (a worker's pipe)


_owned: dict[int, _Owned] = {}
_lock = threading.Lock()
#: Exit status of a worker whose pipes a plugin closed (it cannot send its results).
EXIT_LOST_PIPES = 70

Ident = tuple[int, int]


def _ident(fd: int) -> Ident | None:
    try:
        info = os.fstat(fd)
    except OSError:
        return None
    return (info.st_dev, info.st_ino)


def own(fd: int, what: str, *, fatal: bool = False) -> Ident | None:
    """Register ``fd`` (holding what ``what`` says) as the run's own; the file it holds,
    which :func:`holds` checks before each use (numbers are reused: a closed descriptor's
    number soon holds another file)."""
    ident = _ident(fd)
    if ident is not None:
        with _lock:
            _owned[fd] = _Owned(what, ident, fatal)
    return ident


def forget_inherited() -> None:
    """In a new worker process: forget the parent's descriptors (its report, its copy of
    standard output: not the worker's to use), keep the copies of standard streams."""
    with _lock:
        copies = set(_copies.values())
        for fd in [fd for fd in _owned if fd not in copies]:
            del _owned[fd]


def holds(fd: int, ident: Ident | None) -> bool:
    """Whether ``fd`` still holds the file ``ident`` (not closed by a plugin, its number
    not taken by another file since)."""
    return fd >= 0 and ident is not None and _ident(fd) == ident


def release(fd: int, ident: Ident | None) -> bool:
    """Forget ``fd`` before the run closes it; whether it is still the run's to close
    (``False``: a plugin closed it, and the number may now be another file's)."""
    with _lock:
        owned = _owned.get(fd)
        if owned is not None and owned.ident == ident:
            del _owned[fd]
    return holds(fd, ident)


_STANDARD = {0: "standard input", 1: "standard output", 2: "standard error"}
#: A copy of each file seen as a standard descriptor at a plugin call's start, by its
#: (device, inode): what a plugin closed or replaced there is put back from it.
_copies: dict[Ident, int] = {}


def standard() -> tuple[Ident | None, ...]:
    """Before a plugin call: the files of standard input, output and error, each kept in
    a copy of the run's own (made once per file) to put it back from."""
    idents = tuple(_ident(fd) for fd in _STANDARD)
    for fd, ident in zip(_STANDARD, idents):
        if ident is None or holds(_copies.get(ident, -1), ident):
            continue
        try:
            copy = os.dup(fd)  # not inheritable: a child process gets no copy
        except OSError:
            continue  # out of descriptors: a closed one is put on /dev/null instead
        _copies[ident] = copy
        own(copy, f"a copy of {_STANDARD[fd]}")
    return idents


def _put_back(fd: int, ident: Ident | None) -> bool:
    """Put standard descriptor ``fd`` back on the file ``ident`` it held before a plugin
    call (else, when closed, on ``/dev/null``, so that no file takes its number); whether
    it had been closed or replaced."""
    now = _ident(fd)
    if now == ident:
        return False
    copy = _copies.get(ident, -1) if ident is not None else -1
    if holds(copy, ident):
        os.dup2(copy, fd)
        return True
    if now is not None:
        return True  # replaced, and no copy to put back: left as the plugin made it
    try:
        null = os.open(os.devnull, os.O_RDWR)
    except OSError:
        return True
    if null != fd:
        os.dup2(null, fd)
        os.close(null)
    return True


def _listed(closed: dict[str, list[int]]) -> str:
    """``standard error (2), the report's temporary file (6), 14 × a pipe to the parent
    process (3, 4, 5, …)``: one short line however many."""
    parts = []
    for what, numbers in closed.items():
        shown = ", ".join(map(str, numbers[:3])) + (", …" if len(numbers) > 3 else "")
        parts.append(f"{what} ({shown})" if len(numbers) == 1 else f"{len(numbers)} × {what} ({shown})")
    return "; ".join(parts)


def check(label: str, before: tuple[Ident | None, ...]) -> str | None:
    """After a plugin call (``label`` names it; ``before`` from :func:`standard`): put
    standard descriptors it closed or replaced back, mark the run's descriptors it closed
    or replaced as lost; one line naming what it closed, or ``None``. A worker that lost
    its pipes ends here."""
    fatal = False
    closed: dict[str, list[int]] = {}
    for fd, name in _STANDARD.items():
        if _put_back(fd, before[fd]):
            closed.setdefault(name, []).append(fd)
    with _lock:
        for fd, owned in sorted(_owned.items()):
            if _ident(fd) != owned.ident:
                del _owned[fd]
                closed.setdefault(owned.what, []).append(fd)
                fatal = fatal or owned.fatal
    if not closed:
        return None
    message = f"{label} closed file descriptors it does not own: {_listed(closed)}"
    if fatal:
        from .plugins import real_exit
        from .terminal import printable

        if _ident(2) is not None:
            line = f"convert: error: {printable(message)}; this worker process cannot go on\n"
            with contextlib.suppress(OSError):
                os.write(2, line.encode("utf-8", "backslashreplace"))
        real_exit(EXIT_LOST_PIPES)
    return message
