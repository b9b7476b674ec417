"""Which plugin call a batch worker is in, noted where its parent can read it after the
worker has died.

A worker that dies in plugin code — killed, crashed, or left without its pipes to the
parent by a plugin that closed them — cannot always say why: a plugin that closes the
worker's descriptors closes the one the parent watches it by too, and the parent, seeing
it end, stops the worker before it can write a line. So before each plugin call a worker
notes the page and the call (``format 'rude' (plugin rude_plugin)``) in a small file of its
own in a private folder of the parent's, and empties it when the call has returned and
been checked; the parent, whose worker died on a page, reads there what that page's
worker was doing (:func:`died_in`). No descriptor is kept open for a plugin to close: each
note is a file opened, written and closed again (a few microseconds a plugin call).

A worker also notes each page it begins, one line a page appended to a log of its own
(``PID.begun``): a run that is stopped tells the pages a worker began (``unfinished``) from
those handed to the pool but never begun (``not_started``) by reading them (:func:`begun`)
— a process pool's future says "running" from the moment the page is queued for a worker,
so up to ``jobs + 1`` pages no worker had taken were reported as begun.

While a worker converts a page, its note says which, and since when (its
``time.monotonic()``, one clock for every process of the machine): the parent's watch
for pages stuck past ``--timeout`` starts a page's clock when a worker began it
(:func:`running`), not when the pool queued it for a worker.
"""

from __future__ import annotations

import contextlib
import json
import os
import time

#: In a worker: the parent's folder of notes (``None``: not a batch worker, nothing noted).
_folder: str | None = None
#: In a worker: the page being converted, and the plugin calls it is in (innermost last).
_page: str | None = None
_since = 0.0
_calls: list[str] = []

#: Largest note read back (a note is a page's name and a plugin call's label).
MAX_NOTE = 65_536


PREFIX = "bulletin-convert-calls-"


def new_folder() -> str | None:
    """In the parent: a private folder for its workers' notes (mode 0700), named with its
    process id; the folders of runs that were killed (their process gone) are removed.
    ``None`` when none can be made (no notes are kept: a worker that dies is named as
    before)."""
    import shutil
    import tempfile  # (not loaded where there are no workers: a single page starts faster)

    try:
        base = tempfile.gettempdir()  # (none usable: out of descriptors, say)
    except OSError:
        return None
    with contextlib.suppress(OSError):
        for name in os.listdir(base):
            pid = name[len(PREFIX) :].split("-", 1)[0]
            if name.startswith(PREFIX) and pid.isdigit() and not _running(int(pid)):
                path = os.path.join(base, name)
                if not hasattr(os, "getuid") or os.lstat(path).st_uid == os.getuid():
                    shutil.rmtree(path, ignore_errors=True)
    try:
        return tempfile.mkdtemp(prefix=f"{PREFIX}{os.getpid()}-")
    except OSError:
        return None


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # another user's
    return True


def start_worker(folder: str | None) -> None:
    """In a new worker process: note its plugin calls in ``folder``."""
    global _folder, _page
    _folder, _page = folder, None
    _calls.clear()


#: The suffix of a worker's log of the pages it began.
BEGUN = ".begun"


def page(key: str | None) -> None:
    """In a worker: the page it converts from now on (``None``: none), noted as begun."""
    global _page, _since
    _page, _since = key, time.monotonic()
    _calls.clear()
    if key is not None:
        _note_begun(key)
    _write()


def _note_begun(key: str) -> None:
    """Append ``key`` to this worker's log of the pages it began (one JSON string a line,
    written in one call: never half a line)."""
    if _folder is None:
        return
    path = os.path.join(_folder, f"{os.getpid()}{BEGUN}")
    line = (json.dumps(key) + "\n").encode("ascii")  # (a name's lone surrogates escaped, read back the same)
    _put(path, line, os.O_APPEND)


