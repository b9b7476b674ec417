"""Resuming a batch correctly, like ``make`` with ``rsync -c``'s checksums.

A page is skipped only when its last conversion is known to give what a new one would:
the state file (``.convert-state.json`` in the output root) records, per page, the
SHA-256 of the input, a fingerprint of everything that changes outputs — the formats and
every option, the output name, the input's file name, ``SOURCE_DATE_EPOCH``, and the code
that runs (this package and each loaded plugin, by version and by the hash of its source)
— the environment variables its conversion read (:mod:`.environment`: their names and a
hash of their values), and the SHA-256 of every output written. A page whose input,
options, plugins, environment or outputs differ in any way (an edited output, a missing one, a stray file in its folder)
is converted again; modification times are never trusted (``cp -p``, ``tar``, ``rsync
-a`` keep old ones).

The state file is read only when it is a regular file of sane size (a FIFO, a device or
a link is refused, never opened for reading); entries of the wrong shape are dropped, so
a damaged file costs a reconversion, never a wrong skip or a crash.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import stat
import sys
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .errors import OutputError, exhausted, reason
from .output import atomic_write
from .planning import STATE_FILE
from .regex_cache import regex

STATE_VERSION = 2
#: A state file larger than this is not read (a run of a million pages writes ~300 MB).
MAX_STATE_BYTES = 1 << 30
_HEX64_RE = regex(r"[0-9a-f]{64}")


def file_digest(path: str | Path) -> str | None:
    """SHA-256 of a regular file (links are not followed), or ``None``."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        hasher = hashlib.sha256()
        while chunk := os.read(fd, 1 << 20):
            hasher.update(chunk)
        return hasher.hexdigest()
    except OSError:
        return None
    finally:
        os.close(fd)


# ---------------------------------------------------------------------------- the code that runs

_code_fingerprints: dict[tuple[str, ...], str] = {}


def _source_digest(module: Any, hasher: Any) -> None:
    """Feed ``hasher`` the files of ``module``: for a package every file in its folder — the
    code, and the data that decides outputs as much as the code does (the reader's models
    and junction table, a plugin's style sheet or templates) — but compiled caches."""
    path = getattr(module, "__file__", None)
    if not path:
        hasher.update(repr(module).encode("utf-8", "backslashreplace"))
        return
    folder = Path(path).parent
    package = Path(path).name == "__init__.py"
    files = (
        sorted(
            file
            for file in folder.rglob("*")
            if "__pycache__" not in file.relative_to(folder).parts
            and file.suffix not in (".pyc", ".pyo")
            and file.is_file()
        )
        if package
        else [Path(path)]
    )
    for file in files:
        hasher.update(str(file.relative_to(folder)).encode("utf-8", "surrogateescape"))
        with open(file, "rb") as handle:
            hasher.update(hashlib.sha256(handle.read()).digest())


#: A requirement's distribution name (PEP 508: its leading run of name characters).
_REQUIREMENT_NAME_RE = regex(r"[A-Za-z0-9][A-Za-z0-9._-]*")


def library_versions(distributions: Iterable[str]) -> list[str]:
    """``name==version`` of each library the installed ``distributions`` require (the
    requirements of their extras aside; ``name==-`` for one not installed), sorted: an
    upgraded lxml or pypinyin can change the outputs as much as our own code."""
    from importlib import metadata

    found: set[str] = set()
    for distribution in distributions:
        try:
            requirements = metadata.requires(distribution) or []
        except metadata.PackageNotFoundError:
            continue  # run from a source tree, not installed
        for requirement in requirements:
            if "extra" in requirement.partition(";")[2]:
                continue
            name = _REQUIREMENT_NAME_RE.match(requirement.strip())
            if name is None:
                continue
            try:
                version = metadata.version(name.group())
            except metadata.PackageNotFoundError:
                version = "-"
            found.add(f"{name.group().lower()}=={version}")
    return sorted(found)


