"""Writing outputs safely: atomic replace, names that stay inside the output directory.

Every file is written to a temporary file in its target directory and renamed over the
target, so a crash, Ctrl-C or a full disk never leaves a half-written file and an existing
output is only ever replaced by a complete one. With :data:`FSYNC` (``convert --fsync``)
each file is also flushed to disk before the rename, which protects it from a power loss.
"""

from __future__ import annotations

import contextlib
import errno
import itertools
import os
import re
import stat
import unicodedata
from collections.abc import Collection, Iterable
from pathlib import Path

from .errors import OutputError, exhausted, reason
from .regex_cache import regex
from .terminal import UNPRINTABLE

#: Longest file name (in UTF-8 bytes) we create; most file systems allow 255.
MAX_NAME_BYTES = 200
# what drives a terminal, and what Windows forbids in a name
_UNSAFE_RE = regex(f'[{UNPRINTABLE}<>:"/\\\\|?*]+')
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}


def safe_name(name: str, *, fallback: str = "output") -> str:
    """A file name made from ``name`` that is safe on every common file system.

    Path separators, control and bidi characters and reserved names are replaced,
    leading dots removed (no hidden files, no ``..``), and the name cut to
    :data:`MAX_NAME_BYTES` bytes of UTF-8 without splitting a character.
    """
    name = unicodedata.normalize("NFC", name)
    name = _UNSAFE_RE.sub("_", name).strip(" .")
    name = re.sub(r"\s+", " ", name)
    if not name or set(name) <= {"_", "."}:
        name = fallback
    if name.partition(".")[0].upper() in _RESERVED:
        name = f"_{name}"
    encoded = name.encode("utf-8")
    if len(encoded) > MAX_NAME_BYTES:
        suffix = "".join(Path(name).suffixes[-2:])
        if len(suffix.encode("utf-8")) > 40:
            suffix = ""
        keep = MAX_NAME_BYTES - len(suffix.encode("utf-8"))
        head = name[: len(name) - len(suffix)] if suffix else name
        head = head.encode("utf-8")[:keep].decode("utf-8", errors="ignore").rstrip(" .")
        name = head + suffix
    return name


#: Extensions of page files, left out of the names of their outputs.
PAGE_SUFFIXES = (".txt", ".text", ".json", ".pdf", ".alto.xml", ".xml")


def page_stem(name: str | None) -> str:
    """The base name of a page's outputs: its file name without a page extension
    (``page.txt`` -> ``page``), made safe; ``page`` when there is no name."""
    if not name:
        return "page"
    stem = Path(name).name
    for suffix in PAGE_SUFFIXES:
        if stem.lower().endswith(suffix):
            stem = stem[: -len(suffix)]
            break
    return safe_name(stem, fallback="page")


def fold_name(name: str) -> str:
    """A name as a case-insensitive, normalizing file system compares it (``A.txt`` and
    ``a.txt``, ``é`` composed and decomposed, ``ς`` and ``σ``: one file on macOS or Windows)."""
    return unicodedata.normalize("NFC", name).casefold()


def item_paths(base: Path, names: Iterable[str], what: str) -> list[Path]:
    """The paths under ``base`` of a writer's files (``names``, :func:`inside`), checked all
    together before one is written: two names that are one file once made safe or where
    case and normal form do not count, or a name that is a file and a folder of another
    (``sub`` and ``sub/x.txt``) — a :class:`~.errors.PluginError` naming ``what`` writes
    them. They were found one at a time as the files were written: the files before the
    clash were left behind, and a file and a folder of one name was a failure to write."""
    from .errors import PluginError

    paths: list[Path] = []
    files: dict[tuple[str, ...], str] = {}
    folders: dict[tuple[str, ...], str] = {}  # every folder the files are in, and a file in it
    for name in names:
        path = inside(base, name)
        key = tuple(fold_name(part) for part in path.relative_to(base).parts)
        if key in files:
            raise PluginError(f"{what} produced two files named {name!r}" + _also(files[key], name))
        if key in folders:
            raise PluginError(f"{what} produced {name!r} both as a file and as the folder of {folders[key]!r}")
        for depth in range(1, len(key)):
            if key[:depth] in files:
                raise PluginError(
                    f"{what} produced {files[key[:depth]]!r} both as a file and as the folder of {name!r}"
                )
            folders.setdefault(key[:depth], name)
        files[key] = name
        paths.append(path)
    return paths


def _also(first: str, second: str) -> str:
    """Why two different names are one file (nothing when they are the same)."""
    if first == second:
        return ""
    return f" (as {first!r} is, once made safe or where case and the form of characters are not told apart)"


def inside(directory: Path, relative: str) -> Path:
    """Join ``relative`` (a writer's ``a/b.xml``) to ``directory``, each part made safe,
    so the result can never leave ``directory``."""
    parts = [safe_name(part) for part in re.split(r"[/\\]+", relative) if part not in ("", ".", "..")]
    if not parts:
        raise OutputError(f"an exporter asked for an empty file name ({relative!r})")
    target = directory.joinpath(*parts)
    return target


# ---------------------------------------------------------------------------- temporary files


