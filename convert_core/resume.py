"""Resuming a batch correctly, like ``make`` with ``rsync -c``'s checksums.

A page is skipped only when its last conversion is known to give what a new one would:
the state file (``.convert-state.json`` in the output root) records, per page, the
SHA-256 of the input, a fingerprint of everything that changes outputs — the formats and
every option, the output name, the input's file name, ``SOURCE_DATE_EPOCH``, and the code
that runs (this package and each loaded plugin, by version and by the hash of its source)
— the environment variables its conversion read (:mod:`.environment`), and the SHA-256
of every output written.

The environment part is a keyed hash (HMAC-SHA256) of the variables' names and values
and, beside it, the number of a list of names: the key and the lists are kept in a
private file of the user's (:func:`key_path`: ``~/.cache/bulletin-convert/state-keys/``,
mode 0600, in a folder of mode 0700, one per state file), never in the state file, which
is often shared with the outputs. So the state file alone says neither which variables
a plugin reads nor anything to try guessed values against. The price: a state file moved
to another folder or machine, or resumed by another user, or whose key file is lost,
has every page converted once again (with a new key). A page whose input,
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
import re
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


def _named_as(path: str, stems: set[str]) -> bool:
    """Whether ``path`` is named as a page's outputs are (``stems``: each page's output
    folder and stem): the stem with an extension, or a file in its own folder."""
    folder, name = os.path.split(path)
    if any(name[:dot] and os.path.join(folder, name[:dot]) in stems for dot in range(len(name)) if name[dot] == "."):
        return True
    if path in stems:
        return True
    while folder and folder != os.path.dirname(folder):
        if folder in stems:
            return True
        folder = os.path.dirname(folder)
    return False


def _walk_to(root: str, folder: str) -> int | None:
    """A descriptor of ``folder`` (inside ``root``), reached from ``root`` one folder at a
    time without following a link (``None``: not there, or a link on the way)."""
    relative = os.path.relpath(folder, root)
    flags = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(root, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    for part in [] if relative == "." else relative.split(os.sep):
        try:
            inner = os.open(part, flags, dir_fd=fd)
        except OSError:
            os.close(fd)
            return None
        os.close(fd)
        fd = inner
    return fd


def _remove_unchanged(root: str, path: str, digest: str) -> tuple[str | None, bool]:
    """Remove ``path`` (inside ``root``) if it is a regular file, not read-only, holding
    the bytes of ``digest``. Returns why it was kept (``None``: removed, or not there) and
    whether to try again next time (it could not be removed)."""
    folder, name = os.path.split(path)
    try:
        fd = _walk_to(root, folder)
    except OSError as exc:
        return f"it could not be reached ({reason(exc)})", True
    if fd is None:
        return ("it is reached through a link", False) if _link_on_the_way(root, folder) else (None, False)
    try:
        try:
            info = os.stat(name, dir_fd=fd, follow_symlinks=False)
        except FileNotFoundError:
            return None, False
        if stat.S_ISLNK(info.st_mode):
            return "it is a link", False
        if not stat.S_ISREG(info.st_mode):
            return "it is not a regular file", False
        if not info.st_mode & 0o222:
            return "it is read-only", False
        flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
        handle = os.open(name, flags, dir_fd=fd)
        try:
            opened = os.fstat(handle)
            hasher = hashlib.sha256()
            while chunk := os.read(handle, 1 << 20):
                hasher.update(chunk)
        finally:
            os.close(handle)
        if (opened.st_dev, opened.st_ino) != (info.st_dev, info.st_ino) or hasher.hexdigest() != digest:
            return "it changed since it was written", False
        now = os.stat(name, dir_fd=fd, follow_symlinks=False)
        if (now.st_dev, now.st_ino) != (info.st_dev, info.st_ino):
            return "it changed since it was written", False
        os.unlink(name, dir_fd=fd)
        return None, False
    except FileNotFoundError:
        return None, False
    except OSError as exc:
        if (error := exhausted(exc)) is not None:
            raise error from None
        return f"it could not be removed ({reason(exc)})", True
    finally:
        os.close(fd)


def _link_on_the_way(root: str, folder: str) -> bool:
    """Whether a folder on the way from ``root`` to ``folder`` is a link."""
    while folder.startswith(root + os.sep):
        if os.path.islink(folder):
            return True
        folder = os.path.dirname(folder)
    return False


def _remove_folder(root: str, folder: str) -> None:
    """Remove ``folder`` (inside ``root``) if it is an empty folder reached through no link."""
    with contextlib.suppress(OSError):
        fd = _walk_to(root, os.path.dirname(folder))
        if fd is not None:
            try:
                os.rmdir(os.path.basename(folder), dir_fd=fd)
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


def _name_ok(name: Any) -> bool:
    """A page's key or an output's name as a state file may hold it: a string the file
    system can take (no NUL, no lone surrogate but the escapes of a byte that is not
    UTF-8), so that no use of it fails but as a file that is not there."""
    if not isinstance(name, str) or "\0" in name:
        return False
    try:
        os.fsencode(name)
    except UnicodeError:
        return False
    return True


def _entry_ok(entry: Any) -> bool:
    return (
        isinstance(entry, dict)
        and isinstance(entry.get("sha256"), str)
        and _HEX64_RE.fullmatch(entry["sha256"]) is not None
        and isinstance(entry.get("fingerprint"), str)
        and isinstance(entry.get("outputs"), dict)
        and isinstance(entry.get("source", ""), str)
        and all(
            _name_ok(path) and isinstance(digest, str) and _HEX64_RE.fullmatch(digest)
            for path, digest in entry["outputs"].items()
        )
    )


def _environment_ok(read: Any) -> bool:
    """The environment part of an entry: the number of its list of names in the key file
    and the keyed hash of their values (or ``{}``: not known, the page is converted)."""
    if read == {}:
        return True
    return (
        isinstance(read, dict)
        and set(read) == {"names", "hmac"}
        and type(read["names"]) is int
        and 0 <= read["names"] < MAX_NAME_LISTS
        and isinstance(read["hmac"], str)
        and _HEX64_RE.fullmatch(read["hmac"]) is not None
    )


# ---------------------------------------------------------------------------- the key file

#: How many lists of names a key file may hold, and its size limit.
MAX_NAME_LISTS = 10_000
MAX_KEY_FILE_BYTES = 16 << 20


def _state_place(state_path: str | Path) -> str:
    """Where a state file is: its folder's real path and its name (the file itself may be
    a link or a FIFO that is replaced)."""
    return os.path.join(os.path.realpath(os.path.dirname(os.path.abspath(state_path))), os.path.basename(state_path))


def key_path(state_path: str | Path) -> Path | None:
    """Where the secret key of a state file is kept: one file per state file (by the hash
    of its real path) in ``state-keys`` of the user's cache folder; ``None`` without one."""
    from .regex_cache import cache_directory

    directory = cache_directory()
    if directory is None:
        return None
    where = _state_place(state_path).encode("utf-8", "surrogateescape")
    return Path(directory) / "state-keys" / (hashlib.sha256(where).hexdigest()[:32] + ".json")