def code_fingerprint(plugins: Iterable[tuple[str, Any]], distributions: Iterable[str] = ()) -> str:
    """A hash of the code that makes the outputs: this package and each loaded plugin
    (``(name, module)``), by its ``__version__`` and by the hash of its source files, and
    the versions of the libraries the installed ``distributions`` (this package's and the
    plugins') require (:func:`library_versions`), so that upgrading, editing, adding or
    disabling a plugin, or upgrading a library, reconverts the pages."""
    from . import __version__

    plugins = sorted(plugins, key=lambda pair: pair[0])
    distributions = tuple(sorted(set(distributions)))
    key = (*(name for name, _ in plugins), "\0", *distributions)
    cached = _code_fingerprints.get(key)
    if cached:
        return cached
    hasher = hashlib.sha256(f"bulletin-convert {__version__} {sys.version_info[:2]}".encode())
    _source_digest(sys.modules[__package__], hasher)
    for library in library_versions(distributions):
        hasher.update(f"\0library {library}".encode("utf-8", "backslashreplace"))
    for name, module in plugins:
        hasher.update(f"\0plugin {name}".encode("utf-8", "backslashreplace"))
        top = getattr(module, "__name__", "").partition(".")[0]
        hasher.update(str(getattr(sys.modules.get(top, module), "__version__", "")).encode("utf-8", "replace"))
        with contextlib.suppress(OSError):
            _source_digest(sys.modules.get(top, module), hasher)
    _code_fingerprints[key] = hasher.hexdigest()[:32]
    return _code_fingerprints[key]


# ---------------------------------------------------------------------------- the state file


def _entry_ok(entry: Any) -> bool:
    return (
        isinstance(entry, dict)
        and isinstance(entry.get("sha256"), str)
        and _HEX64_RE.fullmatch(entry["sha256"]) is not None
        and isinstance(entry.get("fingerprint"), str)
        and isinstance(entry.get("outputs"), dict)
        and isinstance(entry.get("source", ""), str)
        and _environment_ok(entry.get("environment", {}))
        and all(
            isinstance(path, str) and isinstance(digest, str) and _HEX64_RE.fullmatch(digest)
            for path, digest in entry["outputs"].items()
        )
    )


def _environment_ok(read: Any) -> bool:
    """The environment part of an entry: the names read and a hash of their values."""
    if read == {}:
        return True
    return (
        isinstance(read, dict)
        and isinstance(read.get("names"), list)
        and all(isinstance(name, str) for name in read["names"])
        and isinstance(read.get("sha256"), str)
        and _HEX64_RE.fullmatch(read["sha256"]) is not None
    )