def temporary_name(name: str, serial: int | None = None) -> str:
    """The name of this process's temporary file for ``name``: ``.name.PID.N.part``
    (``.name.PID.part`` without ``serial``), which :func:`sweep_debris` knows by its PID."""
    return f".{name}.{os.getpid()}.part" if serial is None else f".{name}.{os.getpid()}.{serial}.part"


_DEBRIS_RE = regex(r"\..*?\.([0-9]+)(?:\.[0-9]+)?\.part")


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # someone else's process: alive
    return True


def _remove_debris(entry: os.DirEntry[str]) -> bool:
    """Remove ``entry`` if it is a temporary file (:func:`temporary_name`) whose process
    on this machine is gone; whether it was removed."""
    found = _DEBRIS_RE.fullmatch(entry.name)
    pid = int(found.group(1)) if found else 0
    if pid < 2 or not entry.is_file(follow_symlinks=False) or _alive(pid):
        return False
    try:
        os.unlink(entry.path)
    except OSError:
        return False
    return True


def sweep_debris(directories: Iterable[str | Path], names: Iterable[str] | None = None) -> int:
    """Remove the temporary files of writes that a killed process on this machine left
    in ``directories`` (``.name.PID.N.part`` whose process is gone); another run's files
    in progress are left alone. With ``names``, only the temporary files of those names
    (a folder that is not the run's own: where ``--report`` or ``train -o`` writes). Returns
    how many were removed. (A page's own folder is swept by :func:`stray_outputs`, which
    lists it anyway.)"""
    prefixes = tuple(f".{name[:40]}." for name in names) if names is not None else (".",)
    removed = 0
    for directory in set(map(str, directories)):
        try:
            entries = list(os.scandir(directory))
        except OSError:
            continue
        removed += sum(1 for entry in entries if entry.name.startswith(prefixes) and _remove_debris(entry))
    return removed


_counter = itertools.count()


def _create_temporary(directory: Path, name: str) -> tuple[int, str]:
    """A new, exclusive temporary file beside the target (``.name.PID.N.part``)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
    while True:
        candidate = os.path.join(directory, temporary_name(name[:40], next(_counter)))
        try:
            return os.open(candidate, flags, 0o644), candidate
        except FileExistsError:
            continue


_made_directories: set[str] = set()


def _ensure_directory(directory: Path) -> None:
    key = str(directory)
    if key in _made_directories:
        return
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise OutputError(f"cannot create directory {directory}: a file of that name exists") from None
    except OSError as exc:
        raise exhausted(exc) or OutputError(f"cannot create directory {directory}: {reason(exc)}") from None
    _made_directories.add(key)


#: ``True`` makes :func:`atomic_write` flush every file to disk before the rename (power-loss
#: safety, at a cost in speed); ``convert --fsync`` or ``BULLETIN_CONVERT_FSYNC=1`` set it.
FSYNC = os.environ.get("BULLETIN_CONVERT_FSYNC", "").strip().lower() in ("1", "true", "yes", "on")


def check_replaceable(path: Path, *, rebuild: bool = False) -> None:
    """An :class:`OutputError` unless ``path`` is free or a writable regular file (or a
    link, which the rename replaces, never its target): an output never replaces a
    directory, a read-only file, or something that is not a file at all (a device such as
    ``/dev/null``, a FIFO, a socket), which a rename over it would destroy (as root, a
    device node). ``rebuild``: the file is the run's own (its resume state), replaced
    whatever took its place."""
    try:
        kind = os.lstat(path).st_mode
    except FileNotFoundError:
        return
    except OSError as exc:
        raise exhausted(exc) or OutputError(f"cannot write {path}: {reason(exc)}") from None
    mode = kind
    if stat.S_ISLNK(kind):
        try:
            mode = os.stat(path).st_mode
        except OSError as exc:
            if exc.errno in (errno.ENOENT, errno.ENOTDIR, errno.ELOOP):
                return  # a link that reaches nothing (a loop too): the rename replaces the link
            raise exhausted(exc) or OutputError(f"cannot write {path}: {reason(exc)}") from None
    if stat.S_ISDIR(mode):
        raise OutputError(f"cannot write {path}: it is a directory")
    if not (stat.S_ISREG(mode) or stat.S_ISLNK(kind) or rebuild):
        raise OutputError(f"cannot write {path}: it exists and is not a regular file (a device, FIFO or socket)")
    if not mode & 0o222:
        raise OutputError(f"cannot write {path}: the file is read-only (remove it, or make it writable)")


def _still_the_file(fd: int, temporary: str | Path) -> bool:
    """Whether ``fd`` is still the temporary file's descriptor: code in another thread (a
    plugin's) may have closed it and another file taken the number, so that what was
    written went elsewhere and the file is short — it must never be renamed into place."""
    try:
        written = os.fstat(fd)
    except OSError:
        return False
    named = os.stat(temporary, follow_symlinks=False)
    return (written.st_dev, written.st_ino) == (named.st_dev, named.st_ino)


def atomic_write(path: Path, data: bytes, *, fsync: bool | None = None, rebuild: bool = False) -> None:
    """Write ``data`` to ``path`` atomically (temporary file + rename in the same directory);
    ``fsync`` flushes it to disk first (``None``: as :data:`FSYNC` says); ``rebuild`` as
    :func:`check_replaceable`."""
    directory = path.parent
    _ensure_directory(directory)
    check_replaceable(path, rebuild=rebuild)
    fd = -1
    temporary = None
    try:
        try:
            fd, temporary = _create_temporary(directory, path.name)
        except FileNotFoundError:  # the directory went away since we made it
            _made_directories.discard(str(directory))
            _ensure_directory(directory)
            fd, temporary = _create_temporary(directory, path.name)
        view = memoryview(data)
        while view:
            written = os.write(fd, view)
            view = view[written:]
        if FSYNC if fsync is None else fsync:
            os.fsync(fd)
        if not _still_the_file(fd, temporary):
            fd = -1  # another file's number now: not ours to close
            raise OSError(errno.EBADF, "its file descriptor was closed and taken by another file while it was written")
        os.close(fd)
        fd = -1
        os.replace(temporary, path)
        temporary = None
    except OSError as exc:
        raise exhausted(exc) or OutputError(f"cannot write {path}: {reason(exc)}") from None
    finally:
        if fd >= 0:
            os.close(fd)
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)


def single_output(directory: str | Path, stem: str, extension: str) -> Path:
    """Where a format that writes one file puts a page's output: ``<stem><extension>``."""
    return Path(directory) / safe_name(f"{stem}{extension}")