def begun(folder: str | None) -> set[str] | None:
    """In the parent: the keys of every page a worker of this run noted as begun (``None``:
    no notes are kept, nothing is known). Read once the workers are stopped."""
    if folder is None:
        return None
    keys: set[str] = set()
    try:
        names = [name for name in os.listdir(folder) if name.endswith(BEGUN)]
    except OSError:
        return None
    for name in names:
        try:
            fd = os.open(os.path.join(folder, name), os.O_RDONLY | os.O_CLOEXEC | os.O_NOFOLLOW | os.O_NONBLOCK)
        except OSError:
            continue
        try:
            with os.fdopen(fd, "rb") as log:
                lines = log.read().splitlines()
        except OSError:
            continue
        for line in lines:
            with contextlib.suppress(ValueError):
                key = json.loads(line)
                if isinstance(key, str):
                    keys.add(key)
    return keys


def enter(label: str) -> None:
    """In a worker: a plugin call named ``label`` starts."""
    _calls.append(label)
    _write()


def leave() -> None:
    """In a worker: the innermost plugin call has returned (and its checks are done)."""
    if _calls:
        _calls.pop()
    _write()


def _put(path: str, data: bytes, mode: int) -> None:
    """Write ``data`` to the note ``path`` in one call (``mode``: ``os.O_APPEND`` or
    ``os.O_TRUNC``), never through a link; a note that cannot be written is left out."""
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | mode | os.O_CLOEXEC | os.O_NOFOLLOW, 0o600)
        try:
            os.write(fd, data)
        finally:
            os.close(fd)


def _write() -> None:
    if _folder is None:
        return
    path = os.path.join(_folder, str(os.getpid()))
    note = {"page": _page, "since": _since, "call": _calls[-1] if _calls else None}
    data = json.dumps(note).encode("utf-8", "backslashreplace") if _page is not None or _calls else b""
    _put(path, data, os.O_TRUNC)


def died_in(folder: str | None, key: str) -> str | None:
    """In the parent: the plugin call a worker was in when it died converting page
    ``key`` (its label), if a worker noted one."""
    for note in _notes(folder):
        if note.get("page") == key and isinstance(note.get("call"), str):
            return note["call"]
    return None


def running(folder: str | None) -> dict[str, float] | None:
    """In the parent: the pages the workers are converting now, each with the moment
    (``time.monotonic()``) its worker began it (``None``: no notes are kept)."""
    if folder is None:
        return None
    found: dict[str, float] = {}
    for note in _notes(folder):
        key, since = note.get("page"), note.get("since")
        if isinstance(key, str) and isinstance(since, int | float) and not isinstance(since, bool):
            found[key] = float(since)
    return found


def _notes(folder: str | None) -> list[dict[str, object]]:
    """The workers' current notes (each a JSON object; an empty or unreadable one left out)."""
    if folder is None:
        return []
    try:
        names = os.listdir(folder)
    except OSError:
        return []
    notes = []
    for name in names:
        if name.endswith(BEGUN):
            continue
        try:
            fd = os.open(os.path.join(folder, name), os.O_RDONLY | os.O_CLOEXEC | os.O_NOFOLLOW | os.O_NONBLOCK)
        except OSError:
            continue
        try:
            data = os.read(fd, MAX_NOTE)
        except OSError:
            continue
        finally:
            os.close(fd)
        try:
            note = json.loads(data) if data else None
        except ValueError:
            continue
        if isinstance(note, dict):
            notes.append(note)
    return notes


def clear(folder: str | None) -> None:
    """In the parent: forget the call notes of workers that are gone (a pool replaced); their
    logs of the pages they began are kept (a page they began and the run gives again)."""
    if folder is None:
        return
    with contextlib.suppress(OSError):
        for name in os.listdir(folder):
            if name.endswith(BEGUN):
                continue
            with contextlib.suppress(OSError):
                os.unlink(os.path.join(folder, name))


def remove(folder: str | None) -> None:
    """In the parent: remove the folder of notes, at the run's end."""
    if folder is not None:
        import shutil

        shutil.rmtree(folder, ignore_errors=True)