class State:
    """The output root's record of converted pages (see the module)."""

    def __init__(self, out_dir: str | Path) -> None:
        self.path = Path(out_dir) / STATE_FILE
        self.entries: dict[str, dict[str, Any]] = {}
        #: pages of earlier runs whose input is gone or now has another name: their outputs
        #: are still in the output folder (removed by ``--delete``), never claimed as pages
        self.orphaned: dict[str, dict[str, Any]] = {}
        self.problem: str | None = None  # why an existing state file was not used
        self._load()
        self.dirty = 0
        self.saved_at = time.monotonic()
        self.save_seconds = 0.0

    def _load(self) -> None:
        flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
        try:
            fd = os.open(self.path, flags)
        except FileNotFoundError:
            return
        except OSError as exc:
            if (error := exhausted(exc)) is not None:
                raise error from None
            self.problem = "it is a symbolic link" if os.path.islink(self.path) else reason(exc)
            return
        try:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode):
                self.problem = "it is not a regular file"
                return
            if info.st_size > MAX_STATE_BYTES:
                self.problem = f"it is larger than {MAX_STATE_BYTES:,} bytes"
                return
            with os.fdopen(fd, "rb") as handle:
                fd = -1
                data = json.loads(handle.read())
        except (OSError, ValueError, RecursionError) as exc:
            self.problem = f"it cannot be read ({type(exc).__name__})"
            return
        finally:
            if fd >= 0:
                os.close(fd)
        if (
            not isinstance(data, dict)
            or data.get("version") != STATE_VERSION
            or not isinstance(data.get("pages"), dict)
        ):
            return  # another version's or another program's file: rebuilt
        self.entries = {key: entry for key, entry in data["pages"].items() if isinstance(key, str) and _entry_ok(entry)}
        orphaned = data.get("orphaned")
        if isinstance(orphaned, dict):
            self.orphaned = {
                key: entry
                for key, entry in orphaned.items()
                if isinstance(key, str) and _entry_ok(entry) and entry.get("source")
            }

    def get(self, key: str) -> dict[str, Any] | None:
        return self.entries.get(key)

    def record(self, result: Any) -> None:
        """Remember a converted page; forget a failed one (it is converted next time)."""
        if result.status == "converted" and result.sha256:
            self.entries[result.key] = {
                "sha256": result.sha256,
                "fingerprint": result.fingerprint,
                "outputs": dict(result.digests),
                "source": "" if result.source == "-" else os.path.realpath(result.source),
                "environment": dict(result.environment),
            }
            self.dirty += 1
        elif result.status == "failed" and self.entries.pop(result.key, None) is not None:
            self.dirty += 1

    def due(self) -> bool:
        """Whether to save now, during a run: after 200 changed pages and at least 5 s, and
        never more often than keeps saving under 5% of the run (a save rewrites every
        entry, so saving every 200 pages would make an archive-sized run quadratic)."""
        return self.dirty >= 200 and time.monotonic() - self.saved_at >= max(5.0, 20 * self.save_seconds)

    def save(self) -> None:
        """Write the state atomically; an :class:`OutputError` if it cannot be written."""
        if not self.dirty:
            return
        started = time.monotonic()
        # ASCII: a file name that is not UTF-8 is kept as its escapes and reads back the same
        data = json.dumps(
            {"version": STATE_VERSION, "pages": self.entries, "orphaned": self.orphaned}, indent=0, sort_keys=True
        )
        try:
            atomic_write(self.path, data.encode("ascii"), rebuild=True)
        except OutputError as exc:
            raise OutputError(f"cannot save the resume state: {exc}") from None
        self.dirty = 0
        self.saved_at = time.monotonic()
        self.save_seconds = self.saved_at - started

    def find_orphans(self, current: dict[str, str]) -> dict[str, dict[str, Any]]:
        """The pages of earlier runs that are no page now: ``current`` maps this run's page
        keys to their inputs' real paths. A page of an earlier run whose input is gone, or
        is a page of this run under another name (a clash that went away), is moved out of
        the pages into :attr:`orphaned`; one whose input is still there but not given this
        time (a run over some of the pages) stays a page. Returns every orphan."""
        sources = set(current.values())
        for key in list(self.entries):
            source = self.entries[key].get("source")
            if key in current or not source:
                continue
            if source in sources or not os.path.lexists(source):
                self.orphaned[key] = self.entries.pop(key)
                self.dirty += 1
        for key in [key for key in self.orphaned if key in current]:
            del self.orphaned[key]  # a page again (recorded when converted)
            self.dirty += 1
        return self.orphaned

    def delete_orphans(self, inputs: Iterable[str] = ()) -> tuple[int, list[str]]:
        """Remove the orphans' outputs (``--delete``): only files inside the output root
        that still hold the bytes recorded (an edited one is kept and named), never a file
        a page of the state lists nor one of ``inputs`` (the run's pages: an old output
        re-read as a page); then each page's own folder, once empty. Returns how many
        pages' outputs went, and the files kept."""
        root = os.path.realpath(self.path.parent)
        claimed = {os.path.realpath(path) for path in inputs} | {
            os.path.normpath(os.path.join(root, os.path.dirname(key), relative))
            for key, entry in self.entries.items()
            for relative in entry["outputs"]
        }
        kept: list[str] = []
        deleted = len(self.orphaned)
        for key, entry in list(self.orphaned.items()):
            folder = os.path.normpath(os.path.join(root, os.path.dirname(key)))
            for relative, digest in entry["outputs"].items():
                path = os.path.normpath(os.path.join(folder, relative))
                if path in claimed or not path.startswith(root + os.sep):
                    continue
                if os.path.realpath(path) != path:  # reached through a link: not ours to remove
                    kept.append(path)
                    continue
                found = file_digest(path)
                if found is None:
                    continue  # gone already
                if found != digest:
                    kept.append(path)  # changed since it was written: someone's edits
                    continue
                with contextlib.suppress(OSError):
                    os.unlink(path)
            for directory in {os.path.dirname(os.path.join(folder, relative)) for relative in entry["outputs"]}:
                if directory != folder and directory.startswith(folder + os.sep):
                    with contextlib.suppress(OSError):
                        os.rmdir(directory)  # the page's own folder (ninjs items), once empty
            del self.orphaned[key]
            self.dirty += 1
        return deleted, kept