def real_directory(path: Path, *, root: Path | None = None) -> Path:
    """Make sure ``path`` (and every folder between ``root`` and it) is a directory of its
    own, not a symbolic link planted to send outputs elsewhere: an :class:`OutputError`
    naming the link, or the file in the way. Missing folders are made."""
    parts = [path]
    if root is not None:
        try:
            relative = path.relative_to(root)
        except ValueError:
            relative = Path()
        parts = [root.joinpath(*relative.parts[: depth + 1]) for depth in range(len(relative.parts))]
    for folder in parts:
        try:
            info = os.lstat(folder)
        except FileNotFoundError:
            continue  # made when a file is written into it
        except OSError as exc:
            raise exhausted(exc) or OutputError(f"cannot use directory {folder}: {reason(exc)}") from None
        if stat.S_ISLNK(info.st_mode):
            raise OutputError(f"{folder} is a symbolic link; not writing through it (remove it, or choose another -o)")
        if not stat.S_ISDIR(info.st_mode):
            raise OutputError(f"cannot create directory {folder}: a file of that name exists")
    return path


def owned_by(name: str, extension: str, extensions: Iterable[str]) -> bool:
    """Whether a file called ``name`` in a page's folder is an output of the format with
    ``extension``: it ends with it, and with no longer extension of another format
    (``x.ninjs.json`` is ninjs's, not json's). Temporary files are nobody's."""
    if name.startswith(".") or not name.lower().endswith(extension.lower()):
        return False
    longest = max((ext for ext in extensions if name.lower().endswith(ext.lower())), key=len, default=extension)
    return len(longest) <= len(extension)


def stray_outputs(
    directory: Path, stem: str, formats: Iterable[str], extensions: Iterable[str], keep: Collection[Path]
) -> list[Path]:
    """A page's files of the formats with extensions ``formats`` that are not in ``keep``:
    the single file ``<stem><ext>`` of each, and the files in the page's folder ``<stem>/``
    that one of them owns (:func:`owned_by`; ``extensions`` are every format's). Regular
    files only: a link or a folder in the way is nobody's output. The temporary files that
    a killed process left in the folder are removed on the way (:func:`sweep_debris`)."""
    formats, extensions = list(formats), list(extensions)
    stray = []
    for extension in formats:
        single = single_output(directory, stem, extension)
        with contextlib.suppress(OSError):
            if single not in keep and stat.S_ISREG(os.lstat(single).st_mode):
                stray.append(single)
    folder = Path(directory) / safe_name(stem)
    try:
        if not stat.S_ISDIR(os.lstat(folder).st_mode):
            return stray  # a link in the folder's place is no folder of ours
        entries = list(os.scandir(folder))
    except OSError:
        return stray
    for entry in entries:
        if entry.name.startswith("."):
            _remove_debris(entry)
            continue  # no format's output is hidden (:func:`owned_by`)
        path = folder / entry.name
        if (
            path not in keep
            and entry.is_file(follow_symlinks=False)
            and any(owned_by(entry.name, extension, extensions) for extension in formats)
        ):
            stray.append(path)
    return stray


def remove_stale(directory: Path, stem: str, extension: str, extensions: Iterable[str], keep: set[Path]) -> None:
    """Remove a page's earlier outputs of one format that this run did not write again
    (:func:`stray_outputs`), and its folder ``<stem>/`` once empty, so the page holds
    exactly its new files."""
    for path in stray_outputs(directory, stem, [extension], extensions, keep):
        with contextlib.suppress(OSError):
            os.unlink(path)
    with contextlib.suppress(OSError):
        os.rmdir(Path(directory) / safe_name(stem))  # only when empty
