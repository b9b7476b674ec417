"""Which environment variables a conversion reads, so that resuming can key on them.

Like a compiler's dependency files (``gcc -MD``), not a list kept by hand: while a page is
converted or plugin code runs, every variable read through ``os.environ`` (``os.getenv``,
``in``, ``.get``, a copy) is noted. A page's resume entry keeps a keyed hash of those names
and their values (never a value or a name: a plugin may read a secret; see
:mod:`.resume` for where the key and the names are kept), and the page is converted
again when any of them has another value, or is set or unset. A variable read once and
remembered (at a plugin's import) counts for every later page of the process.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import os
from collections.abc import Iterator
from typing import Any

#: Variables that change how a run goes, never what it writes (our cache and flush settings,
#: the terminal, where temporary files go), and the shell's bookkeeping, which changes from
#: one command to the next (``OLDPWD``, ``_``): a plugin that copies the whole environment
#: (``os.environ.copy()`` for a child process) must not make every ``cd`` redo every page.
IGNORED = frozenset(
    {
        "BULLETIN_CONVERT_NO_CACHE",
        "BULLETIN_CONVERT_CACHE_DIR",
        "BULLETIN_CONVERT_FSYNC",
        "XDG_CACHE_HOME",
        "COLUMNS",
        "LINES",
        "TERM",
        "COLORTERM",
        "TMPDIR",
        "TEMP",
        "TMP",
        "PWD",
        "OLDPWD",
        "SHLVL",
        "_",
        "SSH_AUTH_SOCK",
        "SSH_CLIENT",
        "SSH_CONNECTION",
        "SSH_TTY",
    }
)

_read: set[str] = set()
_depth = 0  # > 0: reads are noted
_paused = 0  # > 0: our own bulk reads (a snapshot of the environment), not noted


class _WatchedEnviron(os._Environ):  # type: ignore[name-defined,misc]
    """``os.environ`` that notes the names read while :func:`watching`."""

    def __getitem__(self, key: Any) -> Any:
        if _depth and not _paused and isinstance(key, str):
            _read.add(key)
        return super().__getitem__(key)


def install() -> None:
    """Make ``os.environ`` note reads (it behaves as before in every other way)."""
    if type(os.environ) is os._Environ:  # type: ignore[attr-defined]
        os.environ.__class__ = _WatchedEnviron


@contextlib.contextmanager
def watching() -> Iterator[None]:
    """Note the variables read in the block (a page's conversion, a plugin call)."""
    global _depth
    install()
    _depth += 1
    try:
        yield
    finally:
        _depth -= 1


@contextlib.contextmanager
def unwatched() -> Iterator[None]:
    """Read the environment without noting it (our own snapshots of all of it)."""
    global _paused
    _paused += 1
    try:
        yield
    finally:
        _paused -= 1


def read_so_far() -> list[str]:
    """The names read while watching, in this process so far (less :data:`IGNORED`)."""
    return sorted(_read - IGNORED)


def digest(names: list[str], key: bytes) -> str:
    """A keyed hash (HMAC-SHA256 under ``key``, the resume state's secret) of ``names`` and
    their current values (unset differs from empty): without the key, which is never in the
    state file, it gives nothing to try guessed values against."""
    hasher = hmac.new(key, digestmod=hashlib.sha256)
    with unwatched():
        for name in names:
            value = os.environ.get(name)
            hasher.update(name.encode("utf-8", "surrogateescape") + b"\0")
            hasher.update(b"\1" if value is None else b"=" + value.encode("utf-8", "surrogateescape") + b"\0")
    return hasher.hexdigest()