def _read_key_file(path: Path) -> tuple[bytes, list[list[str]]] | None:
    """The key and the lists of names of a key file that is ours: a regular file (no link),
    owned by this user, readable by no one else, of sane size and shape; else ``None``."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        mine = not hasattr(os, "getuid") or info.st_uid == os.getuid()
        if not stat.S_ISREG(info.st_mode) or not mine or info.st_mode & 0o077 or info.st_size > MAX_KEY_FILE_BYTES:
            return None
        with os.fdopen(fd, "rb") as handle:
            fd = -1
            data = json.loads(handle.read())
    except (OSError, ValueError, RecursionError):
        return None
    finally:
        if fd >= 0:
            os.close(fd)
    if not isinstance(data, dict) or not isinstance(data.get("key"), str) or not _HEX64_RE.fullmatch(data["key"]):
        return None
    lists = data.get("names")
    if (
        not isinstance(lists, list)
        or len(lists) > MAX_NAME_LISTS
        or not all(isinstance(names, list) and all(isinstance(n, str) for n in names) for names in lists)
    ):
        return None
    return bytes.fromhex(data["key"]), lists


def _write_key_file(path: Path, key: bytes, lists: list[list[str]], state: Path) -> None:
    """Write a key file atomically, mode 0600, its folder made mode 0700; a new one first
    removes the key files of state files that are gone."""
    from .output import temporary_name

    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    if not path.exists():
        _prune_key_files(path.parent)
    where = _state_place(state)
    data = json.dumps({"key": key.hex(), "names": lists, "state": where}, ensure_ascii=True).encode("ascii")
    temporary = path.with_name(temporary_name(path.name))
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


#: How many key files one sweep looks at, and how old one must be to go (:func:`_prune_key_files`).
PRUNE_AT_MOST = 200
PRUNE_AFTER_SECONDS = 7 * 86400


def _prune_key_files(directory: Path) -> None:
    """Remove key files whose state file is gone (output folders removed), at most
    :data:`PRUNE_AT_MOST` looked at, so the folder does not grow without end; only those
    untouched for a week (a run writes its key file just before its first state file)."""
    old = time.time() - PRUNE_AFTER_SECONDS
    with contextlib.suppress(OSError):
        for number, entry in enumerate(os.scandir(directory)):
            if number >= PRUNE_AT_MOST:
                return
            if not entry.name.endswith(".json") or not entry.is_file(follow_symlinks=False):
                continue
            if entry.stat(follow_symlinks=False).st_mtime > old:
                continue
            with contextlib.suppress(OSError, ValueError), open(entry.path, "rb") as handle:
                state = json.loads(handle.read(MAX_KEY_FILE_BYTES)).get("state")
                if isinstance(state, str) and os.path.isabs(state) and not os.path.lexists(state):
                    os.unlink(entry.path)


#: A picture beside a page's outputs, as a PDF page writes it (``layout.images.image_ref``).
_PICTURE_RE = regex(r"images/[0-9a-f]{16}\.[a-z0-9]{1,5}", re.ASCII)


def _picture_ok(relative: Any) -> bool:
    """A picture's path in the output root as the state file may hold it (inside it)."""
    return (
        _name_ok(relative)
        and not os.path.isabs(relative)
        and ".." not in relative.split(os.sep)
        and _PICTURE_RE.fullmatch(os.path.basename(os.path.dirname(relative)) + "/" + os.path.basename(relative))
        is not None
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
        #: why the state file's records are not trusted to say what ``--delete`` removes
        self.untrusted: str | None = None
        #: why the key file could not be saved (the environment of each page is then not
        #: recorded, and pages whose conversion read a variable are converted every run)
        self.key_problem: str | None = None
        #: the last entry of each page whose latest conversion failed: its outputs are
        #: kept on disk, and so the pictures they show (and ``--delete`` removes them once
        #: the page is gone); the page itself is converted next time
        self.failed_pages: dict[str, dict[str, Any]] = {}
        #: pictures an earlier conversion of a page wrote and a later one did not, by path
        #: in the output root, with their SHA-256: removed at the end of a run that was not
        #: stopped when no page lists them (:meth:`remove_dropped_pictures`); kept in the
        #: state until then, so that a run stopped or killed before leaves them to the next
        self.dropped: dict[str, str] = {}
        self.key_file = key_path(self.path)
        found = _read_key_file(self.key_file) if self.key_file else None
        #: the secret key of the environment's keyed hashes, and the lists of names they cover
        self.secret, self.name_lists = found if found else (os.urandom(32), [])
        self._key_saved = found is not None
        self._load()
        self.dirty = 0
        self.dirty_on_load = False
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
            if hasattr(os, "getuid") and info.st_uid != os.getuid():
                self.untrusted = "it is another user's"
            elif info.st_mode & 0o002:
                self.untrusted = "anyone may write it"
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
        self.entries = {key: entry for key, entry in data["pages"].items() if _name_ok(key) and _entry_ok(entry)}
        orphaned = data.get("orphaned")
        if isinstance(orphaned, dict):
            self.orphaned = {
                key: entry
                for key, entry in orphaned.items()
                if _name_ok(key) and _entry_ok(entry) and entry.get("source")
            }
        failed = data.get("failed_pages")
        if isinstance(failed, dict):
            self.failed_pages = {
                key: entry
                for key, entry in failed.items()
                if _name_ok(key) and _entry_ok(entry) and key not in self.entries and key not in self.orphaned
            }
        dropped = data.get("dropped")
        if isinstance(dropped, dict):
            self.dropped = {
                path: digest
                for path, digest in dropped.items()
                if _picture_ok(path) and isinstance(digest, str) and _HEX64_RE.fullmatch(digest)
            }
        for entry in self._all():
            # an older form (names in clear, an unkeyed hash of the values), a wrong shape, or
            # a list of names the key file lacks (lost, another user's): never written back,
            # and the page is converted again
            read = entry.get("environment", {})
            if not _environment_ok(read) or (read and read["names"] >= len(self.name_lists)):
                entry["environment"] = {}
                self.dirty_on_load = True

    dirty_on_load = False

    def get(self, key: str) -> dict[str, Any] | None:
        """The entry of page ``key``, its environment part with the names it covers."""
        entry = self.entries.get(key)
        if entry is None or not entry.get("environment"):
            return entry
        read = entry["environment"]
        return {**entry, "environment": {"names": self.name_lists[read["names"]], "hmac": read["hmac"]}}

    def _names_number(self, names: list[str]) -> int:
        """The number of the list ``names`` in the key file (added when new)."""
        with contextlib.suppress(ValueError):
            return self.name_lists.index(names)
        self.name_lists.append(list(names))
        self._key_saved = False
        return len(self.name_lists) - 1

    def record(self, result: Any) -> None:
        """Remember a converted page; of a failed one keep the last entry apart
        (:attr:`failed_pages`: it is converted next time, its last outputs stay). The
        pictures its last conversion wrote that this one did not are noted (:attr:`dropped`)."""
        if result.status == "converted" and result.sha256:
            self._note_dropped(result.key, result.digests)
            self.failed_pages.pop(result.key, None)
            self.entries[result.key] = {
                "sha256": result.sha256,
                "fingerprint": result.fingerprint,
                "outputs": dict(result.digests),
                "source": "" if result.source == "-" else os.path.realpath(result.source),
                "environment": self._environment(result.environment),
            }
            self.dirty += 1
        elif result.status == "failed" and (last := self.entries.pop(result.key, None)) is not None:
            self.failed_pages[result.key] = last  # (an older failure's record stays, else)
            self.dirty += 1

    def _note_dropped(self, key: str, outputs: dict[str, str]) -> None:
        """Note the pictures (``images/HASH.png`` beside the page's outputs) the last
        conversion of page ``key`` wrote and the new one does not."""
        previous = self.entries.get(key) or self.failed_pages.get(key)
        if previous is None:
            return
        for relative, digest in previous["outputs"].items():
            if relative not in outputs and _PICTURE_RE.fullmatch(relative.replace(os.sep, "/")):
                self.dropped[os.path.normpath(os.path.join(os.path.dirname(key), relative))] = digest

    def remove_dropped_pictures(self) -> None:
        """At the end of a run that was not stopped: remove the pictures pages no longer
        use (:attr:`dropped`) that no page of the state (an orphan's too) lists, each only
        while it holds the bytes recorded, reached through no link, and only when the state
        is trusted (as ``--delete`` removes); then their folder, once empty. A page whose
        pictures changed or went (its PDF replaced) left them in ``images/`` for ever:
        pictures are shared by the pages that hold the same one, so a page cannot remove
        its own when it is converted."""
        if self.untrusted is not None or not self.dropped:
            return
        root = os.path.realpath(self.path.parent)
        listed = {
            os.path.normpath(os.path.join(os.path.dirname(key), relative))
            for key, entry in self._all_keyed()
            for relative in entry["outputs"]
        }
        folders: set[str] = set()
        for relative, digest in sorted(self.dropped.items()):
            path = os.path.normpath(os.path.join(root, relative))
            if relative not in listed and path.startswith(root + os.sep):  # (one a page lists is its again)
                if _remove_unchanged(root, path, digest)[1]:
                    continue  # it could not be removed: tried again next time
                folders.add(os.path.dirname(path))
            del self.dropped[relative]
            self.dirty += 1
        for folder in sorted(folders):
            _remove_folder(root, folder)  # once empty

    def _environment(self, read: dict[str, Any]) -> dict[str, Any]:
        if not isinstance(read.get("names"), list) or not isinstance(read.get("hmac"), str):
            return {}
        return {"names": self._names_number(read["names"]), "hmac": read["hmac"]}

    def due(self) -> bool:
        """Whether to save now, during a run: after 200 changed pages and at least 5 s, and
        never more often than keeps saving under 5% of the run (a save rewrites every
        entry, so saving every 200 pages would make an archive-sized run quadratic)."""
        return self.dirty >= 200 and time.monotonic() - self.saved_at >= max(5.0, 20 * self.save_seconds)

    def save(self) -> None:
        """Write the state atomically; an :class:`OutputError` if it cannot be written."""
        if not self.dirty and not self.dirty_on_load:
            return
        started = time.monotonic()
        self._save_key()
        # ASCII: a file name that is not UTF-8 is kept as its escapes and reads back the same
        data = json.dumps(
            {
                "version": STATE_VERSION,
                "pages": self.entries,
                "orphaned": self.orphaned,
                "failed_pages": self.failed_pages,
                "dropped": self.dropped,
            },
            indent=0,
            sort_keys=True,
        )
        try:
            atomic_write(self.path, data.encode("ascii"), rebuild=True)
        except OutputError as exc:
            raise OutputError(f"cannot save the resume state: {exc}") from None
        self.dirty = 0
        self.saved_at = time.monotonic()
        self.save_seconds = self.saved_at - started

    def _save_key(self) -> None:
        """Save the key file before the state that relies on it: when it cannot be, the
        pages' environment parts are dropped (those pages are converted next time)."""
        used = sorted({e["environment"]["names"] for e in self._all() if e.get("environment")})
        if len(used) != len(self.name_lists):  # lists no page needs any more: renumbered
            number = {old: new for new, old in enumerate(used)}
            self.name_lists = [self.name_lists[old] for old in used]
            for entry in self._all():
                if entry.get("environment"):
                    entry["environment"] = {**entry["environment"], "names": number[entry["environment"]["names"]]}
            self._key_saved = False
        if self._key_saved:
            return
        try:
            if self.key_file is None:
                raise OSError("no home directory for it")
            _write_key_file(self.key_file, self.secret, self.name_lists, self.path)
            self._key_saved = True
        except OSError as exc:
            where = f" in {self.key_file}" if self.key_file is not None else ""  # (it said "in None")
            self.key_problem = f"cannot keep its key{where}: {reason(exc)}"
            for entry in self._all():
                entry["environment"] = {}

    def _all(self) -> list[dict[str, Any]]:
        return [*self.entries.values(), *self.orphaned.values(), *self.failed_pages.values()]

    def written_files(self) -> dict[str, str]:
        """Every output the state records (of its pages and its orphans) by real path, with
        its SHA-256: what an input folder holding the output folder (``-o pages/out``, or
        ``-o pages`` itself) must not take for pages. None when the state is not trusted."""
        if self.untrusted is not None:
            return {}
        root = os.path.realpath(self.path.parent)
        found: dict[str, str] = {}
        for key, entry in self._all_keyed():
            folder = os.path.join(root, os.path.dirname(key))
            for relative, digest in entry["outputs"].items():
                path = os.path.normpath(os.path.join(folder, relative))
                if path.startswith(root + os.sep):
                    found[path] = digest
        return found

    def _all_keyed(self) -> list[tuple[str, dict[str, Any]]]:
        return [*self.entries.items(), *self.orphaned.items(), *self.failed_pages.items()]

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
        for key in list(self.failed_pages):  # the last outputs of a page that failed, and is gone
            source = self.failed_pages[key].get("source")
            if key not in current and source and (source in sources or not os.path.lexists(source)):
                self.orphaned.setdefault(key, self.failed_pages[key])
                del self.failed_pages[key]
                self.dirty += 1
        for key in [key for key in self.orphaned if key in current]:
            del self.orphaned[key]  # a page again (recorded when converted)
            self.dirty += 1
        return self.orphaned

    def delete_orphans(
        self, inputs: Iterable[str] = (), pages: Iterable[str] = (), keep: Iterable[str | Path] = ()
    ) -> tuple[int, list[tuple[str, str]]]:
        """Remove the orphans' outputs (``--delete``): only regular files inside the output
        root, reached through no link, that still hold the bytes recorded and are not
        read-only; never a file a page of the state lists, one of ``inputs`` (the run's
        pages: an old output re-read as a page), one named as a page of this run is
        (``pages``: their keys; a page that failed this time keeps its old outputs), the
        state file itself, or one of ``keep`` (the report); then each page's own folder
        under it, once empty. Each file is reached from the output root one folder at a
        time, never through a link, and checked to be the file read just before it is
        removed, so that a link or file planted meanwhile is never followed or removed.
        Nothing is removed when the state file is another user's or anyone may write it
        (:attr:`untrusted`). Returns how many pages' outputs went, and each file kept with
        why; a page with a file that could not be removed stays an orphan (tried again
        next time)."""
        if self.untrusted is not None:
            return 0, []
        root = os.path.realpath(self.path.parent)
        claimed = (
            {os.path.realpath(path) for path in inputs}
            | {os.path.realpath(path) for path in keep}
            | {os.path.join(root, self.path.name)}
            | {
                os.path.normpath(os.path.join(root, os.path.dirname(key), relative))
                for key, entry in [*self.entries.items(), *self.failed_pages.items()]
                for relative in entry["outputs"]
            }
        )
        stems = {os.path.normpath(os.path.join(root, key)) for key in pages}
        kept: list[tuple[str, str]] = []
        deleted = 0
        for key, entry in list(self.orphaned.items()):
            folder = os.path.normpath(os.path.join(root, os.path.dirname(key)))
            done = True
            folders: set[str] = set()
            for relative, digest in entry["outputs"].items():
                path = os.path.normpath(os.path.join(folder, relative))
                if not path.startswith(root + os.sep) or path in claimed or _named_as(path, stems):
                    continue
                why, again = _remove_unchanged(root, path, digest)
                if why is not None:
                    kept.append((path, why))
                done = done and not again
                folders.add(os.path.dirname(path))
            own = os.path.normpath(os.path.join(root, key))  # the page's own folder (ninjs items)
            for directory in sorted(folders, key=len, reverse=True):
                # once empty; never another folder, whatever the record says
                if (directory == own or directory.startswith(own + os.sep)) and directory.startswith(root + os.sep):
                    _remove_folder(root, directory)
            if done:
                del self.orphaned[key]
                deleted += 1
                self.dirty += 1
        return deleted, kept
