"""Errors of bulletin-convert, each with the exit code the ``convert`` command uses.

Exit codes (also in the README):

==  ==========================================================================
0   success
1   some inputs or formats failed (batch or several formats: the others were written)
2   usage error (bad option, unknown format)
3   input error (unreadable, empty, binary, undecodable, not our JSON schema, too large)
4   output error (cannot write the output file or directory)
5   validation failed (``--validate``: an output did not pass its validator)
6   the reader had doubts and ``--strict`` was given
7   plugin error (a plugin raised while exporting, transforming or validating, or two
    plugins register one format; a plugin that fails to load is only a warning)
8   out of a system resource: too many open files (``ulimit -n``), the system's file
    table full, or out of memory — nothing wrong with the inputs or the outputs
130 interrupted (Ctrl-C)
143 stopped by SIGTERM, 129 by SIGHUP (``128 + signal``; finished pages kept, no partial files)
==  ==========================================================================
"""

from __future__ import annotations

import errno
from typing import Any, ClassVar

try:
    import resource  # now: out of files, the import itself would fail
except ImportError:  # not on Windows
    resource = None  # type: ignore[assignment]

EXIT_OK = 0
EXIT_PARTIAL = 1
EXIT_USAGE = 2
EXIT_INPUT = 3
EXIT_OUTPUT = 4
EXIT_INVALID = 5
EXIT_STRICT = 6
EXIT_PLUGIN = 7
EXIT_RESOURCES = 8
EXIT_INTERRUPTED = 130


class ConvertError(Exception):
    """Base class: an error with a one-line message and an exit code, which a subclass
    names in its bases (``class UsageError(ConvertError, exit_code=EXIT_USAGE)``)."""

    exit_code: ClassVar[int] = EXIT_PARTIAL

    def __init_subclass__(cls, exit_code: int | None = None, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if exit_code is not None:
            cls.exit_code = exit_code


class UsageError(ConvertError, exit_code=EXIT_USAGE):
    """The command or API was called wrongly (unknown format, bad option value)."""


class InputError(ConvertError, exit_code=EXIT_INPUT):
    """The input cannot be read as a page or as a document in our JSON form."""


class OutputError(ConvertError, exit_code=EXIT_OUTPUT):
    """An output cannot be written."""


class ValidationFailed(ConvertError, exit_code=EXIT_INVALID):
    """An output did not pass its validator."""


class StrictModeError(ConvertError, exit_code=EXIT_STRICT):
    """``--strict`` was given and the reader reported doubts."""


class PluginError(ConvertError, exit_code=EXIT_PLUGIN):
    """A plugin failed to load, registered something invalid, or raised while exporting."""


class ResourceError(ConvertError, exit_code=EXIT_RESOURCES):
    """The process or the system ran out of something it needs (open files, memory)."""


def exhausted(exc: BaseException) -> ResourceError | None:
    """The :class:`ResourceError` that ``exc`` is (too many open files, the system's file
    table full, out of memory), with what to do about it; ``None`` for any other error."""
    if isinstance(exc, MemoryError):
        return ResourceError("out of memory")
    if not isinstance(exc, OSError):
        return None
    if exc.errno == errno.EMFILE:
        limit = ""
        if resource is not None:
            limit = f" (the limit is {resource.getrlimit(resource.RLIMIT_NOFILE)[0]:,}, see ulimit -n)"
        return ResourceError(
            f"too many open files{limit}: raise the limit, or look for a plugin that leaves files open"
        )
    if exc.errno == errno.ENFILE:
        return ResourceError("the system has too many open files (its file table is full); try again later")
    if exc.errno == errno.ENOMEM:
        return ResourceError("out of memory")
    return None


def reason(exc: OSError) -> str:
    """Why an operating-system call failed, in words: a loop of symbolic links said as one
    (``Too many levels of symbolic links`` names neither the cause nor the fix)."""
    if exc.errno == errno.ELOOP:
        return "a loop of symbolic links (it never reaches a file: remove or fix the link)"
    return exc.strerror or str(exc)


#: Most characters of a plugin's message kept in an error line (a 10 MB message is one line still).
MAX_MESSAGE_CHARS = 2000


def describe(value: object, *, as_repr: bool = False) -> str:
    """``str(value)`` (or ``repr``) of what plugin code gave — an exception, an exit code
    — that never raises: a ``__str__`` that raises gave ``internal error`` for a plugin's
    fault; a message longer than :data:`MAX_MESSAGE_CHARS` is cut, saying so."""
    try:
        text = repr(value) if as_repr else str(value)
    except KeyboardInterrupt:
        raise
    except BaseException:  # plugin code: anything may come out of it, sys.exit too
        name = getattr(type(value), "__name__", "object")
        return f"<{name} whose {'repr' if as_repr else 'str'}() failed>"
    if not isinstance(text, str):
        return "<unprintable>"
    if len(text) > MAX_MESSAGE_CHARS:
        text = f"{text[:MAX_MESSAGE_CHARS]}… ({len(text):,} characters)"
    return text
