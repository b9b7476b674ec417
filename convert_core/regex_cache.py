"""Compiled regular expressions, kept between runs.

The reader has some 140 patterns, many of them long lists of Chinese words widened to
both scripts; Python compiles them in about 40 ms, a third of a one-page ``convert``.
:func:`regex` compiles a pattern once per machine instead: what Python's compiler made of
it (the same interpreter's own compiler, never hand-made code) is stored in the user's
cache directory and rebuilt from there, in about 1 ms for all of them.

* The file is named after the interpreter and its regular-expression engine
  (``regex-cpython-3.11.7-20221023-4.marshal``), so another Python never reads it.
* Anything unexpected (an unreadable, corrupt or foreign file, a newer Python without the
  compiler internals used here) silently falls back to :func:`re.compile`. The file
  carries a SHA-256 of its content (a damaged file is ignored), and a file another user
  owns or may write is ignored too; the engine checks every code it is given. Like the
  ``.pyc`` files Python keeps, the cache is trusted as far as its owner's own files are:
  whoever can write it can change what the reader's patterns match.
* The file is written (atomically) when a run compiled a pattern it did not find there;
  past 1,000 patterns a save keeps only those its run used, so it never grows unbounded.
* ``BULLETIN_CONVERT_CACHE_DIR`` sets the directory (default
  ``$XDG_CACHE_HOME/bulletin-convert`` or ``~/.cache/bulletin-convert``);
  ``BULLETIN_CONVERT_NO_CACHE=1`` turns the cache off.
"""

from __future__ import annotations

import atexit
import contextlib
import hashlib
import marshal
import os
import re
import stat
import sys
from typing import Any

try:  # CPython's engine and compiler (3.11+); without them the cache is off
    import _sre
    from re import _compiler, _parser

    _ENGINE: str | None = f"{sys.implementation.name}-{sys.version.split()[0]}-{_sre.MAGIC}-{_sre.CODESIZE}"
except (ImportError, AttributeError):  # pragma: no cover - other interpreters
    _ENGINE = None

Entry = tuple[int, list[int], int, dict[str, int], tuple[str | None, ...]]

_stored: dict[tuple[str, int], Entry] | None = None  # what the file held (read once)
_used: dict[tuple[str, int], Entry] = {}  # what this process compiled or rebuilt
_MAX_ENTRIES = 1000  # beyond this, a save keeps only what its run used
_MAX_BYTES = 16 << 20  # a larger file is not read
stats = {"hits": 0, "misses": 0}


def cache_file() -> str | None:
    """The cache file for this interpreter, or ``None`` when the cache is off."""
    if _ENGINE is None or os.environ.get("BULLETIN_CONVERT_NO_CACHE", "").strip().lower() in ("1", "true", "yes"):
        return None
    directory = cache_directory()
    return None if directory is None else os.path.join(directory, f"regex-{_ENGINE}.marshal")


def cache_directory() -> str | None:
    """This user's folder of ours: ``BULLETIN_CONVERT_CACHE_DIR``, else
    ``$XDG_CACHE_HOME/bulletin-convert`` or ``~/.cache/bulletin-convert``; ``None`` without
    a home directory (never a "~" folder in the working directory). A relative
    ``XDG_CACHE_HOME`` is ignored, as the XDG specification says: it put the private folder
    of the resume state's keys in the working directory (often the output folder, shared)."""
    directory = os.environ.get("BULLETIN_CONVERT_CACHE_DIR", "").strip()
    if directory:
        return directory
    base = os.environ.get("XDG_CACHE_HOME", "").strip()
    if not os.path.isabs(base):
        home = os.path.expanduser("~")
        if not os.path.isabs(home):
            return None
        base = os.path.join(home, ".cache")
    return os.path.join(base, "bulletin-convert")


def _load() -> dict[tuple[str, int], Entry]:
    path = cache_file()
    if path is None:
        return {}
    try:
        with open(path, "rb") as handle:
            info = os.fstat(handle.fileno())
            if info.st_size > _MAX_BYTES or not _trusted(info):
                return {}  # not ours: ours is a few hundred KB, and our own
            data = marshal.loads(handle.read())  # marshal.load reads a file in small pieces: 15x slower
        engine, digest, payload = data
        if engine != _ENGINE or digest != hashlib.sha256(payload).hexdigest():
            return {}
        entries = marshal.loads(payload)
    except Exception:  # unreadable, damaged, foreign, too big for memory: compile as usual
        return {}
    return entries if isinstance(entries, dict) else {}


def _trusted(info: os.stat_result) -> bool:
    """Whether a cache file is the user's own: owned by them, writable by no one else."""
    if not hasattr(os, "geteuid"):
        return True  # no POSIX owners (Windows): the user's profile directory is private
    return info.st_uid == os.geteuid() and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def _build(pattern: str, flags: int) -> tuple[re.Pattern[str], Entry]:
    """Compile as :func:`re._compiler.compile` does, keeping what the engine is given."""
    parsed = _parser.parse(pattern, flags)
    code = [int(op) for op in _compiler._code(parsed, flags)]
    groupindex = {name: int(index) for name, index in parsed.state.groupdict.items()}
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    entry: Entry = (int(flags | parsed.state.flags), code, parsed.state.groups - 1, groupindex, tuple(indexgroup))
    return _engine(pattern, entry), entry


def _engine(pattern: str, entry: Entry) -> re.Pattern[str]:
    flags, code, groups, groupindex, indexgroup = entry
    return _sre.compile(pattern, flags, code, groups, groupindex, indexgroup)


def regex(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """:func:`re.compile` of ``pattern``, rebuilt from the cache when it is there."""
    global _stored
    if _ENGINE is None or not isinstance(pattern, str):
        return re.compile(pattern, flags)
    flags = int(flags)
    if _stored is None:
        _stored = _load()
    key = (pattern, flags)
    entry = _stored.get(key)
    if entry is not None:
        try:
            compiled = _engine(pattern, entry)
        except Exception:  # a damaged entry: compile it afresh below
            pass
        else:
            _used[key] = entry
            stats["hits"] += 1
            return compiled
    try:
        compiled, entry = _build(pattern, flags)
    except re.error:
        raise
    except Exception:  # the compiler's internals changed: leave the cache alone
        return re.compile(pattern, flags)
    _used[key] = entry
    stats["misses"] += 1
    if stats["misses"] == 1:
        atexit.register(save)
    return compiled


def save() -> None:
    """Write the patterns this process used to the cache file (when it compiled any)."""
    path = cache_file()
    if path is None or not stats["misses"]:
        return
    import tempfile  # only when saving: it costs a cold start ~6 ms to import

    merged = {**(_stored or {}), **_used}
    payload = marshal.dumps(merged if len(merged) <= _MAX_ENTRIES else dict(_used))
    data: Any = (_ENGINE, hashlib.sha256(payload).hexdigest(), payload)
    with contextlib.suppress(OSError, ValueError):
        directory = os.path.dirname(path)
        os.makedirs(directory, mode=0o700, exist_ok=True)
        # a new file of our own (never a name someone could have linked elsewhere)
        fd, temporary = tempfile.mkstemp(dir=directory, prefix=".regex-", suffix=".part")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(marshal.dumps(data))
            os.chmod(temporary, 0o644)
            os.replace(temporary, path)
        finally:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
